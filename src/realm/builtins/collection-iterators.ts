// %MapIteratorPrototype% and %SetIteratorPrototype% with CreateMapIterator / CreateSetIterator
// (ECMA-262 §24.1.5, §24.2.6). A realm's iterator wraps a host Map/Set iterator, whose live-iteration
// semantics (entries added during iteration are visited, deleted ones skipped, `clear` honoured) are
// the spec's; the host iterator itself is never handed to guest code (its prototype is the host's).
import { keepsReferents, recordsReferents } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { defineTable, method, value } from '../builtin.js';
import { CreateIterResultObject, adoptArray, describeValue } from '../abstract-ops.js';
import {
  MapIteratorPrototypeNext, MapPrototypeEntries, MapPrototypeKeys, MapPrototypeValues, ObjectCreate, ReflectApply,
  SetIteratorPrototypeNext, SetPrototypeEntries, SetPrototypeValues,
} from '../primordials.js';

export type CollectionIterationKind = 'key' | 'value' | 'key+value';

interface HostIterResult { value: unknown; done?: boolean }

class SlotBase { constructor(o: object) { return o; } }

/** The slots of a Map or Set Iterator, kept in private fields of the iterator object itself so that
 * guest code can neither see nor forge them. `#host` is undefined once the iterator is exhausted.
 * One class per kind: each evaluation of the class body makes its own private names, so Map
 * Iterator's `next` refuses a Set Iterator and the reverse, as two brands must. */
function iteratorSlots(brand: 'Map Iterator' | 'Set Iterator', hostNext: Function) {
  return class IteratorSlots extends SlotBase {
    #host: Iterator<unknown> | undefined;
    readonly #entries: boolean;
    constructor(o: object, host: Iterator<unknown>, entries: boolean) {
      super(o);
      this.#host = host;
      this.#entries = entries;
    }

    /** %MapIteratorPrototype%.next (§24.1.5.2.1), %SetIteratorPrototype%.next (§24.2.6.2.1) */
    static next(realm: Realm, it: unknown): object {
      if (typeof it !== 'object' || it === null || !(#host in it)) {
        return realm.throwTypeError(`Method ${brand}.prototype.next called on incompatible receiver ${describeValue(it)}`);
      }
      const self = it as IteratorSlots;
      const host = self.#host;
      if (host === undefined) return CreateIterResultObject(realm, undefined, true);
      const r = ReflectApply(hostNext, host, []) as HostIterResult;
      if (r.done) {
        self.#host = undefined;
        return CreateIterResultObject(realm, undefined, true);
      }
      // An entries iterator's value is a fresh host array no guest code has seen.
      return CreateIterResultObject(realm, self.#entries ? adoptArray(realm, r.value as unknown[]) : r.value, false);
    }
  };
}

const MapIteratorSlots = iteratorSlots('Map Iterator', MapIteratorPrototypeNext);
const SetIteratorSlots = iteratorSlots('Set Iterator', SetIteratorPrototypeNext);

/** CreateMapIterator (§24.1.5.1). The host method makes the brand check (RequireInternalSlot), with
 * V8's text naming the guest-visible method. */
export function CreateMapIterator(realm: Realm, map: unknown, kind: CollectionIterationKind): object {
  const hostMethod = kind === 'key' ? MapPrototypeKeys : kind === 'value' ? MapPrototypeValues : MapPrototypeEntries;
  let host: Iterator<unknown>;
  try {
    host = ReflectApply(hostMethod, map, []) as Iterator<unknown>;
  } catch {
    return realm.throwTypeError(`Method Map.prototype.${kind === 'key' ? 'keys' : kind === 'value' ? 'values' : 'entries'} called on incompatible receiver ${describeValue(map)}`);
  }
  const it = new MapIteratorSlots(ObjectCreate(realm.intrinsics.MapIteratorPrototype as object), host, kind === 'key+value');
  if (recordsReferents(realm)) keepsReferents(it, [map]);
  return it;
}

/** CreateSetIterator (§24.2.6.1). A Set's keys are its values. */
export function CreateSetIterator(realm: Realm, set: unknown, kind: Exclude<CollectionIterationKind, 'key'>): object {
  const hostMethod = kind === 'value' ? SetPrototypeValues : SetPrototypeEntries;
  let host: Iterator<unknown>;
  try {
    host = ReflectApply(hostMethod, set, []) as Iterator<unknown>;
  } catch {
    return realm.throwTypeError(`Method Set.prototype.${kind === 'value' ? 'values' : 'entries'} called on incompatible receiver ${describeValue(set)}`);
  }
  const it = new SetIteratorSlots(ObjectCreate(realm.intrinsics.SetIteratorPrototype as object), host, kind === 'key+value');
  if (recordsReferents(realm)) keepsReferents(it, [set]);
  return it;
}

/** Creates %MapIteratorPrototype% (its [[Prototype]] is %IteratorPrototype%). */
export function installMapIteratorPrototype(realm: Realm): void {
  const proto = ObjectCreate(realm.intrinsics.IteratorPrototype) as object;
  const m = {
    next(this: unknown): object {
      return MapIteratorSlots.next(realm, this);
    },
  };
  defineTable(realm, proto, [
    method('next', 0, m.next),
    value(Symbol.toStringTag, 'Map Iterator', { writable: false }),
  ]);
  realm.intrinsics.MapIteratorPrototype = proto;
}

/** Creates %SetIteratorPrototype% (its [[Prototype]] is %IteratorPrototype%). */
export function installSetIteratorPrototype(realm: Realm): void {
  const proto = ObjectCreate(realm.intrinsics.IteratorPrototype) as object;
  const m = {
    next(this: unknown): object {
      return SetIteratorSlots.next(realm, this);
    },
  };
  defineTable(realm, proto, [
    method('next', 0, m.next),
    value(Symbol.toStringTag, 'Set Iterator', { writable: false }),
  ]);
  realm.intrinsics.SetIteratorPrototype = proto;
}
