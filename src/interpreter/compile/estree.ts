// ESTree node types as vmjs uses them: acorn's typed nodes (acorn.d.ts), plus what acorn's types do not
// say: a Script's Program has no module declarations, and the function-shaped nodes that the class
// compiler (evaluate/classes.ts) synthesizes for constructors, static blocks and field initializers.
// Types only: nothing here exists at run time.
import type { ArrowFunctionExpression, BlockStatement, Expression, FunctionDeclaration, FunctionExpression, Node, Pattern, Program, Statement, VariableDeclaration, ClassDeclaration } from 'acorn';

/** A Program parsed with sourceType 'script': its body holds no import/export declarations. */
export interface ScriptProgram extends Program {
  sourceType: 'script';
  body: Statement[];
}

/** A Program parsed with sourceType 'module': statements and import/export declarations. */
export interface ModuleProgram extends Program {
  sourceType: 'module';
}

/** A function the class compiler synthesizes (it is never parsed): a default constructor and a static
 * block (`body` a BlockStatement), or a field initializer (`body` the initializer expression). It has
 * only these fields: no `id`, `generator`, `async` or `expression`. */
export interface SynthesizedFunction extends Node {
  type: 'FunctionExpression';
  id?: undefined;
  params: Pattern[];
  body: BlockStatement | Expression;
  generator?: undefined;
  async?: undefined;
  /** Field initializers: the field's name for NamedEvaluation of an anonymous function initializer
   * (§15.7.10), or undefined for a computed key (named at run time). */
  vmjsFieldName?: string;
}

/** Parsed function nodes carry no vmjs fields. */
interface Parsed { vmjsFieldName?: undefined }

/** Every node a FunctionTemplate is made from: methods, getters and setters are their
 * MethodDefinition's / Property's `value` (a FunctionExpression). */
export type FunctionNode =
  | (FunctionDeclaration & Parsed)
  | (FunctionExpression & Parsed)
  | (ArrowFunctionExpression & Parsed)
  | SynthesizedFunction;

/** A LexicallyScopedDeclaration of a statement list (§8.2.5): let/const (and, as acorn parses them,
 * `using` declarations), class, and function declarations (lexical in blocks). */
export type LexicalDeclaration =
  | (VariableDeclaration & { kind: Exclude<VariableDeclaration['kind'], 'var'> })
  | ClassDeclaration
  | FunctionDeclaration;
