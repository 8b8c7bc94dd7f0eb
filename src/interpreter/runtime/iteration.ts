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

/** V8's text for an operand it names in "… is not iterable": a name or a chain of static member
 * accesses (`a`, `a.b`, `a["k"]` as `a.k`); undefined for anything else, whose value is described. */
export function iterationOperandText(node: { type: string }): string | undefined {
  const n = node as { type: string; name?: string; object?: { type: string }; property?: { type: string; name?: string; value?: unknown }; computed?: boolean; optional?: boolean };
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type !== 'MemberExpression' || n.optional) return undefined;
  const base = iterationOperandText(n.object!);
  if (base === undefined) return undefined;
  const p = n.property!;
  if (!n.computed && p.type === 'Identifier') return `${base}.${p.name}`;
  if (n.computed && p.type === 'Literal' && typeof p.value === 'string') return `${base}.${p.value}`;
  return undefined;
}

/** Spread into an array (§13.2.4.1 ArrayAccumulation): the iterable's values onto `list`; `sourceText`
 * names the operand in V8's error when it is a name or a member chain. */
export function spreadInto(realm: Realm, list: unknown[], v: unknown, sourceText?: string): void {
  const r = getIterator(realm, v, sourceText);
  for (;;) {
    const x = IteratorStepValue(realm, r);
    if (x === DONE) return;
    list.push(x);
  }
}

/** Spread into an argument list (§13.3.8.1 ArgumentListEvaluation), with V8's words for a value that
 * is not iterable there (they differ from an array spread's). */
export function spreadArgumentsInto(realm: Realm, list: unknown[], v: unknown): void {
  if (v === null || v === undefined) realm.throwTypeError(`${HostString(v)} is not iterable (cannot read property ${HostString(v)})`);
  if (typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    realm.throwTypeError('Spread syntax requires ...iterable[Symbol.iterator] to be a function');
  }
  spreadInto(realm, list, v);
}
