// Line and column of a source offset, as V8 reports them in stack traces: 1-based, with the Script's
// lineOffset and (on its first line) columnOffset applied. Line starts are found once per source.
import type { SourceRecord } from '../compile/compile-context.js';

const lineStartsOf = new WeakMap<SourceRecord, number[]>();

function lineStarts(source: SourceRecord): number[] {
  let starts = lineStartsOf.get(source);
  if (starts !== undefined) return starts;
  starts = [0];
  const text = source.text;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 0x2028 || ch === 0x2029) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  lineStartsOf.set(source, starts);
  return starts;
}

export interface LineColumn {
  /** 1-based, lineOffset applied. */
  readonly line: number;
  /** 1-based, columnOffset applied on the first line. */
  readonly column: number;
}

/** The line and column of offset `pos` in `source`. */
export function lineColumn(source: SourceRecord, pos: number): LineColumn {
  const starts = lineStarts(source);
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  const column = pos - starts[lo] + 1 + (lo === 0 ? source.columnOffset : 0);
  return { line: lo + 1 + source.lineOffset, column };
}
