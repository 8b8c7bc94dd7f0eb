// Over-approximations of the characters a one-character atom can match, as sorted code point
// ranges, for the safety analysis (./safety.ts): "may these two sets share a character?" must never
// answer no when they do. Anything this model does not read exactly (property escapes, v-mode
// classes, legacy octal escapes in classes) is taken as every character.
import { codeUnitAt, contains, isHexUnit } from './text.js';
import { ReflectApply, StringPrototypeCodePointAt } from '../primordials.js';
import type { PatternNode } from './pattern.js';

/** Flat [lo, hi, lo, hi, …], sorted, inclusive. */
export type Ranges = number[];

/** What the rest of a match does first, for the safety analysis: each of its paths either consumes a
 * character of `set` first (null: any character, not known) or reaches the end of the match without
 * consuming (which ends the exec); `accepts`: one such path exists, free of assertions, so the rest
 * succeeds wherever it starts. */
export interface Follow { set: Ranges | null; accepts: boolean }
/** Nothing known about what comes next. */
export const UNKNOWN_FOLLOW: Follow = { set: null, accepts: false };
/** The end of a top-level alternative: the match succeeds there. */
export const MATCH_END: Follow = { set: [], accepts: true };

const MAX = 0x10ffff;
const ALL: Ranges = [0, MAX];
const DIGIT: Ranges = [0x30, 0x39];
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: Ranges = [0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f,
  0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff];
const LINE_TERMINATORS: Ranges = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];

function normalize(r: Ranges): Ranges {
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i], r[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of pairs) {
    if (out.length > 0 && lo <= out[out.length - 1] + 1) {
      if (hi > out[out.length - 1]) out[out.length - 1] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

function union(a: Ranges, b: Ranges): Ranges {
  return normalize([...a, ...b]);
}

function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i] > next) out.push(next, r[i] - 1);
    next = r[i + 1] + 1;
  }
  if (next <= MAX) out.push(next, MAX);
  return out;
}

function disjoint(a: Ranges, b: Ranges): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1] < b[j]) i += 2;
    else if (b[j + 1] < a[i]) j += 2;
    else return false;
  }
  return true;
}

function subset(a: Ranges, b: Ranges): boolean {
  return disjoint(a, complement(b));
}

/** Whether code point c is in r (binary search). */
export function rangesHave(r: readonly number[], c: number): boolean {
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < r[2 * mid]) hi = mid - 1;
    else if (c > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export class CharacterRanges {
  private readonly ignoreCase: boolean;
  private readonly unicode: boolean;
  private readonly unicodeSets: boolean;
  private readonly multiline: boolean;

  constructor(flags: string) {
    this.ignoreCase = contains(flags, 'i');
    this.unicodeSets = contains(flags, 'v');
    this.unicode = this.unicodeSets || contains(flags, 'u');
    this.multiline = contains(flags, 'm');
  }

  /** Whether a loop of the one-character atom `body` followed by `terms[from..]` and then by what
   * `follow` describes never backtracks far: no character of `body` can start what the rest matches
   * first, so that the rest fails at once wherever `body`'s loop gave a character back, or the rest
   * always succeeds without consuming (then the loop's first try ends the exec). */
  disjointFromRest(body: PatternNode, terms: PatternNode[], from: number, follow: Follow = UNKNOWN_FOLLOW): boolean {
    const x = this.of(body);
    let first: Ranges = [];
    for (let j = from; j < terms.length; j++) {
      let term = terms[j];
      while (term.type === 'group') term = term.body;
      // `\b` between two word characters fails.
      if (term.type === 'assertion' && term.kind === 'boundary') {
        return !(this.ignoreCase && this.unicode) && subset(x, WORD) && disjoint(x, first);
      }
      const f = this.firstOf(term, 0);
      if (f === null) return false;
      first = union(first, f.set);
      if (!f.nullable) return disjoint(x, first);
    }
    return follow.accepts || (follow.set !== null && disjoint(x, union(first, follow.set)));
  }

  /** What comes next when `node` is placed in front of what `follow` describes. */
  followOf(node: PatternNode, follow: Follow): Follow {
    const f = this.firstOf(node, 0);
    if (f === null) return UNKNOWN_FOLLOW;
    if (!f.nullable) return { set: f.set, accepts: false };
    return { set: follow.set === null ? null : union(f.set, follow.set), accepts: follow.accepts };
  }

  /** Where a match of `root` may start: the characters it may begin with (over-approximated), and
   * whether an alternative begins with `^` (then also at the input's start, or, with m, after a
   * line terminator); null when it may start anywhere. */
  startSet(root: PatternNode): { set: Ranges; lineStart: boolean } | null {
    const alternatives = root.type === 'disjunction' ? root.alternatives : [root];
    let set: Ranges = [];
    let lineStart = false;
    for (const a of alternatives) {
      const first = a.type === 'sequence' ? a.terms[0] : a;
      if (first.type === 'assertion' && first.kind === 'start') { lineStart = true; continue; }
      const f = this.firstOf(a, 0);
      if (f === null || f.nullable) return null;
      set = union(set, f.set);
    }
    return { set, lineStart };
  }

  /** Whether `body` is exactly the word characters (so a longest run of it ends at a `\b`). */
  isWordSet(body: PatternNode): boolean {
    if (this.ignoreCase && this.unicode) return false;
    const x = this.of(body);
    return subset(x, WORD) && subset(WORD, x);
  }

  /** What `node` may consume first (over-approximated) and whether it may consume nothing; null
   * when not known. `$` is "consumes nothing it could share": it fails wherever a character follows
   * (except, with m, a line terminator). */
  private firstOf(node: PatternNode, depth: number): { set: Ranges; nullable: boolean } | null {
    if (depth > 20) return null;
    switch (node.type) {
      case 'empty': return { set: [], nullable: true };
      case 'char': return { set: this.of(node), nullable: false };
      case 'set': return node.strings ? null : { set: this.of(node), nullable: false };
      case 'group': return this.firstOf(node.body, depth + 1);
      case 'assertion':
        if (node.kind === 'end') return { set: this.multiline ? LINE_TERMINATORS : [], nullable: false };
        return null;
      case 'sequence': {
        let set: Ranges = [];
        for (const t of node.terms) {
          const f = this.firstOf(t, depth + 1);
          if (f === null) return null;
          set = union(set, f.set);
          if (!f.nullable) return { set, nullable: false };
        }
        return { set, nullable: true };
      }
      case 'disjunction': {
        let set: Ranges = [];
        let nullable = false;
        for (const a of node.alternatives) {
          const f = this.firstOf(a, depth + 1);
          if (f === null) return null;
          set = union(set, f.set);
          nullable ||= f.nullable;
        }
        return { set, nullable };
      }
      case 'quantifier': {
        const f = this.firstOf(node.body, depth + 1);
        if (f === null) return null;
        return { set: f.set, nullable: node.min === 0 || f.nullable };
      }
      default: return null;
    }
  }

  /** The characters a one-character atom may match (more, never fewer). */
  of(node: PatternNode): Ranges {
    let r: Ranges;
    if (node.type === 'char') r = [node.value, node.value];
    else if (node.type === 'set') r = this.ofSource(node.source);
    else return ALL;
    return this.ignoreCase ? this.caseClosure(r) : r;
  }

  /** Under `i`: ASCII letters gain their other case; any non-ASCII character (and, with u/v, any
   * letter: K and ſ fold to k and s) brings in every non-ASCII character. */
  private caseClosure(r: Ranges): Ranges {
    let out = r.slice();
    let letters = false;
    for (let i = 0; i < r.length; i += 2) {
      const lo = r[i];
      const hi = r[i + 1];
      if (hi >= 0x80) out = union(out, [0x80, MAX]);
      for (const [a, z, delta] of [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]]) {
        const l = lo > a ? lo : a;
        const h = hi < z ? hi : z;
        if (l <= h) { out = union(out, [l + delta, h + delta]); letters = true; }
      }
    }
    if (letters && this.unicode) out = union(out, [0x80, MAX]);
    return out;
  }

  private ofSource(source: string): Ranges {
    if (source === '.') return ALL;
    if (source[0] === '\\' && source.length === 2) return this.escapeClass(source[1]) ?? ALL;
    if (source[0] !== '[' || this.unicodeSets) return ALL;
    return this.ofClass(source) ?? ALL;
  }

  private escapeClass(c: string): Ranges | null {
    switch (c) {
      case 'd': return DIGIT;
      case 'D': return complement(DIGIT);
      case 'w': return WORD;
      case 'W': return complement(WORD);
      case 's': return SPACE;
      case 'S': return complement(SPACE);
    }
    return null;
  }

  /** A `[…]` class (not v-mode) read exactly, or null. */
  private ofClass(source: string): Ranges | null {
    let i = 1;
    const negate = source[i] === '^';
    if (negate) i++;
    const end = source.length - 1; // the closing ']'
    let r: Ranges = [];
    while (i < end) {
      const a = this.classAtom(source, i);
      if (a === null) return null;
      i = a.next;
      if (a.value >= 0 && source[i] === '-' && i + 1 < end) {
        const b = this.classAtom(source, i + 1);
        if (b === null) return null;
        if (b.value >= 0) {
          r.push(a.value, b.value);
          i = b.next;
          continue;
        }
        // `[\d-z]` (Annex B): the `-` is a character of its own.
        r = union(r, a.set ?? [a.value, a.value]);
        continue;
      }
      r = union(r, a.set ?? [a.value, a.value]);
    }
    r = normalize(r);
    return negate ? complement(r) : r;
  }

  private hexDigits(s: string, from: number, n: number): boolean {
    for (let k = 0; k < n; k++) if (!(from + k < s.length && isHexUnit(codeUnitAt(s, from + k)))) return false;
    return true;
  }

  private hexValue(s: string, from: number, n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) {
      const c = codeUnitAt(s, from + k);
      v = v * 16 + (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);
    }
    return v;
  }

  /** One ClassAtom at i: a character (value) or a class escape (set), or null when not read exactly. */
  private classAtom(s: string, i: number): { value: number; set: Ranges | null; next: number } | null {
    const c = s[i];
    if (c !== '\\') {
      const cp = ReflectApply(StringPrototypeCodePointAt, s, [i]) as number;
      const width = this.unicode && cp > 0xffff ? 2 : 1;
      return { value: width === 2 ? cp : codeUnitAt(s, i), set: null, next: i + width };
    }
    const e = s[i + 1];
    const set = this.escapeClass(e);
    if (set !== null) return { value: -1, set, next: i + 2 };
    const simple: Record<string, number> = { b: 8, t: 9, n: 10, v: 11, f: 12, r: 13 };
    if (e in simple) return { value: simple[e], set: null, next: i + 2 };
    if (e === 'x' && this.hexDigits(s, i + 2, 2)) return { value: this.hexValue(s, i + 2, 2), set: null, next: i + 4 };
    if (e === 'u' && this.hexDigits(s, i + 2, 4) && !this.unicode) return { value: this.hexValue(s, i + 2, 4), set: null, next: i + 6 };
    const ec = codeUnitAt(s, i + 1);
    // \0, octal, \c, \p, \u in u-mode …: not read here
    if ((ec >= 0x30 && ec <= 0x39) || (ec >= 0x41 && ec <= 0x5a) || (ec >= 0x61 && ec <= 0x7a)) return null;
    // An identity escape of a syntax character.
    return { value: codeUnitAt(e, 0), set: null, next: i + 2 };
  }
}
