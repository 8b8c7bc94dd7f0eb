// %Proxy% (ECMA-262 §28.2). Proxy exotic objects are the host's: their traps,
// invariants and [[ProxyHandler]] behaviour are exactly the spec's. The
// constructor and Proxy.revocable are the realm's; invariant violations the
// host reports are brought into the realm where guest code catches them.
//
// The host Proxy's handler is not the guest's: the host would hand the guest's traps objects it makes
// itself, with the host's prototypes (the descriptor of `defineProperty`, the argument list of
// `apply` and `construct`), and `desc.constructor.constructor` would be the host's Function. Each
// realm Proxy's host handler reads the guest's traps and brings those objects into the realm before
// calling them (realmHandler). The spec makes them in the current realm; host code cannot tell which
// realm's code is running, so they are the Proxy's realm's.
import { markGuestProxy } from '../membrane.js';
import type { Realm } from '../realm.js';
import { createBuiltinFunction, defineTable, method } from '../builtin.js';
import { hostCall } from '../host-errors.js';
import { CreateArrayFromList, FromPropertyDescriptor, isObject } from '../abstract-ops.js';
import { HostProxy, ObjectCreate, ObjectDefineProperty, ProxyRevocable, ReflectApply } from '../primordials.js';

/** The host handler of a realm Proxy whose [[ProxyHandler]] is the guest's `handler`. The host reads
 * a trap from its handler once per internal method (GetMethod); this handler is a host Proxy whose
 * `get` reads the guest's (so a missing trap is missing for the host too, which then does exactly the
 * target's internal method, with no invariant checks of its own), and hands the host a function that
 * calls it with the guest's handler as `this` and the realm's objects for the host's. */
function realmHandler(realm: Realm, handler: object): ProxyHandler<object> {
  return new HostProxy(ObjectCreate(null) as object, {
    get(_target: object, name: PropertyKey): unknown {
      const trap = (handler as Record<PropertyKey, unknown>)[name];
      // Undefined or null: the target's internal method; not callable: the host's TypeError, which the
      // code that catches it gets as its own realm's (runtime/catch-value.ts).
      if (typeof trap !== 'function') return trap;
      if (name === 'defineProperty') {
        return (target: object, key: PropertyKey, desc: PropertyDescriptor): unknown =>
          ReflectApply(trap, handler, [target, key, FromPropertyDescriptor(realm, desc)]);
      }
      if (name === 'apply') {
        return (target: object, thisArg: unknown, args: unknown[]): unknown =>
          ReflectApply(trap, handler, [target, thisArg, CreateArrayFromList(realm, args)]);
      }
      if (name === 'construct') {
        return (target: object, args: unknown[], newTarget: unknown): unknown =>
          ReflectApply(trap, handler, [target, CreateArrayFromList(realm, args), newTarget]);
      }
      return function (this: unknown, ...args: unknown[]): unknown { return ReflectApply(trap, handler, args); };
    },
  }) as ProxyHandler<object>;
}

/** Every Proxy a realm's constructor made: vm.measureMemory's walk must not call guest traps. */
const realmProxies = new WeakSet<object>();

/** Whether `o` is a Proxy made by a realm's Proxy constructor or Proxy.revocable. */
export function isRealmProxy(o: object): boolean {
  return realmProxies.has(o);
}

/** ProxyCreate (§10.5.14) argument checks, with V8's messages. */
function checkArgs(realm: Realm, target: unknown, handler: unknown): void {
  if (!isObject(target) || !isObject(handler)) realm.throwTypeError('Cannot create proxy with a non-object as target or handler');
}

export function installProxy(realm: Realm): void {
  const I = realm.intrinsics;
  // A bound function is a constructor without a `prototype` property; the function it wraps stays private.
  const impl = function Proxy(this: unknown, target: unknown, handler: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor Proxy requires 'new'");
    checkArgs(realm, target, handler);
    const p = hostCall(realm, (t: object, h: ProxyHandler<object>) => new HostProxy(t, h), undefined, [target, realmHandler(realm, handler as object)]) as object;
    realmProxies.add(p);
    markGuestProxy(p, target as object);
    return p;
  };
  const ProxyCtor = createBuiltinFunction(realm, impl.bind(undefined), 'Proxy', 2);
  defineTable(realm, ProxyCtor, [
    // §28.2.2.1 Proxy.revocable ( target, handler )
    method('revocable', 2, (target: unknown, handler: unknown): object => {
      checkArgs(realm, target, handler);
      const r = ProxyRevocable(target as object, realmHandler(realm, handler as object));
      realmProxies.add(r.proxy);
      markGuestProxy(r.proxy, target as object);
      const result = ObjectCreate(I.ObjectPrototype) as Record<string, unknown>;
      const revoke = createBuiltinFunction(realm, () => { r.revoke(); }, '', 0);
      ObjectDefineProperty(result, 'proxy', { value: r.proxy, writable: true, enumerable: true, configurable: true });
      ObjectDefineProperty(result, 'revoke', { value: revoke, writable: true, enumerable: true, configurable: true });
      return result;
    }),
  ]);
  I.Proxy = ProxyCtor;
}
