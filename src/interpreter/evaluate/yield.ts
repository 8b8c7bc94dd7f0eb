// yield and yield* (§15.5.5). Only the generator form can suspend, so everything
// here but the dispatcher's entry point is a // @gen-only region; the derived
// synchronous form keeps a stub that is never reached.
import type { YieldExpression } from 'acorn';
import type { Expr } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
// @gen-only
import type { Ev } from './mode.js';
import type { Frame } from '../runtime/frame.js';
import { getIterator } from '../runtime/iteration.js';
import type { IteratorRecord } from '../../realm/abstract-ops/iterator-operations.js';
import { RAW_RESULT } from '../runtime/generator-object.js';
import { AWAIT } from '../runtime/async-function.js';
import { YIELD_AWAITED, DELEGATE_RETURN, DO_RETURN } from '../runtime/async-generator-object.js';
import { GetIterator } from '../../realm/abstract-ops/iterator-operations.js';
import { GetMethod } from '../../realm/abstract-ops/object-operations.js';
import { describeValue } from '../../realm/describe.js';
import { describeIterationOperand } from '../runtime/iteration.js';
// @end-gen-only
import { compileExpression } from './expressions.js';

// @gen-only
const ReflectApply = Reflect.apply;
// @end-gen-only

export function compileYield(node: YieldExpression, c: CompileContext): Expr {
  const arg = node.argument ? compileExpression(node.argument, c) : null;
  // @gen-only
  if (node.delegate) {
    if (c.fn !== null && c.fn.kind === 'asyncGenerator') {
      return function* (f) {
        const iterable = yield* arg!(f);
        const rec = GetIterator(f.realm, iterable, 'async', describeIterationOperand);
        return yield* asyncDelegateYield(f, rec);
      };
    }
    return function* (f) {
      const iterable = yield* arg!(f);
      const rec = getIterator(f.realm, iterable);
      return yield* delegateYield(f, rec, 0, undefined);
    };
  }
  return function* (f) {
    const v = arg === null ? undefined : yield* arg(f);
    return yield v;
  };
  // @end-gen-only
  throw new Error('vmjs internal: yield outside the generator form');
}

// @gen-only
const MODE_NEXT = 0, MODE_THROW = 1, MODE_RETURN = 2;
/** The yield* loop (§15.5.5 steps 7–8). A `return` request arrives as the host generator's own return:
 * it is caught in `finally`, forwarded to the inner iterator, and, if the inner iterator is not done,
 * delegation goes on from inside the finally block. Returns the yield* expression's value. */
function* delegateYield(f: Frame, rec: IteratorRecord, startMode: number, startValue: unknown): Ev<unknown> {
  const realm = f.realm;
  const iterator = rec.iterator as Record<string, unknown>;
  let mode = startMode;
  let received = startValue;
  for (;;) {
    let inner: unknown;
    if (mode === MODE_NEXT) {
      inner = ReflectApply(rec.nextMethod as Function, iterator, [received]);
    } else if (mode === MODE_THROW) {
      const thr = iterator.throw;
      if (thr === undefined || thr === null) {
        const ret = iterator.return;
        if (ret !== undefined && ret !== null) ReflectApply(ret as Function, iterator, []);
        realm.throwTypeError('The iterator does not provide a \'throw\' method.');
      }
      inner = ReflectApply(thr as Function, iterator, [received]);
    } else {
      const ret = iterator.return;
      if (ret === undefined || ret === null) { f.retVal = received; return RETURN_REQUESTED; }
      inner = ReflectApply(ret as Function, iterator, [received]);
    }
    if ((typeof inner !== 'object' || inner === null) && typeof inner !== 'function') realm.throwTypeError(`Iterator result ${String(inner)} is not an object`);
    if ((inner as { done: unknown }).done) {
      const value = (inner as { value: unknown }).value;
      if (mode === MODE_RETURN) { f.retVal = value; return RETURN_REQUESTED; }
      return value;
    }
    f.raw = inner;
    let resumed = false;
    let threw = false;
    try {
      received = yield RAW_RESULT;
      resumed = true;
      mode = MODE_NEXT;
    } catch (e) {
      threw = true;
      mode = MODE_THROW;
      received = e;
    } finally {
      if (!resumed && !threw) {
        // The generator's return() arrived here: forward it; a not-done inner result continues delegation.
        const r = yield* delegateYield(f, rec, MODE_RETURN, f.retVal);
        // eslint-disable-next-line no-unsafe-finally
        if (r !== RETURN_REQUESTED) return r;
      }
    }
  }
}
const RETURN_REQUESTED = Symbol('vmjs.returnRequested');

/** The yield* loop of an async generator (§15.5.5 steps 7–8 with generatorKind async): every inner
 * result is awaited, inner values are yielded without a second await (AsyncGeneratorYield), and a
 * return request (its value already awaited by the driver, §27.6.3.7) arrives as DELEGATE_RETURN and is
 * forwarded to the inner iterator; when the delegation ends in a return, DO_RETURN asks the driver to
 * return the body. */
function* asyncDelegateYield(f: Frame, rec: IteratorRecord): Ev<unknown> {
  const realm = f.realm;
  const iterator = rec.iterator as Record<string, unknown>;
  let mode = MODE_NEXT;
  let received: unknown = undefined;
  for (;;) {
    if (mode === MODE_NEXT) {
      f.raw = ReflectApply(rec.nextMethod as Function, iterator, [received]);
    } else if (mode === MODE_THROW) {
      const thr = GetMethod(realm, iterator, 'throw');
      if (thr === undefined) {
        // AsyncIteratorClose with a normal completion, then the TypeError.
        const ret = GetMethod(realm, iterator, 'return');
        if (ret !== undefined) {
          f.raw = ReflectApply(ret, iterator, []);
          const closed = yield AWAIT;
          if ((typeof closed !== 'object' || closed === null) && typeof closed !== 'function') realm.throwTypeError(`Iterator result ${describeValue(closed)} is not an object`);
        }
        realm.throwTypeError('The iterator does not provide a \'throw\' method.');
      }
      f.raw = ReflectApply(thr as Function, iterator, [received]);
    } else {
      const ret = GetMethod(realm, iterator, 'return');
      if (ret === undefined) {
        f.raw = received;
        f.retVal = yield AWAIT;
        yield DO_RETURN;
        throw new Error('vmjs internal: an async generator resumed after its return');
      }
      f.raw = ReflectApply(ret, iterator, [received]);
    }
    const inner = yield AWAIT;
    if ((typeof inner !== 'object' || inner === null) && typeof inner !== 'function') realm.throwTypeError(`Iterator result ${describeValue(inner)} is not an object`);
    if ((inner as { done: unknown }).done) {
      const value = (inner as { value: unknown }).value;
      if (mode !== MODE_RETURN) return value;
      f.retVal = value;
      yield DO_RETURN;
      throw new Error('vmjs internal: an async generator resumed after its return');
    }
    f.raw = (inner as { value: unknown }).value;
    try {
      received = yield YIELD_AWAITED;
      if (received === DELEGATE_RETURN) { mode = MODE_RETURN; received = f.retVal; } else mode = MODE_NEXT;
    } catch (e) {
      mode = MODE_THROW;
      received = e;
    }
  }
}
// @end-gen-only
