// A function body compiled to host code (the compiled tier): analysed
// (eligibility.ts), emitted (emit-*.ts) and made with the host's Function
// (host-codegen.ts) as `function (rt, K) { …; return function … }`, in one of two forms.
//
// The direct entry, `entry(s, c, thisArg, newTarget, p0, p1, …)`, is [[Call]] and
// [[Construct]] of the function (§10.2.1, §10.2.2) whole: invoke hands every call
// of the function to it (function-object.ts), and the tier's own call and `new`
// sites call it themselves, with the arguments as host parameters (no argument
// list), the caller's frame from the site (no walk of the agent's stack) and the
// body inline (no second call); a body whose bindings all live in host locals gets
// no Env. It does what invoke does, in the same order: a step, the depth limit, the
// Frame pushed on the agent (error stacks), `this` (OrdinaryCallBindThis, or
// OrdinaryCreateFromConstructor), and on the way out the depth restored, the
// construct result, and a thrown value's location recorded (invoke's catch). Only
// functions whose instantiation is nothing but binding simple parameters get one
// (no `arguments`, no hoisted function declarations).
//
// A body with a loop of its own is split: a loop inside the entry's try/catch
// measured slower in V8 (box2d +21% user time), so the body is a second host
// function, `body(o, f, th, e0, p0, …)` (o: the closure's environment, e0: the
// function's Env when it has one), which returns the body's completion value and
// which V8 optimises on its own (on-stack replacement included). The entry makes
// the frame and calls it inside its try/catch; a `run(f)` calls it too, for the
// activation whose call compiled the body (bodies with loops compile at their
// first call: a main loop called once runs compiled from that call).
//
// Each generated function is written in parentheses: V8 then compiles it with the
// one that makes it (each is called right away) instead of pre-parsing it there and
// parsing it again at its first call.
//
// The others get `run(f)` only, which replaces the closure tier's `run` of the body:
// invoke, the Frame, the instantiation of parameters, `arguments` and hoisted
// functions stay as they are.
import type { Expression, Statement } from 'acorn';
import type { DirectEntry, ListEntry, FunctionTemplate } from '../compile/function-template.js';
import type { CompileContext } from '../compile/compile-context.js';
import { UNINIT, type ScopeInfo, type Binding } from '../compile/scope.js';
import type { Frame, Signal } from '../runtime/frame.js';
import { analyseBody, type BodyAnalysis } from './eligibility.js';
import { Emitter } from './emit-context.js';
import { OBJECT_BYTES } from '../../realm/allocation.js';
import { emitStatements } from './emit-statement.js';
import { emitExpression } from './emit-expression.js';
import { makeHostFunction } from './host-codegen.js';
import { tierRuntime, type TierRuntime } from './tier-runtime.js';

export type SyncRun = (f: Frame) => Signal;

/** What the tier makes of a body: `run` (null when the body has a direct entry and no loop: the
 * activation whose call compiled it finishes in closures) and the direct entry, when the function can
 * have one, in one of its two forms (`listEntry` for a body that reads its argument list). */
export interface HostBody {
  readonly run: SyncRun | null;
  readonly entry: DirectEntry | null;
  readonly listEntry: ListEntry | null;
}

/** How the generated source answers: `run`, the direct entry, or `[entry, run]` (a split body). */
type Shape = 'run' | 'entry' | 'both';

/** The generated source of `t`'s body and its constants: a direct entry when `t` can have one, with a
 * separate body function and a `run` as well when `loops` (the body has a loop of its own), else `run`.
 * Throws Unsupported when the tier cannot take it. */
export function emitFunction(t: FunctionTemplate, c: CompileContext, scope: ScopeInfo, loops: boolean): { source: string; consts: unknown[]; shape: Shape } {
  const body = t.node.body;
  const statements: Statement[] | null = body.type === 'BlockStatement' ? body.body : null;
  const expression: Expression | null = body.type === 'BlockStatement' ? null : body as Expression;
  const analysis = analyseBody(t.node, statements, expression, t.lazyArguments);
  const e = new Emitter(t, c, analysis, scope);
  const args = scope.bindings.get('arguments');
  if (!t.strict && args !== undefined && args.kind === 'arguments') {
    // A mapped arguments object aliases the parameters' slots (§10.4.4.7): they stay there.
    e.setMappedParams(new Set((t.node.params ?? []).map((p) => (p as { name: string }).name)));
  }
  const emitBody = (): string => statements !== null
    ? emitStatements(e, statements, true) + e.returnSignal(null)
    : e.returnValue(emitExpression(e, expression!));
  const entry = directEntrySource(t, c, scope, statements, analysis, e, emitBody, loops);
  let lines: string[];
  if (entry !== null) {
    lines = entry;
  } else {
    e.startPass('run', 'e0.parent');
    const decls = e.pushScope(scope, 'e0', statements ?? [], (b) => `e0.slots[${b.slot}]`);
    const code = emitBody();
    lines = [
      'return (function (f) {',
      'const e0 = f.env;',
      e.usesThis ? 'const th = f.thisFrame.thisValue;' : '',
      e.locals.length > 0 ? `let ${e.locals.join(', ')};` : '',
      decls,
      code,
      '});',
    ];
  }
  const consts = e.consts.map((_, i) => `k${i} = K[${i}]`);
  const source = [
    'const A = rt.agent, U = rt.UNINIT;',
    entry !== null ? 'const Frame = rt.Frame, Env = rt.Env, copySlots = rt.copySlots, NA = rt.NO_ARGS;' : '',
    consts.length > 0 ? `const ${consts.join(', ')};` : '',
    ...lines,
  ].join('\n');
  return { source, consts: e.consts, shape: entry === null ? 'run' : loops ? 'both' : 'entry' };
}

/** The direct entry's source lines, or null when `t` cannot have one; `split`: the body goes in a
 * function of its own, and the lines answer `[entry, run]`. */
function directEntrySource(t: FunctionTemplate, c: CompileContext, scope: ScopeInfo, statements: readonly Statement[] | null, analysis: BodyAnalysis, e: Emitter, emitBody: () => string, split: boolean): string[] | null {
  // The instantiation (function-template.ts) must be nothing but binding simple parameters, and leaving
  // `arguments` unmade (lazy-arguments.ts: the entry then takes the argument list, `ls`, and its frame
  // keeps it for the forms that read it, all delegated to closures, so the body has an Env).
  const list = t.lazyArguments !== null;
  if (!list && scope.bindings.get('arguments')?.kind === 'arguments') return null;
  if (list && analysis.holders.size === 0) return null;
  if (statements !== null && statements.some((s) => s.type === 'FunctionDeclaration')) return null;
  const params = (t.node.params ?? []).map((p) => (p as { name: string }).name);
  // A parameter named twice (sloppy) is bound to its last argument.
  const paramOf = new Map<string, number>();
  params.forEach((name, i) => paramOf.set(name, i));
  for (const [name, b] of scope.bindings) {
    if (paramOf.has(name)) continue;
    const v = scope.init[b.slot];
    if (v !== undefined && v !== UNINIT) return null;
  }
  const withEnv = analysis.holders.size > 0;
  const initial = (b: Binding): string => {
    const i = paramOf.get(b.name);
    if (i !== undefined) return `p${i}`;
    return scope.init[b.slot] === UNINIT ? 'U' : 'undefined';
  };

  e.startPass(split ? 'body' : 'entry', split ? 'o' : 's.env');
  // Named e0 either way (blocks and jumps compare Env names); without opaque regions no binding keeps
  // a slot, so nothing reads it.
  const decls = e.pushScope(scope, 'e0', statements ?? [], initial);
  const code = emitBody();
  e.popScope(c);
  // Without an Env, nothing may name one: every binding is a host local, every outer one is read
  // through the closure's environment (s.env).
  if (!withEnv && /\be0\b/.test(code + decls)) throw new Error('vmjs internal error: the compiled tier named an Env the direct entry does not make');
  const locals = e.locals.length > 0 ? `let ${e.locals.join(', ')};` : '';

  const ps = params.map((_, i) => `p${i}`);
  // A list entry's parameters, from its list as invoke reads them (no read past the end: an array's
  // prototype is not consulted).
  const head = list && ps.length > 0
    ? `const ln = ls.length${ps.map((p, i) => `, ${p} = ln > ${i} ? ls[${i}] : undefined`).join('')};`
    : '';
  const signature = list ? 's, c, ta, nt, ls' : `s, c, ta, nt${ps.map((p) => `, ${p}`).join('')}`;
  const hostArgs = list ? 'ls' : `[${ps.join(', ')}]`;
  const envLines: string[] = [];
  let env = 's.env';
  if (withEnv) {
    envLines.push(`const e0 = new Env(s.env, copySlots(${e.konst(scope.init)}), ${e.konst(scope)});`);
    // The parameters an opaque region names live in their slots (instantiate's binding, for them).
    params.forEach((name, i) => {
      if (paramOf.get(name) === i && e.keepsSlot(name)) envLines.push(`e0.slots[${scope.bindings.get(name)!.slot}] = p${i};`);
    });
    env = 'e0';
  }
  // OrdinaryCallBindThis (§10.2.1.2): an arrow's own frame keeps the value passed (invoke does the same).
  let thisValue = t.strict || t.isArrow ? 'ta'
    : "(ta === undefined || ta === null ? s.realm.globalThisValue : typeof ta === 'object' || typeof ta === 'function' ? ta : rt.toObject(s.realm, ta))";
  // [[Construct]] (§10.2.2) of an ordinary function or a base class: OrdinaryCreateFromConstructor,
  // counted as invoke does (a class constructor is only ever constructed: its wrapper throws on a call).
  const constructs = t.kind === 'normal' || t.kind === 'classConstructor';
  if (constructs) thisValue = `nt === undefined ? ${thisValue} : (A.allocated += ${OBJECT_BYTES}, rt.createThis(s.realm, ta, nt))`;
  let inline = [locals, decls, code];
  let open: string[] = [];
  let tail = ['});'];
  if (split) {
    // The body function, then the entry calling it (its result: the construct result of the completion
    // value, as returnValue answers in the unsplit entry), then `run` for an activation invoke made.
    const r = e.tmp();
    open = [
      `const B = (function (o, f, th, e0${ps.map((p) => `, ${p}`).join('')}) {`,
      locals, decls, code,
      '});',
      `const entry = (function (${signature}) {`,
    ];
    inline = [`const ${r} = B(s.env, f, th, ${withEnv ? 'e0' : 'undefined'}${ps.map((p) => `, ${p}`).join('')});`, `A.depth--; return ${e.result(r)};`];
    // The run form's arguments: each parameter from its slot, where instantiate bound it.
    const fromSlots = params.map((name, i) => paramOf.get(name) === i ? `, e0.slots[${scope.bindings.get(name)!.slot}]` : ', undefined').join('');
    tail = [
      '});',
      `const run = (function (f) { const e0 = f.env; f.retVal = B(e0.parent, f, ${t.isArrow ? 'undefined' : 'f.thisFrame.thisValue'}, e0${fromSlots}); return 3; });`,
      'return [entry, run];',
    ];
  } else {
    open = [`return (function (${signature}) {`];
  }
  return [
    ...open,
    // Host code calling (agent.hostCode): invoke's path, which brings the arguments in through the membrane.
    `if (--A.steps <= 0 && A.tick()) return rt.enterFromHost(s, ta, ${hostArgs}, nt);`,
    head,
    'const d = ++A.depth;',
    'if (d > A.maxDepth) rt.overflow(s);',
    'let f = null;',
    'try {',
    `const th = ${thisValue};`,
    ...envLines,
    `f = new Frame(s.realm, ${env}, ${env}, th, s, nt, ${list ? 'ls' : 'NA'}, ${t.strict ? 'true' : 'false'}, c, d);`,
    'A.top = f;',
    t.isArrow ? 'if (s.thisFrame !== null) f.thisFrame = s.thisFrame;' : '',
    'f.privateEnv = s.privateEnv;',
    // InitializeInstanceElements (§7.3.34): a class's fields and private methods, before its body.
    t.kind === 'classConstructor' ? 'if (nt !== undefined && s.fields !== null) rt.initFields(s.realm, th, s);' : '',
    ...inline,
    '} catch (x) { A.depth--; rt.callFailed(x, f, s, d); }',
    ...tail,
  ];
}

/** The host function for `t`'s body (its source pushed on `sources` when given: vmjs's tests read it).
 * Throws Unsupported when the tier cannot take it. */
export function compileToHost(t: FunctionTemplate, c: CompileContext, scope: ScopeInfo, loops: boolean, sources: string[] | null = null): HostBody {
  const { source, consts, shape } = emitFunction(t, c, scope, loops);
  if (sources !== null) sources.push(source);
  const made = (makeHostFunction(['rt', 'K'], source) as (rt: TierRuntime, K: unknown[]) => unknown)(tierRuntime, consts);
  if (shape === 'run') return { run: made as SyncRun, entry: null, listEntry: null };
  const [entry, run] = shape === 'entry' ? [made, null] : made as [unknown, SyncRun];
  return t.lazyArguments !== null
    ? { run, entry: null, listEntry: entry as ListEntry }
    : { run, entry: entry as DirectEntry, listEntry: null };
}
