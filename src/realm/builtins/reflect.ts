// The Reflect namespace object (ECMA-262 §28.1). Each function checks its arguments for the realm,
// then lets the host's Reflect do the internal method (proxy traps included), its errors translated.
import { recordDefinedKey } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { defineTable, method, value, calledByHost } from '../builtin.js';
import {
  CreateListFromArrayLike, FromPropertyDescriptor, IsConstructor, SetPrototypeOf, ToPropertyDescriptor, ToPropertyKey, coerceArrayLengthDescriptor, refusesPreventExtensions,
  CanonicalNumericIndexString, IsValidIntegerIndex, isTypedArray,
  adoptArray, describeValue, isObject,
} from '../abstract-ops.js';
import { hostCall } from '../host-errors.js';
import { callBuiltinFromHost } from '../membrane.js';
import { HostReflect, ReflectApply, ReflectConstruct } from '../primordials.js';

function requireTarget(realm: Realm, target: unknown, name: string): object {
  if (!isObject(target)) realm.throwTypeError(`Reflect.${name} called on non-object`);
  return target;
}

export function installReflect(realm: Realm): void {
  const I = realm.intrinsics;
  const ReflectObject = Object.create(I.ObjectPrototype) as object;
  I.Reflect = ReflectObject;

  const fns = {
    apply(target: unknown, thisArgument: unknown, argumentsList: unknown): unknown {
      // Called by host code outside a run (CreateListFromArrayLike of a length the guest chose): under
      // the context's timeout and budget (callBuiltinFromHost).
      if (calledByHost(realm)) return callBuiltinFromHost(realm, fns.apply, undefined, [target, thisArgument, argumentsList]);
      if (typeof target !== 'function') {
        realm.throwTypeError(`Function.prototype.apply was called on ${describeValue(target)}, which is ${target === null ? 'null' : typeof target === 'object' ? 'an object' : `a ${typeof target}`} and not a function`);
      }
      const args = CreateListFromArrayLike(realm, argumentsList);
      return ReflectApply(target, thisArgument, args);
    },
    construct(target: unknown, argumentsList: unknown, ...rest: unknown[]): object {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, fns.construct, undefined, [target, argumentsList, ...rest]) as object;
      if (!IsConstructor(target)) realm.throwTypeError(`${describeValue(target)} is not a constructor`);
      const newTarget = rest.length === 0 ? target : rest[0];
      if (newTarget !== target && !IsConstructor(newTarget)) realm.throwTypeError(`${describeValue(newTarget)} is not a constructor`);
      const args = CreateListFromArrayLike(realm, argumentsList);
      return ReflectConstruct(target, args, newTarget as Function) as object;
    },
    defineProperty(target: unknown, propertyKey: unknown, attributes: unknown): boolean {
      const O = requireTarget(realm, target, 'defineProperty');
      const key = ToPropertyKey(realm, propertyKey);
      const desc = ToPropertyDescriptor(realm, attributes);
      coerceArrayLengthDescriptor(realm, O, key, desc);
      recordDefinedKey(realm, O, key);
      return hostCall(realm, HostReflect.defineProperty, undefined, [O, key, desc]);
    },
    deleteProperty(target: unknown, propertyKey: unknown): boolean {
      const O = requireTarget(realm, target, 'deleteProperty');
      const key = ToPropertyKey(realm, propertyKey);
      return hostCall(realm, HostReflect.deleteProperty, undefined, [O, key]);
    },
    get(target: unknown, propertyKey: unknown, ...rest: unknown[]): unknown {
      const O = requireTarget(realm, target, 'get');
      const key = ToPropertyKey(realm, propertyKey);
      const receiver = rest.length === 0 ? O : rest[0];
      return hostCall(realm, HostReflect.get, undefined, [O, key, receiver]);
    },
    getOwnPropertyDescriptor(target: unknown, propertyKey: unknown): object | undefined {
      const O = requireTarget(realm, target, 'getOwnPropertyDescriptor');
      const key = ToPropertyKey(realm, propertyKey);
      return FromPropertyDescriptor(realm, hostCall(realm, HostReflect.getOwnPropertyDescriptor, undefined, [O, key]));
    },
    getPrototypeOf(target: unknown): object | null {
      const O = requireTarget(realm, target, 'getPrototypeOf');
      return hostCall(realm, HostReflect.getPrototypeOf, undefined, [O]);
    },
    has(target: unknown, propertyKey: unknown): boolean {
      const O = requireTarget(realm, target, 'has');
      const key = ToPropertyKey(realm, propertyKey);
      return hostCall(realm, HostReflect.has, undefined, [O, key]);
    },
    isExtensible(target: unknown): boolean {
      const O = requireTarget(realm, target, 'isExtensible');
      return hostCall(realm, HostReflect.isExtensible, undefined, [O]);
    },
    ownKeys(target: unknown): unknown[] {
      const O = requireTarget(realm, target, 'ownKeys');
      return adoptArray(realm, hostCall(realm, HostReflect.ownKeys, undefined, [O]));
    },
    preventExtensions(target: unknown): boolean {
      const O = requireTarget(realm, target, 'preventExtensions');
      if (refusesPreventExtensions(O)) return false;
      return hostCall(realm, HostReflect.preventExtensions, undefined, [O]);
    },
    set(target: unknown, propertyKey: unknown, V: unknown, ...rest: unknown[]): boolean {
      const O = requireTarget(realm, target, 'set');
      const key = ToPropertyKey(realm, propertyKey);
      const receiver = rest.length === 0 ? O : rest[0];
      // A typed array's [[Set]] (§10.4.5.5) with another receiver and an invalid integer index succeeds without
      // touching V; the host coerces V first.
      if (receiver !== O && typeof key === 'string' && isTypedArray(O)) {
        const numericIndex = CanonicalNumericIndexString(key);
        if (numericIndex !== undefined && !IsValidIntegerIndex(O, numericIndex)) return true;
      }
      return hostCall(realm, HostReflect.set, undefined, [O, key, V, receiver]);
    },
    setPrototypeOf(target: unknown, proto: unknown): boolean {
      const O = requireTarget(realm, target, 'setPrototypeOf');
      if (!isObject(proto) && proto !== null) realm.throwTypeError(`Object prototype may only be an Object or null: ${describeValue(proto)}`);
      return SetPrototypeOf(realm, O, proto);
    },
  };
  defineTable(realm, ReflectObject, [
    method('apply', 3, fns.apply),
    method('construct', 2, fns.construct),
    method('defineProperty', 3, fns.defineProperty),
    method('deleteProperty', 2, fns.deleteProperty),
    method('get', 2, fns.get),
    method('getOwnPropertyDescriptor', 2, fns.getOwnPropertyDescriptor),
    method('getPrototypeOf', 1, fns.getPrototypeOf),
    method('has', 2, fns.has),
    method('isExtensible', 1, fns.isExtensible),
    method('ownKeys', 1, fns.ownKeys),
    method('preventExtensions', 1, fns.preventExtensions),
    method('set', 3, fns.set),
    method('setPrototypeOf', 2, fns.setPrototypeOf),
    value(Symbol.toStringTag, 'Reflect', { writable: false }),
  ]);
}
