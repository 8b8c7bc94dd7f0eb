// Run-time environments (§9.1): one Env per materialized scope, slots indexed by
// the compile-time ScopeInfo. Object environments (`with`) keep the object.
import { ScopeInfo, UNINIT } from '../compile/scope.js';
import type { Realm } from '../../realm/realm.js';

export class Env {
  /** Bindings a sloppy direct eval added to this var scope (§19.2.1.3 EvalDeclarationInstantiation). */
  evalVars: Map<string, unknown> | null = null;
  constructor(
    readonly parent: Env | null,
    readonly slots: unknown[],
    readonly info: ScopeInfo,
    /** The binding object of a `with` environment (§9.1.1.2), else null. */
    readonly withObject: object | null = null,
  ) {}
}

/** What an import binding's slot holds (§9.1.1.5.5 CreateImportBinding): the exporting module's
 * environment and the slot of the binding there, so every read sees the current value (live
 * bindings) and its TDZ. A namespace import or an export resolved to a namespace holds a one-slot
 * environment with the namespace object. */
export class ImportCell {
  constructor(readonly env: Env, readonly slot: number) {}
}

export function newEnv(parent: Env | null, info: ScopeInfo): Env {
  return new Env(parent, copySlots(info.init), info);
}

/** A copy of a slot array. Not `slice()`: V8 takes slice's fast path only while its array-species
 * protector holds, and defining `constructor` on any array (every realm's %Array.prototype% does,
 * and so may guest code) invalidates it for the whole process; the slow path was 10× slower. */
export function copySlots(a: readonly unknown[]): unknown[] {
  const n = a.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = a[i];
  return out;
}

const unscopablesKey = Symbol.unscopables;

/** HasBinding of an object environment record with `with` semantics (§9.1.1.2.1). */
export function withHasBinding(obj: object, name: string): boolean {
  if (!(name in obj)) return false;
  const unscopables = (obj as Record<PropertyKey, unknown>)[unscopablesKey];
  if (unscopables !== null && (typeof unscopables === 'object' || typeof unscopables === 'function')) {
    if ((unscopables as Record<string, unknown>)[name]) return false;
  }
  return true;
}

export type DynamicHit =
  | { env: Env; slot: number; kind: 'slot' }
  | { env: Env; kind: 'with' }
  | { env: Env; kind: 'evalVar' }
  | null;

/** Finds `name` by walking the run-time chain (used where `with` or sloppy direct eval make
 * static resolution impossible). Null means: look in the global environment. */
export function lookupDynamic(env: Env | null, name: string): DynamicHit {
  for (let e = env; e !== null; e = e.parent) {
    if (e.withObject !== null) {
      if (withHasBinding(e.withObject, name)) return { env: e, kind: 'with' };
      continue;
    }
    const b = e.info.bindings.get(name);
    if (b) return { env: e, slot: b.slot, kind: 'slot' };
    if (e.evalVars !== null && e.evalVars.has(name)) return { env: e, kind: 'evalVar' };
  }
  return null;
}

/** SetMutableBinding(name, v, false) on a function's variable environment (§9.1.1.1.5), where a sloppy
 * direct eval may have added the binding (Env.evalVars) rather than the function's own declarations. */
export function setVarEnvBinding(varEnv: Env, name: string, v: unknown): void {
  const b = varEnv.info.bindings.get(name);
  if (b !== undefined) varEnv.slots[b.slot] = v;
  else (varEnv.evalVars ??= new Map()).set(name, v);
}

export function throwTDZ(realm: Realm, name: string): never {
  realm.throwReferenceError(`Cannot access '${name}' before initialization`);
}

export { UNINIT };
