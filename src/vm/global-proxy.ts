// The global object guest code sees in a contextified realm (`globalThis`, top-level
// `this`): an exotic object over the realm's own global object whose internal
// methods consult the contextified object (the "sandbox") first, as node's V8
// named-property interceptors do. Its target is the realm's global, never a host
// object, so it reaches no host intrinsic the embedder did not pass in.
//
// Proxy invariants (ECMA-262 §10.5) bind every trap to the target: a
// non-configurable property of the target must be reported as it is there, and a
// property reported non-configurable must exist non-configurably on the target.
// So non-configurable properties defined through the proxy are mirrored onto the
// target, and the target's own non-configurable properties (NaN, undefined,
// Infinity, and the mirrors) win over same-named sandbox properties.
import type { Realm } from '../realm/realm.js';

type Sandbox = Record<PropertyKey, unknown>;

const { getOwnPropertyDescriptor, defineProperty, deleteProperty, get, set, ownKeys, has } = Reflect;
const { hasOwn } = Object;

/** The target's own property when it is non-configurable: then the invariants fix what the proxy reports. */
function pinned(target: object, key: PropertyKey): PropertyDescriptor | undefined {
  const d = getOwnPropertyDescriptor(target, key);
  return d !== undefined && d.configurable === false ? d : undefined;
}

/** Copies a non-configurable sandbox property onto the target so that reporting it keeps the invariants. */
function mirror(target: object, key: PropertyKey, d: PropertyDescriptor): void {
  defineProperty(target, key, d);
}

export function createGlobalProxy(realm: Realm, sandbox: Sandbox): object {
  const target: object = realm.globalObject;
  const handler: ProxyHandler<object> = {
    get(t, key, receiver) {
      if (pinned(t, key) === undefined && has(sandbox, key)) return get(sandbox, key);
      return get(t, key, receiver);
    },

    set(t, key, value, receiver) {
      // A set reaching here through the prototype chain of another object defines on that object.
      if (receiver !== proxy) return set(has(sandbox, key) ? sandbox : t, key, value, receiver);
      const p = pinned(t, key);
      // Pinned properties other than a writable mirror of a sandbox property are set on the target.
      if (p !== undefined && (!hasOwn(sandbox, key) || p.writable !== true)) return set(t, key, value, receiver);
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

    deleteProperty(t, key) {
      if (pinned(t, key) !== undefined) return false;
      if (hasOwn(sandbox, key)) return deleteProperty(sandbox, key);
      return deleteProperty(t, key);
    },

    defineProperty(t, key, desc) {
      if (pinned(t, key) !== undefined && !hasOwn(sandbox, key)) return defineProperty(t, key, desc);
      if (!defineProperty(sandbox, key, desc)) return false;
      const sd = getOwnPropertyDescriptor(sandbox, key);
      if (sd !== undefined && sd.configurable === false) mirror(t, key, sd);
      return true;
    },

    getOwnPropertyDescriptor(t, key) {
      const sd = getOwnPropertyDescriptor(sandbox, key);
      if (sd !== undefined) {
        if (sd.configurable === false) { mirror(t, key, sd); return sd; }
        if (pinned(t, key) === undefined) return sd;
      }
      return getOwnPropertyDescriptor(t, key);
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
