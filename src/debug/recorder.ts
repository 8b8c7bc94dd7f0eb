// The recorder: what the debug-compiled evaluator reports (src/interpreter/runtime/debug-hooks.ts)
// becomes the trace's steps. It keeps its own stack of activations (calls push, returns and
// suspensions pop, resumptions push again), reads each frame's environments directly, and records the
// heap reachable from them as changes. It never runs guest code. At the step limit it asks the agent to
// interrupt the run (a Termination: no guest catch or finally sees it) and records nothing more.
import type { Node } from 'acorn';
import type { Frame } from '../interpreter/runtime/frame.js';
import type { Env } from '../interpreter/runtime/environment.js';
import { terminating, type DebugRecorder, type SuspendKind } from '../interpreter/runtime/debug-hooks.js';
import { agent } from '../realm/agent.js';
import type { FrameView, ScopeView, SourceSpan, StepData, StepKind, ValueView } from './trace-types.js';
import type { HeapRecorder } from './heap-recorder.js';
import { frameName, ownEnvs, localScopesOf, globalBindings, frameState, globalState, sameState, type GlobalView } from './frames.js';
import { isObject, ownData } from './inspect-safe.js';

interface Activation {
  readonly f: Frame;
  readonly name: string;
  /** The function's node (null for script code). */
  readonly fn: Node | null;
  /** The statement running now. */
  node: Node | null;
  /** The frame's view at the last step that recorded it, reused while nothing it shows changed. */
  cache: FrameCache | null;
}

interface FrameCache {
  /** frameState at the time of the view. */
  state: unknown[];
  local: ScopeView[];
  /** The objects the local scopes refer to (marked reachable again when the view is reused). */
  refs: object[];
  global: ScopeView | null;
  view: FrameView | null;
}

interface GlobalCache { state: unknown[]; view: ScopeView; refs: object[] }

interface Located { loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null }

const NOTHING = Symbol('nothing');

export class Recorder implements DebugRecorder {
  readonly steps: StepData[] = [];
  truncated = false;
  /** An internal error of the recorder, which ended the recording. */
  failure: unknown = undefined;
  private stopped = false;
  private readonly stack: Activation[] = [];
  private readonly activations = new WeakMap<Frame, Activation>();
  private readonly envNames = new WeakMap<Env, string>();
  private pendingOutput: string[] = [];
  private lastThrown: unknown = NOTHING;
  private lastSpan: SourceSpan;
  private script: Activation | null = null;
  private globalCache: GlobalCache | null = null;
  private readonly spans = new WeakMap<Node, SourceSpan>();

  constructor(
    private readonly file: string,
    private readonly stepLimit: number,
    private readonly heap: HeapRecorder,
    private readonly global: GlobalView,
  ) {
    this.lastSpan = { file, line: 1, column: 0, endLine: 1, endColumn: 0 };
  }

  /** Console output from the program, attached to the next step. */
  output(line: string): void {
    if (!this.stopped) this.pendingOutput.push(line);
  }

  statement(f: Frame, node: Node): void {
    const a = this.top(f);
    if (a === undefined) return;
    a.node = node;
    this.lastThrown = NOTHING;
    this.nameEnvs(a);
    this.record('statement', this.spanOf(node));
  }

  exception(_f: Frame, node: Node, value: unknown): void {
    if (terminating() || value === this.lastThrown) return;
    this.lastThrown = value;
    this.record('exception', this.spanOf(node), value);
  }

  enter(f: Frame, fn: Node): void {
    const a: Activation = { f, name: frameName(f), fn, node: null, cache: null };
    this.activations.set(f, a);
    this.stack.push(a);
    this.nameEnvs(a);
    this.record('call', this.headerSpan(fn));
  }

  leave(f: Frame, value: unknown): void {
    const a = this.activations.get(f);
    if (a !== undefined) this.record('return', this.currentSpan(a), value);
    this.pop(f);
  }

  unwind(f: Frame, value: unknown): void {
    const a = this.activations.get(f);
    if (a !== undefined && !terminating() && value !== this.lastThrown) {
      this.lastThrown = value;
      this.record('exception', this.currentSpan(a), value);
    }
    this.pop(f);
  }

  suspend(f: Frame, kind: SuspendKind, value: unknown, resultObject: boolean): void {
    const a = this.activations.get(f);
    const shown = resultObject ? (isObject(value) ? ownData(value, 'value') : undefined) : value;
    if (a !== undefined) this.record(kind, this.currentSpan(a), shown);
    this.pop(f);
  }

  resume(f: Frame): void {
    const a = this.activations.get(f);
    if (a !== undefined) this.stack.push(a);
  }

  enterScript(f: Frame): void {
    const a: Activation = { f, name: '(top level)', fn: null, node: null, cache: null };
    this.script = a;
    this.activations.set(f, a);
    this.stack.push(a);
  }

  leaveScript(f: Frame): void {
    this.pop(f);
  }

  /** The last step: the program's completion, with the global scope as it ends. */
  finish(value: unknown, hasValue: boolean): void {
    this.stopped = true;
    if (this.script !== null && this.script.node !== null) this.lastSpan = this.spanOf(this.script.node);
    this.heap.begin();
    const stack: FrameView[] = [{ name: '(top level)', span: this.lastSpan, scopes: [{ kind: 'global', bindings: globalBindings((v) => this.heap.value(v), this.global) }] }];
    const step: StepData = { kind: 'end', span: this.lastSpan, stack, heapChanges: [] };
    if (hasValue) step.value = this.heap.value(value);
    this.complete(step);
  }

  /** The view of a value for the completion record (its object is in the last step's heap). */
  valueView(value: unknown): ReturnType<HeapRecorder['value']> {
    return this.heap.value(value);
  }

  private top(f: Frame): Activation | undefined {
    const a = this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
    if (a !== undefined && a.f === f) return a;
    return this.activations.get(f);
  }

  private pop(f: Frame): void {
    const n = this.stack.length;
    if (n > 0 && this.stack[n - 1]!.f === f) { this.stack.pop(); return; }
    for (let i = n - 1; i >= 0; i--) if (this.stack[i]!.f === f) { this.stack.splice(i, 1); return; }
  }

  private nameEnvs(a: Activation): void {
    if (a.fn === null) return;
    for (const e of ownEnvs(a.f)) this.envNames.set(e, a.name);
  }

  /** A node's span (one object per node, so that unchanged frames share it). */
  private spanOf(node: Node): SourceSpan {
    const have = this.spans.get(node);
    if (have !== undefined) return have;
    const loc = (node as Located).loc;
    if (loc === undefined || loc === null) return this.lastSpan;
    const span = { file: this.file, line: loc.start.line, column: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
    this.spans.set(node, span);
    return span;
  }

  /** A function's first line, up to its body: what a call step shows. */
  private headerSpan(fn: Node): SourceSpan {
    const s = this.spanOf(fn);
    const body = (fn as Node & { body?: Node }).body;
    const b = body !== undefined ? this.spanOf(body) : s;
    return b.line === s.line ? { ...s, endLine: s.line, endColumn: b.column + (b.endLine === b.line ? b.endColumn - b.column : 1) } : { ...s, endLine: s.line, endColumn: s.column + 1 };
  }

  private currentSpan(a: Activation): SourceSpan {
    if (a.node !== null) return this.spanOf(a.node);
    return a.fn !== null ? this.headerSpan(a.fn) : this.lastSpan;
  }

  private record(kind: StepKind, span: SourceSpan, value: unknown = NOTHING): void {
    if (this.stopped) return;
    try {
      this.recordStep(kind, span, value);
    } catch (e) {
      // The host stack ran out inside the recorder (deep recursion): this step is not recorded.
      if (e instanceof RangeError && e.message === 'Maximum call stack size exceeded') return;
      // A bug of the recorder must not become an exception in the program: stop, and let vm.debug say so.
      this.failure = e;
      this.stopped = true;
      agent.interruptRequested = true;
      agent.steps = 1;
    }
  }

  private recordStep(kind: StepKind, span: SourceSpan, value: unknown): void {
    if (this.steps.length >= this.stepLimit - 1) {
      // One step is kept for the end; the run is interrupted at the agent's next step.
      this.truncated = true;
      this.stopped = true;
      agent.interruptRequested = true;
      agent.steps = 1;
      return;
    }
    this.lastSpan = span;
    this.heap.begin();
    const global = this.globalScope();
    const stack: FrameView[] = [];
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const a = this.stack[i]!;
      stack.push(this.frameView(a, i === this.stack.length - 1 ? span : this.currentSpan(a), global));
    }
    const step: StepData = { kind, span, stack, heapChanges: [] };
    if (value !== NOTHING) step.value = this.heap.value(value);
    this.complete(step);
  }

  /** The global scope at this step: the previous step's view when nothing in it changed. */
  private globalScope(): ScopeView {
    const state: unknown[] = [];
    globalState(this.global, state);
    const c = this.globalCache;
    if (c !== null && sameState(c.state, state)) {
      for (const o of c.refs) this.heap.value(o);
      return c.view;
    }
    const refs: object[] = [];
    const view: ScopeView = { kind: 'global', bindings: globalBindings(this.noting(refs), this.global) };
    this.globalCache = { state, view, refs };
    return view;
  }

  /** A frame's view: the one recorded last time for this activation while nothing it shows changed
   * (the objects it refers to are still marked reachable), so long waits in callers cost little. */
  private frameView(a: Activation, span: SourceSpan, global: ScopeView): FrameView {
    const state: unknown[] = [];
    frameState(a.f, state);
    let c = a.cache;
    if (c !== null && sameState(c.state, state)) {
      for (const o of c.refs) this.heap.value(o);
    } else {
      const refs: object[] = [];
      c = a.cache = { state, local: localScopesOf(a.f, this.noting(refs), this.envNames, this.global), refs, global: null, view: null };
    }
    if (c.global !== global || c.view === null || c.view.span !== span || c.view.name !== a.name) {
      c.global = global;
      c.view = { name: a.name, span, scopes: [...c.local, global] };
    }
    return c.view;
  }

  /** The heap's `value`, noting the objects it is given in `refs`. */
  private noting(refs: object[]): (v: unknown) => ValueView {
    return (v) => {
      if (isObject(v)) refs.push(v);
      return this.heap.value(v);
    };
  }

  private complete(step: StepData): void {
    const { heapChanges, removed } = this.heap.finish();
    step.heapChanges = heapChanges;
    if (removed.length > 0) step.removed = removed;
    if (this.pendingOutput.length > 0) { step.output = this.pendingOutput; this.pendingOutput = []; }
    this.steps.push(step);
  }
}
