// Abstract Module Records (§16.2.1.4, sec-abstract-module-records): what every kind of module offers
// to linking, evaluation, namespaces and import bindings. A record belongs to one realm; its
// environment is a slot array (src/interpreter/runtime/environment.ts) that import bindings of other
// modules read through (ImportCell).
import type { Realm } from '../realm/realm.js';
import type { Env } from '../interpreter/runtime/environment.js';
import { ImportCell } from '../interpreter/runtime/environment.js';

/** A ResolvedBinding Record (§16.2.1.4, Table 51); bindingName NAMESPACE is the spec's ~namespace~. */
export interface ResolvedBinding {
  readonly module: ModuleRecord;
  readonly bindingName: string | typeof NAMESPACE;
}

export const NAMESPACE: unique symbol = Symbol('namespace');
export const AMBIGUOUS: unique symbol = Symbol('ambiguous');

export type ResolveSetEntry = { readonly module: ModuleRecord; readonly exportName: string };

export abstract class ModuleRecord {
  /** [[Namespace]]: made once, by GetModuleNamespace. */
  namespace: object | null = null;
  /** [[DeferredNamespace]] (import-defer): made once, by GetModuleNamespace with phase defer. */
  deferredNamespace: object | null = null;
  /** [[HostDefined]]: the node:vm object that wraps this record. */
  hostDefined: unknown = undefined;
  readonly #cells = new Map<string, ImportCell>();

  constructor(readonly realm: Realm) {}

  /** [[Environment]]: made on first use, so a module of a cycle can be imported from before its own
   * InitializeEnvironment ran (its bindings are then still uninitialized). */
  abstract environment(): Env;
  /** The environment slot of a local binding named by a ResolvedBinding. */
  protected abstract slotOf(bindingName: string): number;

  /** GetExportedNames (§16.2.1.6.2 for source text modules). */
  abstract getExportedNames(exportStarSet?: ModuleRecord[]): string[];
  /** ResolveExport: a binding, null (none, or a circular request) or AMBIGUOUS. */
  abstract resolveExport(exportName: string, resolveSet?: ResolveSetEntry[]): ResolvedBinding | null | typeof AMBIGUOUS;
  /** Link() (§16.2.1.5.1 for cyclic modules). */
  abstract link(): void;
  /** Evaluate(): a promise of the realm (§16.2.1.5.3 for cyclic modules). */
  abstract evaluate(): object;

  /** The cell an import binding of another module holds for the local binding `bindingName`. */
  bindingCell(bindingName: string): ImportCell {
    let cell = this.#cells.get(bindingName);
    if (cell === undefined) {
      cell = new ImportCell(this.environment(), this.slotOf(bindingName));
      this.#cells.set(bindingName, cell);
    }
    return cell;
  }
}
