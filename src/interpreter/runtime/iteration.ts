// The iterator protocol where the evaluator needs more than the abstract operations of §7.4
// (src/realm/abstract-ops/iterator-operations.ts, which it otherwise uses directly): V8's wording for
// "x is not iterable" at a for-of, spread or destructuring site, and spread into an argument list.
import type { Realm } from '../../realm/realm.js';
import { GetIterator, IteratorStepValue, DONE, type IteratorRecord } from '../../realm/abstract-ops/iterator-operations.js';
import { ArrayIsArray, HostString } from '../../realm/primordials.js';

/** V8's operand text for a site without source text: `"str"`, `function`, `object array`, `5`. */
export function describeIterationOperand(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'function') return 'function';
  if (typeof v === 'object' && v !== null) return ArrayIsArray(v) ? 'object array' : 'object';
  return HostString(v);
}

/** GetIterator(obj, sync) (§7.4.3) at an evaluator site: `sourceText` names the operand in the error. */
export function getIterator(realm: Realm, v: unknown, sourceText?: string): IteratorRecord {
  return GetIterator(realm, v, 'sync', sourceText === undefined ? describeIterationOperand : sourceText);
}

/** Spread (§13.2.4.1 ArrayAccumulation, §13.3.8.1 ArgumentListEvaluation): the iterable's values onto `list`. */
export function spreadInto(realm: Realm, list: unknown[], v: unknown): void {
  const r = getIterator(realm, v);
  for (;;) {
    const x = IteratorStepValue(realm, r);
    if (x === DONE) return;
    list.push(x);
  }
}
