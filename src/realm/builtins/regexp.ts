// %RegExp%, %RegExp.prototype% and %RegExpStringIteratorPrototype% (ECMA-262 §22.2), first slice.
//
// A realm's RegExp objects are host RegExp objects (created by the host constructor, so they have
// [[RegExpMatcher]], [[OriginalSource]] and [[OriginalFlags]]) whose [[Prototype]] is the realm's
// %RegExp.prototype%. RegExpBuiltinExec is the host's RegExp.prototype.exec applied to them; the
// protocol methods (@@match, @@replace, @@split, …) are the spec's algorithms written out, so every
// Get/Set a guest can observe happens as the spec says.
import type { Realm } from '../realm.js';
import { accessor, calledByHost, createBuiltinConstructor, defineTable, m, method, value, wrap } from '../builtin.js';
import { callBuiltinFromHost } from '../membrane.js';
import { toRealmError } from '../host-errors.js';
import {
  Construct, CreateIterResultObject, GetPrototypeFromConstructor, LengthOfArrayLike, SameValue, SpeciesConstructor,
  ToIntegerOrInfinity, ToLength, ToObject, ToString, ToUint32, adoptArray, describeValue, isObject, setFunctionRealm,
} from '../abstract-ops.js';
import { GetSubstitution, StringIndexOf, substring } from '../abstract-ops/string-operations.js';
import { agent } from '../agent.js';
import { needsEntryBudget, runHostEntry } from '../host-entry.js';
import { keepsReferents, recordsReferents } from '../hidden-referents.js';
import { codeUnitsOf } from '../regexp/matcher.js';
import { forgetProgram, programFor, programOf, type RegExpProgram } from '../regexp/program.js';
import {
  HostRegExp, MathMax, MathMin, NumberPrototypeToString, ObjectCreate, ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor, ObjectSetPrototypeOf, ReflectApply, RegExpPrototype, RegExpPrototypeCompile,
  RegExpPrototypeExec, StringPrototypeCharCodeAt, StringPrototypeCodePointAt,
} from '../primordials.js';

const getter = (name: string): Function => ObjectGetOwnPropertyDescriptor(RegExpPrototype, name)!.get!;
const hostSourceGetter = getter('source');

/** The flags in the order RegExp.prototype.flags lists them (§22.2.6.4), with the host getter that
 * reads each from [[OriginalFlags]]. The host may lack a newer flag's getter. */
const flagTable: ReadonlyArray<readonly [string, string, Function | undefined]> = ([
  ['hasIndices', 'd'], ['global', 'g'], ['ignoreCase', 'i'], ['multiline', 'm'], ['dotAll', 's'], ['unicode', 'u'],
  ['unicodeSets', 'v'], ['sticky', 'y'],
] as const).map(([name, ch]) => [name, ch, ObjectGetOwnPropertyDescriptor(RegExpPrototype, name)?.get] as const);

type Obj = Record<PropertyKey, unknown>;

/** [[Realm]] of RegExps made by a realm's RegExp constructor, or null where [[LegacyFeaturesEnabled]]
 * is false (subclass instances); Annex B's compile refuses both kinds of foreign instance. Literals
 * and internally created RegExps are not recorded: they are always of the realm that made them. */
const regExpRealms = new WeakMap<RegExp, Realm | null>();

class SlotBase { constructor(o: object) { return o; } }

/** What vmjs keeps on each RegExp a realm makes (RegExpInitialize): the pattern and flags the host
 * compiled, and the program for them once a match needed it. Private fields on the host RegExp
 * itself, read faster than a WeakMap; RegExps made elsewhere (the host's own) use programOf's map. */
/** The bit of each flag character in RegExpSlots' flag bits. */
function flagBit(ch: string): number {
  switch (ch) {
    case 'd': return 1;
    case 'g': return 2;
    case 'i': return 4;
    case 'm': return 8;
    case 's': return 16;
    case 'u': return 32;
    case 'v': return 64;
    case 'y': return 128;
    default: return 0;
  }
}

function flagBitsOf(flags: string): number {
  let bits = 0;
  for (let i = 0; i < flags.length; i++) bits |= flagBit(flags[i]);
  return bits;
}

class RegExpSlots extends SlotBase {
  #source: string;
  #flags: string;
  #program: RegExpProgram | null = null;
  /** [[OriginalFlags]] as bits of flagBit. */
  #flagBits: number;
  constructor(rx: RegExp, source: string, flags: string) {
    super(rx);
    this.#source = source;
    this.#flags = flags;
    this.#flagBits = flagBitsOf(flags);
  }

  /** [[OriginalFlags]] of a RegExp a realm made, as bits of flagBit; -1 for any other object. */
  static flagBits(o: object): number {
    return #flagBits in o ? (o as unknown as RegExpSlots).#flagBits : -1;
  }

  /** Whether `o` is a RegExp a realm made (so has [[RegExpMatcher]]). */
  static has(o: object): boolean {
    return #source in o;
  }

  /** RegExp.prototype.compile gave `rx` a new pattern and flags. */
  static recompiled(rx: RegExp, source: string, flags: string): void {
    if (!(#source in rx)) return;
    const slots = rx as unknown as RegExpSlots;
    slots.#source = source;
    slots.#flags = flags;
    slots.#flagBits = flagBitsOf(flags);
    slots.#program = null;
  }

  /** The program of RegExp `rx`. */
  static programOf(rx: RegExp): RegExpProgram {
    if (!(#source in rx)) return programOf(rx, readProgramKey);
    const slots = rx as unknown as RegExpSlots;
    const p = slots.#program;
    if (p !== null) return p;
    return slots.#program = programFor(slots.#source, slots.#flags);
  }
}

/** Whether `o` has a [[RegExpMatcher]] internal slot; runs no guest code. (The host's
 * %RegExp.prototype% has no matcher but its `source` getter answers; guest code never sees it.) */
export function hasRegExpMatcher(o: unknown): o is RegExp {
  if (!isObject(o) || o === RegExpPrototype) return false;
  if (RegExpSlots.has(o)) return true;
  try {
    ReflectApply(hostSourceGetter, o, []);
    return true;
  } catch {
    return false;
  }
}

/** IsRegExp (§7.2.8) */
export function isRegExp(_realm: Realm, argument: unknown): boolean {
  if (!isObject(argument)) return false;
  const matcher = (argument as Obj)[Symbol.match];
  if (matcher !== undefined) return !!matcher;
  return hasRegExpMatcher(argument);
}

function originalSource(rx: RegExp): string {
  // EscapeRegExpPattern of [[OriginalSource]]: compiles to the same pattern under any flags.
  return ReflectApply(hostSourceGetter, rx, []) as string;
}

function originalFlags(rx: RegExp): string {
  let f = '';
  for (let i = 0; i < flagTable.length; i++) {
    const get = flagTable[i][2];
    if (get !== undefined && ReflectApply(get, rx, [])) f += flagTable[i][1];
  }
  return f;
}

/** RegExpAlloc + RegExpInitialize (§22.2.3.1-2) with the prototype already chosen. */
function regExpInitialize(realm: Realm, pattern: unknown, flags: unknown, proto: object): RegExp {
  const P = pattern === undefined ? '' : ToString(realm, pattern);
  const F = flags === undefined ? '' : ToString(realm, flags);
  let rx: RegExp;
  try {
    rx = new HostRegExp(P, F);
  } catch (e) {
    throw toRealmError(realm, e);
  }
  if (!(realm.isHost && proto === RegExpPrototype)) ObjectSetPrototypeOf(rx, proto);
  new RegExpSlots(rx, P, F);
  // [[OriginalSource]] is a host slot the walk cannot read: recorded (retained-memory.ts).
  if (recordsReferents(realm)) keepsReferents(rx, [P]);
  return rx;
}

/** RegExpCreate (§22.2.3.1) */
export function regExpCreate(realm: Realm, P: unknown, F: unknown): RegExp {
  return regExpInitialize(realm, P, F, realm.intrinsics.RegExpPrototype as object);
}

/** A regular expression literal's value (§13.2.7.3): a new RegExp of the realm each evaluation.
 * The parser has already checked the pattern and flags (early errors). */
export function createRegExpLiteral(realm: Realm, pattern: string, flags: string): RegExp {
  return regExpInitialize(realm, pattern, flags, realm.isHost ? RegExpPrototype : realm.intrinsics.RegExpPrototype as object);
}

/** Gives a host exec result (and its `indices`) the realm's %Array.prototype%; `groups` objects
 * already have a null prototype. */
function adoptMatch(realm: Realm, result: unknown[] | null): unknown[] | null {
  if (result === null || realm.isHost) return result;
  adoptArray(realm, result);
  const indices = (result as unknown as Obj).indices as unknown[] | undefined;
  if (indices !== undefined) {
    adoptArray(realm, indices);
    for (let i = 0; i < indices.length; i++) if (indices[i] !== undefined) adoptArray(realm, indices[i] as unknown[]);
    const groups = (indices as unknown as Obj).groups as Obj | undefined;
    if (groups !== undefined) for (const k in groups) if (groups[k] !== undefined) adoptArray(realm, groups[k] as unknown[]);
  }
  return result;
}

const readProgramKey = (rx: object): readonly [string, string] => [originalSource(rx as RegExp), originalFlags(rx as RegExp)];

/** RegExpBuiltinExec (§22.2.7.2). Every call is a guest step. The safety analysis (regexp/safety.ts)
 * decides, for this pattern and this input's length, whether the host's exec runs it (its work is
 * bounded) or vmjs's own matcher does (every step under the budget). `expose`: the result reaches
 * guest code, so it must carry the realm's prototypes (internal uses read it and drop it). */
function builtinExec(realm: Realm, R: RegExp, S: string, expose: boolean): unknown[] | null {
  // tick() is true when host code called: outside a run, the match runs under the context's own
  // timeout and budget (host-entry.ts), as a guest function the host calls does.
  if (--agent.steps <= 0 && agent.tick() && needsEntryBudget(realm)) return runHostEntry(realm, () => builtinExec(realm, R, S, expose));
  const program = RegExpSlots.programOf(R);
  const result = program.onHost(S.length)
    ? ReflectApply(RegExpPrototypeExec, R, [S]) as unknown[] | null
    : ownBuiltinExec(realm, R, S, program);
  if (result !== null) updateLegacyStatics(realm, R, S, result, expose);
  return expose ? adoptMatch(realm, result) : result;
}

/** RegExpBuiltinExec (§22.2.7.2) with vmjs's matcher as [[RegExpMatcher]]. */
function ownBuiltinExec(realm: Realm, R: RegExp, S: string, program: RegExpProgram): unknown[] | null {
  const length = S.length;
  let lastIndex = ToLength(realm, (R as unknown as Obj).lastIndex);
  const { global, sticky, hasIndices, fullUnicode } = program;
  if (!global && !sticky) lastIndex = 0;
  if (lastIndex > length) {
    if (global || sticky) (R as unknown as Obj).lastIndex = 0;
    return null;
  }
  // The loop over start positions (steps 11-12) runs in the matcher.
  const captures = program.matcher.search(S, codeUnitsOf(S), lastIndex, sticky);
  if (captures === null) {
    if (global || sticky) (R as unknown as Obj).lastIndex = 0;
    return null;
  }
  lastIndex = captures[0];
  const e = captures[1];
  if (global || sticky) (R as unknown as Obj).lastIndex = e;
  const { groupCount, groupNames, hasNamedGroups } = program.parsed;
  const A: unknown[] = [];
  for (let i = 0; i <= groupCount; i++) {
    const s = captures[2 * i];
    A[i] = s < 0 ? undefined : substring(S, s, captures[2 * i + 1]);
  }
  const result = A as unknown as Obj;
  result.index = lastIndex;
  result.input = S;
  let groups: Obj | undefined;
  if (hasNamedGroups) {
    groups = ObjectCreate(null) as Obj;
    for (let i = 1; i <= groupCount; i++) {
      const name = groupNames[i];
      if (name !== undefined && (groups[name] === undefined || A[i] !== undefined)) groups[name] = A[i];
    }
  }
  result.groups = groups;
  if (hasIndices) {
    // MakeMatchIndicesIndexPairArray (§22.2.7.8)
    const indices: unknown[] = [];
    for (let i = 0; i <= groupCount; i++) {
      const s = captures[2 * i];
      indices[i] = s < 0 ? undefined : [s, captures[2 * i + 1]];
    }
    let groupIndices: Obj | undefined;
    if (hasNamedGroups) {
      groupIndices = ObjectCreate(null) as Obj;
      for (let i = 1; i <= groupCount; i++) {
        const name = groupNames[i];
        if (name !== undefined && (groupIndices[name] === undefined || indices[i] !== undefined)) groupIndices[name] = indices[i];
      }
    }
    (indices as unknown as Obj).groups = groupIndices;
    result.indices = indices;
  }
  return A;
}

// ---------------------------------------------------------------------------------------------
// Legacy static properties of %RegExp% (Annex B proposal "RegExp legacy features": RegExp.$1-$9,
// input/$_, lastMatch/$&, lastParen/$+, leftContext/$`, rightContext/$').

/** The last successful match of a realm's RegExpBuiltinExec. `captures` is a host array no guest code
 * can change (an exec result that reaches guest code is copied first). */
interface LegacyStatics {
  invalid: boolean;
  input: string;
  matchStart: number;
  matchEnd: number;
  captures: ArrayLike<unknown>;
}

const legacyStatics = new WeakMap<Realm, LegacyStatics>();
let lastRealm: Realm | null = null;
let lastStatics: LegacyStatics | null = null;

function staticsOf(realm: Realm): LegacyStatics {
  if (realm !== lastRealm) {
    lastStatics = legacyStatics.get(realm)!;
    lastRealm = realm;
  }
  return lastStatics!;
}

/** UpdateLegacyRegExpStaticProperties / InvalidateLegacyRegExpStaticProperties, as RegExpBuiltinExec
 * calls them: only for a RegExp of the running realm; a subclass instance invalidates. */
function updateLegacyStatics(realm: Realm, R: RegExp, S: string, result: unknown[], expose: boolean): void {
  const rRealm = regExpRealms.get(R);
  if (rRealm !== undefined && rRealm !== realm && rRealm !== null) return;
  const st = staticsOf(realm);
  if (st === undefined) return;
  if (rRealm === null) {
    st.invalid = true;
    return;
  }
  st.invalid = false;
  st.input = S;
  st.matchStart = (result as unknown as { index: number }).index;
  st.matchEnd = st.matchStart + (result[0] as string).length;
  st.captures = expose ? copyOf(result) : result;
}

/** A copy of an array's elements (the host's slice takes a slow path once any realm's %Array.prototype%
 * has its own `constructor`, which every realm's has). */
function copyOf(a: unknown[]): unknown[] {
  const n = a.length;
  const copy: unknown[] = [];
  for (let i = 0; i < n; i++) copy[i] = a[i];
  return copy;
}

function legacyCapture(st: LegacyStatics, i: number): string {
  const c = i < st.captures.length ? st.captures[i] : undefined;
  return c === undefined ? '' : c as string;
}

function installLegacyStatics(realm: Realm, RegExpCtor: Function): void {
  const st: LegacyStatics = { invalid: false, input: '', matchStart: 0, matchEnd: 0, captures: [''] };
  legacyStatics.set(realm, st);
  lastRealm = null;
  // GetLegacyRegExpStaticProperty (C, thisValue, internalSlotName)
  const getter = (read: (st: LegacyStatics) => string) => wrap(realm, (r, t) => {
    if (t !== RegExpCtor) r.throwTypeError('RegExp legacy static properties can only be read from the RegExp constructor of their realm');
    if (st.invalid) r.throwTypeError('RegExp legacy static properties are unavailable after a match by a RegExp subclass');
    return read(st);
  });
  // SetLegacyRegExpStaticProperty (C, thisValue, internalSlotName, val)
  const inputSetter = wrap(realm, (r, t, a) => {
    if (t !== RegExpCtor) r.throwTypeError('RegExp.input can only be set on the RegExp constructor of its realm');
    st.input = ToString(r, a[0]);
    return undefined;
  });
  const input = getter((s) => s.input);
  const lastMatch = getter((s) => substring(s.input, s.matchStart, s.matchEnd));
  const lastParen = getter((s) => (s.captures.length > 1 ? legacyCapture(s, s.captures.length - 1) : ''));
  const leftContext = getter((s) => substring(s.input, 0, s.matchStart));
  const rightContext = getter((s) => substring(s.input, s.matchEnd));
  const table = [
    accessor('input', input, inputSetter), accessor('$_', input, inputSetter),
    accessor('lastMatch', lastMatch), accessor('$&', lastMatch),
    accessor('lastParen', lastParen), accessor('$+', lastParen),
    accessor('leftContext', leftContext), accessor('$`', leftContext),
    accessor('rightContext', rightContext), accessor("$'", rightContext),
  ];
  for (let i = 1; i <= 9; i++) table.push(accessor('$' + i, getter((s) => legacyCapture(s, i))));
  defineTable(realm, RegExpCtor, table);
}

/** RegExpExec (§22.2.7.1) */
function regExpExec(realm: Realm, R: object, S: string, expose: boolean): object | null {
  const exec = (R as Obj).exec;
  if (exec === realm.intrinsics.RegExpPrototypeExec) {
    // The realm's own exec: RequireInternalSlot then RegExpBuiltinExec, without the call.
    if (!hasRegExpMatcher(R)) realm.throwTypeError(`Method RegExp.prototype.exec called on incompatible receiver ${describeValue(R)}`);
    return builtinExec(realm, R, S, expose);
  }
  if (typeof exec === 'function') {
    const result = ReflectApply(exec, R, [S]);
    if (result !== null && !isObject(result)) realm.throwTypeError('RegExp exec method returned something other than an Object or null');
    return result as object | null;
  }
  if (!hasRegExpMatcher(R)) realm.throwTypeError(`Method RegExp.prototype.exec called on incompatible receiver ${describeValue(R)}`);
  return builtinExec(realm, R, S, expose);
}

/** AdvanceStringIndex (§22.2.7.3) */
function advanceStringIndex(S: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= S.length) return index + 1;
  const first = S[index];
  if (first >= '\uD800' && first <= '\uDBFF') {
    const second = S[index + 1];
    if (second >= '\uDC00' && second <= '\uDFFF') return index + 2;
  }
  return index + 1;
}

function thisRegExpObject(realm: Realm, t: unknown, name: string): object {
  if (!isObject(t)) realm.throwTypeError(`Method RegExp.prototype.${name} called on incompatible receiver ${describeValue(t)}`);
  return t;
}

const hasFlag = (flags: string, ch: string): boolean => StringIndexOf(flags, ch, 0) >= 0;

// ---------------------------------------------------------------------------------------------
// §22.2.6 Properties of the RegExp prototype object

/** RegExp.prototype.exec ( string ) (§22.2.6.2, sec-regexp.prototype.exec) */
function exec(realm: Realm, t: unknown, string: unknown): unknown {
  if (!hasRegExpMatcher(t)) realm.throwTypeError(`Method RegExp.prototype.exec called on incompatible receiver ${describeValue(t)}`);
  return builtinExec(realm, t, ToString(realm, string), true);
}

/** RegExp.prototype.test ( S ) (§22.2.6.16, sec-regexp.prototype.test) */
function test(realm: Realm, t: unknown, string: unknown): unknown {
  const R = thisRegExpObject(realm, t, 'test');
  return regExpExec(realm, R, ToString(realm, string), false) !== null;
}

/** `exec` and `test` for `realm`: what `wrap` does, without an argument list (called for most matches). */
function execAndTest(realm: Realm): { exec: (this: unknown, string: unknown) => unknown; test: (this: unknown, S: unknown) => unknown } {
  const fns = {
    exec(this: unknown, string: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, fns.exec, this, [string]);
      try { return exec(realm, this, string); } catch (e) { throw toRealmError(realm, e); }
    },
    test(this: unknown, S: unknown): unknown {
      if (calledByHost(realm)) return callBuiltinFromHost(realm, fns.test, this, [S]);
      try { return test(realm, this, S); } catch (e) { throw toRealmError(realm, e); }
    },
  };
  return fns;
}

function regExpToString(realm: Realm, t: unknown): unknown {
  const R = thisRegExpObject(realm, t, 'toString') as Obj;
  const pattern = ToString(realm, R.source);
  const flags = ToString(realm, R.flags);
  return '/' + pattern + '/' + flags;
}

/** get RegExp.prototype.flags (§22.2.6.4, sec-get-regexp.prototype.flags) */
function flagsGetter(realm: Realm, t: unknown): unknown {
  if (!isObject(t)) realm.throwTypeError(`RegExp.prototype.flags getter called on non-object ${describeValue(t)}`);
  const R = t as { [name: string]: unknown };
  // Written out (in flagTable's order): a named load per flag keeps each site's inline cache.
  let result = '';
  if (R.hasIndices) result += 'd';
  if (R.global) result += 'g';
  if (R.ignoreCase) result += 'i';
  if (R.multiline) result += 'm';
  if (R.dotAll) result += 's';
  if (R.unicode) result += 'u';
  if (R.unicodeSets) result += 'v';
  if (R.sticky) result += 'y';
  return result;
}

/** The getter of a flag of %RegExp.prototype% (`get global`, …): RegExpHasFlag (§22.2.6.4.1,
 * sec-regexphasflag). Bounded work that calls no guest code, so not through `wrap` (read by every
 * `flags` read, eight times): the host's getter answers for a RegExp and throws for anything else. */
function flagGetter(realm: Realm, name: string, ch: string, hostGet: Function | undefined): (this: unknown) => unknown {
  const bit = flagBit(ch);
  return {
    get(this: unknown): unknown {
      if (isObject(this)) {
        // A RegExp a realm made answers from its slots.
        const bits = RegExpSlots.flagBits(this);
        if (bits >= 0) return (bits & bit) !== 0;
      }
      if (hostGet !== undefined && isObject(this) && this !== RegExpPrototype) {
        try {
          return !!ReflectApply(hostGet, this, []);
        } catch {
          // Not a RegExp: below.
        }
      } else if (hasRegExpMatcher(this)) {
        return false;
      }
      if (this === realm.intrinsics.RegExpPrototype) return undefined;
      return realm.throwTypeError(`RegExp.prototype.${name} getter called on non-RegExp object`);
    },
  }.get;
}

function symbolMatch(realm: Realm, t: unknown, args: unknown[]): unknown {
  const rx = thisRegExpObject(realm, t, '@@match') as Obj;
  const S = ToString(realm, args[0]);
  const flags = ToString(realm, rx.flags);
  if (!hasFlag(flags, 'g')) return regExpExec(realm, rx, S, true);
  const fullUnicode = hasFlag(flags, 'u') || hasFlag(flags, 'v');
  rx.lastIndex = 0;
  const A: string[] = [];
  for (;;) {
    const result = regExpExec(realm, rx, S, false) as Obj | null;
    if (result === null) return A.length === 0 ? null : adoptArray(realm, A);
    const matchStr = ToString(realm, result[0]);
    A.push(matchStr);
    if (matchStr === '') {
      const thisIndex = ToLength(realm, rx.lastIndex);
      rx.lastIndex = advanceStringIndex(S, thisIndex, fullUnicode);
    }
  }
}

function symbolMatchAll(realm: Realm, t: unknown, args: unknown[]): unknown {
  const R = thisRegExpObject(realm, t, '@@matchAll') as Obj;
  const S = ToString(realm, args[0]);
  const C = SpeciesConstructor(realm, R, realm.intrinsics.RegExp as Function);
  const flags = ToString(realm, R.flags);
  const matcher = Construct(C, [R, flags]) as Obj;
  const lastIndex = ToLength(realm, R.lastIndex);
  matcher.lastIndex = lastIndex;
  const global = hasFlag(flags, 'g');
  const fullUnicode = hasFlag(flags, 'u') || hasFlag(flags, 'v');
  return createRegExpStringIterator(realm, matcher, S, global, fullUnicode);
}

function symbolReplace(realm: Realm, t: unknown, args: unknown[]): unknown {
  const rx = thisRegExpObject(realm, t, '@@replace') as Obj;
  const S = ToString(realm, args[0]);
  const lengthS = S.length;
  let replaceValue = args[1];
  const functionalReplace = typeof replaceValue === 'function';
  if (!functionalReplace) replaceValue = ToString(realm, replaceValue);
  const flags = ToString(realm, rx.flags);
  const global = hasFlag(flags, 'g');
  let fullUnicode = false;
  if (global) {
    fullUnicode = hasFlag(flags, 'u') || hasFlag(flags, 'v');
    rx.lastIndex = 0;
  }
  const results: Obj[] = [];
  for (;;) {
    const result = regExpExec(realm, rx, S, false) as Obj | null;
    if (result === null) break;
    results.push(result);
    if (!global) break;
    const matchStr = ToString(realm, result[0]);
    if (matchStr === '') {
      const thisIndex = ToLength(realm, rx.lastIndex);
      rx.lastIndex = advanceStringIndex(S, thisIndex, fullUnicode);
    }
  }
  let accumulatedResult = '';
  let nextSourcePosition = 0;
  for (let r = 0; r < results.length; r++) {
    const result = results[r];
    const resultLength = LengthOfArrayLike(realm, result);
    const nCaptures = MathMax(resultLength - 1, 0);
    const matched = ToString(realm, result[0]);
    const matchLength = matched.length;
    const position = MathMax(MathMin(ToIntegerOrInfinity(realm, result.index), lengthS), 0);
    const captures: (string | undefined)[] = [];
    for (let n = 1; n <= nCaptures; n++) {
      const capN = result[n];
      captures.push(capN === undefined ? undefined : ToString(realm, capN));
    }
    let namedCaptures = result.groups;
    let replacement: string;
    if (functionalReplace) {
      const replacerArgs: unknown[] = [matched];
      for (let n = 0; n < captures.length; n++) replacerArgs[n + 1] = captures[n];
      replacerArgs[replacerArgs.length] = position;
      replacerArgs[replacerArgs.length] = S;
      if (namedCaptures !== undefined) replacerArgs.push(namedCaptures);
      replacement = ToString(realm, ReflectApply(replaceValue as Function, undefined, replacerArgs));
    } else {
      if (namedCaptures !== undefined) namedCaptures = ToObject(realm, namedCaptures);
      replacement = GetSubstitution(realm, matched, S, position, captures, namedCaptures, replaceValue as string);
    }
    if (position >= nextSourcePosition) {
      accumulatedResult += substring(S, nextSourcePosition, position) + replacement;
      nextSourcePosition = position + matchLength;
    }
  }
  if (nextSourcePosition >= lengthS) return accumulatedResult;
  return accumulatedResult + substring(S, nextSourcePosition);
}

function symbolSearch(realm: Realm, t: unknown, args: unknown[]): unknown {
  const rx = thisRegExpObject(realm, t, '@@search') as Obj;
  const S = ToString(realm, args[0]);
  const previousLastIndex = rx.lastIndex;
  if (!SameValue(previousLastIndex, 0)) rx.lastIndex = 0;
  const result = regExpExec(realm, rx, S, false) as Obj | null;
  const currentLastIndex = rx.lastIndex;
  if (!SameValue(currentLastIndex, previousLastIndex)) rx.lastIndex = previousLastIndex;
  if (result === null) return -1;
  return result.index;
}

function symbolSplit(realm: Realm, t: unknown, args: unknown[]): unknown {
  const rx = thisRegExpObject(realm, t, '@@split') as Obj;
  const S = ToString(realm, args[0]);
  const limit = args[1];
  const C = SpeciesConstructor(realm, rx, realm.intrinsics.RegExp as Function);
  const flags = ToString(realm, rx.flags);
  const unicodeMatching = hasFlag(flags, 'u') || hasFlag(flags, 'v');
  const newFlags = hasFlag(flags, 'y') ? flags : flags + 'y';
  const splitter = Construct(C, [rx, newFlags]) as Obj;
  const A: unknown[] = [];
  const lim = limit === undefined ? 4294967295 : ToUint32(realm, limit);
  if (lim === 0) return adoptArray(realm, A);
  const size = S.length;
  if (size === 0) {
    const z = regExpExec(realm, splitter, S, false);
    if (z === null) A.push(S);
    return adoptArray(realm, A);
  }
  if (C === realm.intrinsics.RegExp && execIsIntrinsic(realm)) return splitBySearch(realm, splitter as unknown as RegExp, S, lim, A);
  let p = 0;
  let q = p;
  while (q < size) {
    splitter.lastIndex = q;
    const z = regExpExec(realm, splitter, S, false) as Obj | null;
    if (z === null) {
      q = advanceStringIndex(S, q, unicodeMatching);
      continue;
    }
    const e = MathMin(ToLength(realm, splitter.lastIndex), size);
    if (e === p) {
      q = advanceStringIndex(S, q, unicodeMatching);
      continue;
    }
    A.push(substring(S, p, q));
    if (A.length === lim) return adoptArray(realm, A);
    p = e;
    const numberOfCaptures = MathMax(LengthOfArrayLike(realm, z) - 1, 0);
    for (let i = 1; i <= numberOfCaptures; i++) {
      A.push(z[i]);
      if (A.length === lim) return adoptArray(realm, A);
    }
    q = p;
  }
  A.push(substring(S, p, size));
  return adoptArray(realm, A);
}

/** Whether Get(R, "exec") of a RegExp made by the realm's %RegExp% (no own `exec`, the realm's
 * %RegExp.prototype%) gives the realm's own exec, read without running guest code. */
function execIsIntrinsic(realm: Realm): boolean {
  const desc = ObjectGetOwnPropertyDescriptor(realm.intrinsics.RegExpPrototype as object, 'exec');
  return desc !== undefined && desc.value === realm.intrinsics.RegExpPrototypeExec;
}

/** RegExp.prototype[@@split]'s loop (§22.2.6.14 steps 19-20) for a splitter whose exec is the realm's
 * RegExpBuiltinExec and observes nothing (a fresh RegExp of the realm's %RegExp%; nothing here runs
 * guest code, so its exec stays the realm's): the spec tries a sticky match at each position q in
 * turn; the first q from which one succeeds is where a search without `y` from q finds its match, so
 * each match costs one search instead of one exec per position. The positions skipped are steps. */
function splitBySearch(realm: Realm, splitter: RegExp, S: string, lim: number, A: unknown[]): unknown {
  const size = S.length;
  const program = RegExpSlots.programOf(splitter).unsticky;
  const fullUnicode = program.fullUnicode;
  const onHost = program.onHost(size);
  const hostSearcher = onHost ? program.searcher : null;
  const groupCount = program.parsed.groupCount;
  // The last successful match, for the legacy static properties, which RegExpBuiltinExec would have
  // updated at each one: the host's exec result, or vmjs's matcher's captures.
  let lastResult: unknown[] | null = null;
  let lastCaptures: number[] | null = null;
  let p = 0;
  let q = 0;
  try {
    while (q < size) {
      let found: number;
      let e: number;
      if (hostSearcher !== null) {
        hostSearcher.lastIndex = q;
        const result = ReflectApply(RegExpPrototypeExec, hostSearcher, [S]) as unknown[] | null;
        if (result === null) break;
        found = (result as unknown as { index: number }).index;
        // The spec's loop stops before q reaches size: a match there (`$`) is never tried.
        if (found >= size) break;
        lastResult = result;
        e = found + (result[0] as string).length;
        // One step per position the spec's loop would have tried, 64 at a time (at least one per search).
        agent.steps -= ((found - q) >> 6) + 1;
      } else {
        // vmjs's matcher counts its own steps (one per start position and per instruction).
        const captures = program.matcher.search(S, codeUnitsOf(S), q, false);
        if (captures === null || captures[0] >= size) break;
        lastCaptures = captures;
        found = captures[0];
        e = captures[1];
        --agent.steps;
      }
      if (agent.steps <= 0) agent.tick();
      if (e === p) {
        // An empty match at p: the spec's loop moves on one character.
        q = advanceStringIndex(S, found, fullUnicode);
        continue;
      }
      A.push(substring(S, p, found));
      if (A.length === lim) return adoptArray(realm, A);
      p = e;
      for (let i = 1; i <= groupCount; i++) {
        if (lastResult !== null) A.push(lastResult[i]);
        else A.push(lastCaptures![2 * i] < 0 ? undefined : substring(S, lastCaptures![2 * i], lastCaptures![2 * i + 1]));
        if (A.length === lim) return adoptArray(realm, A);
      }
      q = p;
    }
    A.push(substring(S, p, size));
    return adoptArray(realm, A);
  } finally {
    // Keep no input alive through the cached host searcher.
    if (hostSearcher !== null) hostSearcher.lastIndex = 0;
    if (lastCaptures !== null) lastResult = capturesResult(S, lastCaptures, groupCount);
    if (lastResult !== null) updateLegacyStatics(realm, splitter, S, lastResult, false);
  }
}

/** What RegExpBuiltinExec returns for vmjs's matcher's captures, as far as the legacy static
 * properties read it (the strings and `index`). */
function capturesResult(S: string, captures: number[], groupCount: number): unknown[] {
  const A: unknown[] = [];
  for (let i = 0; i <= groupCount; i++) {
    const s = captures[2 * i];
    A[i] = s < 0 ? undefined : substring(S, s, captures[2 * i + 1]);
  }
  (A as unknown as Obj).index = captures[0];
  return A;
}

function compile(realm: Realm, t: unknown, args: unknown[]): unknown {
  if (!hasRegExpMatcher(t)) realm.throwTypeError(`Method RegExp.prototype.compile called on incompatible receiver ${describeValue(t)}`);
  const rRealm = regExpRealms.get(t);
  if (rRealm === null || (rRealm !== undefined && rRealm !== realm)) {
    realm.throwTypeError('RegExp.prototype.compile cannot be used on a RegExp of another realm or of a subclass');
  }
  const [pattern, flags] = args;
  let P: unknown;
  let F: unknown;
  if (hasRegExpMatcher(pattern)) {
    if (flags !== undefined) realm.throwTypeError('Cannot supply flags when constructing one RegExp from another');
    P = originalSource(pattern);
    F = originalFlags(pattern);
  } else {
    P = pattern;
    F = flags;
  }
  const Pstr = P === undefined ? '' : ToString(realm, P);
  const Fstr = F === undefined ? '' : ToString(realm, F);
  // The host's compile re-initialises the matcher in place and sets lastIndex to 0 (Set, throwing).
  ReflectApply(RegExpPrototypeCompile, t, [Pstr, Fstr]);
  forgetProgram(t);
  RegExpSlots.recompiled(t, Pstr, Fstr);
  if (recordsReferents(realm)) keepsReferents(t, [Pstr]);
  return t;
}

/** EncodeForRegExpEscape (§22.2.5.1.1) of code point `c` (its UTF-16 form `ch`). */
function encodeForRegExpEscape(c: number, ch: string): string {
  if (StringIndexOf('^$\\.*+?()[]{}|/', ch, 0) >= 0) return '\\' + ch;
  const control = StringIndexOf('\t\n\v\f\r', ch, 0);
  if (control >= 0) return '\\' + 'tnvfr'[control];
  if (StringIndexOf(',-=<>#&!%:;@~\'`"', ch, 0) >= 0 || isWhiteSpaceOrLineTerminator(c) || (c >= 0xd800 && c <= 0xdfff)) {
    if (c <= 0xff) return '\\x' + hex(c, 2);
    let escaped = '';
    for (let i = 0; i < ch.length; i++) escaped += '\\u' + hex(ReflectApply(StringPrototypeCharCodeAt, ch, [i]) as number, 4);
    return escaped;
  }
  return ch;
}

function hex(n: number, width: number): string {
  let h = ReflectApply(NumberPrototypeToString, n, [16]) as string;
  while (h.length < width) h = '0' + h;
  return h;
}

/** WhiteSpace (§12.2: TAB, VT, FF, ZWNBSP, USP = category Zs) or LineTerminator (§12.3). */
function isWhiteSpaceOrLineTerminator(c: number): boolean {
  return c === 0x09 || c === 0x0b || c === 0x0c || c === 0xfeff || c === 0x20 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 ||
    c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** RegExp.escape ( S ) (§22.2.5.1) */
function regExpEscape(realm: Realm, _t: unknown, args: unknown[]): unknown {
  const S = args[0];
  if (typeof S !== 'string') return realm.throwTypeError('RegExp.escape requires a string argument');
  let escaped = '';
  for (let i = 0; i < S.length; ) {
    const c = ReflectApply(StringPrototypeCodePointAt, S, [i]) as number;
    // Surrogates that do not form a pair are code points of their own (StringToCodePoints).
    const ch = c > 0xffff ? S[i] + S[i + 1] : S[i];
    i += ch.length;
    if (escaped === '' && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
      escaped += '\\x' + hex(c, 2);
    } else {
      escaped += encodeForRegExpEscape(c, ch);
    }
  }
  return escaped;
}

// ---------------------------------------------------------------------------------------------
// §22.2.9 RegExp String Iterator objects

class RegExpStringIteratorSlots extends SlotBase {
  #R: Obj;
  #S: string;
  #global: boolean;
  #fullUnicode: boolean;
  #done = false;
  constructor(o: object, R: Obj, S: string, global: boolean, fullUnicode: boolean) {
    super(o);
    this.#R = R;
    this.#S = S;
    this.#global = global;
    this.#fullUnicode = fullUnicode;
  }

  /** %RegExpStringIteratorPrototype%.next (§22.2.9.2.1) */
  static next(realm: Realm, it: unknown): object {
    if (typeof it !== 'object' || it === null || !(#R in it)) {
      realm.throwTypeError(`Method %RegExpStringIterator%.prototype.next called on incompatible receiver ${describeValue(it)}`);
    }
    const self = it as RegExpStringIteratorSlots;
    if (self.#done) return CreateIterResultObject(realm, undefined, true);
    const R = self.#R;
    const S = self.#S;
    const match = regExpExec(realm, R, S, true) as Obj | null;
    if (match === null) {
      self.#done = true;
      return CreateIterResultObject(realm, undefined, true);
    }
    if (self.#global) {
      const matchStr = ToString(realm, match[0]);
      if (matchStr === '') {
        const thisIndex = ToLength(realm, R.lastIndex);
        R.lastIndex = advanceStringIndex(S, thisIndex, self.#fullUnicode);
      }
      return CreateIterResultObject(realm, match, false);
    }
    self.#done = true;
    return CreateIterResultObject(realm, match, false);
  }
}

/** CreateRegExpStringIterator (§22.2.9.1) */
function createRegExpStringIterator(realm: Realm, R: Obj, S: string, global: boolean, fullUnicode: boolean): object {
  const o = ObjectCreate(realm.intrinsics.RegExpStringIteratorPrototype as object) as object;
  // [[IteratingRegExp]] and [[IteratedString]] are private fields the walk cannot read: recorded.
  if (recordsReferents(realm)) keepsReferents(o, [R, S]);
  return new RegExpStringIteratorSlots(o, R, S, global, fullUnicode);
}

// ---------------------------------------------------------------------------------------------

/** Creates %RegExp%, %RegExp.prototype% and %RegExpStringIteratorPrototype% for `realm`; defines
 * `RegExp` on its global object. */
export function installRegExp(realm: Realm): void {
  const proto = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;

  const RegExpCtor = function RegExp(this: unknown, pattern: unknown, flags: unknown): unknown {
    try {
      // §22.2.4.1 RegExp ( pattern, flags )
      const patternIsRegExp = isRegExp(realm, pattern);
      let newTarget: Function | undefined = new.target;
      if (newTarget === undefined) {
        newTarget = RegExpCtor;
        if (patternIsRegExp && flags === undefined) {
          const patternConstructor = (pattern as Obj).constructor;
          if (SameValue(newTarget, patternConstructor)) return pattern;
        }
      }
      let P: unknown;
      let F: unknown;
      if (hasRegExpMatcher(pattern)) {
        P = originalSource(pattern);
        F = flags === undefined ? originalFlags(pattern) : flags;
      } else if (patternIsRegExp) {
        P = (pattern as Obj).source;
        F = flags === undefined ? (pattern as Obj).flags : flags;
      } else {
        P = pattern;
        F = flags;
      }
      const p = GetPrototypeFromConstructor(realm, newTarget, 'RegExpPrototype');
      const rx = regExpInitialize(realm, P, F, p);
      regExpRealms.set(rx, newTarget === RegExpCtor ? realm : null);
      return rx;
    } catch (e) {
      throw toRealmError(realm, e);
    }
  };
  createBuiltinConstructor(realm, RegExpCtor, 'RegExp', 2, proto);
  setFunctionRealm(RegExpCtor, realm);
  realm.intrinsics.RegExp = RegExpCtor;
  realm.intrinsics.RegExpPrototype = proto;

  defineTable(realm, RegExpCtor, [
    m(realm, 'escape', 1, regExpEscape),
    accessor(Symbol.species, wrap(realm, (_r, t) => t)),
  ]);
  installLegacyStatics(realm, RegExpCtor);

  const flagAccessors = flagTable.map(([name, ch, hostGet]) => accessor(name, flagGetter(realm, name, ch, hostGet)));
  const { exec: execFn, test: testFn } = execAndTest(realm);
  realm.intrinsics.RegExpPrototypeExec = execFn;
  defineTable(realm, proto, [
    m(realm, 'compile', 2, compile),
    method('exec', 1, execFn),
    accessor('flags', {
      // Not through `wrap` (read by every @@replace, @@match, @@split…): bounded work, at most eight
      // guest getters, each its own entry when host code calls.
      get(this: unknown): unknown {
        try { return flagsGetter(realm, this); } catch (e) { throw toRealmError(realm, e); }
      },
    }.get),
    ...flagAccessors,
    accessor('source', wrap(realm, (r, t) => {
      if (hasRegExpMatcher(t)) return originalSource(t);
      if (t === r.intrinsics.RegExpPrototype) return '(?:)';
      return r.throwTypeError('RegExp.prototype.source getter called on non-RegExp object');
    })),
    method('test', 1, testFn),
    m(realm, 'toString', 0, regExpToString),
    m(realm, Symbol.match, 1, symbolMatch),
    m(realm, Symbol.matchAll, 1, symbolMatchAll),
    m(realm, Symbol.replace, 2, symbolReplace),
    m(realm, Symbol.search, 1, symbolSearch),
    m(realm, Symbol.split, 2, symbolSplit),
  ]);

  const iterProto = ObjectCreate(realm.intrinsics.IteratorPrototype) as object;
  const iterMethods = {
    next(this: unknown): object {
      try { return RegExpStringIteratorSlots.next(realm, this); } catch (e) { throw toRealmError(realm, e); }
    },
  };
  defineTable(realm, iterProto, [
    method('next', 0, iterMethods.next),
    value(Symbol.toStringTag, 'RegExp String Iterator', { writable: false }),
  ]);
  realm.intrinsics.RegExpStringIteratorPrototype = iterProto;

  ObjectDefineProperty(realm.globalObject, 'RegExp', { value: RegExpCtor, writable: true, enumerable: false, configurable: true });
}
