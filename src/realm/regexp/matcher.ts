// vmjs's own regular expression matcher (ECMA-262 §22.2.2 Pattern Semantics): the pattern's tree
// (./pattern.ts) compiled once into closures that follow the spec's Matchers and MatcherContinuations
// — a backtracking matcher in continuation-passing style, forward and (in lookbehinds) backward.
// Every character test, quantifier iteration and backreference is a guest step: the agent's step
// counter is decremented there, so a timeout stops a catastrophic match like any guest loop.
//
// Captures live in one array of the compiled pattern (start, end per group; -1 for undefined),
// written on the way in and restored on the way back; matching runs no guest code, so a compiled
// pattern is never re-entered.
import { agent } from '../agent.js';
import { ReflectApply, StringPrototypeCharCodeAt, StringPrototypeSlice } from '../primordials.js';
import { canonicalEquals, hostCharPredicate, hostStringPredicate, type CharPredicate } from './char-set.js';
import type { ParsedPattern, PatternNode } from './pattern.js';

/** A MatcherContinuation: true when the rest of the pattern matched from `pos`. */
type Continuation = (pos: number) => boolean;
/** A Matcher: tries its node at `pos`, then the continuation. */
type Matcher = (pos: number, k: Continuation) => boolean;
/** One character in the matcher's direction: the position after it, or -1. */
type Step = (pos: number) => number;

export interface CompiledMatcher {
  /** Matches at `index` of `input` (which must be the string `units` was made from); the captures
   * (start, end pairs, -1 where undefined; pair 0 is the match) or null. */
  match(input: string, units: Uint16Array, index: number): number[] | null;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const isAsciiWord = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

function tick(): void {
  if (--agent.steps <= 0) agent.tick();
}

let lastInput: string | null = null;
let lastUnits: Uint16Array = new Uint16Array(0);

/** The code units of `s`, kept for the last string asked (a global match asks many times). */
export function codeUnitsOf(s: string): Uint16Array {
  if (s === lastInput) return lastUnits;
  const n = s.length;
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = ReflectApply(StringPrototypeCharCodeAt, s, [i]) as number;
  lastInput = s;
  lastUnits = units;
  return units;
}

/** Compiles a parsed pattern with its flags into a matcher. */
export function compileMatcher(parsed: ParsedPattern, flags: string): CompiledMatcher {
  const fullUnicode = flags.includes('u') || flags.includes('v');
  const ignoreCase = flags.includes('i');
  const multiline = flags.includes('m');
  const nCaps = parsed.groupCount + 1;
  const caps: number[] = [];
  for (let i = 0; i < 2 * nCaps; i++) caps[i] = -1;
  let S = '';
  let I: Uint16Array = new Uint16Array(0);
  let len = 0;

  const isWordChar: (c: number) => boolean = ignoreCase && fullUnicode ? hostCharPredicate('\\w', flags) : isAsciiWord;

  function stepFor(pred: CharPredicate, forward: boolean): Step {
    if (!fullUnicode) {
      return forward
        ? (p) => (p < len && pred(I[p]) ? p + 1 : -1)
        : (p) => (p > 0 && pred(I[p - 1]) ? p - 1 : -1);
    }
    return forward
      ? (p) => {
        if (p >= len) return -1;
        const c = I[p];
        if (isHigh(c) && p + 1 < len && isLow(I[p + 1])) {
          return pred((c - 0xd800) * 0x400 + (I[p + 1] - 0xdc00) + 0x10000) ? p + 2 : -1;
        }
        return pred(c) ? p + 1 : -1;
      }
      : (p) => {
        if (p <= 0) return -1;
        const c = I[p - 1];
        if (isLow(c) && p - 2 >= 0 && isHigh(I[p - 2])) {
          return pred((I[p - 2] - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000) ? p - 2 : -1;
        }
        return pred(c) ? p - 1 : -1;
      };
  }

  /** The step of a node that matches exactly one character, or null. */
  function singleStep(node: PatternNode, forward: boolean): Step | null {
    if (node.type === 'char') {
      const v = node.value;
      return stepFor((c) => c === v, forward);
    }
    if (node.type === 'set' && !node.strings) return stepFor(hostCharPredicate(node.source, flags), forward);
    return null;
  }

  function fromStep(step: Step): Matcher {
    return (p, k) => {
      if (--agent.steps <= 0) agent.tick();
      const q = step(p);
      return q >= 0 && k(q);
    };
  }

  function compile(node: PatternNode, forward: boolean): Matcher {
    switch (node.type) {
      case 'empty': return (p, k) => k(p);
      case 'char': return fromStep(singleStep(node, forward)!);
      case 'set': return node.strings ? stringSet(node.source, forward) : fromStep(singleStep(node, forward)!);
      case 'disjunction': {
        const ms = node.alternatives.map((a) => compile(a, forward));
        return (p, k) => {
          for (let i = 0; i < ms.length; i++) {
            tick();
            if (ms[i](p, k)) return true;
          }
          return false;
        };
      }
      case 'sequence': {
        const ms = node.terms.map((t) => compile(t, forward));
        if (!forward) ms.reverse();
        let m = ms[ms.length - 1];
        for (let i = ms.length - 2; i >= 0; i--) {
          const a = ms[i];
          const b = m;
          m = (p, k) => a(p, (q) => b(q, k));
        }
        return m;
      }
      case 'group': {
        const body = compile(node.body, forward);
        const s = 2 * node.index;
        const e = s + 1;
        return (p, k) => body(p, (q) => {
          const os = caps[s];
          const oe = caps[e];
          if (forward) { caps[s] = p; caps[e] = q; } else { caps[s] = q; caps[e] = p; }
          if (k(q)) return true;
          caps[s] = os;
          caps[e] = oe;
          return false;
        });
      }
      case 'lookaround': {
        const body = compile(node.body, !node.behind);
        const succeed: Continuation = () => true;
        if (node.negate) {
          return (p, k) => {
            const saved = copyCaps();
            if (body(p, succeed)) { restoreCaps(saved); return false; }
            return k(p);
          };
        }
        return (p, k) => {
          const saved = copyCaps();
          if (!body(p, succeed)) return false;
          if (k(p)) return true;
          restoreCaps(saved);
          return false;
        };
      }
      case 'assertion': return assertion(node.kind);
      case 'backreference': return backreference(node.indices, forward);
      case 'quantifier': return quantifier(node, forward);
    }
  }

  function copyCaps(): number[] {
    const c: number[] = [];
    for (let i = 0; i < caps.length; i++) c[i] = caps[i];
    return c;
  }

  function restoreCaps(saved: number[]): void {
    for (let i = 0; i < caps.length; i++) caps[i] = saved[i];
  }

  function assertion(kind: 'start' | 'end' | 'boundary' | 'notBoundary'): Matcher {
    switch (kind) {
      case 'start': return (p, k) => (p === 0 || (multiline && isLineTerminator(I[p - 1]))) && k(p);
      case 'end': return (p, k) => (p === len || (multiline && isLineTerminator(I[p]))) && k(p);
      case 'boundary': return (p, k) => isBoundary(p) && k(p);
      case 'notBoundary': return (p, k) => !isBoundary(p) && k(p);
    }
  }

  function isBoundary(p: number): boolean {
    const a = p > 0 && isWordChar(I[p - 1]);
    const b = p < len && isWordChar(I[p]);
    return a !== b;
  }

  function backreference(indices: number[], forward: boolean): Matcher {
    return (p, k) => {
      if (--agent.steps <= 0) agent.tick();
      let s = -1;
      let e = -1;
      for (let i = 0; i < indices.length; i++) {
        const g = indices[i];
        if (caps[2 * g] >= 0) { s = caps[2 * g]; e = caps[2 * g + 1]; break; }
      }
      if (s < 0) return k(p);
      const n = e - s;
      const from = forward ? p : p - n;
      if (from < 0 || from + n > len) return false;
      if (!sameText(s, from, n)) return false;
      return k(forward ? p + n : p - n);
    };
  }

  /** Whether the n code units at a and at b are the same under Canonicalize. */
  function sameText(a: number, b: number, n: number): boolean {
    if (!ignoreCase) {
      for (let i = 0; i < n; i++) if (I[a + i] !== I[b + i]) return false;
      return true;
    }
    for (let i = 0; i < n; i++) {
      let x = I[a + i];
      let y = I[b + i];
      if (fullUnicode && i + 1 < n && isHigh(x) && isLow(I[a + i + 1]) && isHigh(y) && isLow(I[b + i + 1])) {
        x = (x - 0xd800) * 0x400 + (I[a + i + 1] - 0xdc00) + 0x10000;
        y = (y - 0xd800) * 0x400 + (I[b + i + 1] - 0xdc00) + 0x10000;
        i++;
      }
      if (!canonicalEquals(fullUnicode, x, y)) return false;
      if (--agent.steps <= 0) agent.tick();
    }
    return true;
  }

  /** A v-mode class with strings: the longest string first, then shorter ones (§22.2.2.7.1
   * CompileAtom), each one a bounded question to the host. */
  function stringSet(source: string, forward: boolean): Matcher {
    const has = hostStringPredicate(source, flags);
    const maxLength = source.length > 32 ? source.length : 32;
    const slice = (a: number, b: number): string => ReflectApply(StringPrototypeSlice, S, [a, b]) as string;
    return (p, k) => {
      const room = forward ? len - p : p;
      for (let n = room < maxLength ? room : maxLength; n >= 0; n--) {
        if (--agent.steps <= 0) agent.tick();
        const a = forward ? p : p - n;
        const b = a + n;
        // Never between the halves of a surrogate pair.
        if (forward ? (b < len && b > a && isHigh(I[b - 1]) && isLow(I[b])) : (a > 0 && a < b && isHigh(I[a - 1]) && isLow(I[a]))) continue;
        if (has(slice(a, b)) && k(forward ? b : a)) return true;
      }
      return false;
    };
  }

  function quantifier(node: Extract<PatternNode, { type: 'quantifier' }>, forward: boolean): Matcher {
    const { min, max, greedy, firstGroup, groupCount } = node;
    if (max === 0) return (p, k) => k(p);
    const step = groupCount === 0 ? singleStep(node.body, forward) : null;
    if (step !== null) return greedy ? greedyLoop(step, min, max, forward) : lazyLoop(step, min, max);
    const body = compile(node.body, forward);
    const from = 2 * firstGroup;
    const to = 2 * (firstGroup + groupCount);

    // RepeatMatcher (§22.2.2.3.1)
    const repeat = (p: number, k: Continuation, min: number, max: number): boolean => {
      if (--agent.steps <= 0) agent.tick();
      if (max === 0) return k(p);
      const d: Continuation = (q) => {
        if (min === 0 && q === p) return false;
        return repeat(q, k, min === 0 ? 0 : min - 1, max === Infinity ? Infinity : max - 1);
      };
      const tryBody = (): boolean => {
        if (from === to) return body(p, d);
        const saved: number[] = [];
        for (let i = from; i < to; i++) { saved[i - from] = caps[i]; caps[i] = -1; }
        if (body(p, d)) return true;
        for (let i = from; i < to; i++) caps[i] = saved[i - from];
        return false;
      };
      if (min !== 0) return tryBody();
      if (!greedy) return k(p) || tryBody();
      return tryBody() || k(p);
    };
    return (p, k) => repeat(p, k, min, max);
  }

  /** A greedy quantifier over one character: takes as many as it can, then gives them back one by
   * one, without a host frame per character. */
  function greedyLoop(step: Step, min: number, max: number, forward: boolean): Matcher {
    return (p, k) => {
      let n = 0;
      let q = p;
      while (n < max) {
        if (--agent.steps <= 0) agent.tick();
        const r = step(q);
        if (r < 0) break;
        q = r;
        n++;
      }
      if (n < min) return false;
      for (;;) {
        if (k(q)) return true;
        if (n === min) return false;
        if (--agent.steps <= 0) agent.tick();
        q = giveBack(q, p, forward);
        n--;
      }
    };
  }

  /** The position one character back towards `origin` from `q` (a pair counts as one with u/v). */
  function giveBack(q: number, origin: number, forward: boolean): number {
    if (forward) {
      if (fullUnicode && q - 2 >= origin && isLow(I[q - 1]) && isHigh(I[q - 2])) return q - 2;
      return q - 1;
    }
    if (fullUnicode && q + 2 <= origin && isHigh(I[q]) && isLow(I[q + 1])) return q + 2;
    return q + 1;
  }

  function lazyLoop(step: Step, min: number, max: number): Matcher {
    return (p, k) => {
      let n = 0;
      let q = p;
      while (n < min) {
        if (--agent.steps <= 0) agent.tick();
        q = step(q);
        if (q < 0) return false;
        n++;
      }
      for (;;) {
        if (k(q)) return true;
        if (n >= max) return false;
        if (--agent.steps <= 0) agent.tick();
        q = step(q);
        if (q < 0) return false;
        n++;
      }
    };
  }

  const root = compile(parsed.root, true);
  let end = -1;
  const finish: Continuation = (q) => { end = q; return true; };

  return {
    match(input: string, units: Uint16Array, index: number): number[] | null {
      S = input;
      I = units;
      len = units.length;
      for (let i = 0; i < caps.length; i++) caps[i] = -1;
      if (--agent.steps <= 0) agent.tick();
      if (!root(index, finish)) return null;
      const result = copyCaps();
      result[0] = index;
      result[1] = end;
      return result;
    },
  };
}
