// Arguments exotic objects (§10.4.4). Unmapped ones are ordinary objects with
// the realm's prototypes; mapped ones (sloppy functions with simple parameters)
// are a Proxy whose traps keep indices and parameter bindings in step.
import type { Frame } from './frame.js';
import type { Realm } from '../../realm/realm.js';

const { defineProperty, create, getOwnPropertyDescriptor } = Object;
const argumentsObjects = new WeakSet<object>();

/** Whether `o` is an arguments object (has [[ParameterMap]] or was made by CreateUnmappedArgumentsObject). */
export function isArgumentsObject(o: unknown): boolean {
  return typeof o === 'object' && o !== null && argumentsObjects.has(o);
}

function arrayValues(realm: Realm): unknown {
  const i = realm.intrinsics;
  return i.ArrayPrototypeValues ?? Reflect.get(i.ArrayPrototype, 'values');
}

/** The arguments object of the running call `f`; `paramSlots` (mapped objects) are the parameters'
 * slots in `slots`, the environment holding them. */
export function createArgumentsObjectFor(f: Frame, paramSlots: number[] | null, slots: unknown[]): object {
  const realm = f.realm;
  const args = f.args;
  const o = create(realm.intrinsics.ObjectPrototype) as Record<PropertyKey, unknown>;
  const n = args.length;
  for (let i = 0; i < n; i++) o[i] = args[i];
  defineProperty(o, 'length', { value: n, writable: true, enumerable: false, configurable: true });
  defineProperty(o, Symbol.iterator, { value: arrayValues(realm), writable: true, enumerable: false, configurable: true });
  if (paramSlots === null) {
    const thrower = realm.intrinsics.ThrowTypeError;
    defineProperty(o, 'callee', { get: thrower as () => unknown, set: thrower as (v: unknown) => void, enumerable: false, configurable: false });
    argumentsObjects.add(o);
    return o;
  }
  defineProperty(o, 'callee', { value: f.fn!.fnObject, writable: true, enumerable: false, configurable: true });
  const mappedCount = Math.min(n, paramSlots.length);
  if (mappedCount === 0) { argumentsObjects.add(o); return o; }
  // Later parameters with the same name win (§10.4.4.7 step 17): map each index to its own slot
  // unless a later parameter has the same slot.
  const map: Array<number | -1> = [];
  for (let i = 0; i < mappedCount; i++) {
    const slot = paramSlots[i];
    map[i] = paramSlots.lastIndexOf(slot) === i ? slot : -1;
  }
  const mappedIndex = (key: PropertyKey): number => {
    if (typeof key !== 'string') return -1;
    const i = +key;
    if (!(i >= 0 && i < mappedCount) || String(i) !== key) return -1;
    return map[i] === -1 ? -1 : i;
  };
  const handler: ProxyHandler<Record<PropertyKey, unknown>> = {
    get(target, key, receiver) {
      const i = mappedIndex(key);
      if (i >= 0 && receiver === proxy) return slots[map[i]];
      return Reflect.get(target, key, receiver === proxy ? target : receiver);
    },
    set(target, key, value, receiver) {
      const i = mappedIndex(key);
      if (receiver !== proxy) return Reflect.set(target, key, value, receiver);
      const ok = Reflect.set(target, key, value);
      if (ok && i >= 0) slots[map[i]] = value;
      return ok;
    },
    getOwnPropertyDescriptor(target, key) {
      const d = getOwnPropertyDescriptor(target, key);
      const i = mappedIndex(key);
      if (d && i >= 0) d.value = slots[map[i]];
      return d;
    },
    defineProperty(target, key, desc) {
      const i = mappedIndex(key);
      if (i < 0) return Reflect.defineProperty(target, key, desc);
      let newDesc = desc;
      if (!('get' in desc) && !('set' in desc) && !('value' in desc) && desc.writable === false) {
        newDesc = { ...desc, value: slots[map[i]] };
      }
      if (!Reflect.defineProperty(target, key, newDesc)) return false;
      if ('get' in desc || 'set' in desc) map[i] = -1;
      else {
        if ('value' in desc) slots[map[i]] = desc.value;
        if (desc.writable === false) map[i] = -1;
      }
      return true;
    },
    deleteProperty(target, key) {
      const i = mappedIndex(key);
      const ok = Reflect.deleteProperty(target, key);
      if (ok && i >= 0) map[i] = -1;
      return ok;
    },
  };
  const proxy = new Proxy(o, handler);
  argumentsObjects.add(proxy);
  return proxy;
}
