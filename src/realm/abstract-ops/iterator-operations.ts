// ECMA-262 §7.4 Operations on Iterator Objects (sec-operations-on-iterator-objects).
import type { Realm } from '../realm.js';
import { GetMethod, GetV } from './object-operations.js';
import { isObject } from './testing-comparison.js';
import { describeTyped, describeValue } from '../describe.js';
import { Termination } from '../agent.js';
import { CreateAsyncFromSyncIterator } from '../builtins/async-from-sync-iterator.js';
import { HostString, ObjectCreate, ReflectApply, SymbolAsyncIterator, SymbolIterator } from '../primordials.js';

/** An Iterator Record (§7.4.1, sec-iterator-records). */
export interface IteratorRecord {
  iterator: object;
  nextMethod: unknown;
  done: boolean;
}

/** The spec's DONE marker, returned by IteratorStep / IteratorStepValue (§7.4.9, §7.4.10). */
export const DONE: unique symbol = Symbol('DONE');
export type Done = typeof DONE;

// Class fields are defined (CreateDataProperty), so setters a guest put on %Object.prototype%
// never run; the base returns an object of the realm's prototype. Fastest correct form measured.
function IterResultBase(this: unknown, proto: object): object { return ObjectCreate(proto); }
class IterResult extends (IterResultBase as unknown as new (proto: object) => object) {
  value: unknown;
  done: boolean;
  constructor(proto: object, value: unknown, done: boolean) {
    super(proto);
    this.value = value;
    this.done = done;
  }
}

/** CreateIterResultObject (§7.4.14, sec-createiterresultobject; the spec now calls it CreateIteratorResultObject). */
export function CreateIterResultObject(realm: Realm, value: unknown, done: boolean): { value: unknown; done: boolean } {
  return new IterResult(realm.intrinsics.ObjectPrototype, value, done);
}

/** GetIteratorFromMethod (§7.4.3, sec-getiteratorfrommethod). */
export function GetIteratorFromMethod(realm: Realm, obj: unknown, method: Function): IteratorRecord {
  const iterator = ReflectApply(method, obj, []);
  if (!isObject(iterator)) realm.throwTypeError('Result of the Symbol.iterator method is not an object');
  return { iterator, nextMethod: (iterator as { next?: unknown }).next, done: false };
}

/** GetIterator (§7.4.4, sec-getiterator). Builtins get V8's builtin wording ("number 5 is not iterable (cannot read
 * property Symbol(Symbol.iterator))"); an evaluator site passes `operand`, the text V8 puts before
 * " is not iterable" there (its source text, or a function rendering the value). */
export function GetIterator(realm: Realm, obj: unknown, kind: 'sync' | 'async' = 'sync', operand?: string | ((v: unknown) => string)): IteratorRecord {
  if (obj === undefined || obj === null) {
    if (operand !== undefined) realm.throwTypeError(`${typeof operand === 'string' ? operand : operand(obj)} is not iterable`);
    return realm.throwTypeError(`${HostString(obj)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  if (kind === 'async') {
    const method = GetMethod(realm, obj, SymbolAsyncIterator);
    if (method !== undefined) return GetIteratorFromMethod(realm, obj, method);
    const syncMethod = GetMethod(realm, obj, SymbolIterator);
    if (syncMethod === undefined) realm.throwTypeError(`${describeTyped(obj)} is not async iterable`);
    const syncRecord = GetIteratorFromMethod(realm, obj, syncMethod);
    return CreateAsyncFromSyncIterator(realm, syncRecord);
  }
  const method = GetV(realm, obj, SymbolIterator);
  if (typeof method !== 'function') {
    if (operand !== undefined) realm.throwTypeError(`${typeof operand === 'string' ? operand : operand(obj)} is not iterable`);
    realm.throwTypeError(`${describeTyped(obj)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  return GetIteratorFromMethod(realm, obj, method);
}

/** IteratorNext (§7.4.6, sec-iteratornext). */
export function IteratorNext(realm: Realm, rec: IteratorRecord, value?: unknown): object {
  let result: unknown;
  try {
    const next = rec.nextMethod;
    if (typeof next !== 'function') realm.throwTypeError(`${describeValue(next)} is not a function`);
    result = arguments.length < 3 ? ReflectApply(next, rec.iterator, []) : ReflectApply(next, rec.iterator, [value]);
  } catch (e) {
    rec.done = true;
    throw e;
  }
  if (!isObject(result)) {
    rec.done = true;
    realm.throwTypeError(`Iterator result ${describeValue(result)} is not an object`);
  }
  return result;
}

/** IteratorComplete (§7.4.7, sec-iteratorcomplete). */
export function IteratorComplete(iterResult: object): boolean {
  return !!(iterResult as { done?: unknown }).done;
}

/** IteratorValue (§7.4.8, sec-iteratorvalue). */
export function IteratorValue(iterResult: object): unknown {
  return (iterResult as { value?: unknown }).value;
}

/** IteratorStep (§7.4.9, sec-iteratorstep): the result object, or DONE. */
export function IteratorStep(realm: Realm, rec: IteratorRecord): object | Done {
  const result = IteratorNext(realm, rec);
  let done: boolean;
  try {
    done = !!(result as { done?: unknown }).done;
  } catch (e) {
    rec.done = true;
    throw e;
  }
  if (done) {
    rec.done = true;
    return DONE;
  }
  return result;
}

/** IteratorStepValue (§7.4.10, sec-iteratorstepvalue): the next value, or DONE. IteratorNext, IteratorComplete and
 * IteratorValue inlined: every for-of, spread and destructuring step runs this. */
export function IteratorStepValue(realm: Realm, rec: IteratorRecord): unknown {
  const next = rec.nextMethod;
  if (typeof next !== 'function') { rec.done = true; realm.throwTypeError(`${describeValue(next)} is not a function`); }
  let result: unknown;
  try {
    result = ReflectApply(next, rec.iterator, []);
  } catch (e) { rec.done = true; throw e; }
  if ((typeof result !== 'object' || result === null) && typeof result !== 'function') {
    rec.done = true;
    realm.throwTypeError(`Iterator result ${describeValue(result)} is not an object`);
  }
  let done: unknown;
  try { done = (result as { done?: unknown }).done; } catch (e) { rec.done = true; throw e; }
  if (done) { rec.done = true; return DONE; }
  try { return (result as { value?: unknown }).value; } catch (e) { rec.done = true; throw e; }
}

/** IteratorClose (§7.4.11, sec-iteratorclose) with a normal completion. */
export function IteratorClose(realm: Realm, rec: IteratorRecord): void {
  const iterator = rec.iterator;
  const ret = GetMethod(realm, iterator, 'return');
  if (ret === undefined) return;
  const inner = ReflectApply(ret, iterator, []);
  if (!isObject(inner)) realm.throwTypeError(`Iterator result ${describeValue(inner)} is not an object`);
}

/** IteratorClose (§7.4.11, sec-iteratorclose) with a throw completion: closes, ignores errors of `return`, rethrows
 * `thrown`. A Termination (timeout) unwinds without running guest `return` methods. */
export function IteratorCloseOnThrow(rec: IteratorRecord, thrown: unknown): never {
  if (thrown instanceof Termination) throw thrown;
  const iterator = rec.iterator;
  try {
    const ret = (iterator as { return?: unknown }).return;
    if (ret !== undefined && ret !== null && typeof ret === 'function') ReflectApply(ret, iterator, []);
  } catch (e) {
    if (e instanceof Termination) throw e;
  }
  throw thrown;
}

/** IteratorToList (§7.4.16, sec-iteratortolist). */
export function IteratorToList(realm: Realm, rec: IteratorRecord): unknown[] {
  const values: unknown[] = [];
  for (;;) {
    const next = IteratorStepValue(realm, rec);
    if (next === DONE) return values;
    values.push(next);
  }
}

/** IteratorCloseAll (sec-iteratorcloseall, the Joint Iteration proposal): closes `iters` in reverse order with
 * a normal completion (`thrown` absent) or a throw completion; the first error (or `thrown`) wins and is thrown. */
export function IteratorCloseAll(realm: Realm, iters: readonly IteratorRecord[], thrown?: { value: unknown }): void {
  let error = thrown;
  for (let i = iters.length - 1; i >= 0; i--) {
    try {
      if (error !== undefined) IteratorCloseOnThrow(iters[i], error.value);
      else IteratorClose(realm, iters[i]);
    } catch (e) {
      if (e instanceof Termination) throw e;
      error ??= { value: e };
    }
  }
  if (error !== undefined) throw error.value;
}
