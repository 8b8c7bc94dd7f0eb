// Iterator.prototype.join (the Iterator Join proposal, test262 feature Iterator.prototype.join;
// https://github.com/tc39/proposal-iterator-join, sec-iterator.prototype.join).
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import { DONE, IteratorStepValue, ToString } from '../abstract-ops.js';
import { GetIteratorDirect, GetIteratorDirectUnread, closing, helperReceiver } from './iterator.js';

export function installIteratorJoin(realm: Realm): void {
  const protoMethods = {
    // Iterator.prototype.join ( separator )
    join(this: unknown, separator: unknown): string {
      const O = helperReceiver(realm, this, 'join');
      const sep = separator === undefined ? ',' : closing(GetIteratorDirectUnread(O), () => ToString(realm, separator));
      const iterated = GetIteratorDirect(O);
      let R = '';
      for (let first = true; ; first = false) {
        const value = IteratorStepValue(realm, iterated);
        if (value === DONE) return R;
        if (!first) R += sep;
        if (value !== undefined && value !== null) R += closing(iterated, () => ToString(realm, value));
      }
    },
  };
  defineTable(realm, realm.intrinsics.IteratorPrototype, [method('join', 1, protoMethods.join)]);
}
