// Families of builtins that a contextified realm installs on first use (issue 12, start-up target).
//
// A family (binary data, Date, WeakRef/FinalizationRegistry, the disposable stacks, ShadowRealm) is
// only reachable through the global object and the realm's intrinsics record; nothing a script
// starts with (Object.prototype, Function.prototype, the iterator prototypes, syntax) leads to it.
// So a realm whose global object guest code sees only through the contextified global proxy
// (src/vm/global-proxy.ts) may defer it:
// - its entries in realm.intrinsics are accessors that install it when read (the record is host-only);
// - its global properties are placeholder accessors at the spec position, so the global's key order
//   is unchanged; the proxy settles a placeholder before it reports a descriptor or forwards a write,
//   the interpreter's global reads go through the getter, and installing the family turns every
//   placeholder still present into the data property (writable, non-enumerable, configurable) that
//   an eager realm has, in place. A placeholder guest code deleted or redefined stays as guest code left it.
// A realm whose global object is itself guest-visible (DONT_CONTEXTIFY, ShadowRealm) is eager.
import type { Realm } from './realm.js';
import { ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectKeys, ReflectGet, ReflectSet } from './primordials.js';

export type Installer = (realm: Realm) => void;

/** A family of builtins installed together, in order. */
export interface LazyFamily {
  readonly installers: readonly Installer[];
  /** The keys it adds to the intrinsics record, learnt from the first eager installation. */
  intrinsicNames: readonly string[] | null;
}

const allFamilies: LazyFamily[] = [];

export function lazyFamily(...installers: Installer[]): LazyFamily {
  const family: LazyFamily = { installers, intrinsicNames: null };
  allFamilies.push(family);
  return family;
}

/** The families of a realm not installed yet. A realm with none has no entry. */
const pending = new WeakMap<Realm, Set<LazyFamily>>();
/** The getters of global placeholders (host functions no guest code ever receives). */
const placeholderGetters = new WeakSet<Function>();

/** Whether every family's names are known (an eager realm has been made). */
export function familiesKnown(families: readonly LazyFamily[]): boolean {
  for (const f of families) if (f.intrinsicNames === null) return false;
  return true;
}

/** Installs `family` into `realm` now, learning its intrinsic names the first time. */
export function installFamily(realm: Realm, family: LazyFamily): void {
  const I = realm.intrinsics as Record<string, unknown>;
  if (family.intrinsicNames !== null) {
    for (const install of family.installers) install(realm);
    return;
  }
  const before = new Set(ObjectKeys(I));
  for (const install of family.installers) install(realm);
  family.intrinsicNames = ObjectKeys(I).filter((k) => !before.has(k));
}

/** Defers `family` in `realm`: its intrinsics record entries become accessors that install it. */
export function deferFamily(realm: Realm, family: LazyFamily): void {
  let set = pending.get(realm);
  if (set === undefined) pending.set(realm, (set = new Set()));
  set.add(family);
  const I = realm.intrinsics as Record<string, unknown>;
  for (const name of family.intrinsicNames!) {
    ObjectDefineProperty(I, name, {
      get() { materializeFamily(realm, family); return I[name]; },
      set(v: unknown) { materializeFamily(realm, family); I[name] = v; },
      enumerable: true,
      configurable: true,
    });
  }
}

/** Installs `family` in `realm` if it is still deferred, and turns its global placeholders into data properties. */
function materializeFamily(realm: Realm, family: LazyFamily): void {
  const set = pending.get(realm);
  if (set === undefined || !set.delete(family)) return;
  if (set.size === 0) pending.delete(realm);
  const I = realm.intrinsics as Record<string, unknown>;
  for (const name of family.intrinsicNames!) delete I[name];
  for (const install of family.installers) install(realm);
  const global = realm.globalObject;
  for (const name of family.intrinsicNames!) {
    const d = ObjectGetOwnPropertyDescriptor(global, name);
    if (d !== undefined && d.get !== undefined && placeholderGetters.has(d.get)) {
      ObjectDefineProperty(global, name, { value: I[name], writable: true, enumerable: false, configurable: true });
    }
  }
}

/** For installGlobalProperties: the placeholder to define for global `name` of `realm` when its family is
 * deferred, else undefined (the intrinsics record is not read, so nothing is installed). */
export function globalPlaceholder(realm: Realm, name: string): PropertyDescriptor | undefined {
  const set = pending.get(realm);
  if (set === undefined) return undefined;
  const family = familyOfName(set, name);
  if (family !== undefined) {
    const get = function (this: unknown): unknown {
      materializeFamily(realm, family);
      return ReflectGet(realm.globalObject, name, this);
    };
    const setter = function (this: unknown, v: unknown): void {
      materializeFamily(realm, family);
      ReflectSet(realm.globalObject, name, v, this);
    };
    placeholderGetters.add(get);
    return { get, set: setter, enumerable: false, configurable: true };
  }
  return undefined;
}

let familyByName: Map<string, LazyFamily> | null = null;
/** The deferred family of `set` that adds intrinsic `name`. */
function familyOfName(set: Set<LazyFamily>, name: string): LazyFamily | undefined {
  if (familyByName === null) {
    familyByName = new Map();
    for (const f of allFamilies) for (const n of f.intrinsicNames!) familyByName.set(n, f);
  }
  const f = familyByName.get(name);
  return f !== undefined && set.has(f) ? f : undefined;
}

/** Before a descriptor of `realm`'s global object is reported or a write is forwarded to it: installs
 * the family whose placeholder `key` still is. */
export function settleGlobal(realm: Realm, key: PropertyKey): void {
  if (!pending.has(realm)) return;
  const d = ObjectGetOwnPropertyDescriptor(realm.globalObject, key);
  if (d !== undefined && d.get !== undefined && placeholderGetters.has(d.get)) d.get.call(realm.globalObject);
}

/** Installs every deferred family of `realm` (measureMemory, heap recording, anything that walks it all). */
export function materializeAll(realm: Realm): void {
  const set = pending.get(realm);
  if (set === undefined) return;
  for (const family of [...set]) materializeFamily(realm, family);
}
