// A literal every match contains, for vmjs's matcher to skip start positions with the host's
// `indexOf` (linear in the input) instead of trying each one: of a pattern without alternatives at
// the top, the longest run of plain characters (no `i` flag) whose distance from the match's start
// is bounded. A match starting at s has the literal at some s + offset with offset ≤ maxOffset.
import { contains } from './text.js';
import { HostString } from '../primordials.js';
import type { ParsedPattern, PatternNode } from './pattern.js';

export interface RequiredLiteral {
  readonly text: string;
  /** The largest distance (code units) from a match's start to the literal. */
  readonly maxOffset: number;
}

/** The most code units `node` can match (Infinity when unbounded). */
function maxLength(node: PatternNode, fullUnicode: boolean): number {
  switch (node.type) {
    case 'empty': case 'assertion': case 'lookaround': return 0;
    case 'char': return node.value > 0xffff ? 2 : 1;
    case 'set': return node.strings ? Infinity : fullUnicode ? 2 : 1;
    case 'group': return maxLength(node.body, fullUnicode);
    case 'sequence': {
      let n = 0;
      for (const t of node.terms) n += maxLength(t, fullUnicode);
      return n;
    }
    case 'disjunction': {
      let n = 0;
      for (const a of node.alternatives) {
        const m = maxLength(a, fullUnicode);
        if (m > n) n = m;
      }
      return n;
    }
    case 'quantifier': return node.max === Infinity ? Infinity : node.max * maxLength(node.body, fullUnicode);
    case 'backreference': return Infinity;
  }
}

export function requiredLiteral(parsed: ParsedPattern, flags: string): RequiredLiteral | null {
  if (contains(flags, 'i')) return null;
  const fullUnicode = contains(flags, 'u') || contains(flags, 'v');
  const root = parsed.root;
  const terms = root.type === 'sequence' ? root.terms : [root];
  let best: RequiredLiteral | null = null;
  let offset = 0;
  let run = '';
  let runOffset = 0;
  const end = (): void => {
    if (run.length > 0 && (best === null || run.length > best.text.length)) best = { text: run, maxOffset: runOffset };
    run = '';
  };
  for (const t of terms) {
    if (offset === Infinity) break;
    if (t.type === 'char') {
      if (run === '') runOffset = offset;
      run += HostString.fromCodePoint(t.value);
      offset += t.value > 0xffff ? 2 : 1;
      continue;
    }
    end();
    offset += maxLength(t, fullUnicode);
  }
  end();
  return best;
}
