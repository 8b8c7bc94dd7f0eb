// Declarative registration of builtins: a table per intrinsic, installed per realm.
// A builtin's `name`, `length` and property attributes follow ECMA-262 §10.3 and §18.
import type { Realm } from './realm.js';
import { setFunctionRealm } from './abstract-ops.js';
import { toRealmError } from './host-errors.js';
import { agent } from './agent.js';
import { needsEntryBudget } from './host-entry.js';
import { callBuiltinFromHost } from './membrane.js';
import { ObjectDefineProperty, ObjectSetPrototypeOf } from './primordials.js';

type AnyFn = (this: any, ...args: any[]) => any;

export type BuiltinEntry =
  | { kind: 'method'; key: PropertyKey; length: number; fn: AnyFn; enumerable?: boolean }
  | { kind: 'accessor'; key: PropertyKey; get?: AnyFn; set?: AnyFn; enumerable?: boolean; configurable?: boolean }
  | { kind: 'value'; key: PropertyKey; value: unknown; writable?: boolean; enumerable?: boolean; configurable?: boolean };

/** A method: writable, non-enumerable, configurable (§18). `fn` must not be constructible
 * (write it as a method shorthand or arrow) unless the spec says it is a constructor. */
export const method = (key: PropertyKey, length: number, fn: AnyFn): BuiltinEntry => ({ kind: 'method', key, length, fn });
export const accessor = (key: PropertyKey, get?: AnyFn, set?: AnyFn): BuiltinEntry => ({ kind: 'accessor', key, get, set });
/** A data property; defaults to writable, non-enumerable, configurable (§18). */
export const value = (key: PropertyKey, v: unknown, attrs: { writable?: boolean; enumerable?: boolean; configurable?: boolean } = {}): BuiltinEntry =>
  ({ kind: 'value', key, value: v, ...attrs });
/** A constant such as Math.PI: non-writable, non-enumerable, non-configurable. */
export const constant = (key: PropertyKey, v: unknown): BuiltinEntry => ({ kind: 'value', key, value: v, writable: false, enumerable: false, configurable: false });

/** A builtin written against the realm, its receiver and its argument list (see `wrap`). */
export type BuiltinImpl = (realm: Realm, thisValue: unknown, args: unknown[]) => unknown;

/** A non-constructible builtin for `realm` running `impl`; host errors it raises become the realm's
 * (a Termination or a guest value passes through untouched). Called by host code outside a run in a
 * context with a timeout or memory limit, it runs under them (membrane.ts callBuiltinFromHost). */
export function wrap(realm: Realm, impl: BuiltinImpl): (this: unknown, ...args: unknown[]) => unknown {
  const builtin = {
    builtin(this: unknown, ...args: unknown[]): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, builtin, this, args);
      try {
        return impl(realm, this, args);
      } catch (e) {
        throw toRealmError(realm, e);
      }
    },
  }.builtin;
  return builtin;
}

/** Whether a builtin of `realm` is being called by host code outside every run in a context with a
 * timeout or memory limit: it must then run as an entry (callBuiltinFromHost). For builtins that do not
 * go through `wrap` check it too; guest calls pay the read of `agent.hostCode`. */
export function calledByHost(realm: Realm): boolean {
  return agent.hostCode && needsEntryBudget(realm);
}

/** A table entry for a method implemented by `impl` (see `wrap`). */
export function m(realm: Realm, key: PropertyKey, length: number, impl: BuiltinImpl): BuiltinEntry {
  return method(key, length, wrap(realm, impl));
}

/** The `name` a builtin gets for property key `key` (§10.2.9 SetFunctionName). */
export function functionNameFor(key: PropertyKey, prefix?: 'get' | 'set'): string {
  let name = typeof key === 'symbol' ? (key.description === undefined ? '' : `[${key.description}]`) : String(key);
  if (prefix) name = `${prefix} ${name}`;
  return name;
}

/** CreateBuiltinFunction (§10.3.4): gives a host function the realm's %Function.prototype% and the spec's name/length. */
export function createBuiltinFunction<F extends AnyFn>(realm: Realm, fn: F, name: string, length: number, proto: object = realm.intrinsics.FunctionPrototype): F {
  ObjectSetPrototypeOf(fn, proto);
  // A host function's own length/name already have the spec's attributes; redefine only what differs
  // (most tables write methods whose declared name and arity are right), which keeps realms cheap.
  if (fn.length !== length) ObjectDefineProperty(fn, 'length', { value: length, writable: false, enumerable: false, configurable: true });
  if (fn.name !== name) ObjectDefineProperty(fn, 'name', { value: name, writable: false, enumerable: false, configurable: true });
  return fn;
}

/** Installs a table of builtins on `target` for `realm`. */
export function defineTable(realm: Realm, target: object, table: readonly BuiltinEntry[]): void {
  for (const e of table) {
    if (e.kind === 'method') {
      const f = createBuiltinFunction(realm, e.fn, functionNameFor(e.key), e.length);
      ObjectDefineProperty(target, e.key, { value: f, writable: true, enumerable: e.enumerable ?? false, configurable: true });
    } else if (e.kind === 'accessor') {
      const get = e.get && createBuiltinFunction(realm, e.get, functionNameFor(e.key, 'get'), 0);
      const set = e.set && createBuiltinFunction(realm, e.set, functionNameFor(e.key, 'set'), 1);
      ObjectDefineProperty(target, e.key, { get, set, enumerable: e.enumerable ?? false, configurable: e.configurable ?? true });
    } else {
      ObjectDefineProperty(target, e.key, { value: e.value, writable: e.writable ?? true, enumerable: e.enumerable ?? false, configurable: e.configurable ?? true });
    }
  }
}

/** Makes a builtin constructor: `fn` is a host `function` (constructible) that checks `new.target` itself.
 * Its `prototype` property is non-writable, non-enumerable, non-configurable (§18), and the
 * prototype's `constructor` points back. */
export function createBuiltinConstructor<F extends AnyFn>(realm: Realm, fn: F, name: string, length: number, prototype: object, proto?: object): F {
  createBuiltinFunction(realm, fn, name, length, proto);
  setFunctionRealm(fn, realm);
  ObjectDefineProperty(fn, 'prototype', { value: prototype, writable: false, enumerable: false, configurable: false });
  ObjectDefineProperty(prototype, 'constructor', { value: fn, writable: true, enumerable: false, configurable: true });
  return fn;
}
