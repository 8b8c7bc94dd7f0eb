// The Atomics object (ECMA-262 §25.4). The operations are the host's, applied to the realm's typed
// arrays (host typed arrays): ValidateIntegerTypedArray, ValidateAtomicAccess and the value
// conversions run in the spec's order, and on a SharedArrayBuffer the host's atomics are real ones.
//
// Atomics.wait: a vmjs agent cannot suspend (AgentCanSuspend() is false, as on a browser's main
// thread): blocking the host thread would stop the step budget and timeouts, and no other agent can
// share a context's memory. So wait validates and converts its arguments like the host, then throws
// a TypeError. Atomics.notify is the host's (it wakes host agents waiting on a buffer the embedder
// shared; in a context alone it returns 0). Atomics.waitAsync is absent: the host's would hand guest
// code a host promise.
import type { Realm } from '../realm.js';
import { defineTable, method, value, type BuiltinEntry } from '../builtin.js';
import { ToNumber } from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import { hostFunction, hostMethod } from './host-delegation.js';
import { HostAtomicsDescriptors, ObjectCreate, ReflectApply } from '../primordials.js';

const OPERATIONS: ReadonlyArray<readonly [string, number]> = [
  ['add', 3], ['and', 3], ['compareExchange', 4], ['exchange', 3], ['isLockFree', 1], ['load', 2], ['notify', 3],
  ['or', 3], ['store', 3], ['sub', 3], ['xor', 3], ['pause', 0],
];

export function installAtomics(realm: Realm): void {
  const D = HostAtomicsDescriptors;
  if (D === undefined) return;
  const I = realm.intrinsics;
  const AtomicsObject = ObjectCreate(I.ObjectPrototype) as object;
  I.Atomics = AtomicsObject;
  const hostWait = hostFunction(D, 'wait');
  const own = {
    // §25.4.13 Atomics.wait ( typedArray, index, value, timeout ): DoWait(sync) up to step 10.
    wait(this: unknown, typedArray: unknown, index: unknown, value: unknown, timeout: unknown): never {
      // The host validates the array and index and converts `value`; the timeout it sees is a
      // private object whose conversion performs ToNumber(timeout) on the guest's value, in its place
      // in the order, and answers 0 so the host never blocks.
      const timeoutProbe = { __proto__: null, valueOf(): number { ToNumber(realm, timeout); return 0; } };
      try { ReflectApply(hostWait, undefined, [typedArray, index, value, timeoutProbe]); } catch (e) { throw toRealmBrandError(realm, e, typedArray); }
      return realm.throwTypeError('Atomics.wait cannot be called in this context');
    },
  };
  const table: BuiltinEntry[] = [];
  for (const [name, length] of OPERATIONS) {
    if (D[name] !== undefined) table.push(method(name, length, hostMethod(realm, hostFunction(D, name))));
  }
  table.push(method('wait', 4, own.wait), value(Symbol.toStringTag, 'Atomics', { writable: false }));
  defineTable(realm, AtomicsObject, table);
}
