// Which primitive-wrapper internal slot an object has ([[NumberData]], [[StringData]],
// [[BooleanData]], [[BigIntData]]), as JSON.stringify asks of every object it serialises
// (§25.5.2.2 SerializeJSONProperty step 4). The only portable probe is calling the prototype's
// `valueOf` and catching its TypeError, which costs ~9 µs in V8 (a thrown error), four times per
// object; so the common case is answered first without it: Object.prototype.toString gives the
// builtin tag (Number, String, Boolean) when nothing on the chain has a Symbol.toStringTag, and that
// is found out with own-descriptor reads only, which run no guest code. A chain with a tag, or with a
// Proxy in it, falls back to the probes.
import { isKnownProxy } from '../membrane.js';
import {
  ArrayIsArray, BigIntPrototypeValueOf, BooleanPrototypeValueOf, NumberPrototypeValueOf, ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf, ObjectPrototypeToString, ReflectApply, StringPrototypeValueOf,
} from '../primordials.js';

export type WrapperKind = 'Number' | 'String' | 'Boolean' | 'BigInt' | null;

const toStringTag = Symbol.toStringTag;

function hasSlot(brand: Function, o: object): boolean {
  try { ReflectApply(brand, o, []); return true; } catch { return false; }
}

function probe(o: object): WrapperKind {
  if (hasSlot(NumberPrototypeValueOf, o)) return 'Number';
  if (hasSlot(StringPrototypeValueOf, o)) return 'String';
  if (hasSlot(BooleanPrototypeValueOf, o)) return 'Boolean';
  if (hasSlot(BigIntPrototypeValueOf, o)) return 'BigInt';
  return null;
}

/** The wrapper slot `o` has, if any. Never runs guest code (getters, Proxy traps of vmjs Proxies).
 * One case is answered by the tag alone: a BigInt wrapper whose prototype chain was replaced by one
 * without a Symbol.toStringTag reads as a plain object (the builtin tag of BigInt objects is "Object"). */
export function wrapperKind(o: object): WrapperKind {
  if (isKnownProxy(o) || ArrayIsArray(o)) return null;
  let p: object | null = o;
  for (let depth = 0; p !== null; depth++) {
    if (depth > 64 || isKnownProxy(p) || ObjectGetOwnPropertyDescriptor(p, toStringTag) !== undefined) return probe(o);
    p = ObjectGetPrototypeOf(p);
  }
  switch (ReflectApply(ObjectPrototypeToString, o, []) as string) {
    case '[object Number]': return 'Number';
    case '[object String]': return 'String';
    case '[object Boolean]': return 'Boolean';
    default: return null;
  }
}
