// ArrayBuffer and SharedArrayBuffer abstract operations (ECMA-262 §25.1.3, §25.2.2). A realm's
// buffers are host buffers with the realm's prototypes, so every internal slot is read through the
// host's own getters (captured in primordials.ts), which brand-check and run no guest code.
import type { Realm } from '../realm.js';
import { agent } from '../agent.js';
import { OBJECT_BYTES } from '../allocation.js';
import {
  ArrayBufferPrototypeGetByteLength, GlobalStructuredClone, HostArrayBuffer, HostArrayBufferPrototype, HostArrayBufferPrototypeDescriptors,
  HostSharedArrayBufferPrototypeDescriptors, HostTypedArrayConstructors, ObjectGetPrototypeOf, ObjectSetPrototypeOf, ReflectApply, TypedArrayPrototypeSet,
} from '../primordials.js';
import { IsImmutableBuffer, markImmutableBuffer } from './immutable-array-buffer.js';

const SharedGetByteLength = HostSharedArrayBufferPrototypeDescriptors?.byteLength?.get;
const HostGetDetached = HostArrayBufferPrototypeDescriptors.detached?.get;
const HostGetResizable = HostArrayBufferPrototypeDescriptors.resizable?.get;
const HostGetMaxByteLength = HostArrayBufferPrototypeDescriptors.maxByteLength?.get;
const SharedGetGrowable = HostSharedArrayBufferPrototypeDescriptors?.growable?.get;
const HostTransfer = HostArrayBufferPrototypeDescriptors.transfer?.value as ((this: ArrayBuffer, n?: number) => ArrayBuffer) | undefined;
const HostTransferToFixedLength = HostArrayBufferPrototypeDescriptors.transferToFixedLength?.value as ((this: ArrayBuffer, n?: number) => ArrayBuffer) | undefined;
const HostUint8Array = HostTypedArrayConstructors.Uint8Array as Uint8ArrayConstructor;

/** Whether the host has resizable ArrayBuffers (node 20 does, node 18 does not). */
export const HOST_HAS_RESIZABLE_BUFFERS = typeof HostArrayBufferPrototypeDescriptors.resize?.value === 'function';
/** Whether the host has growable SharedArrayBuffers. */
export const HOST_HAS_GROWABLE_SHARED_BUFFERS = typeof HostSharedArrayBufferPrototypeDescriptors?.grow?.value === 'function';
/** Whether a buffer can be detached on this host: its own transfer, or structuredClone with a transfer list. */
export const HOST_CAN_DETACH = HostTransfer !== undefined || GlobalStructuredClone !== undefined;

/** Whether `o` has [[ArrayBufferData]] and is not shared (the host's byteLength getter is the brand check). */
export function isArrayBuffer(o: unknown): o is ArrayBuffer {
  if (typeof o !== 'object' || o === null) return false;
  try { ReflectApply(ArrayBufferPrototypeGetByteLength, o, []); return true; } catch { return false; }
}

/** Objects IsSharedArrayBuffer found not to be shared buffers. The host's only brand check is a getter
 * that throws for them, and an exception on every IsDetachedBuffer or ArrayBufferByteLength of an
 * ordinary buffer was most of the time of typed-array builtins; what an object is never changes. */
const notShared = new WeakSet<object>();

/** IsSharedArrayBuffer (§25.1.3.17, sec-issharedarraybuffer) for any value: whether it is a SharedArrayBuffer. */
export function IsSharedArrayBuffer(o: unknown): o is SharedArrayBuffer {
  if (SharedGetByteLength === undefined || typeof o !== 'object' || o === null || notShared.has(o)) return false;
  try { ReflectApply(SharedGetByteLength, o, []); return true; } catch { notShared.add(o); return false; }
}

/** IsDetachedBuffer (§25.1.3.4, sec-isdetachedbuffer). Without the host's `detached` getter: a detached
 * buffer reports byteLength 0 and cannot be viewed; a live empty one can. */
export function IsDetachedBuffer(buffer: ArrayBuffer | SharedArrayBuffer): boolean {
  if (IsSharedArrayBuffer(buffer)) return false;
  if (HostGetDetached !== undefined) return ReflectApply(HostGetDetached, buffer, []) as boolean;
  if (ReflectApply(ArrayBufferPrototypeGetByteLength, buffer, []) !== 0) return false;
  try { new HostUint8Array(buffer as ArrayBuffer); return false; } catch { return true; }
}

/** ArrayBufferByteLength (§25.1.3.16, sec-arraybufferbytelength): 0 for a detached buffer. */
export function ArrayBufferByteLength(buffer: ArrayBuffer | SharedArrayBuffer): number {
  if (SharedGetByteLength !== undefined && IsSharedArrayBuffer(buffer)) return ReflectApply(SharedGetByteLength, buffer, []) as number;
  return ReflectApply(ArrayBufferPrototypeGetByteLength, buffer, []) as number;
}

/** IsFixedLengthArrayBuffer (§25.1.3.11, sec-isfixedlengtharraybuffer). */
export function IsFixedLengthArrayBuffer(buffer: ArrayBuffer | SharedArrayBuffer): boolean {
  if (IsSharedArrayBuffer(buffer)) return SharedGetGrowable === undefined || !(ReflectApply(SharedGetGrowable, buffer, []) as boolean);
  return HostGetResizable === undefined || !(ReflectApply(HostGetResizable, buffer, []) as boolean);
}

/** [[ArrayBufferMaxByteLength]] of a resizable buffer, else its byte length. */
export function arrayBufferMaxByteLength(buffer: ArrayBuffer): number {
  return HostGetMaxByteLength === undefined ? ArrayBufferByteLength(buffer) : ReflectApply(HostGetMaxByteLength, buffer, []) as number;
}

/** Gives a buffer the host allocated on the realm's behalf the realm's %ArrayBuffer.prototype%; a
 * buffer that already has another prototype is left alone. */
export function adoptArrayBuffer<T extends object>(realm: Realm, buffer: T): T {
  if (!realm.isHost && ObjectGetPrototypeOf(buffer) === HostArrayBufferPrototype) {
    ObjectSetPrototypeOf(buffer, realm.intrinsics.ArrayBufferPrototype as object);
  }
  return buffer;
}

/** AllocateArrayBuffer (§25.1.3.1, sec-allocatearraybuffer) once the prototype is known: a host buffer
 * (resizable when `maxByteLength` is given) with `proto`. */
export function AllocateArrayBuffer(realm: Realm, proto: object, byteLength: number, maxByteLength?: number): ArrayBuffer {
  if (maxByteLength !== undefined && !HOST_HAS_RESIZABLE_BUFFERS) {
    realm.throwTypeError('vmjs: resizable ArrayBuffers are not available on this host (it has no ArrayBuffer.prototype.resize)');
  }
  // Counted before the host allocates (a resizable buffer by what it may grow to).
  agent.charge(OBJECT_BYTES + (maxByteLength === undefined ? byteLength : maxByteLength));
  let buffer: ArrayBuffer;
  try {
    buffer = maxByteLength === undefined
      ? new HostArrayBuffer(byteLength)
      : new (HostArrayBuffer as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(byteLength, { maxByteLength });
  } catch {
    return realm.throwRangeError('Array buffer allocation failed');
  }
  ObjectSetPrototypeOf(buffer, proto);
  notShared.add(buffer);
  return buffer;
}

/** DetachArrayBuffer (§25.1.3.5, sec-detacharraybuffer) through the host: transferring a buffer
 * detaches it. Returns the host buffer that now holds the bytes (with the host's prototype). An immutable
 * buffer cannot be detached. */
export function DetachArrayBuffer(realm: Realm, buffer: ArrayBuffer): ArrayBuffer {
  if (IsImmutableBuffer(buffer)) realm.throwTypeError('Cannot detach an immutable ArrayBuffer');
  try {
    if (HostTransfer !== undefined) return ReflectApply(HostTransfer, buffer, []) as ArrayBuffer;
    if (GlobalStructuredClone !== undefined) return GlobalStructuredClone(buffer, { transfer: [buffer] }) as ArrayBuffer;
  } catch {
    return realm.throwTypeError('Cannot detach this ArrayBuffer');
  }
  return realm.throwTypeError('vmjs: ArrayBuffers cannot be detached on this host (it has neither ArrayBuffer.prototype.transfer nor structuredClone)');
}

/** ArrayBufferCopyAndDetach (§25.1.3.3, sec-arraybuffercopyanddetach), after its brand and shared checks;
 * with the immutable-arraybuffer proposal's ~immutable~ mode (a fixed-length result marked immutable) and
 * its refusal of an immutable receiver. */
export function ArrayBufferCopyAndDetach(
  realm: Realm, O: ArrayBuffer, newByteLength: number, preserveResizability: boolean | 'immutable', method: string,
): ArrayBuffer {
  if (IsDetachedBuffer(O)) realm.throwTypeError(`Cannot perform ${method} on a detached ArrayBuffer`);
  if (IsImmutableBuffer(O)) realm.throwTypeError(`Cannot perform ${method} on an immutable ArrayBuffer`);
  if (preserveResizability === 'immutable') {
    const moved = ArrayBufferCopyAndDetach(realm, O, newByteLength, false, method);
    markImmutableBuffer(moved);
    return moved;
  }
  const newMaxByteLength = preserveResizability && !IsFixedLengthArrayBuffer(O) ? arrayBufferMaxByteLength(O) : undefined;
  if (!HOST_CAN_DETACH) DetachArrayBuffer(realm, O);
  const native = preserveResizability ? HostTransfer : HostTransferToFixedLength;
  if (native !== undefined) {
    let moved: ArrayBuffer;
    try { moved = ReflectApply(native, O, [newByteLength]) as ArrayBuffer; } catch (e) { return rethrowAllocation(realm, e); }
    ObjectSetPrototypeOf(moved, realm.intrinsics.ArrayBufferPrototype as object);
    return moved;
  }
  if (newMaxByteLength !== undefined && newByteLength > newMaxByteLength) realm.throwRangeError(`Invalid array buffer length: ${newByteLength}`);
  const oldByteLength = ArrayBufferByteLength(O);
  const sameShape = newByteLength === oldByteLength && (newMaxByteLength !== undefined) === !IsFixedLengthArrayBuffer(O);
  if (sameShape) {
    // The bytes move with the transfer: no copy.
    const moved = DetachArrayBuffer(realm, O);
    ObjectSetPrototypeOf(moved, realm.intrinsics.ArrayBufferPrototype as object);
    return moved;
  }
  const newBuffer = AllocateArrayBuffer(realm, realm.intrinsics.ArrayBufferPrototype as object, newByteLength, newMaxByteLength);
  const copyLength = newByteLength < oldByteLength ? newByteLength : oldByteLength;
  ReflectApply(TypedArrayPrototypeSet, new HostUint8Array(newBuffer), [new HostUint8Array(O, 0, copyLength)]);
  DetachArrayBuffer(realm, O);
  return newBuffer;
}

function rethrowAllocation(realm: Realm, e: unknown): never {
  if (e instanceof RangeError) return realm.throwRangeError(e.message);
  return realm.throwTypeError(e instanceof Error ? e.message : 'ArrayBuffer transfer failed');
}
