// The iterator protocol as the evaluator uses it (§7.4): GetIterator with the
// realm's prototypes for primitives, stepping, and closing on abrupt exits.
import type { Realm } from '../../realm/realm.js';
import { getOnPrimitive } from './operations.js';
import { Termination } from '../../realm/agent.js';

const ReflectApply = Reflect.apply;

export interface IteratorRecord {
  readonly iterator: object;
  readonly next: unknown;
  done: boolean;
}

function getV(realm: Realm, v: unknown, key: PropertyKey): unknown {
  if (typeof v === 'object' && v !== null) return (v as Record<PropertyKey, unknown>)[key];
  return getOnPrimitive(realm, v, key);
}

/** GetIterator(obj, sync) (§7.4.3). */
export function getIterator(realm: Realm, v: unknown, sourceText?: string): IteratorRecord {
  const method = getV(realm, v, Symbol.iterator);
  if (typeof method !== 'function') {
    realm.throwTypeError(`${sourceText ?? describeForIteration(v)} is not iterable`);
  }
  return getIteratorFromMethod(realm, v, method);
}

export function getIteratorFromMethod(realm: Realm, v: unknown, method: Function): IteratorRecord {
  const iterator = ReflectApply(method, v, []);
  if ((typeof iterator !== 'object' || iterator === null) && typeof iterator !== 'function') {
    realm.throwTypeError('Result of the Symbol.iterator method is not an object');
  }
  return { iterator, next: (iterator as { next: unknown }).next, done: false };
}

function describeForIteration(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'function') return 'function';
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'object array' : 'object';
  return String(v);
}

/** IteratorStepValue (§7.4.8): the next value, or DONE. */
export const DONE: unique symbol = Symbol('vmjs.done');
export function iteratorStepValue(realm: Realm, r: IteratorRecord): unknown {
  if (typeof r.next !== 'function') { r.done = true; realm.throwTypeError(`${String(r.next)} is not a function`); }
  let result: unknown;
  try {
    result = ReflectApply(r.next, r.iterator, []);
  } catch (e) { r.done = true; throw e; }
  if ((typeof result !== 'object' || result === null) && typeof result !== 'function') {
    r.done = true;
    realm.throwTypeError(`Iterator result ${String(result)} is not an object`);
  }
  let done: unknown;
  try { done = (result as { done: unknown }).done; } catch (e) { r.done = true; throw e; }
  if (done) { r.done = true; return DONE; }
  try { return (result as { value: unknown }).value; } catch (e) { r.done = true; throw e; }
}

/** IteratorClose (§7.4.11) for a normal completion: errors from `return` propagate. */
export function iteratorClose(realm: Realm, r: IteratorRecord): void {
  const ret = (r.iterator as { return?: unknown }).return;
  if (ret === undefined || ret === null) return;
  if (typeof ret !== 'function') realm.throwTypeError(`${String(ret)} is not a function`);
  const inner = ReflectApply(ret, r.iterator, []);
  if ((typeof inner !== 'object' || inner === null) && typeof inner !== 'function') realm.throwTypeError('iterator.return() did not return an object');
}

/** IteratorClose for a throw completion: the original exception wins (§7.4.11 step 5). */
export function iteratorCloseOnThrow(r: IteratorRecord): void {
  try {
    const ret = (r.iterator as { return?: unknown }).return;
    if (typeof ret === 'function') ReflectApply(ret, r.iterator, []);
  } catch (e) {
    if (e instanceof Termination) throw e;
  }
}

/** IteratorToList via spread semantics, fast for plain arrays whose iteration is untouched. */
export function spreadInto(realm: Realm, list: unknown[], v: unknown): void {
  const r = getIterator(realm, v);
  for (;;) {
    const x = iteratorStepValue(realm, r);
    if (x === DONE) return;
    list.push(x);
  }
}
