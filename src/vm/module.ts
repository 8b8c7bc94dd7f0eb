// vm.Module, vm.SourceTextModule and vm.SyntheticModule: node's API (its current documentation, as
// node 20 runs it with --experimental-vm-modules; vmjs needs no flag) over the spec's module records
// (src/module). The linker fills each record's [[LoadedModules]] asynchronously, as node's does;
// instantiation is the spec's Link, evaluation its Evaluate, under the `timeout`.
import { recordOpaque } from '../realm/hidden-referents.js';
import type { Realm } from '../realm/realm.js';
import { agent, Termination } from '../realm/agent.js';
import { drainJobs } from '../realm/job-queue.js';
import { markGuestObject, membraneOf } from '../realm/membrane.js';
import { PerformPromiseThen } from '../realm/abstract-ops/promise-operations.js';
import { copySyntaxErrorLocation, runGuest } from '../interpreter/script.js';
import { prepareModule, type PreparedModule } from '../interpreter/module.js';
import { SourceTextModuleRecord } from '../module/source-text-module-record.js';
import { SyntheticModuleRecord } from '../module/synthetic-module-record.js';
import { GetModuleNamespace } from '../module/module-namespace.js';
import type { ModuleRecord } from '../module/module-record.js';
import { contextRecord, validateContext, type Context, type VmContextRecord } from './context.js';
import { tighterTimeout } from './script.js';
import { hostRealm } from './host-realm.js';
import { VmImportHost, setModuleCheck } from './dynamic-import.js';
import { decorateErrorStack } from './display-errors.js';
import { cachedTree, hostCachedData } from './cached-data.js';
import { CachedDataKind } from '../parser/cached-data.js';
import type { ModuleProgram } from '../interpreter/compile/estree.js';
import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, terminationError, ERR_VM_MODULE_ALREADY_LINKED,
  ERR_VM_MODULE_CACHED_DATA_REJECTED, ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA, ERR_VM_MODULE_DIFFERENT_CONTEXT, ERR_VM_MODULE_LINK_FAILURE, ERR_VM_MODULE_NOT_MODULE,
  ERR_VM_MODULE_STATUS,
} from './errors.js';
import { validateBoolean, validateFunction, validateInt32, validateObject, validateString, validateUint32 } from './validators.js';

export type ModuleStatus = 'unlinked' | 'linking' | 'linked' | 'evaluating' | 'evaluated' | 'errored';

/** A module request as `moduleRequests` lists it. */
export interface ModuleRequestInfo {
  readonly specifier: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly phase: 'evaluation';
}

export type ModuleLinker = (specifier: string, referencingModule: Module, extra: { attributes: Record<string, string>; assert: Record<string, string> }) => Module | Promise<Module>;

export interface SourceTextModuleOptions {
  identifier?: string;
  context?: Context;
  lineOffset?: number;
  columnOffset?: number;
  /** Data from `createCachedData()` for this source: the module is prepared from it without parsing;
   * data that does not match throws ERR_VM_MODULE_CACHED_DATA_REJECTED, as in node. */
  cachedData?: ArrayBufferView;
  initializeImportMeta?: (meta: object, module: SourceTextModule) => void;
  importModuleDynamically?: (specifier: string, referrer: Module, attributes: Record<string, string>) => unknown;
}

export interface SyntheticModuleOptions {
  identifier?: string;
  context?: Context;
}

export interface ModuleEvaluateOptions {
  timeout?: number;
  breakOnSigint?: boolean;
}

const NO_ERROR: unique symbol = Symbol('no error');
/** node numbers default identifiers per context: vm:module(0), vm:module(1)... */
const moduleCounters = new WeakMap<Realm, number>();

interface ModuleInit {
  context: unknown;
  identifier: unknown;
  makeRecord: (realm: Realm, identifier: string) => ModuleRecord;
}

function isModule(x: unknown): x is Module {
  return typeof x === 'object' && x !== null && Module.hasRecord(x);
}
setModuleCheck(isModule as (x: unknown) => x is Module, (m) => Module.recordOf(m as Module));

export class Module {
  readonly #record: ModuleRecord;
  readonly #context: Context | undefined;
  readonly #identifier: string;
  /** node's #error: a failed link makes the module errored with the linker's error. */
  #linkError: unknown = NO_ERROR;
  #statusOverride: ModuleStatus | undefined = undefined;

  constructor(init: ModuleInit) {
    if (new.target === Module) throw new TypeError('Module is not a constructor');
    const { context } = init;
    if (context !== undefined) {
      validateObject(context, 'context');
      if (contextRecord(context) === undefined) throw ERR_INVALID_ARG_TYPE('options.context', 'vm.Context', context);
    }
    const realm = context === undefined ? hostRealm() : validateContext(context).realm;
    let identifier = init.identifier;
    if (identifier !== undefined) {
      validateString(identifier, 'options.identifier');
    } else {
      const n = moduleCounters.get(realm) ?? 0;
      moduleCounters.set(realm, n + 1);
      identifier = `vm:module(${n})`;
    }
    this.#identifier = identifier as string;
    this.#context = context as Context | undefined;
    this.#record = init.makeRecord(realm, this.#identifier);
    // A module's environment is no root the retained-memory walk knows: a context with modules keeps
    // its upper bound (src/realm/retained-memory.ts).
    recordOpaque(realm, realm);
    this.#record.hostDefined = this;
  }

  /** @internal Whether `x` is a Module made by this class. */
  static hasRecord(x: object): boolean {
    return #record in x;
  }

  /** @internal */
  static recordOf(m: Module): ModuleRecord {
    return m.#record;
  }

  get identifier(): string {
    return moduleOf(this).#identifier;
  }

  get context(): Context | undefined {
    return moduleOf(this).#context;
  }

  get status(): ModuleStatus {
    const self = moduleOf(this);
    if (self.#linkError !== NO_ERROR) return 'errored';
    if (self.#statusOverride !== undefined) return self.#statusOverride;
    return recordStatus(self.#record);
  }

  get error(): unknown {
    const self = moduleOf(this);
    if (self.#linkError !== NO_ERROR) return self.#linkError;
    if (recordStatus(self.#record) !== 'errored') throw ERR_VM_MODULE_STATUS('must be errored');
    const error = (self.#record as SourceTextModuleRecord | SyntheticModuleRecord).evaluationError;
    return error instanceof Termination ? terminationError(error) : error;
  }

  get namespace(): object {
    const self = moduleOf(this);
    const status = recordStatus(self.#record);
    if (status === 'unlinked' || status === 'linking') throw ERR_VM_MODULE_STATUS('must not be unlinked or linking');
    return GetModuleNamespace(self.#record);
  }

  /** Links the module's requests with `linker` (called once per request), then instantiates the graph. */
  async link(linker: ModuleLinker): Promise<void> {
    const self = moduleOf(this);
    validateFunction(linker, 'linker');
    if (self.status === 'linked') throw ERR_VM_MODULE_ALREADY_LINKED();
    if (self.status !== 'unlinked') throw ERR_VM_MODULE_STATUS('must be unlinked');
    await self.linkRequestsWith(linker);
    self.instantiate();
  }

  /** Links synchronously once every request has its module (node's instantiate()). */
  instantiate(): void {
    const self = moduleOf(this);
    const record = self.#record;
    runGuest(record.realm, undefined, () => record.link());
  }

  /** @internal The linker's part of link() (node's kLink). */
  async linkRequestsWith(_linker: ModuleLinker): Promise<void> {}

  /** @internal */
  setLinkState(status: ModuleStatus | undefined, error: unknown = NO_ERROR): void {
    this.#statusOverride = status;
    if (error !== NO_ERROR) this.#linkError = error;
  }

  /** Evaluates the module graph (once; later calls return the same outcome). */
  async evaluate(options: ModuleEvaluateOptions = {}): Promise<void> {
    const self = moduleOf(this);
    validateObject(options, 'options');
    const timeout: unknown = options.timeout;
    if (timeout !== undefined) validateUint32(timeout, 'options.timeout', true);
    const { breakOnSigint = false } = options;
    validateBoolean(breakOnSigint, 'options.breakOnSigint');
    const status = recordStatus(self.#record);
    if (status !== 'linked' && status !== 'evaluated' && status !== 'errored') {
      throw ERR_VM_MODULE_STATUS('must be one of linked, evaluated, or errored');
    }
    const record = self.#record;
    const realm = record.realm;
    let promise: object;
    try {
      const contextTimeout = (realm.hostDefined as VmContextRecord | undefined)?.runTimeout;
      promise = runGuest(realm, tighterTimeout(timeout as number | undefined, contextTimeout), () => {
        const p = record.evaluate();
        if (realm.jobQueue.schedule === null) drainJobs(realm.jobQueue);
        return p;
      });
    } catch (e) {
      if (e instanceof Termination && agent.terminating !== e) throw terminationError(e);
      throw e;
    }
    // Awaited through the realm's internal reaction, not its (guest-patchable) Promise.prototype.then:
    // a thenable, which the host's await subscribes to one tick later, as it would to the promise.
    await {
      then(resolve: () => void, reject: (e: unknown) => void): void {
        PerformPromiseThen(realm, promise, (): undefined => { resolve(); return undefined; }, (e: unknown): undefined => { reject(e); return undefined; });
      },
    };
  }

  /** util.inspect shows a module as node does: its class, status, identifier and context. */
  [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: object, inspect?: (v: unknown, o: object) => string): unknown {
    const self = moduleOf(this);
    // Beyond the depth node shows [SourceTextModule] (its modules have an own symbol key; ours have none).
    if (typeof depth === 'number' && depth < 0) return `[${(self.constructor as Function).name}]`;
    const o: Record<PropertyKey, unknown> = { status: self.status, identifier: self.identifier, context: self.context };
    Object.setPrototypeOf(o, Object.getPrototypeOf(self) as object);
    Object.defineProperty(o, Symbol.toStringTag, { value: (self.constructor as Function).name, configurable: true });
    if (typeof inspect !== 'function') return o;
    return inspect(o, { ...options, customInspect: false });
  }

  /** Whether this module's own code has top-level await (node 24). */
  hasTopLevelAwait(): boolean {
    const record = moduleOf(this).#record;
    return record instanceof SourceTextModuleRecord && record.prepared.hasTopLevelAwait;
  }

  /** Whether this module or one it depends on has top-level await; the graph must be linked (node 24). */
  hasAsyncGraph(): boolean {
    const self = moduleOf(this);
    const status = recordStatus(self.#record);
    if (status === 'unlinked' || status === 'linking') throw ERR_VM_MODULE_STATUS('must be linked');
    const seen = new Set<ModuleRecord>();
    const visit = (m: ModuleRecord): boolean => {
      if (seen.has(m)) return false;
      seen.add(m);
      if (!(m instanceof SourceTextModuleRecord)) return false;
      if (m.prepared.hasTopLevelAwait) return true;
      return m.loaded.some((d) => d !== undefined && visit(d));
    };
    return visit(self.#record);
  }
}

function moduleOf(x: unknown): Module {
  if (!isModule(x)) throw ERR_VM_MODULE_NOT_MODULE();
  return x;
}

/** node's status names for a record's [[Status]]: an async evaluation in progress reads as evaluated. */
function recordStatus(record: ModuleRecord): ModuleStatus {
  if (record instanceof SyntheticModuleRecord) return record.hasError ? 'errored' : record.status;
  const r = record as SourceTextModuleRecord;
  switch (r.status) {
    case 'new': case 'unlinked': return 'unlinked';
    case 'linking': return 'linking';
    case 'linked': return 'linked';
    case 'evaluating': return 'evaluating';
    case 'evaluating-async': return 'evaluated';
    case 'evaluated': return r.hasError ? 'errored' : 'evaluated';
  }
}

function nullProtoAttributes(attributes: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const o = Object.create(null) as Record<string, string>;
  for (const [k, v] of attributes) o[k] = v;
  return o;
}

export class SourceTextModule extends Module {
  readonly #prepared: PreparedModule;
  readonly #importModuleDynamically: unknown;
  readonly #initializeImportMeta: SourceTextModuleOptions['initializeImportMeta'];
  #dependencySpecifiers: readonly string[] | undefined;
  #moduleRequests: readonly ModuleRequestInfo[] | undefined;
  #importMeta: object | undefined;

  constructor(sourceText: string, options: SourceTextModuleOptions = {}) {
    validateString(sourceText, 'sourceText');
    validateObject(options, 'options');
    const {
      lineOffset = 0, columnOffset = 0, initializeImportMeta, importModuleDynamically, context, identifier, cachedData,
    } = options;
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (initializeImportMeta !== undefined) validateFunction(initializeImportMeta as unknown, 'options.initializeImportMeta');
    if (importModuleDynamically !== undefined) validateFunction(importModuleDynamically as unknown, 'options.importModuleDynamically');
    if (cachedData !== undefined && !ArrayBuffer.isView(cachedData)) {
      throw ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], cachedData);
    }
    let prepared: PreparedModule | undefined;
    const cached = cachedData === undefined ? undefined : cachedTree<ModuleProgram>(CachedDataKind.Module, sourceText, cachedData);
    super({
      context, identifier,
      makeRecord: (realm, id) => {
        const sourceOptions = { filename: id, lineOffset, columnOffset };
        if (cached !== undefined) {
          try { prepared = prepareModule(sourceText, sourceOptions, cached); } catch { prepared = undefined; }
        }
        try {
          prepared ??= prepareModule(sourceText, sourceOptions);
        } catch (e) {
          decorateErrorStack(e, sourceText, lineOffset);
          throw realm.isHost || !(e instanceof SyntaxError) ? e : intoRealm(e, realm);
        }
        return new SourceTextModuleRecord(realm, prepared);
      },
    });
    this.#prepared = prepared!;
    // node compiles first (a SyntaxError wins), then throws for data V8 did not take.
    if (cachedData !== undefined && (cached === undefined || prepared!.program !== cached)) throw ERR_VM_MODULE_CACHED_DATA_REJECTED();
    this.#importModuleDynamically = importModuleDynamically;
    this.#initializeImportMeta = initializeImportMeta as SourceTextModuleOptions['initializeImportMeta'];
    this.#prepared.code.sourceRecord.host = new VmImportHost(this, importModuleDynamically, (realm) => this.#meta(realm));
  }

  /** import.meta: a null-prototype object of the module's realm, given to initializeImportMeta once. */
  #meta(realm: Realm): object {
    if (this.#importMeta !== undefined) return this.#importMeta;
    const meta = Object.create(null) as object;
    if (!realm.isHost) markGuestObject(meta); // the context's own object, as the membrane classifies it
    this.#importMeta = meta;
    if (this.#initializeImportMeta !== undefined) this.#initializeImportMeta(meta, this);
    return meta;
  }

  /** The specifiers of the module's requests, in source order (frozen). */
  get dependencySpecifiers(): readonly string[] {
    const self = sourceTextOf(this);
    return self.#dependencySpecifiers ??= Object.freeze(self.#prepared.requests.map((r) => r.specifier));
  }

  /** The module's requests: specifier, attributes and phase (frozen; node 24). */
  get moduleRequests(): readonly ModuleRequestInfo[] {
    const self = sourceTextOf(this);
    return self.#moduleRequests ??= Object.freeze(self.#prepared.requests.map((r) => Object.freeze({
      specifier: r.specifier, attributes: Object.freeze(nullProtoAttributes(r.attributes)), phase: 'evaluation' as const,
    })));
  }

  /** Gives each request its module, in the order of moduleRequests, synchronously (node 24). */
  linkRequests(modules: readonly Module[]): void {
    const self = sourceTextOf(this);
    const record = Module.recordOf(self) as SourceTextModuleRecord;
    if (!Array.isArray(modules)) throw ERR_INVALID_ARG_TYPE('modules', 'Array', modules);
    if (self.status !== 'unlinked') throw ERR_VM_MODULE_STATUS('must be unlinked');
    const requests = self.#prepared.requests;
    if (modules.length !== requests.length) {
      throw ERR_INVALID_ARG_VALUE('modules', modules, `must have the same length as the module requests (${requests.length})`);
    }
    for (let i = 0; i < modules.length; i++) {
      const m = modules[i];
      if (!isModule(m)) throw ERR_VM_MODULE_NOT_MODULE();
      if (m.context !== self.context) throw ERR_VM_MODULE_DIFFERENT_CONTEXT();
      record.loaded[i] = Module.recordOf(m);
    }
  }

  /** @internal node's kLink: asks the linker for every request, linking the answers' requests too. */
  override async linkRequestsWith(linker: ModuleLinker): Promise<void> {
    const record = Module.recordOf(this) as SourceTextModuleRecord;
    this.setLinkState('linking');
    const promises = this.#prepared.requests.map(async (request, i) => {
      const attributes = nullProtoAttributes(request.attributes);
      const module = await linker(request.specifier, this, { attributes, assert: attributes });
      if (!isModule(module)) throw ERR_VM_MODULE_NOT_MODULE();
      if (module.context !== this.context) throw ERR_VM_MODULE_DIFFERENT_CONTEXT();
      if (module.status === 'errored') throw ERR_VM_MODULE_LINK_FAILURE(`request for '${request.specifier}' resolved to an errored module`, module.error);
      if (module.status === 'unlinked') await module.linkRequestsWith(linker);
      record.loaded[i] = Module.recordOf(module);
    });
    try {
      await Promise.all(promises);
    } catch (e) {
      this.setLinkState(undefined, e);
      throw e;
    }
    this.setLinkState(undefined);
  }

  /** The module's cachedData: its checked parse, tied to its source and to this vmjs (a Buffer where
   * the host has one). As in node, not once the module has been evaluated. */
  createCachedData(): Uint8Array {
    const self = sourceTextOf(this);
    const status = self.status;
    if (status === 'evaluating' || status === 'evaluated' || status === 'errored') throw ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA();
    return hostCachedData(CachedDataKind.Module, self.#prepared.source, self.#prepared.program);
  }
}

function sourceTextOf(x: unknown): SourceTextModule {
  if (!(x instanceof SourceTextModule)) throw ERR_VM_MODULE_NOT_MODULE();
  return x;
}

/** A host SyntaxError from parsing, re-made in the module's realm (V8 compiles in the context). */
function intoRealm(e: SyntaxError, realm: Realm): unknown {
  const converted = realm.newError('SyntaxError', e.message);
  for (const key of Reflect.ownKeys(e)) {
    if (key === 'message') continue;
    Object.defineProperty(converted, key, Object.getOwnPropertyDescriptor(e, key)!);
  }
  copySyntaxErrorLocation(e, converted);
  return converted;
}

export class SyntheticModule extends Module {
  constructor(exportNames: readonly string[], evaluateCallback: (this: SyntheticModule) => unknown, options: SyntheticModuleOptions = {}) {
    if (!Array.isArray(exportNames) || exportNames.some((e) => typeof e !== 'string')) {
      throw ERR_INVALID_ARG_TYPE('exportNames', 'Array of unique strings', exportNames);
    }
    exportNames.forEach((name, i) => {
      if (exportNames.indexOf(name, i + 1) !== -1) throw ERR_INVALID_ARG_VALUE(`exportNames.${name}`, name, 'is duplicated');
    });
    validateFunction(evaluateCallback, 'evaluateCallback');
    validateObject(options, 'options');
    const { context, identifier } = options;
    const names = [...exportNames];
    let self: SyntheticModule | undefined;
    super({
      context, identifier,
      makeRecord: (realm) => new SyntheticModuleRecord(realm, names, () => { Reflect.apply(evaluateCallback, self, []); }),
    });
    self = this;
  }

  /** Sets an export's value; the module must be linked. */
  setExport(name: string, value: unknown): void {
    if (!(this instanceof SyntheticModule)) throw ERR_VM_MODULE_NOT_MODULE();
    validateString(name, 'name');
    const record = Module.recordOf(this) as SyntheticModuleRecord;
    if (record.status === 'unlinked') throw ERR_VM_MODULE_STATUS('must be linked');
    // What the embedder hands guest code comes through the context's membrane (BRIEF decision 10).
    const m = membraneOf(record.realm);
    if (!record.setExport(name, m === null ? value : m.toGuest(value))) {
      throw record.realm.newError('ReferenceError', `Export '${name}' is not defined in module`);
    }
  }
}

// The bundler may rename the classes (`_Module`) where names collide; node's are these.
for (const [C, name] of [[Module, 'Module'], [SourceTextModule, 'SourceTextModule'], [SyntheticModule, 'SyntheticModule']] as const) {
  Object.defineProperty(C, 'name', { value: name, configurable: true });
}
