// Immutable views: a typed array over an immutable ArrayBuffer as guest code sees it (see
// abstract-ops/immutable-array-buffer.ts). The host's typed arrays are always writable, so such a typed
// array is a host Proxy whose traps are the TypedArray exotic object's internal methods as the
// immutable-arraybuffer proposal amends them (§10.4.5: [[GetOwnProperty]], [[HasProperty]],
// [[DefineOwnProperty]], [[Get]], [[Set]], [[Delete]], [[OwnPropertyKeys]]), reading elements from the
// host typed array behind it. An immutable buffer is fixed length and never detached, so the view's
// length and its elements never change.
//
// The Proxy's target is an ordinary object, not the host typed array: it holds the view's ordinary own
// properties and its [[Prototype]], and, since element properties are non-writable and non-configurable
// here, each element the guest asks a descriptor of (or defines) is first copied onto it as such, as the
// Proxy invariants require (all of them before the view is made non-extensible).
import type { Realm } from '../realm.js';
import { CanonicalNumericIndexString, SameValue, ToNumber, isBigIntContentType, typedArrayName } from '../abstract-ops.js';
import { recordImmutableView } from '../abstract-ops/immutable-array-buffer.js';
import { ToBigInt } from './bigint.js';
import {
  HostProxy, NumberIsInteger, ObjectCreate, ObjectDefineProperty, ObjectGetPrototypeOf, ReflectApply, ReflectDefineProperty, ReflectDeleteProperty,
  ReflectGet, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, ReflectSet, TypedArrayPrototypeGetLength,
} from '../primordials.js';

const { has: ReflectHas, preventExtensions: ReflectPreventExtensions } = Reflect;

/** The guest's face of `ta`, a host typed array over an immutable buffer (with its prototype set). */
export function CreateImmutableView(realm: Realm, ta: object): object {
  const elements = ta as Record<number, unknown>;
  const length = ReflectApply(TypedArrayPrototypeGetLength, ta, []) as number;
  const bigint = isBigIntContentType(typedArrayName(ta)!);
  const shadow = ObjectCreate(ObjectGetPrototypeOf(ta)) as Record<PropertyKey, unknown>;
  let materialized = 0;

  /** CanonicalNumericIndexString of a property key, undefined for a symbol or a non-numeric string. */
  const numeric = (key: PropertyKey): number | undefined => (typeof key === 'string' ? CanonicalNumericIndexString(key) : undefined);
  /** IsValidIntegerIndex (§10.4.5.14) against the fixed length. */
  const valid = (index: number): boolean => NumberIsInteger(index) && !(index === 0 && 1 / index < 0) && index >= 0 && index < length;
  /** The element as a non-writable, non-configurable data property of the target (once). */
  const materialize = (index: number): void => {
    const key = `${index}`;
    if (ReflectGetOwnPropertyDescriptor(shadow, key) !== undefined) return;
    ObjectDefineProperty(shadow, key, { value: elements[index], writable: false, enumerable: true, configurable: false });
    materialized++;
  };
  const materializeAll = (): void => {
    if (materialized === length) return;
    for (let k = 0; k < length; k++) materialize(k);
  };

  const handler: ProxyHandler<Record<PropertyKey, unknown>> = {
    // [[GetOwnProperty]]: an element is { [[Writable]]: false, [[Configurable]]: false } (mutable is false).
    getOwnPropertyDescriptor(target, key) {
      const index = numeric(key);
      if (index === undefined) return ReflectGetOwnPropertyDescriptor(target, key);
      if (!valid(index)) return undefined;
      materialize(index);
      return ReflectGetOwnPropertyDescriptor(target, key);
    },
    // [[DefineOwnProperty]]: only a definition that changes nothing succeeds on an element.
    defineProperty(target, key, desc) {
      const index = numeric(key);
      if (index === undefined) return ReflectDefineProperty(target, key, desc);
      if (!valid(index)) return false;
      if (desc.configurable === true) return false;
      if (desc.enumerable === false) return false;
      if (desc.get !== undefined || desc.set !== undefined || 'get' in desc || 'set' in desc) return false;
      if (desc.writable === true) return false;
      if ('value' in desc && !SameValue(desc.value, elements[index])) return false;
      materialize(index);
      return true;
    },
    has(target, key) {
      const index = numeric(key);
      return index === undefined ? ReflectHas(target, key) : valid(index);
    },
    get(target, key, receiver) {
      const index = numeric(key);
      if (index === undefined) return ReflectGet(target, key, receiver);
      return valid(index) ? elements[index] : undefined;
    },
    // [[Set]]: a valid index refuses (false: a TypeError in strict code); an invalid one converts the
    // value (TypedArraySetElement) and succeeds without writing.
    set(target, key, value, receiver) {
      const index = numeric(key);
      if (index === undefined) return ReflectSet(target, key, value, receiver);
      if (valid(index)) return false;
      if (receiver === view) {
        if (bigint) ToBigInt(realm, value); else ToNumber(realm, value);
      }
      return true;
    },
    deleteProperty(target, key) {
      const index = numeric(key);
      return index === undefined ? ReflectDeleteProperty(target, key) : !valid(index);
    },
    // [[OwnPropertyKeys]]: the indices in ascending order, then the target's other keys.
    ownKeys(target) {
      const keys: (string | symbol)[] = [];
      for (let k = 0; k < length; k++) keys.push(`${k}`);
      for (const key of ReflectOwnKeys(target)) if (numeric(key) === undefined) keys.push(key);
      return keys;
    },
    preventExtensions(target) {
      materializeAll();
      return ReflectPreventExtensions(target);
    },
  };
  const view = new HostProxy(shadow, handler) as object;
  recordImmutableView(view, ta);
  return view;
}
