// ECMA-262 §7.2 Testing and Comparison Operations (sec-testing-and-comparison-operations).
import type { Realm } from '../realm.js';
import { toRealmError } from '../host-errors.js';
import { ArrayIsArray, NumberIsInteger, ObjectIs, ReflectConstruct } from '../primordials.js';

export function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** RequireObjectCoercible (§7.2.1, sec-requireobjectcoercible). With `methodName`, V8's "X called on null or undefined". */
export function RequireObjectCoercible<T>(realm: Realm, v: T, methodName?: string): T {
  if (v === undefined || v === null) {
    realm.throwTypeError(methodName === undefined ? 'Cannot convert undefined or null to object' : `${methodName} called on null or undefined`);
  }
  return v;
}

/** IsArray (§7.2.2, sec-isarray): sees through proxies; a revoked proxy throws the realm's TypeError. */
export function IsArray(realm: Realm, v: unknown): boolean {
  try {
    return ArrayIsArray(v);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}

/** IsCallable (§7.2.3, sec-iscallable). */
export function IsCallable(v: unknown): v is Function {
  return typeof v === 'function';
}

// A constructor-trapping proxy never reads its newTarget, so Reflect.construct through it
// answers "is newTarget a constructor" without running guest code (proxies included).
const probeResult = {};
const constructProbe: Function = new Proxy(function () {}, { construct(): object { return probeResult; } });
const constructorCache = new WeakMap<Function, boolean>();

/** IsConstructor (§7.2.4, sec-isconstructor): does the host function have [[Construct]]. */
export function IsConstructor(v: unknown): v is Function {
  if (typeof v !== 'function') return false;
  const cached = constructorCache.get(v);
  if (cached !== undefined) return cached;
  let result = true;
  try {
    ReflectConstruct(constructProbe, [], v);
  } catch {
    result = false;
  }
  constructorCache.set(v, result);
  return result;
}

/** IsExtensible (§7.2.5, sec-isextensible-o) — the host's, which runs proxy traps as the spec says. */
export const IsExtensible: (o: object) => boolean = Reflect.isExtensible;

/** IsIntegralNumber (§7.2.6 of earlier editions; the current spec no longer has this operation). */
export function IsIntegralNumber(v: unknown): boolean {
  return NumberIsInteger(v);
}

/** SameValue (§7.2.9, sec-samevalue). */
export function SameValue(x: unknown, y: unknown): boolean {
  return ObjectIs(x, y);
}

/** SameValueZero (§7.2.10, sec-samevaluezero). */
export function SameValueZero(x: unknown, y: unknown): boolean {
  return x === y || (x !== x && y !== y);
}
