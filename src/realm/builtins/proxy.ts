// %Proxy% (ECMA-262 §28.2). Proxy exotic objects are the host's: their traps,
// invariants and [[ProxyHandler]] behaviour are exactly the spec's. The
// constructor and Proxy.revocable are the realm's; invariant violations the
// host reports are brought into the realm where guest code catches them.
import { markGuestProxy } from '../membrane.js';
import type { Realm } from '../realm.js';
import { createBuiltinFunction, defineTable, method } from '../builtin.js';
import { hostCall } from '../host-errors.js';
import { isObject, linkFunctionRealm } from '../abstract-ops.js';
import { HostProxy, ObjectCreate, ObjectDefineProperty, ObjectSetPrototypeOf, ProxyRevocable, ReflectApply } from '../primordials.js';

/** Every Proxy a realm's constructor made, with its [[ProxyTarget]] and guest [[ProxyHandler]] (null once
 * revoked): vm.measureMemory's and the retained-memory walks must not call guest traps, and the latter
 * walks these instead. */
const realmProxies = new WeakMap<object, { readonly target: object; readonly handler: object } | null>();

/** Whether `o` is a Proxy made by a realm's Proxy constructor or Proxy.revocable. */
export function isRealmProxy(o: object): boolean {
  return realmProxies.has(o);
}

/** The target and guest handler of a realm's Proxy, read without a trap; undefined once revoked (or for
 * any other object). */
export function realmProxyParts(o: object): { readonly target: object; readonly handler: object } | undefined {
  return realmProxies.get(o) ?? undefined;
}

/** ProxyCreate (§10.5.14) argument checks, with V8's messages. */
function checkArgs(realm: Realm, target: unknown, handler: unknown): void {
  if (!isObject(target) || !isObject(handler)) realm.throwTypeError('Cannot create proxy with a non-object as target or handler');
}

const TRAP_NAMES = [
  'apply', 'construct', 'defineProperty', 'deleteProperty', 'get', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has',
  'isExtensible', 'ownKeys', 'preventExtensions', 'set', 'setPrototypeOf',
] as const;

/** The handler the host Proxy gets for a guest `handler`: each trap is read from the guest's handler when the host
 * asks for it (one Get, as the spec's GetMethod does) and called with the guest's handler as `this`; the objects
 * the host makes for a trap, the argument list of `apply` and `construct` (CreateArrayFromList) and the
 * descriptor of `defineProperty` (FromPropertyDescriptor), get the realm's prototypes before the trap sees them. */
function realmHandler(realm: Realm, handler: object): object {
  const shim = ObjectCreate(null) as object;
  const { ArrayPrototype, ObjectPrototype } = realm.intrinsics;
  for (const name of TRAP_NAMES) {
    // The wrapper of the trap read last (a handler's traps rarely change).
    let lastTrap: unknown;
    let wrapper: unknown;
    const wrap = (trap: Function): Function => {
      if (name === 'apply') {
        return (target: object, thisArgument: unknown, args: unknown[]): unknown =>
          ReflectApply(trap, handler, [target, thisArgument, ObjectSetPrototypeOf(args, ArrayPrototype)]);
      }
      if (name === 'construct') {
        return (target: object, args: unknown[], newTarget: unknown): unknown =>
          ReflectApply(trap, handler, [target, ObjectSetPrototypeOf(args, ArrayPrototype), newTarget]);
      }
      if (name === 'defineProperty') {
        return (target: object, key: PropertyKey, desc: object): unknown =>
          ReflectApply(trap, handler, [target, key, ObjectSetPrototypeOf(desc, ObjectPrototype)]);
      }
      return function (this: unknown, ...args: unknown[]): unknown { return ReflectApply(trap, handler, args); };
    };
    const get = (): unknown => {
      const trap = (handler as Record<string, unknown>)[name];
      // undefined/null: the host forwards to the target; another non-callable: the host's TypeError.
      if (typeof trap !== 'function') return trap;
      if (trap !== lastTrap) {
        lastTrap = trap;
        wrapper = wrap(trap);
      }
      return wrapper;
    };
    ObjectDefineProperty(shim, name, { get, enumerable: false, configurable: false });
  }
  return shim;
}

export function installProxy(realm: Realm): void {
  const I = realm.intrinsics;
  // A bound function is a constructor without a `prototype` property; the function it wraps stays private.
  const impl = function Proxy(this: unknown, target: unknown, handler: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor Proxy requires 'new'");
    checkArgs(realm, target, handler);
    const p = hostCall(realm, (t: object, h: ProxyHandler<object>) => new HostProxy(t, h), undefined, [target, realmHandler(realm, handler as object)]) as object;
    realmProxies.set(p, { target: target as object, handler: handler as object });
    markGuestProxy(p, target as object);
    if (typeof target === 'function') linkFunctionRealm(p as Function, target);
    return p;
  };
  const ProxyCtor = createBuiltinFunction(realm, impl.bind(undefined), 'Proxy', 2);
  defineTable(realm, ProxyCtor, [
    // §28.2.2.1 Proxy.revocable ( target, handler )
    method('revocable', 2, (target: unknown, handler: unknown): object => {
      checkArgs(realm, target, handler);
      const r = ProxyRevocable(target as object, realmHandler(realm, handler as object) as ProxyHandler<object>);
      realmProxies.set(r.proxy, { target: target as object, handler: handler as object });
      markGuestProxy(r.proxy, target as object);
      const callable = typeof target === 'function';
      if (callable) linkFunctionRealm(r.proxy as Function, target);
      const result = ObjectCreate(I.ObjectPrototype) as Record<string, unknown>;
      const revoke = createBuiltinFunction(realm, () => {
        r.revoke();
        realmProxies.set(r.proxy, null);
        if (callable) linkFunctionRealm(r.proxy as Function, null);
      }, '', 0);
      ObjectDefineProperty(result, 'proxy', { value: r.proxy, writable: true, enumerable: true, configurable: true });
      ObjectDefineProperty(result, 'revoke', { value: revoke, writable: true, enumerable: true, configurable: true });
      return result;
    }),
  ]);
  I.Proxy = ProxyCtor;
}
