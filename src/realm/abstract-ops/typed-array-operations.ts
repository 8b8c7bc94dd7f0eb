// TypedArray abstract operations (ECMA-262 §23.2.4, §10.4.5). A realm's typed arrays are host typed
// arrays with the realm's prototypes: the host keeps [[ViewedArrayBuffer]], [[ByteOffset]],
// [[ArrayLength]] and the integer-indexed exotic behaviour; these operations read them through the
// host's own getters (captured in primordials.ts), which brand-check and run no guest code.
import type { Realm } from '../realm.js';
import { SpeciesConstructor } from './object-operations.js';
import {
  HostTypedArrayConstructors, NumberIsInteger, ReflectApply, ReflectConstruct,
  TypedArrayPrototypeAt, TypedArrayPrototypeGetByteOffset, TypedArrayPrototypeGetLength,
  TypedArrayPrototypeGetSymbolToStringTag,
  HostSharedArrayBufferPrototypeDescriptors, TypedArrayPrototypeGetBuffer,
} from '../primordials.js';
import { IsImmutableBuffer, immutableViewTarget, typedArraySlots } from './immutable-array-buffer.js';

/** A typed array's [[TypedArrayName]] ("Uint8Array"…), or undefined for anything else (an immutable
 * view is asked of only once the host has said no). */
export function typedArrayName(o: unknown): string | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const name = ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, o, []) as string | undefined;
  if (name !== undefined) return name;
  const target = immutableViewTarget(o);
  return target === undefined ? undefined : ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, target, []) as string;
}

/** Whether `o` has [[TypedArrayName]]: %TypedArray%.prototype's @@toStringTag getter is the brand
 * check (it answers undefined for anything else and runs no guest code). */
export function isTypedArray(o: unknown): o is ArrayLike<unknown> & object {
  return typedArrayName(o) !== undefined;
}

/** TypedArrayLength (§10.4.5.14, sec-typedarraylength): 0 when out of bounds or detached. */
export function TypedArrayLength(ta: object): number {
  // The host's getter refuses an immutable view (a Proxy): only then is its target looked up.
  try { return ReflectApply(TypedArrayPrototypeGetLength, ta, []) as number; } catch { return ReflectApply(TypedArrayPrototypeGetLength, typedArraySlots(ta), []) as number; }
}

/** IsTypedArrayOutOfBounds (§10.4.5.12, sec-istypedarrayoutofbounds), detached buffers included: the
 * host reports length 0 for such a view and its `at` (which reads nothing when the length is 0)
 * throws on it, while a live empty view answers undefined. */
export function IsTypedArrayOutOfBounds(ta: object): boolean {
  if (TypedArrayLength(ta) !== 0) return false;
  try { ReflectApply(TypedArrayPrototypeAt, typedArraySlots(ta), [0]); return false; } catch { return true; }
}

/** ValidateTypedArray (§23.2.4.4, sec-validatetypedarray): the [[TypedArrayName]] brand, for a `write`
 * use the immutable-buffer check (the immutable-arraybuffer proposal), and the out-of-bounds check,
 * with V8's messages for `method`; returns the array's length. */
export function ValidateTypedArray(realm: Realm, O: unknown, method: string, use: 'read' | 'write' = 'read'): number {
  if (!isTypedArray(O)) realm.throwTypeError(`this is not a typed array.`);
  if (use === 'write' && IsImmutableBuffer(viewedArrayBuffer(O))) realm.throwTypeError(`Cannot perform ${method} on an immutable ArrayBuffer`);
  const len = TypedArrayLength(O);
  if (len === 0 && IsTypedArrayOutOfBounds(O)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  return len;
}

/** O.[[ViewedArrayBuffer]], read through the host's getter (an immutable view's included). */
export function viewedArrayBuffer(ta: object): ArrayBuffer {
  try { return ReflectApply(TypedArrayPrototypeGetBuffer, ta, []) as ArrayBuffer; } catch { return ReflectApply(TypedArrayPrototypeGetBuffer, typedArraySlots(ta), []) as ArrayBuffer; }
}

/** TypedArrayElementSize (§23.2.4, sec-typedarrayelementsize): bytes per element of the named type (Table 71). */
export function TypedArrayElementSize(name: string): number {
  return (HostTypedArrayConstructors[name] as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
}

/** Whether the named type's [[ContentType]] is bigint. */
export function isBigIntContentType(name: string): boolean {
  return name === 'BigInt64Array' || name === 'BigUint64Array';
}

/** What the host does not tell about a view on a resizable buffer: its [[ByteOffset]] (the host
 * reports 0 once the view is out of bounds) and whether its [[ArrayLength]] is auto (length-tracking).
 * Recorded by the realm's constructors; a view not recorded is on a fixed-length buffer. */
interface ResizableViewRecord { readonly byteOffset: number; readonly lengthTracking: boolean }
const resizableViews = new WeakMap<object, ResizableViewRecord>();

export function recordResizableView(ta: object, lengthTracking: boolean): void {
  resizableViews.set(ta, { byteOffset: ReflectApply(TypedArrayPrototypeGetByteOffset, typedArraySlots(ta), []) as number, lengthTracking });
}

/** O.[[ByteOffset]], also when the view is out of bounds. */
export function typedArrayByteOffset(ta: object): number {
  const rec = resizableViews.get(ta);
  if (rec !== undefined) return rec.byteOffset;
  try { return ReflectApply(TypedArrayPrototypeGetByteOffset, ta, []) as number; } catch { return ReflectApply(TypedArrayPrototypeGetByteOffset, typedArraySlots(ta), []) as number; }
}

/** Whether O.[[ArrayLength]] is auto. */
export function isLengthTrackingView(ta: object): boolean {
  return resizableViews.get(ta)?.lengthTracking ?? false;
}

/** TypedArrayCreateFromConstructor (§23.2.4.2, sec-typedarraycreatefromconstructor), with the
 * proposal's accessMode (a result the caller writes into may not view an immutable buffer). */
export function TypedArrayCreateFromConstructor(realm: Realm, constructor: Function, argumentList: readonly unknown[], use: 'read' | 'write' = 'read'): object {
  const newTypedArray = ReflectConstruct(constructor, argumentList as unknown[]) as object;
  const len = ValidateTypedArray(realm, newTypedArray, 'Construct', use);
  if (argumentList.length === 1 && typeof argumentList[0] === 'number' && len < argumentList[0]) {
    realm.throwTypeError(`Derived TypedArray constructor created an array which was too small`);
  }
  return newTypedArray;
}

/** TypedArraySpeciesCreate (§23.2.4.1, sec-typedarray-species-create). */
export function TypedArraySpeciesCreate(realm: Realm, exemplar: object, argumentList: readonly unknown[], use: 'read' | 'write' = 'read'): object {
  const name = typedArrayName(exemplar)!;
  const defaultConstructor = realm.intrinsics[name] as Function;
  const constructor = SpeciesConstructor(realm, exemplar, defaultConstructor);
  const result = TypedArrayCreateFromConstructor(realm, constructor, argumentList, use);
  if (isBigIntContentType(typedArrayName(result)!) !== isBigIntContentType(name)) realm.throwTypeError('Content type of the species constructor does not match');
  return result;
}

/** TypedArrayCreateSameType (§23.2.4.3, sec-typedarray-create-same-type): a new array of the
 * exemplar's type, made with the realm's constructor. */
export function TypedArrayCreateSameType(realm: Realm, exemplar: object, length: number): object {
  return TypedArrayCreateFromConstructor(realm, realm.intrinsics[typedArrayName(exemplar)!] as Function, [length]);
}

/** IsValidIntegerIndex (§10.4.5.14, sec-isvalidintegerindex) for a Number index. */
export function IsValidIntegerIndex(ta: object, index: number): boolean {
  if (!NumberIsInteger(index) || (index === 0 && 1 / index < 0)) return false;
  return index >= 0 && index < TypedArrayLength(ta);
}

/** IsTypedArrayFixedLength (§10.4.5.11, sec-istypedarrayfixedlength): false for a length-tracking view and for a
 * view on a resizable (non-shared) ArrayBuffer. Such a view refuses [[PreventExtensions]] (§10.4.5.1), which the
 * host does not know. */
export function IsTypedArrayFixedLength(ta: object): boolean {
  const rec = resizableViews.get(ta);
  if (rec === undefined) return true;
  if (rec.lengthTracking) return false;
  const buffer = viewedArrayBuffer(ta);
  const sabByteLength = HostSharedArrayBufferPrototypeDescriptors?.byteLength?.get;
  if (sabByteLength === undefined) return false;
  try {
    ReflectApply(sabByteLength, buffer, []);
    return true; // a growable SharedArrayBuffer: its fixed-length views are fixed length
  } catch {
    return false;
  }
}

/** Whether [[PreventExtensions]] of `O` must return false because it is a typed array that is not fixed length. */
export function refusesPreventExtensions(O: object): boolean {
  return isTypedArray(O) && !IsTypedArrayFixedLength(O);
}
