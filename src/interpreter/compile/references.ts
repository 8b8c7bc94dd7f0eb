// Identifier references (§9.1.2.1 GetIdentifierReference), resolved at compile
// time to a slot, a by-name walk (with / sloppy eval) or the global environment.
// Readers and writers are synchronous: an identifier has no sub-expressions.
import type { CompileContext } from './compile-context.js';
import type { Frame } from '../runtime/frame.js';
import type { Realm } from '../../realm/realm.js';
import type { Env } from '../runtime/environment.js';
import { lookupDynamic, UNINIT, throwTDZ, ImportCell, type DynamicHit } from '../runtime/environment.js';
import { resolve, type Binding } from './scope.js';
import { namedGlobalReader, type GlobalReadHelpers } from './named-access.js';
import { globalGet, globalSet, globalTypeofGet, globalDelete, globalHas, globalInitialize, isHostObjectPrototypeName, globalGetShielded, globalTypeofGetShielded, throughMembrane, realmGlobalGet } from '../runtime/global-environment.js';

export type Reader = (f: Frame) => unknown;
export type Writer = (f: Frame, v: unknown) => void;

function needsTDZ(b: Binding): boolean {
  return b.kind === 'let' || b.kind === 'const' || b.kind === 'class' || b.kind === 'param';
}

/** A reader for `name`; `forTypeof` makes an unresolvable name read as undefined. */
/** A contextified object's value on its way to guest code (the object is the embedder's): what the
 * membrane answers. The site remembers the last object that passed unchanged (a guest object or
 * function: the same answer in every realm), never in the host realm, where everything passes and
 * the same Script may run in a context next. */
function admitFromSandbox(realm: Realm, v: unknown, site: { passed: unknown }): unknown {
  if (realm.isHost) return v;
  const g = throughMembrane(realm, v);
  if (g === v) site.passed = v;
  return g;
}

const globalReadHelpers: GlobalReadHelpers = { globalGet, admit: admitFromSandbox, realmGlobalGet };

/** A global read through the membrane. The hot kind reads the contextified object itself (once: a
 * getter there runs once) and answers a primitive, or the object this site let through last, with
 * no call at all: a call here cost the `fib` micro ~10%. The rarer kinds ask the membrane each time. */
function guestGlobalReader(name: string, forTypeof: boolean, shielded: boolean): Reader {
  if (!forTypeof && !shielded) {
    const site = { passed: undefined as unknown };
    // The same read with `sb.name` where the host allows a literal per name (named-access.ts): the
    // contextified object's load then has an inline cache of its own per name.
    const perName = namedGlobalReader(name, site, globalReadHelpers);
    if (perName !== null) return perName;
    return (f) => {
      const realm = f.realm;
      const sb = realm.sandbox;
      // No contextified object (the global is the realm's own), or a global lexical binding: guest values.
      if (sb === null || (realm.globalLexicals.size !== 0 && realm.globalLexicals.has(name))) return globalGet(realm, name);
      const v = sb[name];
      if (v !== undefined) return v === site.passed || (typeof v !== 'object' && typeof v !== 'function') ? v : admitFromSandbox(realm, v, site);
      if (name in sb) return v;
      return realmGlobalGet(realm, name);
    };
  }
  if (shielded) return forTypeof ? (f) => throughMembrane(f.realm, globalTypeofGetShielded(f.realm, name)) : (f) => throughMembrane(f.realm, globalGetShielded(f.realm, name));
  return (f) => throughMembrane(f.realm, globalTypeofGet(f.realm, name));
}

export function compileRead(name: string, c: CompileContext, forTypeof = false): Reader {
  const r = resolve(c.scope, name);
  if (r.kind === 'global') {
    return guestGlobalReader(name, forTypeof, isHostObjectPrototypeName(name));
  }
  if (r.kind === 'dynamic') return (f) => dynamicRead(f, name, forTypeof);
  const { hops, binding } = r;
  const slot = binding.slot;
  if (binding.kind === 'import') return (f) => readImport(f, envAt(f.env, hops).slots[slot] as ImportCell, name);
  if (!needsTDZ(binding)) {
    if (hops === 0) return (f) => f.env.slots[slot];
    if (hops === 1) return (f) => f.env.parent!.slots[slot];
    if (hops === 2) return (f) => f.env.parent!.parent!.slots[slot];
    return (f) => envAt(f.env, hops).slots[slot];
  }
  if (hops === 0) return (f) => { const v = f.env.slots[slot]; if (v === UNINIT) throwTDZ(f.realm, name); return v; };
  if (hops === 1) return (f) => { const v = f.env.parent!.slots[slot]; if (v === UNINIT) throwTDZ(f.realm, name); return v; };
  return (f) => { const v = envAt(f.env, hops).slots[slot]; if (v === UNINIT) throwTDZ(f.realm, name); return v; };
}

/** GetBindingValue of an import binding (§9.1.1.5.1): the exporting module's binding, with its TDZ. */
function readImport(f: Frame, cell: ImportCell, name: string): unknown {
  const v = cell.env.slots[cell.slot];
  if (v === UNINIT) throwTDZ(f.realm, name);
  return v;
}

export function envAt(env: Env, hops: number): Env {
  let e = env;
  for (let i = 0; i < hops; i++) e = e.parent!;
  return e;
}

/** A writer for an assignment to `name` (PutValue, §6.2.5.6). */
export function compileWrite(name: string, c: CompileContext): Writer {
  const strict = c.strict;
  const r = resolve(c.scope, name);
  if (r.kind === 'global') return (f, v) => globalSet(f.realm, name, v, strict);
  if (r.kind === 'dynamic') return (f, v) => dynamicWrite(f, name, v, strict);
  const { hops, binding } = r;
  const slot = binding.slot;
  if (binding.kind === 'import') {
    // Import bindings are immutable (§9.1.1.5.5): assigning one is a TypeError even before it is initialized.
    return (f) => f.realm.throwTypeError('Assignment to constant variable.');
  }
  if (binding.kind === 'const') {
    return (f) => {
      if (envAt(f.env, hops).slots[slot] === UNINIT) throwTDZ(f.realm, name);
      f.realm.throwTypeError('Assignment to constant variable.');
    };
  }
  if (binding.kind === 'callee') {
    // The name of a named function expression is immutable (§15.2.5): TypeError in strict code only.
    return strict ? (f) => f.realm.throwTypeError('Assignment to constant variable.') : () => {};
  }
  if (needsTDZ(binding)) {
    return (f, v) => {
      const slots = envAt(f.env, hops).slots;
      if (slots[slot] === UNINIT) throwTDZ(f.realm, name);
      slots[slot] = v;
    };
  }
  if (hops === 0) return (f, v) => { f.env.slots[slot] = v; };
  if (hops === 1) return (f, v) => { f.env.parent!.slots[slot] = v; };
  return (f, v) => { envAt(f.env, hops).slots[slot] = v; };
}

/** Initializes a declared binding in the current scope (InitializeBinding): no TDZ or const check. */
export function compileInit(name: string, c: CompileContext): Writer {
  const r = resolve(c.scope, name);
  if (r.kind === 'global') return (f, v) => globalInitialize(f.realm, name, v);
  if (r.kind !== 'local') return compileWrite(name, c);
  const { hops, binding } = r;
  const slot = binding.slot;
  if (hops === 0) return (f, v) => { f.env.slots[slot] = v; };
  return (f, v) => { envAt(f.env, hops).slots[slot] = v; };
}

/** The `this` value for a call through an identifier: the with-object when the name resolves in one. */
export function compileCallThis(name: string, c: CompileContext): ((f: Frame) => unknown) | null {
  const r = resolve(c.scope, name);
  if (r.kind !== 'dynamic') return null;
  return (f) => {
    const hit = lookupDynamic(f.env, name);
    return hit !== null && hit.kind === 'with' ? hit.env.withObject : undefined;
  };
}

export function compileDelete(name: string, c: CompileContext): Reader {
  const r = resolve(c.scope, name);
  if (r.kind === 'local') return () => false;
  if (r.kind === 'global') return (f) => globalDelete(f.realm, name);
  return (f) => {
    const hit = lookupDynamic(f.env, name);
    if (hit === null) return globalDelete(f.realm, name);
    if (hit.kind === 'with') return Reflect.deleteProperty(hit.env.withObject!, name);
    if (hit.kind === 'evalVar') return hit.env.evalVars!.delete(name);
    return false;
  };
}

function dynamicRead(f: Frame, name: string, forTypeof: boolean): unknown {
  return dynamicReadAt(f, lookupDynamic(f.env, name), name, forTypeof);
}

/** GetValue of a reference resolved earlier (ResolveBinding happens before the rest of the
 * expression is evaluated, §13.15.2): a `with` object keeps the binding even if it loses the property. */
export function dynamicReadAt(f: Frame, hit: DynamicHit, name: string, forTypeof = false): unknown {
  if (hit === null) {
    if (isHostObjectPrototypeName(name)) return throughMembrane(f.realm, forTypeof ? globalTypeofGetShielded(f.realm, name) : globalGetShielded(f.realm, name));
    return throughMembrane(f.realm, forTypeof ? globalTypeofGet(f.realm, name) : globalGet(f.realm, name));
  }
  if (hit.kind === 'with') {
    const o = hit.env.withObject as Record<string, unknown>;
    // §9.1.1.2.6 GetBindingValue: the binding may have vanished since HasBinding.
    if (!(name in o)) {
      if (f.strict) f.realm.throwReferenceError(`${name} is not defined`);
      return undefined;
    }
    return o[name];
  }
  if (hit.kind === 'evalVar') return hit.env.evalVars!.get(name);
  const v = hit.env.slots[hit.slot];
  if (v === UNINIT) throwTDZ(f.realm, name);
  if (v instanceof ImportCell) return readImport(f, v, name);
  return v;
}

/** Whether `name` can only be resolved at run time (inside `with`, or under a sloppy direct eval). */
export function resolvesDynamically(name: string, c: CompileContext): boolean {
  return resolve(c.scope, name).kind === 'dynamic';
}

export { lookupDynamic };

function dynamicWrite(f: Frame, name: string, v: unknown, strict: boolean): void {
  dynamicWriteAt(f, lookupDynamic(f.env, name), name, v, strict);
}

/** PutValue to a reference resolved earlier (see dynamicReadAt). */
export function dynamicWriteAt(f: Frame, hit: DynamicHit, name: string, v: unknown, strict: boolean): void {
  if (hit === null) { globalSet(f.realm, name, v, strict); return; }
  if (hit.kind === 'with') {
    const o = hit.env.withObject as Record<string, unknown>;
    if (strict && !(name in o)) f.realm.throwReferenceError(`${name} is not defined`);
    Reflect.set(o, name, v);
    return;
  }
  if (hit.kind === 'evalVar') { hit.env.evalVars!.set(name, v); return; }
  const b = hit.env.info.bindings.get(name)!;
  if (b.kind === 'import') f.realm.throwTypeError('Assignment to constant variable.');
  if (hit.env.slots[hit.slot] === UNINIT) throwTDZ(f.realm, name);
  if (b.kind === 'const') f.realm.throwTypeError('Assignment to constant variable.');
  if (b.kind === 'callee') { if (strict) f.realm.throwTypeError('Assignment to constant variable.'); return; }
  hit.env.slots[hit.slot] = v;
}

export { globalHas };
