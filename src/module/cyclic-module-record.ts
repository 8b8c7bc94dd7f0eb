// Cyclic Module Records (§16.2.1.5, sec-cyclic-module-records): linking and evaluating a module graph
// with cycles, by Tarjan's DFS indices, and top-level await by the async module evaluation algorithm
// ([[AsyncEvaluation]], [[PendingAsyncDependencies]], [[AsyncParentModules]]). Source text modules
// are the one kind here (source-text-module-record.ts); loading is the embedder's: node:vm's linker
// fills [[LoadedModules]] (`loaded`) before Link.
import type { Realm } from '../realm/realm.js';
import { Termination } from '../realm/agent.js';
import { NewPromiseCapability, PerformPromiseThen, type PromiseCapability } from '../realm/abstract-ops/promise-operations.js';
import { ReflectApply } from '../realm/primordials.js';
import { toRealmError } from '../realm/host-errors.js';
import { ModuleRecord } from './module-record.js';

/** [[Status]] (§16.2.1.5, Table 53). An errored module is `evaluated` with an [[EvaluationError]]. */
export type CyclicModuleStatus = 'new' | 'unlinked' | 'linking' | 'linked' | 'evaluating' | 'evaluating-async' | 'evaluated';

/** The agent-wide counter behind [[AsyncEvaluationOrder]] (§16.2.1.5.3.4 step 12). */
let asyncEvaluationCounter = 0;

/** A module record that evaluates synchronously when Evaluate is called (a Synthetic Module Record):
 * InnerModuleEvaluation runs it in place (its Evaluate's promise is already settled). */
export interface NonCyclicModule {
  evaluateNow(): void;
}

export abstract class CyclicModuleRecord extends ModuleRecord {
  status: CyclicModuleStatus = 'unlinked';
  /** [[EvaluationError]]: `hasError` tells an error of `undefined` from none. */
  hasError = false;
  evaluationError: unknown = undefined;
  dfsIndex = -1;
  dfsAncestorIndex = -1;
  cycleRoot: CyclicModuleRecord | null = null;
  /** [[AsyncEvaluation]] with its order: 0 is false. */
  asyncEvaluationOrder = 0;
  topLevelCapability: PromiseCapability | null = null;
  readonly asyncParentModules: CyclicModuleRecord[] = [];
  pendingAsyncDependencies = 0;
  /** [[LoadedModules]], by index into requestedModules. */
  readonly loaded: Array<ModuleRecord | undefined> = [];

  constructor(
    realm: Realm,
    readonly requestedModules: readonly unknown[],
    readonly hasTLA: boolean,
    /** The requests in the order evaluation visits them (import-defer: where each is deferred or eager). */
    readonly evaluationOrder: ReadonlyArray<{ readonly request: number; readonly deferred: boolean }> = requestedModules.map((_, request) => ({ request, deferred: false })),
  ) {
    super(realm);
  }

  /** InitializeEnvironment (§16.2.1.6.4 for source text modules). */
  abstract initializeEnvironment(): void;
  /** ExecuteModule (§16.2.1.6.5): synchronously without a capability, else to its first await. */
  abstract executeModule(capability?: { onFulfilled: () => void; onRejected: (e: unknown) => void }): void;

  /** GetImportedModule (§16.2.1.9). */
  importedModule(request: number): ModuleRecord {
    const m = this.loaded[request];
    if (m === undefined) throw new Error('vmjs internal: a module request was not loaded before linking');
    return m;
  }

  get asyncEvaluation(): boolean { return this.asyncEvaluationOrder !== 0; }

  /** Link() (§16.2.1.5.1, sec-moduledeclarationlinking). */
  link(): void {
    const stack: CyclicModuleRecord[] = [];
    try {
      InnerModuleLinking(this, stack, 0);
    } catch (e) {
      for (const m of stack) {
        m.status = 'unlinked';
      }
      this.status = 'unlinked';
      throw e;
    }
  }

  /** Evaluate() (§16.2.1.5.3, sec-moduleevaluation): a promise of the realm. */
  evaluate(): object {
    let module: CyclicModuleRecord = this;
    if (module.status === 'evaluating-async' || module.status === 'evaluated') module = module.cycleRoot ?? module;
    if (module.topLevelCapability !== null) return module.topLevelCapability.promise;
    const stack: CyclicModuleRecord[] = [];
    const capability = NewPromiseCapability(module.realm, module.realm.intrinsics.Promise);
    module.topLevelCapability = capability;
    try {
      InnerModuleEvaluation(module, stack, 0);
    } catch (e) {
      const error = e instanceof Termination ? e : toRealmError(module.realm, e);
      for (const m of stack) {
        m.status = 'evaluated';
        m.hasError = true;
        m.evaluationError = error;
      }
      if (e instanceof Termination) throw e;
      ReflectApply(capability.reject, undefined, [error]);
      return capability.promise;
    }
    if (!module.asyncEvaluation) ReflectApply(capability.resolve, undefined, [undefined]);
    return capability.promise;
  }
}

function isCyclic(m: ModuleRecord): m is CyclicModuleRecord {
  return m instanceof CyclicModuleRecord;
}

/** InnerModuleLinking (§16.2.1.5.1.1, sec-InnerModuleLinking). */
function InnerModuleLinking(module: ModuleRecord, stack: CyclicModuleRecord[], index: number): number {
  if (!isCyclic(module)) {
    module.link();
    return index;
  }
  if (module.status === 'linking' || module.status === 'linked' || module.status === 'evaluating-async' || module.status === 'evaluated') return index;
  module.status = 'linking';
  module.dfsIndex = index;
  module.dfsAncestorIndex = index;
  index++;
  stack.push(module);
  for (let i = 0; i < module.requestedModules.length; i++) {
    const requiredModule = module.importedModule(i);
    index = InnerModuleLinking(requiredModule, stack, index);
    if (isCyclic(requiredModule) && requiredModule.status === 'linking') {
      module.dfsAncestorIndex = Math.min(module.dfsAncestorIndex, requiredModule.dfsAncestorIndex);
    }
  }
  module.initializeEnvironment();
  if (module.dfsAncestorIndex === module.dfsIndex) {
    for (;;) {
      const requiredModule = stack.pop()!;
      requiredModule.status = 'linked';
      if (requiredModule === module) break;
    }
  }
  return index;
}

/** InnerModuleEvaluation (§16.2.1.5.3.1, sec-innermoduleevaluation). */
function InnerModuleEvaluation(module: ModuleRecord, stack: CyclicModuleRecord[], index: number): number {
  if (!isCyclic(module)) {
    (module as unknown as NonCyclicModule).evaluateNow();
    return index;
  }
  if (module.status === 'evaluating-async' || module.status === 'evaluated') {
    if (!module.hasError) return index;
    throw module.evaluationError;
  }
  if (module.status === 'evaluating') return index;
  module.status = 'evaluating';
  module.dfsIndex = index;
  module.dfsAncestorIndex = index;
  module.pendingAsyncDependencies = 0;
  index++;
  stack.push(module);
  // import-defer: a deferred request contributes only its asynchronous transitive dependencies.
  const evaluationList: ModuleRecord[] = [];
  for (const { request, deferred } of module.evaluationOrder) {
    const requiredModule = module.importedModule(request);
    if (deferred) {
      for (const m of GatherAsynchronousTransitiveDependencies(requiredModule)) if (!evaluationList.includes(m)) evaluationList.push(m);
    } else if (!evaluationList.includes(requiredModule)) {
      evaluationList.push(requiredModule);
    }
  }
  for (const required of evaluationList) {
    index = InnerModuleEvaluation(required, stack, index);
    if (isCyclic(required)) {
      let requiredModule: CyclicModuleRecord = required;
      if (requiredModule.status === 'evaluating') {
        module.dfsAncestorIndex = Math.min(module.dfsAncestorIndex, requiredModule.dfsAncestorIndex);
      } else {
        requiredModule = requiredModule.cycleRoot!;
        if (requiredModule.hasError) throw requiredModule.evaluationError;
      }
      if (requiredModule.asyncEvaluation) {
        module.pendingAsyncDependencies++;
        requiredModule.asyncParentModules.push(module);
      }
    }
  }
  if (module.pendingAsyncDependencies > 0 || module.hasTLA) {
    module.asyncEvaluationOrder = ++asyncEvaluationCounter;
    if (module.pendingAsyncDependencies === 0) ExecuteAsyncModule(module);
  } else {
    module.executeModule();
  }
  if (module.dfsAncestorIndex === module.dfsIndex) {
    for (;;) {
      const requiredModule = stack.pop()!;
      requiredModule.status = requiredModule.asyncEvaluation ? 'evaluating-async' : 'evaluated';
      requiredModule.cycleRoot = module;
      if (requiredModule === module) break;
    }
  }
  return index;
}

/** ExecuteAsyncModule (§16.2.1.5.3.2, sec-execute-async-module). */
function ExecuteAsyncModule(module: CyclicModuleRecord): void {
  module.executeModule({
    onFulfilled: () => AsyncModuleExecutionFulfilled(module),
    onRejected: (e) => AsyncModuleExecutionRejected(module, e),
  });
}

/** GatherAvailableAncestors (§16.2.1.5.3.3, sec-gather-available-ancestors). */
function GatherAvailableAncestors(module: CyclicModuleRecord, execList: CyclicModuleRecord[]): void {
  for (const m of module.asyncParentModules) {
    if (!execList.includes(m) && !m.cycleRoot!.hasError) {
      m.pendingAsyncDependencies--;
      if (m.pendingAsyncDependencies === 0) {
        execList.push(m);
        if (!m.hasTLA) GatherAvailableAncestors(m, execList);
      }
    }
  }
}

/** AsyncModuleExecutionFulfilled (§16.2.1.5.3.4, sec-async-module-execution-fulfilled). */
function AsyncModuleExecutionFulfilled(module: CyclicModuleRecord): void {
  if (module.status === 'evaluated') return; // already errored
  module.asyncEvaluationOrder = 0;
  module.status = 'evaluated';
  if (module.topLevelCapability !== null) ReflectApply(module.topLevelCapability.resolve, undefined, [undefined]);
  const execList: CyclicModuleRecord[] = [];
  GatherAvailableAncestors(module, execList);
  execList.sort((a, b) => a.asyncEvaluationOrder - b.asyncEvaluationOrder);
  for (const m of execList) {
    if (m.status === 'evaluated') continue; // errored meanwhile
    if (m.hasTLA) {
      ExecuteAsyncModule(m);
      continue;
    }
    try {
      m.executeModule();
    } catch (e) {
      if (e instanceof Termination) throw e;
      AsyncModuleExecutionRejected(m, toRealmError(m.realm, e));
      continue;
    }
    m.asyncEvaluationOrder = 0;
    m.status = 'evaluated';
    if (m.topLevelCapability !== null) ReflectApply(m.topLevelCapability.resolve, undefined, [undefined]);
  }
}

/** AsyncModuleExecutionRejected (§16.2.1.5.3.5, sec-async-module-execution-rejected). */
function AsyncModuleExecutionRejected(module: CyclicModuleRecord, error: unknown): void {
  if (module.status === 'evaluated') return;
  module.hasError = true;
  module.evaluationError = error;
  module.status = 'evaluated';
  // The module's own promise first, then its ancestors': leaf-to-root order (steps 9–10).
  if (module.topLevelCapability !== null) ReflectApply(module.topLevelCapability.reject, undefined, [error]);
  for (const m of module.asyncParentModules) AsyncModuleExecutionRejected(m, error);
}

/** GatherAsynchronousTransitiveDependencies (import-defer proposal): the modules with top-level await
 * that a deferred import's module needs, which evaluate eagerly. */
export function GatherAsynchronousTransitiveDependencies(module: ModuleRecord, seen: ModuleRecord[] = []): ModuleRecord[] {
  const result: ModuleRecord[] = [];
  if (seen.includes(module)) return result;
  seen.push(module);
  if (!isCyclic(module)) return result;
  // A module whose strongly connected component is still evaluating asynchronously
  // (IsModuleSCCEvaluated is false) is waited for like a module with top-level await.
  if (module.status === 'evaluating-async' || (module.status === 'evaluated' && !IsModuleSCCEvaluated(module))) {
    result.push(module);
    return result;
  }
  if (module.status === 'evaluating' || module.status === 'evaluated') return result;
  if (module.hasTLA) {
    result.push(module);
    return result;
  }
  for (let i = 0; i < module.requestedModules.length; i++) {
    for (const m of GatherAsynchronousTransitiveDependencies(module.importedModule(i), seen)) if (!result.includes(m)) result.push(m);
  }
  return result;
}

/** ReadyForSyncExecution (import-defer proposal): whether evaluating `module` now cannot suspend. */
export function ReadyForSyncExecution(module: ModuleRecord, seen: ModuleRecord[] = []): boolean {
  if (seen.includes(module)) return true;
  seen.push(module);
  if (!isCyclic(module)) return true;
  if (module.status === 'evaluated' && IsModuleSCCEvaluated(module)) return true;
  if (module.status === 'evaluated') return false;
  if (module.status === 'evaluating' || module.status === 'evaluating-async') return false;
  if (module.hasTLA) return false;
  for (let i = 0; i < module.requestedModules.length; i++) {
    if (!ReadyForSyncExecution(module.importedModule(i), seen)) return false;
  }
  return true;
}

/** EvaluateSync (import-defer proposal): Evaluate() of a module ready for synchronous execution,
 * whose promise is settled when it returns; a rejection is thrown. */
export function EvaluateSync(module: ModuleRecord): void {
  if (!isCyclic(module)) {
    (module as unknown as NonCyclicModule).evaluateNow();
    return;
  }
  const promise = module.evaluate();
  PerformPromiseThen(module.realm, promise, () => undefined, () => undefined); // handled: the error is thrown here
  if (module.hasError) throw module.evaluationError;
}

/** IsModuleSCCEvaluated (import-defer proposal): an evaluated module whose cycle root has finished too
 * (a module of a cycle with top-level await is evaluated before its component is). */
function IsModuleSCCEvaluated(module: CyclicModuleRecord): boolean {
  if (module.status !== 'evaluated') return false;
  const root = module.cycleRoot;
  return root === null || root === module || root.status === 'evaluated';
}
