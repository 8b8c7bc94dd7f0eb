// Iterator.prototype.includes (the Iterator Includes proposal, test262 feature iterator-includes;
// https://tc39.es/proposal-iterator-includes/, sec-iterator.prototype.includes).
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import { DONE, IteratorClose, IteratorCloseOnThrow, IteratorStepValue, MAX_SAFE_INTEGER, SameValueZero, describeValue } from '../abstract-ops.js';
import { GetIteratorDirect, GetIteratorDirectUnread, helperReceiver } from './iterator.js';

export function installIteratorIncludes(realm: Realm): void {
  const protoMethods = {
    // Iterator.prototype.includes ( searchElement [ , skippedElements ] )
    includes(this: unknown, searchElement: unknown, skippedElements: unknown): boolean {
      const O = helperReceiver(realm, this, 'includes');
      let toSkip: number;
      if (skippedElements === undefined) toSkip = 0;
      else if (typeof skippedElements !== 'number' || !(Number.isInteger(skippedElements) || skippedElements === Infinity || skippedElements === -Infinity)) {
        return IteratorCloseOnThrow(GetIteratorDirectUnread(O), realm.newError('TypeError', `skippedElements ${describeValue(skippedElements)} is not an integral number`));
      } else toSkip = skippedElements;
      if (toSkip < 0) IteratorCloseOnThrow(GetIteratorDirectUnread(O), realm.newError('RangeError', `skippedElements ${describeValue(toSkip)} must not be negative`));
      if (toSkip !== Infinity && toSkip > MAX_SAFE_INTEGER) {
        IteratorCloseOnThrow(GetIteratorDirectUnread(O), realm.newError('RangeError', `skippedElements ${describeValue(toSkip)} is too large`));
      }
      const iterated = GetIteratorDirect(O);
      let skipped = 0;
      for (;;) {
        const value = IteratorStepValue(realm, iterated);
        if (value === DONE) return false;
        if (skipped < toSkip) skipped++;
        else if (SameValueZero(value, searchElement)) {
          IteratorClose(realm, iterated);
          return true;
        }
      }
    },
  };
  defineTable(realm, realm.intrinsics.IteratorPrototype, [method('includes', 1, protoMethods.includes)]);
}
