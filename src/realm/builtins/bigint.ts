// %BigInt% and %BigInt.prototype% (ECMA-262 §21.2).
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, m, value } from '../builtin.js';
import { toRealmError } from '../host-errors.js';
import { IsIntegralNumber, ToIndex, ToIntegerOrInfinity, ToPrimitive, describeValue, setFunctionRealm } from '../abstract-ops.js';
import {
  BigIntAsIntN, BigIntAsUintN, BigIntPrototypeToLocaleString, BigIntPrototypeToString, BigIntPrototypeValueOf,
  HostBigInt, ObjectCreate, ObjectDefineProperty, ReflectApply,
} from '../primordials.js';

/** ToBigInt (§7.1.13). StringToBigInt is the host's BigInt on a string. */
export function ToBigInt(realm: Realm, argument: unknown): bigint {
  const prim = ToPrimitive(realm, argument, 'number');
  switch (typeof prim) {
    case 'bigint': return prim;
    case 'boolean': return prim ? 1n : 0n;
    case 'string':
      try {
        return HostBigInt(prim);
      } catch {
        return realm.throwSyntaxError(`Cannot convert ${prim} to a BigInt`);
      }
    default:
      return realm.throwTypeError(`Cannot convert ${describeValue(prim)} to a BigInt`);
  }
}

/** NumberToBigInt (§21.2.1.1.1) */
function numberToBigInt(realm: Realm, n: number): bigint {
  if (!IsIntegralNumber(n)) realm.throwRangeError(`The number ${describeValue(n)} cannot be converted to a BigInt because it is not an integer`);
  return HostBigInt(n);
}

/** thisBigIntValue (§21.2.3.4.1) */
function thisBigIntValue(realm: Realm, v: unknown, name: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'object' && v !== null) {
    // The host's valueOf reads [[BigIntData]] without running guest code, and throws without it.
    try { return ReflectApply(BigIntPrototypeValueOf, v, []) as bigint; } catch { /* not a BigInt wrapper */ }
  }
  return realm.throwTypeError(`BigInt.prototype.${name} requires that 'this' be a BigInt`);
}

/** Creates %BigInt% and %BigInt.prototype% for `realm`; defines `BigInt` on its global object. */
export function installBigInt(realm: Realm): void {
  const proto = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;
  // A constructor ([[Construct]] exists, so `class extends BigInt` works) that refuses `new` (§21.2.1.1).
  const BigIntCtor = function BigInt(this: unknown, value: unknown): unknown {
    try {
      if (new.target !== undefined) realm.throwTypeError('BigInt is not a constructor');
      const prim = ToPrimitive(realm, value, 'number');
      if (typeof prim === 'number') return numberToBigInt(realm, prim);
      return ToBigInt(realm, prim);
    } catch (e) {
      throw toRealmError(realm, e);
    }
  };
  createBuiltinConstructor(realm, BigIntCtor, 'BigInt', 1, proto);
  setFunctionRealm(BigIntCtor, realm);
  realm.intrinsics.BigInt = BigIntCtor;
  realm.intrinsics.BigIntPrototype = proto;

  const bitsMessage = 'Invalid value: not (convertible to) a safe integer';
  defineTable(realm, BigIntCtor, [
    m(realm, 'asIntN', 2, (r, _t, a) => {
      const bits = ToIndex(r, a[0], bitsMessage);
      return BigIntAsIntN(bits, ToBigInt(r, a[1]));
    }),
    m(realm, 'asUintN', 2, (r, _t, a) => {
      const bits = ToIndex(r, a[0], bitsMessage);
      return BigIntAsUintN(bits, ToBigInt(r, a[1]));
    }),
  ]);

  defineTable(realm, proto, [
    m(realm, 'toLocaleString', 0, (r, t, a) => ReflectApply(BigIntPrototypeToLocaleString, thisBigIntValue(r, t, 'toLocaleString'), a)),
    m(realm, 'toString', 0, (r, t, a) => {
      const x = thisBigIntValue(r, t, 'toString');
      const radix = a[0];
      const radixMV = radix === undefined ? 10 : ToIntegerOrInfinity(r, radix);
      if (radixMV < 2 || radixMV > 36) r.throwRangeError('toString() radix must be between 2 and 36');
      return ReflectApply(BigIntPrototypeToString, x, [radixMV]);
    }),
    m(realm, 'valueOf', 0, (r, t) => thisBigIntValue(r, t, 'valueOf')),
    value(Symbol.toStringTag, 'BigInt', { writable: false }),
  ]);

  ObjectDefineProperty(realm.globalObject, 'BigInt', { value: BigIntCtor, writable: true, enumerable: false, configurable: true });
}
