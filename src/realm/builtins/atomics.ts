// The Atomics object (ECMA-262 §25.4). The read-modify-write operations are the host's, applied to
// the realm's typed arrays (host typed arrays): ValidateIntegerTypedArray, ValidateAtomicAccess and
// the value conversions run in the spec's order, and on a SharedArrayBuffer the host's atomics are
// real ones. wait, waitAsync and notify are written here:
//
// - Atomics.wait: AgentCanSuspend() is the realm's canBlock (createContext's vmjs option; false by
//   default, as on a browser's main thread, since blocking the host thread stops the step budget).
//   Where it is false, wait validates and converts its arguments, then throws a TypeError. Where it is
//   true, the critical section (compare, then block) is the host's Atomics.wait on the same memory (a
//   realm's typed array is a host typed array), so agents in other threads that share the buffer wake
//   it with Atomics.notify. The block is clamped to the run's deadline: when the deadline comes first,
//   the run is terminated as by any timeout. An interrupt request cannot end a block early.
// - Atomics.waitAsync: where the host has Atomics.waitAsync, the waiter is the host's (so a notify in
//   any thread sharing the buffer wakes it, and the host keeps its timeout); its outcome resolves the
//   realm's promise from a job of the realm. Otherwise the agent's own waiter lists (§25.4.3.2
//   GetWaiterList, one per buffer and byte index): a waiter's promise is the realm's, resolved by a job
//   with "ok" when notify removes it, or "timed-out" by a host timer (setTimeout) where the host has
//   one; without one a finite timeout never fires.
// - Atomics.notify: wakes this agent's own async waiters first, then, for the rest of the count, the
//   host's (its async waiters, and agents the embedder shares the buffer with).
import type { Realm } from '../realm.js';
import { recordOpaque } from '../hidden-referents.js';
import { defineTable, method, value, type BuiltinEntry, calledByHost } from '../builtin.js';
import {
  CreateDataPropertyOrThrow, IsSharedArrayBuffer, IsTypedArrayOutOfBounds, NewPromiseCapability, ToIndex, ToInt32, ToIntegerOrInfinity,
  ToNumber, TypedArrayElementSize, TypedArrayLength, describeValue, typedArrayByteOffset, typedArrayName, type PromiseCapability,
  immutableViewTarget, viewedArrayBuffer,
} from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import { toRealmError } from '../host-errors.js';
import { HostEnqueuePromiseJob } from '../job-queue.js';
import { agent } from '../agent.js';
import { callBuiltinFromHost } from '../membrane.js';
import { ToBigInt } from './bigint.js';
import { hostFunction } from './host-delegation.js';
import {
  BigIntAsIntN, GlobalClearTimeout, GlobalSetTimeout, HostAtomicsDescriptors, MathMax, NumberIsInteger, ObjectCreate, PromisePrototypeThen, ReflectApply,
} from '../primordials.js';

const OPERATIONS: ReadonlyArray<readonly [string, number]> = [
  ['add', 3], ['and', 3], ['compareExchange', 4], ['exchange', 3], ['isLockFree', 1], ['load', 2],
  ['or', 3], ['store', 3], ['sub', 3], ['xor', 3],
];

/** An Atomics operation delegated to the host. The host refuses an immutable view (a Proxy) as its
 * typed array before converting anything: an operation that writes (ValidateIntegerTypedArray with
 * ~write~) then throws the immutable-arraybuffer proposal's TypeError, load and isLockFree run on the host
 * typed array behind the view. */
function atomicsHostMethod(realm: Realm, name: string, hostFn: Function): (this: unknown, ...args: unknown[]) => unknown {
  const write = name !== 'load' && name !== 'isLockFree';
  return {
    method(this: unknown, ...args: unknown[]): unknown {
      try {
        return ReflectApply(hostFn, this, args);
      } catch (e) {
        const target = immutableViewTarget(args[0]);
        if (target === undefined) throw toRealmBrandError(realm, e, this);
        if (write) realm.throwTypeError(`Cannot perform Atomics.${name} on an immutable ArrayBuffer`);
        args[0] = target;
        try { return ReflectApply(hostFn, this, args); } catch (e2) { throw toRealmBrandError(realm, e2, this); }
      }
    },
  }.method;
}

interface Waiter { readonly capability: PromiseCapability; readonly realm: Realm; timer: unknown }
/** The agent's waiter lists: per SharedArrayBuffer, per byte index, in FIFO order. */
const waiterLists = new WeakMap<object, Map<number, Waiter[]>>();

function GetWaiterList(buffer: object, byteIndex: number): Waiter[] {
  let perBuffer = waiterLists.get(buffer);
  if (perBuffer === undefined) waiterLists.set(buffer, perBuffer = new Map());
  let list = perBuffer.get(byteIndex);
  if (list === undefined) perBuffer.set(byteIndex, list = []);
  return list;
}

/** Settles a waiter's promise with `result` from a job of its realm (EnqueueResolveInAgentJob). */
function resolveWaiter(w: Waiter, result: string): void {
  if (w.timer !== undefined && GlobalClearTimeout !== undefined) ReflectApply(GlobalClearTimeout, undefined, [w.timer]);
  HostEnqueuePromiseJob(() => { ReflectApply(w.capability.resolve, undefined, [result]); }, w.realm);
}

/** ValidateIntegerTypedArray (§25.4.3.1, sec-validateintegertypedarray); returns the type name. */
function ValidateIntegerTypedArray(realm: Realm, ta: unknown, waitable: boolean): string {
  const name = typedArrayName(ta);
  if (name === undefined) return realm.throwTypeError(`${describeValue(ta)} is not an integer shared typed array.`);
  if (TypedArrayLength(ta as object) === 0 && IsTypedArrayOutOfBounds(ta as object)) realm.throwTypeError('Cannot perform Atomics operation on a detached ArrayBuffer');
  const ok = waitable
    ? name === 'Int32Array' || name === 'BigInt64Array'
    : name !== 'Uint8ClampedArray' && name !== 'Float16Array' && name !== 'Float32Array' && name !== 'Float64Array';
  if (!ok) realm.throwTypeError(`[object ${name}] is not an integer${waitable ? ' shared' : ''} typed array.`);
  return name;
}

/** ValidateAtomicAccess (§25.4.3.2, sec-validateatomicaccess): the element index (the byte index is
 * byteOffset + index × element size). */
function ValidateAtomicAccess(realm: Realm, ta: object, requestIndex: unknown): number {
  const length = TypedArrayLength(ta);
  const accessIndex = ToIndex(realm, requestIndex, 'Invalid atomic access index');
  if (accessIndex >= length) realm.throwRangeError('Invalid atomic access index');
  return accessIndex;
}

interface WaitArguments { ta: Record<number, unknown>; buffer: object; i: number; byteIndex: number; v: number | bigint; t: number }

/** DoWait (§25.4.3.14, sec-dowait) up to its critical section: validation and conversions, in order. */
function waitArguments(realm: Realm, typedArray: unknown, index: unknown, value: unknown, timeout: unknown): WaitArguments {
  const name = ValidateIntegerTypedArray(realm, typedArray, true);
  const ta = typedArray as Record<number, unknown>;
  const buffer = viewedArrayBuffer(ta);
  if (!IsSharedArrayBuffer(buffer)) realm.throwTypeError(`[object ${name}] is not a shared typed array.`);
  const i = ValidateAtomicAccess(realm, ta, index);
  const v = name === 'BigInt64Array' ? BigIntAsIntN(64, ToBigInt(realm, value)) : ToInt32(realm, value);
  const q = ToNumber(realm, timeout);
  const t = q !== q || q === Infinity ? Infinity : q === -Infinity ? 0 : q < 0 ? 0 : q;
  return { ta, buffer, i, byteIndex: typedArrayByteOffset(ta) + i * TypedArrayElementSize(name), v, t };
}

export function installAtomics(realm: Realm): void {
  const D = HostAtomicsDescriptors;
  if (D === undefined) return;
  const I = realm.intrinsics;
  const AtomicsObject = ObjectCreate(I.ObjectPrototype) as object;
  I.Atomics = AtomicsObject;
  const hostNotify = D.notify?.value as Function | undefined;
  const hostWait = D.wait?.value as Function | undefined;
  const hostWaitAsync = D.waitAsync?.value as Function | undefined;
  /** DoWait's critical section for an agent that can suspend: the host's wait, clamped to the deadline. */
  const blockingWait = (ta: object, i: number, v: number | bigint, t: number): string => {
    const left = agent.msUntilDeadline();
    if (left >= t) return ReflectApply(hostWait!, undefined, [ta, i, v, t]) as string;
    const r = ReflectApply(hostWait!, undefined, [ta, i, v, MathMax(left, 0)]) as string;
    if (r !== 'timed-out') return r;
    // The deadline came first: wait out the clock's rounding, then the budget ends the run.
    for (;;) agent.tick();
  };
  const own = {
    // §25.4.13 Atomics.wait ( typedArray, index, value, timeout )
    wait(this: unknown, typedArray: unknown, index: unknown, value: unknown, timeout: unknown): string {
      const { ta, i, v, t } = waitArguments(realm, typedArray, index, value, timeout);
      if (!realm.canBlock || hostWait === undefined) return realm.throwTypeError('Atomics.wait cannot be called in this context');
      return blockingWait(ta, i, v, t);
    },
    // §25.4.14 Atomics.waitAsync ( typedArray, index, value, timeout )
    waitAsync(this: unknown, typedArray: unknown, index: unknown, value: unknown, timeout: unknown): object {
      const { ta, buffer, i, byteIndex, v, t } = waitArguments(realm, typedArray, index, value, timeout);
      // A pending waiter is kept by the host's waiter list: the realm is opaque from then on.
      recordOpaque(realm, realm, 'a context that called Atomics.waitAsync');
      const capability = NewPromiseCapability(realm, I.Promise);
      const resultObject = ObjectCreate(I.ObjectPrototype) as object;
      const w = ta[i];
      if (v !== w) {
        CreateDataPropertyOrThrow(realm, resultObject, 'async', false);
        CreateDataPropertyOrThrow(realm, resultObject, 'value', 'not-equal');
        return resultObject;
      }
      if (t === 0) {
        CreateDataPropertyOrThrow(realm, resultObject, 'async', false);
        CreateDataPropertyOrThrow(realm, resultObject, 'value', 'timed-out');
        return resultObject;
      }
      if (hostWaitAsync !== undefined) {
        // The host's waiter list, which every thread's Atomics.notify reaches; its settlement (a host
        // task) resolves the realm's promise from a job of the realm.
        const r = ReflectApply(hostWaitAsync, undefined, [ta, i, v, t]) as { async: boolean; value: unknown };
        if (r.async) {
          ReflectApply(PromisePrototypeThen, r.value, [(outcome: unknown) => {
            HostEnqueuePromiseJob(() => { ReflectApply(capability.resolve, undefined, [outcome]); }, realm);
          }]);
        }
        CreateDataPropertyOrThrow(realm, resultObject, 'async', r.async);
        CreateDataPropertyOrThrow(realm, resultObject, 'value', r.async ? capability.promise : r.value);
        return resultObject;
      }
      const list = GetWaiterList(buffer, byteIndex);
      const waiter: Waiter = { capability, realm, timer: undefined };
      list.push(waiter);
      if (t !== Infinity && GlobalSetTimeout !== undefined) {
        waiter.timer = ReflectApply(GlobalSetTimeout, undefined, [() => {
          const at = list.indexOf(waiter);
          if (at < 0) return;
          list.splice(at, 1);
          waiter.timer = undefined;
          resolveWaiter(waiter, 'timed-out');
        }, t]);
      }
      CreateDataPropertyOrThrow(realm, resultObject, 'async', true);
      CreateDataPropertyOrThrow(realm, resultObject, 'value', capability.promise);
      return resultObject;
    },
    // §25.4.15 Atomics.notify ( typedArray, index, count )
    notify(this: unknown, typedArray: unknown, index: unknown, count: unknown): number {
      const name = ValidateIntegerTypedArray(realm, typedArray, true);
      const ta = typedArray as object;
      const i = ValidateAtomicAccess(realm, ta, index);
      let c = Infinity;
      if (count !== undefined) {
        const intCount = ToIntegerOrInfinity(realm, count);
        c = intCount > 0 ? intCount : 0;
      }
      const buffer = viewedArrayBuffer(ta);
      if (!IsSharedArrayBuffer(buffer)) return 0;
      const byteIndex = typedArrayByteOffset(ta) + i * TypedArrayElementSize(name);
      const list = waiterLists.get(buffer)?.get(byteIndex);
      let n = 0;
      while (list !== undefined && list.length > 0 && n < c) {
        resolveWaiter(list.shift()!, 'ok');
        n++;
      }
      if (n < c && hostNotify !== undefined) n += ReflectApply(hostNotify, undefined, [ta, i, c - n]) as number;
      return n;
    },
    // §25.4.12 Atomics.pause ( [ N ] )
    pause(this: unknown, N: unknown): undefined {
      if (N !== undefined && (typeof N !== 'number' || !NumberIsInteger(N))) realm.throwTypeError('Atomics.pause argument must be undefined or an integer');
      return undefined;
    },
  };
  const guarded = <F extends Function>(f: F): F => {
    const builtin = {
      method(this: unknown, ...args: unknown[]): unknown {
        // Called by host code outside a run (a wait the host would block in): under the context's timeout
        // and budget (callBuiltinFromHost).
        if (calledByHost(realm)) return callBuiltinFromHost(realm, builtin, this, args);
        try { return ReflectApply(f, this, args); } catch (e) { throw toRealmError(realm, e); }
      },
    }.method;
    return builtin as unknown as F;
  };
  const table: BuiltinEntry[] = [];
  for (const [name, length] of OPERATIONS) {
    if (D[name] !== undefined) table.push(method(name, length, atomicsHostMethod(realm, name, hostFunction(D, name))));
  }
  table.push(
    method('notify', 3, guarded(own.notify)),
    method('pause', 0, own.pause),
    method('wait', 4, guarded(own.wait)),
    method('waitAsync', 4, guarded(own.waitAsync)),
    value(Symbol.toStringTag, 'Atomics', { writable: false }),
  );
  defineTable(realm, AtomicsObject, table);
}
