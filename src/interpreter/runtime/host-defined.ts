// What the embedding layer attaches to a Script or Module Record's source ([[HostDefined]], §16.1.4
// and §16.2.1.4): how `import()` in that code loads a module, and what `import.meta` is. The
// interpreter defines the interface; src/vm and src/module implement it (the interpreter never
// imports them).
import type { Realm } from '../../realm/realm.js';
import type { PromiseCapability } from '../../realm/abstract-ops/promise-operations.js';

/** An import attribute list (§16.2.1.3 ModuleRequest Records), as `with { key: value }` gives it. */
export type ImportAttributes = ReadonlyArray<readonly [string, string]>;

/** `import()` or, with import-defer, `import.defer()`. */
export type ImportPhase = 'evaluation' | 'defer';

export interface ScriptOrModuleHost {
  /** HostLoadImportedModule for `import()` (§16.2.1.10) followed by ContinueDynamicImport
   * (§16.2.1.11): settles `capability` with the namespace or the error. */
  importDynamically(realm: Realm, specifier: string, attributes: ImportAttributes, capability: PromiseCapability, phase: ImportPhase): void;
  /** The module's import.meta object (§13.3.12.1 step 4: made once, HostGetImportMetaProperties /
   * HostFinalizeImportMeta run then); undefined for a Script, where `import.meta` cannot parse. */
  importMeta?(realm: Realm): object;
}

let fallback: ((realm: Realm) => ScriptOrModuleHost | null) | null = null;

/** Where `import()` goes when the running code has no Script or Module (code made by the Function
 * constructor, indirect eval): the embedding layer answers per realm (node: the context's own
 * `importModuleDynamically`). */
export function setRealmImportHost(get: (realm: Realm) => ScriptOrModuleHost | null): void {
  fallback = get;
}

export function realmImportHost(realm: Realm): ScriptOrModuleHost | null {
  return fallback === null ? null : fallback(realm);
}
