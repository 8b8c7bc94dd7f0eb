// %Iterator%, %Iterator.prototype% with the iterator helpers (ECMA-262 §27.1.3, §27.1.4), %AsyncIteratorPrototype% and %AsyncFunction% (§27.1.3,
// §27.7), and the generator intrinsics: %GeneratorFunction%, %GeneratorFunction.prototype% and
// %GeneratorPrototype% (§27.3, §27.5).
import type { Realm } from '../realm.js';
import { recordOpaque } from '../hidden-referents.js';
import { accessor, createBuiltinConstructor, defineTable, method, value, calledByHost } from '../builtin.js';
import { callBuiltinFromHost } from '../membrane.js';
import {
  Call, CreateArrayFromList, MAX_SAFE_INTEGER, CreateIterResultObject, DONE, GetMethod, IteratorClose,
  IteratorCloseOnThrow, IteratorStep, IteratorStepValue, OrdinaryCreateFromConstructor, OrdinaryHasInstance, SetterThatIgnoresPrototypeProperties,
  ToIntegerOrInfinity, ToNumber, describeValue, isObject, type IteratorRecord,
} from '../abstract-ops.js';
import { hooks } from '../evaluator-hooks.js';
import { ObjectCreate, ObjectDefineProperty } from '../primordials.js';

// ---------------------------------------------------------------------------------------------
// §27.1.3 Iterator objects: %Iterator%, %Iterator.prototype% (= %IteratorPrototype%) and its helpers.

/** GetIteratorDirect (§7.4.2). */
export function GetIteratorDirect(obj: object): IteratorRecord {
  return { iterator: obj, nextMethod: (obj as { next?: unknown }).next, done: false };
}

/** GetIteratorFlattenable (§7.4.13). */
export function GetIteratorFlattenable(realm: Realm, obj: unknown, primitiveHandling: 'iterate-string-primitives' | 'reject-primitives'): IteratorRecord {
  if (!isObject(obj)) {
    if (primitiveHandling === 'reject-primitives' || typeof obj !== 'string') realm.throwTypeError(`${describeValue(obj)} is not an object`);
  }
  const method = GetMethod(realm, obj, Symbol.iterator);
  const iterator = method === undefined ? obj : Call(method, obj);
  if (!isObject(iterator)) return realm.throwTypeError(`${describeValue(iterator)} is not an object`);
  return GetIteratorDirect(iterator);
}

type HelperState = 'suspended-start' | 'suspended-yield' | 'executing' | 'completed';
/** The slots of an Iterator Helper object (a generator made by CreateIteratorFromClosure, §27.1.2.1). */
export interface IteratorHelper {
  /** The iterator the closure reads (null for Iterator.concat, whose [[UnderlyingIterators]] is empty). */
  underlying: IteratorRecord | null;
  state: HelperState;
  /** Runs the closure to its next Yield: the yielded value, or DONE when the closure returns. */
  step: () => unknown;
  /** The inner iterator being yielded from (flatMap, Iterator.concat): closed first on return. */
  inner: IteratorRecord | null;
  /** What return() closes when the helper is not simply over `underlying` and `inner` (Iterator.zip):
   * called with whether the closure had started (suspended-yield) or not (suspended-start). */
  close: ((started: boolean) => void) | null;
}
const helpers = new WeakMap<object, IteratorHelper>();

/** CreateIteratorFromClosure (§27.1.2.1) for an Iterator Helper of `realm`: `step` runs the closure to its
 * next Yield (the value) or to its end (DONE). */
export function CreateIteratorHelper(
  realm: Realm, underlying: IteratorRecord | null, step: (h: IteratorHelper) => unknown, close: ((started: boolean) => void) | null = null,
): object {
  const o = ObjectCreate(realm.intrinsics.IteratorHelperPrototype as object) as object;
  const h: IteratorHelper = { underlying, state: 'suspended-start', step: () => step(h), inner: null, close };
  helpers.set(o, h);
  // Its closure's state (the callback, counters, the inner iterator) is in `h`, which the walk cannot see.
  recordOpaque(realm, o, 'an iterator helper');
  return o;
}
// [[Iterated]] of %WrapForValidIteratorPrototype% objects (Iterator.from).
const wrapped = new WeakMap<object, IteratorRecord>();

/** The this-value checks every Iterator.prototype helper starts with; closes on a bad callback. */
export function helperReceiver(realm: Realm, O: unknown, name: string): object {
  if (!isObject(O)) realm.throwTypeError(`Iterator.prototype.${name} called on non-object`);
  return O;
}
function requireCallable(realm: Realm, O: object, fn: unknown): Function {
  if (typeof fn !== 'function') IteratorCloseOnThrow(GetIteratorDirectUnread(O), realm.newError('TypeError', `${describeValue(fn)} is not a function`));
  return fn as Function;
}
// The record of step 3 of each helper: [[NextMethod]] not read yet.
export function GetIteratorDirectUnread(O: object): IteratorRecord {
  return { iterator: O, nextMethod: undefined, done: false };
}
/** IfAbruptCloseIterator around a callback: runs `f`, closing `iterated` if it throws. */
export function closing<T>(iterated: IteratorRecord, f: () => T): T {
  try {
    return f();
  } catch (e) {
    return IteratorCloseOnThrow(iterated, e);
  }
}

function validatedLimit(realm: Realm, O: object, limit: unknown): number {
  const unread = GetIteratorDirectUnread(O);
  const numLimit = closing(unread, () => ToNumber(realm, limit));
  if (numLimit !== numLimit) IteratorCloseOnThrow(unread, realm.newError('RangeError', `${describeValue(limit)} must be positive`));
  const integerLimit = ToIntegerOrInfinity(realm, numLimit);
  // test262 (and current drafts) also reject finite limits beyond 2^53 - 1.
  if (integerLimit < 0 || (integerLimit !== Infinity && integerLimit > MAX_SAFE_INTEGER)) IteratorCloseOnThrow(unread, realm.newError('RangeError', `${describeValue(limit)} must be positive`));
  return integerLimit;
}

export function installIteratorPrototype(realm: Realm): void {
  const I = realm.intrinsics;
  const IteratorPrototype = ObjectCreate(I.ObjectPrototype) as object;
  I.IteratorPrototype = IteratorPrototype;
  const IteratorHelperPrototype = ObjectCreate(IteratorPrototype) as object;
  const WrapForValidIteratorPrototype = ObjectCreate(IteratorPrototype) as object;
  I.IteratorHelperPrototype = IteratorHelperPrototype;
  I.WrapForValidIteratorPrototype = WrapForValidIteratorPrototype;

  // §27.1.3.1 Iterator ( ): abstract; only subclasses construct.
  const IteratorCtor: Function = createBuiltinConstructor(realm, function Iterator(this: unknown): object {
    const nt = new.target;
    if (nt === undefined || nt === IteratorCtor) realm.throwTypeError('Abstract class Iterator not directly constructable');
    return OrdinaryCreateFromConstructor(realm, nt, 'IteratorPrototype');
  }, 'Iterator', 0, IteratorPrototype);
  I.Iterator = IteratorCtor;
  // %Iterator.prototype%.constructor is an accessor (§27.1.4.1), defined below.
  delete (IteratorPrototype as { constructor?: unknown }).constructor;

  const newHelper = (underlying: IteratorRecord, step: (h: IteratorHelper) => unknown): object => CreateIteratorHelper(realm, underlying, step);

  const statics = {
    // §27.1.3.2.1 Iterator.from ( O )
    from(O: unknown): object {
      const iteratorRecord = GetIteratorFlattenable(realm, O, 'iterate-string-primitives');
      if (OrdinaryHasInstance(realm, IteratorCtor, iteratorRecord.iterator)) return iteratorRecord.iterator;
      const wrapper = ObjectCreate(WrapForValidIteratorPrototype) as object;
      wrapped.set(wrapper, iteratorRecord);
      return wrapper;
    },
  };
  defineTable(realm, IteratorCtor, [method('from', 1, statics.from)]);

  const wrapMethods = {
    next(this: unknown): unknown {
      const rec = isObject(this) ? wrapped.get(this) : undefined;
      if (rec === undefined) realm.throwTypeError(`Method %WrapForValidIteratorPrototype%.next called on incompatible receiver ${describeValue(this)}`);
      if (typeof rec.nextMethod !== 'function') realm.throwTypeError(`${describeValue(rec.nextMethod)} is not a function`);
      return Call(rec.nextMethod, rec.iterator);
    },
    return(this: unknown): unknown {
      const rec = isObject(this) ? wrapped.get(this) : undefined;
      if (rec === undefined) realm.throwTypeError(`Method %WrapForValidIteratorPrototype%.return called on incompatible receiver ${describeValue(this)}`);
      const returnMethod = GetMethod(realm, rec.iterator, 'return');
      if (returnMethod === undefined) return CreateIterResultObject(realm, undefined, true);
      return Call(returnMethod, rec.iterator);
    },
  };
  defineTable(realm, WrapForValidIteratorPrototype, [method('next', 0, wrapMethods.next), method('return', 0, wrapMethods.return)]);

  const helperOf = (O: unknown, name: string): IteratorHelper => {
    const h = isObject(O) ? helpers.get(O) : undefined;
    if (h === undefined) realm.throwTypeError(`Method Iterator Helper.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
    if (h.state === 'executing') realm.throwTypeError('Generator is already running');
    return h;
  };
  const helperMethods = {
    // §27.1.2.1.1 %IteratorHelperPrototype%.next ( ): GeneratorResume
    next(this: unknown): unknown {
      const h = helperOf(this, 'next');
      if (h.state === 'completed') return CreateIterResultObject(realm, undefined, true);
      h.state = 'executing';
      let v: unknown;
      try {
        v = h.step();
      } catch (e) {
        h.state = 'completed';
        throw e;
      }
      if (v === DONE) {
        h.state = 'completed';
        return CreateIterResultObject(realm, undefined, true);
      }
      h.state = 'suspended-yield';
      return CreateIterResultObject(realm, v, false);
    },
    // §27.1.2.1.2 %IteratorHelperPrototype%.return ( ): a return completion at the closure's Yield
    // closes the inner iterator (flatMap) and then the underlying one.
    return(this: unknown): unknown {
      const h = helperOf(this, 'return');
      if (h.state === 'completed') return CreateIterResultObject(realm, undefined, true);
      const wasStarted = h.state === 'suspended-yield';
      // suspended-start: the state is completed before [[UnderlyingIterators]] are closed (step 4.a);
      // suspended-yield: GeneratorResumeAbrupt runs the closure (executing) to its end.
      h.state = wasStarted ? 'executing' : 'completed';
      try {
        if (h.close !== null) h.close(wasStarted);
        else {
          const underlying = h.underlying;
          if (wasStarted && h.inner !== null) {
            const inner = h.inner;
            h.inner = null;
            if (underlying === null) IteratorClose(realm, inner);
            else closing(underlying, () => IteratorClose(realm, inner));
          }
          if (underlying !== null) IteratorClose(realm, underlying);
        }
      } finally {
        h.state = 'completed';
      }
      return CreateIterResultObject(realm, undefined, true);
    },
  };
  defineTable(realm, IteratorHelperPrototype, [
    method('next', 0, helperMethods.next),
    method('return', 0, helperMethods.return),
    value(Symbol.toStringTag, 'Iterator Helper', { writable: false }),
  ]);

  const protoMethods = {
    [Symbol.iterator](this: unknown): unknown {
      return this;
    },
    map(this: unknown, mapper: unknown): object {
      const O = helperReceiver(realm, this, 'map');
      const fn = requireCallable(realm, O, mapper);
      const iterated = GetIteratorDirect(O);
      let counter = 0;
      return newHelper(iterated, () => {
        const v = IteratorStepValue(realm, iterated);
        if (v === DONE) return DONE;
        const mapped = closing(iterated, () => Call(fn, undefined, [v, counter]));
        counter++;
        return mapped;
      });
    },
    filter(this: unknown, predicate: unknown): object {
      const O = helperReceiver(realm, this, 'filter');
      const fn = requireCallable(realm, O, predicate);
      const iterated = GetIteratorDirect(O);
      let counter = 0;
      return newHelper(iterated, () => {
        for (;;) {
          const v = IteratorStepValue(realm, iterated);
          if (v === DONE) return DONE;
          const selected = closing(iterated, () => Call(fn, undefined, [v, counter]));
          counter++;
          if (selected) return v;
        }
      });
    },
    take(this: unknown, limit: unknown): object {
      const O = helperReceiver(realm, this, 'take');
      let remaining = validatedLimit(realm, O, limit);
      const iterated = GetIteratorDirect(O);
      return newHelper(iterated, () => {
        if (remaining === 0) {
          IteratorClose(realm, iterated);
          return DONE;
        }
        if (remaining !== Infinity) remaining--;
        return IteratorStepValue(realm, iterated);
      });
    },
    drop(this: unknown, limit: unknown): object {
      const O = helperReceiver(realm, this, 'drop');
      let remaining = validatedLimit(realm, O, limit);
      const iterated = GetIteratorDirect(O);
      return newHelper(iterated, () => {
        while (remaining > 0) {
          if (remaining !== Infinity) remaining--;
          if (IteratorStep(realm, iterated) === DONE) return DONE;
        }
        return IteratorStepValue(realm, iterated);
      });
    },
    flatMap(this: unknown, mapper: unknown): object {
      const O = helperReceiver(realm, this, 'flatMap');
      const fn = requireCallable(realm, O, mapper);
      const iterated = GetIteratorDirect(O);
      let counter = 0;
      return newHelper(iterated, (h) => {
        for (;;) {
          if (h.inner === null) {
            const v = IteratorStepValue(realm, iterated);
            if (v === DONE) return DONE;
            h.inner = closing(iterated, () => GetIteratorFlattenable(realm, Call(fn, undefined, [v, counter]), 'reject-primitives'));
            counter++;
          }
          const inner = h.inner;
          const innerValue = closing(iterated, () => IteratorStepValue(realm, inner));
          if (innerValue !== DONE) return innerValue;
          h.inner = null;
        }
      });
    },
    reduce(this: unknown, reducer: unknown, ...rest: unknown[]): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, protoMethods.reduce, this, [reducer, ...rest]);
      const O = helperReceiver(realm, this, 'reduce');
      const fn = requireCallable(realm, O, reducer);
      const iterated = GetIteratorDirect(O);
      let accumulator: unknown;
      let counter: number;
      if (rest.length === 0) {
        accumulator = IteratorStepValue(realm, iterated);
        if (accumulator === DONE) realm.throwTypeError('Reduce of empty iterator with no initial value');
        counter = 1;
      } else {
        accumulator = rest[0];
        counter = 0;
      }
      for (;;) {
        const v = IteratorStepValue(realm, iterated);
        if (v === DONE) return accumulator;
        const acc = accumulator;
        accumulator = closing(iterated, () => Call(fn, undefined, [acc, v, counter]));
        counter++;
      }
    },
    toArray(this: unknown): unknown[] {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, protoMethods.toArray, this, []) as unknown[];
      const O = helperReceiver(realm, this, 'toArray');
      const iterated = GetIteratorDirect(O);
      const items: unknown[] = [];
      for (;;) {
        const v = IteratorStepValue(realm, iterated);
        if (v === DONE) return CreateArrayFromList(realm, items);
        items.push(v);
      }
    },
    forEach(this: unknown, procedure: unknown): undefined {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, protoMethods.forEach, this, [procedure]) as undefined;
      const O = helperReceiver(realm, this, 'forEach');
      const fn = requireCallable(realm, O, procedure);
      const iterated = GetIteratorDirect(O);
      for (let counter = 0; ; counter++) {
        const v = IteratorStepValue(realm, iterated);
        if (v === DONE) return undefined;
        closing(iterated, () => Call(fn, undefined, [v, counter]));
      }
    },
    some(this: unknown, predicate: unknown): boolean {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, protoMethods.some, this, [predicate]) as boolean;
      return searchIterator(realm, this, predicate, 'some') !== NOT_FOUND;
    },
    every(this: unknown, predicate: unknown): boolean {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, protoMethods.every, this, [predicate]) as boolean;
      return searchIterator(realm, this, predicate, 'every') === NOT_FOUND;
    },
    find(this: unknown, predicate: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, protoMethods.find, this, [predicate]);
      const found = searchIterator(realm, this, predicate, 'find');
      return found === NOT_FOUND ? undefined : found;
    },
  };
  // §27.1.4.1 / §27.1.4.14: accessors whose setters ignore the prototype itself.
  const setterThatIgnoresPrototypeProperties = (thisValue: unknown, p: PropertyKey, v: unknown): void =>
    SetterThatIgnoresPrototypeProperties(realm, thisValue, IteratorPrototype, p, v, '[object Iterator]');
  const accessors = {
    getConstructor(this: unknown): unknown { return IteratorCtor; },
    setConstructor(this: unknown, v: unknown): undefined { setterThatIgnoresPrototypeProperties(this, 'constructor', v); return undefined; },
    getToStringTag(this: unknown): unknown { return 'Iterator'; },
    setToStringTag(this: unknown, v: unknown): undefined { setterThatIgnoresPrototypeProperties(this, Symbol.toStringTag, v); return undefined; },
  };
  defineTable(realm, IteratorPrototype, [
    accessor('constructor', accessors.getConstructor, accessors.setConstructor),
    method('drop', 1, protoMethods.drop),
    method('every', 1, protoMethods.every),
    method('filter', 1, protoMethods.filter),
    method('find', 1, protoMethods.find),
    method('flatMap', 1, protoMethods.flatMap),
    method('forEach', 1, protoMethods.forEach),
    method('map', 1, protoMethods.map),
    method('reduce', 1, protoMethods.reduce),
    method('some', 1, protoMethods.some),
    method('take', 1, protoMethods.take),
    method('toArray', 0, protoMethods.toArray),
    method(Symbol.iterator, 0, protoMethods[Symbol.iterator]),
    accessor(Symbol.toStringTag, accessors.getToStringTag, accessors.setToStringTag),
  ]);
}

const NOT_FOUND: unique symbol = Symbol('NOT_FOUND');

/** The loop shared by some / every / find (§27.1.4.4, .5, .12): the value that ends the search
 * (after closing the iterator), or NOT_FOUND. */
function searchIterator(realm: Realm, O: unknown, predicate: unknown, name: 'some' | 'every' | 'find'): unknown {
  const obj = helperReceiver(realm, O, name);
  const fn = requireCallable(realm, obj, predicate);
  const iterated = GetIteratorDirect(obj);
  for (let counter = 0; ; counter++) {
    const v = IteratorStepValue(realm, iterated);
    if (v === DONE) return NOT_FOUND;
    const result = closing(iterated, () => Call(fn, undefined, [v, counter]));
    if (name === 'every' ? !result : !!result) {
      IteratorClose(realm, iterated);
      return v;
    }
  }
}

/** %AsyncIteratorPrototype% (§27.1.3), %AsyncFunction% and %AsyncFunction.prototype% (§27.7). */
export function installAsyncFunctions(realm: Realm): void {
  const I = realm.intrinsics;
  const AsyncIteratorPrototype = ObjectCreate(I.ObjectPrototype) as object;
  I.AsyncIteratorPrototype = AsyncIteratorPrototype;
  const proto = {
    // §27.1.3.1 %AsyncIteratorPrototype% [ @@asyncIterator ] ( )
    [Symbol.asyncIterator](this: unknown): unknown {
      return this;
    },
  };
  defineTable(realm, AsyncIteratorPrototype, [method(Symbol.asyncIterator, 0, proto[Symbol.asyncIterator])]);

  const AsyncFunctionPrototype = ObjectCreate(I.FunctionPrototype) as object;
  I.AsyncFunctionPrototype = AsyncFunctionPrototype;
  // §27.7.1.1 AsyncFunction ( ...parameterArgs, bodyArg )
  const AsyncFunction = createBuiltinConstructor(realm, function AsyncFunction(this: unknown, ...args: unknown[]): Function {
    return hooks.CreateDynamicFunction(realm, new.target, 'async', args);
  }, 'AsyncFunction', 1, AsyncFunctionPrototype, I.Function);
  I.AsyncFunction = AsyncFunction;
  ObjectDefineProperty(AsyncFunctionPrototype, 'constructor', { writable: false });
  defineTable(realm, AsyncFunctionPrototype, [value(Symbol.toStringTag, 'AsyncFunction', { writable: false })]);
}

export function installGenerators(realm: Realm): void {
  const I = realm.intrinsics;
  // §27.3.3 %GeneratorFunction.prototype%: an ordinary object, not a function.
  const GeneratorFunctionPrototype = ObjectCreate(I.FunctionPrototype) as object;
  // §27.5.1 %GeneratorPrototype%
  const GeneratorPrototype = ObjectCreate(I.IteratorPrototype) as object;
  I.GeneratorFunctionPrototype = GeneratorFunctionPrototype;
  I.GeneratorPrototype = GeneratorPrototype;

  // §27.3.1.1 GeneratorFunction ( ...parameterArgs, bodyArg )
  const GeneratorFunction = createBuiltinConstructor(realm, function GeneratorFunction(this: unknown, ...args: unknown[]): Function {
    return hooks.CreateDynamicFunction(realm, new.target, 'generator', args);
  }, 'GeneratorFunction', 1, GeneratorFunctionPrototype, I.Function);
  I.GeneratorFunction = GeneratorFunction;
  // §27.3.3.1: GeneratorFunction.prototype.constructor is non-writable.
  ObjectDefineProperty(GeneratorFunctionPrototype, 'constructor', { writable: false });
  defineTable(realm, GeneratorFunctionPrototype, [
    value('prototype', GeneratorPrototype, { writable: false }),
    value(Symbol.toStringTag, 'GeneratorFunction', { writable: false }),
  ]);

  const proto = {
    next(this: unknown, value: unknown): IteratorResult<unknown> {
      return hooks.GeneratorResume(realm, this, value);
    },
    return(this: unknown, value: unknown): IteratorResult<unknown> {
      return hooks.GeneratorResumeAbrupt(realm, this, 'return', value);
    },
    throw(this: unknown, exception: unknown): IteratorResult<unknown> {
      return hooks.GeneratorResumeAbrupt(realm, this, 'throw', exception);
    },
  };
  defineTable(realm, GeneratorPrototype, [
    value('constructor', GeneratorFunctionPrototype, { writable: false }),
    method('next', 1, proto.next),
    method('return', 1, proto.return),
    method('throw', 1, proto.throw),
    value(Symbol.toStringTag, 'Generator', { writable: false }),
  ]);
}
