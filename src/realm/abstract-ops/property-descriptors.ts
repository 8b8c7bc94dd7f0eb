// ECMA-262 §6.2.6 The Property Descriptor Specification Type (sec-property-descriptor-specification-type).
import type { Realm } from '../realm.js';
import { CreateDataProperty } from './object-operations.js';
import { isObject } from './testing-comparison.js';
import { describeValue } from '../describe.js';
import { ObjectCreate, ObjectSetPrototypeOf } from '../primordials.js';

/** ToPropertyDescriptor (§6.2.6.5, sec-topropertydescriptor): a null-prototype descriptor safe to hand to Reflect.defineProperty. */
export function ToPropertyDescriptor(realm: Realm, Obj: unknown): PropertyDescriptor {
  if (!isObject(Obj)) return realm.throwTypeError(`Property description must be an object: ${describeValue(Obj)}`);
  const desc = ObjectCreate(null) as PropertyDescriptor;
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

/** FromPropertyDescriptor (§6.2.6.4, sec-frompropertydescriptor): an object of the realm, fields in the spec's order. */
export function FromPropertyDescriptor(realm: Realm, desc: PropertyDescriptor | undefined): object | undefined {
  if (desc === undefined) return undefined;
  // Complete descriptors (what the host's getOwnPropertyDescriptor returns) take the fast literal form.
  if ('value' in desc && 'writable' in desc && 'enumerable' in desc && 'configurable' in desc && !('get' in desc) && !('set' in desc)) {
    const d = { value: desc.value, writable: desc.writable, enumerable: desc.enumerable, configurable: desc.configurable };
    if (!realm.isHost) ObjectSetPrototypeOf(d, realm.intrinsics.ObjectPrototype);
    return d;
  }
  if ('get' in desc && 'set' in desc && 'enumerable' in desc && 'configurable' in desc && !('value' in desc) && !('writable' in desc)) {
    const d = { get: desc.get, set: desc.set, enumerable: desc.enumerable, configurable: desc.configurable };
    if (!realm.isHost) ObjectSetPrototypeOf(d, realm.intrinsics.ObjectPrototype);
    return d;
  }
  const o = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;
  if ('value' in desc) CreateDataProperty(o, 'value', desc.value);
  if ('writable' in desc) CreateDataProperty(o, 'writable', desc.writable);
  if ('get' in desc) CreateDataProperty(o, 'get', desc.get);
  if ('set' in desc) CreateDataProperty(o, 'set', desc.set);
  if ('enumerable' in desc) CreateDataProperty(o, 'enumerable', desc.enumerable);
  if ('configurable' in desc) CreateDataProperty(o, 'configurable', desc.configurable);
  return o;
}
