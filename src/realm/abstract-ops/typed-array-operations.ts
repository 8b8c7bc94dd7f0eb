// TypedArray abstract operations (ECMA-262 §23.2.4, §10.4.5). A realm's typed arrays are host typed
// arrays with the realm's prototypes: the host keeps [[ViewedArrayBuffer]], [[ByteOffset]],
// [[ArrayLength]] and the integer-indexed exotic behaviour; these operations read them through the
// host's own getters (captured in primordials.ts), which brand-check and run no guest code.
import type { Realm } from '../realm.js';
import { describeValue } from '../describe.js';
import { adoptArrayBuffer } from './array-buffer-operations.js';
import {
  HostTypedArrayConstructors, ObjectGetPrototypeOf, ObjectSetPrototypeOf, ReflectApply, TypedArrayPrototypeAt,
  TypedArrayPrototypeGetBuffer, TypedArrayPrototypeGetLength, TypedArrayPrototypeGetSymbolToStringTag,
} from '../primordials.js';

/** A typed array's [[TypedArrayName]] ("Uint8Array"…), or undefined for anything else. */
export function typedArrayName(o: unknown): string | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  return ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, o, []) as string | undefined;
}

/** Whether `o` has [[TypedArrayName]]: %TypedArray%.prototype's @@toStringTag getter is the brand
 * check (it answers undefined for anything else and runs no guest code). */
export function isTypedArray(o: unknown): o is ArrayLike<unknown> & object {
  return typedArrayName(o) !== undefined;
}

/** TypedArrayLength (§10.4.5.14, sec-typedarraylength): 0 when out of bounds or detached. */
export function TypedArrayLength(ta: object): number {
  return ReflectApply(TypedArrayPrototypeGetLength, ta, []) as number;
}

/** IsTypedArrayOutOfBounds (§10.4.5.12, sec-istypedarrayoutofbounds), detached buffers included: the
 * host reports length 0 for such a view and its `at` (which reads nothing when the length is 0)
 * throws on it, while a live empty view answers undefined. */
export function IsTypedArrayOutOfBounds(ta: object): boolean {
  if (TypedArrayLength(ta) !== 0) return false;
  try { ReflectApply(TypedArrayPrototypeAt, ta, [0]); return false; } catch { return true; }
}

/** ValidateTypedArray (§23.2.4.4, sec-validatetypedarray): the [[TypedArrayName]] brand and the
 * out-of-bounds check, with V8's messages for `method`; returns the array's length. */
export function ValidateTypedArray(realm: Realm, O: unknown, method: string): number {
  if (!isTypedArray(O)) realm.throwTypeError(`this is not a typed array.`);
  const len = TypedArrayLength(O);
  if (len === 0 && IsTypedArrayOutOfBounds(O)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  return len;
}

/** TypedArrayElementSize (§23.2.4, sec-typedarrayelementsize): bytes per element of the named type (Table 71). */
export function TypedArrayElementSize(name: string): number {
  return (HostTypedArrayConstructors[name] as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
}

/** Whether the named type's [[ContentType]] is bigint. */
export function isBigIntContentType(name: string): boolean {
  return name === 'BigInt64Array' || name === 'BigUint64Array';
}

/** The host's %TypedArray.prototype% per type name (Uint8Array.prototype…), to recognise what it made. */
const hostPrototypes = new Map<object, string>();
for (const name of Object.keys(HostTypedArrayConstructors)) {
  hostPrototypes.set((HostTypedArrayConstructors[name] as { prototype: object }).prototype, name);
}

/** Gives a typed array the host made on the realm's behalf (TypedArrayCreateSameType, a species
 * default) the realm's prototype for its type, and a fresh buffer the realm's %ArrayBuffer.prototype%;
 * its buffer is materialised now so that it is made with the host's prototype only here. */
export function adoptTypedArray<T extends object>(realm: Realm, ta: T): T {
  if (realm.isHost) return ta;
  const name = hostPrototypes.get(ObjectGetPrototypeOf(ta) as object);
  if (name !== undefined) {
    ObjectSetPrototypeOf(ta, realm.intrinsics[`${name}Prototype`] as object);
    adoptArrayBuffer(realm, ReflectApply(TypedArrayPrototypeGetBuffer, ta, []) as object);
  }
  return ta;
}

/** V8's "not a typed array" text for a value in a message. */
export function notATypedArray(realm: Realm, v: unknown): never {
  return realm.throwTypeError(`${describeValue(v)} is not a typed array`);
}
