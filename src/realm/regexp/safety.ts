// Which matches may run on the host's regexp engine (fast, but a step counter cannot interrupt it)
// and which must run on vmjs's own matcher (./matcher.ts), where every step is under the budget.
//
// The rule: a bound on the work a backtracking engine can do for one exec, computed from the
// pattern's tree as a polynomial in the input length n, evaluated for the actual input. The host
// runs the match only when that bound is at most HOST_WORK_LIMIT, so one host call is never longer
// than a few milliseconds however hostile the pattern and input; every other match runs on vmjs's
// matcher. The bound (T below) is an upper bound on the nodes of a backtracking search tree:
//   T(x R)      = 1 + T(R)                 a character, a set, an assertion
//   T(x* R)     ≤ N + N·T(R)               a quantifier over one character (N = n + 1 choices);
//                 max + (max+1)·T(R)       … with a small finite maximum
//   T((G){0,m} R) ≤ unrolled: T_j = T(G, T_{j-1}) + T_{j-1} + 1, m ≤ 8 (a larger or unbounded
//                 count on a group is "unbounded": the group runs on vmjs's matcher)
//   T(A|B, R)   = 1 + T(A, R) + T(B, R)
//   T((?=G) R)  = 1 + T(G, 1) + T(R)        lookarounds are atomic: no backtracking into them
//   T(\k R)     = N + T(R)                  a backreference compares at most n characters
//   T(x* R)     ≤ 3N + T(R)                when R must start with a character x cannot match (or with
//                 `$`, or with `\b` after word characters): of the positions x* gives back to, R fails
//                 at its first character at all but one (the sets are over-approximated, ./character-ranges.ts);
//                 R's paths that consume nothing go on to what follows R (through enclosing groups and
//                 `?`) up to the end of the match, where the exec ends; and when R always succeeds there
//                 (a path to the end that consumes nothing and asserts nothing), x*'s first try ends it
// v-mode classes with strings are unbounded here (they run on vmjs's matcher). A quantifier over
// one character that ends a top-level alternative with min ≤ 1 costs 1 per visit plus N once per
// exec: reaching it means the match succeeds after it consumes, which ends the exec. One exec tries
// N start positions (1 if sticky or anchored by `^` without `m`), and the loop that advances them
// costs N: E(n) = starts·T + 3N. Nested unbounded quantifiers get no bound at all, and so never reach
// the host; `(a+)+$`, `(a|a)*b`, `(x+x+)+y`, `^(\w+\s?)*$` are unbounded.
import { contains } from './text.js';
import type { ParsedPattern, PatternNode } from './pattern.js';
import { CharacterRanges, MATCH_END, UNKNOWN_FOLLOW, type Follow } from './character-ranges.js';

/** Work (search-tree nodes) one host call may cost: V8 runs several million a few milliseconds. */
export const HOST_WORK_LIMIT = 1e7;

/** A polynomial in N = n + 1 with non-negative coefficients, by degree. */
type Poly = number[];

const MAX_DEGREE = 8;
const SMALL_COUNT = 16;
const GROUP_COUNT_LIMIT = 8;
/** Bounds the analysis itself (nested bounded quantifiers unroll). */
const ANALYSIS_BUDGET = 20000;

class Unbounded { }
const UNBOUNDED = new Unbounded();

function add(a: Poly, b: Poly): Poly {
  const r: Poly = [];
  const n = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) r[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
  return r;
}

function addConst(a: Poly, c: number): Poly {
  const r = a.slice();
  r[0] = (r[0] ?? 0) + c;
  return r;
}

function scale(a: Poly, c: number): Poly {
  return a.map((x) => x * c);
}

/** a · N */
function timesN(a: Poly): Poly {
  if (a.length >= MAX_DEGREE) throw UNBOUNDED;
  return [0, ...a];
}

class Analysis {
  private work = 0;
  /** Lookbehinds entered. */
  private backward = 0;
  constructor(readonly sets: CharacterRanges) {}

  /** T(node R), where R's cost is `rest` and `follow` says what R does first (character-ranges.ts). */
  cost(node: PatternNode, rest: Poly, follow: Follow): Poly {
    if (++this.work > ANALYSIS_BUDGET) throw UNBOUNDED;
    switch (node.type) {
      case 'empty': return rest;
      case 'char': case 'assertion': return addConst(rest, 1);
      case 'set':
        if (node.strings) throw UNBOUNDED;
        return addConst(rest, 1);
      case 'group': return this.cost(node.body, rest, follow);
      case 'sequence': {
        let t = rest;
        let f = follow;
        for (let i = node.terms.length - 1; i >= 0; i--) {
          const term = node.terms[i];
          // A one-character loop whose characters what comes next cannot start with: of the positions
          // it backtracks to, only one lets the rest go past its first character (see above). Both
          // bounds hold; the smaller is kept.
          const loop = this.backward === 0 ? oneCharacterLoop(term) : null;
          const general = this.cost(term, t, f);
          if (loop !== null && this.sets.disjointFromRest(loop.body, node.terms, i + 1, f)) {
            if (++this.work > ANALYSIS_BUDGET) throw UNBOUNDED;
            t = smaller(add(t, [0, 3]), general);
          } else {
            t = general;
          }
          f = this.sets.followOf(term, f);
        }
        return t;
      }
      case 'disjunction': {
        let t: Poly = [1];
        for (const a of node.alternatives) t = add(t, this.cost(a, rest, follow));
        return t;
      }
      case 'lookaround': {
        // A lookbehind matches backwards: what follows a loop there is what precedes it in the
        // tree, so the disjoint-neighbour rule (which reads forwards) is off inside it.
        if (node.behind) this.backward++;
        try {
          return addConst(add(this.cost(node.body, [1], UNKNOWN_FOLLOW), rest), 1);
        } finally {
          if (node.behind) this.backward--;
        }
      }
      case 'backreference': return add([1, 1], rest);
      case 'quantifier': {
        if (node.max === 0) return rest;
        if (isSingleCharacter(node)) {
          // max + (max+1)·T(R), with N in place of both when the maximum is not small.
          if (node.max <= SMALL_COUNT) return addConst(scale(rest, node.max + 1), node.max);
          return add(timesN(rest), [0, 1]);
        }
        if (node.max > GROUP_COUNT_LIMIT) throw UNBOUNDED;
        // After one iteration comes another or R: for `?` (at most one) what follows the body is R.
        const inner = node.max === 1 ? follow : { set: this.sets.followOf(node.body, follow).set, accepts: false };
        let t = rest;
        for (let j = 0; j < node.max; j++) t = addConst(add(this.cost(node.body, t, inner), t), 1);
        return t;
      }
    }
  }
}

/** The smaller of two bounds: the lower degree, or at equal degree the smaller value at N = 1024. */
function smaller(a: Poly, b: Poly): Poly {
  const da = degree(a);
  const db = degree(b);
  if (da !== db) return da < db ? a : b;
  return evaluate(a, 1024) <= evaluate(b, 1024) ? a : b;
}

function degree(p: Poly): number {
  let d = p.length - 1;
  while (d > 0 && p[d] === 0) d--;
  return d;
}

/** The one-character quantifier `term` is, or wraps in groups; null if none. */
function oneCharacterLoop(term: PatternNode): Extract<PatternNode, { type: 'quantifier' }> | null {
  while (term.type === 'group') term = term.body;
  return term.type === 'quantifier' && isSingleCharacter(term) ? term : null;
}

function isSingleCharacter(node: Extract<PatternNode, { type: 'quantifier' }>): boolean {
  return node.groupCount === 0 && (node.body.type === 'char' || (node.body.type === 'set' && !node.body.strings));
}

/** How many final terms of a top-level alternative are a quantifier over one character with
 * min ≤ 1 that, once reached, ends the match: the last term, or a greedy unbounded loop over
 * exactly the word characters before a final `\b` (its longest run always ends at a boundary). */
function trailingLoop(node: PatternNode, sets: CharacterRanges): number {
  const terms = node.type === 'sequence' ? node.terms : [node];
  const last = terms[terms.length - 1];
  if (last.type === 'quantifier' && last.min <= 1 && isSingleCharacter(last)) return 1;
  if (terms.length >= 2 && last.type === 'assertion' && last.kind === 'boundary') {
    const loop = terms[terms.length - 2];
    if (loop.type === 'quantifier' && loop.min === 1 && loop.max === Infinity && loop.greedy && isSingleCharacter(loop) &&
      sets.isWordSet(loop.body)) return 2;
  }
  return 0;
}

/** The alternative with its final `count` terms replaced by one character (cost 1 per visit). */
function withoutTrailingLoop(node: PatternNode, count: number): PatternNode {
  const single: PatternNode = { type: 'char', value: 0 };
  const terms = node.type === 'sequence' ? node.terms : [node];
  if (terms.length === count) return single;
  return { type: 'sequence', terms: [...terms.slice(0, terms.length - count), single] };
}

function startsAnchored(node: PatternNode): boolean {
  const first = node.type === 'sequence' ? node.terms[0] : node;
  return first.type === 'assertion' && first.kind === 'start';
}

function evaluate(p: Poly, N: number): number {
  let r = 0;
  for (let i = p.length - 1; i >= 0; i--) r = r * N + p[i];
  return r;
}

/** The longest input (in code units) the host engine may match `parsed` against within
 * HOST_WORK_LIMIT: -1 when no bound exists (the pattern always runs on vmjs's matcher). */
export function hostInputLimit(parsed: ParsedPattern, flags: string): number {
  const alternatives = parsed.root.type === 'disjunction' ? parsed.root.alternatives : [parsed.root];
  let perStart: Poly = alternatives.length > 1 ? [1] : [0];
  let anchored = !contains(flags, 'm');
  try {
    const sets = new CharacterRanges(flags);
    const analysis = new Analysis(sets);
    for (const a of alternatives) {
      const trailing = trailingLoop(a, sets);
      // After a top-level alternative the match succeeds.
      perStart = add(perStart, analysis.cost(trailing > 0 ? withoutTrailingLoop(a, trailing) : a, [1], MATCH_END));
      if (!startsAnchored(a)) anchored = false;
    }
  } catch (e) {
    if (e === UNBOUNDED) return -1;
    throw e;
  }
  const oneStart = contains(flags, 'y') || anchored;
  const work = (n: number): number => {
    const N = n + 1;
    return (oneStart ? evaluate(perStart, N) + 2 * N : N * evaluate(perStart, N)) + 3 * N;
  };
  if (work(0) > HOST_WORK_LIMIT) return -1;
  // The largest n with work(n) ≤ limit (work grows with n).
  let lo = 0;
  let hi = 1;
  while (hi < 0x40000000 && work(hi) <= HOST_WORK_LIMIT) { lo = hi; hi *= 2; }
  if (hi >= 0x40000000) return lo;
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (work(mid) <= HOST_WORK_LIMIT) lo = mid; else hi = mid;
  }
  return lo;
}
