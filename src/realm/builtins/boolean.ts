// %Boolean% and %Boolean.prototype% (ECMA-262 §20.3).
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method } from '../builtin.js';
import { GetPrototypeFromConstructor } from '../abstract-ops.js';
import { BooleanPrototypeValueOf, HostObject, ObjectSetPrototypeOf, ReflectApply } from '../primordials.js';

/** ThisBooleanValue (§20.3.3.3.1); the host's valueOf is a side-effect-free [[BooleanData]] check. */
function thisBooleanValue(realm: Realm, v: unknown, methodName: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'object' && v !== null) {
    try {
      return ReflectApply(BooleanPrototypeValueOf, v, []) as boolean;
    } catch {
      // not a Boolean wrapper: fall through to the realm's TypeError
    }
  }
  return realm.throwTypeError(`${methodName} requires that 'this' be a Boolean`);
}

export function installBoolean(realm: Realm): void {
  const I = realm.intrinsics;
  // %Boolean.prototype% is itself a Boolean object whose [[BooleanData]] is false (§20.3.3).
  const BooleanPrototype = HostObject(false) as object;
  ObjectSetPrototypeOf(BooleanPrototype, I.ObjectPrototype);
  I.BooleanPrototype = BooleanPrototype;

  // §20.3.1.1 Boolean ( value )
  const BooleanCtor = createBuiltinConstructor(realm, function Boolean(this: unknown, value: unknown): boolean | object {
    const b = !!value;
    if (new.target === undefined) return b;
    const O = HostObject(b) as object;
    ObjectSetPrototypeOf(O, GetPrototypeFromConstructor(realm, new.target, 'BooleanPrototype'));
    return O;
  }, 'Boolean', 1, BooleanPrototype);
  I.Boolean = BooleanCtor;

  const proto = {
    toString(this: unknown): string {
      return thisBooleanValue(realm, this, 'Boolean.prototype.toString') ? 'true' : 'false';
    },
    valueOf(this: unknown): boolean {
      return thisBooleanValue(realm, this, 'Boolean.prototype.valueOf');
    },
  };
  defineTable(realm, BooleanPrototype, [
    method('toString', 0, proto.toString),
    method('valueOf', 0, proto.valueOf),
  ]);
}
