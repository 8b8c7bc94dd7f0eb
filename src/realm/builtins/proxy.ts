// %Proxy% (ECMA-262 §28.2). Proxy exotic objects are the host's: their traps,
// invariants and [[ProxyHandler]] behaviour are exactly the spec's. The
// constructor and Proxy.revocable are the realm's; invariant violations the
// host reports are brought into the realm where guest code catches them.
import { markGuestProxy } from '../membrane.js';
import type { Realm } from '../realm.js';
import { createBuiltinFunction, defineTable, method } from '../builtin.js';
import { hostCall } from '../host-errors.js';
import { isObject } from '../abstract-ops.js';
import { HostProxy, ObjectCreate, ObjectDefineProperty, ProxyRevocable } from '../primordials.js';

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
    const p = hostCall(realm, (t: object, h: ProxyHandler<object>) => new HostProxy(t, h), undefined, [target, handler]) as object;
    realmProxies.add(p);
    markGuestProxy(p, target as object);
    return p;
  };
  const ProxyCtor = createBuiltinFunction(realm, impl.bind(undefined), 'Proxy', 2);
  defineTable(realm, ProxyCtor, [
    // §28.2.2.1 Proxy.revocable ( target, handler )
    method('revocable', 2, (target: unknown, handler: unknown): object => {
      checkArgs(realm, target, handler);
      const r = ProxyRevocable(target as object, handler as ProxyHandler<object>);
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
