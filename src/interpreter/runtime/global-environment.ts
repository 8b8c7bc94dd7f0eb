// The global environment (§9.1.1.4) of a realm: its declarative part
// (top-level let/const/class) and its object part — the contextified sandbox
// first, then the realm's own global object.
import type { Realm, GlobalLexicalBinding } from '../../realm/realm.js';
import { sloppyPut } from './property-access.js';
import { membraneOf } from '../../realm/membrane.js';

/** A value a global reference read, on its way to guest code: the contextified object is the
 * embedder's, so what it holds comes through the membrane (src/realm/membrane.ts). */
export function throughMembrane(realm: Realm, v: unknown): unknown {
  const m = realm.membrane ?? membraneOf(realm);
  return m === null ? v : m.toGuest(v);
}

const hasOwn = Object.prototype.hasOwnProperty;
const { defineProperty, getOwnPropertyDescriptor, isExtensible, getPrototypeOf } = Object;
const HostObjectPrototype = Object.prototype;

/** Whether `name` is a property of the host's %Object.prototype% (`constructor`, `toString`, …): only
 * references to those names pay for the check below (decided when the reference is compiled). */
export function isHostObjectPrototypeName(name: string): boolean {
  return hasOwn.call(HostObjectPrototype, name);
}

/** Whether the context object has `name` only through the host's %Object.prototype%. Such a name
 * resolves in the realm instead (BRIEF decision 10): in node, `this.constructor` in a new context is
 * the host's Object, and `this.constructor.constructor('return process')()` escapes; in vmjs it is the
 * realm's. What the embedder put on the context object or its own prototypes still wins. */
export function inheritsOnlyFromHost(sandbox: object, name: PropertyKey): boolean {
  for (let o: object | null = sandbox; o !== null; o = getPrototypeOf(o) as object | null) {
    if (o === HostObjectPrototype) return true;
    if (hasOwn.call(o, name)) return false;
  }
  return false;
}

/** globalGet for a name of the host's %Object.prototype% (see inheritsOnlyFromHost). */
export function globalGetShielded(realm: Realm, name: string): unknown {
  const sb = realm.sandbox;
  if (sb === null || realm.globalLexicals.has(name) || !inheritsOnlyFromHost(sb, name)) return globalGet(realm, name);
  return realm.globalObject[name];
}

/** globalTypeofGet for a name of the host's %Object.prototype% (see inheritsOnlyFromHost). */
export function globalTypeofGetShielded(realm: Realm, name: string): unknown {
  const sb = realm.sandbox;
  if (sb === null || realm.globalLexicals.has(name) || !inheritsOnlyFromHost(sb, name)) return globalTypeofGet(realm, name);
  return realm.globalObject[name];
}

export function globalHas(realm: Realm, name: string): boolean {
  if (realm.globalLexicals.has(name)) return true;
  const sb = realm.sandbox;
  if (sb !== null && name in sb) return true;
  return name in realm.globalObject;
}

/** GetBindingValue on the global environment; throws ReferenceError when unresolvable. */
export function globalGet(realm: Realm, name: string): unknown {
  if (realm.globalLexicals.size !== 0) {
    const lex = realm.globalLexicals.get(name);
    if (lex !== undefined) {
      if (!lex.initialized) realm.throwReferenceError(`Cannot access '${name}' before initialization`);
      return lex.value;
    }
  }
  // Get first and ask HasProperty only for undefined: one lookup in the common case.
  const sb = realm.sandbox;
  if (sb !== null) {
    const v = sb[name];
    if (v !== undefined || name in sb) return v;
  }
  return realmGlobalGet(realm, name);
}

/** The end of GetBindingValue on the global environment: the realm's own global object (after the
 * global lexicals and the contextified object had no binding). */
export function realmGlobalGet(realm: Realm, name: string): unknown {
  const g = realm.globalObject;
  const v = g[name];
  if (v !== undefined || name in g) return v;
  return realm.throwReferenceError(`${name} is not defined`);
}


/** `typeof name` on the global environment: undefined instead of a ReferenceError. */
export function globalTypeofGet(realm: Realm, name: string): unknown {
  const lex = realm.globalLexicals.get(name);
  if (lex !== undefined) {
    if (!lex.initialized) realm.throwReferenceError(`Cannot access '${name}' before initialization`);
    return lex.value;
  }
  const sb = realm.sandbox;
  if (sb !== null && name in sb) return sb[name];
  return realm.globalObject[name];
}

/** SetMutableBinding / PutValue to an unresolved or global name. */
export function globalSet(realm: Realm, name: string, value: unknown, strict: boolean): void {
  if (realm.globalLexicals.size !== 0) {
    const lex = realm.globalLexicals.get(name);
    if (lex !== undefined) {
      setLexical(realm, lex, name, value);
      return;
    }
  }
  const sb = realm.sandbox;
  const target = sb !== null ? sb : realm.globalObject;
  if (strict && !(name in target) && !(sb !== null && name in realm.globalObject)) {
    realm.throwReferenceError(`${name} is not defined`);
  }
  if (sb !== null && !(name in sb)) {
    // The realm's read-only globals (undefined, NaN, Infinity) stay read-only through the sandbox.
    const d = getOwnPropertyDescriptor(realm.globalObject, name);
    if (d !== undefined && d.writable === false) {
      if (strict) realm.throwTypeError(`Cannot assign to read only property '${name}' of object '[object Object]'`);
      return;
    }
  }
  if (!strict) sloppyPut(target, name, value); // a failed assignment is silently ignored (§6.2.5.6 PutValue)
  else if (sb === null) target[name] = value;
  else {
    try {
      target[name] = value;
    } catch (e) {
      strictSandboxPutFailed(realm, sb, name, e);
    }
  }
}

/** A strict assignment the context object refused, as node's setter interceptor reports it: a
 * read-only property in V8's words for the contextified global, none for a getter without setter. */
function strictSandboxPutFailed(realm: Realm, sb: object, name: string, e: unknown): void {
  let d: PropertyDescriptor | undefined;
  for (let o: object | null = sb; o !== null && d === undefined; o = Object.getPrototypeOf(o) as object | null) d = getOwnPropertyDescriptor(o, name);
  if (d === undefined) throw e;
  if ('get' in d || 'set' in d) { if (d.set === undefined) return; throw e; }
  if (d.writable === false) {
    if (d.configurable === false) realm.throwTypeError(`Cannot redefine property: ${name}`);
    realm.throwTypeError(`Cannot assign to read only property '${name}' of object '[object Object]'`);
  }
  throw e;
}

function setLexical(realm: Realm, b: GlobalLexicalBinding, name: string, value: unknown): void {
  if (!b.initialized) realm.throwReferenceError(`Cannot access '${name}' before initialization`);
  if (!b.mutable) realm.throwTypeError('Assignment to constant variable.');
  b.value = value;
}

export function globalDelete(realm: Realm, name: string): boolean {
  if (realm.globalLexicals.has(name)) return false;
  const sb = realm.sandbox;
  // node deletes from the sandbox, then answers for the global object.
  if (sb !== null && hasOwn.call(sb, name)) {
    if (!Reflect.deleteProperty(sb, name)) return false;
    return hasOwn.call(realm.globalObject, name) ? Reflect.deleteProperty(realm.globalObject, name) : true;
  }
  return Reflect.deleteProperty(realm.globalObject, name);
}

function varTarget(realm: Realm): Record<PropertyKey, unknown> {
  return realm.sandbox !== null ? realm.sandbox : realm.globalObject;
}

/** GlobalDeclarationInstantiation (§16.1.7) checks, then declarations. Throws the realm's SyntaxError
 * / TypeError before any of the script runs. */
export function globalDeclarationChecks(realm: Realm, varNames: readonly string[], lexNames: readonly string[], fnNames: readonly string[]): void {
  const target = varTarget(realm);
  for (const name of lexNames) {
    if (realm.globalLexicals.has(name)) realm.throwSyntaxError(`Identifier '${name}' has already been declared`);
    const d = getOwnPropertyDescriptor(target, name) ?? (realm.sandbox !== null ? getOwnPropertyDescriptor(realm.globalObject, name) : undefined);
    // HasRestrictedGlobalProperty: a non-configurable global property blocks a lexical declaration.
    if (d !== undefined && !d.configurable) realm.throwSyntaxError(`Identifier '${name}' has already been declared`);
    if (d !== undefined && varDeclaredNames(realm).has(name)) realm.throwSyntaxError(`Identifier '${name}' has already been declared`);
  }
  for (const name of varNames) {
    if (realm.globalLexicals.has(name)) realm.throwSyntaxError(`Identifier '${name}' has already been declared`);
  }
  // CanDeclareGlobalFunction and CanDeclareGlobalVar ask the realm's global object: in a contextified
  // realm too, where node's interceptors leave declarations to V8's global object (always extensible;
  // non-configurable properties defined through the global proxy are mirrored onto it).
  const global = realm.globalObject;
  for (const name of fnNames) {
    if (realm.globalLexicals.has(name)) realm.throwSyntaxError(`Identifier '${name}' has already been declared`);
    const d = getOwnPropertyDescriptor(global, name);
    if (d === undefined) {
      if (!isExtensible(global)) realm.throwTypeError(`Cannot add property ${name}, object is not extensible`);
    } else if (!(d.configurable || (!('get' in d) && d.writable && d.enumerable))) {
      realm.throwTypeError(`Cannot redefine property: ${name}`);
    }
  }
  for (const name of varNames) {
    if (!hasOwn.call(global, name) && !isExtensible(global) && !fnNames.includes(name)) {
      realm.throwTypeError(`Cannot add property ${name}, object is not extensible`);
    }
  }
}

const varNamesOf = new WeakMap<Realm, Set<string>>();
/** The names of the global var and function bindings that Scripts declared. The spec no longer keeps
 * [[VarNames]]: a binding a sloppy direct or indirect eval made is configurable and does not block a
 * later lexical declaration (HasRestrictedGlobalProperty, §16.1.7 step 3.c's note), so only
 * non-deletable declarations are recorded; a contextified realm's context object may already own
 * the property, which leaves the global object's property undefined, so the record stays. */
function varDeclaredNames(realm: Realm): Set<string> {
  let s = varNamesOf.get(realm);
  if (!s) { s = new Set(); varNamesOf.set(realm, s); }
  return s;
}

/** CreateGlobalVarBinding (§9.1.1.4.17). */
export function createGlobalVar(realm: Realm, name: string, deletable: boolean): void {
  // In a contextified realm the binding is the global object's, as node's interceptors make it: the
  // sandbox only receives a value when one is assigned.
  const sb = realm.sandbox;
  const target = realm.globalObject;
  if (!(sb !== null && name in sb) && !hasOwn.call(target, name) && isExtensible(target)) {
    defineProperty(target, name, { value: undefined, writable: true, enumerable: true, configurable: deletable });
  }
  if (!deletable) varDeclaredNames(realm).add(name);
}

/** CreateGlobalFunctionBinding (§9.1.1.4.18). */
export function createGlobalFunction(realm: Realm, name: string, fn: unknown, deletable: boolean): void {
  // In a contextified realm node's interceptors put the function on the context object and V8 also
  // defines it on its global object: `delete` then fails and the name still reads the function.
  if (realm.sandbox !== null) realm.sandbox[name] = fn;
  const global = realm.globalObject;
  const d = getOwnPropertyDescriptor(global, name);
  if (d === undefined || d.configurable) defineProperty(global, name, { value: fn, writable: true, enumerable: true, configurable: deletable });
  else global[name] = fn;
  if (!deletable) varDeclaredNames(realm).add(name);
}

export function createGlobalLexical(realm: Realm, name: string, mutable: boolean): GlobalLexicalBinding {
  const b: GlobalLexicalBinding = { value: undefined, mutable, initialized: false };
  realm.globalLexicals.set(name, b);
  return b;
}

/** InitializeBinding for a top-level let/const/class of a Script. */
export function globalInitialize(realm: Realm, name: string, value: unknown): void {
  const lex = realm.globalLexicals.get(name);
  if (lex !== undefined && !lex.initialized) {
    lex.value = value;
    lex.initialized = true;
    return;
  }
  globalSet(realm, name, value, false);
}
