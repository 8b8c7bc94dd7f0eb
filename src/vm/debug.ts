// vm.debug (a vmjs extension): runs a program once, compiled for the stepping debugger, and returns
// the recorded trace (BRIEF decision 12: record, then navigate). See ARCHITECTURE.md, "Debugger".
import { prepareScript, type PreparedScript } from '../interpreter/script.js';
import { debugHooks } from '../interpreter/runtime/debug-hooks.js';
import { agent } from '../realm/agent.js';
import { createContext, validateContext, type Context } from './context.js';
import { execute } from './execute.js';
import { Script, preparedScriptOf } from './script.js';
import { validateObject, validateString, validateUint32 } from './validators.js';
import { Recorder } from '../debug/recorder.js';
import { HeapRecorder } from '../debug/heap-recorder.js';
import { createDebugConsole } from '../debug/debug-console.js';
import { inspectInline } from '../debug/inspect-safe.js';
import { Trace } from '../debug/trace.js';
import type { TraceData } from '../debug/trace-types.js';

export interface DebugOptions {
  /** The file name steps and errors show (default: the Script's, or 'evalmachine.<anonymous>'). */
  filename?: string;
  /** Most steps recorded (default 10,000); a longer run ends there, `truncated`, not an error. */
  stepLimit?: number;
  /** Milliseconds; the recording ends with completion `{ type: 'timeout' }`. */
  timeout?: number;
}

export const DEFAULT_STEP_LIMIT = 10_000;

/** Records a run of `code` (source text or a Script) in `context` (by default a new context whose
 * promise jobs run before the recording ends: microtaskMode 'afterEvaluate'). */
export function debug(code: string | Script, context?: Context, options: DebugOptions = {}): Trace {
  validateObject(options as unknown, 'options');
  const { stepLimit = DEFAULT_STEP_LIMIT, timeout } = options;
  validateUint32(stepLimit, 'options.stepLimit', true);
  if (timeout !== undefined) validateUint32(timeout, 'options.timeout', true);
  let source: string;
  let filename: string;
  if (code instanceof Script) {
    const p: PreparedScript = preparedScriptOf(code);
    source = p.source;
    filename = options.filename ?? p.options.filename;
  } else {
    source = `${code}`;
    filename = options.filename ?? 'evalmachine.<anonymous>';
  }
  validateString(filename, 'options.filename');
  const prepared = prepareScript(source, { filename, lineOffset: 0, columnOffset: 0, debug: true });
  const ctx = context === undefined ? createContext({}, { microtaskMode: 'afterEvaluate' }) : context;
  const { realm, contextObject } = validateContext(ctx);

  let recorder: Recorder | null = null;
  const console = createDebugConsole(realm, (line) => recorder?.output(line));
  Object.defineProperty(realm.globalObject, 'console', { value: console, writable: true, enumerable: false, configurable: true });
  const heap = new HeapRecorder(realm, [console]);
  const rec = new Recorder(filename, stepLimit, heap, { realm, contextObject, hidden: new Set() });
  recorder = rec;

  let completion: TraceData['completion'];
  const previous = debugHooks.recorder;
  debugHooks.recorder = rec;
  try {
    const value = execute(prepared, realm, timeout, false);
    if (rec.truncated) {
      // The limit was reached just before the program ended (no later step interrupted it).
      rec.finish(undefined, false);
      completion = { type: 'truncated' };
    } else {
      rec.finish(value, true);
      completion = { type: 'normal', value: rec.valueView(value) };
    }
  } catch (e) {
    const codeOf = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
    if (rec.truncated && codeOf === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') {
      rec.finish(undefined, false);
      completion = { type: 'truncated' };
    } else if (codeOf === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      rec.finish(undefined, false);
      completion = { type: 'timeout', text: (e as Error).message };
    } else {
      rec.finish(e, true);
      completion = { type: 'throw', value: rec.valueView(e), text: inspectInline(e) };
    }
  } finally {
    debugHooks.recorder = previous;
    agent.interruptRequested = false;
    recorder = null;
  }
  if (rec.failure !== undefined) {
    const why = rec.failure instanceof Error ? rec.failure.stack ?? rec.failure.message : String(rec.failure);
    throw new Error(`vmjs internal error: the debugger's recorder failed: ${why}`);
  }
  const data: TraceData = {
    version: 1,
    files: [{ name: filename, source }],
    steps: rec.steps,
    truncated: rec.truncated,
    stepLimit,
    completion,
  };
  return new Trace(data);
}
