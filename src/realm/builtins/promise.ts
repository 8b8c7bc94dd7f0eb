// %Promise% and %Promise.prototype% (ECMA-262 §27.2). The promise objects, their slots and the jobs
// live in abstract-ops/promise-operations.ts; this file is the constructor, the combinators and the
// prototype methods, written against the realm so that everything guest code receives (arrays of
// results, AggregateErrors, settlement records, the closures of `finally`) carries its prototypes.
import { recordOpaque } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, createBuiltinFunction, defineTable, method, value, calledByHost } from '../builtin.js';
import { callBuiltinFromHost } from '../membrane.js';
import {
  CreateArrayFromList, CreateDataProperty, CreateResolvingFunctions, DONE, GetIterator, GetPrototypeFromConstructor, Invoke,
  IsPromise, IteratorCloseOnThrow, IteratorStepValue, NewPromiseCapability, NewPromiseObject, OrdinaryObjectCreate,
  PerformPromiseThen, PromiseResolve, SpeciesConstructor, describeValue, isObject,
  type IteratorRecord, type PromiseCapability,
} from '../abstract-ops.js';
import { Termination } from '../agent.js';
import { toRealmError } from '../host-errors.js';
import { captureErrorStack, newErrorObject } from './error.js';
import { ObjectDefineProperty, ObjectSetPrototypeOf, ReflectApply, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys } from '../primordials.js';

/** A guest exception caught to become a rejection: a Termination keeps unwinding; a host error escaping
 * vmjs's own code becomes the realm's. */
function caught(realm: Realm, e: unknown): unknown {
  if (e instanceof Termination) throw e;
  return toRealmError(realm, e);
}

/** IfAbruptRejectPromise (§27.2.1.1.1, sec-ifabruptrejectpromise) for a caught exception. */
function rejectWith(realm: Realm, capability: PromiseCapability, e: unknown): object {
  ReflectApply(capability.reject, undefined, [caught(realm, e)]);
  return capability.promise;
}

/** GetPromiseResolve (§27.2.4.1.1, sec-getpromiseresolve). */
function GetPromiseResolve(realm: Realm, C: object): Function {
  const promiseResolve = (C as { resolve?: unknown }).resolve;
  if (typeof promiseResolve !== 'function') realm.throwTypeError('Promise resolve or reject function is not callable');
  return promiseResolve;
}

/** A new AggregateError of the realm (Promise.any's rejection, §27.2.4.3.1 step 8.b / §27.2.4.3.2). */
function newAggregateError(realm: Realm, errors: readonly unknown[]): object {
  const error = newErrorObject(realm, 'All promises were rejected');
  ObjectSetPrototypeOf(error, (realm.intrinsics.AggregateError as unknown as { prototype: object }).prototype);
  ObjectDefineProperty(error, 'errors', { value: CreateArrayFromList(realm, errors), writable: true, enumerable: false, configurable: true });
  captureErrorStack(realm, error, undefined, realm.intrinsics.AggregateError);
  return error;
}

type ElementStep = (realm: Realm, C: object, capability: PromiseCapability, nextPromise: unknown, index: number, state: CombinatorState) => void;

/** The values (or errors) of a combinator and its [[RemainingElements]] count, shared by its element closures. */
interface CombinatorState {
  readonly values: unknown[];
  remaining: number;
}

/** The loop PerformPromiseAll, PerformPromiseAllSettled and PerformPromiseAny share (§27.2.4.1.2,
 * §27.2.4.2.1, §27.2.4.3.1): one element per iterated value, each resolved through C.resolve and
 * subscribed by `step`; `finish` runs when the iterator is done and no element is pending. */
function performCombinator(
  realm: Realm, rec: IteratorRecord, C: object, capability: PromiseCapability, promiseResolve: Function,
  step: ElementStep, finish: (state: CombinatorState) => void,
): object {
  const state: CombinatorState = { values: [], remaining: 1 };
  for (let index = 0; ; index++) {
    const next = IteratorStepValue(realm, rec);
    if (next === DONE) {
      if (--state.remaining === 0) finish(state);
      return capability.promise;
    }
    state.values.push(undefined);
    const nextPromise = ReflectApply(promiseResolve, C, [next]);
    state.remaining++;
    step(realm, C, capability, nextPromise, index, state);
  }
}

/** The steps of a combinator's static method (Promise.all and its siblings, §27.2.4.1 etc.): the
 * capability, C.resolve and the iterator, with their abrupt completions rejecting the promise; an
 * abrupt completion while iterating closes the iterator unless the iterator itself failed. */
function combinator(realm: Realm, name: string, C: unknown, iterable: unknown, perform: (rec: IteratorRecord, C: object, capability: PromiseCapability, promiseResolve: Function) => object): object {
  if (!isObject(C)) realm.throwTypeError(`${name} called on non-object`);
  const capability = NewPromiseCapability(realm, C);
  let promiseResolve: Function;
  let rec: IteratorRecord;
  try {
    promiseResolve = GetPromiseResolve(realm, C);
    rec = GetIterator(realm, iterable, 'sync');
  } catch (e) {
    return rejectWith(realm, capability, e);
  }
  try {
    return perform(rec, C, capability, promiseResolve);
  } catch (e) {
    let reason = caught(realm, e);
    if (!rec.done) {
      try { IteratorCloseOnThrow(rec, reason); } catch (e2) { reason = caught(realm, e2); }
    }
    return rejectWith(realm, capability, reason);
  }
}

/** The keyed combinators of the await-dictionary proposal (Promise.allKeyed, Promise.allSettledKeyed):
 * the steps of the static method, then PerformPromiseAllKeyed over the enumerable own keys, in
 * [[OwnPropertyKeys]] order; the result is CreateKeyedPromiseCombinatorResultObject (a null-prototype
 * object). No iterator is involved, so an abrupt completion only rejects. */
function keyedCombinator(realm: Realm, variant: 'all' | 'all-settled', C: unknown, promises: unknown, closure: <F extends (x: unknown) => undefined>(fn: F, length: number) => F): object {
  if (!isObject(C)) realm.throwTypeError(`${variant === 'all' ? 'Promise.allKeyed' : 'Promise.allSettledKeyed'} called on non-object`);
  const capability = NewPromiseCapability(realm, C);
  try {
    const promiseResolve = GetPromiseResolve(realm, C);
    if (!isObject(promises)) realm.throwTypeError(`${describeValue(promises)} is not an object`);
    const keys: PropertyKey[] = [];
    const values: unknown[] = [];
    let remaining = 1;
    const finish = (): void => {
      const obj = OrdinaryObjectCreate(realm, null);
      for (let i = 0; i < keys.length; i++) CreateDataProperty(obj, keys[i], values[i]);
      ReflectApply(capability.resolve, undefined, [obj]);
    };
    for (const key of ReflectOwnKeys(promises as object)) {
      const desc = ReflectGetOwnPropertyDescriptor(promises as object, key);
      if (desc === undefined || !desc.enumerable) continue;
      const value = (promises as Record<PropertyKey, unknown>)[key];
      const index = keys.length;
      keys.push(key);
      values.push(undefined);
      const nextPromise = ReflectApply(promiseResolve, C, [value]);
      let alreadyCalled = false;
      const element = (settle: (x: unknown) => unknown) => closure((x: unknown): undefined => {
        if (alreadyCalled) return undefined;
        alreadyCalled = true;
        values[index] = settle(x);
        if (--remaining === 0) finish();
        return undefined;
      }, 1);
      remaining++;
      if (variant === 'all') {
        Invoke(realm, nextPromise, 'then', [element((x) => x), capability.reject]);
      } else {
        const record = (status: 'fulfilled' | 'rejected', k: 'value' | 'reason') => (x: unknown): object => {
          const obj = OrdinaryObjectCreate(realm);
          CreateDataProperty(obj, 'status', status);
          CreateDataProperty(obj, k, x);
          return obj;
        };
        Invoke(realm, nextPromise, 'then', [element(record('fulfilled', 'value')), element(record('rejected', 'reason'))]);
      }
    }
    if (--remaining === 0) finish();
    return capability.promise;
  } catch (e) {
    return rejectWith(realm, capability, e);
  }
}

export function installPromise(realm: Realm): void {
  const I = realm.intrinsics;
  const PromisePrototype = OrdinaryObjectCreate(realm) as object;
  I.PromisePrototype = PromisePrototype;

  /** A builtin closure of the realm (an arrow: no [[Construct]]), with the spec's empty name. */
  // What these closures capture (a combinator's values list and capability, a finally's value) is host
  // state the retained-memory walk cannot read: they are recorded as opaque.
  const closure = <F extends (...args: any[]) => unknown>(fn: F, length: number): F => {
    const f = createBuiltinFunction(realm, fn, '', length);
    recordOpaque(realm, f);
    return f;
  };

  // §27.2.3.1 Promise ( executor )
  const PromiseCtor = createBuiltinConstructor(realm, function Promise(this: unknown, executor: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Promise constructor cannot be invoked without 'new'");
    if (typeof executor !== 'function') realm.throwTypeError(`Promise resolver ${describeValue(executor)} is not a function`);
    const promise = NewPromiseObject(GetPrototypeFromConstructor(realm, new.target, 'PromisePrototype'));
    const { resolve, reject } = CreateResolvingFunctions(realm, promise);
    try {
      ReflectApply(executor, undefined, [resolve, reject]);
    } catch (e) {
      ReflectApply(reject, undefined, [caught(realm, e)]);
    }
    return promise;
  }, 'Promise', 1, PromisePrototype);
  I.Promise = PromiseCtor;

  const statics = {
    // §27.2.4.1 Promise.all ( iterable )
    all(this: unknown, iterable: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.all, this, [iterable]) as object;
      return combinator(realm, 'Promise.all', this, iterable, (rec, C, capability, promiseResolve) => performCombinator(realm, rec, C, capability, promiseResolve,
        (realm, C, capability, nextPromise, index, state) => {
          let alreadyCalled = false;
          // §27.2.4.1.3 Promise.all Resolve Element Functions
          const onFulfilled = closure((x: unknown): undefined => {
            if (alreadyCalled) return undefined;
            alreadyCalled = true;
            state.values[index] = x;
            if (--state.remaining === 0) ReflectApply(capability.resolve, undefined, [CreateArrayFromList(realm, state.values)]);
            return undefined;
          }, 1);
          Invoke(realm, nextPromise, 'then', [onFulfilled, capability.reject]);
        },
        (state) => { ReflectApply(capability.resolve, undefined, [CreateArrayFromList(realm, state.values)]); }));
    },
    // §27.2.4.2 Promise.allSettled ( iterable )
    allSettled(this: unknown, iterable: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.allSettled, this, [iterable]) as object;
      return combinator(realm, 'Promise.allSettled', this, iterable, (rec, C, capability, promiseResolve) => performCombinator(realm, rec, C, capability, promiseResolve,
        (realm, C, capability, nextPromise, index, state) => {
          let alreadyCalled = false;
          // §27.2.4.2.2 Promise.allSettled Resolve Element Functions, §27.2.4.2.3 … Reject Element Functions
          const settle = (status: 'fulfilled' | 'rejected', key: 'value' | 'reason') => closure((x: unknown): undefined => {
            if (alreadyCalled) return undefined;
            alreadyCalled = true;
            const obj = OrdinaryObjectCreate(realm);
            CreateDataProperty(obj, 'status', status);
            CreateDataProperty(obj, key, x);
            state.values[index] = obj;
            if (--state.remaining === 0) ReflectApply(capability.resolve, undefined, [CreateArrayFromList(realm, state.values)]);
            return undefined;
          }, 1);
          Invoke(realm, nextPromise, 'then', [settle('fulfilled', 'value'), settle('rejected', 'reason')]);
        },
        (state) => { ReflectApply(capability.resolve, undefined, [CreateArrayFromList(realm, state.values)]); }));
    },
    // §27.2.4.3 Promise.any ( iterable ): the values collected are the errors.
    any(this: unknown, iterable: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.any, this, [iterable]) as object;
      return combinator(realm, 'Promise.any', this, iterable, (rec, C, capability, promiseResolve) => performCombinator(realm, rec, C, capability, promiseResolve,
        (realm, C, capability, nextPromise, index, state) => {
          let alreadyCalled = false;
          // §27.2.4.3.2 Promise.any Reject Element Functions
          const onRejected = closure((x: unknown): undefined => {
            if (alreadyCalled) return undefined;
            alreadyCalled = true;
            state.values[index] = x;
            if (--state.remaining === 0) ReflectApply(capability.reject, undefined, [newAggregateError(realm, state.values)]);
            return undefined;
          }, 1);
          Invoke(realm, nextPromise, 'then', [capability.resolve, onRejected]);
        },
        // The error is made here, not thrown: a throw would close an iterator that is already done.
        (state) => { ReflectApply(capability.reject, undefined, [newAggregateError(realm, state.values)]); }));
    },
    // §27.2.4.5 Promise.race ( iterable )
    race(this: unknown, iterable: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.race, this, [iterable]) as object;
      return combinator(realm, 'Promise.race', this, iterable, (rec, C, capability, promiseResolve) => {
        // §27.2.4.5.1 PerformPromiseRace
        for (;;) {
          const next = IteratorStepValue(realm, rec);
          if (next === DONE) return capability.promise;
          const nextPromise = ReflectApply(promiseResolve, C, [next]);
          Invoke(realm, nextPromise, 'then', [capability.resolve, capability.reject]);
        }
      });
    },
    // §27.2.4.6 Promise.reject ( r )
    reject(this: unknown, r: unknown): object {
      const C = this;
      if (!isObject(C)) realm.throwTypeError('PromiseReject called on non-object');
      const capability = NewPromiseCapability(realm, C);
      ReflectApply(capability.reject, undefined, [r]);
      return capability.promise;
    },
    // §27.2.4.7 Promise.resolve ( x )
    resolve(this: unknown, x: unknown): object {
      const C = this;
      if (!isObject(C)) realm.throwTypeError('PromiseResolve called on non-object');
      return PromiseResolve(realm, C as Function, x);
    },
    // Promise.allKeyed ( promises ) (await-dictionary proposal)
    allKeyed(this: unknown, promises: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.allKeyed, this, [promises]) as object;
      return keyedCombinator(realm, 'all', this, promises, closure);
    },
    // Promise.allSettledKeyed ( promises ) (await-dictionary proposal)
    allSettledKeyed(this: unknown, promises: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.allSettledKeyed, this, [promises]) as object;
      return keyedCombinator(realm, 'all-settled', this, promises, closure);
    },
    // Promise.try ( callbackfn, ...args ) (ES2025, §27.2.4.8)
    try(this: unknown, callbackfn: unknown, ...args: unknown[]): object {
      const C = this;
      if (!isObject(C)) realm.throwTypeError('Promise.try called on non-object');
      const capability = NewPromiseCapability(realm, C);
      let status: unknown;
      try {
        if (typeof callbackfn !== 'function') realm.throwTypeError(`${describeValue(callbackfn)} is not a function`);
        status = ReflectApply(callbackfn, undefined, args);
      } catch (e) {
        return rejectWith(realm, capability, e);
      }
      ReflectApply(capability.resolve, undefined, [status]);
      return capability.promise;
    },
    // Promise.withResolvers ( ) (ES2024, §27.2.4.9)
    withResolvers(this: unknown): object {
      const capability = NewPromiseCapability(realm, this);
      const obj = OrdinaryObjectCreate(realm);
      CreateDataProperty(obj, 'promise', capability.promise);
      CreateDataProperty(obj, 'resolve', capability.resolve);
      CreateDataProperty(obj, 'reject', capability.reject);
      return obj;
    },
    // §27.2.4.10 get Promise [ @@species ]
    species(this: unknown): unknown {
      return this;
    },
  };
  defineTable(realm, PromiseCtor, [
    method('all', 1, statics.all),
    method('allSettled', 1, statics.allSettled),
    method('any', 1, statics.any),
    method('race', 1, statics.race),
    method('resolve', 1, statics.resolve),
    method('reject', 1, statics.reject),
    method('withResolvers', 0, statics.withResolvers),
    method('try', 1, statics.try),
    method('allKeyed', 1, statics.allKeyed),
    method('allSettledKeyed', 1, statics.allSettledKeyed),
    accessor(Symbol.species, statics.species),
  ]);

  const proto = {
    // §27.2.5.1 Promise.prototype.catch ( onRejected )
    catch(this: unknown, onRejected: unknown): unknown {
      return Invoke(realm, this, 'then', [undefined, onRejected]);
    },
    // §27.2.5.3 Promise.prototype.finally ( onFinally )
    finally(this: unknown, onFinally: unknown): unknown {
      const promise = this;
      if (!isObject(promise)) realm.throwTypeError('Promise.prototype.finally called on non-object');
      const C = SpeciesConstructor(realm, promise, PromiseCtor);
      let thenFinally: unknown = onFinally;
      let catchFinally: unknown = onFinally;
      if (typeof onFinally === 'function') {
        // §27.2.5.3.1 Then Finally Functions
        thenFinally = closure((value: unknown): unknown => {
          const result = ReflectApply(onFinally, undefined, []);
          const p = PromiseResolve(realm, C, result);
          const returnValue = closure((): unknown => value, 0);
          return Invoke(realm, p, 'then', [returnValue]);
        }, 1);
        // §27.2.5.3.2 Catch Finally Functions
        catchFinally = closure((reason: unknown): unknown => {
          const result = ReflectApply(onFinally, undefined, []);
          const p = PromiseResolve(realm, C, result);
          const thrower = closure((): never => { throw reason; }, 0);
          return Invoke(realm, p, 'then', [thrower]);
        }, 1);
      }
      return Invoke(realm, promise, 'then', [thenFinally, catchFinally]);
    },
    // §27.2.5.4 Promise.prototype.then ( onFulfilled, onRejected )
    then(this: unknown, onFulfilled: unknown, onRejected: unknown): unknown {
      const promise = this;
      if (!IsPromise(promise)) realm.throwTypeError(`Method Promise.prototype.then called on incompatible receiver ${describeValue(promise)}`);
      const C = SpeciesConstructor(realm, promise as object, PromiseCtor);
      const resultCapability = NewPromiseCapability(realm, C);
      return PerformPromiseThen(realm, promise as object, onFulfilled, onRejected, resultCapability);
    },
  };
  defineTable(realm, PromisePrototype, [
    method('then', 2, proto.then),
    method('catch', 1, proto.catch),
    method('finally', 1, proto.finally),
    value(Symbol.toStringTag, 'Promise', { writable: false }),
  ]);
}
