// %Object% and %Object.prototype% (ECMA-262 §20.1), with Annex B's __proto__ and
// __defineGetter__ & co. Object.prototype is an immutable prototype exotic object (§10.4.7).
import { recordArrayDefinitions, recordDefinedKey } from '../hidden-referents.js';
import { callBuiltinFromHost, markGuestObject } from '../membrane.js';
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, defineTable, method, calledByHost } from '../builtin.js';
import {
  CreateArrayFromList, CreateDataPropertyOrThrow, DONE, DefinePropertyOrThrow, FromPropertyDescriptor, GetIterator,
  HasOwnProperty, Invoke, IteratorCloseOnThrow, IteratorStepValue, MAX_SAFE_INTEGER, OrdinaryCreateFromConstructor,
  RequireObjectCoercible, SameValue, SetPrototypeOf, ToObject, ToPropertyDescriptor, ToPropertyKey, coerceArrayLengthDescriptor, refusesPreventExtensions, adoptArray,
  describeValue, isObject, setPrototypeFailureMessage,
} from '../abstract-ops.js';
import { hostCall, toRealmError } from '../host-errors.js';
import { hooks } from '../evaluator-hooks.js';
import {
  HostMap, ObjectAssign, ObjectCreate, ObjectDefineProperties as hostDefineProperties, ObjectDefineProperty,
  ObjectEntries, ObjectFreeze, ObjectGetOwnPropertyNames, ObjectGetOwnPropertySymbols, ObjectGetPrototypeOf,
  ObjectIsExtensible, ObjectIsFrozen, ObjectIsSealed, ObjectKeys, ObjectPreventExtensions, ObjectPrototypeToString,
  ObjectSeal, ObjectValues, ReflectGetOwnPropertyDescriptor, ReflectGetPrototypeOf, ReflectOwnKeys,
} from '../primordials.js';

/** Object.defineProperties's core, ObjectDefineProperties (§20.1.2.3.1). */
export function ObjectDefineProperties(realm: Realm, O: object, Properties: unknown): object {
  const props = ToObject(realm, Properties);
  // Its keys are the guest's to list (a Proxy's trap): an array given properties this way is recorded as
  // opaque to the retained-memory walk rather than listed twice.
  recordArrayDefinitions(realm, O);
  return hostCall(realm, hostDefineProperties, undefined, [O, props]);
}

function prototypeArgError(realm: Realm, proto: unknown): never {
  return realm.throwTypeError(`Object prototype may only be an Object or null: ${describeValue(proto)}`);
}

/** GroupBy (§7.3.35) for property keys: groups in first-seen key order. */
export function GroupByProperty(realm: Realm, items: unknown, callback: unknown, methodName: string): Map<PropertyKey, unknown[]> {
  RequireObjectCoercible(realm, items, methodName);
  if (typeof callback !== 'function') realm.throwTypeError(`${describeValue(callback)} is not a function`);
  const groups = new HostMap<PropertyKey, unknown[]>();
  const rec = GetIterator(realm, items, 'sync');
  for (let k = 0; ; k++) {
    if (k >= MAX_SAFE_INTEGER) {
      IteratorCloseOnThrow(rec, realm.newError('TypeError', 'Too many elements passed to groupBy'));
    }
    const next = IteratorStepValue(realm, rec);
    if (next === DONE) return groups;
    let key: PropertyKey;
    try {
      key = ToPropertyKey(realm, Reflect.apply(callback, undefined, [next, k]));
    } catch (e) {
      IteratorCloseOnThrow(rec, e);
    }
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [next]);
    else g.push(next);
  }
}

export function installObject(realm: Realm): void {
  const I = realm.intrinsics;
  const ObjectPrototype = I.ObjectPrototype;

  // §20.1.1.1 Object ( [ value ] )
  const ObjectCtor = createBuiltinConstructor(realm, function Object(this: unknown, value: unknown): object {
    const nt = new.target;
    if (nt !== undefined && nt !== ObjectCtor) return OrdinaryCreateFromConstructor(realm, nt, 'ObjectPrototype');
    if (value === undefined || value === null) return ObjectCreate(ObjectPrototype) as object;
    return ToObject(realm, value);
  }, 'Object', 1, ObjectPrototype);
  I.Object = ObjectCtor;

  const statics = {
    assign(target: unknown, ...sources: unknown[]): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.assign, undefined, [target, ...sources]) as object;
      const to = ToObject(realm, target);
      // The host's assign reads only own properties of the sources (no prototype of a wrapper is seen).
      if (sources.length === 0) return to;
      return hostCall(realm, ObjectAssign, undefined, [to, ...sources]);
    },
    create(O: unknown, Properties: unknown): object {
      if (!isObject(O) && O !== null) prototypeArgError(realm, O);
      const obj = ObjectCreate(O) as object;
      if (O === null) markGuestObject(obj);
      if (Properties !== undefined) ObjectDefineProperties(realm, obj, Properties);
      return obj;
    },
    defineProperties(O: unknown, Properties: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.defineProperties, undefined, [O, Properties]) as object;
      if (!isObject(O)) realm.throwTypeError('Object.defineProperties called on non-object');
      return ObjectDefineProperties(realm, O, Properties);
    },
    defineProperty(O: unknown, P: unknown, Attributes: unknown): object {
      if (!isObject(O)) realm.throwTypeError('Object.defineProperty called on non-object');
      const key = ToPropertyKey(realm, P);
      const desc = ToPropertyDescriptor(realm, Attributes);
      coerceArrayLengthDescriptor(realm, O, key, desc);
      // A long array's non-enumerable keys are seen by the retained-memory walk through this record.
      recordDefinedKey(realm, O as object, key);
      return hostCall(realm, ObjectDefineProperty, undefined, [O, key, desc]);
    },
    entries(O: unknown): unknown[] {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.entries, undefined, [O]) as unknown[];
      const obj = ToObject(realm, O);
      const list = hostCall(realm, ObjectEntries, undefined, [obj]);
      for (let i = 0; i < list.length; i++) adoptArray(realm, list[i] as unknown[]);
      return adoptArray(realm, list);
    },
    freeze(O: unknown): unknown {
      if (!isObject(O)) return O;
      // node's contextified global refuses this (its interceptors), with its own message.
      if (O === realm.globalThisValue && realm.sandbox !== null) realm.throwTypeError('Cannot freeze');
      if (refusesPreventExtensions(O)) realm.throwTypeError('Cannot prevent extensions of a typed array that is not fixed-length');
      return hostCall(realm, ObjectFreeze, undefined, [O]);
    },
    fromEntries(iterable: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.fromEntries, undefined, [iterable]) as object;
      RequireObjectCoercible(realm, iterable, 'Object.fromEntries');
      const obj = ObjectCreate(ObjectPrototype) as object;
      const rec = GetIterator(realm, iterable, 'sync');
      for (;;) {
        const next = IteratorStepValue(realm, rec);
        if (next === DONE) return obj;
        try {
          if (!isObject(next)) realm.throwTypeError(`Iterator value ${describeValue(next)} is not an entry object`);
          const k = (next as Record<number, unknown>)[0];
          const v = (next as Record<number, unknown>)[1];
          CreateDataPropertyOrThrow(realm, obj, ToPropertyKey(realm, k), v);
        } catch (e) {
          IteratorCloseOnThrow(rec, e);
        }
      }
    },
    getOwnPropertyDescriptor(O: unknown, P: unknown): object | undefined {
      const obj = ToObject(realm, O);
      const key = ToPropertyKey(realm, P);
      return FromPropertyDescriptor(realm, hostCall(realm, ReflectGetOwnPropertyDescriptor, undefined, [obj, key]));
    },
    getOwnPropertyDescriptors(O: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.getOwnPropertyDescriptors, undefined, [O]) as object;
      const obj = ToObject(realm, O);
      const ownKeys = hostCall(realm, ReflectOwnKeys, undefined, [obj]);
      const descriptors = ObjectCreate(ObjectPrototype) as object;
      for (const key of ownKeys) {
        const desc = hostCall(realm, ReflectGetOwnPropertyDescriptor, undefined, [obj, key]);
        if (desc !== undefined) CreateDataPropertyOrThrow(realm, descriptors, key, FromPropertyDescriptor(realm, desc));
      }
      return descriptors;
    },
    getOwnPropertyNames(O: unknown): unknown[] {
      return adoptArray(realm, hostCall(realm, ObjectGetOwnPropertyNames, undefined, [ToObject(realm, O)]));
    },
    getOwnPropertySymbols(O: unknown): unknown[] {
      return adoptArray(realm, hostCall(realm, ObjectGetOwnPropertySymbols, undefined, [ToObject(realm, O)]));
    },
    getPrototypeOf(O: unknown): unknown {
      return hostCall(realm, ObjectGetPrototypeOf, undefined, [ToObject(realm, O)]);
    },
    groupBy(items: unknown, callback: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.groupBy, undefined, [items, callback]) as object;
      const groups = GroupByProperty(realm, items, callback, 'Object.groupBy');
      const obj = ObjectCreate(null) as object;
      for (const [key, elements] of groups) CreateDataPropertyOrThrow(realm, obj, key, CreateArrayFromList(realm, elements));
      return obj;
    },
    hasOwn(O: unknown, P: unknown): boolean {
      const obj = ToObject(realm, O);
      const key = ToPropertyKey(realm, P);
      return hostCall(realm, HasOwnProperty, undefined, [obj, key]);
    },
    is(value1: unknown, value2: unknown): boolean {
      return SameValue(value1, value2);
    },
    isExtensible(O: unknown): boolean {
      if (!isObject(O)) return false;
      return hostCall(realm, ObjectIsExtensible, undefined, [O]);
    },
    isFrozen(O: unknown): boolean {
      if (!isObject(O)) return true;
      return hostCall(realm, ObjectIsFrozen, undefined, [O]);
    },
    isSealed(O: unknown): boolean {
      if (!isObject(O)) return true;
      return hostCall(realm, ObjectIsSealed, undefined, [O]);
    },
    keys(O: unknown): unknown[] {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.keys, undefined, [O]) as unknown[];
      return adoptArray(realm, hostCall(realm, ObjectKeys, undefined, [ToObject(realm, O)]));
    },
    preventExtensions(O: unknown): unknown {
      if (!isObject(O)) return O;
      // node's contextified global refuses this (its interceptors), with its own message.
      if (O === realm.globalThisValue && realm.sandbox !== null) realm.throwTypeError('Cannot prevent extensions');
      if (refusesPreventExtensions(O)) realm.throwTypeError('Cannot prevent extensions of a typed array that is not fixed-length');
      return hostCall(realm, ObjectPreventExtensions, undefined, [O]);
    },
    seal(O: unknown): unknown {
      if (!isObject(O)) return O;
      // node's contextified global refuses this (its interceptors), with its own message.
      if (O === realm.globalThisValue && realm.sandbox !== null) realm.throwTypeError('Cannot seal');
      if (refusesPreventExtensions(O)) realm.throwTypeError('Cannot prevent extensions of a typed array that is not fixed-length');
      return hostCall(realm, ObjectSeal, undefined, [O]);
    },
    setPrototypeOf(O: unknown, proto: unknown): unknown {
      RequireObjectCoercible(realm, O, 'Object.setPrototypeOf');
      if (!isObject(proto) && proto !== null) prototypeArgError(realm, proto);
      if (!isObject(O)) return O;
      if (!SetPrototypeOf(realm, O, proto)) realm.throwTypeError(setPrototypeFailureMessage(realm, O));
      return O;
    },
    values(O: unknown): unknown[] {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.values, undefined, [O]) as unknown[];
      return adoptArray(realm, hostCall(realm, ObjectValues, undefined, [ToObject(realm, O)]));
    },
  };
  defineTable(realm, ObjectCtor, [
    method('assign', 2, statics.assign),
    method('create', 2, statics.create),
    method('defineProperties', 2, statics.defineProperties),
    method('defineProperty', 3, statics.defineProperty),
    method('entries', 1, statics.entries),
    method('freeze', 1, statics.freeze),
    method('fromEntries', 1, statics.fromEntries),
    method('getOwnPropertyDescriptor', 2, statics.getOwnPropertyDescriptor),
    method('getOwnPropertyDescriptors', 1, statics.getOwnPropertyDescriptors),
    method('getOwnPropertyNames', 1, statics.getOwnPropertyNames),
    method('getOwnPropertySymbols', 1, statics.getOwnPropertySymbols),
    method('getPrototypeOf', 1, statics.getPrototypeOf),
    method('groupBy', 2, statics.groupBy),
    method('hasOwn', 2, statics.hasOwn),
    method('is', 2, statics.is),
    method('isExtensible', 1, statics.isExtensible),
    method('isFrozen', 1, statics.isFrozen),
    method('isSealed', 1, statics.isSealed),
    method('keys', 1, statics.keys),
    method('preventExtensions', 1, statics.preventExtensions),
    method('seal', 1, statics.seal),
    method('setPrototypeOf', 2, statics.setPrototypeOf),
    method('values', 1, statics.values),
  ]);

  const proto = {
    hasOwnProperty(this: unknown, V: unknown): boolean {
      const P = ToPropertyKey(realm, V);
      const O = ToObject(realm, this);
      return hostCall(realm, HasOwnProperty, undefined, [O, P]);
    },
    isPrototypeOf(this: unknown, V: unknown): boolean {
      if (!isObject(V)) return false;
      const O = ToObject(realm, this);
      let cur: unknown = V;
      for (;;) {
        cur = hostCall(realm, ReflectGetPrototypeOf, undefined, [cur as object]);
        if (cur === null) return false;
        if (cur === O) return true;
      }
    },
    propertyIsEnumerable(this: unknown, V: unknown): boolean {
      const P = ToPropertyKey(realm, V);
      const O = ToObject(realm, this);
      const desc = hostCall(realm, ReflectGetOwnPropertyDescriptor, undefined, [O, P]);
      return desc !== undefined && desc.enumerable === true;
    },
    toLocaleString(this: unknown): unknown {
      RequireObjectCoercible(realm, this, 'Object.prototype.toLocaleString');
      return Invoke(realm, this, 'toString');
    },
    // §20.1.3.6: the host computes builtinTag from internal slots and reads @@toStringTag once, as
    // the spec does; only arguments objects (made by the interpreter) need telling apart here.
    toString(this: unknown): string {
      if (this === undefined) return '[object Undefined]';
      if (this === null) return '[object Null]';
      const O = ToObject(realm, this);
      if (hooks.isArgumentsObject(O)) {
        const tag = (O as Record<symbol, unknown>)[Symbol.toStringTag];
        return `[object ${typeof tag === 'string' ? tag : 'Arguments'}]`;
      }
      return hostCall(realm, ObjectPrototypeToString, O, []);
    },
    valueOf(this: unknown): object {
      return ToObject(realm, this);
    },
    __defineGetter__(this: unknown, P: unknown, getter: unknown): undefined {
      const O = ToObject(realm, this);
      if (typeof getter !== 'function') realm.throwTypeError('Object.prototype.__defineGetter__: Expecting function');
      const key = ToPropertyKey(realm, P);
      DefinePropertyOrThrow(realm, O, key, { get: getter as () => unknown, enumerable: true, configurable: true });
      return undefined;
    },
    __defineSetter__(this: unknown, P: unknown, setter: unknown): undefined {
      const O = ToObject(realm, this);
      if (typeof setter !== 'function') realm.throwTypeError('Object.prototype.__defineSetter__: Expecting function');
      const key = ToPropertyKey(realm, P);
      DefinePropertyOrThrow(realm, O, key, { set: setter as (v: unknown) => void, enumerable: true, configurable: true });
      return undefined;
    },
    __lookupGetter__(this: unknown, P: unknown): unknown {
      return lookupAccessor(realm, this, P, 'get');
    },
    __lookupSetter__(this: unknown, P: unknown): unknown {
      return lookupAccessor(realm, this, P, 'set');
    },
  };
  const protoAccessors = {
    __proto__get(this: unknown): unknown {
      const O = ToObject(realm, this);
      return hostCall(realm, ReflectGetPrototypeOf, undefined, [O]);
    },
    __proto__set(this: unknown, proto: unknown): undefined {
      RequireObjectCoercible(realm, this, 'set Object.prototype.__proto__');
      if (!isObject(proto) && proto !== null) return undefined;
      if (!isObject(this)) return undefined;
      if (!SetPrototypeOf(realm, this, proto)) realm.throwTypeError(setPrototypeFailureMessage(realm, this));
      return undefined;
    },
  };
  defineTable(realm, ObjectPrototype, [
    method('hasOwnProperty', 1, proto.hasOwnProperty),
    method('isPrototypeOf', 1, proto.isPrototypeOf),
    method('propertyIsEnumerable', 1, proto.propertyIsEnumerable),
    method('toLocaleString', 0, proto.toLocaleString),
    method('toString', 0, proto.toString),
    method('valueOf', 0, proto.valueOf),
    method('__defineGetter__', 2, proto.__defineGetter__),
    method('__defineSetter__', 2, proto.__defineSetter__),
    method('__lookupGetter__', 1, proto.__lookupGetter__),
    method('__lookupSetter__', 1, proto.__lookupSetter__),
    accessor('__proto__', protoAccessors.__proto__get, protoAccessors.__proto__set),
  ]);
  I.ObjectPrototypeToString = (ObjectPrototype as Record<string, object>).toString;
}

// §B.2.2.4 / §B.2.2.5 Object.prototype.__lookupGetter__ / __lookupSetter__
function lookupAccessor(realm: Realm, thisValue: unknown, P: unknown, kind: 'get' | 'set'): unknown {
  let O: object | null = ToObject(realm, thisValue);
  const key = ToPropertyKey(realm, P);
  try {
    while (O !== null) {
      const desc = ReflectGetOwnPropertyDescriptor(O, key);
      if (desc !== undefined) return 'value' in desc ? undefined : desc[kind];
      O = ReflectGetPrototypeOf(O);
    }
  } catch (e) {
    throw toRealmError(realm, e);
  }
  return undefined;
}

