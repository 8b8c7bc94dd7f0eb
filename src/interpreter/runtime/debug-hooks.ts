// The stepping debugger's hooks in the evaluator (BRIEF decision 12: the debugger records, then
// navigates). Code prepared with `SourceRecord.debug` is compiled with these wrappers around each
// statement and each function body; code prepared without it never contains them, so it pays nothing
// (not even a check). The wrappers report to the recorder installed in `debugHooks.recorder` (the
// debugger's, src/debug/recorder.ts) and never change what the program does.
import type { Node } from 'acorn';
import type { Frame, Signal } from './frame.js';
import { RETURN } from './frame.js';
import { AWAIT } from './async-function.js';
import { RAW_RESULT } from './generator-object.js';
import { DO_RETURN, YIELD_AWAITED } from './async-generator-object.js';
import { agent } from '../../realm/agent.js';

export type SuspendKind = 'yield' | 'await';

/** What the evaluator tells the recorder. Called synchronously; the recorder must not run guest code. */
export interface DebugRecorder {
  /** Before a statement of frame `f` runs. */
  statement(f: Frame, node: Node): void;
  /** An exception leaves statement `node` of frame `f` (reported once per throw by the recorder). */
  exception(f: Frame, node: Node, value: unknown): void;
  /** A function body starts running (after its parameters are bound). */
  enter(f: Frame, fn: Node): void;
  /** The body of `f` completed (returned `value`). */
  leave(f: Frame, value: unknown): void;
  /** The body of `f` ends by an exception (or a termination unwinding it). */
  unwind(f: Frame, value: unknown): void;
  /** The body of `f` (a generator or async function) suspends at a yield or an await. With
   * `resultObject`, `value` is an inner iterator's result object passed through by yield* (the value
   * shown is its own `value` data property). */
  suspend(f: Frame, kind: SuspendKind, value: unknown, resultObject: boolean): void;
  /** The body of `f` resumes after a suspension. */
  resume(f: Frame): void;
  /** Script code of `f` starts / ends (the top-level frame). */
  enterScript(f: Frame): void;
  leaveScript(f: Frame): void;
}

export const debugHooks: {
  recorder: DebugRecorder | null;
  /** How many times a debug wrapper ran: for the test that proves normal code has no hooks. */
  wrapperRuns: number;
} = { recorder: null, wrapperRuns: 0 };

/** A recorder that records nothing: what the hooks report to when every script is debug-compiled
 * for the test262 runner's --debug-hooks (the wrappers then drive every body exactly as when recording). */
const IGNORE: DebugRecorder = {
  statement() {}, exception() {}, enter() {}, leave() {}, unwind() {}, suspend() {}, resume() {}, enterScript() {}, leaveScript() {},
};

/** The preparation switch for vmjs's own tools: every script prepared from now on is debug-compiled. */
export const debugEverywhere = { on: false };

/** Turns the switch on or off (with a recorder that records nothing installed while it is on), so that
 * test262 can prove debug-compiled code behaves exactly as normal code. Not a public option. */
export function setDebugHooksEverywhere(on: boolean): void {
  debugEverywhere.on = on;
  debugHooks.recorder = on ? IGNORE : null;
}

/** Whether a termination (timeout, step limit) is unwinding the run: nothing is recorded then. */
export function terminating(): boolean {
  return agent.terminating !== null;
}

type SyncBody = (f: Frame) => Signal;
type GenBody = (f: Frame) => Generator<unknown, Signal, unknown>;

/** A function body (synchronous form) with call / return / exception reports. */
export function debugSyncBody(run: SyncBody, fn: Node): SyncBody {
  return (f) => {
    debugHooks.wrapperRuns++;
    const r = debugHooks.recorder;
    if (r === null) return run(f);
    r.enter(f, fn);
    let sig: Signal;
    try {
      sig = run(f);
    } catch (e) {
      r.unwind(f, e);
      throw e;
    }
    r.leave(f, sig === RETURN ? f.retVal : undefined);
    return sig;
  };
}

const NEXT = 0, THROW = 1, RESUME_RETURN = 2;

/** A generator or async body with call / return / exception / suspension reports. It drives the body
 * itself, passing every resumption through: a `return` request (the driver's `body.return(RETURN)`,
 * see generator-object.ts) arrives as this generator's own return, is caught in `finally` and
 * forwarded, so the body's finally blocks run (and may yield again) as without the wrapper. */
export function debugGenBody(run: GenBody, fn: Node): GenBody {
  return function* (f) {
    debugHooks.wrapperRuns++;
    const r = debugHooks.recorder;
    if (r === null) return yield* run(f);
    const body = run(f);
    let mode = NEXT;
    let input: unknown = undefined;
    let first = true;
    let suspended = false;
    for (;;) {
      if (first) { first = false; r.enter(f, fn); } else if (suspended) r.resume(f);
      let res: IteratorResult<unknown, Signal>;
      try {
        res = mode === NEXT ? body.next(input) : mode === THROW ? body.throw(input) : body.return(input as Signal);
      } catch (e) {
        r.unwind(f, e);
        throw e;
      }
      if (res.done === true) {
        r.leave(f, res.value === RETURN ? f.retVal : undefined);
        return res.value;
      }
      const marker = res.value;
      // DO_RETURN asks the async generator driver to return the body: not a suspension.
      suspended = marker !== DO_RETURN;
      if (marker === AWAIT) r.suspend(f, 'await', f.raw, false);
      else if (marker === RAW_RESULT) r.suspend(f, 'yield', f.raw, true);
      else if (marker === YIELD_AWAITED) r.suspend(f, 'yield', f.raw, false);
      else if (suspended) r.suspend(f, 'yield', marker, false);
      let resumed = false;
      try {
        input = yield marker;
        mode = NEXT;
        resumed = true;
      } catch (e) {
        input = e;
        mode = THROW;
        resumed = true;
      } finally {
        if (!resumed) {
          // A return request: forward it to the body (its value waits in f.retVal).
          input = RETURN;
          mode = RESUME_RETURN;
          // eslint-disable-next-line no-unsafe-finally
          continue;
        }
      }
    }
  };
}

/** Script code's body with the top-level frame reported. */
export function debugScriptBody(run: SyncBody): SyncBody {
  return (f) => {
    debugHooks.wrapperRuns++;
    const r = debugHooks.recorder;
    if (r === null) return run(f);
    r.enterScript(f);
    try {
      return run(f);
    } finally {
      r.leaveScript(f);
    }
  };
}
