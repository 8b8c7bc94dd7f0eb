// Compile-time scopes: which names a scope declares, where each lives at run
// time (an environment slot), and how a reference resolves (static slot, by
// name through a dynamic scope, or global). Resolved once per Script.
import type { AnyNode, BlockStatement, ClassBody, Expression, FunctionDeclaration, Node, Pattern, Statement } from 'acorn';
import type { FunctionNode, LexicalDeclaration } from './estree.js';
import { undecodedFunction } from '../../parser/tree-codec.js';

export type BindingKind = 'var' | 'let' | 'const' | 'class' | 'function' | 'param' | 'catch' | 'callee' | 'arguments'
  // An import binding of a module (§9.1.1.5.5 CreateImportBinding): its slot holds an ImportCell that
  // names the exporting module's binding, read through on every access (live, with its TDZ).
  | 'import'
  // The hidden binding of a scope with `using` declarations: its slot holds the Environment Record's
  // [[DisposeCapability]] (a list of resources, or undefined until the first one), see DISPOSE_CAPABILITY.
  | 'disposeCapability';

/** The kind of binding a lexical declaration makes: a `using` or `await using` binding is a `const` one
 * (immutable, with a TDZ); what is different about it lives in its scope's DisposeCapability. */
export function lexicalBindingKind(kind: 'let' | 'const' | 'using' | 'await using'): BindingKind {
  return kind === 'using' || kind === 'await using' ? 'const' : kind;
}

/** The name of a scope's hidden DisposeCapability binding: not an IdentifierName, so no reference and no
 * eval code can resolve it. */
export const DISPOSE_CAPABILITY = '%DisposeCapability%';

/** Whether a statement list declares `using` or `await using` bindings directly (not in nested blocks). */
export function hasUsingDeclaration(body: readonly Statement[]): boolean {
  for (const s of body) if (s.type === 'VariableDeclaration' && (s.kind === 'using' || s.kind === 'await using')) return true;
  return false;
}

export interface Binding {
  readonly name: string;
  readonly slot: number;
  readonly kind: BindingKind;
}

export type ScopeKind = 'function' | 'block' | 'catch' | 'with' | 'script' | 'eval' | 'class' | 'module';

/** A scope known at compile time. Materialized scopes (`materialized`) have a run-time Env;
 * `info` of that Env is this object, so direct eval can resolve names at run time. */
export class ScopeInfo {
  readonly bindings = new Map<string, Binding>();
  /** Initial slot values, copied into each new Env (`undefined` or UNINIT). */
  readonly init: unknown[] = [];
  /** A sloppy function's var scope with direct eval can gain bindings at run time. */
  dynamic = false;
  constructor(
    readonly kind: ScopeKind,
    /** The nearest enclosing scope (materialized or not). */
    readonly parent: ScopeInfo | null,
    /** Whether this scope gets an Env at run time. */
    public materialized: boolean,
  ) {}

  declare(name: string, kind: BindingKind, init: unknown): Binding {
    const existing = this.bindings.get(name);
    if (existing) return existing;
    const b: Binding = { name, slot: this.init.length, kind };
    this.init.push(init);
    this.bindings.set(name, b);
    this.materialized = true;
    return b;
  }
}

/** Marks uninitialized (TDZ) lexical bindings. Never visible to guest code. */
export const UNINIT: unique symbol = Symbol('vmjs.uninitialized');

export type Resolution =
  | { kind: 'local'; hops: number; binding: Binding }
  | { kind: 'dynamic' }
  | { kind: 'global' };

/** Resolves `name` from `scope` statically when no dynamic scope (with, sloppy direct eval) intervenes. */
/** Resolutions of the name `arguments`: compileFunction learns from it whether a body refers to its
 * arguments object other than in the forms lazy-arguments.ts reads without making it. */
export const argumentsResolutions = { count: 0 };
/** Resolutions of the variable a body being compiled holds its arguments object in (`var a =
 * arguments;`, lazy-arguments.ts), while `name` is set: the same lesson for the alias. */
export const aliasResolutions: { name: string | null; count: number } = { name: null, count: 0 };

export function resolve(scope: ScopeInfo | null, name: string): Resolution {
  if (name === 'arguments') argumentsResolutions.count++;
  else if (name === aliasResolutions.name) aliasResolutions.count++;
  let hops = 0;
  for (let s = scope; s !== null; s = s.parent) {
    if (s.kind === 'with') return { kind: 'dynamic' };
    const b = s.bindings.get(name);
    if (b) return { kind: 'local', hops, binding: b };
    if (s.dynamic) return { kind: 'dynamic' };
    if (s.materialized) hops++;
  }
  return { kind: 'global' };
}

// ---- Declaration analysis (§8.2 Scope Analysis: VarDeclaredNames, LexicallyScopedDeclarations) ----

/** BoundNames of a binding pattern. */
export function boundNames(pattern: Pattern | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier': out.push(pattern.name); break;
    case 'ObjectPattern':
      for (const p of pattern.properties) boundNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern': for (const e of pattern.elements) boundNames(e, out); break;
    case 'RestElement': boundNames(pattern.argument, out); break;
    case 'AssignmentPattern': boundNames(pattern.left, out); break;
  }
  return out;
}

export interface VarScan {
  /** `var` names, in order. */
  vars: string[];
  /** Function declarations to hoist in the var scope (last one of a name wins). */
  functions: FunctionDeclaration[];
  /** Annex B.3.3 block-level functions that also get a var binding. */
  annexB: Set<FunctionDeclaration>;
}

/** VarScopedDeclarations of a function body or script, not entering nested functions. */
export function scanVarScope(body: Statement[], strict: boolean, topLevelFunctionsAreVars: boolean): VarScan {
  const vars: string[] = [];
  const functions: FunctionDeclaration[] = [];
  const annexB = new Set<FunctionDeclaration>();
  const blockFns: Array<{ fn: FunctionDeclaration; lexicalAbove: Set<string>[] }> = [];
  const visit = (node: Statement | null | undefined, lexStack: Set<string>[], top: boolean) => {
    if (!node) return;
    switch (node.type) {
      case 'VariableDeclaration':
        if (node.kind === 'var') for (const d of node.declarations) boundNames(d.id, vars);
        return;
      case 'FunctionDeclaration':
        if (top && topLevelFunctionsAreVars) functions.push(node);
        else if (!top && !strict && !node.generator && !node.async) blockFns.push({ fn: node, lexicalAbove: lexStack.slice() });
        return;
      case 'BlockStatement': {
        const lex = lexicalNames(node.body);
        for (const s of node.body) visit(s, [...lexStack, lex], false);
        return;
      }
      case 'IfStatement': visitSub(node.consequent, lexStack); visitSub(node.alternate, lexStack); return;
      case 'WhileStatement': case 'DoWhileStatement': visitSub(node.body, lexStack); return;
      case 'ForStatement': {
        const lex = new Set<string>();
        if (node.init && node.init.type === 'VariableDeclaration') {
          if (node.init.kind === 'var') visit(node.init, lexStack, false);
          else for (const d of node.init.declarations) boundNames(d.id).forEach((n) => lex.add(n));
        }
        visitSub(node.body, [...lexStack, lex]);
        return;
      }
      case 'ForInStatement': case 'ForOfStatement': {
        const lex = new Set<string>();
        if (node.left.type === 'VariableDeclaration') {
          if (node.left.kind === 'var') visit(node.left, lexStack, false);
          else for (const d of node.left.declarations) boundNames(d.id).forEach((n) => lex.add(n));
        }
        visitSub(node.body, [...lexStack, lex]);
        return;
      }
      case 'LabeledStatement': visit(node.body, lexStack, top && node.body.type === 'FunctionDeclaration' ? top : false); return;
      case 'WithStatement': visitSub(node.body, lexStack); return;
      case 'TryStatement': {
        visit(node.block, lexStack, false);
        if (node.handler) {
          const lex = new Set<string>(boundNames(node.handler.param));
          // B.3.4: a simple catch parameter does not block a var of the same name.
          const blocking = node.handler.param && node.handler.param.type !== 'Identifier' ? lex : new Set<string>();
          visit(node.handler.body, [...lexStack, blocking], false);
        }
        visit(node.finalizer, lexStack, false);
        return;
      }
      case 'SwitchStatement': {
        const lex = new Set<string>();
        for (const c of node.cases) for (const n of lexicalNames(c.consequent)) lex.add(n);
        for (const c of node.cases) for (const s of c.consequent) visit(s, [...lexStack, lex], false);
        return;
      }
    }
  };
  // A statement position that is not a block: a function declaration there is (sloppy) its own block
  // (B.3.3 FunctionDeclarations in IfStatement Statement Clauses), so its own block is an empty one.
  const visitSub = (node: Statement | null | undefined, lexStack: Set<string>[]) => {
    if (node && node.type === 'FunctionDeclaration') {
      if (!strict && !node.generator && !node.async) blockFns.push({ fn: node, lexicalAbove: [...lexStack, new Set<string>()] });
      return;
    }
    visit(node, lexStack, false);
  };
  for (const s of body) visit(s, [], true);
  if (!strict) {
    const topLex = lexicalNames(body, topLevelFunctionsAreVars);
    for (const { fn, lexicalAbove } of blockFns) {
      const name = fn.id.name;
      // B.3.3: only if replacing the declaration with `var F` would not be an early error.
      // lexicalAbove[last] is the function's own block, where F is lexical by this very declaration.
      const conflict = topLex.has(name) || lexicalAbove.slice(0, -1).some((s) => s.has(name));
      if (!conflict) annexB.add(fn);
    }
  }
  return { vars, functions, annexB };
}

/** LexicallyDeclaredNames of a statement list (let/const/class, and in blocks function declarations). */
export function lexicalNames(body: Statement[], functionsAreVars = false): Set<string> {
  const out = new Set<string>();
  for (const s of body) {
    const d = unwrapLabels(s);
    if (d.type === 'VariableDeclaration' && d.kind !== 'var') for (const x of d.declarations) boundNames(x.id).forEach((n) => out.add(n));
    else if (d.type === 'ClassDeclaration') out.add(d.id.name);
    else if (d.type === 'FunctionDeclaration' && !functionsAreVars) out.add(d.id.name);
  }
  return out;
}

export function unwrapLabels(s: Statement): Statement {
  while (s.type === 'LabeledStatement') s = s.body;
  return s;
}

/** Lexically scoped declarations of a statement list, in order. */
export function lexicalDeclarations(body: readonly Statement[]): LexicalDeclaration[] {
  const out: LexicalDeclaration[] = [];
  for (const s of body) {
    const d = unwrapLabels(s);
    // (`d.kind !== 'var'` does not narrow a lone VariableDeclaration's type: hence the cast.)
    if ((d.type === 'VariableDeclaration' && d.kind !== 'var') || d.type === 'ClassDeclaration' || d.type === 'FunctionDeclaration') out.push(d as LexicalDeclaration);
  }
  return out;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** A node as the reflective walks below see it: its fields by name too (acorn's node interfaces have no
 * index signature). The walks reach every object under a node; those with a string `type` are nodes. */
type Walked = AnyNode & Record<string, unknown>;
/** A class element read reflectively: a StaticBlock has no `computed`, `key` or `value` (undefined). */
type WalkedElement = ClassBody['body'][number] & Record<string, unknown>;

/** What a function body uses that changes how it is instantiated. Does not look into nested
 * non-arrow functions for `arguments`/`this`, but does for direct eval (it can see all outer names). */
export interface FunctionUses {
  arguments: boolean;
  /** `arguments` inside an arrow: a reference compiled after the function's own body. */
  argumentsInArrow: boolean;
  directEval: boolean;
  /** Whether any closure (function/class) is created inside: bindings may be captured. */
  closures: boolean;
  yieldOrAwait: boolean;
  superCall: boolean;
  superProperty: boolean;
  newTarget: boolean;
  thisInArrow: boolean;
}

/** `evalPossible` false: the source text holds no identifier `eval` (sourceMayHoldDirectEval), so nested
 * functions need no look for a direct eval. */
export function scanUses(root: FunctionNode, evalPossible = true): FunctionUses {
  const u: FunctionUses = { arguments: false, argumentsInArrow: false, directEval: false, closures: false, yieldOrAwait: false, superCall: false, superProperty: false, newTarget: false, thisInArrow: false };
  const walk = (node: unknown, inArrow: boolean, depth: number): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { for (const x of node) walk(x, inArrow, depth); return; }
    const n = node as Walked;
    if (typeof n.type !== 'string') return;
    if (depth > 0 && (FUNCTION_TYPES.has(n.type) || n.type === 'ClassExpression' || n.type === 'ClassDeclaration')) {
      u.closures = true;
      if (n.type === 'ArrowFunctionExpression') { walk(n.params, true, depth + 1); walk(n.body, true, depth + 1); return; }
      if (n.type === 'ClassExpression' || n.type === 'ClassDeclaration') {
        // computed keys and heritage are evaluated in the enclosing scope; bodies of methods are not.
        walk(n.superClass, inArrow, depth + 1);
        for (const m of n.body.body as WalkedElement[]) {
          if (m.computed) walk(m.key, inArrow, depth + 1);
          if (!evalPossible) continue;
          if (m.type === 'StaticBlock' || (m.type === 'PropertyDefinition' && m.value)) scanEvalOnly(m, u);
          else if (m.value) scanEvalOnly(m.value, u);
        }
        return;
      }
      if (evalPossible) scanEvalOnly(n, u);
      return;
    }
    switch (n.type) {
      case 'Identifier': if (n.name === 'arguments') { u.arguments = true; if (inArrow) u.argumentsInArrow = true; } return;
      case 'YieldExpression': case 'AwaitExpression': if (!inArrow) u.yieldOrAwait = true; break;
      case 'CallExpression':
        if (n.callee.type === 'Identifier' && n.callee.name === 'eval') u.directEval = true;
        if (n.callee.type === 'Super') u.superCall = true;
        break;
      case 'Super': u.superProperty = true; return;
      case 'MetaProperty': if (n.meta.name === 'new') u.newTarget = true; return;
      case 'ThisExpression': if (inArrow) u.thisInArrow = true; return;
    }
    for (const k in n) {
      if (k === 'type' || k === 'loc' || k === 'start' || k === 'end') continue;
      const v = n[k];
      if (v && typeof v === 'object') walk(v, inArrow, depth + 1);
    }
  };
  walk(root, false, 0);
  return u;
}

/** Only looks for direct eval (which sees every enclosing binding) inside a nested function. */
function scanEvalOnly(root: unknown, u: FunctionUses): void {
  if (containsDirectEval(root)) u.directEval = true;
}

/** Whether a nested function's subtree holds a direct eval, remembered per function node: each
 * enclosing function's scanUses asks again, and walking the whole subtree at every level of nesting made
 * the scans quadratic in the depth (box2d: ~26 ms of its preparation). */
const evalInFunction = new WeakMap<object, boolean>();

function containsDirectEval(root: unknown): boolean {
  const walk = (node: unknown, top: boolean): boolean => {
    if (!node || typeof node !== 'object') return false;
    if (Array.isArray(node)) { for (const x of node) if (walk(x, false)) return true; return false; }
    const n = node as Walked;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'eval') return true;
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression') {
      // A function from cachedData not decoded yet: the data says whether its contents hold one.
      const undecoded = undecodedFunction(n);
      if (undecoded !== undefined) return undecoded.containsDirectEval;
      if (!top) {
        const known = evalInFunction.get(n);
        if (known !== undefined) return known;
        const found = walk(n, true);
        evalInFunction.set(n, found);
        return found;
      }
    }
    for (const k in n) {
      if (k === 'loc') continue;
      const v = n[k];
      if (v && typeof v === 'object' && walk(v, false)) return true;
    }
    return false;
  };
  return walk(root, false);
}

/** Whether a subtree contains a yield/await of the current function (not of nested functions). In an
 * async generator a `return` with an operand suspends too: it awaits the operand (§15.6.2). */
export function markSuspendPoints(root: BlockStatement | Expression, marks: Set<Node>, returnAwaits = false): boolean {
  let found = false;
  const walk = (node: unknown): boolean => {
    if (!node || typeof node !== 'object') return false;
    if (Array.isArray(node)) { let any = false; for (const x of node) if (walk(x)) any = true; return any; }
    const n = node as Walked;
    if (typeof n.type !== 'string') return false;
    if (FUNCTION_TYPES.has(n.type)) return false;
    // An `await using` declaration suspends where its scope ends (DisposeResources awaits): marking it
    // marks every enclosing statement, up to that scope's.
    let any = n.type === 'YieldExpression' || n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await === true)
      || (n.type === 'VariableDeclaration' && n.kind === 'await using')
      || (returnAwaits && n.type === 'ReturnStatement' && n.argument !== null && n.argument !== undefined);
    if (n.type === 'ClassExpression' || n.type === 'ClassDeclaration') {
      if (walk(n.superClass)) any = true;
      for (const m of n.body.body as WalkedElement[]) if (m.computed && walk(m.key)) any = true;
    } else {
      for (const k in n) {
        if (k === 'type' || k === 'loc') continue;
        const v = n[k];
        if (v && typeof v === 'object' && walk(v)) any = true;
      }
    }
    if (any) { marks.add(n); found = true; }
    return any;
  };
  walk(root);
  return found;
}
