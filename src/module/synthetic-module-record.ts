// Synthetic Module Records (the host-defined module kind of the JSON modules proposal and of
// node:vm's SyntheticModule): a fixed list of export names, each a mutable binding of the module's
// environment initialized to undefined at Link, set by the evaluation steps (SetSyntheticModuleExport).
import type { Realm } from '../realm/realm.js';
import { Env } from '../interpreter/runtime/environment.js';
import { ScopeInfo } from '../interpreter/compile/scope.js';
import { NewPromiseCapability } from '../realm/abstract-ops/promise-operations.js';
import { ReflectApply } from '../realm/primordials.js';
import { Termination } from '../realm/agent.js';
import { ModuleRecord, type ResolvedBinding, type ResolveSetEntry } from './module-record.js';
import type { NonCyclicModule } from './cyclic-module-record.js';

export type SyntheticModuleStatus = 'unlinked' | 'linked' | 'evaluated';

export class SyntheticModuleRecord extends ModuleRecord implements NonCyclicModule {
  status: SyntheticModuleStatus = 'unlinked';
  hasError = false;
  evaluationError: unknown = undefined;
  readonly #scope = new ScopeInfo('module', null, true);
  #env: Env | null = null;
  #promise: object | null = null;

  constructor(realm: Realm, readonly exportNames: readonly string[], readonly evaluationSteps: (module: SyntheticModuleRecord) => void) {
    super(realm);
    for (const name of exportNames) this.#scope.declare(name, 'var', undefined);
  }

  environment(): Env {
    return this.#env ??= new Env(null, this.#scope.init.map(() => undefined), this.#scope);
  }

  protected slotOf(bindingName: string): number {
    return this.#scope.bindings.get(bindingName)!.slot;
  }

  getExportedNames(): string[] {
    return [...this.exportNames];
  }

  resolveExport(exportName: string, _resolveSet?: ResolveSetEntry[]): ResolvedBinding | null {
    return this.exportNames.includes(exportName) ? { module: this, bindingName: exportName } : null;
  }

  /** Link: the environment with every export initialized to undefined. */
  link(): void {
    this.environment();
    if (this.status === 'unlinked') this.status = 'linked';
  }

  /** SetSyntheticModuleExport: false when `name` is not an export of the module. */
  setExport(name: string, value: unknown): boolean {
    const b = this.#scope.bindings.get(name);
    if (b === undefined) return false;
    this.environment().slots[b.slot] = value;
    return true;
  }

  /** Runs the evaluation steps once; an exception is the module's evaluation error from then on. */
  evaluateNow(): void {
    if (this.status === 'evaluated') {
      if (this.hasError) throw this.evaluationError;
      return;
    }
    try {
      this.evaluationSteps(this);
    } catch (e) {
      if (e instanceof Termination) throw e;
      this.status = 'evaluated';
      this.hasError = true;
      this.evaluationError = e;
      throw e;
    }
    this.status = 'evaluated';
  }

  /** Evaluate(): a settled promise of the realm. */
  evaluate(): object {
    if (this.#promise !== null) return this.#promise;
    const capability = NewPromiseCapability(this.realm, this.realm.intrinsics.Promise);
    try {
      this.evaluateNow();
      ReflectApply(capability.resolve, undefined, [undefined]);
    } catch (e) {
      if (e instanceof Termination) throw e;
      ReflectApply(capability.reject, undefined, [e]);
    }
    this.#promise = capability.promise;
    return capability.promise;
  }
}
