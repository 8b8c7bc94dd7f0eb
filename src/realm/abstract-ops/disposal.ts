// Operations on disposable objects (ES2026 §7.5, the explicit resource management chapter): the
// DisposeCapability of a scope or a DisposableStack, the resources recorded in it, and DisposeResources.
//
// DisposeResources contains Awaits (for `await using` and AsyncDisposableStack). It is written once, as
// a host generator of its Await operands: each `yield v` is Await(v), resumed with the fulfilled value
// or thrown the rejection reason. Three drivers run it: the evaluator (`yield AWAIT` on the running
// body's frame), AsyncDisposableStack.prototype.disposeAsync (continuations on the realm's %Promise%)
// and, where no Await can occur (only sync-dispose resources), DisposeResourcesSync.
import type { Realm } from '../realm.js';
import { Termination } from '../agent.js';
import { toRealmError } from '../host-errors.js';
import { Call, GetMethod } from './object-operations.js';
import { IsCallable, isObject } from './testing-comparison.js';
import { NewPromiseCapability, PerformPromiseThen, PromiseResolve, type PromiseCapability } from './promise-operations.js';
import { describeValue } from '../describe.js';
import { ReflectApply, SymbolAsyncDispose, SymbolDispose } from '../primordials.js';
import { createBuiltinFunction } from '../builtin.js';
import { newSuppressedError } from '../builtins/suppressed-error.js';

export type DisposeHint = 'sync-dispose' | 'async-dispose';

/** A DisposableResource Record (§7.5.1, sec-disposableresource-records). */
export interface DisposableResource {
  readonly value: unknown;
  readonly hint: DisposeHint;
  readonly method: Function | undefined;
}

/** A DisposeCapability Record's [[DisposableResourceStack]] (§7.5.2, sec-disposecapability-records),
 * in the order the resources were added. */
export type DisposeCapability = DisposableResource[];

/** NewDisposeCapability (§7.5.3, sec-newdisposecapability). */
export function NewDisposeCapability(): DisposeCapability {
  return [];
}

/** AddDisposableResource (§7.5.4, sec-adddisposableresource). */
export function AddDisposableResource(realm: Realm, capability: DisposeCapability, V: unknown, hint: DisposeHint, method?: Function): void {
  let resource: DisposableResource;
  if (method === undefined) {
    if ((V === null || V === undefined) && hint === 'sync-dispose') return;
    resource = CreateDisposableResource(realm, V, hint);
  } else {
    resource = CreateDisposableResource(realm, undefined, hint, method);
  }
  capability.push(resource);
}

/** CreateDisposableResource (§7.5.5, sec-createdisposableresource). */
export function CreateDisposableResource(realm: Realm, V: unknown, hint: DisposeHint, method?: unknown): DisposableResource {
  if (method === undefined) {
    if (V === null || V === undefined) return { value: undefined, hint, method: undefined };
    if (!isObject(V)) realm.throwTypeError(`${describeValue(V)} is not an object and cannot be disposed`);
    const m = GetDisposeMethod(realm, V, hint);
    if (m === undefined) realm.throwTypeError(`${describeValue(V)} is not disposable: its ${hint === 'async-dispose' ? '[Symbol.asyncDispose] and ' : ''}[Symbol.dispose] method is missing`);
    return { value: V, hint, method: m };
  }
  if (!IsCallable(method)) realm.throwTypeError(`${describeValue(method)} is not a function`);
  return { value: V, hint, method };
}

/** The @@dispose / @@asyncDispose a realm's code names: the agent's (primordials.ts), except in the host
 * realm, whose guest code sees the host's own Symbol.dispose where the host has one (node 20's). */
function disposeKey(realm: Realm, name: 'dispose' | 'asyncDispose'): symbol {
  if (realm.isHost) {
    const host = (Symbol as unknown as Record<string, unknown>)[name];
    if (typeof host === 'symbol') return host;
  }
  return name === 'dispose' ? SymbolDispose : SymbolAsyncDispose;
}

/** GetDisposeMethod (§7.5.6, sec-getdisposemethod). For async-dispose, a @@dispose method is wrapped so
 * that what it returns is not awaited and what it throws rejects instead of throwing. */
export function GetDisposeMethod(realm: Realm, V: object, hint: DisposeHint): Function | undefined {
  if (hint === 'async-dispose') {
    const asyncMethod = GetMethod(realm, V, disposeKey(realm, 'asyncDispose'));
    if (asyncMethod !== undefined) return asyncMethod;
    const method = GetMethod(realm, V, disposeKey(realm, 'dispose'));
    if (method === undefined) return undefined;
    const closure = {
      closure(this: unknown): object {
        const promiseCapability = NewPromiseCapability(realm, realm.intrinsics.Promise);
        try {
          Call(method, this);
        } catch (e) {
          if (e instanceof Termination) throw e;
          ReflectApply(promiseCapability.reject, undefined, [toRealmError(realm, e)]);
          return promiseCapability.promise;
        }
        ReflectApply(promiseCapability.resolve, undefined, [undefined]);
        return promiseCapability.promise;
      },
    }.closure;
    return createBuiltinFunction(realm, closure, '', 0);
  }
  return GetMethod(realm, V, disposeKey(realm, 'dispose'));
}

/** DisposeResources (§7.5.7, sec-disposeresources) as a generator of its Await operands (see the file
 * comment). `completion` is the scope's: `threw` with its value, or normal. Returns normally when the
 * final completion is normal, throws its value otherwise. Disposal errors are chained in SuppressedErrors
 * (the newest one's `error`, the one it suppressed its `suppressed`). A Termination passes untouched. */
export function* DisposeResources(realm: Realm, capability: DisposeCapability, threw: boolean, thrown: unknown): Generator<unknown, void, unknown> {
  let needsAwait = false;
  let hasAwaited = false;
  for (let i = capability.length - 1; i >= 0; i--) {
    const { value, hint, method } = capability[i];
    if (hint === 'sync-dispose' && needsAwait && !hasAwaited) {
      yield undefined;
      needsAwait = false;
    }
    if (method !== undefined) {
      try {
        const result = Call(method, value);
        if (hint === 'async-dispose') {
          hasAwaited = true;
          yield result;
        }
      } catch (e) {
        if (e instanceof Termination) throw e;
        const error = toRealmError(realm, e);
        if (threw) {
          thrown = newSuppressedError(realm, error, thrown);
        } else {
          threw = true;
          thrown = error;
        }
      }
    } else {
      // Only an `await using` of null or undefined: an Await is still owed (step 3.f).
      needsAwait = true;
    }
  }
  if (needsAwait && !hasAwaited) yield undefined;
  capability.length = 0;
  if (threw) throw thrown;
}

/** DisposeResources for a capability that can hold only sync-dispose resources: no Await can occur. */
export function DisposeResourcesSync(realm: Realm, capability: DisposeCapability, threw: boolean, thrown: unknown): void {
  const r = DisposeResources(realm, capability, threw, thrown).next();
  if (r.done !== true) throw new Error('vmjs internal error: a synchronous disposal awaited');
}

/** Runs DisposeResources with each Await as PromiseResolve + PerformPromiseThen on the realm's
 * %Promise% (what Await does, §27.7.5.3), settling `promiseCapability` with undefined or the final
 * error: the body of AsyncDisposableStack.prototype.disposeAsync after its checks. */
export function DisposeResourcesAsync(realm: Realm, capability: DisposeCapability, promiseCapability: PromiseCapability): void {
  const steps = DisposeResources(realm, capability, false, undefined);
  const settle = (fn: Function, v: unknown): void => { ReflectApply(fn, undefined, [v]); };
  const step = (resume: () => IteratorResult<unknown, void>): void => {
    let r: IteratorResult<unknown, void>;
    try {
      r = resume();
    } catch (e) {
      if (e instanceof Termination) throw e;
      settle(promiseCapability.reject, toRealmError(realm, e));
      return;
    }
    if (r.done === true) { settle(promiseCapability.resolve, undefined); return; }
    let promise: object;
    try {
      promise = PromiseResolve(realm, realm.intrinsics.Promise as Function, r.value);
    } catch (e) {
      if (e instanceof Termination) throw e;
      const reason = toRealmError(realm, e);
      step(() => steps.throw(reason));
      return;
    }
    PerformPromiseThen(realm, promise, (v: unknown) => step(() => steps.next(v)), (e: unknown) => step(() => steps.throw(e)));
  };
  step(() => steps.next());
}
