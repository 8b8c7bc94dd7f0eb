// %Set% and %Set.prototype% (ECMA-262 §24.2), with the set methods of ES2025 (union, intersection,
// difference, symmetricDifference, isSubsetOf, isSupersetOf, isDisjointFrom; §24.2.4). A realm's Set is
// a host Set whose [[Prototype]] is the realm's %Set.prototype%: the host keeps [[SetData]] and the
// basic methods delegate to the host's. The set methods are written here (the host may lack them),
// over the host's own live iterators, which walk [[SetData]] the way the spec's index loops do.
import { recordCollection } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, defineTable, method, value, calledByHost } from '../builtin.js';
import { callBuiltinFromHost } from '../membrane.js';
import {
  DONE, GetIterator, GetIteratorFromMethod, GetPrototypeFromConstructor, IteratorClose, IteratorCloseOnThrow, IteratorStepValue,
  ToIntegerOrInfinity, ToNumber, describeTyped, describeValue, isObject, type IteratorRecord,
} from '../abstract-ops.js';
import { CreateSetIterator, installSetIteratorPrototype } from './collection-iterators.js';
import { toRealmBrandError } from '../brand-error.js';
import { agent } from '../agent.js';
import { chargeEntry } from '../allocation.js';
import { adderNotCallable } from './map.js';
import {
  HostSet, ObjectSetPrototypeOf, ReflectApply, SetIteratorPrototypeNext, SetPrototypeAdd,
  SetPrototypeClear, SetPrototypeDelete, SetPrototypeGetSize, SetPrototypeHas, SetPrototypeValues,
} from '../primordials.js';

/** A Set Record (§24.2.1.1). */
interface SetRecord {
  set: object;
  size: number;
  has: Function;
  keys: Function;
}

/** RequireInternalSlot(O, [[SetData]]) with V8's text for method `name`; the number of elements. */
function thisSetSize(realm: Realm, O: unknown, name: string): number {
  try {
    return ReflectApply(SetPrototypeGetSize, O, []) as number;
  } catch {
    return realm.throwTypeError(`Method Set.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
  }
}

/** GetSetRecord (§24.2.1.2). */
function GetSetRecord(realm: Realm, obj: unknown, name: string): SetRecord {
  if (!isObject(obj)) return realm.throwTypeError(`Set.prototype.${name} argument must be an object`);
  const rawSize = (obj as { size?: unknown }).size;
  const numSize = ToNumber(realm, rawSize);
  if (numSize !== numSize) realm.throwTypeError('The .size property is NaN');
  const intSize = ToIntegerOrInfinity(realm, numSize);
  if (intSize < 0) realm.throwRangeError(`'${describeValue(numSize)}' is an invalid size`);
  const has = (obj as { has?: unknown }).has;
  if (typeof has !== 'function') realm.throwTypeError('string "has" is not a function');
  const keys = (obj as { keys?: unknown }).keys;
  if (typeof keys !== 'function') realm.throwTypeError('string "keys" is not a function');
  return { set: obj, size: intSize, has, keys };
}

/** GetIteratorFromMethod(otherRec.[[SetObject]], otherRec.[[Keys]]) (§7.4.2). */
function keysIterator(realm: Realm, rec: SetRecord): IteratorRecord {
  return GetIteratorFromMethod(realm, rec.set, rec.keys);
}

/** CanonicalizeKeyedCollectionKey (§24.5.1). */
function canonicalize(v: unknown): unknown {
  return v === 0 ? 0 : v;
}

/** A live host iterator over a Set's values, and its next value (or DONE). */
function liveValues(set: object): Iterator<unknown> {
  return ReflectApply(SetPrototypeValues, set, []) as Iterator<unknown>;
}
function nextLive(it: Iterator<unknown>): unknown {
  const r = ReflectApply(SetIteratorPrototypeNext, it, []) as IteratorResult<unknown>;
  return r.done ? DONE : r.value;
}

/** A copy of O.[[SetData]] as a new host Set (no guest-visible iteration). */
function copySetData(O: object): Set<unknown> {
  const copy = new HostSet<unknown>();
  const it = liveValues(O);
  for (let v = nextLive(it); v !== DONE; v = nextLive(it)) ReflectApply(SetPrototypeAdd, copy, [v]);
  return copy;
}

/** SetDataSize (§24.2.1.5) of a set already brand-checked. */
function setDataSize(O: object): number {
  return ReflectApply(SetPrototypeGetSize, O, []) as number;
}

/** The SetDataHas test for one value on a set already brand-checked. */
function setDataHas(O: object, v: unknown): boolean {
  return ReflectApply(SetPrototypeHas, O, [v]) as boolean;
}

/** Calls otherRec.[[Has]] (ToBoolean of the result). */
function otherHas(rec: SetRecord, v: unknown): boolean {
  return !!ReflectApply(rec.has, rec.set, [v]);
}

/** AddEntriesFromIterable's Set form (§24.2.2.1 steps 7-8): Set's and WeakSet's constructors. */
export function AddValuesFromIterable(realm: Realm, target: object, iterable: unknown, adder: Function): object {
  const rec = GetIterator(realm, iterable, 'sync');
  for (;;) {
    const next = IteratorStepValue(realm, rec);
    if (next === DONE) return target;
    try {
      ReflectApply(adder, target, [next]);
    } catch (e) {
      IteratorCloseOnThrow(rec, e);
    }
  }
}

export function installSet(realm: Realm): void {
  const I = realm.intrinsics;
  installSetIteratorPrototype(realm);
  const SetPrototype = Object.create(I.ObjectPrototype) as object;
  I.SetPrototype = SetPrototype;

  /** OrdinaryObjectCreate(%Set.prototype%, « [[SetData]] ») holding `data`. */
  const resultSet = (data: Set<unknown>): object => {
    ObjectSetPrototypeOf(data, SetPrototype);
    recordCollection(realm, data, 2);
    return data;
  };

  // §24.2.2.1 Set ( [ iterable ] )
  const SetCtor = createBuiltinConstructor(realm, function Set(this: unknown, iterable: unknown): object {
    // Called by host code outside a run (an iterable of the guest's): under the context's budget.
    if (calledByHost(realm)) return callBuiltinFromHost(realm, SetCtor, this, [iterable], new.target) as object;
    if (new.target === undefined) realm.throwTypeError("Constructor Set requires 'new'");
    const set = new HostSet();
    ObjectSetPrototypeOf(set, GetPrototypeFromConstructor(realm, new.target, 'SetPrototype'));
    recordCollection(realm, set, 2);
    if (iterable === undefined || iterable === null) return set;
    const adder = (set as unknown as { add: unknown }).add;
    if (typeof adder !== 'function') adderNotCallable(realm, adder, 'add', 'Set');
    return AddValuesFromIterable(realm, set, iterable, adder);
  }, 'Set', 0, SetPrototype);
  I.Set = SetCtor;

  const statics = {
    // §24.2.3.2 get Set [ @@species ]
    species(this: unknown): unknown {
      return this;
    },
  };
  defineTable(realm, SetCtor, [accessor(Symbol.species, statics.species)]);

  const proto = {
    // §24.2.4.1 Set.prototype.add ( value )
    add(this: unknown, value: unknown): unknown {
      try {
        if (agent.allocLimit !== Infinity) chargeEntry(SetPrototypeHas, this, value);
        return ReflectApply(SetPrototypeAdd, this, [value]);
      } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.2.4.2 Set.prototype.clear ( )
    clear(this: unknown): undefined {
      try { ReflectApply(SetPrototypeClear, this, []); } catch (e) { throw toRealmBrandError(realm, e, this); }
      return undefined;
    },
    // §24.2.4.4 Set.prototype.delete ( value )
    delete(this: unknown, value: unknown): boolean {
      try { return ReflectApply(SetPrototypeDelete, this, [value]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.2.4.5 Set.prototype.difference ( other )
    difference(this: unknown, other: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.difference, this, [other]) as object;
      thisSetSize(realm, this, 'difference');
      const O = this as object;
      const otherRec = GetSetRecord(realm, other, 'difference');
      // SetDataSize(O.[[SetData]]) after GetSetRecord, whose guest code may have changed O.
      const thisSize = setDataSize(O);
      const result = copySetData(O);
      if (thisSize <= otherRec.size) {
        // The spec walks the copy, whose length is fixed at thisSize; entries it empties are skipped.
        const it = liveValues(result);
        for (let e = nextLive(it); e !== DONE; e = nextLive(it)) {
          if (otherHas(otherRec, e)) ReflectApply(SetPrototypeDelete, result, [e]);
        }
      } else {
        const keysIter = keysIterator(realm, otherRec);
        for (;;) {
          const next = IteratorStepValue(realm, keysIter);
          if (next === DONE) break;
          ReflectApply(SetPrototypeDelete, result, [canonicalize(next)]);
        }
      }
      return resultSet(result);
    },
    // §24.2.4.6 Set.prototype.entries ( )
    entries(this: unknown): object {
      return CreateSetIterator(realm, this, 'key+value');
    },
    // §24.2.4.7 Set.prototype.forEach ( callbackfn [ , thisArg ] )
    forEach(this: unknown, callbackfn: unknown, thisArg: unknown): undefined {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.forEach, this, [callbackfn, thisArg]) as undefined;
      thisSetSize(realm, this, 'forEach');
      if (typeof callbackfn !== 'function') realm.throwTypeError(`${describeTyped(callbackfn)} is not a function`);
      const it = liveValues(this as object);
      for (let e = nextLive(it); e !== DONE; e = nextLive(it)) ReflectApply(callbackfn, thisArg, [e, e, this]);
      return undefined;
    },
    // §24.2.4.8 Set.prototype.has ( value )
    has(this: unknown, value: unknown): boolean {
      try { return ReflectApply(SetPrototypeHas, this, [value]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.2.4.9 Set.prototype.intersection ( other )
    intersection(this: unknown, other: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.intersection, this, [other]) as object;
      thisSetSize(realm, this, 'intersection');
      const O = this as object;
      const otherRec = GetSetRecord(realm, other, 'intersection');
      // SetDataSize(O.[[SetData]]) after GetSetRecord, whose guest code may have changed O.
      const thisSize = setDataSize(O);
      const result = new HostSet<unknown>();
      if (thisSize <= otherRec.size) {
        // Live: `has` may add to or remove from O, as the spec's re-read of thisSize allows.
        const it = liveValues(O);
        for (let e = nextLive(it); e !== DONE; e = nextLive(it)) {
          if (otherHas(otherRec, e)) ReflectApply(SetPrototypeAdd, result, [e]);
        }
      } else {
        const keysIter = keysIterator(realm, otherRec);
        for (;;) {
          const next = IteratorStepValue(realm, keysIter);
          if (next === DONE) break;
          const v = canonicalize(next);
          if (setDataHas(O, v)) ReflectApply(SetPrototypeAdd, result, [v]);
        }
      }
      return resultSet(result);
    },
    // §24.2.4.10 Set.prototype.isDisjointFrom ( other )
    isDisjointFrom(this: unknown, other: unknown): boolean {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.isDisjointFrom, this, [other]) as boolean;
      thisSetSize(realm, this, 'isDisjointFrom');
      const O = this as object;
      const otherRec = GetSetRecord(realm, other, 'isDisjointFrom');
      // SetDataSize(O.[[SetData]]) after GetSetRecord, whose guest code may have changed O.
      const thisSize = setDataSize(O);
      if (thisSize <= otherRec.size) {
        const it = liveValues(O);
        for (let e = nextLive(it); e !== DONE; e = nextLive(it)) {
          if (otherHas(otherRec, e)) return false;
        }
      } else {
        const keysIter = keysIterator(realm, otherRec);
        for (;;) {
          const next = IteratorStepValue(realm, keysIter);
          if (next === DONE) break;
          if (setDataHas(O, next)) {
            IteratorClose(realm, keysIter);
            return false;
          }
        }
      }
      return true;
    },
    // §24.2.4.11 Set.prototype.isSubsetOf ( other )
    isSubsetOf(this: unknown, other: unknown): boolean {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.isSubsetOf, this, [other]) as boolean;
      thisSetSize(realm, this, 'isSubsetOf');
      const O = this as object;
      const otherRec = GetSetRecord(realm, other, 'isSubsetOf');
      // SetDataSize(O.[[SetData]]) after GetSetRecord, whose guest code may have changed O.
      const thisSize = setDataSize(O);
      if (thisSize > otherRec.size) return false;
      const it = liveValues(O);
      for (let e = nextLive(it); e !== DONE; e = nextLive(it)) {
        if (!otherHas(otherRec, e)) return false;
      }
      return true;
    },
    // §24.2.4.12 Set.prototype.isSupersetOf ( other )
    isSupersetOf(this: unknown, other: unknown): boolean {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.isSupersetOf, this, [other]) as boolean;
      thisSetSize(realm, this, 'isSupersetOf');
      const O = this as object;
      const otherRec = GetSetRecord(realm, other, 'isSupersetOf');
      // SetDataSize(O.[[SetData]]) after GetSetRecord, whose guest code may have changed O.
      const thisSize = setDataSize(O);
      if (thisSize < otherRec.size) return false;
      const keysIter = keysIterator(realm, otherRec);
      for (;;) {
        const next = IteratorStepValue(realm, keysIter);
        if (next === DONE) return true;
        if (!setDataHas(O, next)) {
          IteratorClose(realm, keysIter);
          return false;
        }
      }
    },
    // §24.2.4.14 get Set.prototype.size
    size(this: unknown): number {
      try { return ReflectApply(SetPrototypeGetSize, this, []) as number; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.2.4.15 Set.prototype.symmetricDifference ( other )
    symmetricDifference(this: unknown, other: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.symmetricDifference, this, [other]) as object;
      thisSetSize(realm, this, 'symmetricDifference');
      const O = this as object;
      const otherRec = GetSetRecord(realm, other, 'symmetricDifference');
      const keysIter = keysIterator(realm, otherRec);
      const result = copySetData(O);
      for (;;) {
        const next = IteratorStepValue(realm, keysIter);
        if (next === DONE) break;
        const v = canonicalize(next);
        if (setDataHas(O, v)) ReflectApply(SetPrototypeDelete, result, [v]);
        else ReflectApply(SetPrototypeAdd, result, [v]);
      }
      return resultSet(result);
    },
    // §24.2.4.16 Set.prototype.union ( other )
    union(this: unknown, other: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.union, this, [other]) as object;
      thisSetSize(realm, this, 'union');
      const O = this as object;
      const otherRec = GetSetRecord(realm, other, 'union');
      const keysIter = keysIterator(realm, otherRec);
      const result = copySetData(O);
      for (;;) {
        const next = IteratorStepValue(realm, keysIter);
        if (next === DONE) break;
        ReflectApply(SetPrototypeAdd, result, [canonicalize(next)]);
      }
      return resultSet(result);
    },
    // §24.2.4.17 Set.prototype.values ( )
    values(this: unknown): object {
      return CreateSetIterator(realm, this, 'value');
    },
  };
  defineTable(realm, SetPrototype, [
    method('has', 1, proto.has),
    method('add', 1, proto.add),
    method('delete', 1, proto.delete),
    method('clear', 0, proto.clear),
    method('entries', 0, proto.entries),
    method('forEach', 1, proto.forEach),
    accessor('size', proto.size),
    method('values', 0, proto.values),
    method('union', 1, proto.union),
    method('intersection', 1, proto.intersection),
    method('difference', 1, proto.difference),
    method('symmetricDifference', 1, proto.symmetricDifference),
    method('isSubsetOf', 1, proto.isSubsetOf),
    method('isSupersetOf', 1, proto.isSupersetOf),
    method('isDisjointFrom', 1, proto.isDisjointFrom),
    value(Symbol.toStringTag, 'Set', { writable: false }),
  ]);
  // §24.2.4.13 Set.prototype.keys and §24.2.4.18 Set.prototype [ @@iterator ] are the same function
  // object as values.
  const values = (SetPrototype as { values: unknown }).values;
  Object.defineProperty(SetPrototype, 'keys', { value: values, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(SetPrototype, Symbol.iterator, { value: values, writable: true, enumerable: false, configurable: true });
}
