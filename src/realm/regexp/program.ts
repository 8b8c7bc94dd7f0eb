// What a RegExp's [[RegExpMatcher]] is for vmjs: its pattern parsed once, the safety analysis's
// verdict (how long an input the host engine may match), and vmjs's own matcher, compiled on first
// use. Programs are shared by every RegExp with the same source and flags.
import { contains } from './text.js';
import { agent } from '../agent.js';
import { PARSE_BYTES_PER_CHAR } from '../allocation.js';
import {
  HostMap, HostRegExp, HostWeakMap, MapPrototypeClear, MapPrototypeGet, MapPrototypeSet, ReflectApply,
  WeakMapPrototypeDelete, WeakMapPrototypeGet, WeakMapPrototypeSet,
} from '../primordials.js';
import { compileMatcher, type CompiledMatcher } from './matcher.js';
import { parsePattern, type ParsedPattern } from './pattern.js';
import { hostInputLimit } from './safety.js';

export class RegExpProgram {
  readonly parsed: ParsedPattern;
  /** Inputs up to this length run on the host engine; -1: none do. */
  readonly hostInputLimit: number;
  readonly global: boolean;
  readonly sticky: boolean;
  readonly hasIndices: boolean;
  readonly fullUnicode: boolean;
  private compiled: CompiledMatcher | null = null;
  private unstickyProgram: RegExpProgram | null = null;
  private hostSearcher: RegExp | null = null;

  constructor(readonly source: string, readonly flags: string) {
    this.parsed = parsePattern(source, flags);
    this.hostInputLimit = hostInputLimit(this.parsed, flags);
    this.global = contains(flags, 'g');
    this.sticky = contains(flags, 'y');
    this.hasIndices = contains(flags, 'd');
    this.fullUnicode = contains(flags, 'u') || contains(flags, 'v');
  }

  get matcher(): CompiledMatcher {
    if (this.compiled === null) this.compiled = compileMatcher(this.parsed, this.flags);
    return this.compiled;
  }

  /** The program of the same pattern without the `y` flag (this one if it has none): a search from
   * a position finds the first position from there where this program's sticky match succeeds. */
  get unsticky(): RegExpProgram {
    if (this.unstickyProgram === null) {
      this.unstickyProgram = this.sticky ? programFor(this.source, withoutSticky(this.flags)) : this;
    }
    return this.unstickyProgram;
  }

  /** A host RegExp of this pattern with `g` (so that exec starts at its lastIndex), never handed to
   * guest code: for searches this program runs on the host (`onHost`). */
  get searcher(): RegExp {
    if (this.hostSearcher === null) this.hostSearcher = new HostRegExp(this.source, this.global ? this.flags : this.flags + 'g');
    return this.hostSearcher;
  }

  /** Whether a match against an input of `length` code units runs on the host engine. */
  onHost(length: number): boolean {
    return !ownMatcherEverywhere && length <= this.hostInputLimit;
  }
}

function withoutSticky(flags: string): string {
  let f = '';
  for (let i = 0; i < flags.length; i++) if (flags[i] !== 'y') f += flags[i];
  return f;
}

const PROGRAM_CACHE_LIMIT = 1000;
/** Programs by flags, then by source (no key string to build per lookup: a literal's source and
 * flags are the same strings at each evaluation, their hashes already computed). */
const programs = new HostMap<string, Map<string, RegExpProgram>>();
let programCount = 0;
/** The program of each RegExp object that has been matched (RegExp.prototype.compile forgets it). */
const programOfRegExp = new HostWeakMap<object, RegExpProgram>();

/** The last program programFor gave (a regexp literal in a loop asks for the same one each time). */
let lastProgram: RegExpProgram | null = null;

/** The program for a pattern the host accepted with `flags`. */
export function programFor(source: string, flags: string): RegExpProgram {
  if (lastProgram !== null && lastProgram.source === source && lastProgram.flags === flags) return lastProgram;
  lastProgram = programInCache(source, flags);
  return lastProgram;
}

function programInCache(source: string, flags: string): RegExpProgram {
  let bySource = ReflectApply(MapPrototypeGet, programs, [flags]) as Map<string, RegExpProgram> | undefined;
  let p = bySource === undefined ? undefined : ReflectApply(MapPrototypeGet, bySource, [source]) as RegExpProgram | undefined;
  if (p === undefined) {
    // The pattern's tree and matcher are allocations the guest sizes with its pattern string.
    agent.charge(source.length * PARSE_BYTES_PER_CHAR);
    p = new RegExpProgram(source, flags);
    if (programCount >= PROGRAM_CACHE_LIMIT) {
      ReflectApply(MapPrototypeClear, programs, []);
      programCount = 0;
      bySource = undefined;
    }
    if (bySource === undefined) {
      bySource = new HostMap<string, RegExpProgram>();
      ReflectApply(MapPrototypeSet, programs, [flags, bySource]);
    }
    ReflectApply(MapPrototypeSet, bySource, [source, p]);
    programCount++;
  }
  return p;
}

/** The program of RegExp `rx`, computed with `read` (its [[OriginalSource]], [[OriginalFlags]]) the first time. */
export function programOf(rx: object, read: (rx: object) => readonly [string, string]): RegExpProgram {
  let p = ReflectApply(WeakMapPrototypeGet, programOfRegExp, [rx]) as RegExpProgram | undefined;
  if (p === undefined) {
    const [source, flags] = read(rx);
    p = programFor(source, flags);
    ReflectApply(WeakMapPrototypeSet, programOfRegExp, [rx, p]);
  }
  return p;
}

/** RegExp.prototype.compile gave `rx` a new matcher. */
export function forgetProgram(rx: object): void {
  ReflectApply(WeakMapPrototypeDelete, programOfRegExp, [rx]);
}

let ownMatcherEverywhere = false;

/** Internal switch (tests, test262 runner): run every match on vmjs's own matcher. */
export function setRegExpOwnMatcherEverywhere(on: boolean): void {
  ownMatcherEverywhere = on;
}
