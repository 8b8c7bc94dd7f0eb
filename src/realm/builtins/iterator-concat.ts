// Iterator.concat (the Iterator Sequencing proposal, test262 feature iterator-sequencing;
// https://tc39.es/proposal-iterator-sequencing/, sec-iterator.concat).
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import { Call, DONE, GetMethod, IteratorStepValue, describeValue, isObject } from '../abstract-ops.js';
import { CreateIteratorHelper, GetIteratorDirect } from './iterator.js';

/** One of Iterator.concat's arguments: its @@iterator method, read once, and the iterable. */
interface IterableRecord {
  openMethod: Function;
  iterable: object;
}

export function installIteratorConcat(realm: Realm): void {
  const statics = {
    // Iterator.concat ( ...items )
    concat(...items: unknown[]): object {
      const iterables: IterableRecord[] = [];
      for (const item of items) {
        if (!isObject(item)) realm.throwTypeError(`Iterator.concat: ${describeValue(item)} is not an object`);
        const openMethod = GetMethod(realm, item, Symbol.iterator);
        if (openMethod === undefined) realm.throwTypeError(`Iterator.concat: ${describeValue(item)} is not iterable`);
        iterables.push({ openMethod, iterable: item });
      }
      let index = 0;
      // The closure: each iterable opened in turn, its values yielded as they are (a fresh result object
      // each time); h.inner is the iterator being yielded from, which return() closes.
      return CreateIteratorHelper(realm, null, (h) => {
        for (;;) {
          if (h.inner === null) {
            if (index >= iterables.length) return DONE;
            const { openMethod, iterable } = iterables[index++];
            const iter = Call(openMethod, iterable);
            if (!isObject(iter)) realm.throwTypeError(`Iterator.concat: the iterator ${describeValue(iter)} is not an object`);
            h.inner = GetIteratorDirect(iter);
          }
          const innerValue = IteratorStepValue(realm, h.inner);
          if (innerValue !== DONE) return innerValue;
          h.inner = null;
        }
      });
    },
  };
  defineTable(realm, realm.intrinsics.Iterator as Function, [method('concat', 0, statics.concat)]);
}
