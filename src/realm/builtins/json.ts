// The JSON object (ECMA-262 §25.5). parse lets the host scan the text (its SyntaxErrors brought into
// the realm) and gives every object and array the realm's prototypes before guest code sees them;
// stringify is written for the realm, since the host's would hand guest replacers host objects.
import type { Realm } from '../realm.js';
import { defineTable, method, value, calledByHost } from '../builtin.js';
import {
  CreateDataPropertyOrThrow, GetV, IsArray, LengthOfArrayLike, SameValue, ToIntegerOrInfinity, ToNumber,
  ToString, isObject,
} from '../abstract-ops.js';
import { hostCall, toRealmError } from '../host-errors.js';
import { agent } from '../agent.js';
import { callBuiltinFromHost } from '../membrane.js';
import { ELEMENT_BYTES, OBJECT_BYTES, PROPERTY_BYTES, STRING_BYTES, chargeString } from '../allocation.js';
import { ParseJSONWithRecords, type JSONParseRecord } from './json-parse-record.js';
import { JSONIsRawJSON, JSONRawJSON, hasIsRawJSON } from './json-raw.js';
import { wrapperKind } from '../abstract-ops/primitive-wrapper.js';
import {
  ArrayIsArray, BigIntPrototypeValueOf, BooleanPrototypeValueOf, JSONParse, JSONStringify,
  ObjectCreate, ObjectKeys, ObjectSetPrototypeOf, ReflectApply, ReflectDefineProperty, ReflectDeleteProperty, RegExpPrototypeExec,
} from '../primordials.js';

/** Gives a freshly parsed tree the realm's prototypes (`adopt`: no guest code has seen it yet) and
 * returns its size for the allocation budget (src/realm/allocation.ts): objects, arrays, their
 * properties and elements, and string values (`count`: the walk may be made only to count). */
function adoptParsed(realm: Realm, root: unknown, adopt: boolean, count: boolean): number {
  if (!isObject(root)) return typeof root === 'string' ? STRING_BYTES + root.length : 0;
  if (!adopt && !count) return 0;
  const { ObjectPrototype, ArrayPrototype } = realm.intrinsics;
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

/** The most a parse can allocate per character of its text (`[{},{},…]`: an object per three). */
const JSON_PARSE_BYTES_PER_CHAR = 24;

/** InternalizeJSONProperty (§25.5.1.1, sec-internalizejsonproperty) with its parse record (source text access):
 * the reviver gets a context object holding the source text of a primitive it has not replaced. */
function InternalizeJSONProperty(realm: Realm, holder: object, name: string, reviver: Function, parseRecord: JSONParseRecord | undefined): unknown {
  // A step per value, so that a timeout stops a long walk.
  if (--agent.steps <= 0) agent.tick();
  const val = (holder as Record<string, unknown>)[name];
  const context = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;
  let elementRecords: JSONParseRecord[] | undefined;
  let entryRecords: Map<string, JSONParseRecord> | undefined;
  if (parseRecord !== undefined && SameValue(parseRecord.value, val)) {
    if (!isObject(val)) createDataProperty(context, 'source', parseRecord.source);
    elementRecords = parseRecord.elements;
    entryRecords = parseRecord.entries;
  }
  if (isObject(val)) {
    if (IsArray(realm, val)) {
      const len = LengthOfArrayLike(realm, val);
      for (let i = 0; i < len; i++) {
        const prop = String(i);
        const newElement = InternalizeJSONProperty(realm, val, prop, reviver, elementRecords?.[i]);
        if (newElement === undefined) ReflectDeleteProperty(val, prop);
        else createDataProperty(val, prop, newElement);
      }
    } else {
      const ks = ObjectKeys(val);
      for (let k = 0; k < ks.length; k++) {
        const P = ks[k]!;
        const newElement = InternalizeJSONProperty(realm, val, P, reviver, entryRecords?.get(P));
        if (newElement === undefined) ReflectDeleteProperty(val, P);
        else createDataProperty(val, P, newElement);
      }
    }
  }
  return ReflectApply(reviver, holder, [name, val, context]);
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

/** A character QuoteJSONString (§25.5.2.3) writes otherwise than as itself: a control character, `"`,
 * `\\`, or a surrogate (a lone one is escaped; pairs are left to the host's quoting too). */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** QuoteJSONString (§25.5.2.3, sec-quotejsonstring): the host's, except for a short string with
 * nothing to escape, quoted directly (the host's JSON.stringify costs ~150 ns a call to set up). */
function QuoteJSONString(value: string): string {
  return value.length <= 256 && ReflectApply(RegExpPrototypeExec, NEEDS_ESCAPE, [value]) === null ? `"${value}"` : JSONStringify(value);
}

/** The most property names whose quoted form a JSON.stringify call remembers. */
const QUOTED_KEYS_MAX = 1024;

/** A property name quoted, through the call's cache (records of one shape repeat their names). */
function quoteKey(state: JSONSerializationRecord, P: string): string {
  let quoted = state.quotedKeys.get(P);
  if (quoted === undefined) {
    quoted = QuoteJSONString(P);
    if (state.quotedKeys.size < QUOTED_KEYS_MAX) state.quotedKeys.set(P, quoted);
  }
  return quoted;
}

interface JSONSerializationRecord {
  /** Property names already quoted (see quoteKey). */
  quotedKeys: Map<string, string>;
  replacerFunction: Function | undefined;
  propertyList: string[] | undefined;
  stack: object[];
  /** The key under which each object of `stack` was reached (for V8's circular-structure message). */
  keys: (string | number)[];
  indent: string;
  gap: string;
}

/** SerializeJSONProperty (§25.5.2.2). */
function SerializeJSONProperty(realm: Realm, state: JSONSerializationRecord, key: string | number, holder: object): string | undefined {
  // A step per value, so that a timeout stops a long serialisation (the clock is read every few
  // thousand values; a structure that shares its parts can be far larger than what it allocated).
  if (--agent.steps <= 0) agent.tick();
  // An array index comes as a number: a Get with it is the Get with its string, made only if needed.
  let value: unknown = (holder as Record<string | number, unknown>)[key];
  if (isObject(value) || typeof value === 'bigint') {
    const toJSON = GetV(realm, value, 'toJSON');
    if (typeof toJSON === 'function') value = ReflectApply(toJSON, value, [typeof key === 'number' ? String(key) : key]);
  }
  if (state.replacerFunction !== undefined) value = ReflectApply(state.replacerFunction, holder, [typeof key === 'number' ? String(key) : key, value]);
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
    if (state.stack[i] === value) realm.throwTypeError(circularMessage(state, i, key));
  }
  state.stack.push(value);
  state.keys.push(key);
}

/** V8's message, which names the path that closes the circle. */
function circularMessage(state: JSONSerializationRecord, start: number, closingKey: string | number): string {
  const describeKey = (o: object, k: string | number) => (Array.isArray(o) ? `index ${k}` : `property '${k}'`);
  let m = `Converting circular structure to JSON\n    --> starting at object with constructor '${constructorName(state.stack[start])}'`;
  for (let j = start + 1; j < state.stack.length; j++) {
    m += `\n    |     ${describeKey(state.stack[j - 1], state.keys[j])} -> object with constructor '${constructorName(state.stack[j])}'`;
  }
  return `${m}\n    --- ${describeKey(state.stack[state.stack.length - 1], closingKey)} closes the circle`;
}

function constructorName(o: object): string {
  const proto = Object.getPrototypeOf(o) as object | null;
  const d = proto === null ? undefined : Object.getOwnPropertyDescriptor(proto, 'constructor');
  const c = d !== undefined && 'value' in d ? d.value : undefined;
  const n = typeof c === 'function' ? Object.getOwnPropertyDescriptor(c, 'name')?.value : undefined;
  return typeof n === 'string' && n !== '' ? n : 'Object';
}

/** SerializeJSONObject (§25.5.2.5). */
function SerializeJSONObject(realm: Realm, state: JSONSerializationRecord, value: object, key: string | number): string {
  enter(realm, state, value, key);
  const stepback = state.indent;
  state.indent = stepback + state.gap;
  const K = state.propertyList ?? hostCall(realm, ObjectKeys, undefined, [value]);
  const partial: string[] = [];
  for (const P of K) {
    const strP = SerializeJSONProperty(realm, state, P, value);
    if (strP !== undefined) partial.push(quoteKey(state, P) + (state.gap === '' ? ':' : ': ') + strP);
  }
  if (agent.allocLimit !== Infinity) chargeJoined(partial, state);
  let final: string;
  if (partial.length === 0) final = '{}';
  else if (state.gap === '') final = `{${partial.join(',')}}`;
  else final = `{\n${state.indent}${partial.join(`,\n${state.indent}`)}\n${stepback}}`;
  state.stack.pop();
  state.keys.pop();
  state.indent = stepback;
  return final;
}

/** Counts the string an object's or array's parts are about to be joined into (parts, separators,
 * indentation) against the allocation budget (only while one is set: it is a pass over the parts). */
function chargeJoined(partial: readonly string[], state: JSONSerializationRecord): void {
  let size = 2 + partial.length * (2 + state.indent.length);
  for (let i = 0; i < partial.length; i++) size += partial[i]!.length;
  chargeString(size);
}

/** SerializeJSONArray (§25.5.2.6). */
function SerializeJSONArray(realm: Realm, state: JSONSerializationRecord, value: object, key: string | number): string {
  enter(realm, state, value, key);
  const stepback = state.indent;
  state.indent = stepback + state.gap;
  const partial: string[] = [];
  const len = LengthOfArrayLike(realm, value);
  for (let index = 0; index < len; index++) {
    const strP = SerializeJSONProperty(realm, state, index, value);
    partial.push(strP === undefined ? 'null' : strP);
  }
  if (agent.allocLimit !== Infinity) chargeJoined(partial, state);
  let final: string;
  if (partial.length === 0) final = '[]';
  else if (state.gap === '') final = `[${partial.join(',')}]`;
  else final = `[\n${state.indent}${partial.join(`,\n${state.indent}`)}\n${stepback}]`;
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
      if (typeof reviver !== 'function') {
        const size = adoptParsed(realm, unfiltered, !realm.isHost, budget);
        if (budget) agent.charge(size);
        return unfiltered;
      }
      // With a reviver, the values are built again beside their parse records (the text is valid JSON):
      // under a budget, counted first as the host's tree twice over (the values and their records).
      if (budget) agent.charge(2 * adoptParsed(realm, unfiltered, false, true));
      const parseRecord = ParseJSONWithRecords(realm, jsonString);
      const root = ObjectCreate(I.ObjectPrototype) as object;
      CreateDataPropertyOrThrow(realm, root, '', parseRecord.value);
      // The host's errors the walk can raise (a Proxy trap's invariant checks, a revoked Proxy) become
      // the realm's here, once; the reviver's own throws are guest values and pass through.
      try {
        return InternalizeJSONProperty(realm, root, '', reviver, parseRecord);
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
