// The TypedArray constructors (ECMA-262 §23.2.5–§23.2.7): Int8Array … Float64Array, and Float16Array
// where the host has it. Each makes a host typed array of its type and gives it the prototype
// GetPrototypeFromConstructor(NewTarget) finds; a buffer the host allocated for it gets the realm's
// %ArrayBuffer.prototype% at once (the host would otherwise make it lazily, with its own prototype).
import type { Realm } from '../realm.js';
import { constant, createBuiltinConstructor, defineTable } from '../builtin.js';
import {
  GetPrototypeFromConstructor, IsFixedLengthArrayBuffer, IsSharedArrayBuffer, ToIndex, adoptArrayBuffer, describeValue, isArrayBuffer,
  isObject, recordResizableView,
} from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import {
  HostTypedArrayConstructors, ObjectSetPrototypeOf, ReflectApply, TypedArrayPrototypeGetBuffer,
} from '../primordials.js';

type HostTypedArrayConstructor = new (...args: unknown[]) => object;

export function installTypedArrayConstructors(realm: Realm): void {
  const I = realm.intrinsics;
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
        if (new.target === undefined) realm.throwTypeError(`Constructor ${name} requires 'new'`);
        const first = args[0];
        let ta: object;
        if (!isObject(first)) {
          // Step 6: a length; it is converted before the prototype is looked up.
          const elementLength = args.length === 0 ? 0 : ToIndex(realm, first, `Invalid typed array length: ${describeValue(first)}`);
          const proto = GetPrototypeFromConstructor(realm, new.target, protoKey);
          try { ta = new Host(elementLength); } catch (e) { throw toRealmBrandError(realm, e, first); }
          ObjectSetPrototypeOf(ta, proto);
        } else {
          // Step 5: AllocateTypedArray looks the prototype up first; then the host initialises the
          // array from a typed array, a buffer, an iterable or an array-like, in the spec's order.
          const proto = GetPrototypeFromConstructor(realm, new.target, protoKey);
          try { ta = new Host(...args); } catch (e) { throw toRealmBrandError(realm, e, first); }
          ObjectSetPrototypeOf(ta, proto);
          if (isArrayBuffer(first) || IsSharedArrayBuffer(first)) {
            // A view of the caller's buffer: the buffer keeps its prototype (an embedder's stays the host's).
            if (!IsFixedLengthArrayBuffer(first)) recordResizableView(ta, args[2] === undefined);
            return ta;
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
