// %Array% and %Array.prototype% (ECMA-262 §23.1).
//
// Every algorithm is the spec's, written with the host's own property operators: in strict code
// `O[k]` is Get, `k in O` is HasProperty, `O[k] = v` is Set(…, true) and `delete O[k]` is
// DeletePropertyOrThrow, so proxies, getters and frozen objects behave as the spec says, and a plain
// dense array runs a tight loop V8 optimises (its own Array.prototype methods lose their fast paths
// on arrays whose prototype is a realm's, see BRIEF). Host errors those operators raise are brought
// into the realm by the wrapper every builtin runs in (`wrap`).
//
// Result arrays no guest code can see before they are returned (map, filter, slice, … when no
// @@species constructor applies) are built as host-prototype arrays and given the realm's
// %Array.prototype% at the end: CreateDataProperty on a fresh array and a plain store are then
// indistinguishable, and the store is the fast one.
import type { Realm } from '../realm.js';
import { agent } from '../agent.js';
import { ELEMENT_BYTES, STRING_BYTES } from '../allocation.js';
import { toRealmError } from '../host-errors.js';
import { callBuiltinFromHost } from '../membrane.js';
import { accessor, createBuiltinConstructor, defineTable, m, method, value, wrap, type BuiltinEntry, type BuiltinImpl, calledByHost } from '../builtin.js';
import {
  Construct, CreateDataPropertyOrThrow, DONE, GetIteratorFromMethod, GetMethod,
  GetPrototypeFromConstructor, Invoke, IsArray, IsConstructor, IteratorCloseOnThrow, IteratorStepValue,
  LengthOfArrayLike, MAX_SAFE_INTEGER, SameValueZero, ToIntegerOrInfinity, ToObject, ToString,
  ToUint32, adoptArray, describeValue, isObject, setFunctionRealm,
} from '../abstract-ops.js';
import { createArrayIterator, installArrayIterator } from './array-iterator.js';
import { arrayFromAsync } from './array-from-async.js';
import { repeatedCall } from './repeated-call.js';
import { mergeSortWithComparator } from './merge-sort.js';
import type { RepeatedCall } from '../evaluator-hooks.js';
import { isKnownProxy } from '../membrane.js';
import {
  ArrayIsArray, ArrayPrototypeConcat, ArrayPrototypeIncludes, ArrayPrototypeIndexOf, ArrayPrototypeJoin,
  ArrayPrototypeLastIndexOf, ArrayPrototypeSort, MathClz32, ObjectGetPrototypeOf, HostArray, HostNumber, HostString, MathFloor, MathMax, MathMin, ObjectCreate, ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor, ObjectSetPrototypeOf, ReflectApply, SymbolIsConcatSpreadable, SymbolIterator,
  SymbolSpecies, SymbolUnscopables,
} from '../primordials.js';

const MAX_ARRAY_LENGTH = 4294967295;

/** The %Array% of every realm made here, and the host's: ArraySpeciesCreate (§10.4.2.3) must not
 * construct through another realm's %Array%. */
const arrayConstructors = new WeakSet<Function>([HostArray]);

/** ArrayCreate (§10.4.2.2). */
export function arrayCreate(realm: Realm, length: number, proto?: object): unknown[] {
  if (length > MAX_ARRAY_LENGTH) realm.throwRangeError('Invalid array length');
  const a: unknown[] = [];
  // The host allocates the elements of a length set (V8 up to 32M of them): counted by length.
  if (length !== 0) { agent.charge(ELEMENT_BYTES * length); a.length = length; }
  const p = proto ?? realm.intrinsics.ArrayPrototype;
  if (!(realm.isHost && p === HostArray.prototype)) ObjectSetPrototypeOf(a, p);
  return a;
}

/** A host-prototype array for a result no guest code sees before `adoptArray`. Checks ArrayCreate's
 * length limit up front, where the spec would throw. */
function freshArray(realm: Realm, length: number): unknown[] {
  if (length > MAX_ARRAY_LENGTH) realm.throwRangeError('Invalid array length');
  return [];
}

/** `X called on null or undefined`, then ToObject (§7.1.18). */
export function thisObject(realm: Realm, v: unknown, name: string): object {
  if (v === undefined || v === null) realm.throwTypeError(`${name} called on null or undefined`);
  return ToObject(realm, v);
}

function requireCallable(realm: Realm, f: unknown): Function {
  if (typeof f !== 'function') realm.throwTypeError(`${describeValue(f)} is not a function`);
  return f;
}

/** Length from a `length` value, skipping ToLength's work for the common in-range integer. */
function lengthOf(realm: Realm, O: object): number {
  const l = (O as { length?: unknown }).length;
  if (typeof l === 'number' && l >= 0 && l <= MAX_SAFE_INTEGER && l % 1 === 0) return l;
  return LengthOfArrayLike(realm, { length: l });
}

/** Relative start/end argument → index in [0, len] (the clamping shared by slice, fill, …). */
function relativeIndex(realm: Realm, arg: unknown, len: number, ifUndefined: number): number {
  if (arg === undefined) return ifUndefined;
  const rel = ToIntegerOrInfinity(realm, arg);
  if (rel < 0) return rel === -Infinity ? 0 : MathMax(len + rel, 0);
  return MathMin(rel, len);
}

type Obj = Record<PropertyKey, unknown>;

/** Lets a timeout interrupt a long builtin loop: each iteration of index `n` is a step, counted 64 at a
 * time, so the clock is read every few thousand iterations as for guest code (one step per 1024
 * iterations read it every 4M: a timeout of 50 ms fired after seconds on a sparse array-like). */
const tick = (n: number): void => { if ((n & 63) === 0 && (agent.steps -= 64) <= 0) agent.tick(); };

const GROW_BYTES = 1024 * ELEMENT_BYTES;
/** tick for a loop that makes an element (or a string part) per iteration: it also charges the
 * allocation budget (src/realm/allocation.ts) for 1024 elements ahead, so a loop the guest makes as long
 * as it likes (new Array(1e9).fill(0), Array.from({ length: 1e9 })) stops at the budget. */
const grow = (n: number): void => {
  if ((n & 63) === 0) {
    if ((n & 1023) === 0) agent.charge(GROW_BYTES);
    if ((agent.steps -= 64) <= 0) agent.tick();
  }
};

/** The most elements a builtin hands to the host's own method in one uninterruptible call (a dense
 * array's scan or copy takes a few ms; a sparse one's is the host's per-index loop, still bounded). */
const HOST_BATCH = 1 << 22;

/** Below this many elements the loops here beat a call of the host's method and its checks. */
const HOST_MIN = 128;

/** Charges the steps a builtin's loop over `n` elements would have ticked (one per 1024), before the
 * host runs that loop in one call: a run whose time is up stops here. */
const hostLoop = (n: number): void => {
  agent.steps -= (n >> 10) + 1;
  if (agent.steps <= 0) agent.tick();
};

/** `O` is a host Array (not a Proxy: its `length` is an own data property, whose second read by the
 * host's own method nobody can observe) of HOST_MIN to HOST_BATCH elements. The host's Array.prototype
 * methods are the spec's algorithms (Get/HasProperty on `O` and its chain: guest getters and traps on
 * the chain run as the spec says), so handing them such an `O` is unobservable. */
function hostArrayWithin(O: object, len: number): boolean {
  return len >= HOST_MIN && len <= HOST_BATCH && ArrayIsArray(O) && !isKnownProxy(O);
}

// ---------------------------------------------------------------------------------------------
// §10.4.2.3 ArraySpeciesCreate, split in two: the constructor to use (undefined: a plain Array of
// this realm, built fresh), and creation.

function arraySpeciesConstructor(realm: Realm, originalArray: object): Function | undefined {
  if (!IsArray(realm, originalArray)) return undefined;
  let C: unknown = (originalArray as Obj).constructor;
  if (IsConstructor(C) && C !== realm.intrinsics.Array && arrayConstructors.has(C)) C = undefined;
  if (isObject(C)) {
    C = (C as unknown as Obj)[SymbolSpecies];
    if (C === null) C = undefined;
  }
  if (C === undefined) return undefined;
  if (!IsConstructor(C)) realm.throwTypeError('object.constructor[Symbol.species] is not a constructor');
  // Constructing this realm's own %Array% is ArrayCreate with %Array.prototype% (its `prototype` is
  // non-writable and non-configurable), so it takes the fresh path.
  return C === realm.intrinsics.Array ? undefined : C;
}

function speciesCreate(realm: Realm, C: Function | undefined, length: number): Obj {
  return (C === undefined ? freshArray(realm, length) : Construct(C, [length])) as Obj;
}

/** Stores into an ArraySpeciesCreate result: CreateDataPropertyOrThrow, or a plain store when fresh. */
function put(realm: Realm, A: Obj, fresh: boolean, k: number, v: unknown): void {
  if (fresh) A[k] = v;
  else CreateDataPropertyOrThrow(realm, A, k, v);
}

function finish(realm: Realm, A: Obj, fresh: boolean): Obj {
  if (fresh) adoptArray(realm, A as unknown as unknown[]);
  return A;
}

// ---------------------------------------------------------------------------------------------
// §23.1.1 The Array constructor and §23.1.2 its properties

function arrayFrom(realm: Realm, C: unknown, args: unknown[]): unknown {
  const [items, mapfn, thisArg] = args;
  const mapping = mapfn !== undefined;
  const mapper = mapping ? repeatedCall(requireCallable(realm, mapfn), thisArg) : null;
  const usingIterator = GetMethod(realm, items, SymbolIterator);
  if (usingIterator !== undefined) {
    const A = (IsConstructor(C) ? Construct(C) : arrayCreate(realm, 0)) as Obj;
    const rec = GetIteratorFromMethod(realm, items, usingIterator);
    let k = 0;
    for (;;) {
      if (k >= MAX_SAFE_INTEGER) {
        IteratorCloseOnThrow(rec, realm.newError('TypeError', 'Array.from: too many elements'));
      }
      grow(k);
      const next = IteratorStepValue(realm, rec);
      if (next === DONE) {
        A.length = k;
        return A;
      }
      try {
        const mapped = mapping ? mapper!.call2(next, k) : next;
        CreateDataPropertyOrThrow(realm, A, k, mapped);
      } catch (e) {
        IteratorCloseOnThrow(rec, toRealmError(realm, e));
      }
      k++;
    }
  }
  const arrayLike = ToObject(realm, items) as Obj;
  const len = lengthOf(realm, arrayLike);
  const A = (IsConstructor(C) ? Construct(C, [len]) : arrayCreate(realm, len)) as Obj;
  for (let k = 0; k < len; k++) {
    grow(k);
    const kValue = arrayLike[k];
    CreateDataPropertyOrThrow(realm, A, k, mapping ? mapper!.call2(kValue, k) : kValue);
  }
  A.length = len;
  return A;
}

function arrayOf(realm: Realm, C: unknown, items: unknown[]): unknown {
  const len = items.length;
  const A = (IsConstructor(C) ? Construct(C, [len]) : arrayCreate(realm, len)) as Obj;
  for (let k = 0; k < len; k++) CreateDataPropertyOrThrow(realm, A, k, items[k]);
  A.length = len;
  return A;
}

// ---------------------------------------------------------------------------------------------
// §23.1.3 Properties of the Array prototype object

const joinStack: object[] = [];

function at(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.at') as Obj;
  const len = lengthOf(realm, O);
  const rel = ToIntegerOrInfinity(realm, args[0]);
  const k = rel >= 0 ? rel : len + rel;
  if (k < 0 || k >= len) return undefined;
  return O[k];
}

/** IsConcatSpreadable (§23.1.3.2.1) */
function isConcatSpreadable(realm: Realm, O: unknown): boolean {
  if (!isObject(O)) return false;
  const spreadable = (O as Obj)[SymbolIsConcatSpreadable];
  if (spreadable !== undefined) return !!spreadable;
  return IsArray(realm, O);
}

/** Whether IsConcatSpreadable(E) would find no @@isConcatSpreadable (so reading it runs nothing and
 * reading it again is unobservable), and E is not a Proxy; found with own-descriptor reads only. */
function plainForConcat(E: unknown): boolean {
  if (!isObject(E)) return true;
  let p: object | null = E;
  for (let depth = 0; p !== null; depth++) {
    if (depth > 32 || isKnownProxy(p) || ObjectGetOwnPropertyDescriptor(p, SymbolIsConcatSpreadable) !== undefined) return false;
    p = ObjectGetPrototypeOf(p) as object | null;
  }
  return true;
}

/** concat's result made by the host's own concat, when that is unobservable: a fresh result (no
 * @@species constructor), and every item either a primitive or an object without @@isConcatSpreadable
 * and not a Proxy, the arrays among them holding HOST_MIN to HOST_BATCH elements together. The host
 * reads each array's elements as the spec does (HasProperty, Get). Undefined when it does not apply. */
function hostConcat(realm: Realm, O: object, items: unknown[]): unknown[] | undefined {
  // The size first (a Proxy's length is not read: a trap would run), then the checks.
  let total = 0;
  for (let i = -1; i < items.length; i++) {
    const E = i < 0 ? O : items[i];
    if (!isObject(E)) total++;
    else if (isKnownProxy(E)) return undefined;
    else total += ArrayIsArray(E) ? (E as unknown[]).length : 1;
  }
  if (total < HOST_MIN || total > HOST_BATCH) return undefined;
  for (let i = -1; i < items.length; i++) {
    if (!plainForConcat(i < 0 ? O : items[i])) return undefined;
  }
  hostLoop(total);
  agent.charge(ELEMENT_BYTES * total);
  // The receiver: an empty array with a null prototype, so the host's ArraySpeciesCreate finds no
  // `constructor` and makes a plain array (given the realm's prototype by adoptArray).
  const receiver: unknown[] = [];
  ObjectSetPrototypeOf(receiver, null);
  return adoptArray(realm, ReflectApply(ArrayPrototypeConcat, receiver, [O, ...items]) as unknown[]);
}

function concat(realm: Realm, t: unknown, items: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.concat');
  const C = arraySpeciesConstructor(realm, O);
  if (C === undefined) {
    const viaHost = hostConcat(realm, O, items);
    if (viaHost !== undefined) return viaHost;
  }
  const A = speciesCreate(realm, C, 0);
  const fresh = C === undefined;
  let n = 0;
  for (let i = -1; i < items.length; i++) {
    const E = i < 0 ? O : items[i];
    if (isConcatSpreadable(realm, E)) {
      const e = E as Obj;
      const len = lengthOf(realm, e);
      if (n + len > MAX_SAFE_INTEGER) realm.throwTypeError('Invalid array length');
      for (let k = 0; k < len; k++, n++) {
        grow(k);
        if (k in e) put(realm, A, fresh, n, e[k]);
      }
    } else {
      if (n >= MAX_SAFE_INTEGER) realm.throwTypeError('Invalid array length');
      put(realm, A, fresh, n, E);
      n++;
    }
  }
  A.length = n;
  return finish(realm, A, fresh);
}

function copyWithin(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.copyWithin') as Obj;
  const len = lengthOf(realm, O);
  let to = relativeIndex(realm, args[0], len, 0);
  let from = relativeIndex(realm, args[1], len, 0);
  const final = relativeIndex(realm, args[2], len, len);
  let count = MathMin(final - from, len - to);
  let direction = 1;
  if (from < to && to < from + count) {
    direction = -1;
    from = from + count - 1;
    to = to + count - 1;
  }
  while (count > 0) {
    tick(count);
    if (from in O) O[to] = O[from];
    else delete O[to];
    from += direction;
    to += direction;
    count--;
  }
  return O;
}

function iterationImpl(kind: 'key' | 'value' | 'key+value', name: string): BuiltinImpl {
  return (realm, t) => createArrayIterator(realm, thisObject(realm, t, name), kind);
}

function every(realm: Realm, t: unknown, callbackfn: unknown, thisArg: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.every') as Obj;
  const len = lengthOf(realm, O);
  const fn = repeatedCall(requireCallable(realm, callbackfn), thisArg);
  for (let k = 0; k < len; k++) {
    tick(k);
    if (k in O && !fn.call3(O[k], k, O)) return false;
  }
  return true;
}

function some(realm: Realm, t: unknown, callbackfn: unknown, thisArg: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.some') as Obj;
  const len = lengthOf(realm, O);
  const fn = repeatedCall(requireCallable(realm, callbackfn), thisArg);
  for (let k = 0; k < len; k++) {
    tick(k);
    if (k in O && fn.call3(O[k], k, O)) return true;
  }
  return false;
}

function forEach(realm: Realm, t: unknown, callbackfn: unknown, thisArg: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.forEach') as Obj;
  const len = lengthOf(realm, O);
  const fn = repeatedCall(requireCallable(realm, callbackfn), thisArg);
  for (let k = 0; k < len; k++) {
    tick(k);
    if (k in O) fn.call3(O[k], k, O);
  }
  return undefined;
}

function map(realm: Realm, t: unknown, callbackfn: unknown, thisArg: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.map') as Obj;
  const len = lengthOf(realm, O);
  const fn = repeatedCall(requireCallable(realm, callbackfn), thisArg);
  const C = arraySpeciesConstructor(realm, O);
  const A = speciesCreate(realm, C, len);
  const fresh = C === undefined;
  for (let k = 0; k < len; k++) {
    grow(k);
    if (k in O) {
      const v = fn.call3(O[k], k, O);
      // put's store, written here: a store site of its own (put's, shared by every caller, is megamorphic).
      if (fresh) A[k] = v;
      else CreateDataPropertyOrThrow(realm, A, k, v);
    }
  }
  if (fresh) A.length = len;
  return finish(realm, A, fresh);
}

function filter(realm: Realm, t: unknown, callbackfn: unknown, thisArg: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.filter') as Obj;
  const len = lengthOf(realm, O);
  const fn = repeatedCall(requireCallable(realm, callbackfn), thisArg);
  const C = arraySpeciesConstructor(realm, O);
  const A = speciesCreate(realm, C, 0);
  const fresh = C === undefined;
  let to = 0;
  for (let k = 0; k < len; k++) {
    grow(k);
    if (k in O) {
      const kValue = O[k];
      if (fn.call3(kValue, k, O)) {
        // put's store, written here (see map).
        if (fresh) A[to++] = kValue;
        else CreateDataPropertyOrThrow(realm, A, to++, kValue);
      }
    }
  }
  return finish(realm, A, fresh);
}

function fill(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.fill') as Obj;
  const len = lengthOf(realm, O);
  const v = args[0];
  const k0 = relativeIndex(realm, args[1], len, 0);
  const final = relativeIndex(realm, args[2], len, len);
  for (let k = k0; k < final; k++) {
    grow(k);
    O[k] = v;
  }
  return O;
}

/** FindViaPredicate (§23.1.3.12.1); returns [index, value]. */
function findVia(realm: Realm, t: unknown, args: unknown[], name: string, ascending: boolean): [number, unknown] {
  const O = thisObject(realm, t, name) as Obj;
  const len = lengthOf(realm, O);
  const pred = repeatedCall(requireCallable(realm, args[0]), args[1]);
  for (let i = 0; i < len; i++) {
    tick(i);
    const k = ascending ? i : len - 1 - i;
    const kValue = O[k];
    if (pred.call3(kValue, k, O)) return [k, kValue];
  }
  return [-1, undefined];
}

/** FlattenIntoArray (§23.1.3.13.1) */
function flattenIntoArray(realm: Realm, target: Obj, fresh: boolean, source: Obj, sourceLen: number, start: number,
  depth: number, mapper?: RepeatedCall): number {
  let targetIndex = start;
  for (let sourceIndex = 0; sourceIndex < sourceLen; sourceIndex++) {
    grow(sourceIndex);
    if (!(sourceIndex in source)) continue;
    let element = source[sourceIndex];
    if (mapper !== undefined) element = mapper.call3(element, sourceIndex, source);
    if (depth > 0 && IsArray(realm, element)) {
      const e = element as Obj;
      targetIndex = flattenIntoArray(realm, target, fresh, e, lengthOf(realm, e), targetIndex, depth === Infinity ? Infinity : depth - 1);
    } else {
      if (targetIndex >= MAX_SAFE_INTEGER) realm.throwTypeError('Invalid array length');
      put(realm, target, fresh, targetIndex, element);
      targetIndex++;
    }
  }
  return targetIndex;
}

function flat(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.flat') as Obj;
  const sourceLen = lengthOf(realm, O);
  let depthNum = 1;
  if (args[0] !== undefined) {
    depthNum = ToIntegerOrInfinity(realm, args[0]);
    if (depthNum < 0) depthNum = 0;
  }
  const C = arraySpeciesConstructor(realm, O);
  const A = speciesCreate(realm, C, 0);
  const fresh = C === undefined;
  const n = flattenIntoArray(realm, A, fresh, O, sourceLen, 0, depthNum);
  if (fresh) A.length = n;
  return finish(realm, A, fresh);
}

function flatMap(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.flatMap') as Obj;
  const sourceLen = lengthOf(realm, O);
  const mapper = args[0];
  if (typeof mapper !== 'function') realm.throwTypeError('flatMap mapper function is not callable');
  const C = arraySpeciesConstructor(realm, O);
  const A = speciesCreate(realm, C, 0);
  const fresh = C === undefined;
  const n = flattenIntoArray(realm, A, fresh, O, sourceLen, 0, 1, repeatedCall(mapper, args[1]));
  if (fresh) A.length = n;
  return finish(realm, A, fresh);
}

function includes(realm: Realm, t: unknown, searchElement: unknown, fromIndex: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.includes') as Obj;
  const len = lengthOf(realm, O);
  if (len === 0) return false;
  if (hostArrayWithin(O, len)) {
    hostLoop(len);
    return ReflectApply(ArrayPrototypeIncludes, O, [searchElement, fromIndex]);
  }
  const search = searchElement;
  const n = ToIntegerOrInfinity(realm, fromIndex);
  if (n === Infinity) return false;
  let k = n >= 0 ? n : MathMax(len + n, 0);
  if (search === search) {
    for (; k < len; k++) {
      tick(k);
      if (O[k] === search) return true;
    }
  } else {
    for (; k < len; k++) {
      tick(k);
      if (SameValueZero(O[k], search)) return true;
    }
  }
  return false;
}

function indexOf(realm: Realm, t: unknown, searchElement: unknown, fromIndex: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.indexOf') as Obj;
  const len = lengthOf(realm, O);
  if (len === 0) return -1;
  if (hostArrayWithin(O, len)) {
    hostLoop(len);
    return ReflectApply(ArrayPrototypeIndexOf, O, [searchElement, fromIndex]);
  }
  const search = searchElement;
  const n = ToIntegerOrInfinity(realm, fromIndex);
  if (n === Infinity) return -1;
  for (let k = n >= 0 ? n : MathMax(len + n, 0); k < len; k++) {
    tick(k);
    if (k in O && O[k] === search) return k;
  }
  return -1;
}

function lastIndexOf(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.lastIndexOf') as Obj;
  const len = lengthOf(realm, O);
  if (len === 0) return -1;
  if (hostArrayWithin(O, len)) {
    hostLoop(len);
    // The argument count matters (an absent fromIndex is len - 1, an undefined one is 0): passed as is.
    return ReflectApply(ArrayPrototypeLastIndexOf, O, args);
  }
  const search = args[0];
  const n = args.length > 1 ? ToIntegerOrInfinity(realm, args[1]) : len - 1;
  if (n === -Infinity) return -1;
  for (let k = n >= 0 ? MathMin(n, len - 1) : len + n; k >= 0; k--) {
    tick(k);
    if (k in O && O[k] === search) return k;
  }
  return -1;
}

function join(realm: Realm, t: unknown, separator: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.join') as Obj;
  const len = lengthOf(realm, O);
  const sep = separator === undefined ? ',' : ToString(realm, separator);
  // V8 renders a cyclic reference as the empty string instead of recursing until the stack overflows.
  if (joinStack.includes(O)) return '';
  joinStack.push(O);
  try {
    // Elements are converted in order (objects run guest code); primitives other than symbols are
    // left to the host's join of an internal list, which renders them (and null/undefined) exactly as
    // ToString would, without running guest code.
    // The result's size is counted as the parts are read, and charged before the host makes it.
    const parts: unknown[] = [];
    let size = STRING_BYTES + (len > 0 ? (len - 1) * sep.length : 0);
    for (let k = 0; k < len; k++) {
      grow(k);
      const element = O[k];
      if (typeof element === 'string') {
        size += element.length;
        parts.push(element);
      } else if (typeof element === 'object' && element !== null || typeof element === 'function' || typeof element === 'symbol') {
        const s = ToString(realm, element);
        size += s.length;
        parts.push(s);
      } else {
        size += 8;
        parts.push(element);
      }
    }
    agent.charge(size);
    return ReflectApply(ArrayPrototypeJoin, parts, [sep]);
  } finally {
    joinStack.pop();
  }
}

function pop(realm: Realm, t: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.pop') as Obj;
  const len = lengthOf(realm, O);
  if (len === 0) {
    O.length = 0;
    return undefined;
  }
  const newLen = len - 1;
  const element = O[newLen];
  delete O[newLen];
  O.length = newLen;
  return element;
}

function push(realm: Realm, t: unknown, items: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.push') as Obj;
  let len = lengthOf(realm, O);
  const argCount = items.length;
  if (len + argCount > MAX_SAFE_INTEGER) {
    realm.throwTypeError(`Pushing ${argCount} elements on an array-like of length ${len} is disallowed, as the total surpasses 2**53-1`);
  }
  agent.charge(ELEMENT_BYTES * argCount);
  for (let i = 0; i < argCount; i++) O[len++] = items[i];
  O.length = len;
  return len;
}

function reduceImpl(realm: Realm, t: unknown, args: unknown[], name: string, ascending: boolean): unknown {
  const O = thisObject(realm, t, name) as Obj;
  const len = lengthOf(realm, O);
  const fn = repeatedCall(requireCallable(realm, args[0]), undefined);
  let i = 0;
  let accumulator: unknown;
  if (args.length >= 2) {
    accumulator = args[1];
  } else {
    let found = false;
    for (; i < len && !found; i++) {
      tick(i);
      const k = ascending ? i : len - 1 - i;
      if (k in O) {
        found = true;
        accumulator = O[k];
      }
    }
    if (!found) realm.throwTypeError('Reduce of empty array with no initial value');
  }
  for (; i < len; i++) {
    tick(i);
    const k = ascending ? i : len - 1 - i;
    if (k in O) accumulator = fn.call4(accumulator, O[k], k, O);
  }
  return accumulator;
}

function reverse(realm: Realm, t: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.reverse') as Obj;
  const len = lengthOf(realm, O);
  const middle = MathFloor(len / 2);
  for (let lower = 0; lower !== middle; lower++) {
    tick(lower);
    const upper = len - lower - 1;
    const lowerExists = lower in O;
    const lowerValue = lowerExists ? O[lower] : undefined;
    const upperExists = upper in O;
    const upperValue = upperExists ? O[upper] : undefined;
    if (lowerExists && upperExists) {
      O[lower] = upperValue;
      O[upper] = lowerValue;
    } else if (upperExists) {
      O[lower] = upperValue;
      delete O[upper];
    } else if (lowerExists) {
      delete O[lower];
      O[upper] = lowerValue;
    }
  }
  return O;
}

function shift(realm: Realm, t: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.shift') as Obj;
  const len = lengthOf(realm, O);
  if (len === 0) {
    O.length = 0;
    return undefined;
  }
  const first = O[0];
  for (let k = 1; k < len; k++) {
    tick(k);
    if (k in O) O[k - 1] = O[k];
    else delete O[k - 1];
  }
  delete O[len - 1];
  O.length = len - 1;
  return first;
}

function slice(realm: Realm, t: unknown, start: unknown, end: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.slice') as Obj;
  const len = lengthOf(realm, O);
  let k = relativeIndex(realm, start, len, 0);
  const final = relativeIndex(realm, end, len, len);
  const count = MathMax(final - k, 0);
  const C = arraySpeciesConstructor(realm, O);
  const A = speciesCreate(realm, C, count);
  const fresh = C === undefined;
  let n = 0;
  for (; k < final; k++, n++) {
    grow(k);
    if (k in O) put(realm, A, fresh, n, O[k]);
  }
  A.length = n;
  return finish(realm, A, fresh);
}

/** SortIndexedProperties (§23.1.3.30.1) followed by the sort itself, on an internal list with
 * CompareArrayElements' rules (undefined last; comparator result through ToNumber, NaN as +0; otherwise
 * ToString order): with a comparator, a stable merge sort of ours calling it (merge-sort.ts); without,
 * V8's (stable) sort, which implements the ToString order. */
function sortIndexedProperties(realm: Realm, O: Obj, len: number, skipHoles: boolean, comparefn: unknown): unknown[] {
  const items: unknown[] = [];
  let allNumbers = comparefn === undefined;
  for (let k = 0; k < len; k++) {
    grow(k);
    if (!skipHoles || k in O) {
      const v = O[k];
      if (allNumbers && (typeof v !== 'number' || (v === 0 && 1 / v < 0))) allNumbers = false;
      items.push(v);
    }
  }
  // The host sorts in one uninterruptible call: the steps its n·log n comparisons are worth (as a loop
  // ticks, one per 1024) are counted first, so that a run sorting again and again reads the clock.
  const n = items.length;
  if (n >= HOST_MIN) hostLoop(n * (32 - MathClz32(n)));
  if (allNumbers && n >= HOST_MIN) sortNumbersAsStrings(items as number[]);
  else if (comparefn !== undefined) mergeSortWithComparator(realm, items, repeatedCall(comparefn as Function, undefined));
  else ReflectApply(ArrayPrototypeSort, items, []);
  return items;
}

/** The default order (CompareArrayElements with an undefined comparator: ToString of each, compared
 * as strings) of a list of numbers none of which is -0: each number's string is made once and the
 * strings sorted (stably) by the host; a number's ToString gives it back exactly under Number(), the
 * only two numbers with one string being +0 and -0, excluded. The host's own default sort converts
 * numbers at every comparison (through a cache whose size depends on the heap), 1.5-2.5x slower. */
function sortNumbersAsStrings(items: number[]): void {
  const n = items.length;
  const strings: string[] = [];
  for (let i = 0; i < n; i++) strings.push(HostString(items[i]));
  ReflectApply(ArrayPrototypeSort, strings, []);
  for (let i = 0; i < n; i++) items[i] = HostNumber(strings[i]);
}

function checkComparator(realm: Realm, comparefn: unknown): void {
  if (comparefn !== undefined && typeof comparefn !== 'function') {
    realm.throwTypeError('The comparison function must be either a function or undefined');
  }
}

function sort(realm: Realm, t: unknown, args: unknown[]): unknown {
  const comparefn = args[0];
  checkComparator(realm, comparefn);
  const O = thisObject(realm, t, 'Array.prototype.sort') as Obj;
  const len = lengthOf(realm, O);
  const items = sortIndexedProperties(realm, O, len, true, comparefn);
  const itemCount = items.length;
  let j = 0;
  for (; j < itemCount; j++) O[j] = items[j];
  // The holes that were skipped end up at the end, deleted.
  for (; j < len; j++) {
    tick(j);
    delete O[j];
  }
  return O;
}

function splice(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.splice') as Obj;
  const len = lengthOf(realm, O);
  const actualStart = relativeIndex(realm, args[0], len, 0);
  const itemCount = MathMax(args.length - 2, 0);
  let actualDeleteCount: number;
  if (args.length === 0) actualDeleteCount = 0;
  else if (args.length === 1) actualDeleteCount = len - actualStart;
  else {
    const dc = ToIntegerOrInfinity(realm, args[1]);
    actualDeleteCount = MathMin(MathMax(dc, 0), len - actualStart);
  }
  if (len + itemCount - actualDeleteCount > MAX_SAFE_INTEGER) realm.throwTypeError('Invalid array length');
  const C = arraySpeciesConstructor(realm, O);
  const A = speciesCreate(realm, C, actualDeleteCount);
  const fresh = C === undefined;
  for (let k = 0; k < actualDeleteCount; k++) {
    grow(k);
    const from = actualStart + k;
    if (from in O) put(realm, A, fresh, k, O[from]);
  }
  A.length = actualDeleteCount;
  finish(realm, A, fresh);
  if (itemCount < actualDeleteCount) {
    for (let k = actualStart; k < len - actualDeleteCount; k++) {
      tick(k);
      const from = k + actualDeleteCount;
      const to = k + itemCount;
      if (from in O) O[to] = O[from];
      else delete O[to];
    }
    for (let k = len; k > len - actualDeleteCount + itemCount; k--) {
      tick(k);
      delete O[k - 1];
    }
  } else if (itemCount > actualDeleteCount) {
    for (let k = len - actualDeleteCount; k > actualStart; k--) {
      tick(k);
      const from = k + actualDeleteCount - 1;
      const to = k + itemCount - 1;
      if (from in O) O[to] = O[from];
      else delete O[to];
    }
  }
  for (let i = 0; i < itemCount; i++) O[actualStart + i] = args[i + 2];
  O.length = len - actualDeleteCount + itemCount;
  return A;
}

/** In a realm with Intl, ECMA-402 (§19.5.1) passes `locales` and `options` on to each element's
 * toLocaleString; ECMA-262 alone passes nothing. */
function toLocaleString(realm: Realm, t: unknown, args: unknown[]): unknown {
  const array = thisObject(realm, t, 'Array.prototype.toLocaleString') as Obj;
  const len = lengthOf(realm, array);
  const invokeArgs = realm.intrinsics.Intl === undefined ? [] : [args[0], args[1]];
  if (joinStack.includes(array)) return '';
  joinStack.push(array);
  try {
    let R = '';
    for (let k = 0; k < len; k++) {
      grow(k);
      if (k > 0) R += ',';
      const element = array[k];
      if (element !== undefined && element !== null) R += ToString(realm, Invoke(realm, element, 'toLocaleString', invokeArgs));
    }
    return R;
  } finally {
    joinStack.pop();
  }
}

function toReversed(realm: Realm, t: unknown): unknown {
  const O = thisObject(realm, t, 'Array.prototype.toReversed') as Obj;
  const len = lengthOf(realm, O);
  const A = freshArray(realm, len);
  for (let k = 0; k < len; k++) {
    grow(k);
    A[k] = O[len - k - 1];
  }
  return adoptArray(realm, A);
}

function toSorted(realm: Realm, t: unknown, args: unknown[]): unknown {
  const comparefn = args[0];
  checkComparator(realm, comparefn);
  const O = thisObject(realm, t, 'Array.prototype.toSorted') as Obj;
  const len = lengthOf(realm, O);
  freshArray(realm, len);
  return adoptArray(realm, sortIndexedProperties(realm, O, len, false, comparefn));
}

function toSpliced(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.toSpliced') as Obj;
  const len = lengthOf(realm, O);
  const actualStart = relativeIndex(realm, args[0], len, 0);
  const insertCount = MathMax(args.length - 2, 0);
  let actualSkipCount: number;
  if (args.length === 0) actualSkipCount = 0;
  else if (args.length === 1) actualSkipCount = len - actualStart;
  else actualSkipCount = MathMin(MathMax(ToIntegerOrInfinity(realm, args[1]), 0), len - actualStart);
  const newLen = len + insertCount - actualSkipCount;
  if (newLen > MAX_SAFE_INTEGER) realm.throwTypeError('Invalid array length');
  const A = freshArray(realm, newLen);
  let i = 0;
  let r = actualStart + actualSkipCount;
  for (; i < actualStart; i++) {
    grow(i);
    A[i] = O[i];
  }
  for (let j = 0; j < insertCount; j++) A[i++] = args[j + 2];
  for (; i < newLen; i++, r++) {
    grow(i);
    A[i] = O[r];
  }
  return adoptArray(realm, A);
}

function arrayToString(realm: Realm, t: unknown): unknown {
  const array = ToObject(realm, t) as Obj;
  let func = array.join;
  if (typeof func !== 'function') func = objectPrototypeToString(realm);
  return ReflectApply(func as Function, array, []);
}

/** %Object.prototype.toString%, as builtins-core installed it on this realm's %Object.prototype%. */
function objectPrototypeToString(realm: Realm): Function {
  const intrinsic = realm.intrinsics.ObjectPrototypeToString ?? ObjectGetOwnPropertyDescriptor(realm.intrinsics.ObjectPrototype, 'toString')?.value;
  if (typeof intrinsic !== 'function') throw new Error('vmjs internal: %Object.prototype.toString% is not installed');
  return intrinsic;
}

function unshift(realm: Realm, t: unknown, items: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.unshift') as Obj;
  const len = lengthOf(realm, O);
  const argCount = items.length;
  if (argCount > 0) {
    if (len + argCount > MAX_SAFE_INTEGER) realm.throwTypeError('Invalid array length');
    agent.charge(ELEMENT_BYTES * argCount);
    for (let k = len; k > 0; k--) {
      tick(k);
      const from = k - 1;
      const to = k + argCount - 1;
      if (from in O) O[to] = O[from];
      else delete O[to];
    }
    for (let j = 0; j < argCount; j++) O[j] = items[j];
  }
  O.length = len + argCount;
  return len + argCount;
}

function arrayWith(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = thisObject(realm, t, 'Array.prototype.with') as Obj;
  const len = lengthOf(realm, O);
  const relativeIndex = ToIntegerOrInfinity(realm, args[0]);
  const actualIndex = relativeIndex >= 0 ? relativeIndex : len + relativeIndex;
  if (actualIndex >= len || actualIndex < 0) realm.throwRangeError(`Invalid index : ${describeValue(args[0])}`);
  const A = freshArray(realm, len);
  const v = args[1];
  for (let k = 0; k < len; k++) {
    grow(k);
    A[k] = k === actualIndex ? v : O[k];
  }
  return adoptArray(realm, A);
}

// ---------------------------------------------------------------------------------------------

/** Creates %Array%, %Array.prototype% and %ArrayIteratorPrototype% for `realm` and defines `Array`
 * on its global object. */
export function installArray(realm: Realm): void {
  installArrayIterator(realm);
  // %Array.prototype% is itself an Array exotic object (§23.1.3).
  const proto: unknown[] = [];
  ObjectSetPrototypeOf(proto, realm.intrinsics.ObjectPrototype);

  const ArrayCtor = function Array(this: unknown, ...values: unknown[]): unknown {
    try {
      const nt = new.target === undefined ? ArrayCtor : new.target;
      const p = GetPrototypeFromConstructor(realm, nt, 'ArrayPrototype');
      const n = values.length;
      if (n === 0) return arrayCreate(realm, 0, p);
      if (n === 1) {
        const len = values[0];
        const array = arrayCreate(realm, 0, p);
        if (typeof len !== 'number') {
          CreateDataPropertyOrThrow(realm, array, 0, len);
          return array;
        }
        const intLen = ToUint32(realm, len);
        if (intLen !== len) realm.throwRangeError('Invalid array length');
        // The host allocates the elements (V8 up to 32M of them): counted by length.
        agent.charge(ELEMENT_BYTES * intLen);
        array.length = intLen;
        return array;
      }
      const array = arrayCreate(realm, 0, p);
      for (let k = 0; k < n; k++) CreateDataPropertyOrThrow(realm, array, k, values[k]);
      return array;
    } catch (e) {
      throw toRealmError(realm, e);
    }
  };
  createBuiltinConstructor(realm, ArrayCtor, 'Array', 1, proto);
  arrayConstructors.add(ArrayCtor);
  setFunctionRealm(ArrayCtor, realm);
  realm.intrinsics.Array = ArrayCtor;
  realm.intrinsics.ArrayPrototype = proto;

  defineTable(realm, ArrayCtor, [
    m(realm, 'from', 1, arrayFrom),
    m(realm, 'fromAsync', 1, arrayFromAsync),
    m(realm, 'isArray', 1, (r, _t, args) => IsArray(r, args[0])),
    m(realm, 'of', 0, arrayOf),
    accessor(SymbolSpecies, wrap(realm, (_r, t) => t)),
  ]);

  const values = wrap(realm, iterationImpl('value', 'Array.prototype.values'));
  // The hottest methods skip `wrap`'s rest array and indirect call; like `wrap`, those that loop run under
  // the context's budget when host code calls them outside a run (membrane.ts callBuiltinFromHost).
  const hot = {
    every(this: unknown, callbackfn: unknown, thisArg: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.every, this, [callbackfn, thisArg]);
      try { return every(realm, this, callbackfn, thisArg); } catch (e) { throw toRealmError(realm, e); }
    },
    filter(this: unknown, callbackfn: unknown, thisArg: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.filter, this, [callbackfn, thisArg]);
      try { return filter(realm, this, callbackfn, thisArg); } catch (e) { throw toRealmError(realm, e); }
    },
    forEach(this: unknown, callbackfn: unknown, thisArg: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.forEach, this, [callbackfn, thisArg]);
      try { return forEach(realm, this, callbackfn, thisArg); } catch (e) { throw toRealmError(realm, e); }
    },
    includes(this: unknown, searchElement: unknown, fromIndex: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.includes, this, [searchElement, fromIndex]);
      try { return includes(realm, this, searchElement, fromIndex); } catch (e) { throw toRealmError(realm, e); }
    },
    indexOf(this: unknown, searchElement: unknown, fromIndex: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.indexOf, this, [searchElement, fromIndex]);
      try { return indexOf(realm, this, searchElement, fromIndex); } catch (e) { throw toRealmError(realm, e); }
    },
    join(this: unknown, separator: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.join, this, [separator]);
      try { return join(realm, this, separator); } catch (e) { throw toRealmError(realm, e); }
    },
    map(this: unknown, callbackfn: unknown, thisArg: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.map, this, [callbackfn, thisArg]);
      try { return map(realm, this, callbackfn, thisArg); } catch (e) { throw toRealmError(realm, e); }
    },
    pop(this: unknown): unknown {
      try { return pop(realm, this); } catch (e) { throw toRealmError(realm, e); }
    },
    push(this: unknown, ...items: unknown[]): unknown {
      try { return push(realm, this, items); } catch (e) { throw toRealmError(realm, e); }
    },
    slice(this: unknown, start: unknown, end: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.slice, this, [start, end]);
      try { return slice(realm, this, start, end); } catch (e) { throw toRealmError(realm, e); }
    },
    some(this: unknown, callbackfn: unknown, thisArg: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, hot.some, this, [callbackfn, thisArg]);
      try { return some(realm, this, callbackfn, thisArg); } catch (e) { throw toRealmError(realm, e); }
    },
  };
  const unscopables = ObjectCreate(null) as Record<string, boolean>;
  for (const k of ['at', 'copyWithin', 'entries', 'fill', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat',
    'flatMap', 'includes', 'keys', 'toReversed', 'toSorted', 'toSpliced', 'values']) {
    unscopables[k] = true;
  }
  defineTable(realm, proto, [
    m(realm, 'at', 1, at),
    m(realm, 'concat', 1, concat),
    m(realm, 'copyWithin', 2, copyWithin),
    m(realm, 'entries', 0, iterationImpl('key+value', 'Array.prototype.entries')),
    method('every', 1, hot.every),
    m(realm, 'fill', 1, fill),
    method('filter', 1, hot.filter),
    m(realm, 'find', 1, (r, t, a) => findVia(r, t, a, 'Array.prototype.find', true)[1]),
    m(realm, 'findIndex', 1, (r, t, a) => findVia(r, t, a, 'Array.prototype.findIndex', true)[0]),
    m(realm, 'findLast', 1, (r, t, a) => findVia(r, t, a, 'Array.prototype.findLast', false)[1]),
    m(realm, 'findLastIndex', 1, (r, t, a) => findVia(r, t, a, 'Array.prototype.findLastIndex', false)[0]),
    m(realm, 'flat', 0, flat),
    m(realm, 'flatMap', 1, flatMap),
    method('forEach', 1, hot.forEach),
    method('includes', 1, hot.includes),
    method('indexOf', 1, hot.indexOf),
    method('join', 1, hot.join),
    m(realm, 'keys', 0, iterationImpl('key', 'Array.prototype.keys')),
    m(realm, 'lastIndexOf', 1, lastIndexOf),
    method('map', 1, hot.map),
    method('pop', 0, hot.pop),
    method('push', 1, hot.push),
    m(realm, 'reduce', 1, (r, t, a) => reduceImpl(r, t, a, 'Array.prototype.reduce', true)),
    m(realm, 'reduceRight', 1, (r, t, a) => reduceImpl(r, t, a, 'Array.prototype.reduceRight', false)),
    m(realm, 'reverse', 0, reverse),
    m(realm, 'shift', 0, shift),
    method('slice', 2, hot.slice),
    method('some', 1, hot.some),
    m(realm, 'sort', 1, sort),
    m(realm, 'splice', 2, splice),
    m(realm, 'toLocaleString', 0, toLocaleString),
    m(realm, 'toReversed', 0, toReversed),
    m(realm, 'toSorted', 1, toSorted),
    m(realm, 'toSpliced', 2, toSpliced),
    m(realm, 'toString', 0, arrayToString),
    m(realm, 'unshift', 1, unshift),
    method('values', 0, values),
    m(realm, 'with', 2, arrayWith),
    value(SymbolUnscopables, unscopables, { writable: false }),
  ]);
  // %Array.prototype%[@@iterator] is the same function object as %Array.prototype.values% (§23.1.3.40).
  ObjectDefineProperty(proto, SymbolIterator, { value: (proto as unknown as Obj).values, writable: true, enumerable: false, configurable: true });
  realm.intrinsics.ArrayPrototypeValues = (proto as unknown as Obj).values as Function;

  ObjectDefineProperty(realm.globalObject, 'Array', { value: ArrayCtor, writable: true, enumerable: false, configurable: true });
}
