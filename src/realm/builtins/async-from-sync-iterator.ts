// Async-from-Sync Iterator Objects (ECMA-262 §27.1.6, sec-async-from-sync-iterator-objects):
// CreateAsyncFromSyncIterator and %AsyncFromSyncIteratorPrototype%. GetIterator(obj, async) wraps a
// sync iterator in one when `obj` has no @@asyncIterator (for-await and yield* in async generators);
// the wrapper is never handed to guest code, but its methods, their promises and their result objects
// are observable, so all of them are the realm's.
//
// The object's [[SyncIteratorRecord]] is a class private field: invisible to guest reflection and to
// Proxy, as PromiseObject's slots are (promise-operations.ts).
import type { Realm } from '../realm.js';
import { Termination } from '../agent.js';
import { createBuiltinFunction, defineTable, method } from '../builtin.js';
import { toRealmError } from '../host-errors.js';
import { GetMethod } from '../abstract-ops/object-operations.js';
import { isObject } from '../abstract-ops/testing-comparison.js';
import {
  CreateIterResultObject, IteratorClose, IteratorCloseOnThrow, IteratorComplete, IteratorNext, IteratorValue, type IteratorRecord,
} from '../abstract-ops/iterator-operations.js';
import { NewPromiseCapability, PerformPromiseThen, PromiseResolve, type PromiseCapability } from '../abstract-ops/promise-operations.js';
import { describeValue } from '../describe.js';
import { ObjectCreate, ReflectApply } from '../primordials.js';
import { keepsReferents, recordsReferents } from '../hidden-referents.js';

// The base returns an object of the given prototype, so the private field lands on it (as PromiseObject does).
function AsyncFromSyncIteratorBase(this: unknown, proto: object): object { return ObjectCreate(proto); }

/** An Async-from-Sync Iterator instance (§27.1.6.3, Table: Internal Slots of Async-from-Sync Iterator Instances). */
class AsyncFromSyncIterator extends (AsyncFromSyncIteratorBase as unknown as new (proto: object) => object) {
  readonly #syncIteratorRecord: IteratorRecord;
  constructor(proto: object, syncIteratorRecord: IteratorRecord) {
    super(proto);
    this.#syncIteratorRecord = syncIteratorRecord;
  }
  /** [[SyncIteratorRecord]] of `O`, or undefined when `O` has no such slot. */
  static recordOf(O: unknown): IteratorRecord | undefined {
    return isObject(O) && #syncIteratorRecord in O ? (O as AsyncFromSyncIterator).#syncIteratorRecord : undefined;
  }
}

/** CreateAsyncFromSyncIterator (§27.1.6.1, sec-createasyncfromsynciterator). */
export function CreateAsyncFromSyncIterator(realm: Realm, syncIteratorRecord: IteratorRecord): IteratorRecord {
  const asyncIterator = new AsyncFromSyncIterator(AsyncFromSyncIteratorPrototypeOf(realm), syncIteratorRecord);
  // [[SyncIteratorRecord]] is a private field the walk cannot read: recorded (retained-memory.ts).
  if (recordsReferents(realm)) keepsReferents(asyncIterator, [syncIteratorRecord.iterator, syncIteratorRecord.nextMethod]);
  // Step 3: ! Get(asyncIterator, "next"); the object and its prototype are out of guest reach, so this is the table's `next`.
  const nextMethod = (asyncIterator as { next?: unknown }).next;
  return { iterator: asyncIterator, nextMethod, done: false };
}

/** The realm's %AsyncFromSyncIteratorPrototype%. The host realm's intrinsics are the host's, which do not
 * expose V8's own, so it gets one on first use, whose [[Prototype]] is the host's %AsyncIteratorPrototype%. */
function AsyncFromSyncIteratorPrototypeOf(realm: Realm): object {
  return realm.intrinsics.AsyncFromSyncIteratorPrototype ?? installAsyncFromSyncIteratorPrototype(realm);
}

/** IfAbruptRejectPromise (§27.2.1.1.1, sec-ifabruptrejectpromise) for a caught exception: a Termination
 * keeps unwinding; a host error escaping vmjs's own code becomes the realm's. */
function rejectWith(realm: Realm, capability: PromiseCapability, e: unknown): object {
  if (e instanceof Termination) throw e;
  ReflectApply(capability.reject, undefined, [toRealmError(realm, e)]);
  return capability.promise;
}

/** AsyncFromSyncIteratorContinuation (§27.1.6.4, sec-asyncfromsynciteratorcontinuation). */
function AsyncFromSyncIteratorContinuation(realm: Realm, result: object, promiseCapability: PromiseCapability, syncIteratorRecord: IteratorRecord, closeOnRejection: boolean): object {
  let done: boolean;
  let value: unknown;
  try {
    done = IteratorComplete(result);
    value = IteratorValue(result);
  } catch (e) {
    return rejectWith(realm, promiseCapability, e);
  }
  let valueWrapper: object;
  try {
    valueWrapper = PromiseResolve(realm, realm.intrinsics.Promise as Function, value);
  } catch (e) {
    if (e instanceof Termination) throw e;
    // Step 7: an abrupt valueWrapper with done false and closeOnRejection true closes the sync iterator.
    let completion = e;
    if (!done && closeOnRejection) {
      try { IteratorCloseOnThrow(syncIteratorRecord, e); } catch (closed) { completion = closed; }
    }
    return rejectWith(realm, promiseCapability, completion);
  }
  // Steps 9-10: unwrap, the fulfilment handler that re-packages the awaited value.
  const onFulfilled = createBuiltinFunction(realm, (v: unknown) => CreateIterResultObject(realm, v, done), '', 1);
  // Steps 12-13: closeIterator, which closes the sync iterator when the value's promise rejects.
  const onRejected = done || !closeOnRejection
    ? undefined
    : createBuiltinFunction(realm, (error: unknown): never => IteratorCloseOnThrow(syncIteratorRecord, error), '', 1);
  PerformPromiseThen(realm, valueWrapper, onFulfilled, onRejected, promiseCapability);
  return promiseCapability.promise;
}

/** %AsyncFromSyncIteratorPrototype% (§27.1.6.2, sec-%asyncfromsynciteratorprototype%-object). */
export function installAsyncFromSyncIteratorPrototype(realm: Realm): object {
  const I = realm.intrinsics;
  const AsyncFromSyncIteratorPrototype = ObjectCreate(I.AsyncIteratorPrototype as object) as object;
  I.AsyncFromSyncIteratorPrototype = AsyncFromSyncIteratorPrototype;

  // The spec asserts the receiver has the slot (guest code never holds one); a stray call gets V8's receiver wording.
  const recordOf = (O: unknown, name: string): IteratorRecord => {
    const rec = AsyncFromSyncIterator.recordOf(O);
    if (rec === undefined) realm.throwTypeError(`Method %AsyncFromSyncIteratorPrototype%.${name} called on incompatible receiver ${describeValue(O)}`);
    return rec;
  };
  const newCapability = (): PromiseCapability => NewPromiseCapability(realm, I.Promise);
  const notAnObject = (capability: PromiseCapability, result: unknown): object => {
    ReflectApply(capability.reject, undefined, [realm.newError('TypeError', `Iterator result ${describeValue(result)} is not an object`)]);
    return capability.promise;
  };

  const proto = {
    // §27.1.6.2.1 %AsyncFromSyncIteratorPrototype%.next ( [ value ] )
    next(this: unknown, ...args: unknown[]): object {
      const syncIteratorRecord = recordOf(this, 'next');
      const promiseCapability = newCapability();
      let result: object;
      try {
        result = args.length > 0 ? IteratorNext(realm, syncIteratorRecord, args[0]) : IteratorNext(realm, syncIteratorRecord);
      } catch (e) {
        return rejectWith(realm, promiseCapability, e);
      }
      return AsyncFromSyncIteratorContinuation(realm, result, promiseCapability, syncIteratorRecord, true);
    },
    // §27.1.6.2.2 %AsyncFromSyncIteratorPrototype%.return ( [ value ] )
    return(this: unknown, ...args: unknown[]): object {
      const syncIteratorRecord = recordOf(this, 'return');
      const promiseCapability = newCapability();
      const syncIterator = syncIteratorRecord.iterator;
      let result: unknown;
      try {
        const returnMethod = GetMethod(realm, syncIterator, 'return');
        if (returnMethod === undefined) {
          ReflectApply(promiseCapability.resolve, undefined, [CreateIterResultObject(realm, args[0], true)]);
          return promiseCapability.promise;
        }
        result = args.length > 0 ? ReflectApply(returnMethod, syncIterator, [args[0]]) : ReflectApply(returnMethod, syncIterator, []);
      } catch (e) {
        return rejectWith(realm, promiseCapability, e);
      }
      if (!isObject(result)) return notAnObject(promiseCapability, result);
      return AsyncFromSyncIteratorContinuation(realm, result, promiseCapability, syncIteratorRecord, false);
    },
    // §27.1.6.2.3 %AsyncFromSyncIteratorPrototype%.throw ( [ value ] )
    throw(this: unknown, ...args: unknown[]): object {
      const syncIteratorRecord = recordOf(this, 'throw');
      const promiseCapability = newCapability();
      const syncIterator = syncIteratorRecord.iterator;
      let result: unknown;
      try {
        const throwMethod = GetMethod(realm, syncIterator, 'throw');
        if (throwMethod === undefined) {
          // Step 8: no `throw`: close the sync iterator (its errors reject), then reject for the protocol violation.
          IteratorClose(realm, syncIteratorRecord);
          ReflectApply(promiseCapability.reject, undefined, [realm.newError('TypeError', 'The iterator does not provide a \'throw\' method.')]);
          return promiseCapability.promise;
        }
        result = args.length > 0 ? ReflectApply(throwMethod, syncIterator, [args[0]]) : ReflectApply(throwMethod, syncIterator, []);
      } catch (e) {
        return rejectWith(realm, promiseCapability, e);
      }
      if (!isObject(result)) return notAnObject(promiseCapability, result);
      return AsyncFromSyncIteratorContinuation(realm, result, promiseCapability, syncIteratorRecord, true);
    },
  };
  // Lengths: optional parameters do not count (§18), so each is 0.
  defineTable(realm, AsyncFromSyncIteratorPrototype, [
    method('next', 0, proto.next),
    method('return', 0, proto.return),
    method('throw', 0, proto.throw),
  ]);
  return AsyncFromSyncIteratorPrototype;
}
