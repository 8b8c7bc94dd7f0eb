// The sort of SortIndexedProperties (§23.1.3.30.1, sec-sortindexedproperties) with a comparator: a
// stable merge sort of the list, comparing by CompareArrayElements (§23.1.3.30.2,
// sec-comparearrayelements). The spec leaves the algorithm to the implementation ("an
// implementation-defined sequence of calls to SortCompare"), asking only for a stable sort when the
// comparator is consistent; this one calls the comparator through `repeatedCall` (an interpreted
// comparator entered without its host wrapper), where the host's own sort would call it from its
// builtin through a host function per comparison.
import type { Realm } from '../realm.js';
import type { RepeatedCall } from '../evaluator-hooks.js';
import { ToNumber } from '../abstract-ops.js';

/** Runs of this many elements are sorted by binary insertion before the merges. */
const RUN = 16;

/** CompareArrayElements for two values neither of which is undefined: ToNumber(Call(comparefn,
 * undefined, «x, y»)), NaN counting as +0 (every caller here only asks whether it is below 0). */
function compare(realm: Realm, cmp: RepeatedCall, x: unknown, y: unknown): number {
  const v = cmp.call2(x, y);
  return typeof v === 'number' ? v : ToNumber(realm, v);
}

/** Sorts `items` in place by `cmp` (CompareArrayElements: undefined values last, in their order, the
 * comparator never called with one). Stable: of two elements that compare equal, the earlier stays first. */
export function mergeSortWithComparator(realm: Realm, items: unknown[], cmp: RepeatedCall): void {
  const total = items.length;
  // The undefined values go last, unsorted (CompareArrayElements steps 1-3).
  let n = 0;
  for (let i = 0; i < total; i++) {
    const v = items[i];
    if (v !== undefined) items[n++] = v;
  }
  for (let i = n; i < total; i++) items[i] = undefined;
  if (n < 2) return;
  // Binary insertion sort of each run: the new element goes after every element not above it.
  for (let start = 0; start < n; start += RUN) {
    const end = start + RUN < n ? start + RUN : n;
    for (let i = start + 1; i < end; i++) {
      const pivot = items[i];
      let lo = start;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compare(realm, cmp, pivot, items[mid]) < 0) hi = mid;
        else lo = mid + 1;
      }
      for (let j = i; j > lo; j--) items[j] = items[j - 1];
      items[lo] = pivot;
    }
  }
  if (n <= RUN) return;
  // Bottom-up merges of neighbouring runs, from one list into the other and back.
  let from: unknown[] = items;
  let to: unknown[] = new Array<unknown>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const mid = left + width < n ? left + width : n;
      const right = left + 2 * width < n ? left + 2 * width : n;
      let i = left;
      let j = mid;
      let k = left;
      // Already in order (the right run's first not below the left run's last): copied as it is.
      if (j < right && compare(realm, cmp, from[j], from[j - 1]) < 0) {
        while (i < mid && j < right) {
          // The right element goes first only when it is below the left one (stability).
          if (compare(realm, cmp, from[j], from[i]) < 0) to[k++] = from[j++];
          else to[k++] = from[i++];
        }
      }
      while (i < mid) to[k++] = from[i++];
      while (j < right) to[k++] = from[j++];
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== items) for (let i = 0; i < n; i++) items[i] = from[i];
}
