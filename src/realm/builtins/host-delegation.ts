// Builtins that delegate to a host method or getter where the host's semantics are the spec's: the
// binary data builtins (buffers, views, typed arrays, Atomics). The host checks the receiver's
// internal slots whatever its prototype, runs guest code (callbacks, valueOf, species constructors)
// in the spec's order, and its errors are brought into the realm; a guest exception or a Termination
// passes through untouched.
import type { Realm } from '../realm.js';
import { toRealmBrandError } from '../brand-error.js';
import { ReflectApply } from '../primordials.js';

type HostFn = (this: unknown, ...args: unknown[]) => unknown;

/** A builtin method that applies `hostFn` to its receiver and arguments. */
export function hostMethod(realm: Realm, hostFn: Function): HostFn {
  return {
    method(this: unknown, ...args: unknown[]): unknown {
      try { return ReflectApply(hostFn, this, args); } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
  }.method;
}

/** A builtin getter that applies the host getter `hostGet` to its receiver. */
export function hostGetter(realm: Realm, hostGet: Function): (this: unknown) => unknown {
  return {
    get(this: unknown): unknown {
      try { return ReflectApply(hostGet, this, []); } catch (e) { throw toRealmBrandError(realm, e, this); }
    },
  }.get;
}

/** The host function under `key` in a descriptor record captured at load (its value or getter). */
export function hostFunction(descriptors: Readonly<Record<PropertyKey, PropertyDescriptor>>, key: PropertyKey, part: 'value' | 'get' = 'value'): Function {
  const d = descriptors[key as string];
  const f = d === undefined ? undefined : d[part];
  if (typeof f !== 'function') throw new Error(`vmjs internal: the host has no ${String(key)} to delegate to`);
  return f as Function;
}
