// Async functions (§27.7): the body runs as a host generator of the evaluator's generator form, and
// this driver is the part the spec calls AsyncFunctionStart / AsyncBlockStart plus Await's
// continuations: it steps the body until it yields AWAIT (operand in f.raw), subscribes to the
// operand's promise with PerformPromiseThen, and steps again from the reaction job with the value or
// the reason. The result promise settles when the body returns or throws. Nothing here runs guest
// code except through the body and the promise operations, so step counting and depth limits apply
// as for any call.
import type { Realm } from '../../realm/realm.js';
import type { Frame } from './frame.js';
import { RETURN } from './frame.js';
import { agent, Termination } from '../../realm/agent.js';
import { toRealmError } from '../../realm/host-errors.js';
import {
  IsPromise, NewIntrinsicPromise, NewPromiseCapability, PerformPromiseThen, PromiseResolve, RejectPromise, ResolvePromise,
  type PromiseCapability,
} from '../../realm/abstract-ops/promise-operations.js';
import { ReflectApply } from '../../realm/primordials.js';
import { pushFrame } from './call-stack.js';
import { recordAsyncResult, recordAwait } from './async-stack.js';

/** What an `await` yields to this driver; the operand travels in Frame.raw. */
export const AWAIT: unique symbol = Symbol('vmjs.await');

type Body = Generator<unknown, number, unknown>;

const NEXT = 0, THROW = 1;

/** The start of an async function call (§15.8.4 EvaluateAsyncFunctionBody, §27.7.5.1
 * AsyncFunctionStart): the promise is made first, so an error instantiating the parameters rejects
 * it instead of throwing. */
export function AsyncFunctionStart(realm: Realm, f: Frame, instantiate: (f: Frame) => void, run: (f: Frame) => Body): object {
  // The capability never leaves this driver, so the realm's own promise needs no resolving functions.
  const capability: PromiseCapability | object = NewIntrinsicPromise(realm) ?? NewPromiseCapability(realm, realm.intrinsics.Promise);
  let body: Body;
  try {
    instantiate(f);
    body = run(f);
  } catch (e) {
    settle(realm, capability, THROW, e);
    return promiseOf(capability);
  }
  const promise = promiseOf(capability);
  recordAsyncResult(f, promise);
  step(realm, f, body, capability, NEXT, undefined);
  return promise;
}

/** The result promise: an intrinsic promise itself, or a host realm's capability record's promise. */
function promiseOf(capability: PromiseCapability | object): object {
  return IsPromise(capability) ? capability : (capability as PromiseCapability).promise;
}

/** Runs the body to its next await or to its end (AsyncBlockStart's continuation, §27.7.5.2). */
function step(realm: Realm, f: Frame, body: Body, capability: PromiseCapability | object, mode: number, value: unknown): void {
  let result: IteratorResult<unknown, number>;
  // On the call stack while it runs; the first step runs inside the call (invoke pushed f already).
  pushFrame(f);
  try {
    result = mode === NEXT ? body.next(value) : body.throw(value);
  } catch (e) {
    settle(realm, capability, THROW, e);
    return;
  }
  if (result.done) {
    settle(realm, capability, NEXT, result.value === RETURN ? f.retVal : undefined);
    return;
  }
  const operand = f.raw;
  f.raw = undefined;
  if (typeof operand === 'object' && operand !== null) recordAwait(f, operand);
  Await(realm, operand,
    (v) => step(realm, f, body, capability, NEXT, v),
    (r) => step(realm, f, body, capability, THROW, r));
}

/** Await (§27.7.5.3) from a driver's side: subscribes `onFulfilled`/`onRejected` to the operand's
 * promise (PromiseResolve(%Promise%, value), then PerformPromiseThen). A throw from PromiseResolve (a
 * getter on the operand's `constructor`) goes to `onRejected` at once, as the spec throws it at the
 * await. The continuations run from reaction jobs, each a guest step and a call level. */
export function Await(realm: Realm, value: unknown, onFulfilled: (v: unknown) => void, onRejected: (r: unknown) => void): void {
  let promise: object;
  try {
    promise = PromiseResolve(realm, realm.intrinsics.Promise as Function, value);
  } catch (e) {
    if (e instanceof Termination) throw e;
    onRejected(toRealmError(realm, e));
    return;
  }
  PerformPromiseThen(realm, promise,
    (v: unknown) => continuation(realm, onFulfilled, onRejected, v),
    (r: unknown) => continuation(realm, onRejected, onRejected, r));
}

/** An await's continuation, run by a promise reaction job: it is a guest step and a call level. */
function continuation(realm: Realm, run: (v: unknown) => void, onOverflow: (r: unknown) => void, value: unknown): undefined {
  const a = agent;
  if (--a.steps <= 0) a.tick();
  const depth = a.depth;
  if (++a.depth > a.maxDepth) {
    a.depth = depth;
    onOverflow(realm.newError('RangeError', 'Maximum call stack size exceeded'));
    return undefined;
  }
  try {
    run(value);
  } finally {
    a.depth = depth;
  }
  return undefined;
}

/** Resolves or rejects the async function's promise. A Termination is not a guest error: it unwinds. */
function settle(realm: Realm, capability: PromiseCapability | object, mode: number, value: unknown): void {
  if (mode === THROW) {
    if (value instanceof Termination) throw value;
    if (agent.terminating !== null) throw agent.terminating;
    const reason = toRealmError(realm, value);
    if (IsPromise(capability)) RejectPromise(realm, capability, reason);
    else ReflectApply((capability as PromiseCapability).reject, undefined, [reason]);
  } else if (IsPromise(capability)) {
    ResolvePromise(realm, capability, value);
  } else {
    ReflectApply((capability as PromiseCapability).resolve, undefined, [value]);
  }
}
