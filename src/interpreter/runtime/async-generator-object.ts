// Async generator objects (§27.6): the body runs as a host generator of the evaluator's generator
// form, like a generator's, and this driver keeps the spec's request queue. A body yields either the
// AWAIT marker (an await; operand in f.raw) or a value (a yield, awaited here before it completes the
// front request, §15.5.5 / §27.6.3.8). `return` resumption at a yield awaits its value first
// (§27.6.3.7 AsyncGeneratorUnwrapYieldResumption), then unwinds the body through its finally blocks.
import type { Realm } from '../../realm/realm.js';
import type { Frame } from './frame.js';
import type { FunctionState } from './function-object.js';
import { RETURN } from './frame.js';
import { agent, Termination } from '../../realm/agent.js';
import { toRealmError } from '../../realm/host-errors.js';
import { CreateIterResultObject } from '../../realm/abstract-ops/iterator-operations.js';
import { NewPromiseCapability, type PromiseCapability } from '../../realm/abstract-ops/promise-operations.js';
import { describeValue } from '../../realm/describe.js';
import { ObjectCreate, ReflectApply } from '../../realm/primordials.js';
import { AWAIT, Await } from './async-function.js';
import { pushFrame } from './call-stack.js';

/** What yield* in an async generator yields: an inner iterator's value, which AsyncGeneratorYield
 * completes the request with as it is, without the await a plain `yield` does (§15.5.5). */
export const YIELD_AWAITED: unique symbol = Symbol('vmjs.asyncYieldAwaited');

/** A return request reaching a body suspended in yield* is passed in as this resumption value (value
 * in f.retVal) instead of as the host generator's return(): yield* must forward it to the inner
 * iterator and await what that gives, and an await while the host generator is returning would end
 * the return early at the expression level. */
export const DELEGATE_RETURN: unique symbol = Symbol('vmjs.asyncDelegateReturn');

/** What yield* yields when the delegation ends in a return (value in f.retVal): the driver then
 * returns the body, running its finally blocks. */
export const DO_RETURN: unique symbol = Symbol('vmjs.asyncDoReturn');

type Body = Generator<unknown, number, unknown>;
type State = 'suspendedStart' | 'suspendedYield' | 'executing' | 'drainingQueue' | 'completed';
export type AsyncGeneratorRequestKind = 'next' | 'return' | 'throw';

/** An AsyncGeneratorRequest Record (§27.6.3.1). */
interface Request {
  readonly kind: AsyncGeneratorRequestKind;
  readonly value: unknown;
  readonly capability: PromiseCapability;
}

class AsyncGeneratorRecord {
  state: State = 'suspendedStart';
  /** Suspended at a yield of yield* (YIELD_AWAITED): a return request goes in as DELEGATE_RETURN. */
  delegating = false;
  /** [[AsyncGeneratorQueue]] */
  readonly queue: Request[] = [];
  constructor(readonly realm: Realm, readonly frame: Frame, readonly body: Body) {}
}

const generators = new WeakMap<object, AsyncGeneratorRecord>();

/** The object a call of an async generator function returns (§27.6.3.2 AsyncGeneratorStart). */
export function createAsyncGeneratorObject(s: FunctionState, f: Frame, run: (f: Frame) => Body): object {
  const p = (s.fnObject as unknown as { prototype: unknown }).prototype;
  const proto = (typeof p === 'object' && p !== null) || typeof p === 'function' ? p as object : s.realm.intrinsics.AsyncGeneratorPrototype as object;
  const g = ObjectCreate(proto) as object;
  generators.set(g, new AsyncGeneratorRecord(s.realm, f, run(f)));
  return g;
}

const METHOD_NAMES: Record<AsyncGeneratorRequestKind, string> = {
  next: 'AsyncGenerator.prototype.next', return: 'AsyncGenerator.prototype.return', throw: 'AsyncGenerator.prototype.throw',
};

/** The frame of an async generator object the interpreter made (its suspended activation), or undefined. */
export function asyncGeneratorFrameOf(g: object): Frame | undefined {
  return generators.get(g)?.frame;
}

/** Whether `g` is an async generator object the interpreter made. */
export function isAsyncGeneratorObject(g: unknown): boolean {
  return typeof g === 'object' && g !== null && generators.has(g);
}

/** %AsyncGeneratorPrototype%.next / return / throw (§27.6.1.2–§27.6.1.4): always a promise of `realm`. */
export function AsyncGeneratorRequest(realm: Realm, g: unknown, kind: AsyncGeneratorRequestKind, value: unknown): object {
  const capability = NewPromiseCapability(realm, realm.intrinsics.Promise);
  // AsyncGeneratorValidate (§27.6.3.3), with IfAbruptRejectPromise.
  const r = typeof g === 'object' && g !== null ? generators.get(g) : undefined;
  if (r === undefined) {
    const error = realm.newError('TypeError', `${METHOD_NAMES[kind]} called on incompatible receiver ${describeValue(g)}`);
    ReflectApply(capability.reject, undefined, [error]);
    return capability.promise;
  }
  let state = r.state;
  if (kind === 'next') {
    if (state === 'completed') {
      ReflectApply(capability.resolve, undefined, [CreateIterResultObject(realm, undefined, true)]);
      return capability.promise;
    }
    r.queue.push({ kind, value, capability });
    if (state === 'suspendedStart' || state === 'suspendedYield') resumeWith(r, kind, value);
  } else if (kind === 'return') {
    r.queue.push({ kind, value, capability });
    if (state === 'suspendedStart' || state === 'completed') {
      r.state = 'drainingQueue';
      awaitReturn(r);
    } else if (state === 'suspendedYield') {
      resumeWith(r, kind, value);
    }
  } else {
    if (state === 'suspendedStart') {
      r.state = 'completed';
      state = 'completed';
      // The body never ran: its host generator is finished without running anything.
      r.body.return(0);
    }
    if (state === 'completed') {
      ReflectApply(capability.reject, undefined, [value]);
      return capability.promise;
    }
    r.queue.push({ kind, value, capability });
    if (state === 'suspendedYield') resumeWith(r, kind, value);
  }
  return capability.promise;
}

const NEXT = 0, THROW = 1, RETURN_MODE = 2;

/** AsyncGeneratorResume (§27.6.3.5) with AsyncGeneratorUnwrapYieldResumption for a return request. */
function resumeWith(r: AsyncGeneratorRecord, kind: AsyncGeneratorRequestKind, value: unknown): void {
  r.state = 'executing';
  if (kind === 'return') {
    Await(r.realm, value, (v) => step(r, RETURN_MODE, v), (e) => step(r, THROW, e));
    return;
  }
  step(r, kind === 'next' ? NEXT : THROW, value);
}

/** Runs the body to its next await, yield or end. */
function step(r: AsyncGeneratorRecord, mode: number, value: unknown): void {
  const f = r.frame;
  let result: IteratorResult<unknown, number>;
  const depth = agent.depth;
  if (++agent.depth > agent.maxDepth) {
    agent.depth = depth;
    finish(r, THROW, r.realm.newError('RangeError', 'Maximum call stack size exceeded'));
    return;
  }
  const delegating = r.delegating;
  r.delegating = false;
  pushFrame(f);
  try {
    if (mode === NEXT) result = r.body.next(value);
    else if (mode === THROW) result = r.body.throw(value);
    else { f.retVal = value; result = delegating ? r.body.next(DELEGATE_RETURN) : r.body.return(RETURN); }
    while (!result.done && result.value === DO_RETURN) result = r.body.return(RETURN);
  } catch (e) {
    if (e instanceof Termination) throw e;
    if (agent.terminating !== null) throw agent.terminating;
    finish(r, THROW, toRealmError(r.realm, e));
    return;
  } finally {
    agent.depth = depth;
  }
  if (result.done) {
    finish(r, NEXT, result.value === RETURN ? f.retVal : undefined);
    return;
  }
  if (result.value === AWAIT) {
    const operand = f.raw;
    f.raw = undefined;
    Await(r.realm, operand, (v) => step(r, NEXT, v), (e) => step(r, THROW, e));
    return;
  }
  if (result.value === YIELD_AWAITED) {
    const value = f.raw;
    f.raw = undefined;
    r.delegating = true;
    yielded(r, value);
    return;
  }
  // yield: the value is awaited first (§15.5.5 step 3 for async generators), then yielded.
  Await(r.realm, result.value, (v) => yielded(r, v), (e) => step(r, THROW, e));
}

/** AsyncGeneratorYield (§27.6.3.8): completes the front request; the next one, if any, resumes at once. */
function yielded(r: AsyncGeneratorRecord, value: unknown): void {
  completeStep(r, NEXT, value, false);
  if (r.queue.length > 0) {
    const next = r.queue[0];
    resumeWith(r, next.kind, next.value);
    return;
  }
  r.state = 'suspendedYield';
}

/** The body ended (§27.6.3.2 steps g–l): complete the front request, then drain the queue. */
function finish(r: AsyncGeneratorRecord, mode: number, value: unknown): void {
  r.state = 'drainingQueue';
  completeStep(r, mode, value, true);
  drainQueue(r);
}

/** AsyncGeneratorCompleteStep (§27.6.3.4). */
function completeStep(r: AsyncGeneratorRecord, mode: number, value: unknown, done: boolean): void {
  const next = r.queue.shift()!;
  if (mode === THROW) ReflectApply(next.capability.reject, undefined, [value]);
  else ReflectApply(next.capability.resolve, undefined, [CreateIterResultObject(r.realm, value, done)]);
}

/** AsyncGeneratorDrainQueue (§27.6.3.10): requests that arrived after the body ended. */
function drainQueue(r: AsyncGeneratorRecord): void {
  for (;;) {
    if (r.queue.length === 0) { r.state = 'completed'; return; }
    const next = r.queue[0];
    if (next.kind === 'return') { awaitReturn(r); return; }
    if (next.kind === 'throw') completeStep(r, THROW, next.value, true);
    else completeStep(r, NEXT, undefined, true);
  }
}

/** AsyncGeneratorAwaitReturn (§27.6.3.9): a return request on a generator that is not running. */
function awaitReturn(r: AsyncGeneratorRecord): void {
  const next = r.queue[0];
  Await(r.realm, next.value,
    (v) => { completeStep(r, NEXT, v, true); drainQueue(r); },
    (e) => { completeStep(r, THROW, e, true); drainQueue(r); });
}
