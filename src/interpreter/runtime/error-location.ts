// Where a guest exception came from: the statement being evaluated when it was
// thrown, kept off the hot path (recorded only when an exception passes).
import type { Frame } from './frame.js';
import type { SourceRecord } from '../compile/compile-context.js';

export interface ErrorLocation {
  readonly filename: string;
  /** 1-based, lineOffset applied. */
  readonly line: number;
  /** 0-based, columnOffset applied on the first line. */
  readonly column: number;
  /** The text of that line. */
  readonly sourceLine: string;
  /** 0-based column in `sourceLine` (no columnOffset): where V8's arrow message puts the caret. */
  readonly sourceColumn: number;
}

const locations = new WeakMap<object, { source: SourceRecord; pos: number }>();

/** The last primitive a throw statement threw, and where: a primitive cannot key the WeakMap. */
let lastPrimitive: { value: unknown; source: SourceRecord; pos: number } | null = null;

/** Records the innermost location of an exception value (the first record wins; for a primitive, the
 * throw statement that threw it last). */
export function recordErrorLocation(v: unknown, f: Frame): void {
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return;
  if (f.source === null || locations.has(v as object)) return;
  locations.set(v as object, { source: f.source, pos: f.pos });
}

/** A throw statement threw the primitive `v`. */
export function recordThrownPrimitive(v: unknown, f: Frame): void {
  if (f.source !== null) lastPrimitive = { value: v, source: f.source, pos: f.pos };
}

/** The location recorded for a thrown value, if any. */
export function errorLocation(v: unknown): ErrorLocation | undefined {
  let r: { source: SourceRecord; pos: number } | undefined;
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') {
    if (lastPrimitive === null || !Object.is(lastPrimitive.value, v)) return undefined;
    r = lastPrimitive;
  } else {
    r = locations.get(v as object);
  }
  if (r === undefined) return undefined;
  const text = r.source.text;
  let line = 1, lineStart = 0;
  for (let i = 0; i < r.pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const sourceColumn = r.pos - lineStart;
  const column = sourceColumn + (line === 1 ? r.source.columnOffset : 0);
  return { filename: r.source.filename, line: line + r.source.lineOffset, column, sourceLine: text.slice(lineStart, lineEnd).replace(/\r$/, ''), sourceColumn };
}
