// %Map% and %Map.prototype% (ECMA-262 §24.1), with Map.groupBy (§24.1.2.1). A realm's Map is a host
// Map whose [[Prototype]] is the realm's %Map.prototype%: the host keeps [[MapData]] (SameValueZero
// keys, insertion order, -0 normalised to +0), and the methods delegate to the host's, bringing their
// brand-check errors into the realm.
import { recordCollection } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, defineTable, method, value, calledByHost } from '../builtin.js';
import { callBuiltinFromHost } from '../membrane.js';
import { toRealmBrandError } from '../brand-error.js';
import { agent } from '../agent.js';
import { chargeEntry } from '../allocation.js';
import {
  CreateArrayFromList, DONE, GetIterator, GetPrototypeFromConstructor, IteratorCloseOnThrow, IteratorStepValue, MAX_SAFE_INTEGER,
  RequireObjectCoercible, describeTyped, describeValue, isObject,
} from '../abstract-ops.js';
import { CreateMapIterator, installMapIteratorPrototype } from './collection-iterators.js';
import {
  HostMap, MapIteratorPrototypeNext, MapPrototypeClear, MapPrototypeDelete, MapPrototypeEntries,
  MapPrototypeGet, MapPrototypeGetSize, MapPrototypeHas, MapPrototypeSet, ObjectSetPrototypeOf, ReflectApply,
} from '../primordials.js';

/** AddEntriesFromIterable (§24.1.1.2): Map's and WeakMap's constructors. */
export function AddEntriesFromIterable(realm: Realm, target: object, iterable: unknown, adder: Function): object {
  const rec = GetIterator(realm, iterable, 'sync');
  for (;;) {
    const next = IteratorStepValue(realm, rec);
    if (next === DONE) return target;
    if (!isObject(next)) {
      IteratorCloseOnThrow(rec, realm.newError('TypeError', `Iterator value ${describeValue(next)} is not an entry object`));
    }
    try {
      const k = (next as Record<number, unknown>)[0];
      const v = (next as Record<number, unknown>)[1];
      ReflectApply(adder, target, [k, v]);
    } catch (e) {
      IteratorCloseOnThrow(rec, e);
    }
  }
}

/** V8's text when a collection constructor's adder (`set`/`add`) is not callable. */
export function adderNotCallable(realm: Realm, adder: unknown, key: string, ctorName: string): never {
  return realm.throwTypeError(`'${describeValue(adder)}' returned for property '${key}' of object '#<${ctorName}>' is not a function`);
}

/** The [[MapData]] brand check (RequireInternalSlot), with V8's text for the method `name`. */
function thisMapSize(realm: Realm, O: unknown, name: string): number {
  try {
    return ReflectApply(MapPrototypeGetSize, O, []) as number;
  } catch {
    return realm.throwTypeError(`Method Map.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
  }
}

export function installMap(realm: Realm): void {
  const I = realm.intrinsics;
  installMapIteratorPrototype(realm);
  const MapPrototype = Object.create(I.ObjectPrototype) as object;
  I.MapPrototype = MapPrototype;

  // §24.1.1.1 Map ( [ iterable ] )
  const MapCtor = createBuiltinConstructor(realm, function Map(this: unknown, iterable: unknown): object {
    // Called by host code outside a run (an iterable of the guest's): under the context's budget.
    if (calledByHost(realm)) return callBuiltinFromHost(realm, MapCtor, this, [iterable], new.target) as object;
    if (new.target === undefined) realm.throwTypeError("Constructor Map requires 'new'");
    const map = new HostMap();
    ObjectSetPrototypeOf(map, GetPrototypeFromConstructor(realm, new.target, 'MapPrototype'));
    recordCollection(realm, map, 1);
    if (iterable === undefined || iterable === null) return map;
    const adder = (map as unknown as { set: unknown }).set;
    if (typeof adder !== 'function') adderNotCallable(realm, adder, 'set', 'Map');
    return AddEntriesFromIterable(realm, map, iterable, adder);
  }, 'Map', 0, MapPrototype);
  I.Map = MapCtor;

  const statics = {
    // §24.1.2.1 Map.groupBy ( items, callback ): GroupBy (§7.3.35) with key coercion ZERO.
    groupBy(items: unknown, callback: unknown): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, statics.groupBy, undefined, [items, callback]) as object;
      RequireObjectCoercible(realm, items, 'Map.groupBy');
      if (typeof callback !== 'function') realm.throwTypeError(`${describeTyped(callback)} is not a function`);
      // The host Map keeps the groups in first-seen key order and canonicalises -0 as the spec asks.
      const groups = new HostMap<unknown, unknown[]>();
      const rec = GetIterator(realm, items, 'sync');
      for (let k = 0; ; k++) {
        if (k >= MAX_SAFE_INTEGER) IteratorCloseOnThrow(rec, realm.newError('TypeError', 'Too many elements passed to groupBy'));
        const next = IteratorStepValue(realm, rec);
        if (next === DONE) break;
        let key: unknown;
        try {
          key = ReflectApply(callback, undefined, [next, k]);
        } catch (e) {
          IteratorCloseOnThrow(rec, e);
        }
        const g = groups.get(key);
        if (g === undefined) groups.set(key, [next]);
        else g.push(next);
      }
      const map = new HostMap();
      ObjectSetPrototypeOf(map, MapPrototype);
      recordCollection(realm, map, 1);
      for (const [key, elements] of groups) ReflectApply(MapPrototypeSet, map, [key, CreateArrayFromList(realm, elements)]);
      return map;
    },
    // §24.1.2.3 get Map [ @@species ]
    species(this: unknown): unknown {
      return this;
    },
  };
  defineTable(realm, MapCtor, [
    method('groupBy', 2, statics.groupBy),
    accessor(Symbol.species, statics.species),
  ]);

  const proto = {
    // §24.1.3.1 Map.prototype.clear ( )
    clear(this: unknown): undefined {
      try { ReflectApply(MapPrototypeClear, this, []); } catch (e) { throw toRealmBrandError(realm, e, this); }
      return undefined;
    },
    // §24.1.3.3 Map.prototype.delete ( key )
    delete(this: unknown, key: unknown): boolean {
      try { return ReflectApply(MapPrototypeDelete, this, [key]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.1.3.4 Map.prototype.entries ( )
    entries(this: unknown): object {
      return CreateMapIterator(realm, this, 'key+value');
    },
    // §24.1.3.5 Map.prototype.forEach ( callbackfn [ , thisArg ] ): the host iterator is live as the
    // spec's index walk over [[MapData]] is; guest callbacks are called directly so their errors pass untouched.
    forEach(this: unknown, callbackfn: unknown, thisArg: unknown): undefined {
      thisMapSize(realm, this, 'forEach');
      if (typeof callbackfn !== 'function') realm.throwTypeError(`${describeTyped(callbackfn)} is not a function`);
      const it = ReflectApply(MapPrototypeEntries, this, []) as Iterator<[unknown, unknown]>;
      for (;;) {
        const r = ReflectApply(MapIteratorPrototypeNext, it, []) as IteratorResult<[unknown, unknown]>;
        if (r.done) return undefined;
        const entry = r.value;
        ReflectApply(callbackfn, thisArg, [entry[1], entry[0], this]);
      }
    },
    // §24.1.3.6 Map.prototype.get ( key )
    get(this: unknown, key: unknown): unknown {
      try { return ReflectApply(MapPrototypeGet, this, [key]); } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // Map.prototype.getOrInsert ( key, value ) (ES2026, upsert): the host Map canonicalises -0.
    getOrInsert(this: unknown, key: unknown, value: unknown): unknown {
      try {
        if (ReflectApply(MapPrototypeHas, this, [key])) return ReflectApply(MapPrototypeGet, this, [key]);
        ReflectApply(MapPrototypeSet, this, [key, value]);
        return value;
      } catch (e) {
        throw toRealmBrandError(realm, e, this);
      }
    },
    // Map.prototype.getOrInsertComputed ( key, callbackfn ) (ES2026, upsert)
    getOrInsertComputed(this: unknown, key: unknown, callbackfn: unknown): unknown {
      thisMapSize(realm, this, 'getOrInsertComputed');
      if (typeof callbackfn !== 'function') realm.throwTypeError(`${describeTyped(callbackfn)} is not a function`);
      const k = key === 0 ? 0 : key;
      if (ReflectApply(MapPrototypeHas, this, [k])) return ReflectApply(MapPrototypeGet, this, [k]);
      const value = ReflectApply(callbackfn, undefined, [k]);
      // The callback may have inserted k itself: set overwrites that entry in place, as the spec does.
      ReflectApply(MapPrototypeSet, this, [k, value]);
      return value;
    },
    // §24.1.3.7 Map.prototype.has ( key )
    has(this: unknown, key: unknown): boolean {
      try { return ReflectApply(MapPrototypeHas, this, [key]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.1.3.8 Map.prototype.keys ( )
    keys(this: unknown): object {
      return CreateMapIterator(realm, this, 'key');
    },
    // §24.1.3.9 Map.prototype.set ( key, value )
    set(this: unknown, key: unknown, value: unknown): unknown {
      try {
        if (agent.allocLimit !== Infinity) chargeEntry(MapPrototypeHas, this, key);
        return ReflectApply(MapPrototypeSet, this, [key, value]);
      } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.1.3.10 get Map.prototype.size
    size(this: unknown): number {
      try { return ReflectApply(MapPrototypeGetSize, this, []) as number; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.1.3.11 Map.prototype.values ( )
    values(this: unknown): object {
      return CreateMapIterator(realm, this, 'value');
    },
  };
  defineTable(realm, MapPrototype, [
    method('get', 1, proto.get),
    method('set', 2, proto.set),
    method('has', 1, proto.has),
    method('delete', 1, proto.delete),
    method('clear', 0, proto.clear),
    method('entries', 0, proto.entries),
    method('forEach', 1, proto.forEach),
    method('keys', 0, proto.keys),
    accessor('size', proto.size),
    method('values', 0, proto.values),
    method('getOrInsert', 2, proto.getOrInsert),
    method('getOrInsertComputed', 2, proto.getOrInsertComputed),
    value(Symbol.toStringTag, 'Map', { writable: false }),
  ]);
  // §24.1.3.12 Map.prototype [ @@iterator ] is the same function object as entries.
  Object.defineProperty(MapPrototype, Symbol.iterator, {
    value: (MapPrototype as { entries: unknown }).entries, writable: true, enumerable: false, configurable: true,
  });
}
