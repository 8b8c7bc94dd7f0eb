// Statements (§14) compiled to closures returning a completion Signal; values
// of return/break/continue travel in the Frame. Generator form; the synchronous
// form is derived.
import type {
  DoWhileStatement, Expression, ExpressionStatement, ForInStatement, ForOfStatement, ForStatement, FunctionDeclaration, Identifier,
  IfStatement, LabeledStatement, Pattern, Statement, SwitchStatement, TryStatement, VariableDeclaration, WhileStatement, WithStatement,
} from 'acorn';
import { IS_GEN, delegateStatement, type Stmt, type Expr, type Ev } from './mode.js';
import { childContext, sourceText, type CompileContext } from '../compile/compile-context.js';
import { NORMAL, BREAK, CONTINUE, RETURN, type Frame, type Signal } from '../runtime/frame.js';
import { DISPOSE_CAPABILITY, ScopeInfo, UNINIT, boundNames, hasUsingDeclaration, lexicalBindingKind, lexicalDeclarations } from '../compile/scope.js';
import { Env, newEnv, copySlots, setVarEnvBinding } from '../runtime/environment.js';
import { agent } from '../../realm/agent.js';
// @gen-only
import { Termination } from '../../realm/agent.js';
import { AWAIT } from '../runtime/async-function.js';
import { GetMethod } from '../../realm/abstract-ops/object-operations.js';
import { ReflectApply } from '../../realm/primordials.js';
import { describeIterationOperand } from '../runtime/iteration.js';
import { GetIterator } from '../../realm/abstract-ops/iterator-operations.js';
import { describeValue } from '../../realm/describe.js';
// @end-gen-only
import { compileWrite, compileInit } from '../compile/references.js';
import { catchValue } from '../runtime/catch-value.js';
import { ToObject } from '../../realm/abstract-ops/type-conversion.js';
import { makeFunction } from '../runtime/function-object.js';
import { getIterator, iterationOperandText } from '../runtime/iteration.js';
import { IteratorClose, IteratorCloseOnThrow, IteratorStepValue, DONE } from '../../realm/abstract-ops/iterator-operations.js';
import { recordErrorLocation, recordThrownPrimitive } from '../runtime/error-location.js';
import { debugHooks } from '../runtime/debug-hooks.js';
import { compileExpression } from './expressions.js';
import { compileNamed, isAnonymousFunctionDefinition, functionTemplate } from './functions.js';
import { compileBindingInitializer, type BindKind } from './patterns.js';
import { compileClass } from './classes.js';
import { addDisposableResource, withDisposal } from './disposal.js';
import type { DisposeHint } from '../../realm/abstract-ops/disposal.js';

export function compileStatement(node: Statement, c: CompileContext): Stmt {
  if (IS_GEN && !c.forceGen && !c.suspends!.has(node)) return delegateStatement(node, c);
  if (c.source.debug === true && isStep(node)) return debugStatement(node, compileStatementOnly(node, c));
  return compileStatementOnly(node, c);
}

/** Statements the debugger stops before: not blocks (their statements stop), not declarations that
 * do nothing when reached, not labels (the labelled statement stops), not `while` and `for` loops with
 * a test (they stop before each evaluation of the test instead: see loopTest). */
function isStep(node: Statement): boolean {
  const t = node.type;
  return t !== 'BlockStatement' && t !== 'EmptyStatement' && t !== 'FunctionDeclaration' && t !== 'LabeledStatement'
    && t !== 'WhileStatement' && !(t === 'ForStatement' && node.test !== null && node.test !== undefined);
}

/** A loop's test in debug-compiled code: the debugger stops before each evaluation, so the loop's
 * line shows at every iteration. Unchanged in normal code. */
function loopTest(node: Expression, e: Expr, c: CompileContext): Expr {
  if (c.source.debug !== true) return e;
  return function* (f) {
    debugHooks.wrapperRuns++;
    const r = debugHooks.recorder;
    if (r !== null) r.statement(f, node);
    return yield* e(f);
  };
}

/** A statement of debug-compiled code: reported to the recorder before it runs, and when an exception
 * leaves it (src/interpreter/runtime/debug-hooks.ts). */
function debugStatement(node: Statement, s: Stmt): Stmt {
  return function* (f) {
    debugHooks.wrapperRuns++;
    const r = debugHooks.recorder;
    if (r === null) return yield* s(f);
    r.statement(f, node);
    try {
      return yield* s(f);
    } catch (e) {
      r.exception(f, node, e);
      throw e;
    }
  };
}

function compileStatementOnly(node: Statement, c: CompileContext): Stmt {
  const labels = c.labels;
  c.labels = [];
  switch (node.type) {
    case 'ExpressionStatement': return compileExpressionStatement(node, c);
    case 'VariableDeclaration': return compileVariableDeclaration(node, c);
    case 'FunctionDeclaration': return compileFunctionDeclarationStatement(node, c);
    case 'ClassDeclaration': {
      const cls = compileClass(node, c, undefined);
      const init = compileInit(node.id.name, c);
      return function* (f) { init(f, yield* cls(f)); return NORMAL; };
    }
    case 'ReturnStatement': {
      const argument = node.argument;
      if (argument === null || argument === undefined) return function* (f) { f.retVal = undefined; return RETURN; };
      const e = compileExpression(argument, c);
      const pos = node.start;
      // @gen-only
      // In an async generator, return awaits its operand inside the body (§15.6.2 / §14.10.1), so a
      // rejection can still be caught by the body's own try/catch.
      if (c.fn !== null && c.fn.kind === 'asyncGenerator') return function* (f) { f.pos = pos; f.raw = yield* e(f); f.retVal = yield AWAIT; return RETURN; };
      // @end-gen-only
      return function* (f) { f.pos = pos; f.retVal = yield* e(f); return RETURN; };
    }
    case 'IfStatement': return compileIf(node, c);
    case 'BlockStatement': return compileBlock(node.body, c, true);
    case 'EmptyStatement': return function* () { return NORMAL; };
    case 'DebuggerStatement': return function* () { return NORMAL; };
    case 'ThrowStatement': {
      const e = compileExpression(node.argument, c);
      const pos = node.start;
      return function* (f) {
        f.pos = pos;
        const v = yield* e(f);
        // A call in the operand moved f.pos; the thrown value's location is the throw (as V8's).
        f.pos = pos;
        if ((typeof v === 'object' && v !== null) || typeof v === 'function') recordErrorLocation(v, f);
        else recordThrownPrimitive(v, f);
        throw v;
      };
    }
    case 'BreakStatement': {
      const label = node.label ? node.label.name : null;
      return function* (f) { f.label = label; return BREAK; };
    }
    case 'ContinueStatement': {
      const label = node.label ? node.label.name : null;
      return function* (f) { f.label = label; return CONTINUE; };
    }
    case 'LabeledStatement': return compileLabeled(node, c, labels);
    case 'WhileStatement': return compileWhile(node, c, labels);
    case 'DoWhileStatement': return compileDoWhile(node, c, labels);
    case 'ForStatement': return compileFor(node, c, labels);
    case 'ForInStatement': case 'ForOfStatement': return compileForInOf(node, c, labels);
    case 'SwitchStatement': return compileSwitch(node, c);
    case 'TryStatement': return compileTry(node, c);
    case 'WithStatement': return compileWith(node, c);
  }
  throw new SyntaxError(`vmjs: unsupported statement ${(node as Statement).type}`);
}

function compileExpressionStatement(node: ExpressionStatement, c: CompileContext): Stmt {
  const e = compileExpression(node.expression, c);
  const pos = node.start;
  if (c.completion) return function* (f) { f.pos = pos; f.completion = yield* e(f); return NORMAL; };
  return function* (f) { f.pos = pos; yield* e(f); return NORMAL; };
}

/** A statement list in the current scope. */
export function compileStatementList(list: readonly Statement[], c: CompileContext): Stmt {
  const stmts = list.map((s) => compileStatement(s, c));
  const n = stmts.length;
  if (n === 0) return function* () { return NORMAL; };
  if (n === 1) return stmts[0];
  if (n === 2) {
    const a = stmts[0], b = stmts[1];
    return function* (f) { const s = yield* a(f); if (s !== NORMAL) return s; return yield* b(f); };
  }
  return function* (f) {
    for (let i = 0; i < n; i++) {
      const s = yield* stmts[i](f);
      if (s !== NORMAL) return s;
    }
    return NORMAL;
  };
}

/** Declares a block's lexical names in a new scope; returns null when the block declares nothing. */
export function blockScope(body: readonly Statement[], c: CompileContext, kind: 'block' = 'block'): ScopeInfo | null {
  const decls = lexicalDeclarations(body);
  if (decls.length === 0) return null;
  const scope = new ScopeInfo(kind, c.scope, true);
  for (const d of decls) {
    if (d.type === 'FunctionDeclaration') scope.declare(d.id.name, 'let', undefined);
    else if (d.type === 'ClassDeclaration') scope.declare(d.id.name, 'class', UNINIT);
    else for (const x of d.declarations) for (const name of boundNames(x.id)) scope.declare(name, lexicalBindingKind(d.kind), UNINIT);
  }
  return scope;
}

/** Instantiates a block's function declarations at block entry (§14.2.3 BlockDeclarationInstantiation). */
function blockFunctions(body: readonly Statement[], c: CompileContext): Array<{ slot: number; make: (f: Frame) => Function }> {
  const out: Array<{ slot: number; make: (f: Frame) => Function }> = [];
  for (const d of lexicalDeclarations(body)) {
    if (d.type !== 'FunctionDeclaration') continue;
    out.push({ slot: c.scope.bindings.get(d.id.name)!.slot, make: compileFunctionDeclarationInstance(d, c) });
  }
  return out;
}

export function compileBlock(body: readonly Statement[], c: CompileContext, _isBlock: boolean): Stmt {
  const scope = blockScope(body, c);
  if (scope === null) return compileStatementList(body, c);
  const inner = childContext(c, scope);
  const fns = blockFunctions(body, inner);
  // A block with `using` declarations disposes its resources at its end (§14.2.2 Block evaluation step 6).
  const usingSlot = hasUsingDeclaration(body) ? disposeCapabilitySlot(scope) : -1;
  const list = usingSlot >= 0 ? withDisposal(compileStatementList(body, inner), usingSlot) : compileStatementList(body, inner);
  return function* (f) {
    const outer = f.env;
    const env = newEnv(outer, scope);
    f.env = env;
    for (let i = 0; i < fns.length; i++) env.slots[fns[i].slot] = fns[i].make(f);
    const s = yield* list(f);
    f.env = outer;
    return s;
  };
}

/** Declares the hidden slot of a scope's DisposeCapability (a scope with `using` declarations). */
export function disposeCapabilitySlot(scope: ScopeInfo): number {
  return scope.declare(DISPOSE_CAPABILITY, 'disposeCapability', undefined).slot;
}

/** The dispose hint of a `using` (sync-dispose) or `await using` (async-dispose) declaration. */
function disposeHint(kind: 'using' | 'await using'): DisposeHint {
  return kind === 'await using' ? 'async-dispose' : 'sync-dispose';
}

/** Makes the function object for a hoisted declaration in the running environment. */
export function compileFunctionDeclarationInstance(node: FunctionDeclaration, c: CompileContext): (f: Frame) => Function {
  const t = functionTemplate(node, c, node.id.name);
  return (f) => makeFunction(t, f, f.env, undefined);
}

function compileFunctionDeclarationStatement(node: FunctionDeclaration, c: CompileContext): Stmt {
  if (!c.annexB.has(node)) return function* () { return NORMAL; };
  // Annex B.3.3: evaluating the declaration copies the block binding to the var binding.
  const name: string = node.id.name;
  const read = compileInit(name, c); // resolves to the block binding
  void read;
  const blockBinding = c.scope.bindings.get(name);
  const slot = blockBinding ? blockBinding.slot : -1;
  const varWrite = c.varScope === null ? null : compileWrite(name, { ...c, scope: c.varScope });
  const hops = c.varScope === null ? 0 : hopsBetween(c.scope, c.varScope);
  return function* (f) {
    const v = slot >= 0 ? f.env.slots[slot] : undefined;
    if (varWrite === null) {
      // Eval code declares its vars in the running VariableEnvironment: a function's (B.3.2.3), or the global one.
      if (f.varEnv !== null) setVarEnvBinding(f.varEnv, name, v);
      else setGlobalVar(f, name, v);
    } else {
      let e: Env = f.env;
      for (let i = 0; i < hops; i++) e = e.parent!;
      const saved = f.env;
      f.env = e;
      varWrite(f, v);
      f.env = saved;
    }
    return NORMAL;
  };
}

function setGlobalVar(f: Frame, name: string, v: unknown): void {
  const target = f.realm.sandbox ?? f.realm.globalObject;
  Reflect.set(target, name, v);
}

function hopsBetween(from: ScopeInfo, to: ScopeInfo): number {
  let hops = 0;
  for (let s: ScopeInfo | null = from; s !== null && s !== to; s = s.parent) if (s.materialized) hops++;
  return hops;
}

function compileVariableDeclaration(node: VariableDeclaration, c: CompileContext): Stmt {
  if (node.kind === 'using' || node.kind === 'await using') return compileUsingDeclaration(node, node.kind, c);
  const kind: BindKind = node.kind === 'let' || node.kind === 'const' ? node.kind : 'var';
  const parts: Array<(f: Frame) => Ev<void>> = [];
  for (const d of node.declarations) {
    if (d.init === null || d.init === undefined) {
      if (kind === 'var') continue;
      const init = compileInit((d.id as Identifier).name, c); // an initializer-less let is a plain identifier (early error otherwise)
      parts.push(function* (f) { init(f, undefined); });
      continue;
    }
    if (d.id.type === 'Identifier') {
      const value = isAnonymousFunctionDefinition(d.init) ? compileNamed(d.init, c, d.id.name) : compileExpression(d.init, c);
      const w = kind === 'var' ? compileWrite(d.id.name, c) : compileInit(d.id.name, c);
      parts.push(function* (f) { w(f, yield* value(f)); });
      continue;
    }
    const value = compileExpression(d.init, c);
    const bind = compileBindingInitializer(d.id, c, kind, sourceText(c, d.init));
    parts.push(function* (f) { yield* bind(f, yield* value(f)); });
  }
  const n = parts.length;
  const pos = node.start;
  if (n === 1) { const p = parts[0]; return function* (f) { f.pos = pos; yield* p(f); return NORMAL; }; }
  return function* (f) {
    f.pos = pos;
    for (let i = 0; i < n; i++) yield* parts[i](f);
    return NORMAL;
  };
}

/** A `using` or `await using` declaration (§14.3.1.2): each initializer's value is added to the running
 * scope's DisposeCapability, then its binding is initialized. Bindings are plain identifiers with an
 * initializer (early errors), and the declaration is directly in the scope that holds the slot. */
function compileUsingDeclaration(node: VariableDeclaration, kind: 'using' | 'await using', c: CompileContext): Stmt {
  const hint = disposeHint(kind);
  const binding = c.scope.bindings.get(DISPOSE_CAPABILITY);
  if (binding === undefined) throw new Error('vmjs internal error: a using declaration outside a scope that disposes');
  const slot = binding.slot;
  const parts: Array<(f: Frame) => Ev<void>> = [];
  for (const d of node.declarations) {
    const name = (d.id as Identifier).name;
    const init = d.init!;
    const value = isAnonymousFunctionDefinition(init) ? compileNamed(init, c, name) : compileExpression(init, c);
    const w = compileInit(name, c);
    parts.push(function* (f) {
      const v = yield* value(f);
      addDisposableResource(f, slot, v, hint);
      w(f, v);
    });
  }
  const n = parts.length;
  const pos = node.start;
  return function* (f) {
    f.pos = pos;
    for (let i = 0; i < n; i++) yield* parts[i](f);
    return NORMAL;
  };
}

function compileIf(node: IfStatement, c: CompileContext): Stmt {
  const test = compileExpression(node.test, c);
  const a = compileSubStatement(node.consequent, c);
  const b = node.alternate ? compileSubStatement(node.alternate, c) : null;
  const completion = c.completion;
  return function* (f) {
    if (completion) f.completion = undefined;
    if (yield* test(f)) return yield* a(f);
    return b === null ? NORMAL : yield* b(f);
  };
}

/** A statement in a position where a sloppy function declaration is its own block (B.3.4). */
function compileSubStatement(node: Statement, c: CompileContext): Stmt {
  if (node.type === 'FunctionDeclaration') return compileBlock([node], c, true);
  return compileStatement(node, c);
}

function compileLabeled(node: LabeledStatement, c: CompileContext, outerLabels: string[]): Stmt {
  const label: string = node.label.name;
  const labels = [...outerLabels, label];
  const body = node.body;
  const isLoop = /^(While|DoWhile|For|ForIn|ForOf)Statement$/.test(body.type) || body.type === 'LabeledStatement';
  if (isLoop) {
    c.labels = labels;
    const s = compileStatement(body, c);
    return function* (f) {
      const r = yield* s(f);
      if (r === BREAK && f.label === label) return NORMAL;
      return r;
    };
  }
  const s = body.type === 'FunctionDeclaration' ? compileBlock([body], c, true) : compileStatement(body, c);
  return function* (f) {
    const r = yield* s(f);
    if (r === BREAK && f.label === label) return NORMAL;
    return r;
  };
}

/** What a loop does with a body's signal: 0 = go on, 1 = exit normally, 2 = propagate. */
function loopControl(sig: Signal, f: Frame, labels: string[]): number {
  if (sig === BREAK) {
    if (f.label === null || labels.includes(f.label)) return 1;
    return 2;
  }
  if (sig === CONTINUE) {
    if (f.label === null || labels.includes(f.label)) return 0;
    return 2;
  }
  return 2;
}

function compileWhile(node: WhileStatement, c: CompileContext, labels: string[]): Stmt {
  const test = loopTest(node.test, compileExpression(node.test, c), c);
  const body = compileSubStatement(node.body, c);
  const completion = c.completion;
  return function* (f) {
    if (completion) f.completion = undefined;
    while (yield* test(f)) {
      if (--agent.steps <= 0) agent.tick();
      const s = yield* body(f);
      if (s !== NORMAL) {
        const k = loopControl(s, f, labels);
        if (k === 1) break;
        if (k === 2) return s;
      }
    }
    return NORMAL;
  };
}

function compileDoWhile(node: DoWhileStatement, c: CompileContext, labels: string[]): Stmt {
  const test = loopTest(node.test, compileExpression(node.test, c), c);
  const body = compileSubStatement(node.body, c);
  const completion = c.completion;
  return function* (f) {
    if (completion) f.completion = undefined;
    do {
      if (--agent.steps <= 0) agent.tick();
      const s = yield* body(f);
      if (s !== NORMAL) {
        const k = loopControl(s, f, labels);
        if (k === 1) break;
        if (k === 2) return s;
      }
    } while (yield* test(f));
    return NORMAL;
  };
}

function compileFor(node: ForStatement, c: CompileContext, labels: string[]): Stmt {
  const init = node.init ?? null;
  const lexical = init !== null && init.type === 'VariableDeclaration' && init.kind !== 'var';
  let scope: ScopeInfo | null = null;
  let cc = c;
  if (lexical) {
    scope = new ScopeInfo('block', c.scope, true);
    for (const d of init!.declarations) for (const name of boundNames(d.id)) scope.declare(name, lexicalBindingKind(init!.kind as 'let' | 'const' | 'using' | 'await using'), UNINIT);
    cc = childContext(c, scope);
  }
  // for (using …; …; …): the loop environment's resources are disposed when the loop ends (§14.7.4.2).
  const usingSlot = lexical && (init!.kind === 'using' || init!.kind === 'await using') ? disposeCapabilitySlot(scope!) : -1;
  const initS: Stmt | null = init === null ? null : init.type === 'VariableDeclaration' ? compileVariableDeclaration(init, cc) : exprStatement(compileExpression(init as Expression, cc));
  const test: Expr | null = node.test ? loopTest(node.test, compileExpression(node.test, cc), cc) : null;
  const update: Expr | null = node.update ? compileExpression(node.update, cc) : null;
  const body = compileSubStatement(node.body, cc);
  // CreatePerIterationEnvironment only matters when a closure can capture the bindings.
  const perIteration = lexical && init!.kind === 'let' && containsClosure(node);
  const completion = c.completion;
  if (usingSlot >= 0) {
    const loop = withDisposal(function* (f) {
      yield* initS!(f);
      for (;;) {
        if (test !== null && !(yield* test(f))) break;
        if (--agent.steps <= 0) agent.tick();
        const s = yield* body(f);
        if (s !== NORMAL) {
          const k = loopControl(s, f, labels);
          if (k === 1) break;
          if (k === 2) return s;
        }
        if (update !== null) yield* update(f);
      }
      return NORMAL;
    }, usingSlot);
    return function* (f) {
      if (completion) f.completion = undefined;
      const outer = f.env;
      f.env = newEnv(outer, scope!);
      const s = yield* loop(f);
      f.env = outer;
      return s;
    };
  }
  return function* (f) {
    if (completion) f.completion = undefined;
    const outer = f.env;
    if (scope !== null) f.env = newEnv(outer, scope);
    if (initS !== null) yield* initS(f);
    if (perIteration) f.env = new Env(outer, copySlots(f.env.slots), scope!);
    for (;;) {
      if (test !== null && !(yield* test(f))) break;
      if (--agent.steps <= 0) agent.tick();
      const s = yield* body(f);
      if (s !== NORMAL) {
        const k = loopControl(s, f, labels);
        if (k === 1) break;
        if (k === 2) { f.env = outer; return s; }
      }
      if (perIteration) f.env = new Env(outer, copySlots(f.env.slots), scope!);
      if (update !== null) yield* update(f);
    }
    f.env = outer;
    return NORMAL;
  };
}

function exprStatement(e: Expr): Stmt {
  return function* (f) { yield* e(f); return NORMAL; };
}

const FUNCTIONISH = /^(FunctionExpression|ArrowFunctionExpression|FunctionDeclaration|ClassExpression|ClassDeclaration)$/;
export function containsClosure(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(containsClosure);
  const n = node as { type?: unknown; callee?: { type?: unknown; name?: unknown }; [field: string]: unknown };
  if (typeof n.type === 'string' && FUNCTIONISH.test(n.type)) return true;
  if (n.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'eval') return true;
  for (const k in n) {
    if (k === 'loc') continue;
    const v = n[k];
    if (v && typeof v === 'object' && containsClosure(v)) return true;
  }
  return false;
}

function compileForInOf(node: ForInStatement | ForOfStatement, c: CompileContext, labels: string[]): Stmt {
  const left = node.left;
  const isOf = node.type === 'ForOfStatement';
  const isAwait = node.type === 'ForOfStatement' && node.await;
  const lexical = left.type === 'VariableDeclaration' && left.kind !== 'var';
  let scope: ScopeInfo | null = null;
  let cc = c;
  if (lexical) {
    scope = new ScopeInfo('block', c.scope, true);
    for (const d of left.declarations) for (const name of boundNames(d.id)) scope.declare(name, lexicalBindingKind(left.kind as 'let' | 'const' | 'using' | 'await using'), UNINIT);
    cc = childContext(c, scope);
  }
  // TDZ scope for the iterated expression (§14.7.5.6 ForIn/OfHeadEvaluation).
  const rightCtx = scope !== null ? childContext(c, scope) : c;
  const right = compileExpression(node.right, rightCtx);
  let bind: (f: Frame, v: unknown) => Ev<void>;
  // for (using x of …): each iteration's value is a resource of the iteration environment, disposed
  // after the body, before the loop goes on or closes the iterator (§14.7.5.7 steps 6.k and 6.n).
  let usingSlot = -1;
  if (left.type === 'VariableDeclaration' && (left.kind === 'using' || left.kind === 'await using')) {
    usingSlot = disposeCapabilitySlot(scope!);
    const slot = usingSlot;
    const hint = disposeHint(left.kind);
    const init = compileInit((left.declarations[0].id as Identifier).name, cc);
    bind = function* (f, v) { addDisposableResource(f, slot, v, hint); init(f, v); };
  } else if (left.type === 'VariableDeclaration') {
    const d = left.declarations[0];
    const kind: BindKind = left.kind === 'let' || left.kind === 'const' ? left.kind : 'var';
    bind = compileBindingInitializer(d.id, cc, kind);
    if (left.kind === 'var' && d.init) {
      // Annex B.3.5: for (var x = init in obj)
      const initE = compileExpression(d.init, c);
      const w = compileWrite((d.id as Identifier).name, c); // Annex B allows an initializer only on a plain identifier
      const r0 = right;
      const rightWithInit: Expr = function* (f) { w(f, yield* initE(f)); return yield* r0(f); };
      return forInOfLoop(isOf, rightWithInit, bind, compileSubStatement(node.body, cc), scope, labels, c.completion, iterationOperandText(node.right));
    }
  } else {
    bind = compileBindingInitializer(left as Pattern, cc, 'assign');
  }
  const plainBody = compileSubStatement(node.body, cc);
  const body = usingSlot >= 0 ? withDisposal(plainBody, usingSlot) : plainBody;
  if (isAwait) return forAwaitLoop(right, bind, body, scope, labels, c.completion);
  return forInOfLoop(isOf, right, bind, body, scope, labels, c.completion, iterationOperandText(node.right));
}

/** `rightText`: V8's name for the iterated operand in "… is not iterable" (iterationOperandText). */
function forInOfLoop(isOf: boolean, right: Expr, bind: (f: Frame, v: unknown) => Ev<void>, body: Stmt, scope: ScopeInfo | null, labels: string[], completion: boolean, rightText?: string): Stmt {
  if (!isOf) {
    return function* (f) {
      if (completion) f.completion = undefined;
      const outer = f.env;
      if (scope !== null) f.env = newEnv(outer, scope);
      const obj = yield* right(f);
      f.env = outer;
      if (obj === null || obj === undefined) return NORMAL;
      const o = ToObject(f.realm, obj);
      for (const key in o) {
        if (--agent.steps <= 0) agent.tick();
        if (scope !== null) f.env = newEnv(outer, scope);
        yield* bind(f, key);
        const s = yield* body(f);
        f.env = outer;
        if (s !== NORMAL) {
          const k = loopControl(s, f, labels);
          if (k === 1) break;
          if (k === 2) return s;
        }
      }
      return NORMAL;
    };
  }
  return function* (f) {
    if (completion) f.completion = undefined;
    const outer = f.env;
    if (scope !== null) f.env = newEnv(outer, scope);
    const iterable = yield* right(f);
    f.env = outer;
    const rec = getIterator(f.realm, iterable, rightText);
    for (;;) {
      const v = IteratorStepValue(f.realm, rec);
      if (v === DONE) break;
      if (--agent.steps <= 0) agent.tick();
      let s: Signal = NORMAL;
      let completed = false, threw = false;
      try {
        if (scope !== null) f.env = newEnv(outer, scope);
        yield* bind(f, v);
        s = yield* body(f);
        completed = true;
      } catch (e) {
        threw = true;
        f.env = outer;
        if (agent.terminating === null) IteratorCloseOnThrow(rec, e);
        throw e;
      } finally {
        // A generator's return() while suspended in the body closes the iterator too.
        if (!completed && !threw && agent.terminating === null) { f.env = outer; IteratorClose(f.realm, rec); }
      }
      f.env = outer;
      if (s !== NORMAL) {
        const k = loopControl(s, f, labels);
        if (k === 0) continue;
        IteratorClose(f.realm, rec);
        if (k === 1) break;
        return s;
      }
    }
    return NORMAL;
  };
}

/** for await (§14.7.5.6 ForIn/OfHeadEvaluation and §14.7.5.7 ForIn/OfBodyEvaluation with an async
 * iterator): each next() result is awaited, and an abrupt exit closes the iterator with
 * AsyncIteratorClose (§7.4.13), awaiting what its return() gives. Async bodies always run the
 * generator form, so only that form has it. */
function forAwaitLoop(right: Expr, bind: (f: Frame, v: unknown) => Ev<void>, body: Stmt, scope: ScopeInfo | null, labels: string[], completion: boolean): Stmt {
  // @gen-only
  return function* (f) {
    if (completion) f.completion = undefined;
    const outer = f.env;
    if (scope !== null) f.env = newEnv(outer, scope);
    const iterable = yield* right(f);
    f.env = outer;
    const realm = f.realm;
    const rec = GetIterator(realm, iterable, 'async', describeIterationOperand);
    for (;;) {
      const next = rec.nextMethod;
      if (typeof next !== 'function') realm.throwTypeError(`${describeValue(next)} is not a function`);
      f.raw = ReflectApply(next as Function, rec.iterator, []);
      const result = yield AWAIT;
      if ((typeof result !== 'object' || result === null) && typeof result !== 'function') realm.throwTypeError(`Iterator result ${describeValue(result)} is not an object`);
      if ((result as { done?: unknown }).done) break;
      const v = (result as { value?: unknown }).value;
      if (--agent.steps <= 0) agent.tick();
      let s: Signal = NORMAL;
      let completed = false, threw = false;
      try {
        if (scope !== null) f.env = newEnv(outer, scope);
        yield* bind(f, v);
        s = yield* body(f);
        completed = true;
      } catch (e) {
        threw = true;
        f.env = outer;
        if (agent.terminating === null) yield* asyncIteratorCloseOnThrow(f, rec.iterator, e);
        throw e;
      } finally {
        // An async generator's return() while suspended in the body closes the iterator too.
        if (!completed && !threw && agent.terminating === null) { f.env = outer; yield* asyncIteratorClose(f, rec.iterator); }
      }
      f.env = outer;
      if (s !== NORMAL) {
        const k = loopControl(s, f, labels);
        if (k === 0) continue;
        yield* asyncIteratorClose(f, rec.iterator);
        if (k === 1) break;
        return s;
      }
    }
    return NORMAL;
  };
  // @end-gen-only
  void right; void bind; void body; void scope; void labels; void completion;
  throw new Error('vmjs internal: for await outside the generator form');
}

// @gen-only
/** AsyncIteratorClose (§7.4.13) with a normal completion: return()'s result is awaited and must be an object. */
function* asyncIteratorClose(f: Frame, iterator: object): Ev<void> {
  const realm = f.realm;
  const ret = GetMethod(realm, iterator, 'return');
  if (ret === undefined) return;
  f.raw = ReflectApply(ret, iterator, []);
  const inner = yield AWAIT;
  if ((typeof inner !== 'object' || inner === null) && typeof inner !== 'function') realm.throwTypeError(`Iterator result ${describeValue(inner)} is not an object`);
}

/** AsyncIteratorClose (§7.4.13) with a throw completion: the original exception wins over anything
 * return() or its awaited result throws. */
function* asyncIteratorCloseOnThrow(f: Frame, iterator: object, thrown: unknown): Ev<never> {
  try {
    const ret = (iterator as { return?: unknown }).return;
    if (ret !== undefined && ret !== null) {
      f.raw = ReflectApply(ret as Function, iterator, []);
      yield AWAIT;
    }
  } catch (e) {
    if (e instanceof Termination) throw e;
  }
  throw thrown;
}
// @end-gen-only

function compileSwitch(node: SwitchStatement, c: CompileContext): Stmt {
  const disc = compileExpression(node.discriminant, c);
  const allStatements = node.cases.flatMap((k) => k.consequent);
  const scope = blockScope(allStatements, c);
  const cc = scope === null ? c : childContext(c, scope);
  const fns = scope === null ? [] : blockFunctions(allStatements, cc);
  const cases = node.cases.map((k) => ({ test: k.test ? compileExpression(k.test, cc) : null, body: compileStatementList(k.consequent, cc) }));
  const defaultIndex = node.cases.findIndex((k) => k.test === null || k.test === undefined);
  const completion = c.completion;
  return function* (f) {
    if (completion) f.completion = undefined;
    const v = yield* disc(f);
    const outer = f.env;
    if (scope !== null) {
      const env = newEnv(outer, scope);
      f.env = env;
      for (let i = 0; i < fns.length; i++) env.slots[fns[i].slot] = fns[i].make(f);
    }
    let start = -1;
    for (let i = 0; i < cases.length; i++) {
      const t = cases[i].test;
      if (t !== null && (yield* t(f)) === v) { start = i; break; }
    }
    if (start < 0) start = defaultIndex;
    let result: Signal = NORMAL;
    if (start >= 0) {
      for (let i = start; i < cases.length; i++) {
        const s = yield* cases[i].body(f);
        if (s !== NORMAL) {
          if (s === BREAK && f.label === null) break;
          result = s;
          break;
        }
      }
    }
    f.env = outer;
    return result;
  };
}

function compileTry(node: TryStatement, c: CompileContext): Stmt {
  const block = compileBlock(node.block.body, c, true);
  let handler: ((f: Frame, e: unknown) => Ev<Signal>) | null = null;
  if (node.handler) {
    const h = node.handler;
    if (h.param === null || h.param === undefined) {
      const body = compileBlock(h.body.body, c, true);
      handler = function* (f) { return yield* body(f); };
    } else {
      const scope = new ScopeInfo('catch', c.scope, true);
      for (const name of boundNames(h.param)) scope.declare(name, 'catch', h.param.type === 'Identifier' ? undefined : UNINIT);
      const cc = childContext(c, scope);
      const bind = compileBindingInitializer(h.param, cc, 'let');
      const body = compileBlock(h.body.body, cc, true);
      handler = function* (f, e) {
        const outer = f.env;
        f.env = newEnv(outer, scope);
        yield* bind(f, e);
        const s = yield* body(f);
        f.env = outer;
        return s;
      };
    }
  }
  const finalizer = node.finalizer ? compileBlock(node.finalizer.body, c, true) : null;
  const completion = c.completion;
  const tryCatch: Stmt = handler === null ? block : function* (f) {
    const env = f.env;
    try {
      return yield* block(f);
    } catch (e) {
      const v = catchValue(f.realm, e);
      f.env = env;
      if (completion) f.completion = undefined;
      return yield* handler!(f, v);
    }
  };
  if (finalizer === null) {
    if (!completion) return tryCatch;
    return function* (f) { f.completion = undefined; return yield* tryCatch(f); };
  }
  return function* (f) {
    if (completion) f.completion = undefined;
    const env = f.env;
    try {
      return yield* tryCatch(f);
    } finally {
      if (agent.terminating === null) {
        f.env = env;
        const label = f.label, retVal = f.retVal, cv = f.completion;
        const s = yield* finalizer(f);
        // A finally block's abrupt completion replaces the try statement's (§14.15.3).
        // eslint-disable-next-line no-unsafe-finally
        if (s !== NORMAL) return s;
        f.label = label; f.retVal = retVal; f.completion = cv;
      }
    }
  };
}

function compileWith(node: WithStatement, c: CompileContext): Stmt {
  const obj = compileExpression(node.object, c);
  const scope = new ScopeInfo('with', c.scope, true);
  const body = compileSubStatement(node.body, childContext(c, scope));
  const completion = c.completion;
  return function* (f) {
    const o = ToObject(f.realm, yield* obj(f));
    if (completion) f.completion = undefined;
    const outer = f.env;
    f.env = new Env(outer, [], scope, o);
    const s = yield* body(f);
    f.env = outer;
    return s;
  };
}

// ---- bodies ----

/** A function body's statements. */
export function compileFunctionStatements(body: readonly Statement[], c: CompileContext): Stmt {
  // A body with `using` declarations disposes at its end (§10.2.1.4 OrdinaryCallEvaluateBody, via
  // FunctionBody evaluation); the slot was declared with the body's scope (function-template.ts).
  const list = compileStatementList(body, c);
  const binding = c.scope.bindings.get(DISPOSE_CAPABILITY);
  return binding === undefined ? list : withDisposal(list, binding.slot);
}

/** A concise arrow body: its value is the return value. */
export function compileExpressionBody(expr: Expression, c: CompileContext): Stmt {
  const e = compileExpression(expr, c);
  return function* (f) { f.retVal = yield* e(f); return RETURN; };
}

/** A class field initializer's expression, named after the field (§15.7.10 NamedEvaluation). */
export function compileNamedExpressionBody(expr: Expression, c: CompileContext, name: string): Stmt {
  const e = isAnonymousFunctionDefinition(expr) ? compileNamed(expr, c, name) : compileExpression(expr, c);
  return function* (f) { f.retVal = yield* e(f); return RETURN; };
}
