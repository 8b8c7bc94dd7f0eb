// ECMA-262 §7.3 Operations on Objects (sec-operations-on-objects), realm-aware: arrays and
// objects carry the realm's prototypes, errors are the realm's.
import type { Realm } from '../realm.js';
import { IsConstructor, isObject } from './testing-comparison.js';
import { ToLength, ToObject, primitivePrototype } from './type-conversion.js';
import { SymbolDescriptiveString, describeTyped, describeValue } from '../describe.js';
import { toRealmError } from '../host-errors.js';
import { hooks } from '../evaluator-hooks.js';
import { agent } from '../agent.js';
import { ELEMENT_BYTES, OBJECT_BYTES, PROPERTY_BYTES, chargeElements } from '../allocation.js';
import { FunctionPrototypeSymbolHasInstance, HostString, NumberIsInteger, ObjectDefineProperty, ObjectPrototypeHasOwnProperty, ObjectSetPrototypeOf, ReflectApply, ReflectConstruct, ReflectDefineProperty, ReflectDeleteProperty, ReflectGet, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, ReflectSet, SymbolSpecies } from '../primordials.js';

/** GetV (§7.3.3, sec-getv): property lookup on any value; primitives use the realm's prototypes with the
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
        if (key >= 0 && key < v.length && NumberIsInteger(key)) return v[key];
      } else if (typeof key === 'string') {
        const c = key.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const n = +key;
          if (n < v.length && NumberIsInteger(n) && HostString(n) === key) return v[n];
        }
      }
      return ReflectGet(realm.intrinsics.StringPrototype, key, v);
    default:
      return ReflectGet(primitivePrototype(realm, v), key, v);
  }
  return realm.throwTypeError(`Cannot read properties of ${v === null ? 'null' : 'undefined'} (reading '${typeof key === 'symbol' ? SymbolDescriptiveString(key) : HostString(key)}')`);
}

/** Get (§7.3.2, sec-get-o-p). */
export function Get(O: object, key: PropertyKey): unknown {
  return (O as Record<PropertyKey, unknown>)[key];
}

/** GetMethod (§7.3.10, sec-getmethod). */
export function GetMethod(realm: Realm, v: unknown, key: PropertyKey): Function | undefined {
  const func = GetV(realm, v, key);
  if (func === undefined || func === null) return undefined;
  if (typeof func !== 'function') realm.throwTypeError(`${describeTyped(func)} is not a function`);
  return func;
}

/** HasProperty (§7.3.11, sec-hasproperty). */
export function HasProperty(O: object, key: PropertyKey): boolean {
  return key in O;
}

/** HasOwnProperty (§7.3.12, sec-hasownproperty). */
export function HasOwnProperty(O: object, key: PropertyKey): boolean {
  return ReflectApply(ObjectPrototypeHasOwnProperty, O, [key]) as boolean;
}

/** Set (§7.3.4, sec-set-o-p-v-throw) with Throw = true (named apart from the global `Set`). */
export function SetProperty(realm: Realm, O: object, key: PropertyKey, v: unknown): void {
  if (!ReflectSet(O, key, v)) {
    realm.throwTypeError(`Cannot assign to read only property '${keyText(key)}' of object '${describeValue(O)}'`);
  }
}

/** CreateDataProperty (§7.3.5, sec-createdataproperty). */
export function CreateDataProperty(O: object, key: PropertyKey, v: unknown): boolean {
  // Builtins make their results' properties through it: counted without a check (Agent.tick checks).
  agent.allocated += PROPERTY_BYTES;
  return ReflectDefineProperty(O, key, { value: v, writable: true, enumerable: true, configurable: true });
}

/** CreateDataPropertyOrThrow (§7.3.6, sec-createdatapropertyorthrow). */
export function CreateDataPropertyOrThrow(realm: Realm, O: object, key: PropertyKey, v: unknown): void {
  agent.allocated += PROPERTY_BYTES;
  if (!ReflectDefineProperty(O, key, { value: v, writable: true, enumerable: true, configurable: true })) {
    realm.throwTypeError(`Cannot redefine property: ${keyText(key)}`);
  }
}

/** SetterThatIgnoresPrototypeProperties (§27.1.4.14.1, sec-SetterThatIgnoresPrototypeProperties): the
 * setter of an accessor on `home` that acts as a data property of every other receiver. `homeText` names
 * `home` in the TypeError for an assignment to `home` itself, as V8 names a read-only property's owner. */
export function SetterThatIgnoresPrototypeProperties(realm: Realm, thisValue: unknown, home: object, key: PropertyKey, v: unknown, homeText: string): void {
  if (!isObject(thisValue)) realm.throwTypeError(`${describeValue(thisValue)} is not an object`);
  if (thisValue === home) realm.throwTypeError(`Cannot assign to read only property '${keyText(key)}' of object '${homeText}'`);
  if (ReflectGetOwnPropertyDescriptor(thisValue, key) === undefined) CreateDataPropertyOrThrow(realm, thisValue, key, v);
  else SetProperty(realm, thisValue, key, v);
}

/** DefinePropertyOrThrow (§7.3.8, sec-definepropertyorthrow). */
export function DefinePropertyOrThrow(realm: Realm, O: object, key: PropertyKey, desc: PropertyDescriptor): void {
  if (!ReflectDefineProperty(O, key, desc)) realm.throwTypeError(`Cannot redefine property: ${keyText(key)}`);
}

/** DeletePropertyOrThrow (§7.3.9, sec-deletepropertyorthrow). */
export function DeletePropertyOrThrow(realm: Realm, O: object, key: PropertyKey): void {
  if (!ReflectDeleteProperty(O, key)) realm.throwTypeError(`Cannot delete property '${keyText(key)}' of ${describeValue(O)}`);
}

function keyText(key: PropertyKey): string {
  return typeof key === 'symbol' ? SymbolDescriptiveString(key) : HostString(key);
}

/** Call (§7.3.13, sec-call). `F` is known callable (IsCallable narrows to Function): callers raise their own
 * realm TypeError, whose V8 text depends on the call site. */
export function Call(F: Function, thisArg: unknown, args: readonly unknown[] = []): unknown {
  return ReflectApply(F, thisArg, args as unknown[]);
}

/** Construct (§7.3.14, sec-construct). `F` and `newTarget` are known constructors (IsConstructor narrows). */
export function Construct(F: Function, args: readonly unknown[] = [], newTarget: Function = F): object {
  return ReflectConstruct(F, args as unknown[], newTarget) as object;
}

/** CreateArrayFromList (§7.3.17, sec-createarrayfromlist): a new array of the realm. */
export function CreateArrayFromList(realm: Realm, list: ArrayLike<unknown>): unknown[] {
  const n = list.length;
  chargeElements(n);
  const a: unknown[] = [];
  for (let i = 0; i < n; i++) a[i] = list[i];
  if (!realm.isHost) ObjectSetPrototypeOf(a, realm.intrinsics.ArrayPrototype);
  return a;
}

/** Makes an array built by the caller (a fresh host array no guest code has seen) the realm's. */
export function adoptArray<T>(realm: Realm, a: T[]): T[] {
  // A builtin's result (Object.keys, split, match…), made by the host already: counted without a check.
  agent.allocated += OBJECT_BYTES + ELEMENT_BYTES * a.length;
  if (!realm.isHost) ObjectSetPrototypeOf(a, realm.intrinsics.ArrayPrototype);
  return a;
}

/** LengthOfArrayLike (§7.3.18, sec-lengthofarraylike). */
export function LengthOfArrayLike(realm: Realm, O: object): number {
  return ToLength(realm, (O as { length?: unknown }).length);
}

/** CreateListFromArrayLike (§7.3.19, sec-createlistfromarraylike). With 'property-key', elements must be strings or symbols. */
export function CreateListFromArrayLike(realm: Realm, obj: unknown, elementTypes?: 'property-key'): unknown[] {
  if (!isObject(obj)) return realm.throwTypeError('CreateListFromArrayLike called on non-object');
  const len = LengthOfArrayLike(realm, obj);
  // An array-like's length is the guest's to choose (`f.apply(null, { length: 1e9 })`).
  chargeElements(len);
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

/** Invoke (§7.3.20, sec-invoke). */
export function Invoke(realm: Realm, V: unknown, P: PropertyKey, args: readonly unknown[] = []): unknown {
  const func = GetV(realm, V, P);
  if (typeof func !== 'function') realm.throwTypeError(`${describeValue(func)} is not a function`);
  return ReflectApply(func, V, args as unknown[]);
}

/** OrdinaryHasInstance (§7.3.21, sec-ordinaryhasinstance). The host's Function.prototype[@@hasInstance] is exactly this
 * (bound targets included); only its errors need bringing into the realm. */
export function OrdinaryHasInstance(realm: Realm, C: unknown, O: unknown): boolean {
  if (typeof C !== 'function') return false;
  try {
    return ReflectApply(FunctionPrototypeSymbolHasInstance, C, [O]) as boolean;
  } catch (e) {
    throw toRealmError(realm, e);
  }
}

/** SpeciesConstructor (§7.3.22, sec-speciesconstructor). */
export function SpeciesConstructor(realm: Realm, O: object, defaultConstructor: Function): Function {
  const C = (O as { constructor?: unknown }).constructor;
  if (C === undefined) return defaultConstructor;
  if (!isObject(C)) realm.throwTypeError('The .constructor property is not an object');
  const S = (C as Record<symbol, unknown>)[SymbolSpecies];
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

// Bound functions and Proxies the realms made, to their [[BoundTargetFunction]] / [[ProxyTarget]] (null once a
// Proxy is revoked): GetFunctionRealm looks through them.
const functionRealmLinks = new WeakMap<Function, Function | null>();

/** Records that `F` (a bound function or a callable Proxy) has the realm of `target`; `null` for a revoked Proxy. */
export function linkFunctionRealm(F: Function, target: Function | null): void {
  functionRealmLinks.set(F, target);
}

/** GetFunctionRealm (§7.3.24, sec-getfunctionrealm), as far as the host lets us see: known functions, bound
 * functions and Proxies through their targets, else `realm`. */
export function GetFunctionRealm(realm: Realm, F: Function): Realm {
  for (;;) {
    const known = KnownFunctionRealm(F);
    if (known !== undefined) return known;
    const target = functionRealmLinks.get(F);
    if (target === undefined) return realm;
    if (target === null) realm.throwTypeError('Cannot perform GetFunctionRealm on a revoked Proxy');
    F = target;
  }
}

/** F's [[Realm]] if F is a function some realm made (a builtin constructor or an interpreted function);
 * undefined for a host function, which belongs to no realm of ours. */
export function KnownFunctionRealm(F: Function): Realm | undefined {
  return functionRealms.get(F) ?? hooks.functionRealm(F);
}

/** CopyDataProperties (§7.3.25, sec-copydataproperties) into a fresh object, for object spread and rest patterns. */
export function CopyDataProperties(realm: Realm, target: object, source: unknown, excluded: ReadonlySet<PropertyKey> | null): void {
  if (source === undefined || source === null) return;
  const from = ToObject(realm, source);
  const keys = ReflectOwnKeys(from);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (excluded !== null && excluded.has(k)) continue;
    const d = ReflectGetOwnPropertyDescriptor(from, k);
    if (d !== undefined && d.enumerable) {
      agent.allocated += PROPERTY_BYTES;
      ObjectDefineProperty(target, k, { value: (from as Record<PropertyKey, unknown>)[k], writable: true, enumerable: true, configurable: true });
    }
  }
}
