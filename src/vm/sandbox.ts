// vmjs.createSandbox (a vmjs extension; node:vm has none): a context made with the settings untrusted
// code needs, so that an embedder does not have to know which of createContext's options matter.
import { isContext, makeContext, type Context } from './context.js';
import { ERR_INVALID_ARG_VALUE } from './errors.js';
import { validateBoolean, validateFunction, validateMemoryLimit, validateObject, validateString, validateUint32 } from './validators.js';

export interface SandboxOptions {
  /** Milliseconds each run in the sandbox may take (scripts, module evaluation, and the promise jobs
   * they start), and each entry into its code from the host outside a run (a guest function, getter or
   * callback the embedder calls afterwards: createContext's `timeout`); a run's own `timeout` can only
   * narrow it. Default 1000. */
  timeout?: number;
  /** Bytes the sandbox may hold: each run may allocate this less what the sandbox retains from earlier
   * runs (vmjs's allocation budget, see README "Security model"); a run's own `memoryLimit` can only
   * narrow it. Default 64 MiB. */
  memoryLimit?: number;
  /** Whether guest code may compile strings (eval, the Function constructors). Default false: eval is
   * interpreted under the same budgets, but parsing is work the guest sizes with one string. */
  allowCodeGeneration?: boolean;
  /** The context's name (createContext's `name`). */
  name?: string;
  /** Told about the sandbox's promises rejected with no handler (createContext's). */
  onUnhandledRejection?: (reason: unknown, promise: object) => void;
}

export const SANDBOX_DEFAULT_TIMEOUT = 1000;
export const SANDBOX_DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;

/** vmjs.createSandbox(contextObject = {}, options): contextifies `contextObject` (whose properties
 * the guest sees through the membrane: no passThrough) with a timeout and an allocation budget on
 * every run, `microtaskMode: 'afterEvaluate'` (so promise jobs run inside the run, under both), code
 * generation from strings off unless allowed, and no dynamic import (import() rejects, as node does
 * without an importModuleDynamically). Run code in it with runInContext / Script#runInContext. */
export function createSandbox(contextObject: object = {}, options: SandboxOptions = {}): Context {
  validateObject(contextObject, 'contextObject', { allowArray: true, allowFunction: true });
  // Its settings are the sandbox's own: an existing context keeps its options.
  if (isContext(contextObject)) throw ERR_INVALID_ARG_VALUE('contextObject', contextObject, 'is already a context');
  validateObject(options, 'options');
  const {
    timeout = SANDBOX_DEFAULT_TIMEOUT,
    memoryLimit = SANDBOX_DEFAULT_MEMORY_LIMIT,
    allowCodeGeneration = false,
    name,
    onUnhandledRejection,
  } = options;
  validateUint32(timeout, 'options.timeout', true);
  validateMemoryLimit(memoryLimit, 'options.memoryLimit');
  validateBoolean(allowCodeGeneration, 'options.allowCodeGeneration');
  if (name !== undefined) validateString(name, 'options.name');
  if (onUnhandledRejection !== undefined) validateFunction(onUnhandledRejection, 'options.onUnhandledRejection');
  return makeContext(contextObject as Context, {
    name,
    codeGeneration: { strings: allowCodeGeneration, wasm: false },
    microtaskMode: 'afterEvaluate',
    memoryLimit,
    onUnhandledRejection,
  }, timeout);
}
