// What guest allocations cost against a run's allocation budget (`memoryLimit`, counted by the agent:
// src/realm/agent.ts). A size model of node 20's 64-bit V8 heap (no pointer compression), measured
// with vmjs's own objects (retained heap per item over 200,000 items, after gc): a closure 490-670
// bytes (its host wrapper, FunctionState, environment, prototype object), an object literal with two
// properties 67, a Map entry 37, a short concatenated string 65. What matters is that an allocation the
// guest can make as large or as frequent as it likes is counted in proportion to its real size,
// before the host makes it.
import { agent } from './agent.js';
import { isRealmProxy } from './builtins/proxy.js';
import { ReflectApply } from './primordials.js';

/** An ordinary object: header (map, properties, elements) and V8's in-object slack. */
export const OBJECT_BYTES = 56;
/** One own property (an in-object field). */
export const PROPERTY_BYTES = 8;
/** One element of an array's store, or one list entry. */
export const ELEMENT_BYTES = 8;
/** A guest function: the host wrapper and its context, the FunctionState, a closure environment, and
 * for an ordinary function its `prototype` object. */
export const FUNCTION_BYTES = 640;
/** A string's header (or a rope node); its characters count one byte each (V8's one-byte strings). */
export const STRING_BYTES = 32;
/** One Map or Set entry (hash table slot, chain, and the table's slack). */
export const ENTRY_BYTES = 40;

/** What parsing and compiling code costs per character of its source (acorn's tree with locations
 * measured 179 bytes per character of `1;1;…`, a regexp program 175 per character of `(?:a|b)…`), for
 * eval, the Function constructors and new regexp patterns. */
export const PARSE_BYTES_PER_CHAR = 192;

/** Charges a new string of `length` characters. */
export function chargeString(length: number): void {
  agent.charge(STRING_BYTES + length);
}

/** Charges an array (or list) of `length` elements. */
export function chargeElements(length: number): void {
  agent.charge(OBJECT_BYTES + ELEMENT_BYTES * length);
}

/** Charges `r`, the string result of `a + b` (or of appending b to a): the characters it adds to the
 * longer operand, plus a header. V8 makes a long concatenation a rope node that points at both
 * operands, so building a string piece by piece costs its final length, not the sum of every
 * intermediate length (which would make `s += piece` in a loop quadratic); doubling (`s += s`) costs
 * what it really makes. Called by the evaluator only when the result is a string. */
export function chargeConcat(r: string, a: unknown, b: unknown): void {
  // An operand that is not a string is converted to a new one first.
  const la = typeof a === 'string' ? a.length : -1;
  const lb = typeof b === 'string' ? b.length : -1;
  const longer = la > lb ? la : lb;
  agent.charge((la < 0 || lb < 0 ? 2 * STRING_BYTES : STRING_BYTES) + r.length - (longer < 0 ? 0 : longer));
}

const { isArray } = Array;
const { isView } = ArrayBuffer;

/** IsArray without its TypeError for a revoked Proxy (that store throws the realm's error itself). */
function isArrayQuiet(o: object): boolean {
  try { return isArray(o); } catch { return false; }
}

/** Charges `o[index] = …` when it may add an element: an array's store grows when the index is at or
 * past its length (a Proxy's length is not read: its traps would see the read, so a store through a
 * Proxy counts as an append); a typed array never grows; any other object may gain a property. The
 * evaluator calls it only while a budget is set. */
export function chargeIndexedStore(o: object, index: number): void {
  if (isArrayQuiet(o) ? isRealmProxy(o) || index >= (o as unknown[]).length : !isView(o)) agent.charge(ELEMENT_BYTES);
}

/** Charges `o.length = v` on an array (not through a Proxy, whose traps would see the read) for the
 * elements a longer length makes the host allocate. The evaluator calls it only while a budget is set. */
export function chargeLengthStore(o: object, v: unknown): void {
  if (typeof v !== 'number' || !isArrayQuiet(o) || isRealmProxy(o)) return;
  const len = (o as unknown[]).length;
  if (v > len) agent.charge(ELEMENT_BYTES * (v - len));
}

/** Charges the entry a Map or Set is about to gain: `has` (the host's Map or Set `has`) tells whether
 * `key` is new; a receiver that is not a Map or Set is left to the method's own brand check. Called
 * only while a budget is set. */
export function chargeEntry(has: Function, o: unknown, key: unknown): void {
  let isNew: boolean;
  try { isNew = !ReflectApply(has, o, [key]); } catch { return; }
  if (isNew) agent.charge(ENTRY_BYTES);
}
