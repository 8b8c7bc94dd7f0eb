// %WeakRef% and %WeakRef.prototype% (ECMA-262 §26.1). A realm's WeakRef is a host WeakRef whose
// [[Prototype]] is the realm's %WeakRef.prototype%: the host keeps [[WeakRefTarget]] and the
// KeptObjects list (AddToKeptObjects, ClearKeptObjects at the end of its jobs), and `deref` delegates.
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import { GetPrototypeFromConstructor } from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import { HostWeakRef, ObjectSetPrototypeOf, ReflectApply, WeakRefPrototypeDeref } from '../primordials.js';

/** CanBeHeldWeakly (§9.13, sec-canbeheldweakly): an object, or a symbol not in the global registry. */
export function CanBeHeldWeakly(v: unknown): boolean {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') return true;
  return typeof v === 'symbol' && Symbol.keyFor(v) === undefined;
}

export function installWeakRef(realm: Realm): void {
  const I = realm.intrinsics;
  const WeakRefPrototype = Object.create(I.ObjectPrototype) as object;
  I.WeakRefPrototype = WeakRefPrototype;

  // §26.1.1.1 WeakRef ( target )
  const WeakRefCtor = createBuiltinConstructor(realm, function WeakRef(this: unknown, target: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor WeakRef requires 'new'");
    if (!CanBeHeldWeakly(target)) realm.throwTypeError('WeakRef: invalid target');
    const proto = GetPrototypeFromConstructor(realm, new.target, 'WeakRefPrototype');
    const ref = new HostWeakRef(target as object);
    ObjectSetPrototypeOf(ref, proto);
    return ref;
  }, 'WeakRef', 1, WeakRefPrototype);
  I.WeakRef = WeakRefCtor;

  const proto = {
    // §26.1.3.2 WeakRef.prototype.deref ( )
    deref(this: unknown): unknown {
      try { return ReflectApply(WeakRefPrototypeDeref, this, []); } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
  };
  defineTable(realm, WeakRefPrototype, [
    method('deref', 0, proto.deref),
    value(Symbol.toStringTag, 'WeakRef', { writable: false }),
  ]);
}
