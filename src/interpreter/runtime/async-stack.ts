// V8's async stack frames (`at async fn (file.js:2:9)`): when an error is made in an async function
// resumed by a promise job, the stack below it is empty; V8 then follows the chain of async functions
// awaiting its promise. The drivers record which frame's promise an async call returns (on the frame)
// and which frame awaits such a promise (stamped on the promise as a class private field: invisible to
// guest code, and, unlike a WeakMap entry per await, cheap enough for every await — the async micro
// took 3.5 s instead of 1.0 s with WeakMaps).
import type { Frame } from './frame.js';
import { ReturnTarget } from './private-stamp.js';

/** The result promise of an interpreted async function call, stamped with the frame awaiting it. */
class AwaitStamp extends ReturnTarget {
  #awaitedBy: Frame | null = null;
  constructor(promise: object) { super(promise); }
  static set(o: object, f: Frame): void { if (#awaitedBy in o) (o as AwaitStamp).#awaitedBy = f; }
  static get(o: object): Frame | null { return #awaitedBy in o ? (o as AwaitStamp).#awaitedBy : null; }
}

/** AsyncFunctionStart: `f`'s body settles `promise`. */
export function recordAsyncResult(f: Frame, promise: object): void {
  f.asyncResult = promise;
  new AwaitStamp(promise);
}

/** An await in `f` waits for `operand`: recorded when it is an async call's result promise. */
export function recordAwait(f: Frame, operand: object): void {
  AwaitStamp.set(operand, f);
}

/** The async function frame awaiting the promise of the async function running in `f`, if any. */
export function asyncCallerOf(f: Frame): Frame | null {
  const p = f.asyncResult;
  return p === null ? null : AwaitStamp.get(p);
}
