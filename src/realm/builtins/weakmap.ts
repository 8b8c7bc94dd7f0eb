// %WeakMap% and %WeakMap.prototype% (ECMA-262 §24.3). A realm's WeakMap is a host WeakMap whose
// [[Prototype]] is the realm's %WeakMap.prototype%; the host keeps [[WeakMapData]] (weakly, with
// CanBeHeldWeakly: objects and non-registered symbols) and the methods delegate to the host's.
import { recordWeakMapKey } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import { GetPrototypeFromConstructor, describeTyped, isObject } from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import { AddEntriesFromIterable, adderNotCallable } from './map.js';
import {
  HostWeakMap, ObjectSetPrototypeOf, ReflectApply, SymbolKeyFor, WeakMapPrototypeDelete, WeakMapPrototypeGet,
  WeakMapPrototypeHas, WeakMapPrototypeSet,
} from '../primordials.js';

/** CanBeHeldWeakly (§9.13): objects, and symbols not in the Symbol.for registry. */
function CanBeHeldWeakly(v: unknown): boolean {
  return isObject(v) || (typeof v === 'symbol' && SymbolKeyFor(v) === undefined);
}

export function installWeakMap(realm: Realm): void {
  const I = realm.intrinsics;
  const WeakMapPrototype = Object.create(I.ObjectPrototype) as object;
  I.WeakMapPrototype = WeakMapPrototype;

  // §24.3.1.1 WeakMap ( [ iterable ] )
  const WeakMapCtor = createBuiltinConstructor(realm, function WeakMap(this: unknown, iterable: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor WeakMap requires 'new'");
    const map = new HostWeakMap();
    ObjectSetPrototypeOf(map, GetPrototypeFromConstructor(realm, new.target, 'WeakMapPrototype'));
    if (iterable === undefined || iterable === null) return map;
    const adder = (map as unknown as { set: unknown }).set;
    if (typeof adder !== 'function') adderNotCallable(realm, adder, 'set', 'WeakMap');
    return AddEntriesFromIterable(realm, map, iterable, adder);
  }, 'WeakMap', 0, WeakMapPrototype);
  I.WeakMap = WeakMapCtor;

  // The host methods run no guest code: anything they throw is a brand or key check, brought into the realm.
  const proto = {
    // §24.3.3.2 WeakMap.prototype.delete ( key )
    delete(this: unknown, key: unknown): boolean {
      try { return ReflectApply(WeakMapPrototypeDelete, this, [key]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.3.3.3 WeakMap.prototype.get ( key )
    get(this: unknown, key: unknown): unknown {
      try { return ReflectApply(WeakMapPrototypeGet, this, [key]); } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // WeakMap.prototype.getOrInsert ( key, value ) (ES2026, upsert): host set rejects a key that
    // cannot be held weakly.
    getOrInsert(this: unknown, key: unknown, value: unknown): unknown {
      try {
        if (ReflectApply(WeakMapPrototypeHas, this, [key])) return ReflectApply(WeakMapPrototypeGet, this, [key]);
        ReflectApply(WeakMapPrototypeSet, this, [key, value]);
        recordWeakMapKey(realm, this as object, key);
        return value;
      } catch (e) {
        throw toRealmBrandError(realm, e, this);
      }
    },
    // WeakMap.prototype.getOrInsertComputed ( key, callbackfn ) (ES2026, upsert)
    getOrInsertComputed(this: unknown, key: unknown, callbackfn: unknown): unknown {
      try { ReflectApply(WeakMapPrototypeHas, this, [key]); } catch (e) { throw toRealmBrandError(realm, e, this); }
      if (typeof callbackfn !== 'function') realm.throwTypeError(`${describeTyped(callbackfn)} is not a function`);
      if (!CanBeHeldWeakly(key)) realm.throwTypeError('Invalid value used as weak map key');
      if (ReflectApply(WeakMapPrototypeHas, this, [key])) return ReflectApply(WeakMapPrototypeGet, this, [key]);
      const value = ReflectApply(callbackfn, undefined, [key]);
      ReflectApply(WeakMapPrototypeSet, this, [key, value]);
      recordWeakMapKey(realm, this as object, key);
      return value;
    },
    // §24.3.3.4 WeakMap.prototype.has ( key )
    has(this: unknown, key: unknown): boolean {
      try { return ReflectApply(WeakMapPrototypeHas, this, [key]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.3.3.5 WeakMap.prototype.set ( key, value )
    set(this: unknown, key: unknown, value: unknown): unknown {
      let r: unknown;
      try { r = ReflectApply(WeakMapPrototypeSet, this, [key, value]); } catch (e) { throw toRealmBrandError(realm, e, this); }
      recordWeakMapKey(realm, this as object, key);
      return r;
    },
  };
  defineTable(realm, WeakMapPrototype, [
    method('delete', 1, proto.delete),
    method('get', 1, proto.get),
    method('set', 2, proto.set),
    method('has', 1, proto.has),
    method('getOrInsert', 2, proto.getOrInsert),
    method('getOrInsertComputed', 2, proto.getOrInsertComputed),
    value(Symbol.toStringTag, 'WeakMap', { writable: false }),
  ]);
}
