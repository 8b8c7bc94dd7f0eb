// vm.runInContext / vm.runInNewContext / vm.runInThisContext / vm.createScript:
// compile a Script and run it, with node's option handling (a string is the filename).
import { createContext, validateContext, type Context } from './context.js';
import { getContextOptions, type RunningScriptInNewContextOptions, type RunningScriptOptions } from './run-options.js';
import { kParsingContext, Script, type ScriptOptions } from './script.js';

export type RunInContextOptions = ScriptOptions & RunningScriptOptions;
export type RunInNewContextOptions = ScriptOptions & RunningScriptInNewContextOptions;

export function createScript(code: unknown, options?: ScriptOptions | string): Script {
  return new Script(code, options);
}

export function runInContext(code: unknown, contextifiedObject: Context, options?: RunInContextOptions | string): unknown {
  validateContext(contextifiedObject);
  const opts = typeof options === 'string'
    ? { filename: options, [kParsingContext]: contextifiedObject }
    : { ...options, [kParsingContext]: contextifiedObject };
  return createScript(code, opts).runInContext(contextifiedObject, opts);
}

export function runInNewContext(code: unknown, contextObject?: object, options?: RunInNewContextOptions | string): unknown {
  const base = typeof options === 'string' ? { filename: options } : options;
  const context = createContext(contextObject, getContextOptions(base));
  const opts = { ...base, [kParsingContext]: context };
  return createScript(code, opts).runInNewContext(context, opts);
}

export function runInThisContext(code: unknown, options?: RunInContextOptions | string): unknown {
  const opts = typeof options === 'string' ? { filename: options } : options;
  return createScript(code, opts).runInThisContext(opts);
}
