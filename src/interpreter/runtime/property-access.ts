// Property references at run time (§6.2.5.5 GetValue, §6.2.5.6 PutValue) where the closures' own
// inline forms stop: primitive bases through the realm's prototypes, sloppy and strict [[Set]] with
// V8's messages for a failed one.
import type { Realm } from '../../realm/realm.js';
import { ToPropertyKey, primitivePrototype } from '../../realm/abstract-ops/type-conversion.js';
import { describeValue } from '../../realm/describe.js';
import { ArrayIsArray } from '../../realm/primordials.js';
import { GetV } from '../../realm/abstract-ops/object-operations.js';
import type { Frame } from './frame.js';
import { agent } from '../../realm/agent.js';
import { chargeIndexedStore } from '../../realm/allocation.js';

const { getPrototypeOf, getOwnPropertyDescriptor, defineProperty } = Object;
const ReflectGet = Reflect.get;
const ReflectSet = Reflect.set;
const HostTypeError = TypeError;

/** PutValue's [[Set]] for sloppy code: a failed set is silently ignored. A host function compiled in
 * sloppy mode does exactly that with an ordinary assignment, ~4× faster than `Reflect.set` in V8;
 * where the host forbids code generation from strings (CSP), `Reflect.set` stands in. */
export const sloppyPut: (o: object, k: PropertyKey, v: unknown) => void = (() => {
  try {
    return new Function('o', 'k', 'v', 'o[k] = v;') as (o: object, k: PropertyKey, v: unknown) => void;
  } catch {
    return (o: object, k: PropertyKey, v: unknown) => { ReflectSet(o, k, v); };
  }
})();

/** GetValue of a property reference whose base is not an object (§6.2.5.5 step 3). The key is
 * converted only after the base is known to be coercible (EvaluatePropertyAccessWithExpressionKey
 * leaves ToPropertyKey to GetValue), so a failed read never runs the key's toString. */
export function getOnPrimitive(realm: Realm, base: unknown, key: unknown): unknown {
  if (base === undefined || base === null) realm.throwTypeError(failedReadMessage(base, key));
  return GetV(realm, base, typeof key === 'object' || typeof key === 'function' ? ToPropertyKey(realm, key) : key as PropertyKey);
}

/** getOnPrimitive, recording where a read of null/undefined failed (the property, as V8 reports it). */
export function getOnPrimitiveAt(f: Frame, base: unknown, key: unknown, pos: number): unknown {
  if (base === undefined || base === null) f.pos = pos;
  return getOnPrimitive(f.realm, base, key);
}

/** PutValue to a property (§6.2.5.6) in sloppy code: a failed [[Set]] is ignored, and a primitive base
 * reaches setters through the realm's prototypes. */
export function putSloppy(realm: Realm, base: unknown, key: unknown, value: unknown): void {
  if ((typeof base === 'object' && base !== null) || typeof base === 'function') {
    sloppyPut(base as object, key as PropertyKey, value);
    return;
  }
  putOnPrimitive(realm, base, key, value, false);
}

/** PutValue to a property in strict code. A failed set throws the host's TypeError (V8's message is
 * node's); guest `catch` and the run boundary bring it into the realm (catchValue, toRealmError). */
export function putStrict(realm: Realm, base: unknown, key: unknown, value: unknown): void {
  if ((typeof base === 'object' && base !== null) || typeof base === 'function') {
    try {
      (base as Record<PropertyKey, unknown>)[key as PropertyKey] = value;
    } catch (e) {
      rethrowFailedSet(realm, base as object, key as PropertyKey, e);
    }
    return;
  }
  putOnPrimitive(realm, base, key, value, true);
}

/** What a strict [[Set]] on an object threw, as V8 words it: it words a failed set on a realm object
 * with '[object Object]', node names the constructor. */
export function rethrowFailedSet(realm: Realm, base: object, key: PropertyKey, e: unknown): never {
  if (e instanceof HostTypeError && !realm.isHost) {
    const message = failedSetMessage(base, key);
    if (message !== undefined) realm.throwTypeError(message);
  }
  throw e;
}


function putOnPrimitive(realm: Realm, base: unknown, key: unknown, value: unknown, strict: boolean): void {
  if (base === undefined || base === null) {
    realm.throwTypeError(`Cannot set properties of ${base} (setting '${describeValue(key)}')`);
  }
  const k = ToPropertyKey(realm, key);
  const proto = realm.isHost ? getPrototypeOf(Object(base)) : primitivePrototype(realm, base);
  // OrdinarySet with a primitive receiver: only a setter found on the prototype chain can act.
  let o: object | null = proto;
  while (o !== null) {
    const d = getOwnPropertyDescriptor(o, k);
    if (d) {
      if (d.set) { Reflect.apply(d.set, base, [value]); return; }
      break;
    }
    o = getPrototypeOf(o);
  }
  if (strict) realm.throwTypeError(`Cannot create property '${describeValue(k)}' on ${typeof base} '${String(base)}'`);
}

/** Why [[Set]] of `key` on `base` failed without calling a setter, in node's words: a read-only data
 * property or a getter-only accessor on the chain, or none and `base` not extensible; undefined if it
 * did not fail that way (a setter threw). One walk of the chain. */
function failedSetMessage(base: object, key: PropertyKey): string | undefined {
  const k = describeValue(key);
  // A deferred module namespace (import-defer) must not be asked for its properties: that evaluates it.
  if (isNamespaceLike(base, 'Deferred Module')) return `Cannot assign to property '${k}' of a deferred module namespace`;
  for (let o: object | null = base; o !== null; o = getPrototypeOf(o)) {
    const d = getOwnPropertyDescriptor(o, key);
    if (d === undefined) continue;
    if (!('value' in d)) return d.set === undefined ? `Cannot set property ${k} of ${objectLabel(base)} which has only a getter` : undefined;
    // A module namespace's exports read as writable but refuse every [[Set]] (§10.4.6.9); V8 says read only.
    if (o === base && d.writable === true && isNamespaceLike(base)) return `Cannot assign to read only property '${k}' of object '[object Module]'`;
    return d.writable === false ? `Cannot assign to read only property '${k}' of ${typeof base === 'function' ? 'function' : 'object'} '${objectLabel(base)}'` : undefined;
  }
  return Object.isExtensible(base) ? undefined : `Cannot add property ${k}, object is not extensible`;
}

/** A module namespace exotic object as V8 tells one: null prototype, not extensible, tagged "Module". */
function isNamespaceLike(o: object, tag = 'Module'): boolean {
  return getPrototypeOf(o) === null && !Object.isExtensible(o) && (o as Record<symbol, unknown>)[Symbol.toStringTag] === tag;
}

function objectLabel(o: object): string {
  if (Array.isArray(o)) return '[object Array]';
  if (typeof o === 'function') return String((o as Function).name);
  const ctor = (getPrototypeOf(o) as { constructor?: unknown } | null)?.constructor;
  const name = typeof ctor === 'function' ? (ctor as Function).name : '';
  return `#<${typeof name === 'string' && name !== '' ? name : 'Object'}>`;
}

/** V8's words for reading a property of null or undefined: with the key, except an array key, which
 * V8 leaves out (it renders arrays as nothing there). */
export function failedReadMessage(base: null | undefined, key: unknown): string {
  if (ArrayIsArray(key)) return `Cannot read properties of ${base}`;
  return `Cannot read properties of ${base} (reading '${describeValue(key)}')`;
}

/** `o[k] = v` (PutValue of a computed member Reference, §6.2.5.6) once the base, key and value are
 * evaluated: the base checked, the key converted, an element store charged while a budget is set. */
export function putComputedMember(f: Frame, o: unknown, k: unknown, v: unknown, strict: boolean): unknown {
  if (o === null || o === undefined) f.realm.throwTypeError(`Cannot set properties of ${o} (setting '${describeValue(k)}')`);
  const pk = typeof k === 'number' || typeof k === 'string' || typeof k === 'symbol' ? k : ToPropertyKey(f.realm, k);
  if (typeof o === 'object') {
    // An element store may grow the object: counted while a budget is set (src/realm/allocation.ts).
    if (typeof pk === 'number' && agent.allocLimit !== Infinity) chargeIndexedStore(o as object, pk);
    if (strict) putStrict(f.realm, o, pk, v); else sloppyPut(o as object, pk, v);
  } else if (strict) putStrict(f.realm, o, pk, v); else putSloppy(f.realm, o, pk, v);
  return v;
}
