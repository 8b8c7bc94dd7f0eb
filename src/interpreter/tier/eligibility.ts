// Which functions the compiled tier takes, and which parts of a body it emits as
// host code itself ("native") rather than delegating to closures of the closure
// tier. Static, per FunctionTemplate. A delegated part ("opaque region": a nested
// function, or an expression or statement the tier does not emit) reads its
// variables from environment slots, as the closure tier does; so every name an
// opaque region mentions stays in its Env slot, and every scope that contains one
// gets its run-time Env, exactly as the closure tier would make it.
import type { Node, Statement, Expression } from 'acorn';
import type { FunctionTemplate } from '../compile/function-template.js';
import { DISPOSE_CAPABILITY, type ScopeInfo } from '../compile/scope.js';

/** Thrown while analysing or emitting a body the tier does not take: the function stays in closures. */
export class Unsupported extends Error {}

/** Function kinds the tier compiles: no suspension; class constructors of base classes only (a derived
 * one's `this` is bound by super(), in the middle of its body). */
const KINDS = new Set(['normal', 'arrow', 'method', 'getter', 'setter', 'classConstructor']);

/** Whether `t` may be compiled to host code at all (the body's parts are checked by analyseBody). */
export function templateEligible(t: FunctionTemplate, scope: ScopeInfo): boolean {
  if (!KINDS.has(t.kind) || t.isDefaultConstructor || t.isDerived || t.source.debug === true) return false;
  if (t.uses.directEval) return false;
  if (scope.dynamic || scope.bindings.has(DISPOSE_CAPABILITY)) return false;
  const params = t.node.params ?? [];
  return params.every((p) => p.type === 'Identifier');
}

type AnyNode = Node & { [key: string]: unknown };

/** An expression the tier emits itself (its sub-expressions are decided on their own). `lazyArguments`:
 * the function reads `arguments` without making the object (compile/lazy-arguments.ts), in forms the
 * closure tier compiles: those stay with it. */
export function nativeExpression(n: Expression, lazyArguments: LazyNames): boolean {
  if (lazyArguments !== null && usesLazyArguments(n, lazyArguments)) return false;
  switch (n.type) {
    case 'Literal': return n.regex === undefined && n.bigint === undefined && (n.value === null || typeof n.value === 'number' || typeof n.value === 'string' || typeof n.value === 'boolean');
    case 'Identifier': case 'ThisExpression': case 'LogicalExpression': case 'ConditionalExpression':
    case 'SequenceExpression': case 'ParenthesizedExpression':
      return true;
    case 'MemberExpression': return nativeMember(n);
    case 'CallExpression': {
      if (n.callee.type === 'Super' || n.optional === true || n.arguments.some((a) => a.type === 'SpreadElement')) return false;
      const callee = unparenthesized(n.callee as Expression);
      if (callee.type === 'Identifier' && callee.name === 'eval') return false;
      if (callee.type === 'ChainExpression') return false;
      if (callee.type === 'MemberExpression') return nativeMember(callee);
      return true;
    }
    case 'NewExpression': return !n.arguments.some((a) => a.type === 'SpreadElement');
    case 'UpdateExpression': return n.argument.type === 'Identifier' || (n.argument.type === 'MemberExpression' && nativeMember(n.argument));
    case 'UnaryExpression': return n.operator !== 'delete';
    case 'BinaryExpression': return n.left.type !== 'PrivateIdentifier';
    case 'AssignmentExpression': {
      if (n.operator === '&&=' || n.operator === '||=' || n.operator === '??=') return false;
      const left = n.left;
      if (left.type === 'Identifier') return true;
      if (left.type !== 'MemberExpression' || !nativeMember(left)) return false;
      return !(n.operator === '=' && !left.computed && (left.property as { name?: string }).name === 'length');
    }
    case 'MetaProperty': return n.meta.name === 'new';
    case 'ArrayExpression': return n.elements.every((x) => x !== null && x.type !== 'SpreadElement');
    case 'ObjectExpression': return n.properties.every((p) => p.type === 'Property' && p.kind === 'init' && !p.method && !p.computed
      && (p.key.type === 'Identifier' || (p.key.type === 'Literal' && typeof p.key.value === 'string')) && !isProtoKey(p.key)
      && (p.shorthand || !isAnonymousDefinition(p.value as Expression)));
    default: return false;
  }
}

/** `__proto__: v` sets the prototype (§13.2.5.5): left to the closure tier. */
function isProtoKey(k: Expression | { type: string }): boolean {
  const key = k as { type: string; name?: string; value?: unknown };
  return (key.type === 'Identifier' && key.name === '__proto__') || (key.type === 'Literal' && key.value === '__proto__');
}

/** An anonymous function or class definition (named after its property: left to the closure tier). */
function isAnonymousDefinition(n: Expression): boolean {
  return ((n.type === 'FunctionExpression' || n.type === 'ClassExpression') && !n.id) || n.type === 'ArrowFunctionExpression';
}

/** The names a function reads its argument list through without the object: `arguments`, and the
 * variable of its `var a = arguments;` alias when it has one (null: the object is made). */
export type LazyNames = { readonly alias: string | null } | null;

function isArguments(n: unknown, lazy: NonNullable<LazyNames>): boolean {
  const x = n as { type?: string; name?: string };
  return x.type === 'Identifier' && (x.name === 'arguments' || x.name === lazy.alias);
}

/** `arguments.length`, `arguments[k]` (also as a callee) and `f(…, arguments)`, and the same on the
 * alias: the forms that read the argument list without the object (compile/lazy-arguments.ts). */
function usesLazyArguments(n: Expression, lazy: NonNullable<LazyNames>): boolean {
  if (n.type === 'MemberExpression') return isArguments(n.object, lazy);
  if (n.type === 'CallExpression') {
    const callee = unparenthesized(n.callee as Expression);
    return (callee.type === 'MemberExpression' && isArguments(callee.object, lazy)) || n.arguments.some((a) => isArguments(a, lazy));
  }
  return false;
}

function nativeMember(n: Expression): boolean {
  return n.type === 'MemberExpression' && n.object.type !== 'Super' && n.property.type !== 'PrivateIdentifier' && n.optional !== true;
}

export function unparenthesized(n: Expression): Expression {
  while (n.type === 'ParenthesizedExpression') n = n.expression;
  return n;
}

/** A statement the tier emits itself. */
export function nativeStatement(n: Statement): boolean {
  switch (n.type) {
    case 'ExpressionStatement': case 'ReturnStatement': case 'IfStatement': case 'BlockStatement': case 'EmptyStatement':
    case 'DebuggerStatement': case 'ThrowStatement': case 'BreakStatement': case 'ContinueStatement':
    case 'WhileStatement': case 'DoWhileStatement': case 'SwitchStatement':
      return true;
    case 'VariableDeclaration': return nativeDeclaration(n);
    case 'ForStatement': return n.init === null || n.init === undefined || n.init.type !== 'VariableDeclaration' || nativeDeclaration(n.init);
    case 'LabeledStatement': return n.body.type !== 'FunctionDeclaration' && nativeStatement(n.body);
    default: return false;
  }
}

function nativeDeclaration(n: Statement): boolean {
  return n.type === 'VariableDeclaration' && (n.kind === 'var' || n.kind === 'let' || n.kind === 'const') && n.declarations.every((d) => d.id.type === 'Identifier');
}

const STATEMENT = /(Statement|Declaration)$/;

/** What the analysis found: the names opaque regions mention, and the nodes (blocks, loops, the body)
 * that contain an opaque region and so get their Env at run time. */
export interface BodyAnalysis {
  readonly opaqueNames: Set<string>;
  readonly holders: Set<Node>;
}

/** Walks a function body (statements, or a concise arrow's expression). Throws Unsupported for what
 * the tier cannot take at all. */
export function analyseBody(root: Node, statements: readonly Statement[] | null, expression: Expression | null, lazyArguments: LazyNames): BodyAnalysis {
  const opaqueNames = new Set<string>();
  const holders = new Set<Node>();
  const stack: Node[] = [root];
  const opaque = (n: Node): void => {
    collectNames(n, opaqueNames);
    for (const h of stack) holders.add(h);
  };
  const visitExpr = (n: Expression): void => {
    if (!nativeExpression(n, lazyArguments)) { opaque(n); return; }
    visitChildren(n);
  };
  const visitStmt = (n: Statement, top: boolean): void => {
    if (n.type === 'FunctionDeclaration') {
      if (!top) throw new Unsupported('block-level function declaration');
      opaque(n);
      return;
    }
    if (n.type === 'WithStatement') throw new Unsupported('with');
    if (n.type === 'VariableDeclaration' && n.kind !== 'var' && n.kind !== 'let' && n.kind !== 'const') throw new Unsupported('using');
    if (!nativeStatement(n)) {
      if (escapes(n)) throw new Unsupported('break or continue out of a delegated statement');
      opaque(n);
      return;
    }
    const scoped = n.type === 'BlockStatement' || n.type === 'ForStatement' || n.type === 'SwitchStatement';
    if (scoped) stack.push(n);
    visitChildren(n);
    if (scoped) stack.pop();
  };
  const visitChildren = (n: Node): void => {
    const a = n as AnyNode;
    for (const key in a) {
      if (key === 'loc' || key === 'type') continue;
      const v = a[key];
      if (Array.isArray(v)) { for (const x of v) visitAny(x); } else visitAny(v);
    }
  };
  const visitAny = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || typeof (v as Node).type !== 'string') return;
    const n = v as Node;
    if (n.type === 'FunctionDeclaration') throw new Unsupported('function declaration in a statement position');
    if (STATEMENT.test(n.type)) visitStmt(n as Statement, false);
    else if (n.type === 'VariableDeclarator' || n.type === 'SwitchCase' || n.type === 'CatchClause' || n.type === 'TemplateElement') visitChildren(n);
    else if (n.type === 'Identifier' || n.type === 'PrivateIdentifier') return;
    else visitExpr(n as Expression);
  };
  if (statements !== null) for (const s of statements) visitStmt(s, true);
  if (expression !== null) visitExpr(expression);
  return { opaqueNames, holders };
}

/** Every identifier name under `n` (binding, reference or property name: a superset is safe). */
function collectNames(n: unknown, out: Set<string>): void {
  if (n === null || typeof n !== 'object') return;
  if (Array.isArray(n)) { for (const x of n) collectNames(x, out); return; }
  const a = n as AnyNode;
  if (a.type === 'Identifier' && typeof a.name === 'string') out.add(a.name);
  for (const key in a) {
    if (key === 'loc') continue;
    const v = a[key];
    if (v !== null && typeof v === 'object') collectNames(v, out);
  }
}

const FUNCTIONISH = /^(FunctionExpression|ArrowFunctionExpression|FunctionDeclaration|ClassExpression|ClassDeclaration|StaticBlock|PropertyDefinition)$/;

/** Whether a break or continue inside `n` leaves it (a delegated statement may only complete normally
 * or return). */
function escapes(n: Statement): boolean {
  const walk = (v: unknown, loops: number, switches: number, labels: readonly string[]): boolean => {
    if (v === null || typeof v !== 'object') return false;
    if (Array.isArray(v)) return v.some((x) => walk(x, loops, switches, labels));
    const a = v as AnyNode;
    if (typeof a.type === 'string' && FUNCTIONISH.test(a.type)) return false;
    switch (a.type) {
      case 'BreakStatement': return a.label ? !labels.includes((a.label as { name: string }).name) : loops + switches === 0;
      case 'ContinueStatement': return a.label ? !labels.includes((a.label as { name: string }).name) : loops === 0;
      case 'LabeledStatement': return walk(a.body, loops, switches, [...labels, (a.label as { name: string }).name]);
      case 'WhileStatement': case 'DoWhileStatement': case 'ForStatement': case 'ForInStatement': case 'ForOfStatement':
        loops++;
        break;
      case 'SwitchStatement': switches++; break;
    }
    for (const key in a) {
      if (key === 'loc') continue;
      if (walk(a[key], loops, switches, labels)) return true;
    }
    return false;
  };
  return walk(n, 0, 0, []);
}

const LOOP = /^(For|ForIn|ForOf|While|DoWhile)Statement$/;
const NESTED = /^(FunctionExpression|ArrowFunctionExpression|FunctionDeclaration|ClassExpression|ClassDeclaration)$/;

/** Whether a body has a loop of its own (not one of a nested function's). */
export function hasLoop(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(hasLoop);
  const n = node as { type?: unknown; [key: string]: unknown };
  if (typeof n.type === 'string') {
    if (LOOP.test(n.type)) return true;
    if (NESTED.test(n.type)) return false;
  }
  for (const key in n) if (key !== 'loc' && hasLoop(n[key])) return true;
  return false;
}
