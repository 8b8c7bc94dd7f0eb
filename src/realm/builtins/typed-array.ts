// %TypedArray% and %TypedArray.prototype% (ECMA-262 §23.2.1–§23.2.3). A realm's typed arrays are host
// typed arrays whose [[Prototype]] is the realm's %XArray.prototype%: element access is the host's
// integer-indexed exotic behaviour, at host speed. The methods that make no array and whose host
// semantics are the spec's are the host's, applied to the receiver (the host brand-checks by internal
// slot and runs guest callbacks and valueOf in the spec's order). Written here: everything that makes a
// typed array (TypedArraySpeciesCreate and TypedArrayCreateSameType must reach the realm's
// constructors, never the host's), the methods where node's V8 reads the length at another point than
// the spec (fill, includes) or writes before converting (from, of, with), the iterators (the realm's
// %ArrayIteratorPrototype%) and toLocaleString (which must call the realm's toLocaleString).
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, defineTable, method, value, type BuiltinEntry, calledByHost } from '../builtin.js';
import {
  GetMethod, Invoke, IsCallable, IsConstructor, IsTypedArrayOutOfBounds, IsValidIntegerIndex,
  LengthOfArrayLike, SameValueZero, ToIntegerOrInfinity, ToNumber, ToObject, ToString, TypedArrayCreateFromConstructor, TypedArrayCreateSameType,
  TypedArrayElementSize, TypedArrayLength, TypedArraySpeciesCreate, ValidateTypedArray, describeValue,
  isBigIntContentType, isLengthTrackingView, isTypedArray, typedArrayByteOffset, typedArrayName, immutableViewTarget, typedArraySlots,
  viewedArrayBuffer,
} from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import { ToBigInt } from './bigint.js';
import { iterableToList } from './typed-array-constructors.js';
import { agent } from '../agent.js';
import { callBuiltinFromHost } from '../membrane.js';
import { toRealmError } from '../host-errors.js';
import { createArrayIterator, type ArrayIterationKind } from './array-iterator.js';
import { hostFunction } from './host-delegation.js';
import { immutableViewsExist } from '../abstract-ops/immutable-array-buffer.js';
import { callbackForHost, comparatorForHost, repeatedCall } from './repeated-call.js';
import {
  HostTypedArrayConstructors, HostTypedArrayPrototypeDescriptors as D, MathMax, MathMin, ObjectGetOwnPropertyDescriptor, ReflectApply, SymbolIterator,
  TypedArrayPrototypeGetByteLength,
} from '../primordials.js';

const HostUint8Array = HostTypedArrayConstructors.Uint8Array as Uint8ArrayConstructor;

const tick = (n: number): void => { if ((n & 63) === 0 && (agent.steps -= 64) <= 0) agent.tick(); };

/** Methods delegated to the host as they are, with their spec lengths. */
const HOST_METHODS: ReadonlyArray<readonly [string, number]> = [
  ['at', 1], ['copyWithin', 2], ['every', 1], ['find', 1], ['findIndex', 1], ['findLast', 1],
  ['findLastIndex', 1], ['forEach', 1], ['indexOf', 1], ['join', 1], ['lastIndexOf', 1], ['reduce', 1],
  ['reduceRight', 1], ['reverse', 0], ['set', 1], ['some', 1], ['sort', 1],
];

/** The host methods that write the receiver's elements (ValidateTypedArray with ~write~). */
const WRITE_METHODS: ReadonlySet<string> = new Set(['copyWithin', 'reverse', 'set', 'sort']);
/** The host methods whose first argument is a callback given the receiver as an argument. */
const CALLBACK_METHODS: ReadonlySet<string> = new Set(['every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'forEach', 'reduce', 'reduceRight', 'some']);

/** A builtin method applying the host's `hostFn` to its receiver. The host refuses an immutable view
 * (a Proxy) at its brand check, before any argument is touched: a method that writes then throws the
 * proposal's TypeError, one that reads runs on the host typed array behind the view, its callback
 * seeing the view wherever the host passes that array. */
function typedArrayHostMethod(realm: Realm, name: string, hostFn: Function): (this: unknown, ...args: unknown[]) => unknown {
  const write = WRITE_METHODS.has(name);
  const callback = CALLBACK_METHODS.has(name);
  const unwrapSource = name === 'set';
  const reducer = name === 'reduce' || name === 'reduceRight';
  const sorts = name === 'sort';
  const builtin = {
    method(this: unknown, ...args: unknown[]): unknown {
      // Called by host code outside a run: under the context's timeout and budget (callBuiltinFromHost).
      if (calledByHost(realm)) return callBuiltinFromHost(realm, builtin, this, args);
      if (unwrapSource) {
        // %TypedArray%.prototype.set reads a typed array source by its slots.
        const source = immutableViewTarget(args[0]);
        if (source !== undefined) args[0] = source;
      }
      // An interpreted callback or comparator, entered without its host wrapper (repeated-call.ts).
      if (callback) args[0] = callbackForHost(args[0], reducer ? undefined : args[1], reducer ? 4 : 3);
      else if (sorts && typeof args[0] === 'function') args[0] = comparatorForHost(args[0]);
      try {
        return ReflectApply(hostFn, this, args);
      } catch (e) {
        const target = immutableViewTarget(this);
        if (target === undefined) throw toRealmBrandError(realm, e, this);
        if (write) realm.throwTypeError(`Cannot perform %TypedArray%.prototype.${name} on an immutable ArrayBuffer`);
        const view = this as object;
        const fn = args[0];
        if (callback && IsCallable(fn)) {
          args[0] = function (this: unknown, ...callbackArgs: unknown[]): unknown {
            for (let i = 0; i < callbackArgs.length; i++) if (callbackArgs[i] === target) callbackArgs[i] = view;
            return ReflectApply(fn as Function, this, callbackArgs);
          };
        }
        try { return ReflectApply(hostFn, target, args); } catch (e2) { throw toRealmBrandError(realm, e2, view); }
      }
    },
  }.method;
  return builtin;
}

/** A builtin getter applying the host's getter to its receiver, or to the host typed array behind an
 * immutable view. */
function typedArrayHostGetter(realm: Realm, hostGet: Function): (this: unknown) => unknown {
  return {
    get(this: unknown): unknown {
      // An immutable view is a Proxy the host getter would refuse: look for one first (once any exists)
      // rather than after a host exception, which made reading an immutable view's length ~1 µs.
      if (immutableViewsExist) {
        const target = immutableViewTarget(this);
        if (target !== undefined) return ReflectApply(hostGet, target, []);
      }
      try {
        return ReflectApply(hostGet, this, []);
      } catch (e) {
        throw toRealmBrandError(realm, e, this);
      }
    },
  }.get;
}

/** A builtin written here: host errors it lets through (a failed conversion inside the host's
 * fill, an element write) become the realm's. */
function guarded<F extends (this: unknown, ...args: any[]) => unknown>(realm: Realm, f: F): F {
  const builtin = {
    method(this: unknown, ...args: unknown[]): unknown {
      // Called by host code outside a run: under the context's timeout and budget (callBuiltinFromHost).
      if (calledByHost(realm)) return callBuiltinFromHost(realm, builtin, this, args);
      try { return ReflectApply(f, this, args); } catch (e) { throw toRealmError(realm, e); }
    },
  }.method;
  return builtin as F;
}

export function installTypedArray(realm: Realm): void {
  const I = realm.intrinsics;
  const TypedArrayPrototype = Object.create(I.ObjectPrototype) as object;
  I.TypedArrayPrototype = TypedArrayPrototype;

  // §23.2.1.1 %TypedArray% ( ): abstract; the concrete constructors inherit from it.
  const TypedArrayCtor = createBuiltinConstructor(realm, function TypedArray(this: unknown): never {
    return realm.throwTypeError('Abstract class TypedArray not directly constructable');
  }, 'TypedArray', 0, TypedArrayPrototype);
  I.TypedArray = TypedArrayCtor;

  const statics = {
    // §23.2.2.1 %TypedArray%.from ( source [ , mapper [ , thisArg ] ] )
    from(this: unknown, source: unknown, mapper: unknown, thisArg: unknown): object {
      const C = this;
      if (!IsConstructor(C)) realm.throwTypeError(`${describeValue(C)} is not a constructor`);
      const mapping = mapper !== undefined;
      if (mapping && !IsCallable(mapper)) realm.throwTypeError(`${describeValue(mapper)} is not a function`);
      const mapCall = mapping ? repeatedCall(mapper as Function, thisArg) : null;
      const usingIterator = GetMethod(realm, source, SymbolIterator);
      if (usingIterator !== undefined) {
        const values = iterableToList(realm, source as object, usingIterator);
        const len = values.length;
        const target = TypedArrayCreateFromConstructor(realm, C, [len], 'write') as Record<number, unknown>;
        for (let k = 0; k < len; k++) {
          tick(k);
          const kValue = values[k];
          TypedArraySetElement(target, k, mapping ? mapCall!.call2(kValue, k) : kValue);
        }
        return target;
      }
      // Not iterable: an array-like.
      const arrayLike = ToObject(realm, source) as Record<number, unknown>;
      const len = LengthOfArrayLike(realm, arrayLike);
      const target = TypedArrayCreateFromConstructor(realm, C, [len], 'write') as Record<number, unknown>;
      for (let k = 0; k < len; k++) {
        tick(k);
        const kValue = arrayLike[k];
        TypedArraySetElement(target, k, mapping ? mapCall!.call2(kValue, k) : kValue);
      }
      return target;
    },
    // §23.2.2.2 %TypedArray%.of ( ...items )
    of(this: unknown, ...items: unknown[]): object {
      const len = items.length;
      const C = this;
      if (!IsConstructor(C)) realm.throwTypeError(`${describeValue(C)} is not a constructor`);
      const newObj = TypedArrayCreateFromConstructor(realm, C, [len], 'write') as Record<number, unknown>;
      for (let k = 0; k < len; k++) TypedArraySetElement(newObj, k, items[k]);
      return newObj;
    },
  };
  defineTable(realm, TypedArrayCtor, [
    method('from', 1, guarded(realm, statics.from)),
    method('of', 0, guarded(realm, statics.of)),
    // §23.2.2.4 get %TypedArray% [ @@species ]
    accessor(Symbol.species, { species(this: unknown): unknown { return this; } }.species),
  ]);

  /** Set(O, k, value, true) on a typed array (§10.4.5.16 TypedArraySetElement): the value is converted
   * first, then written if the index is valid by then (the host's [[Set]] checks the index first). */
  const TypedArraySetElement = (O: Record<number, unknown>, index: number, value: unknown): void => {
    O[index] = isBigIntContentType(typedArrayName(O)!) ? ToBigInt(realm, value) : ToNumber(realm, value);
  };
  const iteration = (kind: ArrayIterationKind, name: string) => ({
    [name](this: unknown): object {
      ValidateTypedArray(realm, this, `%TypedArray%.prototype.${name}`);
      return createArrayIterator(realm, this as object, kind);
    },
  })[name]!;
  const values = iteration('value', 'values');
  const invokeArgs = (args: unknown[]): unknown[] => (I.Intl === undefined ? [] : [args[0], args[1]]);
  const own = {
    // §23.2.3.32 %TypedArray%.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ): Array's
    // algorithm (§23.1.3.32) on the validated length; elements' toLocaleString is the realm's.
    toLocaleString(this: unknown, ...args: unknown[]): string {
      try {
        const O = this as Record<number, unknown>;
        const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.toLocaleString');
        let R = '';
        for (let k = 0; k < len; k++) {
          tick(k);
          if (k > 0) R += ',';
          const next = O[k];
          if (next !== undefined && next !== null) R += ToString(realm, Invoke(realm, next, 'toLocaleString', invokeArgs(args)));
        }
        return R;
      } catch (e) {
        throw toRealmError(realm, e);
      }
    },
    // §23.2.3.10 %TypedArray%.prototype.filter ( callback [ , thisArg ] )
    filter(this: unknown, callback: unknown, thisArg: unknown): object {
      const O = this as Record<number, unknown>;
      const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.filter');
      if (!IsCallable(callback)) realm.throwTypeError(`${describeValue(callback)} is not a function`);
      const fn = repeatedCall(callback as Function, thisArg);
      const kept: unknown[] = [];
      for (let k = 0; k < len; k++) {
        tick(k);
        const kValue = O[k];
        if (fn.call3(kValue, k, O)) kept.push(kValue);
      }
      const A = TypedArraySpeciesCreate(realm, O, [kept.length], 'write') as Record<number, unknown>;
      for (let n = 0; n < kept.length; n++) TypedArraySetElement(A, n, kept[n]);
      return A;
    },
    // §23.2.3.22 %TypedArray%.prototype.map ( callback [ , thisArg ] )
    map(this: unknown, callback: unknown, thisArg: unknown): object {
      const O = this as Record<number, unknown>;
      const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.map');
      if (!IsCallable(callback)) realm.throwTypeError(`${describeValue(callback)} is not a function`);
      const fn = repeatedCall(callback as Function, thisArg);
      const A = TypedArraySpeciesCreate(realm, O, [len], 'write') as Record<number, unknown>;
      for (let k = 0; k < len; k++) {
        tick(k);
        TypedArraySetElement(A, k, fn.call3(O[k], k, O));
      }
      return A;
    },
    // §23.2.3.27 %TypedArray%.prototype.slice ( start, end )
    slice(this: unknown, start: unknown, end: unknown): object {
      const O = this as Record<number, unknown>;
      const srcArrayLength = ValidateTypedArray(realm, O, '%TypedArray%.prototype.slice');
      const relativeStart = ToIntegerOrInfinity(realm, start);
      const startIndex = relativeStart === -Infinity ? 0 : relativeStart < 0 ? MathMax(srcArrayLength + relativeStart, 0) : MathMin(relativeStart, srcArrayLength);
      const relativeEnd = end === undefined ? srcArrayLength : ToIntegerOrInfinity(realm, end);
      let endIndex = relativeEnd === -Infinity ? 0 : relativeEnd < 0 ? MathMax(srcArrayLength + relativeEnd, 0) : MathMin(relativeEnd, srcArrayLength);
      let countBytes = MathMax(endIndex - startIndex, 0);
      const A = TypedArraySpeciesCreate(realm, O, [countBytes], 'write') as Record<number, unknown>;
      if (countBytes > 0) {
        if (IsTypedArrayOutOfBounds(O)) realm.throwTypeError('Cannot perform %TypedArray%.prototype.slice on a detached ArrayBuffer');
        endIndex = MathMin(endIndex, TypedArrayLength(O));
        countBytes = MathMax(endIndex - startIndex, 0);
        const srcType = typedArrayName(O)!;
        if (srcType === typedArrayName(A)) {
          // The same type: the bytes are copied in order, one at a time (the views may share a buffer).
          const elementSize = TypedArrayElementSize(srcType);
          const src = new HostUint8Array(viewedArrayBuffer(O));
          const target = new HostUint8Array(viewedArrayBuffer(A));
          let srcByteIndex = startIndex * elementSize + typedArrayByteOffset(O);
          let targetByteIndex = typedArrayByteOffset(A);
          const limit = targetByteIndex + MathMin(countBytes * elementSize, ReflectApply(TypedArrayPrototypeGetByteLength, typedArraySlots(A), []) as number);
          while (targetByteIndex < limit) target[targetByteIndex++] = src[srcByteIndex++]!;
        } else {
          for (let k = startIndex, n = 0; k < endIndex; k++, n++) {
            tick(k);
            TypedArraySetElement(A, n, O[k]);
          }
        }
      }
      return A;
    },
    // §23.2.3.9 %TypedArray%.prototype.fill ( value [ , start [ , end ] ] ): the conversions here, in
    // order, against the length before them; then the host fills with primitives.
    fill(this: unknown, value: unknown, start: unknown, end: unknown): unknown {
      const O = this as object;
      let len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.fill', 'write');
      const numeric = isBigIntContentType(typedArrayName(O)!) ? ToBigInt(realm, value) : ToNumber(realm, value);
      const relativeStart = ToIntegerOrInfinity(realm, start);
      const startIndex = relativeStart === -Infinity ? 0 : relativeStart < 0 ? MathMax(len + relativeStart, 0) : MathMin(relativeStart, len);
      const relativeEnd = end === undefined ? len : ToIntegerOrInfinity(realm, end);
      let endIndex = relativeEnd === -Infinity ? 0 : relativeEnd < 0 ? MathMax(len + relativeEnd, 0) : MathMin(relativeEnd, len);
      if (IsTypedArrayOutOfBounds(O)) realm.throwTypeError('Cannot perform %TypedArray%.prototype.fill on a detached ArrayBuffer');
      len = MathMin(len, TypedArrayLength(O));
      endIndex = MathMin(endIndex, len);
      ReflectApply(hostFill, O, [numeric, startIndex, endIndex]);
      return O;
    },
    // §23.2.3.16 %TypedArray%.prototype.includes ( searchElement [ , fromIndex ] ): elements past a
    // length the conversion of fromIndex shrank read as undefined.
    includes(this: unknown, searchElement: unknown, fromIndex: unknown): boolean {
      const O = this as object;
      const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.includes');
      if (len === 0) return false;
      let n = ToIntegerOrInfinity(realm, fromIndex);
      if (n === Infinity) return false;
      if (n === -Infinity) n = 0;
      const k = n >= 0 ? n : MathMax(len + n, 0);
      if (k >= len) return false;
      const currentLength = TypedArrayLength(O);
      if (searchElement === undefined) return MathMax(k, currentLength) < len;
      if (currentLength === 0) return false;
      if (currentLength > len) {
        // The array grew: only the first `len` elements are searched.
        for (let i = k; i < len; i++) if (SameValueZero((O as Record<number, unknown>)[i], searchElement)) return true;
        return false;
      }
      return ReflectApply(hostIncludes, typedArraySlots(O), [searchElement, k]) as boolean;
    },
    // §23.2.3.30 %TypedArray%.prototype.subarray ( start, end )
    subarray(this: unknown, start: unknown, end: unknown): object {
      const O = this as object;
      if (!isTypedArray(O)) realm.throwTypeError('this is not a typed array.');
      const buffer = viewedArrayBuffer(O);
      const srcLength = IsTypedArrayOutOfBounds(O) ? 0 : TypedArrayLength(O);
      const relativeStart = ToIntegerOrInfinity(realm, start);
      const startIndex = relativeStart === -Infinity ? 0 : relativeStart < 0 ? MathMax(srcLength + relativeStart, 0) : MathMin(relativeStart, srcLength);
      const elementSize = TypedArrayElementSize(typedArrayName(O)!);
      const beginByteOffset = typedArrayByteOffset(O) + startIndex * elementSize;
      if (isLengthTrackingView(O) && end === undefined) return TypedArraySpeciesCreate(realm, O, [buffer, beginByteOffset]);
      const relativeEnd = end === undefined ? srcLength : ToIntegerOrInfinity(realm, end);
      const endIndex = relativeEnd === -Infinity ? 0 : relativeEnd < 0 ? MathMax(srcLength + relativeEnd, 0) : MathMin(relativeEnd, srcLength);
      const newLength = MathMax(endIndex - startIndex, 0);
      return TypedArraySpeciesCreate(realm, O, [buffer, beginByteOffset, newLength]);
    },
    // §23.2.3.33 %TypedArray%.prototype.toReversed ( )
    toReversed(this: unknown): object {
      const O = this as Record<number, unknown>;
      const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.toReversed');
      const A = TypedArrayCreateSameType(realm, O, len) as Record<number, unknown>;
      for (let k = 0; k < len; k++) A[k] = O[len - 1 - k];
      return A;
    },
    // §23.2.3.34 %TypedArray%.prototype.toSorted ( comparator ): the copy is sorted by the host's sort,
    // which calls the comparator as SortIndexedProperties does (the copy is unreachable from guest code).
    toSorted(this: unknown, comparator: unknown): object {
      if (comparator !== undefined && !IsCallable(comparator)) realm.throwTypeError('The comparison function must be either a function or undefined');
      const O = this as Record<number, unknown>;
      const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.toSorted');
      const A = TypedArrayCreateSameType(realm, O, len) as Record<number, unknown>;
      for (let k = 0; k < len; k++) A[k] = O[k];
      ReflectApply(hostSort, A, [typeof comparator === 'function' ? comparatorForHost(comparator) : comparator]);
      return A;
    },
    // §23.2.3.36 %TypedArray%.prototype.with ( index, value )
    with(this: unknown, index: unknown, value: unknown): object {
      const O = this as Record<number, unknown>;
      const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.with');
      const relativeIndex = ToIntegerOrInfinity(realm, index);
      const actualIndex = relativeIndex >= 0 ? relativeIndex : len + relativeIndex;
      const numericValue = isBigIntContentType(typedArrayName(O)!) ? ToBigInt(realm, value) : ToNumber(realm, value);
      if (!IsValidIntegerIndex(O, actualIndex)) realm.throwRangeError('Invalid typed array index');
      const A = TypedArrayCreateSameType(realm, O, len) as Record<number, unknown>;
      for (let k = 0; k < len; k++) {
        tick(k);
        A[k] = k === actualIndex ? numericValue : O[k];
      }
      return A;
    },
    // §23.2.3.38 get %TypedArray%.prototype [ @@toStringTag ]: undefined for anything else, never throws.
    toStringTag(this: unknown): string | undefined {
      return typedArrayName(this);
    },
  };
  const hostFill = hostFunction(D, 'fill');
  const hostIncludes = hostFunction(D, 'includes');
  const hostSort = hostFunction(D, 'sort');
  const table: BuiltinEntry[] = [
    // §23.2.3.2–3.5, .21 get buffer, byteLength, byteOffset, length
    accessor('buffer', typedArrayHostGetter(realm, hostFunction(D, 'buffer', 'get'))),
    accessor('byteLength', typedArrayHostGetter(realm, hostFunction(D, 'byteLength', 'get'))),
    accessor('byteOffset', typedArrayHostGetter(realm, hostFunction(D, 'byteOffset', 'get'))),
    accessor('length', typedArrayHostGetter(realm, hostFunction(D, 'length', 'get'))),
    method('entries', 0, iteration('key+value', 'entries')),
    method('keys', 0, iteration('key', 'keys')),
    method('values', 0, values),
    method('toLocaleString', 0, own.toLocaleString),
    method('fill', 1, guarded(realm, own.fill)),
    method('filter', 1, guarded(realm, own.filter)),
    method('map', 1, guarded(realm, own.map)),
    method('slice', 2, guarded(realm, own.slice)),
    method('includes', 1, guarded(realm, own.includes)),
    method('subarray', 2, guarded(realm, own.subarray)),
    method('toReversed', 0, guarded(realm, own.toReversed)),
    method('toSorted', 1, guarded(realm, own.toSorted)),
    method('with', 2, guarded(realm, own.with)),
    // §23.2.3.36 %TypedArray%.prototype.toString is %Array.prototype.toString%.
    value('toString', ObjectGetOwnPropertyDescriptor(I.ArrayPrototype, 'toString')!.value),
    accessor(Symbol.toStringTag, own.toStringTag),
  ];
  // Every one of these is in node 18 and later; a host without one would leave the method absent.
  for (const [name, length] of HOST_METHODS) if (D[name] !== undefined) table.push(method(name, length, typedArrayHostMethod(realm, name, hostFunction(D, name))));
  defineTable(realm, TypedArrayPrototype, table);
  // §23.2.3.37 %TypedArray%.prototype [ @@iterator ] is the same function object as `values`.
  const valuesFn = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'values')!.value as unknown;
  defineTable(realm, TypedArrayPrototype, [value(SymbolIterator, valuesFn)]);
}
