// The global object guest code sees in a contextified realm (`globalThis`, top-level
// `this`): an exotic object over the realm's own global object whose internal
// methods consult the contextified object (the "sandbox") first, as node's V8
// named-property interceptors do. Its target is the realm's global, never a host
// object, and what it reads from the sandbox comes through the membrane (src/realm/membrane.ts).
//
// Proxy invariants (ECMA-262 §10.5) bind every trap to the target: a
// non-configurable property of the target must be reported as it is there, and a
// property reported non-configurable must exist non-configurably on the target.
// So non-configurable properties defined through the proxy are mirrored onto the
// target, and the target's own non-configurable properties (NaN, undefined,
// Infinity, and the mirrors) win over same-named sandbox properties.
import type { Realm } from '../realm/realm.js';
import { inheritsOnlyFromHost, isHostObjectPrototypeName } from '../interpreter/runtime/global-environment.js';
import { membraneOf } from '../realm/membrane.js';
import { agent } from '../realm/agent.js';
import { settleGlobal } from '../realm/lazy-families.js';

type Sandbox = Record<PropertyKey, unknown>;

const { getOwnPropertyDescriptor, defineProperty, deleteProperty, get, set, ownKeys, has } = Reflect;
const { hasOwn } = Object;

/** The target's own property when it is non-configurable: then the invariants fix what the proxy reports. */
function pinned(target: object, key: PropertyKey): PropertyDescriptor | undefined {
  const d = getOwnPropertyDescriptor(target, key);
  return d !== undefined && d.configurable === false ? d : undefined;
}

/** Whether the target leaves `key` to the sandbox: not pinned, or pinned but a writable data property
 * (whose value the invariants do not fix). */
function unpinned(target: object, key: PropertyKey): boolean {
  const p = pinned(target, key);
  return p === undefined || p.writable === true;
}

export function createGlobalProxy(realm: Realm, sandbox: Sandbox): object {
  const target: object = realm.globalObject;
  // The sandbox is the embedder's object: its values reach guest code through the membrane (host
  // code reading the proxy, which the embedder may do, gets them as they are).
  const membrane = realm.isHost ? null : membraneOf(realm);
  const inward = (v: unknown): unknown => (membrane === null || agent.hostCode ? v : membrane.toGuest(v));
  const inwardDescriptor = (d: PropertyDescriptor): PropertyDescriptor => {
    if (membrane === null || agent.hostCode) return d;
    const out: PropertyDescriptor = { ...d };
    if ('value' in d) out.value = membrane.toGuest(d.value);
    if (d.get !== undefined) out.get = membrane.toGuest(d.get) as () => unknown;
    if (d.set !== undefined) out.set = membrane.toGuest(d.set) as (v: unknown) => void;
    return out;
  };
  const mirror = (t: object, key: PropertyKey, d: PropertyDescriptor): boolean => defineProperty(t, key, inwardDescriptor(d));
  const handler: ProxyHandler<object> = {
    get(t, key, receiver) {
      if (unpinned(t, key) && has(sandbox, key) && !(typeof key === 'string' && isHostObjectPrototypeName(key) && inheritsOnlyFromHost(sandbox, key))) {
        return inward(get(sandbox, key));
      }
      return get(t, key, receiver);
    },

    set(t, key, value, receiver) {
      // A set reaching here through the prototype chain of another object defines on that object.
      if (receiver !== proxy) {
        settleGlobal(realm, key);
        return set(has(sandbox, key) ? sandbox : t, key, value, receiver);
      }
      // node's interceptors are for string names: a new symbol-keyed property stays on the global.
      if (typeof key === 'symbol' && !has(sandbox, key)) return set(t, key, value, t);
      const p = pinned(t, key);
      // A non-writable or accessor pinned property decides for itself (the invariants require it).
      if (p !== undefined && p.writable !== true) return set(t, key, value, receiver);
      // node: a read-only builtin of the global (undefined, NaN, Infinity) is not shadowed by assignment.
      if (p === undefined && !has(sandbox, key)) {
        const d = getOwnPropertyDescriptor(t, key);
        if (d !== undefined && d.writable === false) return false;
      }
      const ok = set(sandbox, key, value);
      if (ok && p !== undefined) {
        const sd = getOwnPropertyDescriptor(sandbox, key);
        if (sd !== undefined && sd.configurable === false) mirror(t, key, sd);
      }
      return ok;
    },

    has(t, key) {
      return has(sandbox, key) || has(t, key);
    },

    // node's deleter: delete from the sandbox; only if that worked, the global's own property too
    // (so a var-declared, non-deletable binding reports false although the sandbox lost it, as in node).
    deleteProperty(t, key) {
      if (hasOwn(sandbox, key) && !deleteProperty(sandbox, key)) return false;
      return deleteProperty(t, key);
    },

    defineProperty(t, key, desc) {
      settleGlobal(realm, key);
      if (pinned(t, key) !== undefined) {
        // The target's non-configurable property bounds what may change, so it is updated first.
        if (!defineProperty(t, key, desc)) return false;
        if (!hasOwn(sandbox, key)) return true;
      }
      if (!defineProperty(sandbox, key, desc)) return false;
      const sd = getOwnPropertyDescriptor(sandbox, key);
      if (sd !== undefined && sd.configurable === false) mirror(t, key, sd);
      return true;
    },

    getOwnPropertyDescriptor(t, key) {
      settleGlobal(realm, key);
      const sd = getOwnPropertyDescriptor(sandbox, key);
      if (sd === undefined) return getOwnPropertyDescriptor(t, key);
      if (sd.configurable === false) { mirror(t, key, sd); return getOwnPropertyDescriptor(t, key); }
      const p = pinned(t, key);
      if (p === undefined) return inwardDescriptor(sd);
      // A writable pinned data property may report the sandbox's current value, not its attributes.
      return p.writable === true && 'value' in sd ? { ...p, value: inward(sd.value) } : p;
    },

    ownKeys(t) {
      const keys = ownKeys(sandbox);
      const seen = new Set(keys);
      for (const k of ownKeys(t)) if (!seen.has(k)) keys.push(k);
      return keys;
    },

    // node's contextified global cannot be made non-extensible ("Cannot prevent extensions").
    preventExtensions() {
      return false;
    },
  };
  const proxy = new Proxy(target, handler);
  return proxy;
}
