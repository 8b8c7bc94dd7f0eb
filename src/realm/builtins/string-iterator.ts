// %StringIteratorPrototype% and CreateStringIterator (ECMA-262 §22.1.5).
import { keepsReferents, recordsReferents } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { defineTable, method, value } from '../builtin.js';
import { toRealmError } from '../host-errors.js';
import { CreateIterResultObject, describeValue } from '../abstract-ops.js';
import { ObjectCreate } from '../primordials.js';

class SlotBase { constructor(o: object) { return o; } }

/** The iterated string and position, in private fields of the iterator object (invisible to guest code). */
class StringIteratorSlots extends SlotBase {
  #s: string | undefined;
  #position = 0;
  constructor(o: object, s: string) {
    super(o);
    this.#s = s;
  }

  /** %StringIteratorPrototype%.next (§22.1.5.1.1): one code point per step. */
  static next(realm: Realm, it: unknown): object {
    if (typeof it !== 'object' || it === null || !(#s in it)) {
      realm.throwTypeError(`Method String Iterator.prototype.next called on incompatible receiver ${describeValue(it)}`);
    }
    const self = it as StringIteratorSlots;
    const s = self.#s;
    if (s === undefined) return CreateIterResultObject(realm, undefined, true);
    const position = self.#position;
    const len = s.length;
    if (position >= len) {
      self.#s = undefined;
      return CreateIterResultObject(realm, undefined, true);
    }
    // CodePointAt (§11.1.4), on one-character strings so no method of a (replaceable) host
    // String.prototype is involved.
    const first = s[position];
    let cp = first;
    if (first >= '\uD800' && first <= '\uDBFF' && position + 1 < len) {
      const second = s[position + 1];
      if (second >= '\uDC00' && second <= '\uDFFF') cp = first + second;
    }
    self.#position = position + cp.length;
    return CreateIterResultObject(realm, cp, false);
  }
}

/** CreateStringIterator: the iterator `String.prototype[@@iterator]` returns. */
export function createStringIterator(realm: Realm, s: string): object {
  const it = new StringIteratorSlots(ObjectCreate(realm.intrinsics.StringIteratorPrototype as object), s);
  if (recordsReferents(realm)) keepsReferents(it, [s]);
  return it;
}

/** Creates %StringIteratorPrototype% (its [[Prototype]] is %IteratorPrototype%). */
export function installStringIterator(realm: Realm): void {
  const proto = ObjectCreate(realm.intrinsics.IteratorPrototype) as object;
  const m = {
    next(this: unknown): object {
      try { return StringIteratorSlots.next(realm, this); } catch (e) { throw toRealmError(realm, e); }
    },
  };
  defineTable(realm, proto, [
    method('next', 0, m.next),
    value(Symbol.toStringTag, 'String Iterator', { writable: false }),
  ]);
  realm.intrinsics.StringIteratorPrototype = proto;
}
