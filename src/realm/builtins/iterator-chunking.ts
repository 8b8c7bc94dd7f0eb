// Iterator.prototype.chunks and Iterator.prototype.windows (the Iterator Chunking proposal, test262 feature
// iterator-chunking; https://tc39.es/proposal-iterator-chunking/, sec-iterator.prototype.chunks,
// sec-iterator.prototype.windows).
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import { CreateArrayFromList, DONE, IteratorCloseOnThrow, IteratorStepValue, describeValue } from '../abstract-ops.js';
import { CreateIteratorHelper, GetIteratorDirect, GetIteratorDirectUnread, helperReceiver } from './iterator.js';

const MAX_SIZE = 2 ** 32 - 1;

/** Steps 4-6 of both methods: `size` must be an integral Number in [1, 2^32 - 1], else the (unread)
 * iterator is closed and a TypeError (not an integral Number) or RangeError (out of range) thrown. */
function validateSize(realm: Realm, O: object, size: unknown, what: string): number {
  if (typeof size !== 'number' || !Number.isInteger(size)) {
    IteratorCloseOnThrow(GetIteratorDirectUnread(O), realm.newError('TypeError', `${what} ${describeValue(size)} is not an integral number`));
  }
  if (size < 1 || size > MAX_SIZE) {
    IteratorCloseOnThrow(GetIteratorDirectUnread(O), realm.newError('RangeError', `${what} ${describeValue(size)} must be between 1 and 2^32 - 1`));
  }
  return size;
}

export function installIteratorChunking(realm: Realm): void {
  const protoMethods = {
    // Iterator.prototype.chunks ( chunkSize )
    chunks(this: unknown, chunkSize: unknown): object {
      const O = helperReceiver(realm, this, 'chunks');
      const size = validateSize(realm, O, chunkSize, 'chunkSize');
      const iterated = GetIteratorDirect(O);
      let finished = false;
      return CreateIteratorHelper(realm, iterated, () => {
        if (finished) return DONE;
        const buffer: unknown[] = [];
        for (;;) {
          const value = IteratorStepValue(realm, iterated);
          if (value === DONE) {
            // The last, partial chunk; the closure returns after it.
            finished = true;
            return buffer.length === 0 ? DONE : CreateArrayFromList(realm, buffer);
          }
          buffer.push(value);
          if (buffer.length === size) return CreateArrayFromList(realm, buffer);
        }
      });
    },
    // Iterator.prototype.windows ( windowSize [ , undersized ] )
    windows(this: unknown, windowSize: unknown, undersized: unknown): object {
      const O = helperReceiver(realm, this, 'windows');
      const size = validateSize(realm, O, windowSize, 'windowSize');
      if (undersized === undefined) undersized = 'only-full';
      if (undersized !== 'only-full' && undersized !== 'allow-partial') {
        IteratorCloseOnThrow(GetIteratorDirectUnread(O), realm.newError('TypeError', `undersized must be "only-full" or "allow-partial", not ${describeValue(undersized)}`));
      }
      const iterated = GetIteratorDirect(O);
      const buffer: unknown[] = [];
      let finished = false;
      return CreateIteratorHelper(realm, iterated, () => {
        if (finished) return DONE;
        for (;;) {
          const value = IteratorStepValue(realm, iterated);
          if (value === DONE) {
            finished = true;
            // Only a window that never filled is yielded partially.
            if (undersized === 'allow-partial' && buffer.length > 0 && buffer.length < size) return CreateArrayFromList(realm, buffer);
            return DONE;
          }
          if (buffer.length === size) buffer.shift();
          buffer.push(value);
          if (buffer.length === size) return CreateArrayFromList(realm, buffer);
        }
      });
    },
  };
  defineTable(realm, realm.intrinsics.IteratorPrototype, [method('chunks', 1, protoMethods.chunks), method('windows', 1, protoMethods.windows)]);
}
