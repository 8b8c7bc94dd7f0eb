// What builtins keep in internal slots that the retained-memory walk (retained-memory.ts) cannot read
// with Reflect: a bound function's target, this and arguments, an iterator's iterated object, the
// promise a resolving function settles, a WeakMap's values, which host objects are Maps and Sets
// whatever their prototype, and which objects keep state the walk cannot see at all (opaque: the walk
// then cannot lower its bound, see admitRun). Recorded only for realms with a `memoryLimit`, where the
// walk runs: a realm without a limit pays one comparison at each recording site.
//
// WeakMap values follow ephemeron semantics: a value is kept only while its map and its key are, so the
// walk visits a value once it has reached both. For that, each WeakMap of a limited realm remembers the
// keys set in it, through WeakRefs (so the list never keeps a key alive), pruned of dead and deleted
// keys whenever it has doubled since the last pruning.
import type { Realm } from './realm.js';
import { ArrayIsArray, ReflectApply, WeakMapPrototypeHas, WeakMapPrototypeGet } from './primordials.js';

const HostWeakRef = WeakRef;
const WeakRefDeref = WeakRef.prototype.deref;

// The records are private fields stamped on the objects themselves (a base class whose constructor
// returns its argument adds them to any object), not side WeakMaps: adding a field is a shape
// transition, where a WeakMap entry costs a hash-table insertion and ephemeron work in every GC.
class Stamp { constructor(o: object) { return o; } }

interface WeakKeys { refs: WeakRef<object | symbol>[]; pruneAt: number }

/** Values an object keeps in internal slots (recorded when it is made). */
class Kept extends Stamp {
  #values: readonly unknown[];
  constructor(o: object, values: readonly unknown[]) { super(o); this.#values = values; }
  static of(o: object): readonly unknown[] | undefined { return #values in o ? (o as Kept).#values : undefined; }
  static add(o: object, values: readonly unknown[]): void {
    if (#values in o) (o as Kept).#values = [...(o as Kept).#values, ...values];
    else new Kept(o, values);
  }
}

/** A host Map (1) or Set (2), whatever its prototype. */
class Collection extends Stamp {
  #kind: 1 | 2;
  constructor(o: object, kind: 1 | 2) { super(o); this.#kind = kind; }
  static of(o: object): 0 | 1 | 2 { return #kind in o ? (o as Collection).#kind : 0; }
}

/** Objects whose internal state the walk cannot see, and realms with such roots (module records). */
class Opaque extends Stamp {
  #what: string | null;
  constructor(o: object, what: string | null) { super(o); this.#what = what; }
  static is(o: object): boolean { return #what in o; }
  static what(o: object): string | null { return #what in o ? (o as Opaque).#what : null; }
  static mark(o: object, what: string | null = null): void { if (!(#what in o)) new Opaque(o, what); }
}

/** The keys set in a WeakMap of a limited realm. */
class WeakKeyList extends Stamp {
  #keys: WeakKeys = { refs: [], pruneAt: 8 };
  static of(o: object): WeakKeys | undefined { return #keys in o ? (o as WeakKeyList).#keys : undefined; }
  static make(o: object): WeakKeys { return (new WeakKeyList(o)).#keys; }
}

/** Whether `realm` has a memory limit, i.e. whether the recorders below do anything. */
export function recordsReferents(realm: Realm): boolean {
  return realm.memoryLimit !== Infinity;
}

/** Records that `o` keeps `values` (only call when recordsReferents). Adds to what was recorded. */
export function keepsReferents(o: object, values: readonly unknown[]): void {
  Kept.add(o, values);
}

/** Records a host Map (1) or Set (2) of `realm`. */
export function recordCollection(realm: Realm, o: object, kind: 1 | 2): void {
  if (realm.memoryLimit !== Infinity && Collection.of(o) === 0) new Collection(o, kind);
}

/** Records that Object.defineProperties gave `o` properties, if it is an array of a limited realm: its
 * keys were the guest's to list (a Proxy's trap), so `o` is recorded as opaque rather than listed twice. */
export function recordArrayDefinitions(realm: Realm, o: object): void {
  if (realm.memoryLimit !== Infinity && isArrayTarget(o)) Opaque.mark(o);
}

/** Records that `o` (an object of `realm`, or the realm itself) keeps state the walk cannot see;
 * `what` names it in the walk's report (null: the walk names it by its kind). */
export function recordOpaque(realm: Realm, o: object, what: string | null = null): void {
  if (realm.memoryLimit !== Infinity) Opaque.mark(o, what);
}

/** Records a key set in a WeakMap of `realm` (after the set succeeded). */
export function recordWeakMapKey(realm: Realm, map: object, key: unknown): void {
  if (realm.memoryLimit === Infinity) return;
  const keys = WeakKeyList.of(map) ?? WeakKeyList.make(map);
  const refs = keys.refs;
  refs.push(new HostWeakRef(key as object));
  if (refs.length >= keys.pruneAt) {
    // Drop collected and deleted keys and repeated ones; the next pruning comes when the live list has doubled.
    const seen = new Set<unknown>();
    let n = 0;
    for (let i = 0; i < refs.length; i++) {
      const k = ReflectApply(WeakRefDeref, refs[i], []) as object | undefined;
      if (k === undefined || seen.has(k) || !(ReflectApply(WeakMapPrototypeHas, map, [k]) as boolean)) continue;
      seen.add(k);
      refs[n++] = refs[i];
    }
    refs.length = n;
    keys.pruneAt = n * 2 > 8 ? n * 2 : 8;
  }
}

/** Keys defined by Object.defineProperty or Reflect.defineProperty on arrays (they may be
 * non-enumerable: the walk lists a long array's enumerable keys only). */
const definedKeys = new WeakMap<object, Set<PropertyKey>>();

/** Whether `o` is an array (a Proxy of one too; a revoked Proxy is not, here). */
function isArrayTarget(o: object): boolean {
  try { return ArrayIsArray(o); } catch { return false; }
}

/** Records that `key` is being defined on `o`, if `o` is an array of a limited realm. */
export function recordDefinedKey(realm: Realm, o: object, key: PropertyKey): void {
  if (realm.memoryLimit === Infinity || !isArrayTarget(o)) return;
  let keys = definedKeys.get(o);
  if (keys === undefined) definedKeys.set(o, keys = new Set());
  keys.add(key);
}

/** The keys recorded by recordDefinedKey on `o`. */
export function definedKeysOf(o: object): ReadonlySet<PropertyKey> | undefined {
  return definedKeys.get(o);
}

/** What the walk reads: the recorded referents of `o` (undefined: none). */
export function keptReferents(o: object): readonly unknown[] | undefined {
  return Kept.of(o);
}

/** 1 if `o` is a host Map recorded as made, 2 a Set, else 0. */
export function collectionKind(o: object): 0 | 1 | 2 {
  return Collection.of(o);
}

/** Whether `o` (an object or a realm) keeps state the walk cannot see. */
export function isOpaque(o: object): boolean {
  return Opaque.is(o);
}

/** What recordOpaque named `o` (null: not named, or not opaque). */
export function opaqueName(o: object): string | null {
  return Opaque.what(o);
}

/** Calls `each(key, value)` for the live entries of a WeakMap recorded by recordWeakMapKey; returns
 * false if the map has no record (a WeakMap made before the realm had a limit, or never set). */
export function forEachWeakEntry(map: object, each: (key: object, value: unknown) => void): boolean {
  const keys = WeakKeyList.of(map);
  if (keys === undefined) return false;
  for (const ref of keys.refs) {
    const k = ReflectApply(WeakRefDeref, ref, []) as object | undefined;
    if (k !== undefined && (ReflectApply(WeakMapPrototypeHas, map, [k]) as boolean)) each(k, ReflectApply(WeakMapPrototypeGet, map, [k]));
  }
  return true;
}
