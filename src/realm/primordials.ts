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
export const HostProxy = Proxy;

// ---------------------------------------------------------------------------------------------
// Reflect

export const {
  apply: ReflectApply,
  construct: ReflectConstruct,
  deleteProperty: ReflectDeleteProperty,
  getOwnPropertyDescriptor: ReflectGetOwnPropertyDescriptor,
  getPrototypeOf: ReflectGetPrototypeOf,
  ownKeys: ReflectOwnKeys,
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
export const ObjectPrototypeToString = Object.prototype.toString;

// ---------------------------------------------------------------------------------------------
// Math

export const { abs: MathAbs, floor: MathFloor, log2: MathLog2, max: MathMax, min: MathMin, pow: MathPow } = Math;

// ---------------------------------------------------------------------------------------------
// Symbol

export const SymbolIterator: typeof Symbol.iterator = Symbol.iterator;
export const SymbolSpecies: typeof Symbol.species = Symbol.species;
export const SymbolIsConcatSpreadable: typeof Symbol.isConcatSpreadable = Symbol.isConcatSpreadable;
export const SymbolUnscopables: typeof Symbol.unscopables = Symbol.unscopables;
export const SymbolFor = Symbol.for;
export const SymbolKeyFor = Symbol.keyFor;
export const SymbolPrototypeValueOf = Symbol.prototype.valueOf;

// ---------------------------------------------------------------------------------------------
// Array, String, Number, BigInt, Boolean

export const ArrayIsArray = Array.isArray;
export const ArrayPrototypeJoin = Array.prototype.join;
export const ArrayPrototypeSlice = Array.prototype.slice;
export const ArrayPrototypeSort = Array.prototype.sort;

export const StringPrototype = String.prototype;
export const StringPrototypeCharCodeAt = String.prototype.charCodeAt;
export const StringPrototypeIndexOf = String.prototype.indexOf;
export const StringPrototypeSlice = String.prototype.slice;
export const StringPrototypeValueOf = String.prototype.valueOf;

export const GlobalParseFloat = parseFloat;
export const GlobalParseInt = parseInt;
export const NumberIsFinite = Number.isFinite;
export const NumberPrototypeToString = Number.prototype.toString;
export const NumberPrototypeValueOf = Number.prototype.valueOf;

export const BigIntPrototypeValueOf = BigInt.prototype.valueOf;
export const BooleanPrototypeValueOf = Boolean.prototype.valueOf;

// ---------------------------------------------------------------------------------------------
// Map and Set, and their iterators

export const MapPrototype = Map.prototype;
export const SetPrototype = Set.prototype;
export const MapIteratorPrototypeNext = (ObjectGetPrototypeOf(new Map().entries()) as Iterator<unknown>).next;
export const SetIteratorPrototypeNext = (ObjectGetPrototypeOf(new Set().values()) as Iterator<unknown>).next;
