// vm.compileFunction's functions: a FunctionBody text and parameter names, prepared once (parsed and
// compiled, as V8's ScriptCompiler::CompileFunction parses the body on its own, not wrapped in text)
// and then made into a function of a realm, inside object environments for the embedder's
// `contextExtensions` (as V8 wraps the function's context in `with` contexts, §9.1.1.2).
import type { Identifier, Pattern } from 'acorn';
import type { Realm } from '../realm/realm.js';
import { parseFunctionBody, ParseError } from '../parser/parse.js';
import { ScopeInfo, boundNames, lexicalDeclarations } from './compile/scope.js';
import type { ScriptProgram, SynthesizedFunction } from './compile/estree.js';
import type { SourceRecord } from './compile/compile-context.js';
import { FunctionTemplate, compileFunction } from './compile/function-template.js';
import { makeFunction } from './runtime/function-object.js';
import { Env } from './runtime/environment.js';
import { globalFrame, syntaxErrorFrom, type ScriptSourceOptions } from './script.js';

/** A prepared compileFunction body: reusable to make functions in any realm. */
export interface PreparedFunction {
  /** @internal */
  readonly template: FunctionTemplate;
  /** @internal The global scope the function's scopes hang from. */
  readonly globalScope: ScopeInfo;
  /** @internal The compile-time scope of every extension object's environment, or null without them. */
  readonly withScope: ScopeInfo | null;
  readonly source: SourceRecord;
  /** @internal The checked parse of the body (a Script goal with `return` allowed); cachedData encodes it. */
  readonly program: ScriptProgram;
}

/** Parses and compiles `body` as the FunctionBody of a sloppy (unless the body says `"use strict"`)
 * ordinary function with the simple parameter list `params`, under `withScopes` object environments
 * when there are extension objects; `parsed` is the body's checked parse read from cachedData. Throws
 * the host's SyntaxError (its location recorded). */
export function prepareFunction(body: string, params: readonly string[], options: ScriptSourceOptions, withScopes: boolean, parsed?: ScriptProgram): PreparedFunction {
  const source: SourceRecord = { text: body, filename: options.filename, lineOffset: options.lineOffset, columnOffset: options.columnOffset };
  let program: ScriptProgram;
  try {
    program = parsed ?? parseFunctionBody(body, options);
  } catch (e) {
    throw e instanceof ParseError ? syntaxErrorFrom(e, options.filename) : e;
  }
  const statements = program.body;
  // A parameter and a top-level lexical declaration of the body may not share a name (§15.2.1 early
  // errors); top-level function declarations of a function body are var-scoped.
  const paramSet = new Set(params);
  for (const d of lexicalDeclarations(statements)) {
    if (d.type === 'FunctionDeclaration') continue;
    const ids: Pattern[] = d.type === 'VariableDeclaration' ? d.declarations.map((x) => x.id) : [d.id];
    for (const id of ids) {
      for (const name of boundNames(id)) {
        if (paramSet.has(name)) throw redeclared(body, name, (bindingIdentifier(id, name) ?? id).start, options);
      }
    }
  }
  const paramNodes: Identifier[] = params.map((name) => ({ type: 'Identifier', name, start: 0, end: 0 }));
  const node: SynthesizedFunction = {
    type: 'FunctionExpression', params: paramNodes, start: 0, end: body.length,
    body: { type: 'BlockStatement', body: statements, start: 0, end: body.length },
  };
  const globalScope = new ScopeInfo('script', null, false);
  const withScope = withScopes ? new ScopeInfo('with', globalScope, true) : null;
  const template = new FunctionTemplate(node, 'normal', '', withScope ?? globalScope, false, source, null);
  // V8 shows the function as if its text were wrapped; an empty body has no text at all.
  template.textOverride = body === '' ? 'function () { [native code] }' : `function (${params.join(', ')}) {\n${body}\n}`;
  compileFunction(template);
  return { template, globalScope, withScope, source, program };
}

/** The function of a prepared body in `realm`: a new closure over one object environment per
 * extension object, the first outermost (the last one's properties win). */
export function instantiateFunction(p: PreparedFunction, realm: Realm, extensions: readonly object[]): Function {
  const f = globalFrame(realm, p.globalScope, false, p.source);
  let env = f.env;
  for (const o of extensions) env = new Env(env, [], p.withScope!, o);
  return makeFunction(p.template, f, env, '');
}

/** The Identifier that binds `name` in the pattern `p`. */
function bindingIdentifier(p: Pattern | null, name: string): Identifier | null {
  if (p === null) return null;
  switch (p.type) {
    case 'Identifier': return p.name === name ? p : null;
    case 'ObjectPattern':
      for (const q of p.properties) {
        const hit = bindingIdentifier(q.type === 'RestElement' ? q.argument : q.value, name);
        if (hit !== null) return hit;
      }
      return null;
    case 'ArrayPattern':
      for (const q of p.elements) {
        const hit = bindingIdentifier(q, name);
        if (hit !== null) return hit;
      }
      return null;
    case 'RestElement': return bindingIdentifier(p.argument, name);
    case 'AssignmentPattern': return bindingIdentifier(p.left, name);
    default: return null;
  }
}

/** V8's early error for a body declaration that redeclares a parameter, at the declaring name. */
function redeclared(text: string, name: string, pos: number, options: ScriptSourceOptions): SyntaxError {
  let line = 1, lineStart = 0;
  for (let i = 0; i < pos; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  const column = pos - lineStart + (line === 1 ? options.columnOffset : 0);
  const failure = { message: `Identifier '${name}' has already been declared`, line: line + options.lineOffset, column };
  return syntaxErrorFrom(new ParseError(failure), options.filename);
}
