// The membrane between the host and a context: host objects and functions that reach guest code are
// seen through a Proxy that never yields a host intrinsic or a host code-generating function. Where
// a host value would hand the guest one of the host's intrinsics (`log.constructor`, a prototype, the
// class of a thrown host error), the guest gets its own realm's intrinsic of the same name instead, so
// `hostFn.constructor('return process')` is the context's `Function` and makes guest code (host
// intrinsic objects, such as prototypes, are wrapped like any host object). Guest values
// going to the host stay themselves (node users rely on getting the context's own objects back); what
// the host passes to guest code comes through the membrane again:
//   - values the guest reads from the contextified object (global-environment.ts, global-proxy.ts);
//   - what a host function returns or throws, and any property read from a host object (the traps);
//   - the arguments and `this` of a guest function called by host code (`agent.hostCode`, checked in
//     invoke), of a realm builtin handed to host code (wrapped on its way out, toHost), and of a realm
//     builtin the host calls outside a run in a context with a timeout or limit (callBuiltinFromHost).
// Host promises need nothing special: they are host objects, and awaiting one calls its `then`
// through the membrane with resolving functions that the membrane wraps on their way to the host.
//
// Which values are the host's: an object is the guest's if its prototype chain ends at a vmjs
// realm's %Object.prototype%, or if a realm made it with a null prototype (markGuestObject at those
// sites), or if it is a Proxy a realm's Proxy constructor made; anything else is the host's. The host
// realm (runInThisContext) has no membrane: there, host values are the guest's own.
//
// What the embedder may still hand over on purpose: createContext's `passThrough: [values]` (a vmjs
// extension) lets those values reach that context's guest code unwrapped; and what host code writes
// directly into guest objects (or onto a DONT_CONTEXTIFY global, an ordinary object) is not seen by
// the membrane.
import type { Realm } from './realm.js';
import { agent, Termination } from './agent.js';
import { hooks } from './evaluator-hooks.js';
import { needsEntryBudget, runHostEntry } from './host-entry.js';
import {
  ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, ReflectApply, ReflectConstruct,
} from './primordials.js';

const R = Reflect;

/** Every vmjs realm's %Object.prototype% and %Function.prototype%: a chain that reaches one is a guest's. */
const guestRoots = new WeakSet<object>();
/** Objects a realm made with a null prototype, and Proxies a realm's Proxy constructor made. */
const guestObjects = new WeakSet<object>();

/** Registers a new (non-host) realm's roots. */
export function registerGuestRealm(realm: Realm): void {
  guestRoots.add(realm.intrinsics.ObjectPrototype);
  guestRoots.add(realm.intrinsics.FunctionPrototype);
}

/** The targets of the Proxies realms made: a null prototype given through a guest Proxy lands on its
 * target, which must be recognised as the guest's too. */
const guestProxyTargets = new WeakMap<object, object>();

/** A realm made `o` with no prototype chain to classify it by (null prototype, or a Proxy). */
export function markGuestObject(o: object): void {
  guestObjects.add(o);
}

/** A Proxy a realm made, with its target. */
export function markGuestProxy(proxy: object, target: object): void {
  guestObjects.add(proxy);
  guestProxyTargets.set(proxy, target);
}

/** The membrane's own Proxies (host values as the guest sees them), of every realm. */
const membraneProxies = new WeakSet<object>();

/** Whether `o` is a Proxy that a realm's Proxy constructor or a membrane made: asking it anything
 * may run a trap. Host Proxies handed over with `passThrough` are not known. */
export function isKnownProxy(o: object): boolean {
  return guestProxyTargets.has(o) || membraneProxies.has(o);
}

/** `o` was given a null prototype by guest code: it, and what it forwards to if it is a guest Proxy,
 * stay recognisably the guest's. */
export function markGuestNullPrototype(o: object): void {
  let x: object | undefined = o;
  for (let i = 0; x !== undefined && i < 10000; i++) {
    guestObjects.add(x);
    x = guestProxyTargets.get(x);
  }
}

/** Whether `o` is a guest object of some vmjs realm. Reads prototypes only (a guest Proxy's trap never runs). */
export function isGuestObject(o: object): boolean {
  if (typeof o === 'function' && hooks.functionRealm(o) !== undefined) return true;
  let p: object | null = o;
  for (let i = 0; i < 10000 && p !== null; i++) {
    if (guestObjects.has(p)) return true;
    if (guestRoots.has(p)) return true;
    if (hostIntrinsics().has(p)) return false;
    p = ObjectGetPrototypeOf(p) as object | null;
  }
  return false;
}

let hostIntrinsicMap: Map<object, string> | null = null;

/** The host's intrinsics, each with the name of the realm intrinsic that stands for it (built once). */
function hostIntrinsics(): Map<object, string> {
  if (hostIntrinsicMap !== null) return hostIntrinsicMap;
  const m = new Map<object, string>();
  const g = globalThis as unknown as Record<string, unknown>;
  const add = (v: unknown, name: string): void => {
    if (((typeof v === 'object' && v !== null) || typeof v === 'function') && !m.has(v as object)) m.set(v as object, name);
  };
  for (const name of ['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Error', 'EvalError',
    'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError', 'RegExp', 'Date', 'Map', 'Set',
    'WeakMap', 'WeakSet', 'Promise', 'Proxy', 'Iterator', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'WeakRef',
    'FinalizationRegistry', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Float16Array', 'Float32Array', 'Float64Array']) {
    const C = g[name];
    add(C, name);
    if (typeof C === 'function') add((C as { prototype?: unknown }).prototype, `${name}Prototype`);
  }
  for (const name of ['Math', 'JSON', 'Reflect', 'Atomics', 'eval', 'parseInt', 'parseFloat', 'isNaN', 'isFinite',
    'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape']) add(g[name], name);
  const proto = (v: unknown): unknown => (v === null || v === undefined ? undefined : ObjectGetPrototypeOf(v as object));
  const TypedArray = proto(Uint8Array) as { prototype?: unknown } | undefined;
  add(TypedArray, 'TypedArray');
  add(TypedArray?.prototype, 'TypedArrayPrototype');
  const GeneratorFunction = proto(function* () { /* a host generator */ }) as { constructor: unknown } | undefined;
  add(GeneratorFunction, 'GeneratorFunctionPrototype');
  add(GeneratorFunction?.constructor, 'GeneratorFunction');
  add(proto(proto((function* () { /* a host generator */ })())), 'GeneratorPrototype');
  const AsyncFunction = proto(async () => { /* a host async function */ }) as { constructor: unknown } | undefined;
  add(AsyncFunction, 'AsyncFunctionPrototype');
  add(AsyncFunction?.constructor, 'AsyncFunction');
  const AsyncGeneratorFunction = proto(async function* () { /* a host async generator */ }) as { constructor: unknown; prototype: unknown } | undefined;
  add(AsyncGeneratorFunction, 'AsyncGeneratorFunctionPrototype');
  add(AsyncGeneratorFunction?.constructor, 'AsyncGeneratorFunction');
  add(AsyncGeneratorFunction?.prototype, 'AsyncGeneratorPrototype');
  add(proto(AsyncGeneratorFunction?.prototype), 'AsyncIteratorPrototype');
  const arrayIterator = proto([][Symbol.iterator]());
  add(arrayIterator, 'ArrayIteratorPrototype');
  add(proto(arrayIterator), 'IteratorPrototype');
  add(proto(''[Symbol.iterator]()), 'StringIteratorPrototype');
  add(proto(new Map()[Symbol.iterator]()), 'MapIteratorPrototype');
  add(proto(new Set()[Symbol.iterator]()), 'SetIteratorPrototype');
  add(ObjectGetOwnPropertyDescriptor(Function.prototype, 'caller')?.get, 'ThrowTypeError');
  hostIntrinsicMap = m;
  return m;
}

/** One realm's side of the membrane: its proxies, both ways, kept so identity holds across crossings. */
export class Membrane {
  /** host object → its proxy in this realm */
  private readonly proxies = new WeakMap<object, object>();
  /** proxy → host object */
  private readonly targets = new WeakMap<object, object>();
  /** realm builtin → its host-side wrapper, and back */
  private readonly outward = new WeakMap<Function, Function>();
  private readonly inward = new WeakMap<Function, Function>();
  /** Host values this context's embedder hands over on purpose (createContext's `passThrough`). */
  readonly passedThrough = new WeakSet<object>();

  constructor(readonly realm: Realm) {}

  /** A value on its way from the host into this realm's guest code. */
  toGuest(v: unknown): unknown {
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return v;
    const o = v as object;
    // The common case first (a global read of the guest's own function or object): one check.
    if (typeof o === 'function') {
      if (hooks.functionRealm(o) !== undefined) return o;
    } else if (!guestObjects.has(o)) {
      const p = ObjectGetPrototypeOf(o) as object | null;
      if (p !== null && guestRoots.has(p)) return o;
    }
    const proxy = this.proxies.get(o);
    if (proxy !== undefined) return proxy;
    const original = this.inward.get(o as Function);
    if (original !== undefined) return original;
    if (this.passedThrough.has(o)) return o;
    // A host intrinsic function (a constructor, eval) is the realm's own of the same name: among them are
    // the code-generating ones. Intrinsic objects (prototypes, Math) are wrapped like any host object, so
    // `hostArray instanceof Array` stays false, as in node.
    if (typeof o === 'function') {
      const name = hostIntrinsics().get(o);
      if (name !== undefined) return this.intrinsicFor(name, o);
    }
    if (isGuestObject(o)) return o;
    return this.wrap(o);
  }

  /** A run's result or exception on its way to the embedder: a host object the guest holds through the
   * membrane is given back as itself; everything else stays as it is. */
  unwrap(v: unknown): unknown {
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return v;
    return this.targets.get(v as object) ?? v;
  }

  /** A value on its way from guest code to the host: guest values stay themselves, except realm
   * builtins (which host code could call with host values): those get a wrapper that brings the
   * arguments in. Interpreted functions need none: invoke does it when host code calls them. */
  toHost(v: unknown): unknown {
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return v;
    const target = this.targets.get(v as object);
    if (target !== undefined) return target;
    if (typeof v === 'function' && hooks.functionRealm(v) === undefined && isGuestObject(v)) return this.outwardWrapper(v);
    return v;
  }

  /** The realm's intrinsic for a host intrinsic function; one the realm lacks is wrapped like any host
   * function (its own `constructor` is then the realm's Function). */
  private intrinsicFor(name: string, hostValue: object): unknown {
    const mine = this.realm.intrinsics[name];
    return mine !== undefined ? mine : this.wrap(hostValue);
  }

  private wrap(o: object): object {
    // A shadow target keeps the Proxy invariants true while the traps answer with wrapped values:
    // what a trap reports as non-configurable, or as non-extensible, is first copied onto the shadow.
    const shadow = makeShadow(o);
    const proxy = new Proxy(shadow, this.handlerFor(o));
    this.proxies.set(o, proxy);
    this.targets.set(proxy, o);
    membraneProxies.add(proxy);
    return proxy;
  }

  private handlerFor(T: object): ProxyHandler<object> {
    const m = this;
    // A trap run for guest code: the host's code runs as host code, and what it throws comes in.
    const inHost = <X>(fn: () => X): X => {
      const a = agent;
      const previous = a.hostCode;
      a.enterHostCode();
      try {
        return fn();
      } catch (e) {
        if (e instanceof Termination || previous) throw e;
        throw m.toGuest(e);
      } finally {
        if (!previous) a.leaveHostCode();
      }
    };
    const syncShadow = (shadow: object): void => {
      // T is not extensible: the shadow must agree on every own property, the prototype and extensibility.
      if (!R.isExtensible(shadow)) return;
      for (const key of R.ownKeys(T)) {
        const d = R.getOwnPropertyDescriptor(T, key);
        if (d !== undefined) ObjectDefineProperty(shadow, key, m.descriptorToGuest(d));
      }
      R.setPrototypeOf(shadow, m.toGuest(R.getPrototypeOf(T)) as object | null);
      R.preventExtensions(shadow);
    };
    // Host code touching a proxy (one the guest handed back) sees the host object as it is.
    const host = (): boolean => agent.hostCode;
    const self = (): object | undefined => m.proxies.get(T);
    return {
      get: (_s, key, receiver) => host() ? R.get(T, key, receiver === self() ? T : receiver)
        : inHost(() => m.toGuest(R.get(T, key, receiver === self() ? T : m.toHost(receiver)))),
      set: (_s, key, value, receiver) => host() ? R.set(T, key, value, receiver === self() ? T : receiver)
        : inHost(() => R.set(T, key, m.toHost(value), receiver === self() ? T : m.toHost(receiver))),
      has: (_s, key) => host() ? R.has(T, key) : inHost(() => R.has(T, key)),
      deleteProperty: (_s, key) => host() ? R.deleteProperty(T, key) : inHost(() => R.deleteProperty(T, key)),
      ownKeys: (shadow) => inHost(() => {
        const keys = R.ownKeys(T);
        if (!R.isExtensible(T)) syncShadow(shadow);
        return keys;
      }),
      getOwnPropertyDescriptor: (shadow, key) => inHost(() => {
        const d = R.getOwnPropertyDescriptor(T, key);
        if (d === undefined) return undefined;
        const guestDesc = m.descriptorToGuest(d);
        if (d.configurable === false) {
          const existing = R.getOwnPropertyDescriptor(shadow, key);
          if (existing === undefined || existing.configurable === true || (existing.writable === true && d.writable === false)) {
            R.defineProperty(shadow, key, guestDesc);
          } else if ('value' in guestDesc && existing.writable === true) {
            R.defineProperty(shadow, key, { value: guestDesc.value });
          }
        }
        return guestDesc;
      }),
      defineProperty: (shadow, key, desc) => inHost(() => {
        const ok = R.defineProperty(T, key, m.descriptorToHost(desc));
        if (ok && desc.configurable === false) R.defineProperty(shadow, key, desc);
        return ok;
      }),
      getPrototypeOf: (shadow) => inHost(() => {
        const p = m.toGuest(R.getPrototypeOf(T)) as object | null;
        if (!R.isExtensible(T)) syncShadow(shadow);
        return p;
      }),
      setPrototypeOf: (_s, proto) => inHost(() => R.setPrototypeOf(T, m.toHost(proto) as object | null)),
      isExtensible: (shadow) => inHost(() => {
        const e = R.isExtensible(T);
        if (!e) syncShadow(shadow);
        return e;
      }),
      preventExtensions: (shadow) => inHost(() => {
        const ok = R.preventExtensions(T);
        if (ok) syncShadow(shadow);
        return ok;
      }),
      apply: (_s, thisArg, args) => host() ? ReflectApply(T as Function, thisArg === self() ? T : thisArg, args)
        : inHost(() => m.toGuest(ReflectApply(T as Function, m.toHost(thisArg), m.argsToHost(args)))),
      construct: (_s, args, newTarget) => {
        if (host()) return ReflectConstruct(T as Function, args, (newTarget === self() ? T : newTarget) as Function) as object;
        return inHost(() => {
          const nt = newTarget === self() ? T : m.toHost(newTarget);
          return m.toGuest(ReflectConstruct(T as Function, m.argsToHost(args), nt as Function)) as object;
        });
      },
    };
  }

  private argsToHost(args: readonly unknown[]): unknown[] {
    const out = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = this.toHost(args[i]);
    return out;
  }

  /** Arguments of a guest function called by host code (invoke, when agent.hostCode is set). */
  argsToGuest(args: ArrayLike<unknown>): unknown[] {
    const out = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = this.toGuest(args[i]);
    return out;
  }

  private descriptorToGuest(d: PropertyDescriptor): PropertyDescriptor {
    const out: PropertyDescriptor = { enumerable: d.enumerable, configurable: d.configurable };
    if ('value' in d) { out.value = this.toGuest(d.value); out.writable = d.writable; }
    if ('get' in d) out.get = this.toGuest(d.get) as () => unknown;
    if ('set' in d) out.set = this.toGuest(d.set) as (v: unknown) => void;
    return out;
  }

  private descriptorToHost(d: PropertyDescriptor): PropertyDescriptor {
    const out: PropertyDescriptor = {};
    if ('enumerable' in d) out.enumerable = d.enumerable;
    if ('configurable' in d) out.configurable = d.configurable;
    if ('writable' in d) out.writable = d.writable;
    if ('value' in d) out.value = this.toHost(d.value);
    if ('get' in d) out.get = this.toHost(d.get) as () => unknown;
    if ('set' in d) out.set = this.toHost(d.set) as (v: unknown) => void;
    return out;
  }

  /** A realm builtin on its way to host code: called by the host, it gets its arguments through the membrane. */
  private outwardWrapper(fn: Function): Function {
    const known = this.outward.get(fn);
    if (known !== undefined) return known;
    const m = this;
    const wrapper = new Proxy(fn, {
      apply(target, thisArg, args) {
        if (!agent.hostCode) return ReflectApply(target, thisArg, args);
        agent.leaveHostCode();
        try {
          return ReflectApply(target, m.toGuest(thisArg), m.argsToGuest(args));
        } finally {
          agent.enterHostCode();
        }
      },
    });
    this.outward.set(fn, wrapper);
    this.inward.set(wrapper, fn);
    return wrapper;
  }
}

/** An empty stand-in of the same kind as `o` (callable and constructible as it is, an array if it
 * is one), with no own properties that the host object might lack. */
function makeShadow(o: object): object {
  if (typeof o === 'function') {
    let constructible = true;
    try {
      // Using `o` as newTarget checks that it has [[Construct]] without calling it.
      ReflectConstruct(function () { /* never called with o's state */ }, [], o as Function);
    } catch {
      constructible = false;
    }
    // A bound function has no `prototype` of its own; an arrow is not constructible.
    const shadow = constructible ? (function () { /* shadow */ }).bind(null) : (() => { /* shadow */ });
    R.deleteProperty(shadow, 'length');
    R.deleteProperty(shadow, 'name');
    return shadow;
  }
  if (Array.isArray(o)) return [];
  return Object.create(null) as object;
}

/** The realm's membrane, made on first use; null for the host realm. */
export function membraneOf(realm: Realm): Membrane | null {
  if (realm.isHost) return null;
  return realm.membrane ??= new Membrane(realm);
}

/** Runs guest code that host code started without a call of a guest function (a realm builtin the host
 * called: generator resumption, indirect eval): the code runs as guest code, and `value`, which the host
 * passed, comes through the membrane. `through`: the guest object the host entered through (the
 * generator it resumes), a weak root of the retained-memory walk from then on, as `value` is. */
export function enterGuestFromHost<T>(realm: Realm, value: unknown, run: (value: unknown) => T, through?: unknown): T {
  const a = agent;
  if (!a.hostCode) return run(value);
  const m = membraneOf(realm);
  // Outside every run: under the context's own timeout and memory limit, if it has them.
  if (needsEntryBudget(realm)) return runHostEntry(realm, () => run(m === null ? value : m.toGuest(value)), through, value);
  a.leaveHostCode();
  try {
    return run(m === null ? value : m.toGuest(value));
  } finally {
    a.enterHostCode();
  }
}

/** A realm builtin host code calls outside every run, in a context with a timeout or a memory limit
 * (needsEntryBudget): it runs as an entry of its own under them (host-entry.ts), its receiver and
 * arguments brought in through the membrane (as outwardWrapper does), so that a builtin the guest
 * makes the host call (`{ toString: Array.prototype.join, length: 2 ** 40 }` given to `String`) ends
 * with the context's timeout or memory error instead of running on unbounded. Builtins that may run
 * long, allocate a size the guest chooses, or call guest code in a loop check `agent.hostCode` at
 * their entry (false whenever guest code calls them, so guest calls pay one read) and come here;
 * `fn` is the builtin itself, called again inside the entry. `newTarget`: a constructor called with
 * `new` by host code. */
export function callBuiltinFromHost(realm: Realm, fn: Function, thisArg: unknown, args: ArrayLike<unknown>, newTarget?: unknown): unknown {
  const m = membraneOf(realm);
  return runHostEntry(realm, () => {
    const a = m === null ? args : m.argsToGuest(args);
    if (newTarget !== undefined) return ReflectConstruct(fn, a as unknown[], (m === null ? newTarget : m.toGuest(newTarget)) as Function);
    return ReflectApply(fn, m === null ? thisArg : m.toGuest(thisArg), a as unknown[]);
  }, fn, thisArg, args);
}
