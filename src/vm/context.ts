// Contexts: vm.createContext / vm.isContext. A context is a Realm whose global
// reads and writes go to the contextified object first (src/vm/global-proxy.ts);
// the pair is recorded so the object can be handed back to runInContext.
import type { Realm } from '../realm/realm.js';
import { createRealm } from '../realm/intrinsics.js';
import { membraneOf } from '../realm/membrane.js';
import { JobQueue } from '../realm/job-queue.js';
import { createGlobalProxy } from './global-proxy.js';
import { ERR_INVALID_ARG_TYPE } from './errors.js';
import { validateArray, validateBoolean, validateFunction, validateMemoryLimit, validateObject, validateOneOf, validateString, validateUint32 } from './validators.js';
import { DONT_CONTEXTIFY, validateImportModuleDynamically } from './constants.js';

/** What vmjs keeps about a context; `realm.hostDefined` holds it (never reachable from guest code). */
export interface VmContextRecord {
  /** The object passed to createContext (or, for DONT_CONTEXTIFY, the realm's own global). */
  readonly contextObject: object;
  readonly realm: Realm;
  /** `options.name`: node shows it in the inspector; vmjs only records it. */
  readonly name: string;
  readonly origin: string | undefined;
  /** `options.codeGeneration`: `strings` is also the realm's canCompileStrings (eval and the Function
   * constructors throw V8's EvalError when false); vmjs contexts have no WebAssembly, so `wasm` has no effect. */
  readonly codeGeneration: { readonly strings: boolean; readonly wasm: boolean };
  /** `options.microtaskMode`: 'afterEvaluate' gives the realm its own job queue, drained at the end of
   * each run (src/vm/execute.ts) instead of at the host's microtask checkpoint. */
  readonly microtaskMode: 'afterEvaluate' | undefined;
  /** `options.importModuleDynamically`: what import() calls in code of the context that has no Script
   * or Module of its own (the Function constructor's, indirect eval's); see src/vm/import-hosts.ts. */
  readonly importModuleDynamically: unknown;
  /** vmjs only (createContext's `timeout`, createSandbox's): the timeout in ms of every run in the
   * context (scripts, module evaluation); a run's own `timeout` can only narrow it. It is also the
   * realm's entryTimeout (src/realm/host-entry.ts). undefined: none, as in node. */
  readonly runTimeout: number | undefined;
}

/** The options createContext accepts (node 20). */
export interface CreateContextOptions {
  name?: string;
  origin?: string;
  codeGeneration?: { strings?: boolean; wasm?: boolean };
  microtaskMode?: 'afterEvaluate';
  importModuleDynamically?: unknown;
  /** vmjs only (node's vm has no such option): called with (reason, promise) for each of the context's
   * promises still rejected with no handler once the host's current task has ended. Without it nothing
   * is reported, and a rejection never reaches the host as an uncaught exception. */
  onUnhandledRejection?: (reason: unknown, promise: object) => void;
  /** vmjs only: host objects and functions this context's guest code gets as they are, not through the
   * membrane (src/realm/membrane.ts): a deliberate hand-over, e.g. of a host function whose
   * `constructor` the embedder does not mind the guest reaching. */
  passThrough?: readonly unknown[];
  /** vmjs only: [[CanBlock]] of the context's code (default false, as on a browser's main thread).
   * With true, Atomics.wait blocks the host thread (the host's Atomics.wait on the same memory), which
   * only an embedder running the context on a thread that may block (a worker) should ask for; the
   * wait is clamped to the run's timeout, but nothing else (an interrupt) can end it early. */
  canBlock?: boolean;
  /** vmjs only: bytes the context may hold, counted by vmjs's size model: each run in the context (and
   * each of its promise jobs, each entry from the host) may allocate the limit less what the context
   * retains from earlier runs (measured by a walk when it could be over: src/realm/retained-memory.ts);
   * past it the run is terminated and the host gets ERR_VMJS_MEMORY_LIMIT, and a context that retains
   * more than its limit has its runs refused with that error until it retains less. The context stays
   * usable. A run's own `memoryLimit` can only narrow it. */
  memoryLimit?: number;
  /** vmjs only: milliseconds each run in the context may take (a run's own `timeout` can only narrow
   * it), and each entry into the context's code from the host while no run is active: a guest function,
   * getter or callback the embedder calls, a generator it resumes, a promise job drained at the host's
   * microtask checkpoint. Past it the host gets ERR_SCRIPT_EXECUTION_TIMEOUT (a job just ends). node:vm
   * has no such option: there, only runs have timeouts. */
  timeout?: number;
}

export type Context = Record<PropertyKey, unknown>;

const contexts = new WeakMap<object, VmContextRecord>();
/** Every context made, held weakly (a context lives as long as its context object), in creation order. */
let made: Array<WeakRef<VmContextRecord>> = [];
let pruneAt = 1024;

/** The contexts still alive, oldest first (vm.measureMemory reports them). */
export function liveContexts(): VmContextRecord[] {
  const out: VmContextRecord[] = [];
  made = made.filter((ref) => {
    const record = ref.deref();
    if (record !== undefined) out.push(record);
    return record !== undefined;
  });
  return out;
}
let defaultContextNameIndex = 1;

/** vm.isContext(object). */
export function isContext(object: unknown): boolean {
  validateObject(object, 'object', { allowArray: true });
  return contexts.has(object);
}

/** The record of a context object, or undefined if `object` is not one. */
export function contextRecord(object: unknown): VmContextRecord | undefined {
  return typeof object === 'object' && object !== null ? contexts.get(object) : undefined;
}

/** The realm of a context object; throws node's error if it is not one. */
export function validateContext(contextifiedObject: unknown): VmContextRecord {
  // Like node, a non-object fails isContext's own check first.
  const record = isContext(contextifiedObject) ? contexts.get(contextifiedObject as object) : undefined;
  if (record === undefined) throw ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', contextifiedObject);
  return record;
}

/** V8's global object does not inherit from %Object.prototype% directly: between them is the global
 * template's prototype object, whose only own property is `constructor`. In a DONT_CONTEXTIFY context
 * that is the context's `Object`; in a contextified one V8 has an anonymous constructor there, but
 * node answers `this.constructor` with the host's Object (see inheritsOnlyFromHost), so vmjs gives the
 * realm's `Object` in both. */
function installGlobalPrototype(realm: Realm): void {
  const I = realm.intrinsics;
  const proto = Object.create(I.ObjectPrototype) as object;
  Object.defineProperty(proto, 'constructor', { value: I.Object, writable: true, enumerable: false, configurable: true });
  Object.setPrototypeOf(realm.globalObject, proto);
}

/** vm.createContext(contextObject, options): contextifies `contextObject` (returned as is), or with
 * vm.constants.DONT_CONTEXTIFY returns a new realm's own ordinary global object. */
export function createContext(contextObject: unknown = {}, options: unknown = {}): Context {
  if (contextObject !== DONT_CONTEXTIFY && isContext(contextObject)) return contextObject as Context;
  return makeContext(contextObject === DONT_CONTEXTIFY ? null : contextObject as Context, options, undefined);
}

/** Contextifies `sandbox` (null: DONT_CONTEXTIFY) with createContext's options; `runTimeout` is
 * createSandbox's timeout (createContext's `timeout` option when that is not given). */
export function makeContext(sandbox: Context | null, options: unknown, runTimeout: number | undefined): Context {
  validateObject(options, 'options');
  const {
    name = `VM Context ${defaultContextNameIndex++}`,
    origin,
    codeGeneration,
    microtaskMode,
    importModuleDynamically,
    onUnhandledRejection,
    passThrough = [],
    canBlock = false,
    memoryLimit,
    timeout = runTimeout,
  } = options as CreateContextOptions;
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  if (codeGeneration !== undefined) validateObject(codeGeneration, 'options.codeGeneration');
  let strings: unknown = true;
  let wasm: unknown = true;
  if (codeGeneration !== undefined) {
    ({ strings = true, wasm = true } = codeGeneration);
    validateBoolean(strings, 'options.codeGeneration.strings');
    validateBoolean(wasm, 'options.codeGeneration.wasm');
  }
  validateOneOf(microtaskMode, 'options.microtaskMode', ['afterEvaluate', undefined]);
  validateImportModuleDynamically(importModuleDynamically);
  if (onUnhandledRejection !== undefined) validateFunction(onUnhandledRejection, 'options.onUnhandledRejection');
  validateArray(passThrough, 'options.passThrough');
  validateBoolean(canBlock, 'options.canBlock');
  if (memoryLimit !== undefined) validateMemoryLimit(memoryLimit, 'options.memoryLimit');
  if (timeout !== undefined) validateUint32(timeout, 'options.timeout', true);

  // A contextified realm's global object is reached only through the global proxy: it may install
  // the rarely used families of builtins on first use (src/realm/lazy-families.ts).
  const realm = createRealm(sandbox !== null);
  if (onUnhandledRejection !== undefined) realm.onUnhandledRejection = onUnhandledRejection;
  if (passThrough.length > 0) {
    const m = membraneOf(realm)!;
    for (const v of passThrough) if ((typeof v === 'object' && v !== null) || typeof v === 'function') m.passedThrough.add(v as object);
  }
  realm.canCompileStrings = strings as boolean;
  realm.canBlock = canBlock;
  if (memoryLimit !== undefined) realm.memoryLimit = memoryLimit;
  realm.entryTimeout = timeout;
  installGlobalPrototype(realm);
  // Its own queue, never scheduled on the host: only runs drain it, under their timeout.
  if (microtaskMode === 'afterEvaluate') realm.jobQueue = new JobQueue(null);
  let contextObject: Context;
  if (sandbox === null) {
    contextObject = realm.globalObject;
  } else {
    realm.sandbox = sandbox;
    const proxy = createGlobalProxy(realm, sandbox);
    realm.globalThisValue = proxy;
    // The `globalThis` property of the global names what guest code sees as the global.
    const d = Object.getOwnPropertyDescriptor(realm.globalObject, 'globalThis');
    Object.defineProperty(realm.globalObject, 'globalThis', { value: proxy, writable: d?.writable ?? true, enumerable: d?.enumerable ?? false, configurable: d?.configurable ?? true });
    contextObject = sandbox;
  }
  const record: VmContextRecord = {
    contextObject, realm, name, origin,
    codeGeneration: { strings: strings as boolean, wasm: wasm as boolean },
    microtaskMode, importModuleDynamically, runTimeout: timeout,
  };
  realm.hostDefined = record;
  contexts.set(contextObject, record);
  made.push(new WeakRef(record));
  // Dropping the dead refs now and then keeps the list as long as the live contexts, give or take.
  if (made.length >= pruneAt) { liveContexts(); pruneAt = Math.max(1024, made.length * 2); }
  return contextObject;
}
