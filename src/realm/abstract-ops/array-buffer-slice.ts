// ArrayBuffer.prototype.slice and SharedArrayBuffer.prototype.slice (ECMA-262 §25.1.6.7, §25.2.5.6):
// written out, because the species default must be the realm's constructor (the host's would be its
// own), and a buffer a guest species constructor returns must be left as it is.
import type { Realm } from '../realm.js';
import { describeValue } from '../describe.js';
import { Construct, SpeciesConstructor } from './object-operations.js';
import { ToIntegerOrInfinity } from './type-conversion.js';
import { AllocateArrayBuffer, ArrayBufferByteLength, IsDetachedBuffer, IsSharedArrayBuffer, isArrayBuffer } from './array-buffer-operations.js';
import { IsImmutableBuffer, markImmutableBuffer } from './immutable-array-buffer.js';
import { HostTypedArrayConstructors, MathMax, MathMin, ReflectApply, TypedArrayPrototypeSet } from '../primordials.js';

const HostUint8Array = HostTypedArrayConstructors.Uint8Array as Uint8ArrayConstructor;

function relativeIndex(realm: Realm, v: unknown, len: number, ifUndefined: number): number {
  const relative = v === undefined ? ifUndefined : ToIntegerOrInfinity(realm, v);
  if (relative === -Infinity) return 0;
  return relative < 0 ? MathMax(len + relative, 0) : MathMin(relative, len);
}

/** Both slices, after their receiver checks: `shared` selects the SharedArrayBuffer algorithm. */
export function ArrayBufferSlice(realm: Realm, O: ArrayBuffer | SharedArrayBuffer, start: unknown, end: unknown, shared: boolean): object {
  const name = shared ? 'SharedArrayBuffer' : 'ArrayBuffer';
  const method = `${name}.prototype.slice`;
  if (!shared && IsDetachedBuffer(O)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  const len = ArrayBufferByteLength(O);
  const first = relativeIndex(realm, start, len, 0);
  const final = relativeIndex(realm, end, len, len);
  const newLen = MathMax(final - first, 0);
  const ctor = SpeciesConstructor(realm, O, realm.intrinsics[name] as Function);
  const created = Construct(ctor, [newLen]);
  if (shared ? !IsSharedArrayBuffer(created) : !isArrayBuffer(created)) realm.throwTypeError(`Method ${method} called on incompatible receiver ${describeValue(created)}`);
  const buffer = created as ArrayBuffer;
  if (!shared && IsDetachedBuffer(buffer)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  if (!shared && IsImmutableBuffer(buffer)) realm.throwTypeError(`Cannot perform ${method}: the species constructor returned an immutable ArrayBuffer`);
  if (buffer === O) realm.throwTypeError(`${name} subclass returned this from species constructor`);
  if (ArrayBufferByteLength(buffer) < newLen) realm.throwTypeError(`Species constructor returned a too-small ${name}`);
  // The species constructor ran guest code: the source may have been detached or shrunk meanwhile.
  if (!shared && IsDetachedBuffer(O)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  const currentLen = ArrayBufferByteLength(O);
  if (first < currentLen) {
    const count = MathMin(newLen, currentLen - first);
    ReflectApply(TypedArrayPrototypeSet, new HostUint8Array(buffer, 0, count), [new HostUint8Array(O as ArrayBuffer, first, count)]);
  }
  return buffer;
}

/** ArrayBuffer.prototype.sliceToImmutable ( start, end ) (the immutable-arraybuffer proposal,
 * sec-arraybuffer.prototype.slicetoimmutable), after its receiver checks: the bounds are resolved against
 * the length before the conversions, the copy is made from the buffer as it is after them. */
export function ArrayBufferSliceToImmutable(realm: Realm, O: ArrayBuffer, start: unknown, end: unknown): ArrayBuffer {
  const method = 'ArrayBuffer.prototype.sliceToImmutable';
  if (IsDetachedBuffer(O)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  const len = ArrayBufferByteLength(O);
  const first = relativeIndex(realm, start, len, 0);
  const final = relativeIndex(realm, end, len, len);
  const newLen = MathMax(final - first, 0);
  // The conversions ran guest code: the buffer may have been detached or shrunk meanwhile.
  if (IsDetachedBuffer(O)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  if (ArrayBufferByteLength(O) < final) realm.throwRangeError(`Cannot perform ${method}: the ArrayBuffer shrank below the slice's end`);
  // AllocateImmutableArrayBuffer: a fixed-length buffer with the bytes, then marked immutable.
  const newBuffer = AllocateArrayBuffer(realm, realm.intrinsics.ArrayBufferPrototype as object, newLen);
  if (newLen > 0) ReflectApply(TypedArrayPrototypeSet, new HostUint8Array(newBuffer), [new HostUint8Array(O, first, newLen)]);
  markImmutableBuffer(newBuffer);
  return newBuffer;
}
