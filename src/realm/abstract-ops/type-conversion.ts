// ECMA-262 §7.1 Type Conversion (sec-type-conversion), over host values; wrappers carry the realm's
// prototypes and every error is the realm's, with V8's text.
import type { Realm } from '../realm.js';
import { GetMethod } from './object-operations.js';
import { isObject } from './testing-comparison.js';
import { HostObject, HostString, MathMin, MathTrunc, ObjectSetPrototypeOf, ReflectApply, SymbolToPrimitive } from '../primordials.js';

export const MAX_SAFE_INTEGER = 9007199254740991;

export type PrimitiveHint = 'default' | 'string' | 'number';

/** The realm's prototype for a primitive's wrapper (ToObject's [[Prototype]]). */
export function primitivePrototype(realm: Realm, v: unknown): object {
  switch (typeof v) {
    case 'string': return realm.intrinsics.StringPrototype;
    case 'number': return realm.intrinsics.NumberPrototype;
    case 'boolean': return realm.intrinsics.BooleanPrototype;
    case 'symbol': return realm.intrinsics.SymbolPrototype;
    case 'bigint': return realm.intrinsics.BigIntPrototype;
    default: return realm.throwTypeError('Cannot convert undefined or null to object');
  }
}

/** ToPrimitive (§7.1.1, sec-toprimitive). */
export function ToPrimitive(realm: Realm, input: unknown, hint: PrimitiveHint = 'default'): unknown {
  if (!isObject(input)) return input;
  const exoticToPrim = GetMethod(realm, input, SymbolToPrimitive);
  if (exoticToPrim !== undefined) {
    const result = ReflectApply(exoticToPrim, input, [hint]);
    if (!isObject(result)) return result;
    realm.throwTypeError('Cannot convert object to primitive value');
  }
  return OrdinaryToPrimitive(realm, input, hint === 'string' ? 'string' : 'number');
}

/** OrdinaryToPrimitive (§7.1.1.1, sec-ordinarytoprimitive). */
export function OrdinaryToPrimitive(realm: Realm, O: object, hint: 'string' | 'number'): unknown {
  const first = hint === 'string' ? 'toString' : 'valueOf';
  const second = hint === 'string' ? 'valueOf' : 'toString';
  let method = (O as Record<string, unknown>)[first];
  if (typeof method === 'function') {
    const result = ReflectApply(method, O, []);
    if (!isObject(result)) return result;
  }
  method = (O as Record<string, unknown>)[second];
  if (typeof method === 'function') {
    const result = ReflectApply(method, O, []);
    if (!isObject(result)) return result;
  }
  return realm.throwTypeError('Cannot convert object to primitive value');
}

/** ToBoolean (§7.1.2, sec-toboolean). */
export function ToBoolean(v: unknown): boolean {
  return !!v;
}

/** ToNumeric (§7.1.3, sec-tonumeric). */
export function ToNumeric(realm: Realm, v: unknown): number | bigint {
  if (typeof v === 'number') return v;
  const prim = ToPrimitive(realm, v, 'number');
  if (typeof prim === 'bigint') return prim;
  return ToNumber(realm, prim);
}

/** ToNumber (§7.1.4, sec-tonumber). StringToNumber is the host's unary plus, which is §7.1.4.1.1
 * (sec-stringtonumber) exactly. */
export function ToNumber(realm: Realm, v: unknown): number {
  switch (typeof v) {
    case 'number': return v;
    case 'string': return +v;
    case 'boolean': return v ? 1 : 0;
    case 'undefined': return NaN;
    case 'symbol': return realm.throwTypeError('Cannot convert a Symbol value to a number');
    case 'bigint': return realm.throwTypeError('Cannot convert a BigInt value to a number');
    default:
      if (v === null) return 0;
      return ToNumber(realm, ToPrimitive(realm, v, 'number'));
  }
}

/** ToIntegerOrInfinity (§7.1.5, sec-tointegerorinfinity). */
export function ToIntegerOrInfinity(realm: Realm, v: unknown): number {
  const n = typeof v === 'number' ? v : ToNumber(realm, v);
  if (n !== n || n === 0) return 0;
  if (n === Infinity || n === -Infinity) return n;
  const t = MathTrunc(n);
  return t === 0 ? 0 : t;
}

/** ToInt32 (§7.1.6, sec-toint32). */
export function ToInt32(realm: Realm, v: unknown): number {
  return (typeof v === 'number' ? v : ToNumber(realm, v)) | 0;
}

/** ToUint32 (§7.1.7, sec-touint32). */
export function ToUint32(realm: Realm, v: unknown): number {
  return (typeof v === 'number' ? v : ToNumber(realm, v)) >>> 0;
}

/** ToUint16 (§7.1.9, sec-touint16). */
export function ToUint16(realm: Realm, v: unknown): number {
  return (typeof v === 'number' ? v : ToNumber(realm, v)) & 0xffff;
}

/** ToString (§7.1.17, sec-tostring). */
export function ToString(realm: Realm, v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'symbol': return realm.throwTypeError('Cannot convert a Symbol value to a string');
    case 'object':
    case 'function':
      if (v === null) return 'null';
      return ToString(realm, ToPrimitive(realm, v, 'string'));
    default: return HostString(v);
  }
}

/** ToObject (§7.1.18, sec-toobject): primitive wrappers carry the realm's prototypes. */
export function ToObject(realm: Realm, v: unknown): object {
  switch (typeof v) {
    case 'object':
      if (v === null) break;
      return v;
    case 'function': return v;
    case 'undefined': break;
    default: {
      const o = HostObject(v) as object;
      if (!realm.isHost) ObjectSetPrototypeOf(o, primitivePrototype(realm, v));
      return o;
    }
  }
  return realm.throwTypeError('Cannot convert undefined or null to object');
}

/** ToPropertyKey (§7.1.19, sec-topropertykey). */
export function ToPropertyKey(realm: Realm, v: unknown): string | symbol {
  if (typeof v === 'string' || typeof v === 'symbol') return v;
  if (typeof v === 'number') return HostString(v);
  const key = ToPrimitive(realm, v, 'string');
  if (typeof key === 'symbol') return key;
  return ToString(realm, key);
}

/** ToLength (§7.1.20, sec-tolength). */
export function ToLength(realm: Realm, v: unknown): number {
  const len = ToIntegerOrInfinity(realm, v);
  if (len <= 0) return 0;
  return MathMin(len, MAX_SAFE_INTEGER);
}

/** CanonicalNumericIndexString (§7.1.21, sec-canonicalnumericindexstring). */
export function CanonicalNumericIndexString(s: string): number | undefined {
  if (s === '-0') return -0;
  const n = +s;
  return HostString(n) === s ? n : undefined;
}

/** ToIndex (§7.1.22, sec-toindex). `message` is V8's text for the caller (it differs per builtin). */
export function ToIndex(realm: Realm, v: unknown, message = 'Invalid index'): number {
  const integer = ToIntegerOrInfinity(realm, v);
  if (integer < 0 || integer > MAX_SAFE_INTEGER) realm.throwRangeError(message);
  return integer;
}
