// %Proxy% (ECMA-262 §28.2). Proxy exotic objects are the host's: their traps,
// invariants and [[ProxyHandler]] behaviour are exactly the spec's. The
// constructor and Proxy.revocable are the realm's; invariant violations the
// host reports are brought into the realm where guest code catches them.
//
// The host Proxy's handler is not the guest's: the host would hand the guest's traps objects it makes
// itself, with the host's prototypes (the descriptor of `defineProperty`, the argument list of
// `apply` and `construct`), and `desc.constructor.constructor` would be the host's Function. Each
// realm Proxy gets a host handler whose traps look the guest's trap up on each call (GetMethod, as
// the spec's internal methods do), bring those objects into the realm and call it. The spec makes
// them in the current realm; host code cannot tell which realm's code is running, so they are the
// Proxy's realm's.
import { markGuestProxy } from '../membrane.js';
import type { Realm } from '../realm.js';
import { createBuiltinFunction, defineTable, method } from '../builtin.js';
import { hostCall } from '../host-errors.js';
import { CreateArrayFromList, FromPropertyDescriptor, describeTyped, isObject } from '../abstract-ops.js';
import { HostProxy, HostReflect, HostTypeError, ObjectCreate, ObjectDefineProperty, ProxyRevocable, ReflectApply } from '../primordials.js';

type Trap = keyof ProxyHandler<object>;

const TRAPS: readonly Trap[] = [
  'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'getOwnPropertyDescriptor', 'defineProperty', 'has',
  'get', 'set', 'deleteProperty', 'ownKeys', 'apply', 'construct',
];

/** The host handler of a realm Proxy whose [[ProxyHandler]] is the guest's `handler`: each trap is the
 * guest's, called with the realm's objects; without one, the target's internal method. */
function realmHandler(realm: Realm, handler: object): ProxyHandler<object> {
  const h = ObjectCreate(null) as Record<Trap, Function>;
  for (const name of TRAPS) {
    const fallback = HostReflect[name] as Function;
    h[name] = (target: object, ...rest: unknown[]): unknown => {
      // GetMethod(handler, name); its TypeError is left to the host, like the host Proxy's own errors, so
      // that the code that catches it gets its own realm's TypeError (runtime/catch-value.ts).
      const trap = (handler as Record<string, unknown>)[name];
      if (trap === undefined || trap === null) return ReflectApply(fallback, undefined, [target, ...rest]);
      if (typeof trap !== 'function') throw new HostTypeError(`${describeTyped(trap)} is not a function`);
      if (name === 'defineProperty') rest[1] = FromPropertyDescriptor(realm, rest[1] as PropertyDescriptor);
      else if (name === 'apply') rest[1] = CreateArrayFromList(realm, rest[1] as unknown[]);
      else if (name === 'construct') rest[0] = CreateArrayFromList(realm, rest[0] as unknown[]);
      return ReflectApply(trap, handler, [target, ...rest]);
    };
  }
  return h as unknown as ProxyHandler<object>;
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
