// vm.measureMemory: node's argument checks and result shape, with vmjs's own estimate. An interpreter
// cannot see the host engine's heap, so each context's figure is a bounded walk of the objects it
// retains, sized with a per-kind model of a 64-bit V8 heap:
//
// - A context retains what is reachable from its roots: its context object, its realm's global object
//   and intrinsics, its global lexical bindings and template objects. The main context ('current')
//   retains what is reachable from the host's globalThis and intrinsics (and runInThisContext's global
//   lexical bindings).
// - The walk follows prototypes, own property values and accessors (descriptors only: no getter is
//   called), Map and Set entries, and what guest functions close over (their environments' slots,
//   `with` objects, home objects). It does not enter Proxies made by a context's Proxy constructor,
//   nor a contextified global (its target and context object are walked as roots).
// - Each object is counted once, for the first owner that reaches it: contexts first, oldest first,
//   then the main context. An owner's walk stops at the other owners' roots.
// - Sizes, low and high: an object 24 bytes plus 8 (in-object) to 24 (dictionary) per own property;
//   an array 16 more for its elements store; a function 64 to 112 (plus 64 for an interpreted function's
//   state); an environment 24 plus 8 per slot; a Map or Set entry 24 to 48; a string 16 plus 1 (one-byte)
//   to 2 (two-byte) per character, once per distinct value; a non-small number 0 to 16 (a heap
//   number); a bigint 16 plus 8 per 64 bits. `jsMemoryEstimate` is the low figure and `jsMemoryRange`
//   is [low, high], as node reports its estimate as the low end of the range.
// - At most WALK_LIMIT objects are visited per call; past that the figures are lower bounds.
// What it cannot see: host-internal state (a Promise's reactions, a generator's suspended frame, a
// WeakMap's entries, a bound function's target), and the interpreter's compiled code.
import type { Realm } from '../realm/realm.js';
import { isRealmProxy } from '../realm/builtins/proxy.js';
import { materializeAll } from '../realm/lazy-families.js';
import type { Env } from '../interpreter/runtime/environment.js';
import { closureEnvironments, environmentValues, functionStateReferents } from '../interpreter/runtime/closure-referents.js';
import { functionStateOf } from '../interpreter/runtime/function-object.js';
import { liveContexts, type VmContextRecord } from './context.js';
import { hostRealm } from './host-realm.js';
import { validateObject, validateOneOf } from './validators.js';

export interface MeasureMemoryOptions {
  mode?: 'summary' | 'detailed';
  execution?: 'default' | 'eager';
}

/** One figure of node's result: the estimate and the range it lies in, in bytes. */
export interface MemoryEstimate {
  jsMemoryEstimate: number;
  jsMemoryRange: [number, number];
}

export interface MemoryMeasurement {
  total: MemoryEstimate;
  /** 'detailed' only: the main context. */
  current?: MemoryEstimate;
  /** 'detailed' only: every other live context, oldest first. */
  other?: MemoryEstimate[];
}

/** The most objects one measurement visits. */
export const WALK_LIMIT = 2_000_000;

const { getPrototypeOf, ownKeys, getOwnPropertyDescriptor, apply } = Reflect;
const { isArray } = Array;
const MapForEach = Map.prototype.forEach;
const SetForEach = Set.prototype.forEach;

interface Owner {
  readonly roots: readonly unknown[];
  /** Root objects: the only ones of the stop set this owner may enter. */
  readonly own: ReadonlySet<object>;
}

class Walk {
  readonly visited = new Set<object>();
  readonly strings = new Set<string>();
  remaining = WALK_LIMIT;
  lo = 0;
  hi = 0;

  constructor(
    /** Every owner's root objects. */
    readonly stop: ReadonlySet<object>,
    /** Contextified globals: counted, not entered. */
    readonly globalProxies: ReadonlySet<object>,
    /** %Map.prototype% and %Set.prototype% of the host and of every live realm. */
    readonly mapProtos: ReadonlySet<object>,
    readonly setProtos: ReadonlySet<object>,
  ) {}

  measure(owner: Owner): MemoryEstimate {
    this.lo = 0;
    this.hi = 0;
    const stack: unknown[] = [...owner.roots];
    while (stack.length > 0 && this.remaining > 0) {
      const v = stack.pop();
      switch (typeof v) {
        case 'string': this.string(v); break;
        case 'symbol': if (v.description !== undefined) this.string(v.description); break;
        case 'number': if ((v | 0) !== v) this.hi += 16; break;
        case 'bigint': this.bigint(v); break;
        case 'object': case 'function':
          if (v === null || this.visited.has(v)) break;
          if (this.stop.has(v) && !owner.own.has(v)) break;
          this.visited.add(v);
          this.remaining--;
          this.object(v, stack);
          break;
        default: break;
      }
    }
    return { jsMemoryEstimate: this.lo, jsMemoryRange: [this.lo, this.hi] };
  }

  /** An environment a guest function closes over (environments are counted like objects, once). */
  private environment(e: Env, stack: unknown[]): void {
    if (this.visited.has(e)) return;
    this.visited.add(e);
    this.remaining--;
    const size = 24 + 8 * e.slots.length;
    this.lo += size;
    this.hi += size;
    for (const x of environmentValues(e)) stack.push(x);
  }

  private string(s: string): void {
    if (this.strings.has(s)) return;
    this.strings.add(s);
    this.lo += align(16 + s.length);
    this.hi += align(16 + 2 * s.length);
  }

  private bigint(b: bigint): void {
    let words = 1;
    for (let x = b < 0n ? -b : b; x >= 1n << 64n; x >>= 64n) words++;
    this.lo += 16 + 8 * words;
    this.hi += 16 + 8 * words;
  }

  private object(o: object, stack: unknown[]): void {
    this.lo += 24;
    this.hi += 24;
    if (this.globalProxies.has(o) || isRealmProxy(o)) return;
    try {
      if (typeof o === 'function') {
        this.lo += 40;
        this.hi += 88;
        if (functionStateOf(o) !== undefined) {
          this.lo += 64;
          this.hi += 64;
          for (const e of closureEnvironments(o)) this.environment(e, stack);
          for (const x of functionStateReferents(o)) stack.push(x);
        }
      } else if (isArray(o)) {
        this.lo += 16;
        this.hi += 16;
      }
      const proto = getPrototypeOf(o);
      stack.push(proto);
      if (proto !== null && this.mapProtos.has(proto)) {
        apply(MapForEach, o, [(value: unknown, key: unknown) => { this.lo += 24; this.hi += 48; stack.push(key, value); }]);
      } else if (proto !== null && this.setProtos.has(proto)) {
        apply(SetForEach, o, [(value: unknown) => { this.lo += 24; this.hi += 48; stack.push(value); }]);
      }
      // An array's keys are indices (not heap strings) and `length`.
      const keysAreStrings = !isArray(o);
      for (const key of ownKeys(o)) {
        this.lo += 8;
        this.hi += 24;
        if (keysAreStrings) stack.push(key);
        const d = getOwnPropertyDescriptor(o, key);
        if (d === undefined) continue;
        if ('value' in d) stack.push(d.value);
        else stack.push(d.get, d.set);
      }
    } catch {
      // A revoked proxy or an exotic object that refuses reflection: counted, not entered.
    }
  }
}

function align(n: number): number {
  return (n + 7) & ~7;
}

function realmRoots(realm: Realm): unknown[] {
  materializeAll(realm); // every global and intrinsic, as an eager realm has them
  const roots: unknown[] = [realm.globalObject];
  for (const v of Object.values(realm.intrinsics)) roots.push(v);
  for (const b of realm.globalLexicals.values()) roots.push(b.value);
  for (const v of realm.templateMap.values()) roots.push(v);
  return roots;
}

function contextOwner(record: VmContextRecord): Owner {
  const roots = [record.contextObject, ...realmRoots(record.realm)];
  return { roots, own: rootObjects(roots) };
}

function rootObjects(roots: readonly unknown[]): Set<object> {
  const out = new Set<object>();
  for (const r of roots) if ((typeof r === 'object' && r !== null) || typeof r === 'function') out.add(r);
  return out;
}

/** Measures every live context and the main context. */
export function measure(mode: 'summary' | 'detailed'): MemoryMeasurement {
  const records = liveContexts();
  const owners = records.map(contextOwner);
  const host = hostRealm();
  const mainRoots = realmRoots(host);
  const main: Owner = { roots: mainRoots, own: rootObjects(mainRoots) };
  const stop = new Set<object>();
  for (const o of [...owners, main]) for (const r of o.own) stop.add(r);
  const globalProxies = new Set<object>();
  const mapProtos = new Set<object>([Map.prototype]);
  const setProtos = new Set<object>([Set.prototype]);
  for (const { realm } of records) {
    if (realm.globalThisValue !== realm.globalObject) globalProxies.add(realm.globalThisValue);
    if (realm.intrinsics.MapPrototype !== undefined) mapProtos.add(realm.intrinsics.MapPrototype);
    if (realm.intrinsics.SetPrototype !== undefined) setProtos.add(realm.intrinsics.SetPrototype);
  }
  const walk = new Walk(stop, globalProxies, mapProtos, setProtos);
  const other = owners.map((o) => walk.measure(o));
  const current = walk.measure(main);
  let lo = current.jsMemoryRange[0];
  let hi = current.jsMemoryRange[1];
  for (const e of other) { lo += e.jsMemoryRange[0]; hi += e.jsMemoryRange[1]; }
  const total: MemoryEstimate = { jsMemoryEstimate: lo, jsMemoryRange: [lo, hi] };
  return mode === 'summary' ? { total } : { total, current, other };
}

/** vm.measureMemory(options): a promise of the measurement. node resolves it at V8's next garbage
 * collection ('default') or as soon as possible ('eager'); vmjs has no collection to wait for and
 * measures at once in both modes, resolving in a later microtask. */
export function measureMemory(options: unknown = {}): Promise<MemoryMeasurement> {
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options as MeasureMemoryOptions;
  validateOneOf(mode, 'options.mode', ['summary', 'detailed']);
  validateOneOf(execution, 'options.execution', ['default', 'eager']);
  return Promise.resolve().then(() => measure(mode as 'summary' | 'detailed'));
}
