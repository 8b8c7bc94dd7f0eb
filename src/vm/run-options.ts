// The options of a run (runInContext / runInNewContext / runInThisContext),
// validated in node 20's order with node's errors.
import { validateBoolean, validateMemoryLimit, validateObject, validateString, validateUint32 } from './validators.js';
import type { CreateContextOptions } from './context.js';
import { ERR_VMJS_NODE_ONLY } from './errors.js';
import { hasNodeProcess } from './host.js';

export interface RunningScriptOptions {
  /** Attach the source line to the stack of an error thrown by the run (default true). */
  displayErrors?: boolean;
  /** Milliseconds (1 … 2^32-1) after which the run is terminated. */
  timeout?: number;
  /** node stops the run on SIGINT. vmjs accepts the option where Node's process exists (a SIGINT
   * cannot reach a synchronous run there yet, so it has no effect) and throws ERR_VMJS_NODE_ONLY
   * for `true` elsewhere. */
  breakOnSigint?: boolean;
  /** vmjs only: bytes the run may allocate (objects, arrays and their elements, strings by length,
   * buffers, Map and Set entries, closures), counted by vmjs's size model; past it the run is
   * terminated (ERR_VMJS_MEMORY_LIMIT). Narrows the context's own `memoryLimit`. */
  memoryLimit?: number;
}

export interface RunningScriptInNewContextOptions extends RunningScriptOptions {
  contextName?: string;
  contextOrigin?: string;
  contextCodeGeneration?: { strings?: boolean; wasm?: boolean };
  microtaskMode?: 'afterEvaluate';
  /** vmjs only: the new context's `memoryLimit` (see CreateContextOptions). */
  contextMemoryLimit?: number;
}

export interface RunArgs {
  timeout: number | undefined;
  displayErrors: boolean;
  breakOnSigint: boolean;
  memoryLimit: number | undefined;
}

/** node's getRunInContextArgs. */
export function getRunArgs(options: unknown = {}): RunArgs {
  validateObject(options, 'options');
  const timeout = options.timeout;
  if (timeout !== undefined) validateUint32(timeout, 'options.timeout', true);
  const { displayErrors = true, breakOnSigint = false } = options as RunningScriptOptions;
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  if (breakOnSigint && !hasNodeProcess()) throw ERR_VMJS_NODE_ONLY('options.breakOnSigint');
  const { memoryLimit } = options as RunningScriptOptions;
  if (memoryLimit !== undefined) validateMemoryLimit(memoryLimit, 'options.memoryLimit');
  return { timeout, displayErrors, breakOnSigint, memoryLimit };
}

/** node's getContextOptions: the context options of runInNewContext, renamed for createContext. */
export function getContextOptions(options: unknown): CreateContextOptions {
  if (!options) return {};
  const o = options as RunningScriptInNewContextOptions;
  const contextOptions: CreateContextOptions = {
    name: o.contextName,
    origin: o.contextOrigin,
    codeGeneration: undefined,
    microtaskMode: o.microtaskMode,
  };
  if (o.contextMemoryLimit !== undefined) {
    validateMemoryLimit(o.contextMemoryLimit, 'options.contextMemoryLimit');
    contextOptions.memoryLimit = o.contextMemoryLimit;
  }
  if (contextOptions.name !== undefined) validateString(contextOptions.name, 'options.contextName');
  if (contextOptions.origin !== undefined) validateString(contextOptions.origin, 'options.contextOrigin');
  if (o.contextCodeGeneration !== undefined) {
    validateObject(o.contextCodeGeneration, 'options.contextCodeGeneration');
    const { strings, wasm } = o.contextCodeGeneration;
    if (strings !== undefined) validateBoolean(strings, 'options.contextCodeGeneration.strings');
    if (wasm !== undefined) validateBoolean(wasm, 'options.contextCodeGeneration.wasm');
    contextOptions.codeGeneration = { strings, wasm };
  }
  if (o.microtaskMode !== undefined) validateString(o.microtaskMode, 'options.microtaskMode');
  return contextOptions;
}
