// Function and class expressions (§15.2-§15.7) and NamedEvaluation (§8.4.5).
// Separate because every binding form (declarations, assignments, object and
// class members, destructuring defaults) names anonymous definitions through
// the same helpers. Generator form; the synchronous form is derived.
import type { ArrowFunctionExpression, ClassExpression, Expression, FunctionDeclaration, FunctionExpression } from 'acorn';
import type { Expr, Ev } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { makeFunction } from '../runtime/function-object.js';
import { FunctionTemplate, type FunctionKind } from '../compile/function-template.js';
import { compileClass } from './classes.js';

/** A function node a FunctionTemplate is made from. */
export type FunctionNode = FunctionExpression | ArrowFunctionExpression | FunctionDeclaration;
/** An anonymous function or class definition (§8.4.3 IsAnonymousFunctionDefinition). */
export type AnonymousDefinition = FunctionExpression | ArrowFunctionExpression | ClassExpression;

/** NamedEvaluation (§8.4.5): anonymous function/class definitions take the binding's name. */
export function isAnonymousFunctionDefinition(node: Expression): node is AnonymousDefinition {
  return ((node.type === 'FunctionExpression' || node.type === 'ClassExpression') && !node.id) || node.type === 'ArrowFunctionExpression';
}

export function compileNamed(node: AnonymousDefinition, c: CompileContext, name: PropertyKey | undefined): Expr {
  // Not delegated to the synchronous form even without a suspension point: delegation compiles the
  // bare expression and would lose the name (a definition's own body is another function anyway).
  if (node.type === 'ClassExpression') return compileClass(node, c, name);
  return compileFunctionExpression(node, c, name);
}

/** An Expr that names an anonymous function/class definition with a key computed at run time. */
export function compileNamedDynamic(node: Expression, c: CompileContext): ((f: Frame, name: PropertyKey) => Ev<unknown>) | null {
  if (!isAnonymousFunctionDefinition(node)) return null;
  if (node.type === 'ClassExpression') return compileClassDynamic(node, c);
  const t = functionTemplate(node, c, undefined);
  return function* (f, name) { return makeFunction(t, f, f.env, name); };
}

function compileClassDynamic(node: ClassExpression, c: CompileContext): (f: Frame, name: PropertyKey) => Ev<unknown> {
  return compileClass(node, c, undefined, true) as unknown as (f: Frame, name: PropertyKey) => Ev<unknown>;
}

export function functionKindOf(node: FunctionNode, methodKind?: 'method' | 'get' | 'set'): FunctionKind {
  if (node.type === 'ArrowFunctionExpression') return node.async ? 'asyncArrow' : 'arrow';
  if (node.generator) return node.async ? 'asyncGenerator' : 'generator';
  if (node.async) return 'async';
  if (methodKind === 'get') return 'getter';
  if (methodKind === 'set') return 'setter';
  if (methodKind === 'method') return 'method';
  return 'normal';
}

export function functionTemplate(node: FunctionNode, c: CompileContext, name: string | undefined, methodKind?: 'method' | 'get' | 'set'): FunctionTemplate {
  const staticName = node.id ? node.id.name : name;
  return new FunctionTemplate(node, functionKindOf(node, methodKind), staticName, c.scope, c.strict, c.source, c.privates);
}

// §15.2.5, §15.3.4 function and arrow function expressions
export function compileFunctionExpression(node: FunctionExpression | ArrowFunctionExpression, c: CompileContext, name: PropertyKey | undefined): Expr {
  const t = functionTemplate(node, c, typeof name === 'string' ? name : undefined);
  if (typeof name === 'symbol') return function* (f) { return makeFunction(t, f, f.env, name); };
  return function* (f) { return makeFunction(t, f, f.env, undefined); };
}
