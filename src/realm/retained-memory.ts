// What a context keeps between runs, under its `memoryLimit` (a vmjs option; BRIEF decision 11). The
// allocation budget (allocation.ts, Agent.allocated) bounds what one run allocates; this file bounds
// what the context retains across runs, so that a guest that keeps a little more on each of many runs
// cannot exhaust the host.
//
// The bound is kept cheaply and measured rarely. Per realm with a limit: `baseline`, what a walk last
// found the guest retaining, and `measuredAt`, Agent.allocated at that walk. Nothing the guest retains
// now can have been allocated after the walk without being counted in Agent.allocated since, so
//   retained ≤ baseline + (Agent.allocated − measuredAt)
// (the counter is agent-wide: other contexts' allocations make the bound looser, never wrong). A run
// entered costs a few reads and subtractions and may allocate the limit less the bound, so no run can
// leave the context holding more than its limit; only when the bound is past half the limit, and enough
// was allocated since the last walk for a walk to be worth it (admitRun), does a run's entry walk
// (measureRetained) and replace the bound by the measured figure. A context whose walk finds more than
// its limit (what the embedder wrote into it, or what the walk counts above the counter) has its runs
// refused until it retains less (RetainedOverLimit).
//
// The walk: from the realm's roots (its global object, the contextified object, its intrinsics, global
// lexical bindings and template objects) through guest values, with a visited set, reading only what
// runs no guest code: own property descriptors by host Reflect (never a getter, never a Proxy trap:
// a realm Proxy is walked as its target and handler), prototypes, Map and Set entries, buffers by
// byteLength, strings by length (each distinct string once), promise results, and what the
// interpreter holds for an interpreted function or generator (its environments and their slots,
// through the evaluator hook `interpreterReferents`). Sizes are allocation.ts's. The realm's own
// objects are not the guest's: a fresh realm of the same kind, walked once per process, is subtracted.
// Host objects the embedder put on the contextified object are the embedder's and are not entered,
// nor are host values behind the membrane. What the walk cannot see is listed in README "Security model".
//
// Guest values only the host holds are roots too, while they live: a guest function the embedder got
// from a run and calls (it may grow what it captured on each call), the receiver and the object
// arguments of such a call, a generator it resumes, a realm builtin it calls on a guest object. They
// are recorded where host code enters guest code outside a run (holdEntryValues: the entry paths of
// invoke, membrane.ts and builtin.ts), never on a path guest code takes inside a run, as weak
// references (a WeakRef list per realm, a WeakSet against repeats), pruned at each walk; only for a
// realm with a limit. A WeakRef keeps its target alive until the host's current job ends (ECMA-262
// AddToKeptObjects): an object the host passes in once is kept that long.
import type { Realm } from './realm.js';
import { agent, Termination } from './agent.js';
import { hooks } from './evaluator-hooks.js';
import { isRealmProxy, realmProxyParts } from './builtins/proxy.js';
import { ArrayIteratorIterated } from './builtins/array-iterator.js';
import { isGuestObject, isKnownProxy } from './membrane.js';
import { ELEMENT_BYTES, ENTRY_BYTES, FUNCTION_BYTES, OBJECT_BYTES, PROPERTY_BYTES, STRING_BYTES } from './allocation.js';
import { IsPromise, PromiseReactionsOf, PromiseResultOf, type PromiseReaction } from './abstract-ops/promise-operations.js';
import { collectionKind, definedKeysOf, forEachWeakEntry, isOpaque, keptReferents, opaqueName } from './hidden-referents.js';
import {
  ArrayBufferIsView, ArrayBufferPrototypeGetByteLength, ObjectGetPrototypeOf, ReflectApply,
  ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, TypedArrayPrototypeGetBuffer, TypedArrayPrototypeGetLength,
} from './primordials.js';


/** Arrays and typed arrays longer than this are not asked for their own keys (that would make a string
 * per element): an array's elements are read by index, a typed array is walked as its buffer; their
 * other own properties (a guest may add some) are not seen. */
const KEYS_MAX = 1 << 16;

/** Arrays longer than KEYS_MAX and up to this have their named keys listed by for-in, which makes a
 * string per index all the same (~32 bytes an element, for a moment: 8 MB at most); longer ones are
 * opaque (the walk cannot lower the bound while it meets one). */
const NAMED_KEYS_MAX = 1 << 18;

/** The most indices one walk reads of an object (not an array) with elements past KEYS_MAX: its
 * length is not known, so most reads may find nothing. */
const HEAVY_OBJECT_READS = 1 << 20;

/** The most indices of long arrays one walk reads; elements past it count as present. */
const INDEX_BUDGET = 1 << 26;

const { isArray } = Array;
const MapForEach = Map.prototype.forEach;
const SetForEach = Set.prototype.forEach;

/** What the bound of one realm keeps (Realm.retained, made on the first run of a realm with a limit). */
export interface RetainedAccount {
  /** Bytes the last walk found the guest retaining (0 before the first). */
  baseline: number;
  /** Agent.allocated when the walk ran. */
  measuredAt: number;
  /** How many walks this realm has had (for tests and the docs' figures). */
  walks: number;
  /** Runs refused or left no budget since the last walk that found the context within half its limit,
   * and the count at which the next such run walks again. */
  refusals: number;
  nextWalk: number;
  /** What the last walk met whose contents it could not see (null: nothing): the bound was kept then. */
  opaque: string | null;
  /** Guest values host code entered guest code through (holdEntryValues): weak roots of the walk. */
  held: WeakRef<object>[];
  /** The targets of `held` (no value is recorded twice while it lives). */
  heldSet: WeakSet<object>;
  /** `held`'s length at which it is next pruned of collected targets between walks. */
  heldPruneAt: number;
}

/** The account of a realm with a limit, made on its first run or entry. */
function accountOf(realm: Realm): RetainedAccount {
  return realm.retained ??= {
    baseline: 0, measuredAt: agent.allocated - agent.refused, walks: 0, refusals: 0, nextWalk: 1, opaque: null,
    held: [], heldSet: new HostWeakSet(), heldPruneAt: 64,
  };
}

const HostWeakRef = WeakRef;
const HostWeakSet = WeakSet;
const WeakRefDeref = WeakRef.prototype.deref;
const WeakSetHas = WeakSet.prototype.has;
const WeakSetAdd = WeakSet.prototype.add;

/** Records `v`, a guest value host code holds, as a weak root of `realm`'s walk (only call for a realm
 * with a limit). Host values (behind the membrane, or passed through) are the embedder's: not recorded. */
function hold(account: RetainedAccount, v: unknown): void {
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return;
  const o = v as object;
  if (ReflectApply(WeakSetHas, account.heldSet, [o]) as boolean) return;
  if (isKnownProxy(o) || !isGuestObject(o)) return;
  ReflectApply(WeakSetAdd, account.heldSet, [o]);
  account.held.push(new HostWeakRef(o));
  if (account.held.length >= account.heldPruneAt) {
    const live = liveHeld(account, null);
    account.heldPruneAt = live * 2 > 64 ? live * 2 : 64;
  }
}

/** Drops from `account.held` the references whose target was collected, pushing the live targets on
 * `out` (if given); returns how many remain. */
function liveHeld(account: RetainedAccount, out: unknown[] | null): number {
  const held = account.held;
  let n = 0;
  for (let i = 0; i < held.length; i++) {
    const target = ReflectApply(WeakRefDeref, held[i], []) as object | undefined;
    if (target === undefined) continue;
    if (out !== null) out.push(target);
    held[n++] = held[i];
  }
  held.length = n;
  return n;
}

/** Host code, outside every run, enters `realm`'s code through `through` (the guest function it calls,
 * the generator it resumes, the realm builtin it calls), with receiver `thisArg` and arguments `args`:
 * those the guest's (objects and functions) become weak roots of the walk while they live, since the
 * host holds them and guest code may grow what they keep (a closure pushing to an array it captured).
 * Nothing for a realm without a limit. */
export function holdEntryValues(realm: Realm, through: unknown, thisArg: unknown, args: ArrayLike<unknown> | null): void {
  if (realm.memoryLimit === Infinity) return;
  const account = accountOf(realm);
  hold(account, through);
  hold(account, thisArg);
  if (args !== null) for (let i = 0; i < args.length; i++) hold(account, args[i]);
}

/** The result of one walk. */
export interface RetainedMeasurement {
  /** Bytes the guest retains, by allocation.ts's model, less a fresh realm's own. */
  bytes: number;
  /** Objects visited. */
  objects: number;
  /** False if the walk stopped early, once what it had found was past `stopAbove`: a lower bound then. */
  complete: boolean;
  /** What the walk met whose retained contents it cannot see (e.g. 'a FinalizationRegistry'), or null:
   * `bytes` is then a lower bound of what the context keeps, not an upper one. */
  opaque: string | null;
}

/** Thrown (before a run begins) when a context retains more than its limit: the run is refused. */
export class RetainedOverLimit extends Termination {
  constructor(memoryLimit: number, retained: number,
    /** Set when `retained` is the upper bound a walk could not lower: what it could not see into. */
    readonly opaque: string | null = null) {
    super('memory', 0, memoryLimit, retained);
  }
}

let retainedWalks = 0;

/** How many walks have run in this process (vmjs's tests check that unlimited contexts never walk). */
export function retainedWalkCount(): number {
  return retainedWalks;
}

/** The allocation budget in bytes of a run (or job, or host entry) of `realm`'s code: Infinity for a
 * realm without a limit (one comparison, no walk). Else the limit less the bound (so that no run can
 * leave the context holding more than its limit), 0 once the bound reaches it. A walk replaces the
 * bound only when it is worth it, since a walk costs in proportion to what the context holds:
 *   - past half the limit, once the guest has allocated as much as the last walk found (and a
 *     sixteenth of the limit) since;
 *   - at the limit (no budget left), once a quarter of the limit was allocated since, or at the 1st,
 *     2nd, 4th, 8th… run that found no budget left;
 *   - over the limit: runs are refused (RetainedOverLimit, nothing runs) and walked again at the 1st,
 *     2nd, 4th… refusal (the embedder may have dropped what it held: `delete contextObject.big`).
 * The counter's refused charges (Agent.refused) are not allocations. */
export function admitRun(realm: Realm): number {
  const limit = realm.memoryLimit;
  if (limit === Infinity) return Infinity;
  const account = accountOf(realm);
  const allocated = agent.allocated - agent.refused;
  const baseline = account.baseline;
  const since = allocated - account.measuredAt;
  const bound = baseline + since;
  let walk: boolean;
  const opaqueFull = account.opaque !== null && baseline >= limit;
  if (baseline > limit || opaqueFull || (bound >= limit && since < limit / 4)) {
    walk = ++account.refusals >= account.nextWalk;
    if (walk) account.nextWalk = account.refusals * 2;
  } else {
    walk = bound >= limit || (bound > limit / 2 && since >= limit / 16 && since >= baseline);
  }
  if (walk) {
    const m = measureRetained(realm, limit);
    // A walk that met something whose contents it cannot see found a lower bound only: it may not lower
    // the upper bound (what it could not see may be anything allocated since), only raise it.
    const measured = m.opaque !== null && bound > m.bytes ? bound : m.bytes;
    account.baseline = measured;
    account.measuredAt = allocated;
    account.walks++;
    account.opaque = m.opaque;
    // A context found well within its limit starts the refusals' back-off afresh.
    if (measured <= limit / 2) { account.refusals = 0; account.nextWalk = 1; }
    if (measured > limit || (m.opaque !== null && measured >= limit)) throw new RetainedOverLimit(limit, measured, m.opaque);
    return limit - measured;
  }
  if (baseline > limit || opaqueFull) throw new RetainedOverLimit(limit, baseline, account.opaque);
  return bound < limit ? limit - bound : 0;
}

/** The budget of a run of `realm`'s code whose own limit (a run option) is `runLimit`, and what the
 * context retains (reported in the error as part of its limit): [budget, retained]. */
export function runBudget(realm: Realm, runLimit: number | undefined): readonly [number, number] {
  const admitted = admitRun(realm);
  if (runLimit !== undefined && runLimit < admitted) return [runLimit, 0];
  return admitted === Infinity ? NO_BUDGET : [admitted, realm.memoryLimit - admitted];
}

const NO_BUDGET: readonly [number, number] = [Infinity, 0];

/** Bytes, objects visited and completeness of a walk of what `realm`'s guest code retains; the walk stops
 * as soon as it has found more than `stopAbove` bytes (admitRun passes the limit: past it the verdict
 * is known), so a walk visits at most about stopAbove / OBJECT_BYTES objects. */
export function measureRetained(realm: Realm, stopAbove = Infinity): RetainedMeasurement {
  retainedWalks++;
  const own = pristine(realm.sandbox !== null);
  const w = walk(realm, stopAbove + own);
  const bytes = w.bytes - own;
  return { bytes: bytes > 0 ? bytes : 0, objects: w.objects, complete: w.complete, opaque: w.opaque };
}

let pristineBytes: [number, number] | null = null;

/** What a fresh realm of that kind (contextified or not) measures: its intrinsics, globals and their
 * properties, which are the realm's, not the guest's. Measured once per process. */
function pristine(contextified: boolean): number {
  if (pristineBytes === null) {
    const make = realmFactory;
    if (make === null) return 0;
    pristineBytes = [walk(make(false)).bytes, walk(make(true)).bytes];
  }
  return pristineBytes[contextified ? 1 : 0];
}

let realmFactory: ((contextified: boolean) => Realm) | null = null;

/** Tells this file how to make a fresh realm (intrinsics.ts, which imports this layer, installs it). */
export function setPristineRealmFactory(make: (contextified: boolean) => Realm): void {
  realmFactory = make;
}

function walk(realm: Realm, stopAbove = Infinity): { bytes: number; objects: number; complete: boolean; opaque: string | null } {
  const visited = new Set<unknown>();
  // The first thing met whose contents the walk cannot see (hidden-referents.ts), if any.
  let opaque: string | null = isOpaque(realm) ? (opaqueName(realm) ?? 'a module') : null;
  // WeakMap entries met: [key, value] pairs whose value is kept only once the key is reached too.
  let ephemerons: unknown[] = [];
  const strings = new Set<string>();
  const envs = new Set<object>();
  const stack: unknown[] = [];
  const mapProtos = new Set<object>([Map.prototype]);
  const setProtos = new Set<object>([Set.prototype]);
  const I = realm.intrinsics;
  if (I.MapPrototype !== undefined) mapProtos.add(I.MapPrototype);
  if (I.SetPrototype !== undefined) setProtos.add(I.SetPrototype);
  const bufferProtos = new Set<object>([ArrayBuffer.prototype]);
  if (typeof SharedArrayBuffer === 'function') bufferProtos.add(SharedArrayBuffer.prototype);
  if (I.ArrayBufferPrototype !== undefined) bufferProtos.add(I.ArrayBufferPrototype);
  if (I.SharedArrayBufferPrototype !== undefined) bufferProtos.add(I.SharedArrayBufferPrototype);
  let bytes = 0;

  // Property keys are the host's internalised strings (one copy per distinct key), counted once each.
  const key = (k: string): void => {
    if (!strings.has(k)) { strings.add(k); bytes += STRING_BYTES + k.length; }
  };

  // The contextified object is the embedder's: its own properties are walked, but host objects on it
  // (what the embedder handed over) are not entered.
  const sandbox = realm.sandbox;
  if (sandbox !== null) {
    visited.add(sandbox);
    for (const k of ReflectOwnKeys(sandbox)) {
      bytes += PROPERTY_BYTES;
      if (typeof k === 'string') key(k); else stack.push(k);
      const d = ReflectGetOwnPropertyDescriptor(sandbox, k);
      if (d === undefined) continue;
      const vs = 'value' in d ? [d.value] : [d.get, d.set];
      for (const v of vs) if (!((typeof v === 'object' && v !== null) || typeof v === 'function') || isGuestObject(v)) stack.push(v);
    }
  }
  // The global proxy forwards to the global object and the contextified object, walked as themselves.
  if (realm.globalThisValue !== realm.globalObject) visited.add(realm.globalThisValue);
  stack.push(realm.globalObject);
  for (const name in I) stack.push(I[name]);
  for (const b of realm.globalLexicals.values()) stack.push(b.value);
  for (const v of realm.templateMap.values()) stack.push(v);
  // Guest values the host holds (holdEntryValues), those still alive; the list is pruned of the rest.
  const account = realm.retained;
  if (account !== null && account.held.length > 0) liveHeld(account, stack);

  // A value: a string counted at once, an object (or symbol, or bigint) pushed, other primitives nothing.
  const value = (v: unknown): void => {
    if (typeof v === 'string') bytes += STRING_BYTES + v.length;
    else if ((typeof v === 'object' && v !== null) || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') stack.push(v);
  };
  // Elements 0..n-1 of an object too long to list its keys, each read by its own descriptor.
  const readIndices = (o: object, n: number): void => {
    for (let i = 0; i < n; i++) {
      const d = ReflectGetOwnPropertyDescriptor(o, i);
      if (d === undefined) continue;
      bytes += ELEMENT_BYTES;
      if ('value' in d) value(d.value);
      else stack.push(d.get, d.set);
    }
  };
  const pushEntry = (v: unknown, k: unknown): void => { bytes += ENTRY_BYTES; value(k); value(v); };
  const pushValue = (v: unknown): void => { bytes += ENTRY_BYTES; value(v); };
  const pushEphemeron = (k: object, v: unknown): void => { bytes += ENTRY_BYTES; ephemerons.push(k, v); };
  const pushReactions = (list: readonly PromiseReaction[] | undefined): void => {
    if (list === undefined) return;
    for (const r of list) {
      bytes += OBJECT_BYTES;
      stack.push(r.handler);
      if (r.capability !== undefined) stack.push(r.capability.promise, r.capability.resolve, r.capability.reject);
    }
  };
  let indexBudget = INDEX_BUDGET;

  for (;;) {
  if (stack.length === 0) {
    // Ephemerons: a WeakMap value is reached once its key is (the map was, or the pair would not be here).
    const pending = ephemerons;
    ephemerons = [];
    for (let i = 0; i < pending.length; i += 2) {
      if (visited.has(pending[i])) value(pending[i + 1]);
      else ephemerons.push(pending[i], pending[i + 1]);
    }
    if (stack.length === 0) break;
  }
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      // A string value is counted at each reference: two equal strings may be two copies (the guest can
      // make as many as it likes) and nothing tells a copy from a shared one, so sharing one long
      // string widely counts more than it costs, never less.
      bytes += STRING_BYTES + v.length;
      continue;
    }
    if (typeof v === 'symbol') {
      if (visited.has(v)) continue;
      visited.add(v);
      const desc = v.description;
      if (desc !== undefined && desc.length > 0) key(desc);
      continue;
    }
    if (typeof v === 'bigint') { bytes += OBJECT_BYTES; continue; }
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') continue;
    const o = v as object;
    if (visited.has(o)) continue;
    visited.add(o);
    if (bytes > stopAbove) return { bytes, objects: visited.size, complete: false, opaque };
    if (opaque === null && isOpaque(o)) opaque = opaqueName(o) ?? (typeof o === 'function' ? 'a promise combinator\'s function' : 'a FinalizationRegistry');
    // What a builtin keeps in internal slots: a bound function's target, this and arguments, an
    // iterator's iterated object, the promise of a resolving function, a revocable Proxy's revoke.
    const slots = keptReferents(o);
    if (slots !== undefined) for (const s of slots) value(s);
    const iterated = ArrayIteratorIterated(o);
    if (iterated !== undefined) stack.push(iterated);
    if (isRealmProxy(o)) {
      // A guest Proxy: its target and handler, never a trap.
      bytes += OBJECT_BYTES;
      const parts = realmProxyParts(o);
      if (parts !== undefined) stack.push(parts.target, parts.handler);
      continue;
    }
    // A host value behind the membrane is the embedder's.
    if (isKnownProxy(o)) continue;
    if (typeof o === 'function') {
      const closure = hooks.interpreterReferents(o, envs, stack);
      bytes += closure < 0 ? OBJECT_BYTES : FUNCTION_BYTES + closure;
    } else {
      bytes += OBJECT_BYTES;
      const more = hooks.interpreterReferents(o, envs, stack);
      if (more > 0) bytes += more;
    }
    let keys: Array<string | symbol> | null = null;
    let first = 0;
    try {
      const proto = ObjectGetPrototypeOf(o) as object | null;
      if (proto !== null) stack.push(proto);
      if (ArrayBufferIsView(o)) {
        // A typed array or DataView: its buffer (counted there, by byteLength).
        let length = -1;
        try { length = ReflectApply(TypedArrayPrototypeGetLength, o, []) as number; } catch { /* a DataView */ }
        try { stack.push(ReflectApply(TypedArrayPrototypeGetBuffer, o, [])); } catch { stack.push(ReflectApply(DataViewGetBuffer, o, [])); }
        if (length > KEYS_MAX) { if (opaque === null) opaque = 'a typed array longer than 65,536 elements'; continue; }
        keys = ReflectOwnKeys(o);
        if (length > 0) first = length;
      } else if (isArray(o)) {
        const length = (o as unknown[]).length;
        if (length <= KEYS_MAX) {
          keys = ReflectOwnKeys(o);
        } else {
          // Listing a long array's keys would make a string per index: its elements are read by index,
          // as many as the walk's index budget allows; the rest count as if present.
          const n = length < indexBudget ? length : indexBudget;
          indexBudget -= n;
          readIndices(o, n);
          bytes += ELEMENT_BYTES * (length - n);
          const named = length <= NAMED_KEYS_MAX ? longArrayNamedKeys(o, proto) : null;
          if (named !== null) keys = named;
          else if (opaque === null) opaque = length <= NAMED_KEYS_MAX ? 'an array with a Proxy on its prototype chain' : 'an array longer than 262,144 elements';
        }
      } else {
        const kind = collectionKind(o);
        if (kind === 1 || (kind === 0 && proto !== null && mapProtos.has(proto))) {
          ReflectApply(MapForEach, o, [pushEntry]);
        } else if (kind === 2 || (kind === 0 && proto !== null && setProtos.has(proto))) {
          ReflectApply(SetForEach, o, [pushValue]);
        } else if (proto !== null && bufferProtos.has(proto)) {
          bytes += bufferBytes(o);
        } else if (IsPromise(o)) {
          stack.push(PromiseResultOf(o));
          const [fulfill, reject] = PromiseReactionsOf(o);
          pushReactions(fulfill);
          pushReactions(reject);
        } else {
          forEachWeakEntry(o, pushEphemeron);
        }
        if (ReflectGetOwnPropertyDescriptor(o, KEYS_MAX) === undefined) {
          keys = ReflectOwnKeys(o);
        } else {
          // An object with elements past KEYS_MAX (an array-like a builtin or a loop filled, a String
          // object): listing its keys would make a string per element, several times what the budget
          // charged for them (8 million of them took a 400 MB host down). Its first elements are read
          // by index, as a long array's; the rest are not seen, so it is opaque.
          const n = indexBudget < HEAVY_OBJECT_READS ? indexBudget : HEAVY_OBJECT_READS;
          indexBudget -= n;
          readIndices(o, n);
          if (opaque === null) opaque = 'an object with more than 65,536 elements';
          keys = ObjectGetOwnPropertySymbols(o);
        }
      }
    } catch {
      // A revoked proxy or an object that refuses reflection: counted, not entered.
      continue;
    }
    if (keys === null) continue;
    const arrayKeys = isArray(o) && first === 0 && (o as unknown[]).length <= KEYS_MAX;
    for (let i = first; i < keys.length; i++) {
      const k = keys[i];
      bytes += arrayKeys ? ELEMENT_BYTES : PROPERTY_BYTES;
      if (typeof k === 'symbol') stack.push(k);
      else if (!arrayKeys) key(k);
      const d = ReflectGetOwnPropertyDescriptor(o, k);
      if (d === undefined) continue;
      if ('value' in d) value(d.value);
      else stack.push(d.get, d.set);
    }
  }
  }
  return { bytes, objects: visited.size, complete: true, opaque };
}

/** The own keys of an array too long to list them all (a string per index) other than its indices: its
 * symbols, its enumerable string keys (for-in reaches them without making a key per index at once, and
 * runs no guest code while no Proxy is on the prototype chain; inherited ones are skipped) and the
 * keys defineProperty recorded (hidden-referents.ts: they may be non-enumerable). Null if a Proxy is
 * on the prototype chain (for-in would call its traps). */
function longArrayNamedKeys(o: object, proto: object | null): Array<string | symbol> | null {
  for (let p = proto; p !== null; p = ObjectGetPrototypeOf(p) as object | null) {
    if (isRealmProxy(p) || isKnownProxy(p)) return null;
  }
  const keys: Array<string | symbol> = ObjectGetOwnPropertySymbols(o);
  const seen = new Set<string | symbol>(keys);
  for (const k in o) {
    const c = k.charCodeAt(0);
    if (c >= 48 && c <= 57 && isArrayIndex(k)) continue;
    if (!seen.has(k) && ObjectHasOwn(o, k)) { seen.add(k); keys.push(k); }
  }
  const defined = definedKeysOf(o);
  if (defined !== undefined) {
    for (const k of defined) {
      const key = typeof k === 'number' ? String(k) : k;
      if (typeof key === 'string' && isArrayIndex(key)) continue;
      if (!seen.has(key) && ObjectHasOwn(o, key)) { seen.add(key); keys.push(key); }
    }
  }
  return keys;
}

/** Whether `k` is an array index (a canonical numeric string below 2^32 − 1). */
function isArrayIndex(k: string): boolean {
  const n = Number(k);
  return n >>> 0 === n && n !== 4294967295 && String(n) === k;
}

const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
const ObjectHasOwn = Object.hasOwn;

const SharedArrayBufferGetByteLength = typeof SharedArrayBuffer === 'function'
  ? ReflectGetOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')?.get
  : undefined;
const DataViewGetBuffer = ReflectGetOwnPropertyDescriptor(DataView.prototype, 'buffer')!.get!;

/** An ArrayBuffer's or SharedArrayBuffer's bytes, by the host's brand-checking getters. */
function bufferBytes(o: object): number {
  try { return ReflectApply(ArrayBufferPrototypeGetByteLength, o, []) as number; } catch { /* not an ArrayBuffer */ }
  if (SharedArrayBufferGetByteLength !== undefined) {
    try { return ReflectApply(SharedArrayBufferGetByteLength, o, []) as number; } catch { /* not a SharedArrayBuffer */ }
  }
  return 0;
}
