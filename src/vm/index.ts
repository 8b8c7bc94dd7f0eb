// The node:vm surface: the same names node 20 exports.
import '../engine.js';
import { Script } from './script.js';
import { createContext, isContext } from './context.js';
import { createScript, runInContext, runInNewContext, runInThisContext } from './run.js';
import { compileFunction } from './compile-function.js';
import { measureMemory } from './measure-memory.js';
import { constants } from './constants.js';
import { Module, SourceTextModule, SyntheticModule } from './module.js';
import './import-hosts.js';
import { createSandbox } from './sandbox.js';
import { debug } from './debug.js';
import { Trace } from '../debug/trace.js';

export { Script, createContext, isContext, createScript, runInContext, runInNewContext, runInThisContext, compileFunction, measureMemory, constants };
export { Module, SourceTextModule, SyntheticModule };
/** vmjs extensions (not on the default object, which holds node:vm's names only): the sandbox, and the
 * stepping debugger (record, then navigate). */
export { createSandbox, debug, Trace };
export type { SandboxOptions } from './sandbox.js';
export type { DebugOptions } from './debug.js';
export type { Breakpoint } from '../debug/trace.js';
export type * from '../debug/trace-types.js';
export type { ModuleStatus, ModuleLinker, ModuleRequestInfo, SourceTextModuleOptions, SyntheticModuleOptions, ModuleEvaluateOptions } from './module.js';
export type { ScriptOptions } from './script.js';
export type { Context, CreateContextOptions } from './context.js';
export type { RunningScriptOptions, RunningScriptInNewContextOptions } from './run-options.js';
export type { RunInContextOptions, RunInNewContextOptions } from './run.js';
export type { CompileFunctionOptions } from './compile-function.js';
export type { MeasureMemoryOptions } from './measure-memory.js';
export type { VmConstants } from './constants.js';
export type { NodeError } from './errors.js';

/** The module object, as `import vm from 'node:vm'` gives it. */
const vm = {
  Script, createContext, createScript, runInContext, runInNewContext, runInThisContext,
  isContext, compileFunction, measureMemory, constants, Module, SourceTextModule, SyntheticModule, debug, Trace,
};
export default vm;
