// The synchronous form's mode (becomes evaluate-sync/mode.ts). See evaluate/mode.ts.
import type { Expression, Statement } from 'acorn';
import type { Frame, Signal } from '../runtime/frame.js';
import type { CompileContext } from '../compile/compile-context.js';

export type Ev<T> = T;
export type Expr = (f: Frame) => unknown;
export type Stmt = (f: Frame) => Signal;
export const IS_GEN = false;

export function delegateExpression(_node: Expression, _c: CompileContext): Expr {
  throw new Error('vmjs internal: no delegation from the synchronous form');
}

export function delegateStatement(_node: Statement, _c: CompileContext): Stmt {
  throw new Error('vmjs internal: no delegation from the synchronous form');
}
