// The host's own functions and objects, captured once, when vmjs loads. Guest code running in the
// host realm (runInThisContext) may later replace or delete `Object.create`, `Reflect.apply`,
// `Symbol.iterator`, `Array.prototype.sort`… on the host's globals; the builtins use these copies so
// a realm keeps working, and keeps its spec behaviour, whatever guest code does to the host.
//
// Names follow Node's primordials: `<Global><Property>` for statics (`ObjectCreate`, `MathMax`,
// `SymbolIterator`), `<Global>Prototype<Method>` for methods to call with ReflectApply, and
// `Host<Global>` for a constructor or namespace itself.

// ---------------------------------------------------------------------------------------------
// Namespaces and constructors

export const HostReflect = Reflect;
export const HostMath = Math;
export const HostObject = Object;
export const HostArray = Array;
export const HostString = String;
export const HostNumber = Number;
export const HostBigInt = BigInt;
export const HostSymbol = Symbol;
export const HostError = Error;
export const HostTypeError = TypeError;
export const HostRegExp = RegExp;
export const HostDate = Date;
export const HostMap = Map;
export const HostSet = Set;
export const HostWeakMap = WeakMap;
export const HostWeakSet = WeakSet;
export const HostWeakRef = WeakRef;
export const HostFinalizationRegistry = FinalizationRegistry;
export const HostProxy = Proxy;
export const HostPromise = Promise;

// ---------------------------------------------------------------------------------------------
// Reflect

export const {
  apply: ReflectApply,
  construct: ReflectConstruct,
  defineProperty: ReflectDefineProperty,
  deleteProperty: ReflectDeleteProperty,
  get: ReflectGet,
  getOwnPropertyDescriptor: ReflectGetOwnPropertyDescriptor,
  getPrototypeOf: ReflectGetPrototypeOf,
  isExtensible: ReflectIsExtensible,
  ownKeys: ReflectOwnKeys,
  set: ReflectSet,
  setPrototypeOf: ReflectSetPrototypeOf,
} = Reflect;

// ---------------------------------------------------------------------------------------------
// Object

export const {
  assign: ObjectAssign,
  create: ObjectCreate,
  defineProperties: ObjectDefineProperties,
  defineProperty: ObjectDefineProperty,
  entries: ObjectEntries,
  freeze: ObjectFreeze,
  getOwnPropertyDescriptor: ObjectGetOwnPropertyDescriptor,
  getOwnPropertyNames: ObjectGetOwnPropertyNames,
  getOwnPropertySymbols: ObjectGetOwnPropertySymbols,
  getPrototypeOf: ObjectGetPrototypeOf,
  is: ObjectIs,
  isExtensible: ObjectIsExtensible,
  isFrozen: ObjectIsFrozen,
  isSealed: ObjectIsSealed,
  keys: ObjectKeys,
  preventExtensions: ObjectPreventExtensions,
  seal: ObjectSeal,
  setPrototypeOf: ObjectSetPrototypeOf,
  values: ObjectValues,
} = Object;
export const ObjectPrototypeHasOwnProperty = Object.prototype.hasOwnProperty;
export const FunctionPrototypeSymbolHasInstance = Function.prototype[Symbol.hasInstance] as (this: Function, v: unknown) => boolean;
export const ObjectPrototypeToString = Object.prototype.toString;

// ---------------------------------------------------------------------------------------------
// Math

export const { abs: MathAbs, clz32: MathClz32, floor: MathFloor, log2: MathLog2, max: MathMax, min: MathMin, pow: MathPow, trunc: MathTrunc } = Math;

// ---------------------------------------------------------------------------------------------
// Symbol

export const SymbolToPrimitive = Symbol.toPrimitive;
export const SymbolAsyncIterator = Symbol.asyncIterator;
export const SymbolHasInstance = Symbol.hasInstance;
export const SymbolIterator: typeof Symbol.iterator = Symbol.iterator;
export const SymbolSpecies: typeof Symbol.species = Symbol.species;
export const SymbolIsConcatSpreadable: typeof Symbol.isConcatSpreadable = Symbol.isConcatSpreadable;
export const SymbolUnscopables: typeof Symbol.unscopables = Symbol.unscopables;
export const SymbolFor = Symbol.for;
export const SymbolKeyFor = Symbol.keyFor;
export const SymbolPrototypeValueOf = Symbol.prototype.valueOf;
/** Symbol.dispose and Symbol.asyncDispose (ES2026 §20.4.2.2-3): well-known symbols are the agent's, shared
 * with the host, so a host's own well-known ones are used where it has them. node 20's are not: they are
 * `Symbol.for('nodejs.dispose')` and `Symbol.for('nodejs.asyncDispose')`, registry symbols a well-known
 * symbol must not be (Symbol.keyFor would answer); then vmjs makes its own, once per agent. */
const HostSymbolStatics = Symbol as unknown as Record<string, unknown>;
function wellKnownSymbol(name: string): symbol {
  const host = HostSymbolStatics[name];
  if (typeof host === 'symbol' && Symbol.keyFor(host) === undefined && host.description === `Symbol.${name}`) return host;
  return Symbol(`Symbol.${name}`);
}
export const SymbolDispose: symbol = wellKnownSymbol('dispose');
export const SymbolAsyncDispose: symbol = wellKnownSymbol('asyncDispose');

// ---------------------------------------------------------------------------------------------
// Array, String, Number, BigInt, Boolean

export const ArrayIsArray = Array.isArray;
export const ArrayPrototypeConcat = Array.prototype.concat;
export const ArrayPrototypeIncludes = Array.prototype.includes;
export const ArrayPrototypeIndexOf = Array.prototype.indexOf;
export const ArrayPrototypeJoin = Array.prototype.join;
export const ArrayPrototypeLastIndexOf = Array.prototype.lastIndexOf;
export const ArrayPrototypeSlice = Array.prototype.slice;
export const ArrayPrototypeSort = Array.prototype.sort;

export const StringPrototype = String.prototype;
export const StringPrototypeCharCodeAt = String.prototype.charCodeAt;
export const StringPrototypeIndexOf = String.prototype.indexOf;
export const StringPrototypeSlice = String.prototype.slice;
export const StringPrototypeReplaceAll = String.prototype.replaceAll;
export const StringPrototypeSplit = String.prototype.split;
export const StringPrototypeValueOf = String.prototype.valueOf;

export const GlobalParseFloat = parseFloat;
export const GlobalParseInt = parseInt;
export const NumberIsInteger = Number.isInteger;
export const NumberIsFinite = Number.isFinite;
export const NumberPrototypeToString = Number.prototype.toString;
export const NumberPrototypeValueOf = Number.prototype.valueOf;

export const StringFromCharCode = String.fromCharCode;
export const StringFromCodePoint = String.fromCodePoint;
export const StringPrototypeCharAt = String.prototype.charAt;
export const StringPrototypeCodePointAt = String.prototype.codePointAt;
export const StringPrototypeEndsWith = String.prototype.endsWith;
export const StringPrototypeIncludes = String.prototype.includes;
export const StringPrototypeLastIndexOf = String.prototype.lastIndexOf;
export const StringPrototypeStartsWith = String.prototype.startsWith;
export const StringPrototypeSubstr = String.prototype.substr;
export const StringPrototypeSubstring = String.prototype.substring;
export const StringPrototypeToLowerCase = String.prototype.toLowerCase;
export const StringPrototypeToUpperCase = String.prototype.toUpperCase;
export const StringPrototypeTrim = String.prototype.trim;

export const NumberPrototypeToExponential = Number.prototype.toExponential;
export const NumberPrototypeToFixed = Number.prototype.toFixed;
export const NumberPrototypeToLocaleString = Number.prototype.toLocaleString;
export const NumberPrototypeToPrecision = Number.prototype.toPrecision;

export const BigIntAsIntN = BigInt.asIntN;
export const BigIntAsUintN = BigInt.asUintN;
export const BigIntPrototypeToLocaleString = BigInt.prototype.toLocaleString;
export const BigIntPrototypeToString = BigInt.prototype.toString;
export const BigIntPrototypeValueOf = BigInt.prototype.valueOf;
export const BooleanPrototypeValueOf = Boolean.prototype.valueOf;

// ---------------------------------------------------------------------------------------------
// Global functions, Function, JSON, Proxy

export const GlobalDecodeURI = decodeURI;
export const GlobalDecodeURIComponent = decodeURIComponent;
export const GlobalEncodeURI = encodeURI;
export const GlobalEncodeURIComponent = encodeURIComponent;
// Annex B.2.1: present on every host we target, but not guaranteed by ECMAScript.
export const GlobalEscape = (globalThis as { escape?: (s: string) => string }).escape;
export const GlobalUnescape = (globalThis as { unescape?: (s: string) => string }).unescape;

/** The host's Function constructor, as it was at startup: what the compiled tier makes host code with
 * (src/interpreter/tier/host-codegen.ts), never whatever guest code may have put on globalThis. */
export const HostFunction = Function;
export const FunctionPrototypeBind = Function.prototype.bind;
export const JSONParse = JSON.parse;
export const JSONStringify = JSON.stringify;
export const ProxyRevocable = Proxy.revocable;

// ---------------------------------------------------------------------------------------------
// RegExp and Date

export const RegExpPrototype = RegExp.prototype;
export const RegExpPrototypeExec = RegExp.prototype.exec;
export const RegExpPrototypeCompile = RegExp.prototype.compile;

export const DatePrototype = Date.prototype;
export const DatePrototypeGetTime = Date.prototype.getTime;
export const DatePrototypeSetTime = Date.prototype.setTime;
export const DateNow = Date.now;
export const DateParse = Date.parse;
export const DateUTC = Date.UTC;

// ---------------------------------------------------------------------------------------------
// Typed arrays and ArrayBuffer

const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype) as object;
/** %TypedArray%.prototype's @@toStringTag getter: undefined for anything not a typed array, never throws. */
export const TypedArrayPrototypeGetSymbolToStringTag = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)!.get!;
export const TypedArrayPrototypeGetLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'length')!.get!;
export const TypedArrayPrototypeGetBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'buffer')!.get!;
export const ArrayBufferPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
export const HostArrayBuffer = ArrayBuffer;
export const HostArrayBufferPrototype = ArrayBuffer.prototype;
export const ArrayBufferIsView = ArrayBuffer.isView;
export const HostDataView = DataView;
export const TypedArrayPrototypeGetByteOffset = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset')!.get!;
export const TypedArrayPrototypeGetByteLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength')!.get!;
export const TypedArrayPrototypeAt = (TypedArrayPrototype as { at: Function }).at;
export const TypedArrayPrototypeSet = (TypedArrayPrototype as { set: Function }).set;
/** Every own property of a host prototype or constructor, as it was when vmjs loaded: the builtins that
 * delegate to the host's methods and getters take them from these copies. */
type Descriptors = Readonly<Record<PropertyKey, PropertyDescriptor>>;
const descriptorsOf = (o: object): Descriptors => ObjectFreeze(Object.getOwnPropertyDescriptors(o)) as Descriptors;
export const HostTypedArrayPrototypeDescriptors = descriptorsOf(TypedArrayPrototype);
export const HostArrayBufferPrototypeDescriptors = descriptorsOf(ArrayBuffer.prototype);
export const HostDataViewPrototypeDescriptors = descriptorsOf(DataView.prototype);
/** The host's concrete typed array constructors, by [[TypedArrayName]] (Float16Array only where the host has it). */
export const HostTypedArrayConstructors: Readonly<Record<string, Function>> = (() => {
  const g = globalThis as unknown as Record<string, unknown>;
  const out: Record<string, Function> = {};
  for (const name of [
    'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
    'BigInt64Array', 'BigUint64Array', 'Float16Array', 'Float32Array', 'Float64Array',
  ]) {
    if (typeof g[name] === 'function') out[name] = g[name] as Function;
  }
  return ObjectFreeze(out);
})();
/** SharedArrayBuffer is absent from browsers' pages that are not cross-origin isolated. */
export const HostSharedArrayBuffer = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;
export const HostSharedArrayBufferPrototypeDescriptors = HostSharedArrayBuffer === undefined ? undefined : descriptorsOf(HostSharedArrayBuffer.prototype);
export const HostAtomicsDescriptors = typeof Atomics === 'object' ? descriptorsOf(Atomics) : undefined;
/** structuredClone is a web/node API, not ECMAScript: transferring a buffer through it detaches the
 * buffer where the host has no ArrayBuffer.prototype.transfer. Undefined where the host lacks it. */
export const GlobalStructuredClone = (globalThis as { structuredClone?: (value: unknown, options?: { transfer?: unknown[] }) => unknown }).structuredClone;

// ---------------------------------------------------------------------------------------------
// Map, Set, WeakMap, WeakSet, and the Map and Set iterators

export const MapPrototypeClear = Map.prototype.clear;
export const MapPrototypeDelete = Map.prototype.delete;
export const MapPrototypeEntries = Map.prototype.entries;
export const MapPrototypeGet = Map.prototype.get;
export const MapPrototypeGetSize = ObjectGetOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
export const MapPrototypeHas = Map.prototype.has;
export const MapPrototypeKeys = Map.prototype.keys;
export const MapPrototypeSet = Map.prototype.set;
export const MapPrototypeValues = Map.prototype.values;
export const SetPrototypeAdd = Set.prototype.add;
export const SetPrototypeClear = Set.prototype.clear;
export const SetPrototypeDelete = Set.prototype.delete;
export const SetPrototypeEntries = Set.prototype.entries;
export const SetPrototypeGetSize = ObjectGetOwnPropertyDescriptor(Set.prototype, 'size')!.get!;
export const SetPrototypeHas = Set.prototype.has;
export const SetPrototypeValues = Set.prototype.values;
export const MapIteratorPrototypeNext = (ObjectGetPrototypeOf(new Map().entries()) as Iterator<unknown>).next;
export const SetIteratorPrototypeNext = (ObjectGetPrototypeOf(new Set().values()) as Iterator<unknown>).next;

export const WeakMapPrototypeDelete = WeakMap.prototype.delete;
export const WeakMapPrototypeGet = WeakMap.prototype.get;
export const WeakMapPrototypeHas = WeakMap.prototype.has;
export const WeakMapPrototypeSet = WeakMap.prototype.set;
export const WeakSetPrototypeAdd = WeakSet.prototype.add;
export const WeakRefPrototypeDeref = WeakRef.prototype.deref;
export const FinalizationRegistryPrototypeRegister = FinalizationRegistry.prototype.register;
export const FinalizationRegistryPrototypeUnregister = FinalizationRegistry.prototype.unregister;
export const WeakSetPrototypeDelete = WeakSet.prototype.delete;
export const WeakSetPrototypeHas = WeakSet.prototype.has;

// ---------------------------------------------------------------------------------------------
// Promise (the host's: the host realm's intrinsics, and host promises that guest code adopts)

export const PromiseResolve = Promise.resolve;
export const PromisePrototypeThen = Promise.prototype.then;
/** queueMicrotask is a web/node API, not ECMAScript: undefined where the host lacks it. */
export const GlobalQueueMicrotask = (globalThis as { queueMicrotask?: (callback: () => void) => void }).queueMicrotask;
/** setTimeout is a web/node API too (every host vmjs targets has it): undefined where the host lacks it. */
export const GlobalSetTimeout = (globalThis as { setTimeout?: (callback: () => void, ms: number) => unknown }).setTimeout;
/** clearTimeout, with setTimeout (Atomics.waitAsync's finite timeouts): undefined where the host lacks it. */
export const GlobalClearTimeout = (globalThis as { clearTimeout?: (handle: unknown) => void }).clearTimeout;
