// %SharedArrayBuffer% and %SharedArrayBuffer.prototype% (ECMA-262 §25.2). A realm's SharedArrayBuffer
// is a host SharedArrayBuffer whose [[Prototype]] is the realm's %SharedArrayBuffer.prototype%. Absent
// (no global, no intrinsic) where the host has none, as in browser pages that are not cross-origin
// isolated; `grow` is absent where the host has no growable ones.
import type { Realm } from '../realm.js';
import { agent } from '../agent.js';
import { OBJECT_BYTES } from '../allocation.js';
import { accessor, createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import {
  ArrayBufferSlice, GetPrototypeFromConstructor, HOST_HAS_GROWABLE_SHARED_BUFFERS, IsSharedArrayBuffer, ToIndex, describeValue, isObject,
} from '../abstract-ops.js';
import { toRealmError } from '../host-errors.js';
import { hostFunction, hostMethod } from './host-delegation.js';
import {
  HostSharedArrayBuffer, HostSharedArrayBufferPrototypeDescriptors, ObjectSetPrototypeOf, ReflectApply,
} from '../primordials.js';

export function installSharedArrayBuffer(realm: Realm): void {
  const Host = HostSharedArrayBuffer;
  const D = HostSharedArrayBufferPrototypeDescriptors;
  if (Host === undefined || D === undefined) return;
  const I = realm.intrinsics;
  const SharedArrayBufferPrototype = Object.create(I.ObjectPrototype) as object;
  I.SharedArrayBufferPrototype = SharedArrayBufferPrototype;

  const thisShared = (O: unknown, name: string): SharedArrayBuffer => {
    if (!IsSharedArrayBuffer(O)) realm.throwTypeError(`Method SharedArrayBuffer.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
    return O;
  };

  // §25.2.3.1 SharedArrayBuffer ( length [ , options ] )
  const SharedArrayBufferCtor = createBuiltinConstructor(realm, function SharedArrayBuffer(this: unknown, length: unknown, options: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor SharedArrayBuffer requires 'new'");
    const byteLength = ToIndex(realm, length, 'Invalid array buffer length');
    let requestedMaxByteLength: number | undefined;
    if (isObject(options)) {
      const max = (options as { maxByteLength?: unknown }).maxByteLength;
      if (max !== undefined) requestedMaxByteLength = ToIndex(realm, max, 'Invalid array buffer max length');
    }
    // AllocateSharedArrayBuffer (§25.2.2.1)
    if (requestedMaxByteLength !== undefined && byteLength > requestedMaxByteLength) realm.throwRangeError('Invalid array buffer max length');
    const proto = GetPrototypeFromConstructor(realm, new.target, 'SharedArrayBufferPrototype');
    if (requestedMaxByteLength !== undefined && !HOST_HAS_GROWABLE_SHARED_BUFFERS) {
      realm.throwTypeError('vmjs: growable SharedArrayBuffers are not available on this host (it has no SharedArrayBuffer.prototype.grow)');
    }
    agent.charge(OBJECT_BYTES + (requestedMaxByteLength === undefined ? byteLength : requestedMaxByteLength));
    let buffer: SharedArrayBuffer;
    try {
      buffer = requestedMaxByteLength === undefined
        ? new Host(byteLength)
        : new (Host as new (n: number, o: { maxByteLength: number }) => SharedArrayBuffer)(byteLength, { maxByteLength: requestedMaxByteLength });
    } catch {
      return realm.throwRangeError('Array buffer allocation failed');
    }
    ObjectSetPrototypeOf(buffer, proto);
    return buffer;
  }, 'SharedArrayBuffer', 1, SharedArrayBufferPrototype);
  I.SharedArrayBuffer = SharedArrayBufferCtor;

  defineTable(realm, SharedArrayBufferCtor, [
    // §25.2.4.2 get SharedArrayBuffer [ @@species ]
    accessor(Symbol.species, { species(this: unknown): unknown { return this; } }.species),
  ]);

  const getByteLength = hostFunction(D, 'byteLength', 'get');
  const getGrowable = D.growable?.get;
  const getMaxByteLength = D.maxByteLength?.get;
  const proto = {
    // §25.2.5.1 get SharedArrayBuffer.prototype.byteLength
    byteLength(this: unknown): number {
      return ReflectApply(getByteLength, thisShared(this, 'byteLength'), []) as number;
    },
    // §25.2.5.4 get SharedArrayBuffer.prototype.growable
    growable(this: unknown): boolean {
      const O = thisShared(this, 'growable');
      return getGrowable === undefined ? false : ReflectApply(getGrowable, O, []) as boolean;
    },
    // §25.2.5.6 SharedArrayBuffer.prototype.slice ( start, end )
    slice(this: unknown, start: unknown, end: unknown): object {
      const O = thisShared(this, 'slice');
      try { return ArrayBufferSlice(realm, O, start, end, true); } catch (e) { throw toRealmError(realm, e); }
    },
    // §25.2.5.5 get SharedArrayBuffer.prototype.maxByteLength
    maxByteLength(this: unknown): number {
      const O = thisShared(this, 'maxByteLength');
      return ReflectApply(getMaxByteLength ?? getByteLength, O, []) as number;
    },
  };
  const table = [
    accessor('byteLength', proto.byteLength),
    accessor('growable', proto.growable),
    accessor('maxByteLength', proto.maxByteLength),
    method('slice', 2, proto.slice),
    value(Symbol.toStringTag, 'SharedArrayBuffer', { writable: false }),
  ];
  // §25.2.5.3 SharedArrayBuffer.prototype.grow ( newLength )
  if (HOST_HAS_GROWABLE_SHARED_BUFFERS) table.push(method('grow', 1, hostMethod(realm, hostFunction(D, 'grow'))));
  defineTable(realm, SharedArrayBufferPrototype, table);
}
