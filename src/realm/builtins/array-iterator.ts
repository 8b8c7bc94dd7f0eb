// %ArrayIteratorPrototype% and CreateArrayIterator (ECMA-262 §23.1.5). Also serves typed arrays.
import type { Realm } from '../realm.js';
import { defineTable, method, value } from '../builtin.js';
import { toRealmError } from '../host-errors.js';
import {
  CreateIterResultObject as createIterResult, IsTypedArrayOutOfBounds, LengthOfArrayLike as lengthOfArrayLike, TypedArrayLength,
  adoptArray as arrayFromList, isTypedArray,
} from '../abstract-ops.js';
import { ObjectCreate } from '../primordials.js';

export type ArrayIterationKind = 'key' | 'value' | 'key+value';

class SlotBase { constructor(o: object) { return o; } }

/** The internal state of an Array Iterator, kept in private fields of the iterator object itself so that
 * guest code can neither see nor forge it. */
class ArrayIteratorSlots extends SlotBase {
  #iterated: object | undefined;
  #index = 0;
  readonly #kind: ArrayIterationKind;
  /** Whether the iterated object has [[TypedArrayName]]; a fixed property of the object. */
  readonly #typed: boolean;
  constructor(o: object, iterated: object, kind: ArrayIterationKind) {
    super(o);
    this.#iterated = iterated;
    this.#kind = kind;
    this.#typed = isTypedArray(iterated);
  }

  /** [[IteratedArrayLike]] of an Array Iterator (undefined once done, or for another object). */
  static iteratedOf(o: object): object | undefined { return #iterated in o ? (o as ArrayIteratorSlots).#iterated : undefined; }

  /** %ArrayIteratorPrototype%.next (§23.1.5.2.1) */
  static next(realm: Realm, it: unknown): object {
    if (typeof it !== 'object' || it === null || !(#iterated in it)) {
      realm.throwTypeError('Method Array Iterator.prototype.next called on incompatible receiver ' + describeReceiver(it));
    }
    const self = it as ArrayIteratorSlots;
    const a = self.#iterated;
    if (a === undefined) return createIterResult(realm, undefined, true);
    const index = self.#index;
    let len: number;
    if (self.#typed) {
      len = TypedArrayLength(a);
      if (len === 0 && IsTypedArrayOutOfBounds(a)) realm.throwTypeError('Cannot perform Array Iterator.prototype.next on a detached ArrayBuffer');
    } else {
      len = lengthOfArrayLike(realm, a);
    }
    if (index >= len) {
      self.#iterated = undefined;
      return createIterResult(realm, undefined, true);
    }
    self.#index = index + 1;
    const kind = self.#kind;
    if (kind === 'key') return createIterResult(realm, index, false);
    const v = (a as Record<number, unknown>)[index];
    if (kind === 'value') return createIterResult(realm, v, false);
    return createIterResult(realm, arrayFromList(realm, [index, v]), false);
  }
}

function describeReceiver(v: unknown): string {
  if (typeof v === 'object' && v !== null) return '#<Object>';
  if (typeof v === 'symbol') return v.toString();
  return String(v);
}

/** What an Array Iterator still iterates (for the retained-memory walk), or undefined. */
export function ArrayIteratorIterated(o: object): object | undefined {
  return ArrayIteratorSlots.iteratedOf(o);
}

/** CreateArrayIterator (§23.1.5.1) */
export function createArrayIterator(realm: Realm, array: object, kind: ArrayIterationKind): object {
  const o = ObjectCreate(realm.intrinsics.ArrayIteratorPrototype);
  return new ArrayIteratorSlots(o, array, kind);
}

/** Creates %ArrayIteratorPrototype% (its [[Prototype]] is %IteratorPrototype%). */
export function installArrayIterator(realm: Realm): void {
  const proto = ObjectCreate(realm.intrinsics.IteratorPrototype) as object;
  const m = {
    next(this: unknown): object {
      try { return ArrayIteratorSlots.next(realm, this); } catch (e) { throw toRealmError(realm, e); }
    },
  };
  defineTable(realm, proto, [
    method('next', 0, m.next),
    value(Symbol.toStringTag, 'Array Iterator', { writable: false }),
  ]);
  realm.intrinsics.ArrayIteratorPrototype = proto;
}
