// Contexts: vm.createContext / vm.isContext. A context is a Realm whose global
// reads and writes go to the contextified object first (src/vm/global-proxy.ts);
// the pair is recorded so the object can be handed back to runInContext.
import type { Realm } from '../realm/realm.js';
import { createRealm } from '../realm/intrinsics.js';
import { JobQueue } from '../realm/job-queue.js';
import { createGlobalProxy } from './global-proxy.js';
import { ERR_INVALID_ARG_TYPE } from './errors.js';
import { validateBoolean, validateObject, validateOneOf, validateString } from './validators.js';
import { DONT_CONTEXTIFY, validateImportModuleDynamically } from './constants.js';

/** What vmjs keeps about a context; `realm.hostDefined` holds it (never reachable from guest code). */
export interface VmContextRecord {
  /** The object passed to createContext (or, for DONT_CONTEXTIFY, the realm's own global). */
  readonly contextObject: object;
  readonly realm: Realm;
  /** `options.name`: node shows it in the inspector; vmjs only records it. */
  readonly name: string;
  readonly origin: string | undefined;
  /** `options.codeGeneration`: recorded for the interpreter's eval/Function (see the README's status list). */
  readonly codeGeneration: { readonly strings: boolean; readonly wasm: boolean };
  /** `options.microtaskMode`: 'afterEvaluate' gives the realm its own job queue, drained at the end of
   * each run (src/vm/execute.ts) instead of at the host's microtask checkpoint. */
  readonly microtaskMode: 'afterEvaluate' | undefined;
  /** `options.importModuleDynamically`: what import() calls in code of the context that has no Script
   * or Module of its own (the Function constructor's, indirect eval's); see src/vm/import-hosts.ts. */
  readonly importModuleDynamically: unknown;
}

/** The options createContext accepts (node 20). */
export interface CreateContextOptions {
  name?: string;
  origin?: string;
  codeGeneration?: { strings?: boolean; wasm?: boolean };
  microtaskMode?: 'afterEvaluate';
  importModuleDynamically?: unknown;
}

export type Context = Record<PropertyKey, unknown>;

const contexts = new WeakMap<object, VmContextRecord>();
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

/** vm.createContext(contextObject, options): contextifies `contextObject` (returned as is), or with
 * vm.constants.DONT_CONTEXTIFY returns a new realm's own ordinary global object. */
export function createContext(contextObject: unknown = {}, options: unknown = {}): Context {
  if (contextObject !== DONT_CONTEXTIFY && isContext(contextObject)) return contextObject as Context;
  return makeContext(contextObject === DONT_CONTEXTIFY ? null : contextObject as Context, options);
}

function makeContext(sandbox: Context | null, options: unknown): Context {
  validateObject(options, 'options');
  const {
    name = `VM Context ${defaultContextNameIndex++}`,
    origin,
    codeGeneration,
    microtaskMode,
    importModuleDynamically,
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

  const realm = createRealm();
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
    microtaskMode, importModuleDynamically,
  };
  realm.hostDefined = record;
  contexts.set(contextObject, record);
  return contextObject;
}
