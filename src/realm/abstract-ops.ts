// ECMA-262 abstract operations (§7) over host values, realm-aware: wrapper objects, arrays and
// result objects carry the realm's prototypes, and every error is the realm's, with V8's text.
import type { Intrinsics, Realm } from './realm.js';
import { Termination } from '../interpreter/agent.js';
import { toRealmError } from './host-errors.js';

// Captured at load for internal use; guest code in the host realm may replace the globals later.
const { apply, construct: hostConstruct, get: reflectGet, set: reflectSet, defineProperty: reflectDefineProperty, deleteProperty: reflectDeleteProperty } = Reflect;
const { create, setPrototypeOf, getPrototypeOf, is: objectIs } = Object;
const { setPrototypeOf: reflectSetPrototypeOf, isExtensible: isExtensibleHost } = Reflect;
const isArrayHost = Array.isArray;
const isIntegerHost = Number.isInteger;
const HostString = String;
const HostObject = Object;
const mathTrunc = Math.trunc;
const mathMin = Math.min;
const symToPrimitive = Symbol.toPrimitive;
const symIterator = Symbol.iterator;
const symAsyncIterator = Symbol.asyncIterator;
const symHasInstance = Symbol.hasInstance;
const symSpecies = Symbol.species;
const hostOrdinaryHasInstance = Function.prototype[Symbol.hasInstance] as (this: Function, v: unknown) => boolean;

export const MAX_SAFE_INTEGER = 9007199254740991;

export type PrimitiveHint = 'default' | 'string' | 'number';

/** An Iterator Record (§7.4.1). */
export interface IteratorRecord {
  iterator: object;
  nextMethod: unknown;
  done: boolean;
}

/** The spec's DONE marker, returned by IteratorStep / IteratorStepValue (§7.4.8, §7.4.9). */
export const DONE: unique symbol = Symbol('DONE');
export type Done = typeof DONE;

export function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

// ---------------------------------------------------------------------------------------------
// Rendering values in error messages, the way V8 does where it can without running guest code.

/** `1`, `abc`, `Symbol(x)`, `#<Object>`, `function f() {…}`-like: V8's %ToString for messages. */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'symbol': return symbolDescriptiveString(v);
    case 'function': return 'function';
    case 'object': return v === null ? 'null' : isArrayQuiet(v) ? '[object Array]' : '#<Object>';
    default: return HostString(v);
  }
}

/** `number 5`, `object`, `undefined`: V8's rendering with the type, used in "… is not iterable". */
export function describeTyped(v: unknown): string {
  if (v === undefined || v === null) return HostString(v);
  const t = typeof v;
  if (t === 'object' || t === 'function') return t;
  if (t === 'string') return `string "${v as string}"`;
  return `${t} ${describeValue(v)}`;
}

function symbolDescriptiveString(s: symbol): string {
  const d = s.description;
  return `Symbol(${d === undefined ? '' : d})`;
}

function isArrayQuiet(v: object): boolean {
  try { return isArrayHost(v); } catch { return false; }
}

// ---------------------------------------------------------------------------------------------
// §7.1 Type conversion

/** The realm's prototype for a primitive's wrapper (ToObject's [[Prototype]]). */
export function primitivePrototype(realm: Realm, v: unknown): object {
  switch (typeof v) {
    case 'string': return realm.intrinsics.StringPrototype;
    case 'number': return realm.intrinsics.NumberPrototype;
    case 'boolean': return realm.intrinsics.BooleanPrototype;
    case 'symbol': return realm.intrinsics.SymbolPrototype;
    case 'bigint': return realm.intrinsics.BigIntPrototype;
    default: return realm.throwTypeError('Cannot convert undefined or null to object');
  }
}

/** ToPrimitive (§7.1.1). */
export function ToPrimitive(realm: Realm, input: unknown, hint: PrimitiveHint = 'default'): unknown {
  if (!isObject(input)) return input;
  const exoticToPrim = GetMethod(realm, input, symToPrimitive);
  if (exoticToPrim !== undefined) {
    const result = apply(exoticToPrim, input, [hint]);
    if (!isObject(result)) return result;
    realm.throwTypeError('Cannot convert object to primitive value');
  }
  return OrdinaryToPrimitive(realm, input, hint === 'string' ? 'string' : 'number');
}

/** OrdinaryToPrimitive (§7.1.1.1). */
export function OrdinaryToPrimitive(realm: Realm, O: object, hint: 'string' | 'number'): unknown {
  const first = hint === 'string' ? 'toString' : 'valueOf';
  const second = hint === 'string' ? 'valueOf' : 'toString';
  let method = (O as Record<string, unknown>)[first];
  if (typeof method === 'function') {
    const result = apply(method, O, []);
    if (!isObject(result)) return result;
  }
  method = (O as Record<string, unknown>)[second];
  if (typeof method === 'function') {
    const result = apply(method, O, []);
    if (!isObject(result)) return result;
  }
  return realm.throwTypeError('Cannot convert object to primitive value');
}

/** ToBoolean (§7.1.2). */
export function ToBoolean(v: unknown): boolean {
  return !!v;
}

/** ToNumeric (§7.1.3). */
export function ToNumeric(realm: Realm, v: unknown): number | bigint {
  if (typeof v === 'number') return v;
  const prim = ToPrimitive(realm, v, 'number');
  if (typeof prim === 'bigint') return prim;
  return ToNumber(realm, prim);
}

/** ToNumber (§7.1.4). StringToNumber is the host's unary plus, which is §7.1.4.1.1 exactly. */
export function ToNumber(realm: Realm, v: unknown): number {
  switch (typeof v) {
    case 'number': return v;
    case 'string': return +v;
    case 'boolean': return v ? 1 : 0;
    case 'undefined': return NaN;
    case 'symbol': return realm.throwTypeError('Cannot convert a Symbol value to a number');
    case 'bigint': return realm.throwTypeError('Cannot convert a BigInt value to a number');
    default:
      if (v === null) return 0;
      return ToNumber(realm, ToPrimitive(realm, v, 'number'));
  }
}

/** ToIntegerOrInfinity (§7.1.5). */
export function ToIntegerOrInfinity(realm: Realm, v: unknown): number {
  const n = typeof v === 'number' ? v : ToNumber(realm, v);
  if (n !== n || n === 0) return 0;
  if (n === Infinity || n === -Infinity) return n;
  const t = mathTrunc(n);
  return t === 0 ? 0 : t;
}

/** ToInt32 (§7.1.6). */
export function ToInt32(realm: Realm, v: unknown): number {
  return (typeof v === 'number' ? v : ToNumber(realm, v)) | 0;
}

/** ToUint32 (§7.1.7). */
export function ToUint32(realm: Realm, v: unknown): number {
  return (typeof v === 'number' ? v : ToNumber(realm, v)) >>> 0;
}

/** ToUint16 (§7.1.9). */
export function ToUint16(realm: Realm, v: unknown): number {
  return (typeof v === 'number' ? v : ToNumber(realm, v)) & 0xffff;
}

/** ToString (§7.1.17). */
export function ToString(realm: Realm, v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'symbol': return realm.throwTypeError('Cannot convert a Symbol value to a string');
    case 'object':
    case 'function':
      if (v === null) return 'null';
      return ToString(realm, ToPrimitive(realm, v, 'string'));
    default: return HostString(v);
  }
}

/** ToObject (§7.1.18): primitive wrappers carry the realm's prototypes. */
export function ToObject(realm: Realm, v: unknown): object {
  switch (typeof v) {
    case 'object':
      if (v === null) break;
      return v;
    case 'function': return v;
    case 'undefined': break;
    default: {
      const o = HostObject(v) as object;
      if (!realm.isHost) setPrototypeOf(o, primitivePrototype(realm, v));
      return o;
    }
  }
  return realm.throwTypeError('Cannot convert undefined or null to object');
}

/** ToPropertyKey (§7.1.19). */
export function ToPropertyKey(realm: Realm, v: unknown): string | symbol {
  if (typeof v === 'string' || typeof v === 'symbol') return v;
  if (typeof v === 'number') return HostString(v);
  const key = ToPrimitive(realm, v, 'string');
  if (typeof key === 'symbol') return key;
  return ToString(realm, key);
}

/** ToLength (§7.1.20). */
export function ToLength(realm: Realm, v: unknown): number {
  const len = ToIntegerOrInfinity(realm, v);
  if (len <= 0) return 0;
  return mathMin(len, MAX_SAFE_INTEGER);
}

/** CanonicalNumericIndexString (§7.1.21). */
export function CanonicalNumericIndexString(s: string): number | undefined {
  if (s === '-0') return -0;
  const n = +s;
  return HostString(n) === s ? n : undefined;
}

/** ToIndex (§7.1.22). `message` is V8's text for the caller (it differs per builtin). */
export function ToIndex(realm: Realm, v: unknown, message = 'Invalid index'): number {
  const integer = ToIntegerOrInfinity(realm, v);
  if (integer < 0 || integer > MAX_SAFE_INTEGER) realm.throwRangeError(message);
  return integer;
}

// ---------------------------------------------------------------------------------------------
// §7.2 Testing and comparison

/** RequireObjectCoercible (§7.2.1). With `methodName`, V8's "X called on null or undefined". */
export function RequireObjectCoercible<T>(realm: Realm, v: T, methodName?: string): T {
  if (v === undefined || v === null) {
    realm.throwTypeError(methodName === undefined ? 'Cannot convert undefined or null to object' : `${methodName} called on null or undefined`);
  }
  return v;
}

/** IsArray (§7.2.2): sees through proxies; a revoked proxy throws the realm's TypeError. */
export function IsArray(realm: Realm, v: unknown): boolean {
  try {
    return isArrayHost(v);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}

/** IsCallable (§7.2.3). */
export function IsCallable(v: unknown): v is Function {
  return typeof v === 'function';
}

// A constructor-trapping proxy never reads its newTarget, so Reflect.construct through it
// answers "is newTarget a constructor" without running guest code (proxies included).
const probeResult = {};
const constructProbe: Function = new Proxy(function () {}, { construct(): object { return probeResult; } });
const constructorCache = new WeakMap<Function, boolean>();

/** IsConstructor (§7.2.4): does the host function have [[Construct]]. */
export function IsConstructor(v: unknown): v is Function {
  if (typeof v !== 'function') return false;
  const cached = constructorCache.get(v);
  if (cached !== undefined) return cached;
  let result = true;
  try {
    hostConstruct(constructProbe, [], v);
  } catch {
    result = false;
  }
  constructorCache.set(v, result);
  return result;
}

/** IsExtensible (§7.2.5) — the host's, which runs proxy traps as the spec says. */
export const IsExtensible: (o: object) => boolean = Reflect.isExtensible;

/** IsIntegralNumber (§7.2.6). */
export function IsIntegralNumber(v: unknown): boolean {
  return isIntegerHost(v);
}

/** SameValue (§7.2.10). */
export function SameValue(x: unknown, y: unknown): boolean {
  return objectIs(x, y);
}

/** SameValueZero (§7.2.11). */
export function SameValueZero(x: unknown, y: unknown): boolean {
  return x === y || (x !== x && y !== y);
}

// ---------------------------------------------------------------------------------------------
// §7.3 Operations on objects

/** GetV (§7.3.3): property lookup on any value; primitives use the realm's prototypes with the
 * primitive itself as receiver (strings keep their own `length` and index properties). */
export function GetV(realm: Realm, v: unknown, key: PropertyKey): unknown {
  switch (typeof v) {
    case 'object':
      if (v === null) break;
      return (v as Record<PropertyKey, unknown>)[key];
    case 'function':
      return (v as unknown as Record<PropertyKey, unknown>)[key];
    case 'undefined':
      break;
    case 'string':
      if (key === 'length') return v.length;
      if (typeof key === 'number') {
        if (key >= 0 && key < v.length && isIntegerHost(key)) return v[key];
      } else if (typeof key === 'string') {
        const c = key.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const n = +key;
          if (n < v.length && isIntegerHost(n) && HostString(n) === key) return v[n];
        }
      }
      return reflectGet(realm.intrinsics.StringPrototype, key, v);
    default:
      return reflectGet(primitivePrototype(realm, v), key, v);
  }
  return realm.throwTypeError(`Cannot read properties of ${v === null ? 'null' : 'undefined'} (reading '${typeof key === 'symbol' ? symbolDescriptiveString(key) : HostString(key)}')`);
}

/** Get (§7.3.2). */
export function Get(O: object, key: PropertyKey): unknown {
  return (O as Record<PropertyKey, unknown>)[key];
}

/** GetMethod (§7.3.11). */
export function GetMethod(realm: Realm, v: unknown, key: PropertyKey): Function | undefined {
  const func = GetV(realm, v, key);
  if (func === undefined || func === null) return undefined;
  if (typeof func !== 'function') realm.throwTypeError(`${describeTyped(func)} is not a function`);
  return func;
}

/** HasProperty (§7.3.12). */
export function HasProperty(O: object, key: PropertyKey): boolean {
  return key in O;
}

const hasOwnHost = Object.prototype.hasOwnProperty;
/** HasOwnProperty (§7.3.13). */
export function HasOwnProperty(O: object, key: PropertyKey): boolean {
  return apply(hasOwnHost, O, [key]) as boolean;
}

/** Set (§7.3.4) with Throw = true (named apart from the global `Set`). */
export function SetProperty(realm: Realm, O: object, key: PropertyKey, v: unknown): void {
  if (!reflectSet(O, key, v)) {
    realm.throwTypeError(`Cannot assign to read only property '${keyText(key)}' of object '${describeValue(O)}'`);
  }
}

/** CreateDataProperty (§7.3.5). */
export function CreateDataProperty(O: object, key: PropertyKey, v: unknown): boolean {
  return reflectDefineProperty(O, key, { value: v, writable: true, enumerable: true, configurable: true });
}

/** CreateDataPropertyOrThrow (§7.3.7). */
export function CreateDataPropertyOrThrow(realm: Realm, O: object, key: PropertyKey, v: unknown): void {
  if (!reflectDefineProperty(O, key, { value: v, writable: true, enumerable: true, configurable: true })) {
    realm.throwTypeError(`Cannot redefine property: ${keyText(key)}`);
  }
}

/** DefinePropertyOrThrow (§7.3.8). */
export function DefinePropertyOrThrow(realm: Realm, O: object, key: PropertyKey, desc: PropertyDescriptor): void {
  if (!reflectDefineProperty(O, key, desc)) realm.throwTypeError(`Cannot redefine property: ${keyText(key)}`);
}

/** DeletePropertyOrThrow (§7.3.9). */
export function DeletePropertyOrThrow(realm: Realm, O: object, key: PropertyKey): void {
  if (!reflectDeleteProperty(O, key)) realm.throwTypeError(`Cannot delete property '${keyText(key)}' of ${describeValue(O)}`);
}

function keyText(key: PropertyKey): string {
  return typeof key === 'symbol' ? symbolDescriptiveString(key) : HostString(key);
}

/** Call (§7.3.14). `F` is known callable (IsCallable narrows to Function): callers raise their own
 * realm TypeError, whose V8 text depends on the call site. */
export function Call(F: Function, thisArg: unknown, args: readonly unknown[] = []): unknown {
  return apply(F, thisArg, args as unknown[]);
}

/** Construct (§7.3.15). `F` and `newTarget` are known constructors (IsConstructor narrows). */
export function Construct(F: Function, args: readonly unknown[] = [], newTarget: Function = F): object {
  return hostConstruct(F, args as unknown[], newTarget) as object;
}

/** CreateArrayFromList (§7.3.18): a new array of the realm. */
export function CreateArrayFromList(realm: Realm, list: ArrayLike<unknown>): unknown[] {
  const n = list.length;
  const a: unknown[] = [];
  for (let i = 0; i < n; i++) a[i] = list[i];
  if (!realm.isHost) setPrototypeOf(a, realm.intrinsics.ArrayPrototype);
  return a;
}

/** Makes an array built by the caller (a fresh host array no guest code has seen) the realm's. */
export function adoptArray<T>(realm: Realm, a: T[]): T[] {
  if (!realm.isHost) setPrototypeOf(a, realm.intrinsics.ArrayPrototype);
  return a;
}

/** LengthOfArrayLike (§7.3.19). */
export function LengthOfArrayLike(realm: Realm, O: object): number {
  return ToLength(realm, (O as { length?: unknown }).length);
}

/** CreateListFromArrayLike (§7.3.20). With 'property-key', elements must be strings or symbols. */
export function CreateListFromArrayLike(realm: Realm, obj: unknown, elementTypes?: 'property-key'): unknown[] {
  if (!isObject(obj)) return realm.throwTypeError('CreateListFromArrayLike called on non-object');
  const len = LengthOfArrayLike(realm, obj);
  const list: unknown[] = [];
  for (let i = 0; i < len; i++) {
    const next = (obj as Record<number, unknown>)[i];
    if (elementTypes === 'property-key' && typeof next !== 'string' && typeof next !== 'symbol') {
      realm.throwTypeError(`${describeValue(next)} is not a valid property name`);
    }
    list[i] = next;
  }
  return list;
}

/** Invoke (§7.3.21). */
export function Invoke(realm: Realm, V: unknown, P: PropertyKey, args: readonly unknown[] = []): unknown {
  const func = GetV(realm, V, P);
  if (typeof func !== 'function') realm.throwTypeError(`${describeValue(func)} is not a function`);
  return apply(func, V, args as unknown[]);
}

/** OrdinaryHasInstance (§7.3.22). The host's Function.prototype[@@hasInstance] is exactly this
 * (bound targets included); only its errors need bringing into the realm. */
export function OrdinaryHasInstance(realm: Realm, C: unknown, O: unknown): boolean {
  if (typeof C !== 'function') return false;
  try {
    return apply(hostOrdinaryHasInstance, C, [O]) as boolean;
  } catch (e) {
    throw toRealmError(realm, e);
  }
}

/** SpeciesConstructor (§7.3.23). */
export function SpeciesConstructor(realm: Realm, O: object, defaultConstructor: Function): Function {
  const C = (O as { constructor?: unknown }).constructor;
  if (C === undefined) return defaultConstructor;
  if (!isObject(C)) realm.throwTypeError('The .constructor property is not an object');
  const S = (C as Record<symbol, unknown>)[symSpecies];
  if (S === undefined || S === null) return defaultConstructor;
  if (IsConstructor(S)) return S;
  return realm.throwTypeError('object.constructor[Symbol.species] is not a constructor');
}

// [[Realm]] of constructors the realm machinery made; others fall back to the current realm.
const functionRealms = new WeakMap<Function, Realm>();

/** Records F's [[Realm]] (used by GetFunctionRealm for cross-realm GetPrototypeFromConstructor). */
export function setFunctionRealm(F: Function, realm: Realm): void {
  functionRealms.set(F, realm);
}

type FunctionRealmResolver = (F: Function) => Realm | undefined;
let functionRealmResolver: FunctionRealmResolver | null = null;

/** Lets the interpreter answer [[Realm]] for the functions it makes (cheaper than registering each). */
export function setFunctionRealmResolver(resolver: FunctionRealmResolver): void {
  functionRealmResolver = resolver;
}

/** GetFunctionRealm (§7.3.24), as far as the host lets us see: known functions, else `realm`. */
export function GetFunctionRealm(realm: Realm, F: Function): Realm {
  const known = functionRealms.get(F);
  if (known !== undefined) return known;
  if (functionRealmResolver !== null) {
    const resolved = functionRealmResolver(F);
    if (resolved !== undefined) return resolved;
  }
  return realm;
}

/** GetPrototypeFromConstructor (§10.1.14). */
export function GetPrototypeFromConstructor(realm: Realm, constructor: Function, intrinsicDefaultProto: keyof Intrinsics & string): object {
  const proto = (constructor as unknown as { prototype?: unknown }).prototype;
  if (isObject(proto)) return proto;
  return GetFunctionRealm(realm, constructor).intrinsics[intrinsicDefaultProto] as object;
}

/** OrdinaryCreateFromConstructor (§10.1.13) for an ordinary object. */
export function OrdinaryCreateFromConstructor(realm: Realm, constructor: Function, intrinsicDefaultProto: keyof Intrinsics & string): object {
  return create(GetPrototypeFromConstructor(realm, constructor, intrinsicDefaultProto));
}

/** OrdinaryObjectCreate (§10.1.12) with the realm's %Object.prototype%. */
export function OrdinaryObjectCreate(realm: Realm, proto: object | null = realm.intrinsics.ObjectPrototype): object {
  return create(proto);
}

// Objects whose [[SetPrototypeOf]] is SetImmutablePrototype (§10.4.7): every realm's %Object.prototype%.
const immutablePrototypeObjects = new WeakSet<object>();

/** Makes `O` an immutable prototype exotic object as far as the realms' builtins are concerned. */
export function markImmutablePrototype(O: object): void {
  immutablePrototypeObjects.add(O);
}

/** O.[[SetPrototypeOf]](V) (§10.1.2), honouring immutable prototype objects (§10.4.7.2). */
export function SetPrototypeOf(realm: Realm, O: object, V: object | null): boolean {
  if (immutablePrototypeObjects.has(O)) return getPrototypeOf(O) === V;
  try {
    return reflectSetPrototypeOf(O, V);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}

/** V8's text for a [[SetPrototypeOf]] that returned false. */
export function setPrototypeFailureMessage(realm: Realm, O: object): string {
  if (immutablePrototypeObjects.has(O)) return "Immutable prototype object 'Object.prototype' cannot have their prototype set";
  let extensible: boolean;
  try { extensible = isExtensibleHost(O); } catch (e) { throw toRealmError(realm, e); }
  if (!extensible) return `${describeValue(O)} is not extensible`;
  return 'Cyclic __proto__ value';
}

/** InstanceofOperator (§13.10.2). */
export function InstanceofOperator(realm: Realm, V: unknown, target: unknown): boolean {
  if (!isObject(target)) realm.throwTypeError("Right-hand side of 'instanceof' is not an object");
  const instOfHandler = GetMethod(realm, target, symHasInstance);
  if (instOfHandler !== undefined) return !!apply(instOfHandler, target, [V]);
  if (typeof target !== 'function') realm.throwTypeError("Right-hand side of 'instanceof' is not callable");
  return OrdinaryHasInstance(realm, target, V);
}

// ---------------------------------------------------------------------------------------------
// §7.4 Operations on iterator objects

// Class fields are defined (CreateDataProperty), so setters a guest put on %Object.prototype%
// never run; the base returns an object of the realm's prototype. Fastest correct form measured.
function IterResultBase(this: unknown, proto: object): object { return create(proto); }
class IterResult extends (IterResultBase as unknown as new (proto: object) => object) {
  value: unknown;
  done: boolean;
  constructor(proto: object, value: unknown, done: boolean) {
    super(proto);
    this.value = value;
    this.done = done;
  }
}

/** CreateIterResultObject (§7.4.14). */
export function CreateIterResultObject(realm: Realm, value: unknown, done: boolean): { value: unknown; done: boolean } {
  return new IterResult(realm.intrinsics.ObjectPrototype, value, done);
}

/** GetIteratorFromMethod (§7.4.2). */
export function GetIteratorFromMethod(realm: Realm, obj: unknown, method: Function): IteratorRecord {
  const iterator = apply(method, obj, []);
  if (!isObject(iterator)) realm.throwTypeError('Result of the Symbol.iterator method is not an object');
  return { iterator, nextMethod: (iterator as { next?: unknown }).next, done: false };
}

type AsyncFromSync = (realm: Realm, syncIteratorRecord: IteratorRecord) => IteratorRecord;
let createAsyncFromSyncIterator: AsyncFromSync | null = null;

/** Installed by the interpreter, which owns promises and jobs (§27.1.6.1 CreateAsyncFromSyncIterator). */
export function setCreateAsyncFromSyncIterator(fn: AsyncFromSync): void {
  createAsyncFromSyncIterator = fn;
}

/** GetIterator (§7.4.3). */
export function GetIterator(realm: Realm, obj: unknown, kind: 'sync' | 'async' = 'sync'): IteratorRecord {
  if (obj === undefined || obj === null) {
    return realm.throwTypeError(`${HostString(obj)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  if (kind === 'async') {
    const method = GetMethod(realm, obj, symAsyncIterator);
    if (method !== undefined) return GetIteratorFromMethod(realm, obj, method);
    const syncMethod = GetMethod(realm, obj, symIterator);
    if (syncMethod === undefined) realm.throwTypeError(`${describeTyped(obj)} is not async iterable`);
    const syncRecord = GetIteratorFromMethod(realm, obj, syncMethod);
    if (createAsyncFromSyncIterator === null) throw new Error('vmjs internal: CreateAsyncFromSyncIterator is not wired yet');
    return createAsyncFromSyncIterator(realm, syncRecord);
  }
  const method = GetV(realm, obj, symIterator);
  if (typeof method !== 'function') {
    realm.throwTypeError(`${describeTyped(obj)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  return GetIteratorFromMethod(realm, obj, method);
}

/** IteratorNext (§7.4.4). */
export function IteratorNext(realm: Realm, rec: IteratorRecord, value?: unknown): object {
  let result: unknown;
  try {
    const next = rec.nextMethod;
    if (typeof next !== 'function') realm.throwTypeError(`${describeValue(next)} is not a function`);
    result = arguments.length < 3 ? apply(next, rec.iterator, []) : apply(next, rec.iterator, [value]);
  } catch (e) {
    rec.done = true;
    throw e;
  }
  if (!isObject(result)) {
    rec.done = true;
    realm.throwTypeError(`Iterator result ${describeValue(result)} is not an object`);
  }
  return result;
}

/** IteratorComplete (§7.4.5). */
export function IteratorComplete(iterResult: object): boolean {
  return !!(iterResult as { done?: unknown }).done;
}

/** IteratorValue (§7.4.6). */
export function IteratorValue(iterResult: object): unknown {
  return (iterResult as { value?: unknown }).value;
}

/** IteratorStep (§7.4.7): the result object, or DONE. */
export function IteratorStep(realm: Realm, rec: IteratorRecord): object | Done {
  const result = IteratorNext(realm, rec);
  let done: boolean;
  try {
    done = !!(result as { done?: unknown }).done;
  } catch (e) {
    rec.done = true;
    throw e;
  }
  if (done) {
    rec.done = true;
    return DONE;
  }
  return result;
}

/** IteratorStepValue (§7.4.8): the next value, or DONE. */
export function IteratorStepValue(realm: Realm, rec: IteratorRecord): unknown {
  const result = IteratorStep(realm, rec);
  if (result === DONE) return DONE;
  try {
    return (result as { value?: unknown }).value;
  } catch (e) {
    rec.done = true;
    throw e;
  }
}

/** IteratorClose (§7.4.9) with a normal completion. */
export function IteratorClose(realm: Realm, rec: IteratorRecord): void {
  const iterator = rec.iterator;
  const ret = GetMethod(realm, iterator, 'return');
  if (ret === undefined) return;
  const inner = apply(ret, iterator, []);
  if (!isObject(inner)) realm.throwTypeError(`Iterator result ${describeValue(inner)} is not an object`);
}

/** IteratorClose (§7.4.9) with a throw completion: closes, ignores errors of `return`, rethrows
 * `thrown`. A Termination (timeout) unwinds without running guest `return` methods. */
export function IteratorCloseOnThrow(rec: IteratorRecord, thrown: unknown): never {
  if (thrown instanceof Termination) throw thrown;
  const iterator = rec.iterator;
  try {
    const ret = (iterator as { return?: unknown }).return;
    if (ret !== undefined && ret !== null && typeof ret === 'function') apply(ret, iterator, []);
  } catch (e) {
    if (e instanceof Termination) throw e;
  }
  throw thrown;
}

/** IteratorToList (§7.4.13). */
export function IteratorToList(realm: Realm, rec: IteratorRecord): unknown[] {
  const values: unknown[] = [];
  for (;;) {
    const next = IteratorStepValue(realm, rec);
    if (next === DONE) return values;
    values.push(next);
  }
}

// ---------------------------------------------------------------------------------------------
// §6.2.6 Property descriptors

/** ToPropertyDescriptor (§6.2.6.5): a null-prototype descriptor safe to hand to Reflect.defineProperty. */
export function ToPropertyDescriptor(realm: Realm, Obj: unknown): PropertyDescriptor {
  if (!isObject(Obj)) return realm.throwTypeError(`Property description must be an object: ${describeValue(Obj)}`);
  const desc = create(null) as PropertyDescriptor;
  const o = Obj as PropertyDescriptor;
  if ('enumerable' in o) desc.enumerable = !!o.enumerable;
  if ('configurable' in o) desc.configurable = !!o.configurable;
  if ('value' in o) desc.value = o.value;
  if ('writable' in o) desc.writable = !!o.writable;
  if ('get' in o) {
    const getter = o.get;
    if (getter !== undefined && typeof getter !== 'function') realm.throwTypeError(`Getter must be a function: ${describeValue(getter)}`);
    desc.get = getter;
  }
  if ('set' in o) {
    const setter = o.set;
    if (setter !== undefined && typeof setter !== 'function') realm.throwTypeError(`Setter must be a function: ${describeValue(setter)}`);
    desc.set = setter;
  }
  if (('get' in desc || 'set' in desc) && ('value' in desc || 'writable' in desc)) {
    realm.throwTypeError('Invalid property descriptor. Cannot both specify accessors and a value or writable attribute');
  }
  return desc;
}

/** FromPropertyDescriptor (§6.2.6.4): an object of the realm, fields in the spec's order. */
export function FromPropertyDescriptor(realm: Realm, desc: PropertyDescriptor | undefined): object | undefined {
  if (desc === undefined) return undefined;
  // Complete descriptors (what the host's getOwnPropertyDescriptor returns) take the fast literal form.
  if ('value' in desc && 'writable' in desc && 'enumerable' in desc && 'configurable' in desc && !('get' in desc) && !('set' in desc)) {
    const d = { value: desc.value, writable: desc.writable, enumerable: desc.enumerable, configurable: desc.configurable };
    if (!realm.isHost) setPrototypeOf(d, realm.intrinsics.ObjectPrototype);
    return d;
  }
  if ('get' in desc && 'set' in desc && 'enumerable' in desc && 'configurable' in desc && !('value' in desc) && !('writable' in desc)) {
    const d = { get: desc.get, set: desc.set, enumerable: desc.enumerable, configurable: desc.configurable };
    if (!realm.isHost) setPrototypeOf(d, realm.intrinsics.ObjectPrototype);
    return d;
  }
  const o = create(realm.intrinsics.ObjectPrototype) as object;
  if ('value' in desc) CreateDataProperty(o, 'value', desc.value);
  if ('writable' in desc) CreateDataProperty(o, 'writable', desc.writable);
  if ('get' in desc) CreateDataProperty(o, 'get', desc.get);
  if ('set' in desc) CreateDataProperty(o, 'set', desc.set);
  if ('enumerable' in desc) CreateDataProperty(o, 'enumerable', desc.enumerable);
  if ('configurable' in desc) CreateDataProperty(o, 'configurable', desc.configurable);
  return o;
}
