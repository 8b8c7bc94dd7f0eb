// V8's async stack frames (`at async fn (file.js:2:9)`): when an error is made in an async function
// resumed by a promise job, the stack below it is empty; V8 then follows the chain of async functions
// awaiting its promise. The drivers record which frame's promise an async call returns and which frame
// awaits a promise (an object operand of `await`); weakly, so nothing is kept alive for it.
import type { Frame } from './frame.js';

const resultPromise = new WeakMap<Frame, object>();
const awaitedBy = new WeakMap<object, Frame>();

/** AsyncFunctionStart: `f`'s body settles `promise`. */
export function recordAsyncResult(f: Frame, promise: object): void {
  resultPromise.set(f, promise);
}

/** An await in `f` waits for `operand`. */
export function recordAwait(f: Frame, operand: object): void {
  awaitedBy.set(operand, f);
}

/** The async function frame awaiting the promise of the async function running in `f`, if any. */
export function asyncCallerOf(f: Frame): Frame | null {
  const p = resultPromise.get(f);
  if (p === undefined) return null;
  return awaitedBy.get(p) ?? null;
}
