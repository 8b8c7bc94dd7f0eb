// Source Text Module Records (§16.2.1.6, sec-source-text-module-records): ResolveExport and
// GetExportedNames over the entries ParseModule recorded (src/interpreter/module.ts), and
// InitializeEnvironment, which creates the import bindings (cells naming the exporting module's
// slots) before the interpreter instantiates the module's functions.
import type { Realm } from '../realm/realm.js';
import type { Env, ImportCell } from '../interpreter/runtime/environment.js';
import {
  createModuleInstance, executeModuleAsync, executeModuleSync, importBindingSlot, instantiateModuleFunctions, moduleBindingSlot,
  type ModuleInstance, type PreparedModule,
} from '../interpreter/module.js';
import { CyclicModuleRecord } from './cyclic-module-record.js';
import { AMBIGUOUS, NAMESPACE, type ModuleRecord, type ResolvedBinding, type ResolveSetEntry } from './module-record.js';
import { GetModuleNamespace, valueCell } from './module-namespace.js';

export class SourceTextModuleRecord extends CyclicModuleRecord {
  #instance: ModuleInstance | null = null;

  constructor(realm: Realm, readonly prepared: PreparedModule) {
    super(realm, prepared.requests, prepared.hasTopLevelAwait, prepared.evaluationOrder);
  }

  /** The running context of the module's code (made with its environment). */
  get instance(): ModuleInstance {
    return this.#instance ??= createModuleInstance(this.prepared, this.realm);
  }

  environment(): Env {
    return this.instance.env;
  }

  /** An exported `import defer * as ns` binding holds the deferred namespace itself, known before this
   * module's InitializeEnvironment runs (its slot holds an import cell, not the value). */
  override bindingCell(bindingName: string): ImportCell {
    const ie = this.prepared.importEntries.find((e) => e.deferred && e.localName === bindingName);
    if (ie !== undefined) return valueCell(GetModuleNamespace(this.importedModule(ie.request), 'defer'));
    return super.bindingCell(bindingName);
  }

  protected slotOf(bindingName: string): number {
    return moduleBindingSlot(this.prepared, bindingName);
  }

  /** The specifier of a request, for error messages. */
  specifierOf(request: number): string {
    return this.prepared.requests[request].specifier;
  }

  /** GetExportedNames (§16.2.1.6.2, sec-getexportednames). */
  getExportedNames(exportStarSet: ModuleRecord[] = []): string[] {
    if (exportStarSet.includes(this)) return [];
    exportStarSet.push(this);
    const names: string[] = [];
    for (const e of this.prepared.localExportEntries) names.push(e.exportName!);
    for (const e of this.prepared.indirectExportEntries) names.push(e.exportName!);
    for (const e of this.prepared.starExportEntries) {
      const requestedModule = this.importedModule(e.request!);
      for (const n of requestedModule.getExportedNames(exportStarSet)) {
        if (n !== 'default' && !names.includes(n)) names.push(n);
      }
    }
    return names;
  }

  /** ResolveExport (§16.2.1.6.3, sec-resolveexport). */
  resolveExport(exportName: string, resolveSet: ResolveSetEntry[] = []): ResolvedBinding | null | typeof AMBIGUOUS {
    for (const r of resolveSet) if (r.module === this && r.exportName === exportName) return null; // a circular import request
    resolveSet.push({ module: this, exportName });
    for (const e of this.prepared.localExportEntries) {
      if (e.exportName === exportName) return { module: this, bindingName: e.localName! };
    }
    for (const e of this.prepared.indirectExportEntries) {
      if (e.exportName !== exportName) continue;
      const importedModule = this.importedModule(e.request!);
      if (e.importName === null) return { module: importedModule, bindingName: NAMESPACE };
      return importedModule.resolveExport(e.importName, resolveSet);
    }
    if (exportName === 'default') return null;
    let starResolution: ResolvedBinding | null = null;
    for (const e of this.prepared.starExportEntries) {
      const importedModule = this.importedModule(e.request!);
      const resolution = importedModule.resolveExport(exportName, resolveSet);
      if (resolution === AMBIGUOUS) return AMBIGUOUS;
      if (resolution === null) continue;
      if (starResolution === null) starResolution = resolution;
      else if (resolution.module !== starResolution.module || resolution.bindingName !== starResolution.bindingName) return AMBIGUOUS;
    }
    return starResolution;
  }

  /** InitializeEnvironment (§16.2.1.6.4, sec-source-text-module-record-initialize-environment). */
  initializeEnvironment(): void {
    const p = this.prepared;
    for (const e of p.indirectExportEntries) {
      const resolution = this.resolveExport(e.exportName!);
      if (resolution === null || resolution === AMBIGUOUS) this.#unresolvable(e.request!, e.importName ?? e.exportName!, resolution);
    }
    const env = this.environment();
    for (let i = 0; i < p.importEntries.length; i++) {
      const ie = p.importEntries[i];
      const importedModule = this.importedModule(ie.request);
      let cell;
      if (ie.importName === null) {
        cell = valueCell(GetModuleNamespace(importedModule, ie.deferred ? 'defer' : 'evaluation'));
      } else {
        const resolution = importedModule.resolveExport(ie.importName);
        if (resolution === null || resolution === AMBIGUOUS) this.#unresolvable(ie.request, ie.importName, resolution);
        cell = resolution.bindingName === NAMESPACE ? valueCell(GetModuleNamespace(resolution.module)) : resolution.module.bindingCell(resolution.bindingName);
      }
      env.slots[importBindingSlot(p, i)] = cell;
    }
    instantiateModuleFunctions(p, this.instance);
  }

  /** The SyntaxError of an import or re-export that does not resolve, in V8's words. */
  #unresolvable(request: number, name: string, resolution: null | typeof AMBIGUOUS): never {
    const specifier = this.specifierOf(request);
    this.realm.throwSyntaxError(resolution === AMBIGUOUS
      ? `The requested module '${specifier}' contains conflicting star exports for name '${name}'`
      : `The requested module '${specifier}' does not provide an export named '${name}'`);
  }

  /** ExecuteModule (§16.2.1.6.5, sec-source-text-module-record-execute-module). */
  executeModule(capability?: { onFulfilled: () => void; onRejected: (e: unknown) => void }): void {
    if (capability === undefined) executeModuleSync(this.prepared, this.instance);
    else executeModuleAsync(this.prepared, this.instance, capability.onFulfilled, capability.onRejected);
  }
}
