// The TypedArray constructors (ECMA-262 §23.2.5–§23.2.7): Int8Array … Float64Array, and Float16Array
// where the host has it. Each makes a host typed array of its type and gives it the prototype
// GetPrototypeFromConstructor(NewTarget) finds; a buffer the host allocated for it gets the realm's
// %ArrayBuffer.prototype% at once (the host would otherwise make it lazily, with its own prototype).
// From a typed array or a buffer the host initialises the array; from an iterable or an array-like
// the elements are read here (the host would look @@iterator up a second time).
import type { Realm } from '../realm.js';
import { constant, createBuiltinConstructor, defineTable, calledByHost } from '../builtin.js';
import {
  GetIteratorFromMethod, GetMethod, GetPrototypeFromConstructor, IsFixedLengthArrayBuffer, IsSharedArrayBuffer, IteratorToList,
  LengthOfArrayLike, ToIndex, ToNumber, adoptArrayBuffer, describeValue, isArrayBuffer, isBigIntContentType, isObject, isTypedArray,
  recordResizableView, IsImmutableBuffer, typedArraySlots, ArrayBufferByteLength, IsDetachedBuffer,
} from '../abstract-ops.js';
import { CreateImmutableView } from './immutable-typed-array.js';
import { agent } from '../agent.js';
import { callBuiltinFromHost } from '../membrane.js';
import { OBJECT_BYTES } from '../allocation.js';
import { TypedArrayLength } from '../abstract-ops/typed-array-operations.js';
import { ToBigInt } from './bigint.js';
import { toRealmBrandError } from '../brand-error.js';
import {
  HostArrayBufferPrototypeDescriptors, HostTypedArrayConstructors, ObjectGetOwnPropertyDescriptor, ObjectSetPrototypeOf, ReflectApply,
  SymbolIterator, TypedArrayPrototypeGetBuffer, TypedArrayPrototypeSet,
} from '../primordials.js';

type HostTypedArrayConstructor = new (...args: unknown[]) => object;

/** IteratorToList(GetIteratorFromMethod(obj, method)) (§7.4.16), without the iterator objects when
 * `method` is the realm's own %Array.prototype.values% and %ArrayIteratorPrototype%.next is still the
 * original data property: the steps (length read, then element read, each turn) are the same and
 * nothing else was observable. */
export function iterableToList(realm: Realm, obj: object, method: Function): unknown[] {
  const I = realm.intrinsics;
  const next = ObjectGetOwnPropertyDescriptor(I.ArrayIteratorPrototype, 'next');
  if (method === I.ArrayPrototypeValues && next !== undefined && next.value === originalNext.get(realm)) {
    const values: unknown[] = [];
    const a = obj as Record<number, unknown>;
    for (let index = 0; index < LengthOfArrayLike(realm, a); index++) {
      if ((index & 63) === 0 && (agent.steps -= 64) <= 0) agent.tick();
      values.push(a[index]);
    }
    return values;
  }
  return IteratorToList(realm, GetIteratorFromMethod(realm, obj, method));
}

const HostResize = HostArrayBufferPrototypeDescriptors.resize?.value as ((this: ArrayBuffer, n: number) => void) | undefined;
const HostUint8Array = HostTypedArrayConstructors.Uint8Array as Uint8ArrayConstructor;

/** A length-tracking view of a resizable ArrayBuffer (InitializeTypedArrayFromArrayBuffer, §23.2.5.1.3,
 * with length undefined). The spec lets the buffer's length be anything; node 20's V8 refuses a buffer
 * length that is not a multiple of the element size. The byte offset is converted here (so the host's
 * conversion of it runs no guest code), and where V8 would refuse, the view is made while the buffer is
 * shrunk to a multiple, then the buffer gets its length and its last bytes back: no guest code runs in
 * between, and a view's length is computed from the buffer's on every access. */
function lengthTrackingView(realm: Realm, Host: HostTypedArrayConstructor, elementSize: number, buffer: ArrayBuffer, args: unknown[]): object {
  const offset = args.length > 1 ? ToIndex(realm, args[1], `Start offset ${describeValue(args[1])} is outside the bounds of the buffer`) : 0;
  const byteLength = ArrayBufferByteLength(buffer);
  const excess = byteLength % elementSize;
  if (excess === 0 || HostResize === undefined || offset % elementSize !== 0 || offset > byteLength || IsDetachedBuffer(buffer)) {
    return new Host(buffer, offset);
  }
  const kept = byteLength - excess;
  const tail = new HostUint8Array(excess);
  ReflectApply(TypedArrayPrototypeSet, tail, [new HostUint8Array(buffer, kept, excess)]);
  ReflectApply(HostResize, buffer, [kept]);
  try {
    return new Host(buffer, offset);
  } finally {
    ReflectApply(HostResize, buffer, [byteLength]);
    ReflectApply(TypedArrayPrototypeSet, new HostUint8Array(buffer, kept, excess), [tail]);
  }
}

/** Each realm's original %ArrayIteratorPrototype%.next, recorded when its typed arrays are installed. */
const originalNext = new WeakMap<Realm, unknown>();

export function installTypedArrayConstructors(realm: Realm): void {
  const I = realm.intrinsics;
  originalNext.set(realm, ObjectGetOwnPropertyDescriptor(I.ArrayIteratorPrototype, 'next')?.value);
  const TypedArrayCtor = I.TypedArray as Function;
  const TypedArrayPrototype = I.TypedArrayPrototype as object;
  for (const name of Object.keys(HostTypedArrayConstructors)) {
    const Host = HostTypedArrayConstructors[name] as unknown as HostTypedArrayConstructor;
    const bytesPerElement = (Host as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    const protoKey = `${name}Prototype`;
    const prototype = Object.create(TypedArrayPrototype) as object;
    I[protoKey] = prototype;

    // §23.2.5.1 TypedArray ( ...args )
    const ctor = {
      [name]: function (this: unknown, ...args: unknown[]): object {
        // Called by host code outside a run: under the context's timeout and budget (callBuiltinFromHost).
        if (calledByHost(realm)) return callBuiltinFromHost(realm, ctor, this, args, new.target) as object;
        if (new.target === undefined) realm.throwTypeError(`Constructor ${name} requires 'new'`);
        const first = args[0];
        let ta: object;
        if (!isObject(first)) {
          // Step 6: a length; it is converted before the prototype is looked up.
          const elementLength = args.length === 0 ? 0 : ToIndex(realm, first, `Invalid typed array length: ${describeValue(first)}`);
          const proto = GetPrototypeFromConstructor(realm, new.target, protoKey);
          agent.charge(OBJECT_BYTES + elementLength * bytesPerElement);
          try { ta = new Host(elementLength); } catch (e) { throw toRealmBrandError(realm, e, first); }
          ObjectSetPrototypeOf(ta, proto);
        } else {
          // Step 5: AllocateTypedArray looks the prototype up first; then the host initialises the
          // array from a typed array, a buffer, an iterable or an array-like, in the spec's order.
          const proto = GetPrototypeFromConstructor(realm, new.target, protoKey);
          const isBuffer = isArrayBuffer(first) || IsSharedArrayBuffer(first);
          if (isBuffer || isTypedArray(first)) {
            // A view of a buffer allocates no elements; a copy of a typed array does.
            agent.charge(OBJECT_BYTES + (isBuffer ? 0 : TypedArrayLength(first) * bytesPerElement));
            // The host reads the slots of a source typed array (an immutable view's are its target's).
            if (!isBuffer) args[0] = typedArraySlots(first);
            try {
              ta = isBuffer && args[2] === undefined && isArrayBuffer(first) && !IsFixedLengthArrayBuffer(first)
                ? lengthTrackingView(realm, Host, bytesPerElement, first, args)
                : new Host(...args);
            } catch (e) {
              throw toRealmBrandError(realm, e, first);
            }
            ObjectSetPrototypeOf(ta, proto);
            if (isBuffer) {
              // A view of the caller's buffer: the buffer keeps its prototype (an embedder's stays the host's).
              if (!IsFixedLengthArrayBuffer(first)) recordResizableView(ta, args[2] === undefined);
              // A view of an immutable buffer is guest-visible only as an immutable view.
              return IsImmutableBuffer(first) ? CreateImmutableView(realm, ta) : ta;
            }
          } else {
            // InitializeTypedArrayFromList / InitializeTypedArrayFromArrayLike (§23.2.5.1.4–5): the
            // elements are gathered here (the realm's iteration), then converted and written in order.
            const usingIterator = GetMethod(realm, first, SymbolIterator);
            const values = usingIterator === undefined ? undefined : iterableToList(realm, first, usingIterator);
            const len = values === undefined ? LengthOfArrayLike(realm, first) : values.length;
            agent.charge(OBJECT_BYTES + len * bytesPerElement);
            try { ta = new Host(len); } catch (e) { throw toRealmBrandError(realm, e, first); }
            ObjectSetPrototypeOf(ta, proto);
            const target = ta as Record<number, unknown>;
            const source = (values ?? first) as Record<number, unknown>;
            const bigint = isBigIntContentType(name);
            for (let k = 0; k < len; k++) {
              if ((k & 63) === 0 && (agent.steps -= 64) <= 0) agent.tick();
              const kValue = source[k];
              target[k] = bigint ? ToBigInt(realm, kValue) : typeof kValue === 'number' ? kValue : ToNumber(realm, kValue);
            }
          }
        }
        adoptArrayBuffer(realm, ReflectApply(TypedArrayPrototypeGetBuffer, ta, []) as object);
        return ta;
      },
    }[name]!;
    createBuiltinConstructor(realm, ctor, name, 3, prototype, TypedArrayCtor);
    I[name] = ctor;
    // §23.2.6.1 and §23.2.7.1 TypedArray.BYTES_PER_ELEMENT, TypedArray.prototype.BYTES_PER_ELEMENT
    defineTable(realm, ctor, [constant('BYTES_PER_ELEMENT', bytesPerElement)]);
    defineTable(realm, prototype, [constant('BYTES_PER_ELEMENT', bytesPerElement)]);
  }
}
