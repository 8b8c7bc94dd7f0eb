// ECMA-262 §10.1 Ordinary Object Internal Methods (sec-ordinary-object-internal-methods-and-internal-slots):
// the operations builtins use to ObjectCreate objects from constructors and set prototypes.
import { markGuestNullPrototype } from '../membrane.js';
import type { Intrinsics, Realm } from '../realm.js';
import { GetFunctionRealm } from './object-operations.js';
import { isObject } from './testing-comparison.js';
import { describeValue } from '../describe.js';
import { toRealmError } from '../host-errors.js';
import { ArrayIsArray, ObjectCreate, ObjectGetPrototypeOf, ReflectIsExtensible, ReflectSetPrototypeOf } from '../primordials.js';
import { ToNumber, ToUint32 } from './type-conversion.js';
import { isRealmProxy } from '../builtins/proxy.js';

/** GetPrototypeFromConstructor (§10.1.14, sec-getprototypefromconstructor). */
export function GetPrototypeFromConstructor(realm: Realm, constructor: Function, intrinsicDefaultProto: keyof Intrinsics & string): object {
  const proto = (constructor as unknown as { prototype?: unknown }).prototype;
  if (isObject(proto)) return proto;
  return GetFunctionRealm(realm, constructor).intrinsics[intrinsicDefaultProto] as object;
}

/** OrdinaryCreateFromConstructor (§10.1.13, sec-ordinarycreatefromconstructor) for an ordinary object. */
export function OrdinaryCreateFromConstructor(realm: Realm, constructor: Function, intrinsicDefaultProto: keyof Intrinsics & string): object {
  return ObjectCreate(GetPrototypeFromConstructor(realm, constructor, intrinsicDefaultProto));
}

/** OrdinaryObjectCreate (§10.1.12, sec-ordinaryobjectcreate) with the realm's %Object.prototype%. */
export function OrdinaryObjectCreate(realm: Realm, proto: object | null = realm.intrinsics.ObjectPrototype): object {
  return ObjectCreate(proto);
}

// Objects whose [[SetPrototypeOf]] is SetImmutablePrototype (§10.4.7): every realm's %Object.prototype%.
const immutablePrototypeObjects = new WeakSet<object>();

/** Makes `O` an immutable prototype exotic object as far as the realms' builtins are concerned. */
export function markImmutablePrototype(O: object): void {
  immutablePrototypeObjects.add(O);
}

/** O.[[SetPrototypeOf]](V) (§10.1.2, sec-ordinary-object-internal-methods-and-internal-slots-setprototypeof-v),
 * honouring immutable prototype objects (§10.4.7.2, sec-set-immutable-prototype). */
export function SetPrototypeOf(realm: Realm, O: object, V: object | null): boolean {
  if (immutablePrototypeObjects.has(O)) return ObjectGetPrototypeOf(O) === V;
  // An object the guest gives a null prototype stays recognisably the guest's (membrane.ts).
  if (V === null) markGuestNullPrototype(O);
  try {
    return ReflectSetPrototypeOf(O, V);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}

/** V8's text for a [[SetPrototypeOf]] that returned false. */
export function setPrototypeFailureMessage(realm: Realm, O: object): string {
  if (immutablePrototypeObjects.has(O)) return "Immutable prototype object 'Object.prototype' cannot have their prototype set";
  let extensible: boolean;
  try { extensible = ReflectIsExtensible(O); } catch (e) { throw toRealmError(realm, e); }
  if (!extensible) return `${describeValue(O)} is not extensible`;
  return 'Cyclic __proto__ value';
}

/** ArraySetLength (§10.4.2.4, sec-arraysetlength) steps 3-5 before the host's [[DefineOwnProperty]] of an Array's
 * "length": ToUint32 and then ToNumber of the value (each may run guest code), a RangeError if they differ. The
 * host coerces once and checks writability before the range; the descriptor it gets carries the Number. A
 * guest Proxy's trap sees the descriptor as given. */
export function coerceArrayLengthDescriptor(realm: Realm, O: object, key: PropertyKey, desc: PropertyDescriptor): void {
  if (key !== 'length' || !('value' in desc) || !ArrayIsArray(O) || isRealmProxy(O)) return;
  const newLen = ToUint32(realm, desc.value);
  const numberLen = ToNumber(realm, desc.value);
  if (newLen !== numberLen) realm.throwRangeError('Invalid array length');
  desc.value = numberLen;
}
