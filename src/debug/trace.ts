// A recorded run, navigable both ways (BRIEF decision 12). Wraps the plain TraceData (what a Web
// Worker posts to the page) with reconstruction of the heap and console output at any step
// (checkpoints every CHECKPOINT_EVERY steps, so going backwards is as fast as forwards) and the
// stepping commands, each a search in the recorded steps: nothing runs again.
import type { HeapObjectView, StepData, StepView, TraceData, ValueView } from './trace-types.js';
import { evaluateCondition, evaluateInRecordedState } from './condition.js';
import { inspectInline } from './inspect-safe.js';

const CHECKPOINT_EVERY = 64;

export interface Breakpoint {
  /** 1-based line. */
  line: number;
  /** An expression evaluated against the recorded bindings of the step's frame (see condition.ts). */
  condition?: string;
  /** A file name; any file when absent. */
  file?: string;
}

export class Trace {
  readonly data: TraceData;
  /** Heaps at steps 0, N, 2N, … (computed on demand). */
  private readonly checkpoints = new Map<number, Map<number, HeapObjectView>>();
  /** outputBefore[i]: how many console lines the steps before i printed. */
  private readonly outputBefore: number[];
  private readonly allOutput: string[] = [];

  constructor(data: TraceData) {
    this.data = data;
    this.outputBefore = new Array<number>(data.steps.length + 1);
    let n = 0;
    for (let i = 0; i < data.steps.length; i++) {
      this.outputBefore[i] = n;
      const out = data.steps[i]!.output;
      if (out !== undefined) for (const line of out) { this.allOutput.push(line); n++; }
    }
    this.outputBefore[data.steps.length] = n;
  }

  /** A Trace over data recorded elsewhere (posted by a worker, read from JSON). */
  static fromData(data: TraceData): Trace {
    if (data === null || typeof data !== 'object' || data.version !== 1 || !Array.isArray(data.steps)) {
      throw new TypeError('Trace.fromData: not a vmjs trace (version 1)');
    }
    return new Trace(data);
  }

  /** How many steps were recorded (the last is the 'end' step). */
  get steps(): number { return this.data.steps.length; }

  get completion(): TraceData['completion'] { return this.data.completion; }

  get truncated(): boolean { return this.data.truncated; }

  /** The source text of a recorded file (the first file when `name` is absent). */
  source(name?: string): string | undefined {
    const f = name === undefined ? this.data.files[0] : this.data.files.find((x) => x.name === name);
    return f?.source;
  }

  /** Step i with the heap and the console output reconstructed up to it. */
  stepAt(i: number): StepView {
    const idx = this.clamp(i);
    const s = this.data.steps[idx]!;
    const view: StepView = {
      index: idx, kind: s.kind, span: s.span, stack: s.stack,
      heap: this.heapAt(idx),
      output: this.allOutput.slice(0, this.outputBefore[idx + 1]),
    };
    if (s.value !== undefined) view.value = s.value;
    return view;
  }

  /** The console lines step i printed (not those before it). */
  outputOf(i: number): string[] {
    const idx = this.clamp(i);
    return this.allOutput.slice(this.outputBefore[idx], this.outputBefore[idx + 1]);
  }

  /** The heap at step i: the nearest checkpoint at or before i, then the changes up to i. */
  private heapAt(i: number): Map<number, HeapObjectView> {
    const c = i - (i % CHECKPOINT_EVERY);
    const base = this.checkpoint(c);
    const heap = new Map(base);
    for (let k = c + 1; k <= i; k++) apply(heap, this.data.steps[k]!);
    return heap;
  }

  private checkpoint(c: number): Map<number, HeapObjectView> {
    const have = this.checkpoints.get(c);
    if (have !== undefined) return have;
    let heap: Map<number, HeapObjectView>;
    let from: number;
    if (c === 0) { heap = new Map(); from = 0; } else { heap = new Map(this.checkpoint(c - CHECKPOINT_EVERY)); from = c - CHECKPOINT_EVERY + 1; }
    for (let k = from; k <= c; k++) apply(heap, this.data.steps[k]!);
    this.checkpoints.set(c, heap);
    return heap;
  }

  private clamp(i: number): number {
    const n = this.data.steps.length;
    if (!Number.isInteger(i)) throw new TypeError(`step index must be an integer, got ${String(i)}`);
    return i < 0 ? 0 : i >= n ? n - 1 : i;
  }

  private depth(i: number): number { return this.data.steps[i]!.stack.length; }

  /** Step into: the next step, whatever it is. */
  next(i: number): number { return this.clamp(i + 1); }

  /** The previous step. */
  previous(i: number): number { return this.clamp(i - 1); }

  /** Step over: the next step in this frame or a caller (calls made from here are skipped). */
  stepOver(i: number): number {
    const from = this.clamp(i);
    const d = this.depth(from);
    return this.find(from + 1, 1, (k) => this.depth(k) <= d) ?? this.last;
  }

  /** Step back over: the previous step in this frame or a caller. */
  stepBackOver(i: number): number {
    const from = this.clamp(i);
    const d = this.depth(from);
    return this.find(from - 1, -1, (k) => this.depth(k) <= d) ?? 0;
  }

  /** Step out: the first step after this frame has returned (or suspended). */
  stepOut(i: number): number {
    const from = this.clamp(i);
    const d = this.depth(from);
    return this.find(from + 1, 1, (k) => this.depth(k) < d) ?? this.last;
  }

  /** Run to line: the next statement step on `line` (the end when none). */
  runToLine(i: number, line: number, file?: string): number {
    return this.find(this.clamp(i) + 1, 1, (k) => this.hits(k, { line, ...(file !== undefined ? { file } : {}) })) ?? this.last;
  }

  /** Continue: the next step stopping at a breakpoint (the end when none does). */
  continue(i: number, breakpoints: readonly Breakpoint[]): number {
    return this.find(this.clamp(i) + 1, 1, (k) => breakpoints.some((b) => this.hits(k, b))) ?? this.last;
  }

  /** Reverse continue: the previous step stopping at a breakpoint (the first step when none does). */
  reverseContinue(i: number, breakpoints: readonly Breakpoint[]): number {
    return this.find(this.clamp(i) - 1, -1, (k) => breakpoints.some((b) => this.hits(k, b))) ?? 0;
  }

  private get last(): number { return this.data.steps.length - 1; }

  private find(start: number, dir: 1 | -1, test: (k: number) => boolean): number | undefined {
    for (let k = start; k >= 0 && k < this.data.steps.length; k += dir) if (test(k)) return k;
    return undefined;
  }

  /** Whether step k stops at breakpoint b: a statement step on its line whose condition holds. */
  private hits(k: number, b: Breakpoint): boolean {
    const s = this.data.steps[k]!;
    if (s.kind !== 'statement' || s.span.line !== b.line) return false;
    if (b.file !== undefined && s.span.file !== b.file) return false;
    if (b.condition === undefined || b.condition.trim() === '') return true;
    return this.conditionHolds(k, b.condition);
  }

  /** A breakpoint condition at step k: true, false, or false when it throws (see condition.ts). */
  conditionHolds(k: number, condition: string): boolean {
    return evaluateCondition(condition, this.stepAt(k));
  }

  /** An expression evaluated against the recorded state of step k (see condition.ts), as
   * util.inspect would print its value, or the error it threw. */
  evaluate(k: number, expression: string): { text: string } | { error: string } {
    try {
      return { text: inspectInline(evaluateInRecordedState(expression, this.stepAt(k))) };
    } catch (e) {
      return { error: inspectInline(e) };
    }
  }

  /** The recorded value of a binding visible at step i, or of a property path from it
   * (`p.x`, `items[2].name`, `m.size` is not a property: only own recorded properties). */
  lookup(i: number, path: string): ValueView | undefined {
    const view = this.stepAt(i);
    const parts = parsePath(path);
    if (parts === null || parts.length === 0) return undefined;
    let v = bindingValue(view, parts[0]!);
    for (let k = 1; k < parts.length && v !== undefined; k++) {
      if (v.kind !== 'ref') return undefined;
      const o = view.heap.get(v.id);
      if (o === undefined) return undefined;
      const key = parts[k]!;
      const p = o.properties.find((x) => x.key === key);
      if (p === undefined) return key === 'length' && o.kind === 'array' ? { kind: 'primitive', text: String(arrayLength(o)) } : undefined;
      v = 'value' in p ? p.value : undefined;
    }
    return v;
  }

  /** A recorded value as util.inspect would print it, objects to `depth` levels. */
  format(i: number, v: ValueView, depth = 2): string {
    return formatView(this.stepAt(i).heap, v, depth, new Set());
  }
}

function apply(heap: Map<number, HeapObjectView>, s: StepData): void {
  if (s.removed !== undefined) for (const id of s.removed) heap.delete(id);
  for (const o of s.heapChanges) heap.set(o.id, o);
}

/** The value of a binding visible in the current frame (innermost scope first). */
export function bindingValue(view: StepView, name: string): ValueView | undefined {
  const frame = view.stack[0];
  if (frame === undefined) return undefined;
  for (const scope of frame.scopes) for (const b of scope.bindings) if (b.name === name) return b.value;
  return undefined;
}

function parsePath(path: string): string[] | null {
  const out: string[] = [];
  const re = /^\s*([A-Za-z_$][\w$]*)|^\.([A-Za-z_$][\w$]*)|^\[\s*(\d+)\s*\]|^\[\s*'([^']*)'\s*\]|^\[\s*"([^"]*)"\s*\]/;
  let rest = path.trim();
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (m === null || (out.length === 0 && m[1] === undefined)) return null;
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!);
    rest = rest.slice(m[0].length);
  }
  return out;
}

function arrayLength(o: HeapObjectView): number {
  const m = /\((\d+)\)$/.exec(o.label);
  return m !== null ? Number(m[1]) : o.properties.length;
}

/** util.inspect-like text of a recorded value. */
export function formatView(heap: Map<number, HeapObjectView>, v: ValueView, depth: number, seen: Set<number>): string {
  if (v.kind === 'primitive') return v.text;
  if (v.kind === 'uninitialized') return '<uninitialized>';
  const o = heap.get(v.id);
  if (o === undefined) return '[Object]';
  if (seen.has(o.id)) return '[Circular]';
  const inner = new Set(seen).add(o.id);
  const entries = o.entries !== undefined
    ? o.entries.map((e) => e.value !== undefined ? `${formatView(heap, e.key, depth - 1, inner)} => ${formatView(heap, e.value, depth - 1, inner)}` : formatView(heap, e.key, depth - 1, inner))
    : [];
  const props = o.properties.map((p) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(p.key) || p.key.startsWith('[') ? p.key : `'${p.key}'`;
    if ('value' in p) return o.kind === 'array' && /^\d+$/.test(p.key) ? formatView(heap, p.value, depth - 1, inner) : `${key}: ${formatView(heap, p.value, depth - 1, inner)}`;
    return `${key}: ${p.get !== undefined && p.set !== undefined ? '[Getter/Setter]' : p.get !== undefined ? '[Getter]' : '[Setter]'}`;
  });
  const items = [...entries, ...props];
  if (o.kind === 'function' || o.kind === 'class' || o.kind === 'date' || o.kind === 'regexp' || o.kind === 'error' || o.kind === 'promise') {
    return items.length === 0 || depth < 0 ? o.label : `${o.label} { ${items.join(', ')} }`;
  }
  if (o.kind === 'array') {
    if (depth < 0) return '[Array]';
    return items.length === 0 ? '[]' : `[ ${items.join(', ')} ]`;
  }
  const head = o.label === 'Object' ? '' : `${o.label} `;
  if (depth < 0) return `[${o.label}]`;
  return items.length === 0 ? `${head}{}` : `${head}{ ${items.join(', ')} }`;
}
