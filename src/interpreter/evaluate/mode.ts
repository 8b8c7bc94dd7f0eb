// The generator form of the evaluator (this directory, as written). The
// synchronous form is derived from it by scripts/derive-sync.mjs, with
// mode.sync.ts in place of this file. See ARCHITECTURE.md.
import type { Expression, Statement } from 'acorn';
import type { Frame, Signal } from '../runtime/frame.js';
import type { CompileContext } from '../compile/compile-context.js';
import { compileExpression as syncExpression } from '../evaluate-sync/expressions.js';
import { compileStatement as syncStatement } from '../evaluate-sync/statements.js';

/** What evaluating a node returns in this form: a host generator that may suspend. */
export type Ev<T> = Generator<unknown, T, unknown>;
export type Expr = (f: Frame) => Ev<unknown>;
export type Stmt = (f: Frame) => Ev<Signal>;
export const IS_GEN = true;

/** A subtree without suspension points runs in the synchronous form, wrapped once. */
export function delegateExpression(node: Expression, c: CompileContext): Expr {
  const e = syncExpression(node, c);
  return function* (f) { return e(f); };
}

export function delegateStatement(node: Statement, c: CompileContext): Stmt {
  const s = syncStatement(node, c);
  return function* (f) { return s(f); };
}
