// %String% and %String.prototype% (ECMA-262 §22.1, Annex B.2.2).
//
// The methods that only work on strings run the host's own String.prototype method (captured at
// load) on the primitive `this` string: their argument conversions run the realm's code for realm
// objects, and their errors are brought into the realm. The methods that take a regexp or searcher
// (match, matchAll, replace, replaceAll, search, split) follow the spec's @@-protocol themselves.
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, m, method, type BuiltinEntry, calledByHost } from '../builtin.js';
import { toRealmError } from '../host-errors.js';
import { callBuiltinFromHost } from '../membrane.js';
import {
  GetMethod, GetPrototypeFromConstructor, Invoke, IsCallable, IsIntegralNumber, LengthOfArrayLike, RequireObjectCoercible,
  ToIntegerOrInfinity, ToLength, ToNumber, ToObject, ToString, ToUint16, ToUint32, adoptArray, isObject, setFunctionRealm,
} from '../abstract-ops.js';
import { agent } from '../agent.js';
import { ELEMENT_BYTES, STRING_BYTES, chargeElements, chargeString } from '../allocation.js';
import { createStringIterator, installStringIterator } from './string-iterator.js';
import { isRegExp, regExpCreate } from './regexp.js';
import { GetSubstitution, StringIndexOf, substring } from '../abstract-ops/string-operations.js';
import {
  HostString, MathMax, MathMin, ObjectDefineProperty, ObjectSetPrototypeOf, ReflectApply, StringFromCharCode,
  StringFromCodePoint, StringPrototype, StringPrototypeCharAt, StringPrototypeCharCodeAt, StringPrototypeEndsWith,
  StringPrototypeIncludes, StringPrototypeIndexOf, StringPrototypeLastIndexOf, StringPrototypeReplaceAll, StringPrototypeSlice, StringPrototypeSplit,
  ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf,
  StringPrototypeStartsWith, StringPrototypeSubstr, StringPrototypeSubstring, StringPrototypeToLowerCase,
  StringPrototypeToUpperCase, StringPrototypeTrim, StringPrototypeValueOf,
} from '../primordials.js';

const hostStringMethod = (name: string): Function => (StringPrototype as unknown as Record<string, Function>)[name];

/** Argument lists for String.fromCharCode/fromCodePoint are split so the host's argument limit is never hit. */
const CHUNK = 8192;

/** RequireObjectCoercible with V8's message, then ToString (the `this` of every String method). */
function thisString(realm: Realm, t: unknown, name: string): string {
  if (typeof t === 'string') return t;
  RequireObjectCoercible(realm, t, `String.prototype.${name}`);
  return ToString(realm, t);
}

/** thisStringValue (§22.1.3.35.1): a string, or a String wrapper's [[StringData]]. */
function thisStringValue(realm: Realm, v: unknown, name: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) {
    // The host's valueOf reads [[StringData]] without running guest code, and throws without it.
    try { return ReflectApply(StringPrototypeValueOf, v, []) as string; } catch { /* not a String wrapper */ }
  }
  return realm.throwTypeError(`String.prototype.${name} requires that 'this' be a String`);
}

function symbolDescriptiveString(s: symbol): string {
  const d = s.description;
  return `Symbol(${d === undefined ? '' : d})`;
}

// ---------------------------------------------------------------------------------------------
// §22.1.2 Properties of the String constructor

function fromCharCode(realm: Realm, codeUnits: unknown[]): string {
  const n = codeUnits.length;
  if (n === 1) {
    const c = codeUnits[0];
    // The host's fromCharCode applies ToUint16 to a number itself.
    return StringFromCharCode(typeof c === 'number' ? c : ToUint16(realm, c));
  }
  const units: number[] = [];
  for (let i = 0; i < n; i++) units.push(ToUint16(realm, codeUnits[i]));
  chargeString(n);
  if (n <= CHUNK) return ReflectApply(StringFromCharCode, undefined, units) as string;
  let result = '';
  for (let i = 0; i < n; i += CHUNK) result += ReflectApply(StringFromCharCode, undefined, units.slice(i, i + CHUNK));
  return result;
}

function fromCodePoint(realm: Realm, _t: unknown, codePoints: unknown[]): unknown {
  const n = codePoints.length;
  const cps: number[] = [];
  for (let i = 0; i < n; i++) {
    const next = codePoints[i];
    const nextCP = ToNumber(realm, next);
    if (!IsIntegralNumber(nextCP) || nextCP < 0 || nextCP > 0x10ffff) realm.throwRangeError(`Invalid code point ${ToString(realm, nextCP)}`);
    cps.push(nextCP);
  }
  chargeString(2 * n);
  let result = '';
  for (let i = 0; i < n; i += CHUNK) result += ReflectApply(StringFromCodePoint, undefined, cps.slice(i, i + CHUNK));
  return result;
}

function raw(realm: Realm, _t: unknown, args: unknown[]): unknown {
  const substitutionCount = MathMax(args.length - 1, 0);
  const cooked = ToObject(realm, args[0]);
  const literals = ToObject(realm, (cooked as Record<string, unknown>).raw) as Record<number, unknown>;
  const literalCount = LengthOfArrayLike(realm, literals);
  if (literalCount <= 0) return '';
  let R = '';
  for (let nextIndex = 0; ; nextIndex++) {
    const literal = ToString(realm, literals[nextIndex]);
    agent.charge(literal.length);
    R += literal;
    if (nextIndex + 1 === literalCount) return R;
    if (nextIndex < substitutionCount) {
      const sub = ToString(realm, args[nextIndex + 1]);
      agent.charge(sub.length);
      R += sub;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// §22.1.3 The methods that take a regexp or a searcher

/** String.prototype.match and .search (§22.1.3.13, §22.1.3.23): the argument's own @@match or
 * @@search method if it has one, else that method of a RegExp made from the argument. */
function viaRegExpMethod(realm: Realm, t: unknown, regexp: unknown, methodName: string, key: symbol): unknown {
  const O = RequireObjectCoercible(realm, t, methodName);
  if (isObject(regexp)) {
    const method = GetMethod(realm, regexp, key);
    if (method !== undefined) return ReflectApply(method, regexp, [O]);
  }
  const S = ToString(realm, O);
  const rx = regExpCreate(realm, regexp, undefined);
  return Invoke(realm, rx, key, [S]);
}

function match(realm: Realm, t: unknown, args: unknown[]): unknown {
  return viaRegExpMethod(realm, t, args[0], 'String.prototype.match', Symbol.match);
}

function matchAll(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = RequireObjectCoercible(realm, t, 'String.prototype.matchAll');
  const regexp = args[0];
  if (isObject(regexp)) {
    if (isRegExp(realm, regexp)) {
      const flags = RequireObjectCoercible(realm, (regexp as Record<string, unknown>).flags);
      if (StringIndexOf(ToString(realm, flags), 'g', 0) < 0) realm.throwTypeError('String.prototype.matchAll called with a non-global RegExp argument');
    }
    const matcher = GetMethod(realm, regexp, Symbol.matchAll);
    if (matcher !== undefined) return ReflectApply(matcher, regexp, [O]);
  }
  const S = ToString(realm, O);
  const rx = regExpCreate(realm, regexp, 'g');
  return Invoke(realm, rx, Symbol.matchAll, [S]);
}

function replace(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = RequireObjectCoercible(realm, t, 'String.prototype.replace');
  const [searchValue, replaceValue] = args;
  if (isObject(searchValue)) {
    const replacer = GetMethod(realm, searchValue, Symbol.replace);
    if (replacer !== undefined) return ReflectApply(replacer, searchValue, [O, replaceValue]);
  }
  const string = ToString(realm, O);
  const searchString = ToString(realm, searchValue);
  const functionalReplace = IsCallable(replaceValue);
  const replaceTemplate = functionalReplace ? '' : ToString(realm, replaceValue);
  const position = StringIndexOf(string, searchString, 0);
  if (position === -1) return string;
  const preceding = substring(string, 0, position);
  const following = substring(string, position + searchString.length);
  const replacement = functionalReplace
    ? ToString(realm, (replaceValue as Function)(searchString, position, string))
    : GetSubstitution(realm, searchString, string, position, [], undefined, replaceTemplate);
  chargeString(replacement.length);
  return preceding + replacement + following;
}

function replaceAll(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = RequireObjectCoercible(realm, t, 'String.prototype.replaceAll');
  const [searchValue, replaceValue] = args;
  if (isObject(searchValue)) {
    if (isRegExp(realm, searchValue)) {
      const flags = RequireObjectCoercible(realm, (searchValue as Record<string, unknown>).flags);
      if (StringIndexOf(ToString(realm, flags), 'g', 0) < 0) realm.throwTypeError('String.prototype.replaceAll called with a non-global RegExp argument');
    }
    const replacer = GetMethod(realm, searchValue, Symbol.replace);
    if (replacer !== undefined) return ReflectApply(replacer, searchValue, [O, replaceValue]);
  }
  const string = ToString(realm, O);
  const searchString = ToString(realm, searchValue);
  const functionalReplace = IsCallable(replaceValue);
  const replaceTemplate = functionalReplace ? '' : ToString(realm, replaceValue);
  const searchLength = searchString.length;
  // A long string, a non-empty search string and a template without `$`: the host's replaceAll does
  // the same steps on primitive strings, when its result at most (every position a match) fits.
  if (!functionalReplace && searchLength > 0 && string.length >= HOST_SPLIT_MIN && string.length <= HOST_SPLIT_MAX
    && StringIndexOf(replaceTemplate, '$', 0) < 0 && hostStringChainLacks(Symbol.replace)
    && (agent.allocLimit === Infinity
      || agent.fits(STRING_BYTES + string.length + (string.length / searchLength) * replaceTemplate.length))) {
    agent.steps -= (string.length >> 10) + 1;
    if (agent.steps <= 0) agent.tick();
    const result = ReflectApply(StringPrototypeReplaceAll, string, [searchString, replaceTemplate]) as string;
    agent.charge(STRING_BYTES + result.length);
    return result;
  }
  const advanceBy = MathMax(1, searchLength);
  const matchPositions: number[] = [];
  let position = StringIndexOf(string, searchString, 0);
  while (position !== -1) {
    agent.charge(ELEMENT_BYTES);
    matchPositions.push(position);
    position = position + advanceBy > string.length ? -1 : StringIndexOf(string, searchString, position + advanceBy);
  }
  let endOfLastMatch = 0;
  let result = '';
  for (const p of matchPositions) {
    const preserved = substring(string, endOfLastMatch, p);
    const replacement = functionalReplace
      ? ToString(realm, (replaceValue as Function)(searchString, p, string))
      : GetSubstitution(realm, searchString, string, p, [], undefined, replaceTemplate);
    agent.charge(preserved.length + replacement.length);
    result += preserved + replacement;
    endOfLastMatch = p + searchLength;
  }
  if (endOfLastMatch < string.length) result += substring(string, endOfLastMatch);
  return result;
}

function search(realm: Realm, t: unknown, args: unknown[]): unknown {
  return viaRegExpMethod(realm, t, args[0], 'String.prototype.search', Symbol.search);
}

/** The longest string split (or searched by replaceAll) by the host's own method in one uninterruptible
 * call (a few ms). */
const HOST_SPLIT_MAX = 1 << 22;
/** Below this length the loops here are as fast as the host's method and its checks. */
const HOST_SPLIT_MIN = 256;

/** Whether the host's split (or replaceAll), given a primitive separator (search string), would find
 * no @@split (@@replace) on the host's String.prototype chain (V8 before the ES2025 change still looks
 * it up on primitives). Only an embedder could have put one there; found with own-descriptor reads only. */
function hostStringChainLacks(key: symbol): boolean {
  for (let p: object | null = StringPrototype; p !== null; p = ObjectGetPrototypeOf(p) as object | null) {
    if (ObjectGetOwnPropertyDescriptor(p, key) !== undefined) return false;
  }
  return true;
}

function split(realm: Realm, t: unknown, args: unknown[]): unknown {
  const O = RequireObjectCoercible(realm, t, 'String.prototype.split');
  const [separator, limit] = args;
  if (isObject(separator)) {
    const splitter = GetMethod(realm, separator, Symbol.split);
    if (splitter !== undefined) return ReflectApply(splitter, separator, [O, limit]);
  }
  const S = ToString(realm, O);
  const lim = limit === undefined ? 4294967295 : ToUint32(realm, limit);
  const R = ToString(realm, separator);
  if (lim === 0) return adoptArray(realm, []);
  if (separator === undefined) return adoptArray(realm, [S]);
  const separatorLength = R.length;
  const strLen = S.length;
  const substrings: string[] = [];
  if (separatorLength === 0) {
    const n = MathMin(lim, strLen);
    chargeElements(n);
    for (let i = 0; i < n; i++) substrings.push(S[i]);
    return adoptArray(realm, substrings);
  }
  if (strLen === 0) return adoptArray(realm, [S]);
  // A long string: the host's split (the same steps on primitive strings) makes the list, when what it
  // can allocate (a string and an element per separator found, at most) fits in the budget.
  if (strLen >= HOST_SPLIT_MIN && strLen <= HOST_SPLIT_MAX && hostStringChainLacks(Symbol.split)
    && (agent.allocLimit === Infinity || agent.fits((ELEMENT_BYTES + STRING_BYTES) * (MathMin(lim, strLen / separatorLength + 1))))) {
    agent.steps -= (strLen >> 10) + 1;
    if (agent.steps <= 0) agent.tick();
    const list = ReflectApply(StringPrototypeSplit, S, [R, lim]) as string[];
    agent.charge(STRING_BYTES * list.length);
    return adoptArray(realm, list);
  }
  let i = 0;
  let j = StringIndexOf(S, R, 0);
  while (j !== -1) {
    agent.charge(ELEMENT_BYTES + STRING_BYTES);
    substrings.push(substring(S, i, j));
    if (substrings.length >= lim) return adoptArray(realm, substrings);
    i = j + separatorLength;
    j = StringIndexOf(S, R, i);
  }
  substrings.push(substring(S, i));
  return adoptArray(realm, substrings);
}

/** CreateHTML (§B.2.2.2.1) */
function createHTML(realm: Realm, t: unknown, name: string, tag: string, attribute: string, value: unknown): string {
  const S = thisString(realm, t, name);
  let p1 = '<' + tag;
  if (attribute !== '') {
    const V = ToString(realm, value);
    let escapedV = '';
    let from = 0;
    for (let q = StringIndexOf(V, '"', 0); q !== -1; q = StringIndexOf(V, '"', from)) {
      escapedV += substring(V, from, q) + '&quot;';
      from = q + 1;
    }
    escapedV += substring(V, from);
    p1 += ' ' + attribute + '="' + escapedV + '"';
  }
  return p1 + '>' + S + '</' + tag + '>';
}

// ---------------------------------------------------------------------------------------------

/** Methods that run the host's String.prototype method on the primitive string: [name, length]. None
 * distinguishes a missing argument from undefined, so each gets exactly three (concat: all of them). */
const delegated: ReadonlyArray<readonly [string, number]> = [
  ['at', 1], ['codePointAt', 1], ['isWellFormed', 0], ['localeCompare', 1], ['normalize', 0],
  ['toLocaleLowerCase', 0], ['toLocaleUpperCase', 0], ['toWellFormed', 0],
  ['trimEnd', 0], ['trimStart', 0],
];

/** §22.1.3.10 / §22.1.3.32 for hosts older than ES2024 (node 18): lone surrogates found, or replaced by U+FFFD. */
function wellFormed(replace: boolean) {
  return function (this: string): string | boolean {
    let out = '';
    let from = 0;
    for (let i = 0; i < this.length; i++) {
      const c = this.charCodeAt(i);
      if (c < 0xd800 || c > 0xdfff) continue;
      const next = this.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      if (!replace) return false;
      out += `${this.slice(from, i)}\ufffd`;
      from = i + 1;
    }
    return replace ? out + this.slice(from) : true;
  };
}
const fallbacks: Record<string, Function> = { isWellFormed: wellFormed(false), toWellFormed: wellFormed(true) };

function delegate(realm: Realm, name: string): (this: unknown, ...args: unknown[]) => unknown {
  const hostFn = hostStringMethod(name) ?? fallbacks[name];
  if (typeof hostFn !== 'function') throw new Error(`vmjs: the host lacks String.prototype.${name}`);
  return {
    builtin(this: unknown, a: unknown, b: unknown, c: unknown): unknown {
      try {
        return ReflectApply(hostFn, typeof this === 'string' ? this : thisString(realm, this, name), [a, b, c]);
      } catch (e) {
        throw toRealmError(realm, e);
      }
    },
  }.builtin;
}

const HostRepeat = hostStringMethod('repeat');
const HostPadStart = hostStringMethod('padStart');
const HostPadEnd = hostStringMethod('padEnd');

/** The methods whose result's size the guest chooses: the host makes the string, once the realm has
 * converted the arguments (in the spec's order) and counted the result against the allocation budget. */
function sizedMethods(realm: Realm) {
  // Called by host code outside a run in a context with a timeout or memory limit, each runs under them
  // (membrane.ts callBuiltinFromHost).
  const sized = {
    // §22.1.3.5 String.prototype.concat (sec-string.prototype.concat)
    concat(this: unknown, ...args: unknown[]): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, sized.concat, this, args);
      try {
        const S = thisString(realm, this, 'concat');
        let R = S;
        for (let i = 0; i < args.length; i++) {
          const next = ToString(realm, args[i]);
          agent.charge(next.length);
          R += next;
        }
        agent.charge(STRING_BYTES);
        return R;
      } catch (e) { throw toRealmError(realm, e); }
    },
    // §22.1.3.18 String.prototype.repeat (sec-string.prototype.repeat)
    repeat(this: unknown, count: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, sized.repeat, this, [count]);
      try {
        const S = thisString(realm, this, 'repeat');
        const n = ToIntegerOrInfinity(realm, count);
        if (n > 0 && n !== Infinity && S.length > 0) chargeString(S.length * n);
        return ReflectApply(HostRepeat, S, [n]);
      } catch (e) { throw toRealmError(realm, e); }
    },
    // §22.1.3.17 String.prototype.padStart (sec-string.prototype.padstart)
    padStart(this: unknown, maxLength: unknown, fillString: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, sized.padStart, this, [maxLength, fillString]);
      try { return pad(realm, thisString(realm, this, 'padStart'), maxLength, fillString, HostPadStart); } catch (e) { throw toRealmError(realm, e); }
    },
    // §22.1.3.16 String.prototype.padEnd (sec-string.prototype.padend)
    padEnd(this: unknown, maxLength: unknown, fillString: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, sized.padEnd, this, [maxLength, fillString]);
      try { return pad(realm, thisString(realm, this, 'padEnd'), maxLength, fillString, HostPadEnd); } catch (e) { throw toRealmError(realm, e); }
    },
  };
  return sized;
}

/** StringPaddingBuiltinsImpl (§22.1.3.17.1, sec-stringpaddingbuiltinsimpl): ToLength(maxLength) first, then the host pads (converting
 * fillString itself) once what it adds is counted. */
function pad(realm: Realm, S: string, maxLength: unknown, fillString: unknown, hostPad: Function): unknown {
  const intMaxLength = ToLength(realm, maxLength);
  if (intMaxLength > S.length) chargeString(intMaxLength);
  return ReflectApply(hostPad, S, [intMaxLength, fillString]);
}
const sizedLengths: Readonly<Record<string, number>> = { concat: 1, repeat: 1, padStart: 1, padEnd: 1 };

/** The most used delegated methods, each with its host function as a constant so V8 can inline the call. */
function hotMethods(realm: Realm) {
  const str = (t: unknown, name: string): string => (typeof t === 'string' ? t : thisString(realm, t, name));
  return {
    charAt(this: unknown, pos: unknown): unknown {
      try { return ReflectApply(StringPrototypeCharAt, str(this, 'charAt'), [pos]); } catch (e) { throw toRealmError(realm, e); }
    },
    charCodeAt(this: unknown, pos: unknown): unknown {
      try { return ReflectApply(StringPrototypeCharCodeAt, str(this, 'charCodeAt'), [pos]); } catch (e) { throw toRealmError(realm, e); }
    },
    endsWith(this: unknown, searchString: unknown, endPosition: unknown): unknown {
      try { return ReflectApply(StringPrototypeEndsWith, str(this, 'endsWith'), [searchString, endPosition]); } catch (e) { throw toRealmError(realm, e); }
    },
    includes(this: unknown, searchString: unknown, position: unknown): unknown {
      try { return ReflectApply(StringPrototypeIncludes, str(this, 'includes'), [searchString, position]); } catch (e) { throw toRealmError(realm, e); }
    },
    indexOf(this: unknown, searchString: unknown, position: unknown): unknown {
      try { return ReflectApply(StringPrototypeIndexOf, str(this, 'indexOf'), [searchString, position]); } catch (e) { throw toRealmError(realm, e); }
    },
    lastIndexOf(this: unknown, searchString: unknown, position: unknown): unknown {
      try { return ReflectApply(StringPrototypeLastIndexOf, str(this, 'lastIndexOf'), [searchString, position]); } catch (e) { throw toRealmError(realm, e); }
    },
    slice(this: unknown, start: unknown, end: unknown): unknown {
      try { return ReflectApply(StringPrototypeSlice, str(this, 'slice'), [start, end]); } catch (e) { throw toRealmError(realm, e); }
    },
    startsWith(this: unknown, searchString: unknown, position: unknown): unknown {
      try { return ReflectApply(StringPrototypeStartsWith, str(this, 'startsWith'), [searchString, position]); } catch (e) { throw toRealmError(realm, e); }
    },
    substring(this: unknown, start: unknown, end: unknown): unknown {
      try { return ReflectApply(StringPrototypeSubstring, str(this, 'substring'), [start, end]); } catch (e) { throw toRealmError(realm, e); }
    },
    substr(this: unknown, start: unknown, length: unknown): unknown {
      try { return ReflectApply(StringPrototypeSubstr, str(this, 'substr'), [start, length]); } catch (e) { throw toRealmError(realm, e); }
    },
    toLowerCase(this: unknown): unknown {
      try { return ReflectApply(StringPrototypeToLowerCase, str(this, 'toLowerCase'), []); } catch (e) { throw toRealmError(realm, e); }
    },
    toUpperCase(this: unknown): unknown {
      try { return ReflectApply(StringPrototypeToUpperCase, str(this, 'toUpperCase'), []); } catch (e) { throw toRealmError(realm, e); }
    },
    trim(this: unknown): unknown {
      try { return ReflectApply(StringPrototypeTrim, str(this, 'trim'), []); } catch (e) { throw toRealmError(realm, e); }
    },
  };
}
const hotLengths: Readonly<Record<string, number>> = {
  charAt: 1, charCodeAt: 1, endsWith: 1, includes: 1, indexOf: 1, lastIndexOf: 1, slice: 2, startsWith: 1, substring: 2,
  substr: 2, toLowerCase: 0, toUpperCase: 0, trim: 0,
};

/** Annex B.2.2 HTML methods: [name, tag, attribute]. */
const htmlMethods: ReadonlyArray<readonly [string, string, string]> = [
  ['anchor', 'a', 'name'], ['big', 'big', ''], ['blink', 'blink', ''], ['bold', 'b', ''], ['fixed', 'tt', ''],
  ['fontcolor', 'font', 'color'], ['fontsize', 'font', 'size'], ['italics', 'i', ''], ['link', 'a', 'href'],
  ['small', 'small', ''], ['strike', 'strike', ''], ['sub', 'sub', ''], ['sup', 'sup', ''],
];

/** Creates %String%, %String.prototype% and %StringIteratorPrototype% for `realm`; defines `String`
 * on its global object. */
export function installString(realm: Realm): void {
  installStringIterator(realm);
  // %String.prototype% is itself a String exotic object whose [[StringData]] is "" (§22.1.3).
  const proto = new HostString('') as object;
  ObjectSetPrototypeOf(proto, realm.intrinsics.ObjectPrototype);

  const StringCtor = function String(this: unknown, ...args: unknown[]): unknown {
    try {
      let s: string;
      if (args.length === 0) s = '';
      else {
        const value = args[0];
        if (new.target === undefined && typeof value === 'symbol') return symbolDescriptiveString(value);
        s = ToString(realm, value);
      }
      if (new.target === undefined) return s;
      // StringCreate (§10.4.3.4)
      const p = GetPrototypeFromConstructor(realm, new.target, 'StringPrototype');
      const o = new HostString(s) as object;
      ObjectSetPrototypeOf(o, p);
      return o;
    } catch (e) {
      throw toRealmError(realm, e);
    }
  };
  createBuiltinConstructor(realm, StringCtor, 'String', 1, proto);
  setFunctionRealm(StringCtor, realm);
  realm.intrinsics.String = StringCtor;
  realm.intrinsics.StringPrototype = proto;

  defineTable(realm, StringCtor, [
    method('fromCharCode', 1, {
      fromCharCode(this: unknown, ...codeUnits: unknown[]): unknown {
        try { return fromCharCode(realm, codeUnits); } catch (e) { throw toRealmError(realm, e); }
      },
    }.fromCharCode),
    m(realm, 'fromCodePoint', 1, fromCodePoint),
    m(realm, 'raw', 1, raw),
  ]);

  const table: BuiltinEntry[] = [];
  for (const [name, length] of delegated) table.push(method(name, length, delegate(realm, name)));
  const hot = hotMethods(realm) as Record<string, (this: unknown, ...args: unknown[]) => unknown>;
  for (const name of Object.keys(hotLengths)) table.push(method(name, hotLengths[name], hot[name]));
  const sized = sizedMethods(realm) as Record<string, (this: unknown, ...args: unknown[]) => unknown>;
  for (const name of Object.keys(sizedLengths)) table.push(method(name, sizedLengths[name], sized[name]));
  table.push(
    m(realm, 'match', 1, match),
    m(realm, 'matchAll', 1, matchAll),
    m(realm, 'replace', 2, replace),
    m(realm, 'replaceAll', 2, replaceAll),
    m(realm, 'search', 1, search),
    m(realm, 'split', 2, split),
    m(realm, 'toString', 0, (r, t) => thisStringValue(r, t, 'toString')),
    m(realm, 'valueOf', 0, (r, t) => thisStringValue(r, t, 'valueOf')),
    m(realm, Symbol.iterator, 0, (r, t) => createStringIterator(r, thisString(r, t, '[Symbol.iterator]'))),
  );
  for (const [name, tag, attribute] of htmlMethods) {
    table.push(m(realm, name, attribute === '' ? 0 : 1, (r, t, a) => createHTML(r, t, name, tag, attribute, a[0])));
  }
  defineTable(realm, proto, table);
  // Annex B.2.2.15-16: trimLeft and trimRight are the same function objects as trimStart and trimEnd.
  const P = proto as Record<string, unknown>;
  ObjectDefineProperty(proto, 'trimLeft', { value: P.trimStart, writable: true, enumerable: false, configurable: true });
  ObjectDefineProperty(proto, 'trimRight', { value: P.trimEnd, writable: true, enumerable: false, configurable: true });

  ObjectDefineProperty(realm.globalObject, 'String', { value: StringCtor, writable: true, enumerable: false, configurable: true });
}
