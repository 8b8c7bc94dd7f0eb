// await (§27.7.5.3 Await). An async body runs in the generator form; `await v` hands v to the body's
// driver (runtime/async-function.ts) by yielding the AWAIT marker with the operand in f.raw, and
// resumes with the settled value (next) or reason (throw): the same suspension as `yield`, so a guest
// try/catch/finally around an await works as around a yield. Only the generator form can suspend;
// the derived synchronous form keeps a stub that is never reached (every await is a suspension point).
import type { AwaitExpression } from 'acorn';
import type { Expr } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
// @gen-only
import { AWAIT } from '../runtime/async-function.js';
// @end-gen-only
import { compileExpression } from './expressions.js';

export function compileAwait(node: AwaitExpression, c: CompileContext): Expr {
  const arg = compileExpression(node.argument, c);
  const pos = node.start;
  // @gen-only
  return function* (f) {
    f.raw = yield* arg(f);
    // Where V8's `at async fn` frame of this function points while it waits.
    f.pos = pos;
    return yield AWAIT;
  };
  // @end-gen-only
  void arg; void pos;
  throw new Error('vmjs internal: await outside the generator form');
}
