// The JSON object (ECMA-262 §25.5). parse lets the host scan the text (its SyntaxErrors brought into
// the realm) and gives every object and array the realm's prototypes before guest code sees them;
// stringify is written for the realm, since the host's would hand guest replacers host objects.
import type { Realm } from '../realm.js';
import { defineTable, method, value, calledByHost } from '../builtin.js';
import {
  CreateDataPropertyOrThrow, GetV, IsArray, LengthOfArrayLike, SameValue, ToIntegerOrInfinity, ToNumber,
  ToString, isObject,
} from '../abstract-ops.js';
import { toRealmError } from '../host-errors.js';
import { agent } from '../agent.js';
import { callBuiltinFromHost } from '../membrane.js';
import { ELEMENT_BYTES, OBJECT_BYTES, PROPERTY_BYTES, STRING_BYTES, chargeString } from '../allocation.js';
import { ParseJSONRecords, type JSONParseRecord } from './json-parse-record.js';
import { JSONIsRawJSON, JSONRawJSON, anyRawJSON, hasIsRawJSON } from './json-raw.js';
import { isKnownProxy } from '../membrane.js';
import { circularMessage, findCircularMessage, isCircularError } from './json-circular.js';
import { wrapperKind } from '../abstract-ops/primitive-wrapper.js';
import {
  ArrayIsArray, BigIntPrototypeValueOf, BooleanPrototypeValueOf, JSONParse, JSONStringify,
  ObjectCreate, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, ObjectKeys, ObjectPrototypeToString, ObjectSetPrototypeOf, ReflectApply, ReflectDefineProperty, ReflectDeleteProperty, RegExpPrototypeExec,
} from '../primordials.js';

/** Gives a freshly parsed tree the realm's prototypes (`adopt`: no guest code has seen it yet) and
 * returns its size for the allocation budget (src/realm/allocation.ts): objects, arrays, their
 * properties and elements, and string values (`count`: the walk may be made only to count). */
function adoptParsed(realm: Realm, root: unknown, adopt: boolean, count: boolean): number {
  if (!isObject(root)) return typeof root === 'string' ? STRING_BYTES + root.length : 0;
  if (!adopt && !count) return 0;
  const { ObjectPrototype, ArrayPrototype } = realm.intrinsics;
  const forIn = !hostPrototypeEnumerates();
  let size = 0;
  const work: object[] = [root];
  while (work.length > 0) {
    const o = work.pop()!;
    size += OBJECT_BYTES;
    if (ArrayIsArray(o)) {
      if (adopt) ObjectSetPrototypeOf(o, ArrayPrototype);
      size += ELEMENT_BYTES * o.length;
      for (let i = 0; i < o.length; i++) {
        const v: unknown = o[i];
        if (typeof v === 'object' && v !== null) work.push(v);
        else if (typeof v === 'string') size += STRING_BYTES + v.length;
      }
    } else if (forIn) {
      // Before the prototype is replaced, a for-in loop sees the own properties only (and allocates
      // no key list, unlike Object.keys).
      let n = 0;
      for (const k in o) {
        n++;
        const v = (o as Record<string, unknown>)[k];
        if (typeof v === 'object' && v !== null) work.push(v);
        else if (typeof v === 'string') size += STRING_BYTES + v.length;
      }
      size += PROPERTY_BYTES * n;
      if (adopt) ObjectSetPrototypeOf(o, ObjectPrototype);
    } else {
      if (adopt) ObjectSetPrototypeOf(o, ObjectPrototype);
      const ks = ObjectKeys(o);
      size += PROPERTY_BYTES * ks.length;
      for (let i = 0; i < ks.length; i++) {
        const v = (o as Record<string, unknown>)[ks[i]!];
        if (typeof v === 'object' && v !== null) work.push(v);
        else if (typeof v === 'string') size += STRING_BYTES + v.length;
      }
    }
  }
  return size;
}

/** An object of the host with the host's %Object.prototype% (see hostPrototypeEnumerates). */
const hostPlainObject = {};

/** Whether the host's %Object.prototype% has an enumerable string-keyed property (a host program may
 * have added one), which a for-in loop over an object the host's JSON.parse made would see. */
function hostPrototypeEnumerates(): boolean {
  for (const _ in hostPlainObject) return true;
  return false;
}

/** The most a parse can allocate per character of its text (`[{},{},…]`: an object per three). */
const JSON_PARSE_BYTES_PER_CHAR = 24;

/** InternalizeJSONProperty (§25.5.1.1, sec-internalizejsonproperty) with its parse record (source text access):
 * the reviver gets a context object holding the source text (in `text`) of a primitive it has not replaced. */
function InternalizeJSONProperty(realm: Realm, text: string, holder: object, name: string, reviver: Function, parseRecord: JSONParseRecord | undefined): unknown {
  // A step per value, so that a timeout stops a long walk.
  if (--agent.steps <= 0) agent.tick();
  const val = (holder as Record<string, unknown>)[name];
  let context: object;
  let elementRecords: JSONParseRecord[] | undefined;
  let entryRecords: Map<string, JSONParseRecord> | undefined;
  if (parseRecord !== undefined && SameValue(parseRecord.value, val)) {
    if (!isObject(val)) {
      // OrdinaryObjectCreate(%Object.prototype%) and CreateDataPropertyOrThrow(context, "source", …):
      // a literal's properties are defined, not set (no setter of the realm's prototype runs).
      agent.allocated += PROPERTY_BYTES;
      context = { __proto__: realm.intrinsics.ObjectPrototype, source: text.slice(parseRecord.start, parseRecord.end) } as object;
    } else {
      context = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;
    }
    elementRecords = parseRecord.elements;
    entryRecords = parseRecord.entries;
  } else {
    context = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;
  }
  if (isObject(val)) {
    if (IsArray(realm, val)) {
      const len = LengthOfArrayLike(realm, val);
      for (let i = 0; i < len; i++) {
        const prop = String(i);
        const newElement = InternalizeJSONProperty(realm, text, val, prop, reviver, elementRecords?.[i]);
        if (newElement === undefined) ReflectDeleteProperty(val, prop);
        else redefineDataProperty(val, prop, newElement);
      }
    } else {
      const ks = ObjectKeys(val);
      for (let k = 0; k < ks.length; k++) {
        const P = ks[k]!;
        const newElement = InternalizeJSONProperty(realm, text, val, P, reviver, entryRecords?.get(P));
        if (newElement === undefined) ReflectDeleteProperty(val, P);
        else redefineDataProperty(val, P, newElement);
      }
    }
  }
  return ReflectApply(reviver, holder, [name, val, context]);
}

/** CreateDataProperty(O, key, v) for InternalizeJSONProperty's holder, whose `key` is most often
 * already a writable, enumerable, configurable data property holding `v` (the reviver returned the
 * value it was given): for an object that is not a Proxy, that definition would change nothing and is
 * left out (reading an own descriptor costs a fifth of defining one). */
function redefineDataProperty(O: object, key: string, v: unknown): boolean {
  if (!isKnownProxy(O)) {
    const d = ObjectGetOwnPropertyDescriptor(O, key);
    if (d !== undefined && d.writable === true && d.enumerable === true && d.configurable === true && SameValue(d.value, v)) {
      agent.allocated += PROPERTY_BYTES;
      return true;
    }
  }
  return createDataProperty(O, key, v);
}

/** The descriptor createDataProperty defines with (its fields are read before any Proxy trap runs,
 * which gets a fresh object: reusing it is unobservable). */
const dataDescriptor: PropertyDescriptor = { value: undefined, writable: true, enumerable: true, configurable: true };

/** CreateDataProperty (§7.3.5, sec-createdataproperty) for InternalizeJSONProperty, whose caller
 * brings the host's errors (a Proxy trap's invariant checks) into the realm. */
function createDataProperty(O: object, key: string, v: unknown): boolean {
  agent.allocated += PROPERTY_BYTES;
  dataDescriptor.value = v;
  const ok = ReflectDefineProperty(O, key, dataDescriptor);
  dataDescriptor.value = undefined;
  return ok;
}

/** QuoteJSONString (§25.5.2.3, sec-quotejsonstring): a string with nothing to escape (no control
 * character, `"`, `\\` or surrogate) is quoted directly, checked by a loop when short and by a regular
 * expression up to 256 code units; otherwise the host's quoting, which is exactly this operation (its
 * JSON.stringify of a string primitive runs no guest code) but costs ~150 ns a call to set up. */
function QuoteJSONString(value: string): string {
  const n = value.length;
  if (n <= 32) {
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSONStringify(value);
    }
    return `"${value}"`;
  }
  return n <= 256 && ReflectApply(RegExpPrototypeExec, NEEDS_ESCAPE, [value]) === null ? `"${value}"` : JSONStringify(value);
}

/** Whether the host's JSON.stringify, given the value, the property list and the gap (no replacer
 * function), would serialise it exactly as SerializeJSONProperty does for the realm. It reads toJSON,
 * getters, Proxy traps and wrapper objects' valueOf and toString through the realm's objects and in the
 * spec's order, as SerializeJSONProperty does, so that guest code it calls sees the same; it differs in
 * what it does not know: objects with an [[IsRawJSON]] slot (none was ever made), a BigInt's toJSON,
 * which it looks up on the host's BigInt.prototype (the realm's, and the Object.prototype it inherits
 * from, have none), and the steps and allocations the realm's walk counts, which matter only while
 * the run has a timeout or an allocation budget (it has neither). Its errors are brought into the realm.
 * One difference is left: guest code the walk calls (a getter, a toJSON) that gives the realm's
 * BigInt.prototype a toJSON before a BigInt is reached gets the host's TypeError (made the realm's)
 * rather than that toJSON's call. */
function hostMayStringify(realm: Realm): boolean {
  if (agent.allocLimit !== Infinity || anyRawJSON() || agent.msUntilDeadline() !== Infinity) return false;
  const { BigIntPrototype, ObjectPrototype } = realm.intrinsics;
  return ObjectGetPrototypeOf(BigIntPrototype) === ObjectPrototype
    && ObjectGetOwnPropertyDescriptor(BigIntPrototype, 'toJSON') === undefined
    && ObjectGetOwnPropertyDescriptor(ObjectPrototype, 'toJSON') === undefined;
}

/** A character QuoteJSONString writes otherwise than as itself (a lone surrogate is escaped; pairs are
 * left to the host's quoting too). */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** The most property names whose quoted form a JSON.stringify call remembers. */
const QUOTED_KEYS_MAX = 1024;

/** A property name quoted and followed by the colon (`gap` chooses ": " or ":"), through the call's
 * cache (records of one shape repeat their names). */
function memberPrefix(state: JSONSerializationRecord, P: string): string {
  let prefix = state.quotedKeys.get(P);
  if (prefix === undefined) {
    prefix = QuoteJSONString(P) + (state.gap === '' ? ':' : ': ');
    if (state.quotedKeys.size < QUOTED_KEYS_MAX) state.quotedKeys.set(P, prefix);
  }
  return prefix;
}

interface JSONSerializationRecord {
  /** Property names already quoted, with the colon (see memberPrefix). */
  quotedKeys: Map<string, string>;
  replacerFunction: Function | undefined;
  propertyList: string[] | undefined;
  stack: object[];
  /** The key under which each object of `stack` was reached (for V8's circular-structure message). */
  keys: (string | number)[];
  indent: string;
  gap: string;
}

/** SerializeJSONProperty (§25.5.2.2, sec-serializejsonproperty). */
function SerializeJSONProperty(realm: Realm, state: JSONSerializationRecord, key: string | number, holder: object): string | undefined {
  // A step per value, so that a timeout stops a long serialisation (the clock is read every few
  // thousand values; a structure that shares its parts can be far larger than what it allocated).
  if (--agent.steps <= 0) agent.tick();
  // 1. An array index comes as a number: a Get with it is the Get with its string, made only if needed.
  let value: unknown = (holder as Record<string | number, unknown>)[key];
  if (state.replacerFunction === undefined) {
    // Without a replacer the common values are done here; the rest goes on at step 2 below.
    switch (typeof value) {
      case 'string': if (agent.allocLimit !== Infinity) chargeString(value.length + 2); return QuoteJSONString(value);
      case 'number': return Number.isFinite(value) ? String(value) : 'null';
      case 'boolean': return value ? 'true' : 'false';
      case 'undefined': case 'symbol': return undefined;
      case 'object': if (value === null) return 'null'; return serializeObjectValue(realm, state, value, key);
    }
  }
  // 2. toJSON, on an object or a BigInt.
  if (isObject(value) || typeof value === 'bigint') {
    const toJSON = GetV(realm, value, 'toJSON');
    if (typeof toJSON === 'function') value = ReflectApply(toJSON, value, [typeof key === 'number' ? String(key) : key]);
  }
  // 3. The replacer function.
  if (state.replacerFunction !== undefined) value = ReflectApply(state.replacerFunction, holder, [typeof key === 'number' ? String(key) : key, value]);
  return serializeJSONValue(realm, state, value, key);
}

/** SerializeJSONProperty from step 2 for an object value when there is no replacer function: an
 * ordinary object or an Array whose prototype is the realm's %Object.prototype% or %Array.prototype%,
 * without toJSON, is serialised without the wrapper probes; any other goes the general way. */
function serializeObjectValue(realm: Realm, state: JSONSerializationRecord, value: object, key: string | number): string | undefined {
  // 2. Get(value, "toJSON"), as GetV does for an object.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return serializeJSONValue(realm, state, ReflectApply(toJSON, value, [typeof key === 'number' ? String(key) : key]), key);
  // (An object with an [[IsRawJSON]] slot has a null prototype, which it cannot change: it goes the general way.)
  if (!isKnownProxy(value)) {
    const proto = ObjectGetPrototypeOf(value);
    const I = realm.intrinsics;
    // An Array exotic object (no wrapper slot: wrapperKind answers null for arrays too).
    if (proto === I.ArrayPrototype) {
      if (ArrayIsArray(value)) return SerializeJSONArray(realm, state, value, key);
    } else if (proto === I.ObjectPrototype && isPlainTagged(value, proto)) {
      return SerializeJSONObject(realm, state, value, key);
    }
  }
  return serializeJSONValue(realm, state, value, key);
}

/** Whether `o`, whose prototype is `proto` (the realm's %Object.prototype%, whose own prototype is
 * null), has Object.prototype.toString's builtin tag "Object": no wrapper slot of Number, String or
 * Boolean, not an Array (wrapperKind's answer for this chain, with the same reads: own descriptors of
 * Symbol.toStringTag only, so no guest code runs). */
function isPlainTagged(o: object, proto: object): boolean {
  return ObjectGetOwnPropertyDescriptor(o, toStringTag) === undefined
    && ObjectGetOwnPropertyDescriptor(proto, toStringTag) === undefined
    && ReflectApply(ObjectPrototypeToString, o, []) === '[object Object]';
}

const toStringTag = Symbol.toStringTag;

/** SerializeJSONProperty (§25.5.2.2) steps 4 to 12: a value after toJSON and the replacer. */
function serializeJSONValue(realm: Realm, state: JSONSerializationRecord, value: unknown, key: string | number): string | undefined {
  if (typeof value === 'object' && value !== null) {
    if (hasIsRawJSON(value)) return (value as { rawJSON: string }).rawJSON;
    switch (wrapperKind(value)) {
      case 'Number': value = ToNumber(realm, value); break;
      case 'String': value = ToString(realm, value); break;
      case 'Boolean': value = ReflectApply(BooleanPrototypeValueOf, value, []); break;
      case 'BigInt': value = ReflectApply(BigIntPrototypeValueOf, value, []); break;
    }
  }
  switch (typeof value) {
    case 'object':
      if (value === null) return 'null';
      return IsArray(realm, value) ? SerializeJSONArray(realm, state, value, key) : SerializeJSONObject(realm, state, value, key);
    case 'boolean': return value ? 'true' : 'false';
    case 'string': if (agent.allocLimit !== Infinity) chargeString(value.length + 2); return QuoteJSONString(value);
    case 'number': return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint': return realm.throwTypeError('Do not know how to serialize a BigInt');
    default: return undefined;
  }
}

function enter(realm: Realm, state: JSONSerializationRecord, value: object, key: string | number): void {
  for (let i = 0; i < state.stack.length; i++) {
    if (state.stack[i] === value) realm.throwTypeError(circularMessage(state.stack, state.keys, i, key));
  }
  state.stack.push(value);
  state.keys.push(key);
}

/** SerializeJSONObject (§25.5.2.5, sec-serializejsonobject). The parts are concatenated as they come
 * (V8 joins the rope once, at the end) rather than gathered in a list and joined. */
function SerializeJSONObject(realm: Realm, state: JSONSerializationRecord, value: object, key: string | number): string {
  enter(realm, state, value, key);
  const stepback = state.indent;
  const indent = stepback + state.gap;
  state.indent = indent;
  const K = state.propertyList ?? ownKeys(realm, value);
  const first = state.gap === '' ? '{' : `{\n${indent}`;
  const separator = state.gap === '' ? ',' : `,\n${indent}`;
  let final = first;
  let count = 0;
  let size = 0;
  for (let i = 0; i < K.length; i++) {
    const P = K[i]!;
    const strP = SerializeJSONProperty(realm, state, P, value);
    if (strP !== undefined) {
      const member = memberPrefix(state, P) + strP;
      final += count === 0 ? member : separator + member;
      count++;
      size += member.length;
    }
  }
  if (agent.allocLimit !== Infinity) chargeJoined(count, size, indent);
  if (count === 0) final = '{}';
  else if (state.gap === '') final += '}';
  else final += `\n${stepback}}`;
  state.stack.pop();
  state.keys.pop();
  state.indent = stepback;
  return final;
}

/** EnumerableOwnProperties(value, key) (§7.3.23) by the host's Object.keys, its errors (a Proxy's)
 * brought into the realm. */
function ownKeys(realm: Realm, value: object): string[] {
  try {
    return ObjectKeys(value);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}

/** Counts the string an object's or array's `count` parts of `size` code units are joined into (parts,
 * separators, indentation) against the allocation budget (only while one is set). */
function chargeJoined(count: number, size: number, indent: string): void {
  chargeString(2 + count * (2 + indent.length) + size);
}

/** SerializeJSONArray (§25.5.2.6, sec-serializejsonarray). */
function SerializeJSONArray(realm: Realm, state: JSONSerializationRecord, value: object, key: string | number): string {
  enter(realm, state, value, key);
  const stepback = state.indent;
  const indent = stepback + state.gap;
  state.indent = indent;
  const separator = state.gap === '' ? ',' : `,\n${indent}`;
  const len = LengthOfArrayLike(realm, value);
  let final = state.gap === '' ? '[' : `[\n${indent}`;
  let size = 0;
  for (let index = 0; index < len; index++) {
    const s = SerializeJSONProperty(realm, state, index, value);
    const strP = s === undefined ? 'null' : s;
    final += index === 0 ? strP : separator + strP;
    size += strP.length;
  }
  if (agent.allocLimit !== Infinity) chargeJoined(len, size, indent);
  if (len === 0) final = '[]';
  else if (state.gap === '') final += ']';
  else final += `\n${stepback}]`;
  state.stack.pop();
  state.keys.pop();
  state.indent = stepback;
  return final;
}

export function installJSON(realm: Realm): void {
  const I = realm.intrinsics;
  const JSONObject = ObjectCreate(I.ObjectPrototype) as object;
  I.JSON = JSONObject;

  const fns = {
    // §25.5.1 JSON.parse ( text [ , reviver ] )
    parse(text: unknown, reviver: unknown): unknown {
      // Called by host code outside a run, under the context's timeout and budget (callBuiltinFromHost).
      if (calledByHost(realm)) return callBuiltinFromHost(realm, fns.parse, undefined, [text, reviver]);
      const jsonString = ToString(realm, text);
      // The host parses in one uninterruptible call: the steps a loop over the text would have ticked
      // (one per 1024 characters) are counted first, so that a run parsing again and again reads the clock.
      agent.steps -= (jsonString.length >> 10) + 1;
      if (agent.steps <= 0) agent.tick();
      // The host parses in one go: under a budget, it starts only if what it could allocate fits, and
      // the tree is then counted as it is.
      const budget = agent.allocLimit !== Infinity;
      if (budget && !agent.fits(jsonString.length * JSON_PARSE_BYTES_PER_CHAR)) agent.charge(jsonString.length * JSON_PARSE_BYTES_PER_CHAR);
      let unfiltered: unknown;
      try {
        unfiltered = JSONParse(jsonString);
      } catch (e) {
        throw toRealmError(realm, e);
      }
      const size = adoptParsed(realm, unfiltered, !realm.isHost, budget);
      if (typeof reviver !== 'function') {
        if (budget) agent.charge(size);
        return unfiltered;
      }
      // With a reviver, the parse records are found beside the values (the text is valid JSON): under a
      // budget, counted as the host's tree twice over (the values and their records).
      if (budget) agent.charge(2 * size);
      const parseRecord = ParseJSONRecords(jsonString, unfiltered);
      const root = ObjectCreate(I.ObjectPrototype) as object;
      CreateDataPropertyOrThrow(realm, root, '', unfiltered);
      // The host's errors the walk can raise (a Proxy trap's invariant checks, a revoked Proxy) become
      // the realm's here, once; the reviver's own throws are guest values and pass through.
      try {
        return InternalizeJSONProperty(realm, jsonString, root, '', reviver, parseRecord);
      } catch (e) {
        throw toRealmError(realm, e);
      }
    },
    // JSON.rawJSON ( text )
    rawJSON(text: unknown): object {
      return JSONRawJSON(realm, text);
    },
    // JSON.isRawJSON ( O )
    isRawJSON(O: unknown): boolean {
      return JSONIsRawJSON(O);
    },
    // §25.5.2 JSON.stringify ( value [ , replacer [ , space ] ] )
    stringify(value: unknown, replacer: unknown, space: unknown): string | undefined {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, fns.stringify, undefined, [value, replacer, space]) as string | undefined;
      const state: JSONSerializationRecord = { quotedKeys: new Map(), replacerFunction: undefined, propertyList: undefined, stack: [], keys: [], indent: '', gap: '' };
      if (isObject(replacer)) {
        if (typeof replacer === 'function') {
          state.replacerFunction = replacer;
        } else if (IsArray(realm, replacer)) {
          const list: string[] = [];
          const len = LengthOfArrayLike(realm, replacer);
          for (let k = 0; k < len; k++) {
            const v = (replacer as Record<string, unknown>)[String(k)];
            let item: string | undefined;
            if (typeof v === 'string') item = v;
            else if (typeof v === 'number') item = String(v);
            else if (typeof v === 'object' && v !== null && (wrapperKind(v) === 'String' || wrapperKind(v) === 'Number')) item = ToString(realm, v);
            if (item !== undefined && !list.includes(item)) list.push(item);
          }
          state.propertyList = list;
        }
      }
      if (typeof space === 'object' && space !== null) {
        const kind = wrapperKind(space);
        if (kind === 'Number') space = ToNumber(realm, space);
        else if (kind === 'String') space = ToString(realm, space);
      }
      if (typeof space === 'number') {
        const n = Math.min(10, ToIntegerOrInfinity(realm, space));
        state.gap = n >= 1 ? ' '.repeat(n) : '';
      } else if (typeof space === 'string') {
        state.gap = space.length <= 10 ? space : space.slice(0, 10);
      }
      if (state.replacerFunction === undefined && hostMayStringify(realm)) {
        let text: string | undefined;
        try {
          text = JSONStringify(value, state.propertyList, state.gap) as string | undefined;
        } catch (e) {
          // The host's message for a circle names the host's functions: the realm's names the realm's.
          const circular = isCircularError(e) ? findCircularMessage(value, state.propertyList) : undefined;
          if (circular !== undefined) realm.throwTypeError(circular);
          throw toRealmError(realm, e);
        }
        if (text !== undefined) agent.steps -= (text.length >> 10) + 1;
        if (agent.steps <= 0) agent.tick();
        return text;
      }
      const wrapper = ObjectCreate(I.ObjectPrototype) as object;
      CreateDataPropertyOrThrow(realm, wrapper, '', value);
      return SerializeJSONProperty(realm, state, '', wrapper);
    },
  };
  defineTable(realm, JSONObject, [
    method('isRawJSON', 1, fns.isRawJSON),
    method('parse', 2, fns.parse),
    method('rawJSON', 1, fns.rawJSON),
    method('stringify', 3, fns.stringify),
    value(Symbol.toStringTag, 'JSON', { writable: false }),
  ]);
}
