// %DataView% and %DataView.prototype% (ECMA-262 §25.3). A realm's DataView is a host DataView whose
// [[Prototype]] is the realm's %DataView.prototype%; the get/set methods are the host's (GetViewValue
// and SetViewValue convert the index, value and endianness in the spec's order, then check bounds),
// except getFloat16/setFloat16 where the host lacks them: those convert the arguments here and move
// the 16 bits through the host's getUint16/setUint16.
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import {
  ArrayBufferByteLength, GetPrototypeFromConstructor, IsDetachedBuffer, IsFixedLengthArrayBuffer, IsSharedArrayBuffer, ToBoolean,
  ToIndex, ToNumber, describeValue, float16BitsToNumber, isArrayBuffer, numberToFloat16Bits, IsImmutableBuffer,
} from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import { hostFunction, hostGetter, hostMethod } from './host-delegation.js';
import { HostDataView, HostDataViewPrototypeDescriptors as D, ObjectSetPrototypeOf, ReflectApply } from '../primordials.js';

const TYPES = ['Int8', 'Uint8', 'Int16', 'Uint16', 'Int32', 'Uint32', 'Float32', 'Float64', 'BigInt64', 'BigUint64'] as const;

export function installDataView(realm: Realm): void {
  const I = realm.intrinsics;
  const DataViewPrototype = Object.create(I.ObjectPrototype) as object;
  I.DataViewPrototype = DataViewPrototype;

  // §25.3.2.1 DataView ( buffer [ , byteOffset [ , byteLength ] ] )
  const DataViewCtor = createBuiltinConstructor(realm, function DataView(this: unknown, buffer: unknown, byteOffset: unknown, byteLength: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor DataView requires 'new'");
    if (!isArrayBuffer(buffer) && !IsSharedArrayBuffer(buffer)) realm.throwTypeError('First argument to DataView constructor must be an ArrayBuffer');
    const offset = ToIndex(realm, byteOffset, `Start offset ${describeValue(byteOffset)} is outside the bounds of the buffer`);
    if (IsDetachedBuffer(buffer)) realm.throwTypeError('Cannot perform DataView constructor on a detached ArrayBuffer');
    let bufferByteLength = ArrayBufferByteLength(buffer);
    if (offset > bufferByteLength) realm.throwRangeError(`Start offset ${offset} is outside the bounds of the buffer`);
    const bufferIsFixedLength = IsFixedLengthArrayBuffer(buffer);
    let viewByteLength: number | undefined;
    if (byteLength === undefined) {
      if (bufferIsFixedLength) viewByteLength = bufferByteLength - offset;
    } else {
      viewByteLength = ToIndex(realm, byteLength, `Invalid DataView length ${describeValue(byteLength)}`);
      if (offset + viewByteLength > bufferByteLength) realm.throwRangeError(`Invalid DataView length ${viewByteLength}`);
    }
    const proto = GetPrototypeFromConstructor(realm, new.target, 'DataViewPrototype');
    // The prototype lookup ran guest code: the buffer may have been detached or shrunk meanwhile.
    if (IsDetachedBuffer(buffer)) realm.throwTypeError('Cannot perform DataView constructor on a detached ArrayBuffer');
    bufferByteLength = ArrayBufferByteLength(buffer);
    if (offset > bufferByteLength) realm.throwRangeError(`Start offset ${offset} is outside the bounds of the buffer`);
    if (byteLength !== undefined && offset + viewByteLength! > bufferByteLength) realm.throwRangeError(`Invalid DataView length ${viewByteLength}`);
    let view: DataView;
    try {
      // A view of a resizable buffer made without a byteLength tracks the buffer's length.
      view = byteLength === undefined && !bufferIsFixedLength ? new HostDataView(buffer, offset) : new HostDataView(buffer, offset, viewByteLength);
    } catch (e) {
      throw toRealmBrandError(realm, e, buffer);
    }
    ObjectSetPrototypeOf(view, proto);
    return view;
  }, 'DataView', 1, DataViewPrototype);
  I.DataView = DataViewCtor;

  const getBuffer = hostFunction(D, 'buffer', 'get');
  const getUint16 = hostFunction(D, 'getUint16');
  const setUint16 = hostFunction(D, 'setUint16');
  /** RequireInternalSlot(view, [[DataView]]), by the host's buffer getter. */
  const thisDataView = (O: unknown, name: string): DataView => {
    try { ReflectApply(getBuffer, O, []); } catch {
      realm.throwTypeError(`Method DataView.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
    }
    return O as DataView;
  };
  /** SetViewValue's check of the immutable-arraybuffer proposal, right after RequireInternalSlot and
   * before any argument is converted: a view of an immutable buffer refuses every set. */
  const refusingImmutable = (name: string, set: Function): ((this: unknown, ...args: unknown[]) => unknown) => ({
    [name](this: unknown, ...args: unknown[]): unknown {
      let buffer: unknown;
      try { buffer = ReflectApply(getBuffer, this, []); } catch { buffer = undefined; }
      if (buffer !== undefined && IsImmutableBuffer(buffer as object)) realm.throwTypeError(`Cannot perform DataView.prototype.${name} on an immutable ArrayBuffer`);
      return ReflectApply(set, this, args);
    },
  })[name]!;
  const float16 = {
    // §25.3.4.7 DataView.prototype.getFloat16 ( byteOffset [ , littleEndian ] )
    getFloat16(this: unknown, byteOffset: unknown, littleEndian: unknown): number {
      const view = thisDataView(this, 'getFloat16');
      const getIndex = ToIndex(realm, byteOffset, 'Offset is outside the bounds of the DataView');
      const isLittleEndian = ToBoolean(littleEndian);
      let bits: number;
      try { bits = ReflectApply(getUint16, view, [getIndex, isLittleEndian]) as number; } catch (e) { throw toRealmBrandError(realm, e, view); }
      return float16BitsToNumber(bits);
    },
    // §25.3.4.17 DataView.prototype.setFloat16 ( byteOffset, value [ , littleEndian ] )
    setFloat16(this: unknown, byteOffset: unknown, value: unknown, littleEndian: unknown): undefined {
      const view = thisDataView(this, 'setFloat16');
      const getIndex = ToIndex(realm, byteOffset, 'Offset is outside the bounds of the DataView');
      const numberValue = ToNumber(realm, value);
      const isLittleEndian = ToBoolean(littleEndian);
      try { ReflectApply(setUint16, view, [getIndex, numberToFloat16Bits(numberValue), isLittleEndian]); } catch (e) { throw toRealmBrandError(realm, e, view); }
      return undefined;
    },
  };

  const table = [
    // §25.3.4.1-3 get DataView.prototype.buffer / byteLength / byteOffset
    accessor('buffer', hostGetter(realm, getBuffer)),
    accessor('byteLength', hostGetter(realm, hostFunction(D, 'byteLength', 'get'))),
    accessor('byteOffset', hostGetter(realm, hostFunction(D, 'byteOffset', 'get'))),
    method('getFloat16', 1, D.getFloat16 ? hostMethod(realm, hostFunction(D, 'getFloat16')) : float16.getFloat16),
    method('setFloat16', 2, refusingImmutable('setFloat16', D.setFloat16 ? hostMethod(realm, hostFunction(D, 'setFloat16')) : float16.setFloat16)),
    value(Symbol.toStringTag, 'DataView', { writable: false }),
  ];
  for (const type of TYPES) {
    table.push(
      method(`get${type}`, 1, hostMethod(realm, hostFunction(D, `get${type}`))),
      method(`set${type}`, 2, refusingImmutable(`set${type}`, hostMethod(realm, hostFunction(D, `set${type}`)))),
    );
  }
  defineTable(realm, DataViewPrototype, table);
}
