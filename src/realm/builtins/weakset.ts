// %WeakSet% and %WeakSet.prototype% (ECMA-262 §24.4). A realm's WeakSet is a host WeakSet whose
// [[Prototype]] is the realm's %WeakSet.prototype%; the host keeps [[WeakSetData]] and the methods
// delegate to the host's.
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import { GetPrototypeFromConstructor } from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import { adderNotCallable } from './map.js';
import { AddValuesFromIterable } from './set.js';
import {
  HostWeakSet, ObjectSetPrototypeOf, ReflectApply, WeakSetPrototypeAdd, WeakSetPrototypeDelete, WeakSetPrototypeHas,
} from '../primordials.js';

export function installWeakSet(realm: Realm): void {
  const I = realm.intrinsics;
  const WeakSetPrototype = Object.create(I.ObjectPrototype) as object;
  I.WeakSetPrototype = WeakSetPrototype;

  // §24.4.1.1 WeakSet ( [ iterable ] )
  const WeakSetCtor = createBuiltinConstructor(realm, function WeakSet(this: unknown, iterable: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor WeakSet requires 'new'");
    const set = new HostWeakSet();
    ObjectSetPrototypeOf(set, GetPrototypeFromConstructor(realm, new.target, 'WeakSetPrototype'));
    if (iterable === undefined || iterable === null) return set;
    const adder = (set as unknown as { add: unknown }).add;
    if (typeof adder !== 'function') adderNotCallable(realm, adder, 'add', 'WeakSet');
    return AddValuesFromIterable(realm, set, iterable, adder);
  }, 'WeakSet', 0, WeakSetPrototype);
  I.WeakSet = WeakSetCtor;

  // The host methods run no guest code: anything they throw is a brand or value check, brought into the realm.
  const proto = {
    // §24.4.3.1 WeakSet.prototype.add ( value )
    add(this: unknown, value: unknown): unknown {
      try { return ReflectApply(WeakSetPrototypeAdd, this, [value]); } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.4.3.3 WeakSet.prototype.delete ( value )
    delete(this: unknown, value: unknown): boolean {
      try { return ReflectApply(WeakSetPrototypeDelete, this, [value]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
    // §24.4.3.4 WeakSet.prototype.has ( value )
    has(this: unknown, value: unknown): boolean {
      try { return ReflectApply(WeakSetPrototypeHas, this, [value]) as boolean; } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
  };
  defineTable(realm, WeakSetPrototype, [
    method('add', 1, proto.add),
    method('delete', 1, proto.delete),
    method('has', 1, proto.has),
    value(Symbol.toStringTag, 'WeakSet', { writable: false }),
  ]);
}
