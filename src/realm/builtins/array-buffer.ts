// %ArrayBuffer% and %ArrayBuffer.prototype% (ECMA-262 §25.1). A realm's ArrayBuffer is a host
// ArrayBuffer whose [[Prototype]] is the realm's %ArrayBuffer.prototype%: the host keeps
// [[ArrayBufferData]] (and, where it has them, resizable buffers), so typed arrays and DataViews over
// it work at host speed. transfer/transferToFixedLength/detached are the host's where it has them,
// else built on structuredClone's transfer list, which detaches (see ArrayBufferCopyAndDetach).
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import {
  AllocateArrayBuffer, ArrayBufferByteLength, ArrayBufferCopyAndDetach, ArrayBufferSlice, GetPrototypeFromConstructor, HOST_CAN_DETACH,
  HOST_HAS_RESIZABLE_BUFFERS, IsDetachedBuffer, IsFixedLengthArrayBuffer, ToIndex, arrayBufferMaxByteLength,
  describeValue, isArrayBuffer, isObject, ArrayBufferSliceToImmutable, IsImmutableBuffer, immutableViewTarget,
} from '../abstract-ops.js';
import { toRealmError } from '../host-errors.js';
import { hostFunction, hostMethod } from './host-delegation.js';
import { ArrayBufferIsView, HostArrayBufferPrototypeDescriptors as D } from '../primordials.js';

/** RequireInternalSlot(O, [[ArrayBufferData]]) and "not shared", with V8's text. */
function thisArrayBuffer(realm: Realm, O: unknown, name: string): ArrayBuffer {
  if (!isArrayBuffer(O)) realm.throwTypeError(`Method ArrayBuffer.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
  return O;
}

/** GetArrayBufferMaxByteLengthOption (§25.1.3.7, sec-getarraybuffermaxbytelengthoption). */
function GetArrayBufferMaxByteLengthOption(realm: Realm, options: unknown): number | undefined {
  if (!isObject(options)) return undefined;
  const maxByteLength = (options as { maxByteLength?: unknown }).maxByteLength;
  if (maxByteLength === undefined) return undefined;
  return ToIndex(realm, maxByteLength, 'Invalid array buffer max length');
}

export function installArrayBuffer(realm: Realm): void {
  const I = realm.intrinsics;
  const ArrayBufferPrototype = Object.create(I.ObjectPrototype) as object;
  I.ArrayBufferPrototype = ArrayBufferPrototype;

  // §25.1.4.1 ArrayBuffer ( length [ , options ] )
  const ArrayBufferCtor = createBuiltinConstructor(realm, function ArrayBuffer(this: unknown, length: unknown, options: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor ArrayBuffer requires 'new'");
    const byteLength = ToIndex(realm, length, 'Invalid array buffer length');
    const requestedMaxByteLength = GetArrayBufferMaxByteLengthOption(realm, options);
    // AllocateArrayBuffer (§25.1.3.1): the length check, then the prototype, then the data block.
    if (requestedMaxByteLength !== undefined && byteLength > requestedMaxByteLength) realm.throwRangeError('Invalid array buffer max length');
    const proto = GetPrototypeFromConstructor(realm, new.target, 'ArrayBufferPrototype');
    return AllocateArrayBuffer(realm, proto, byteLength, requestedMaxByteLength);
  }, 'ArrayBuffer', 1, ArrayBufferPrototype);
  I.ArrayBuffer = ArrayBufferCtor;

  const statics = {
    // §25.1.5.1 ArrayBuffer.isView ( arg )
    isView(arg: unknown): boolean { return ArrayBufferIsView(arg) || immutableViewTarget(arg) !== undefined; },
    // §25.1.5.3 get ArrayBuffer [ @@species ]
    species(this: unknown): unknown { return this; },
  };
  defineTable(realm, ArrayBufferCtor, [
    method('isView', 1, statics.isView),
    accessor(Symbol.species, statics.species),
  ]);

  const proto = {
    // §25.1.6.1 get ArrayBuffer.prototype.byteLength
    byteLength(this: unknown): number {
      return ArrayBufferByteLength(thisArrayBuffer(realm, this, 'byteLength'));
    },
    // §25.1.6.3 get ArrayBuffer.prototype.detached
    detached(this: unknown): boolean {
      return IsDetachedBuffer(thisArrayBuffer(realm, this, 'detached'));
    },
    // §25.1.6.4 get ArrayBuffer.prototype.maxByteLength
    maxByteLength(this: unknown): number {
      const O = thisArrayBuffer(realm, this, 'maxByteLength');
      if (IsDetachedBuffer(O)) return 0;
      return arrayBufferMaxByteLength(O);
    },
    // §25.1.6.5 get ArrayBuffer.prototype.resizable
    resizable(this: unknown): boolean {
      return !IsFixedLengthArrayBuffer(thisArrayBuffer(realm, this, 'resizable'));
    },
    // §25.1.6.7 ArrayBuffer.prototype.slice ( start, end )
    slice(this: unknown, start: unknown, end: unknown): object {
      const O = thisArrayBuffer(realm, this, 'slice');
      try { return ArrayBufferSlice(realm, O, start, end, false); } catch (e) { throw toRealmError(realm, e); }
    },
    // get ArrayBuffer.prototype.immutable (immutable-arraybuffer, sec-get-arraybuffer.prototype.immutable)
    immutable(this: unknown): boolean {
      return IsImmutableBuffer(thisArrayBuffer(realm, this, 'immutable'));
    },
    // ArrayBuffer.prototype.sliceToImmutable ( start, end ) (sec-arraybuffer.prototype.slicetoimmutable)
    sliceToImmutable(this: unknown, start: unknown, end: unknown): ArrayBuffer {
      const O = thisArrayBuffer(realm, this, 'sliceToImmutable');
      try { return ArrayBufferSliceToImmutable(realm, O, start, end); } catch (e) { throw toRealmError(realm, e); }
    },
    // ArrayBuffer.prototype.transferToImmutable ( [ newLength ] ) (sec-arraybuffer.prototype.transfertoimmutable)
    transferToImmutable(this: unknown, newLength: unknown): ArrayBuffer {
      return transfer(realm, this, newLength, 'immutable', 'transferToImmutable');
    },
    // §25.1.6.8 ArrayBuffer.prototype.transfer ( [ newLength ] )
    transfer(this: unknown, newLength: unknown): ArrayBuffer {
      return transfer(realm, this, newLength, true, 'transfer');
    },
    // §25.1.6.9 ArrayBuffer.prototype.transferToFixedLength ( [ newLength ] )
    transferToFixedLength(this: unknown, newLength: unknown): ArrayBuffer {
      return transfer(realm, this, newLength, false, 'transferToFixedLength');
    },
  };
  const table = [
    accessor('byteLength', proto.byteLength),
    accessor('maxByteLength', proto.maxByteLength),
    accessor('resizable', proto.resizable),
    accessor('immutable', proto.immutable),
    method('slice', 2, proto.slice),
    method('sliceToImmutable', 2, proto.sliceToImmutable),
    value(Symbol.toStringTag, 'ArrayBuffer', { writable: false }),
  ];
  // §25.1.6.6 ArrayBuffer.prototype.resize ( newLength ): only where the host has resizable buffers.
  if (HOST_HAS_RESIZABLE_BUFFERS) table.push(method('resize', 1, hostMethod(realm, hostFunction(D, 'resize'))));
  if (HOST_CAN_DETACH) {
    table.push(
      accessor('detached', proto.detached),
      method('transfer', 0, proto.transfer),
      method('transferToFixedLength', 0, proto.transferToFixedLength),
      method('transferToImmutable', 0, proto.transferToImmutable),
    );
  }
  defineTable(realm, ArrayBufferPrototype, table);
}

function transfer(realm: Realm, O: unknown, newLength: unknown, preserveResizability: boolean | 'immutable', name: string): ArrayBuffer {
  const buffer = thisArrayBuffer(realm, O, name);
  const newByteLength = newLength === undefined ? ArrayBufferByteLength(buffer) : ToIndex(realm, newLength, 'Invalid array buffer length');
  try {
    return ArrayBufferCopyAndDetach(realm, buffer, newByteLength, preserveResizability, `ArrayBuffer.prototype.${name}`);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}
