// vmjs's own regular expression matcher (ECMA-262 §22.2.2 Pattern Semantics). The pattern's tree
// (./pattern.ts) is compiled once into a small program for a backtracking machine: the spec's
// Matchers and continuations become instructions, its choice points become entries on an explicit
// backtrack stack, and every write to a capture or a quantifier's counter is logged on a trail so
// that backtracking restores the state the spec's persistent MatchStates would have. No host frame
// is spent per character or per iteration, so a long match cannot overflow the host stack.
//
// Every instruction executed is a guest step: the agent's step counter is decremented in the loop,
// so a timeout stops a catastrophic match like any guest loop.
import { contains } from './text.js';
import { agent } from '../agent.js';
import { ReflectApply, StringPrototypeCharCodeAt, StringPrototypeSlice } from '../primordials.js';
import { canonicalEquals, hostCharPredicate, hostStringPredicate, type CharPredicate } from './char-set.js';
import { StringIndexOf } from '../abstract-ops/string-operations.js';
import { CharacterRanges, rangesHave } from './character-ranges.js';
import { requiredLiteral } from './required-literal.js';
import type { ParsedPattern, PatternNode } from './pattern.js';

export interface CompiledMatcher {
  /** The first match of `input` (its code units are the first input.length of `units`) starting at `index` or after it
   * (only at `index` when `sticky`), trying start positions as RegExpBuiltinExec's loop does
   * (§22.2.7.2, AdvanceStringIndex); the captures (start, end pairs, -1 where undefined; pair 0
   * is the match) or null. */
  search(input: string, units: Uint16Array, index: number, sticky: boolean): number[] | null;
}

/** One character in the matcher's direction: the position after it, or -1. */
type Step = (pos: number) => number;

const enum Op {
  Step, StringSet, StringSetResume, Greedy, GreedyResume, Lazy, LazyResume, Split, Jump, GroupOpen, GroupClose,
  Start, End, Boundary, NotBoundary, Backreference, Lookaround, SetSlot, Loop, IterationStart, IterationEnd, Match,
}

/** An instruction; one shape for all (the fields an op does not use stay at their defaults). */
class Instruction {
  a = 0;
  b = 0;
  c = 0;
  min = 0;
  max = 0;
  greedy = true;
  forward = true;
  step: Step | null = null;
  has: ((s: string) => boolean) | null = null;
  indices: number[] | null = null;
  constructor(readonly op: Op) {}
}

const HostRangeError = RangeError;

/** Backtrack stack entries: pc, pos, trail length, and two words of the op's own state. */
const ENTRY = 5;
/** V8 gives up on a match whose backtrack stack outgrows its limit with this RangeError; so does vmjs. */
const MAX_BACKTRACK_WORDS = ENTRY * 2_000_000;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const isAsciiWord = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

const EMPTY = new Uint16Array(0);
/** Strings up to this length get their code units in one reused buffer (making a typed array cost
 * more than matching a short input). */
const POOLED_UNITS = 4096;
const pool = new Uint16Array(POOLED_UNITS);
let lastInput: string | null = null;
let lastUnits: Uint16Array = new Uint16Array(0);

/** The code units of `s` (the first s.length elements; the array may be longer), kept for the last
 * string asked (a global match asks many times). */
export function codeUnitsOf(s: string): Uint16Array {
  if (s === lastInput) return lastUnits;
  const n = s.length;
  const units = n <= POOLED_UNITS ? pool : new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = ReflectApply(StringPrototypeCharCodeAt, s, [i]) as number;
  lastInput = s;
  lastUnits = units;
  return units;
}

/** Compiles a parsed pattern with its flags into a matcher. */
export function compileMatcher(parsed: ParsedPattern, flags: string): CompiledMatcher {
  const fullUnicode = contains(flags, 'u') || contains(flags, 'v');
  const ignoreCase = contains(flags, 'i');
  const multiline = contains(flags, 'm');
  const code: Instruction[] = [];
  /** Slots: the captures (2 per group, group 0 included), then registers the compiler allocates. */
  let slotCount = 2 * (parsed.groupCount + 1);

  let S = '';
  let I: Uint16Array = new Uint16Array(0);
  let len = 0;
  const isWordChar: (c: number) => boolean = ignoreCase && fullUnicode ? hostCharPredicate('\\w', flags) : isAsciiWord;

  // -------------------------------------------------------------------------------------------
  // Compilation

  function emit(op: Op): Instruction {
    const ins = new Instruction(op);
    code[code.length] = ins;
    return ins;
  }

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

  function compile(node: PatternNode, forward: boolean): void {
    switch (node.type) {
      case 'empty': return;
      case 'char':
      case 'set': {
        const step = singleStep(node, forward);
        if (step !== null) {
          emit(Op.Step).step = step;
          return;
        }
        // A v-mode class with strings: the longest string first, then shorter ones (§22.2.2.7.1).
        const has = hostStringPredicate((node as { source: string }).source, flags);
        const main = emit(Op.StringSet);
        const resume = emit(Op.StringSetResume);
        main.has = resume.has = has;
        main.forward = resume.forward = forward;
        main.max = (node as { source: string }).source.length > 32 ? (node as { source: string }).source.length : 32;
        return;
      }
      case 'disjunction': {
        const jumps: Instruction[] = [];
        const alts = node.alternatives;
        for (let i = 0; i < alts.length; i++) {
          if (i < alts.length - 1) {
            const split = emit(Op.Split);
            split.a = code.length;
            compile(alts[i], forward);
            jumps[jumps.length] = emit(Op.Jump);
            split.b = code.length;
          } else {
            compile(alts[i], forward);
          }
        }
        for (const j of jumps) j.a = code.length;
        return;
      }
      case 'sequence': {
        const terms = node.terms;
        if (forward) for (let i = 0; i < terms.length; i++) compile(terms[i], true);
        else for (let i = terms.length - 1; i >= 0; i--) compile(terms[i], false);
        return;
      }
      case 'group': {
        const tmp = slotCount++;
        emit(Op.GroupOpen).a = tmp;
        compile(node.body, forward);
        const close = emit(Op.GroupClose);
        close.a = tmp;
        close.b = 2 * node.index;
        close.forward = forward;
        return;
      }
      case 'lookaround': {
        const look = emit(Op.Lookaround);
        look.greedy = !node.negate; // positive
        const jump = emit(Op.Jump);
        look.a = code.length; // the body, a subprogram ending in Match
        compile(node.body, !node.behind);
        emit(Op.Match);
        jump.a = look.c = code.length;
        return;
      }
      case 'assertion':
        emit(node.kind === 'start' ? Op.Start : node.kind === 'end' ? Op.End : node.kind === 'boundary' ? Op.Boundary : Op.NotBoundary);
        return;
      case 'backreference': {
        const ins = emit(Op.Backreference);
        ins.indices = node.indices;
        ins.forward = forward;
        return;
      }
      case 'quantifier': compileQuantifier(node, forward);
    }
  }

  function compileQuantifier(node: Extract<PatternNode, { type: 'quantifier' }>, forward: boolean): void {
    const { min, max, greedy, firstGroup, groupCount } = node;
    if (max === 0) return;
    const step = groupCount === 0 ? singleStep(node.body, forward) : null;
    if (step !== null) {
      // One character repeated: a loop that gives characters back one at a time.
      const main = emit(greedy ? Op.Greedy : Op.Lazy);
      const resume = emit(greedy ? Op.GreedyResume : Op.LazyResume);
      main.step = resume.step = step;
      main.min = resume.min = min;
      main.max = resume.max = max;
      main.forward = resume.forward = forward;
      return;
    }
    // RepeatMatcher (§22.2.2.3.1): a counter and the position each iteration started at.
    const counter = slotCount++;
    const start = slotCount++;
    const init = emit(Op.SetSlot);
    init.a = counter;
    init.b = 0;
    const loop = emit(Op.Loop);
    const loopPc = code.length - 1;
    loop.a = counter;
    loop.min = min;
    loop.max = max;
    loop.greedy = greedy;
    loop.b = code.length;
    const iterationStart = emit(Op.IterationStart);
    iterationStart.a = start;
    iterationStart.b = 2 * firstGroup;
    iterationStart.c = 2 * (firstGroup + groupCount);
    compile(node.body, forward);
    const iterationEnd = emit(Op.IterationEnd);
    iterationEnd.a = counter;
    iterationEnd.b = start;
    iterationEnd.min = min;
    iterationEnd.c = loopPc;
    loop.c = code.length;
  }

  compile(parsed.root, true);
  emit(Op.Match);

  // -------------------------------------------------------------------------------------------
  // The machine

  const slots: number[] = [];
  for (let i = 0; i < slotCount; i++) slots[i] = -1;
  /** (slot, old value) pairs. */
  const trail: number[] = [];
  let trailTop = 0;
  const stack: number[] = [];
  let top = 0;

  function write(slot: number, value: number): void {
    trail[trailTop++] = slot;
    trail[trailTop++] = slots[slot];
    slots[slot] = value;
  }

  function unwind(mark: number): void {
    while (trailTop > mark) {
      const old = trail[--trailTop];
      slots[trail[--trailTop]] = old;
    }
  }

  function push(pc: number, pos: number, aux: number, aux2: number): void {
    if (top >= MAX_BACKTRACK_WORDS) throw new HostRangeError('Maximum call stack size exceeded');
    stack[top++] = pc;
    stack[top++] = pos;
    stack[top++] = trailTop;
    stack[top++] = aux;
    stack[top++] = aux2;
  }

  /** Runs the program from `pc` at `pos` to its Match: the end position, or -1. Choice points made
   * inside are dropped when it returns (a lookaround is atomic); its capture writes stay on the trail. */
  function run(startPc: number, startPos: number): number {
    const base = top;
    const mark = trailTop;
    let pc = startPc;
    let pos = startPos;
    let aux = 0;
    let aux2 = 0;
    for (;;) {
      if (--agent.steps <= 0) agent.tick();
      const ins = code[pc];
      let ok = true;
      switch (ins.op) {
        case Op.Step: {
          const q = ins.step!(pos);
          if (q < 0) ok = false;
          else { pos = q; pc++; }
          break;
        }
        case Op.StringSet:
        case Op.StringSetResume: {
          // aux: the longest length left to try (from the resumption), else as much as there is.
          if (ins.op === Op.StringSet) {
            pc++;
            aux = ins.forward ? len - pos : pos;
            if (aux > ins.max) aux = ins.max;
          }
          const found = longestString(ins, pos, aux);
          if (found < 0) { ok = false; break; }
          if (found > 0) push(pc, pos, found - 1, 0);
          pos = ins.forward ? pos + found : pos - found;
          pc++;
          break;
        }
        case Op.Greedy: {
          const step = ins.step!;
          let n = 0;
          let q = pos;
          while (n < ins.max) {
            if (--agent.steps <= 0) agent.tick();
            const r = step(q);
            if (r < 0) break;
            q = r;
            n++;
          }
          if (n < ins.min) { ok = false; break; }
          if (n > ins.min) push(pc + 1, q, n, pos);
          pos = q;
          pc += 2;
          break;
        }
        case Op.GreedyResume: {
          // Give one character back: aux is the count taken, aux2 where the loop started.
          pos = giveBack(pos, aux2, ins.forward);
          if (aux - 1 > ins.min) push(pc, pos, aux - 1, aux2);
          pc++;
          break;
        }
        case Op.Lazy: {
          const step = ins.step!;
          let n = 0;
          while (n < ins.min) {
            if (--agent.steps <= 0) agent.tick();
            const q = step(pos);
            if (q < 0) break;
            pos = q;
            n++;
          }
          if (n < ins.min) { ok = false; break; }
          if (n < ins.max) push(pc + 1, pos, n, 0);
          pc += 2;
          break;
        }
        case Op.LazyResume: {
          // Take one more character: aux is the count taken so far.
          const q = ins.step!(pos);
          if (q < 0) { ok = false; break; }
          pos = q;
          if (aux + 1 < ins.max) push(pc, pos, aux + 1, 0);
          pc++;
          break;
        }
        case Op.Split:
          push(ins.b, pos, 0, 0);
          pc = ins.a;
          break;
        case Op.Jump:
          pc = ins.a;
          break;
        case Op.GroupOpen:
          write(ins.a, pos);
          pc++;
          break;
        case Op.GroupClose: {
          const other = slots[ins.a];
          if (ins.forward) { write(ins.b, other); write(ins.b + 1, pos); } else { write(ins.b, pos); write(ins.b + 1, other); }
          pc++;
          break;
        }
        case Op.Start:
          if (pos === 0 || (multiline && isLineTerminator(I[pos - 1]))) pc++; else ok = false;
          break;
        case Op.End:
          if (pos === len || (multiline && isLineTerminator(I[pos]))) pc++; else ok = false;
          break;
        case Op.Boundary:
          if (isBoundary(pos)) pc++; else ok = false;
          break;
        case Op.NotBoundary:
          if (!isBoundary(pos)) pc++; else ok = false;
          break;
        case Op.Backreference: {
          const q = backreference(ins.indices!, ins.forward, pos);
          if (q < 0) ok = false;
          else { pos = q; pc++; }
          break;
        }
        case Op.Lookaround: {
          const lookMark = trailTop;
          const matched = run(ins.a, pos) >= 0;
          if (ins.greedy /* positive */) {
            if (matched) pc = ins.c; else ok = false;
          } else {
            unwind(lookMark);
            if (matched) ok = false; else pc = ins.c;
          }
          break;
        }
        case Op.SetSlot:
          write(ins.a, ins.b);
          pc++;
          break;
        case Op.Loop: {
          const n = slots[ins.a];
          if (n < ins.min) pc = ins.b;
          else if (n >= ins.max) pc = ins.c;
          else if (ins.greedy) { push(ins.c, pos, 0, 0); pc = ins.b; }
          else { push(ins.b, pos, 0, 0); pc = ins.c; }
          break;
        }
        case Op.IterationStart:
          write(ins.a, pos);
          for (let s = ins.b; s < ins.c; s++) if (slots[s] !== -1) write(s, -1);
          pc++;
          break;
        case Op.IterationEnd: {
          const n = slots[ins.a];
          // An iteration past the minimum that matched the empty string fails (§22.2.2.3.1 step 2.b).
          if (n >= ins.min && pos === slots[ins.b]) { ok = false; break; }
          write(ins.a, n + 1);
          pc = ins.c;
          break;
        }
        case Op.Match:
          top = base;
          return pos;
      }
      if (ok) continue;
      // Backtrack to the latest choice point made by this run.
      if (top === base) {
        unwind(mark);
        return -1;
      }
      aux2 = stack[--top];
      aux = stack[--top];
      unwind(stack[--top]);
      pos = stack[--top];
      pc = stack[--top];
    }
  }

  /** The length (at most `longest`) of the longest string of a class with strings at `p`, or -1. */
  function longestString(ins: Instruction, p: number, longest: number): number {
    for (let n = longest; n >= 0; n--) {
      const a = ins.forward ? p : p - n;
      const b = a + n;
      // Never between the halves of a surrogate pair.
      if (ins.forward ? (b < len && b > a && isHigh(I[b - 1]) && isLow(I[b])) : (a > 0 && a < b && isHigh(I[a - 1]) && isLow(I[a]))) continue;
      if (--agent.steps <= 0) agent.tick();
      if (ins.has!(ReflectApply(StringPrototypeSlice, S, [a, b]) as string)) return n;
    }
    return -1;
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

  function isBoundary(p: number): boolean {
    const a = p > 0 && isWordChar(I[p - 1]);
    const b = p < len && isWordChar(I[p]);
    return a !== b;
  }

  /** BackreferenceMatcher (§22.2.2.7.2): the position after the referenced text, or -1. */
  function backreference(indices: number[], forward: boolean, p: number): number {
    let s = -1;
    let e = -1;
    for (let i = 0; i < indices.length; i++) {
      const g = indices[i];
      if (slots[2 * g] >= 0) { s = slots[2 * g]; e = slots[2 * g + 1]; break; }
    }
    if (s < 0) return p;
    const n = e - s;
    const from = forward ? p : p - n;
    if (from < 0 || from + n > len) return -1;
    if (!sameText(s, from, n)) return -1;
    return forward ? p + n : p - n;
  }

  /** Whether the n code units at a and at b are the same under Canonicalize. */
  function sameText(a: number, b: number, n: number): boolean {
    if (!ignoreCase) {
      for (let i = 0; i < n; i++) if (I[a + i] !== I[b + i]) return false;
      return true;
    }
    for (let i = 0; i < n; i++) {
      if (--agent.steps <= 0) agent.tick();
      let x = I[a + i];
      let y = I[b + i];
      if (fullUnicode && i + 1 < n && isHigh(x) && isLow(I[a + i + 1]) && isHigh(y) && isLow(I[b + i + 1])) {
        x = (x - 0xd800) * 0x400 + (I[a + i + 1] - 0xdc00) + 0x10000;
        y = (y - 0xd800) * 0x400 + (I[b + i + 1] - 0xdc00) + 0x10000;
        i++;
      }
      if (!canonicalEquals(fullUnicode, x, y)) return false;
    }
    return true;
  }

  const captureWords = 2 * (parsed.groupCount + 1);
  // The start positions worth trying: a match must begin with one of these characters (or at a line start).
  const start = new CharacterRanges(flags).startSet(parsed.root);
  const startChars = start === null ? null : start.set;
  const lineStart = start !== null && start.lineStart;

  function mayStartAt(p: number): boolean {
    if (lineStart && (p === 0 || (multiline && isLineTerminator(I[p - 1])))) return true;
    if (p >= len) return true; // `$` may match there
    let c = I[p];
    if (fullUnicode && isHigh(c) && p + 1 < len && isLow(I[p + 1])) c = (c - 0xd800) * 0x400 + (I[p + 1] - 0xdc00) + 0x10000;
    return rangesHave(startChars!, c);
  }

  const literal = requiredLiteral(parsed, flags);

  return {
    search(input: string, units: Uint16Array, index: number, sticky: boolean): number[] | null {
      S = input;
      I = units;
      len = input.length;
      try {
        return searchFrom(index, sticky);
      } finally {
        // Keep no input alive between matches (programs are cached).
        S = '';
        I = EMPTY;
        len = 0;
      }
    },
  };

  function searchFrom(index: number, sticky: boolean): number[] | null {
    const input = S;
    let found = -1;
    for (let p = index; p <= len; p = advance(p)) {
      if (--agent.steps <= 0) agent.tick();
      if (literal !== null && found < p) {
        // No match starts before found - maxOffset: skip there (never into a surrogate pair's middle).
        found = StringIndexOf(input, literal.text, p);
        if (found < 0) return null;
        let q = found - literal.maxOffset;
        if (q > p && !sticky) {
          if (fullUnicode && q - 1 >= p && isLow(I[q]) && isHigh(I[q - 1])) q--;
          p = q;
        }
      }
      if (startChars === null || mayStartAt(p)) {
        for (let i = 0; i < slotCount; i++) slots[i] = -1;
        trailTop = 0;
        top = 0;
        const end = run(0, p);
        if (end >= 0) {
          const result: number[] = [];
          for (let i = 0; i < captureWords; i++) result[i] = slots[i];
          result[0] = p;
          result[1] = end;
          return result;
        }
      }
      if (sticky) return null;
    }
    return null;
  }

  /** AdvanceStringIndex (§22.2.7.3) */
  function advance(p: number): number {
    if (fullUnicode && p + 1 < len && isHigh(I[p]) && isLow(I[p + 1])) return p + 2;
    return p + 1;
  }
}
