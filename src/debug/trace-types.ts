// The debugger's recorded trace, as plain data (structured-cloneable, JSON-safe): what `vm.debug` records
// and what a Web Worker posts to the page. Navigation lives in `Trace` (src/debug/trace.ts), which wraps it.

/** 1-based lines, 0-based columns, as acorn's `locations` gives them. */
export interface SourceSpan { file: string; line: number; column: number; endLine: number; endColumn: number }

export type StepKind = 'statement' | 'call' | 'return' | 'exception' | 'await' | 'yield' | 'end';

/** A value as shown: primitives rendered as node's util.inspect would (`'a'`, `1n`, `undefined`, `Symbol(x)`),
 *  objects by id into the heap. `uninitialized` is a binding in its TDZ. */
export type ValueView =
  | { kind: 'primitive'; text: string }
  | { kind: 'ref'; id: number }
  | { kind: 'uninitialized' };

export interface BindingView { name: string; value: ValueView; mutable: boolean }

export interface ScopeView {
  kind: 'block' | 'function' | 'closure' | 'catch' | 'module' | 'global' | 'with' | 'class';
  /** For a closure scope, the function it belongs to. */
  name?: string;
  bindings: BindingView[];
}

export interface FrameView {
  /** V8-style: `fact`, `Counter.increment`, `new Point`, `<anonymous>`, `(top level)`. */
  name: string;
  /** Where this frame is now (the call site for callers, the current step for the top frame). */
  span: SourceSpan;
  /** Innermost first. */
  scopes: ScopeView[];
}

export type PropertyView =
  | { key: string; value: ValueView }
  | { key: string; accessor: true; get?: ValueView; set?: ValueView };

export interface HeapObjectView {
  id: number;
  /** 'object' | 'array' | 'function' | 'class' | 'map' | 'set' | 'error' | 'date' | 'regexp' | 'promise' | 'generator' | … */
  kind: string;
  /** Short label as util.inspect would head it: `Point`, `Array(3)`, `[Function: fact]`, `Map(2)`. */
  label: string;
  properties: PropertyView[];
  /** Map/Set entries, array-like elements are in `properties` with index keys. */
  entries?: { key: ValueView; value?: ValueView }[];
  proto?: ValueView;
}

export interface StepData {
  kind: StepKind;
  span: SourceSpan;
  /** Innermost (current) frame first. */
  stack: FrameView[];
  /** Heap objects that changed (or appeared) since the previous step; `removed` lists ids no longer reachable. */
  heapChanges: HeapObjectView[];
  removed?: number[];
  /** Console output appended during this step. */
  output?: string[];
  /** For 'return': the returned value; for 'exception': the thrown value; for 'yield'/'await': the operand. */
  value?: ValueView;
}

export interface TraceData {
  version: 1;
  files: { name: string; source: string }[];
  steps: StepData[];
  /** True when the step limit ended the recording (shown to the user, not an error). */
  truncated: boolean;
  stepLimit: number;
  completion:
    | { type: 'normal'; value: ValueView }
    | { type: 'throw'; value: ValueView; text: string }
    | { type: 'truncated' }
    | { type: 'timeout'; text: string };
}

/** What `trace.stepAt(i)` answers: the step with the heap and output reconstructed up to it. */
export interface StepView extends Omit<StepData, 'heapChanges' | 'removed' | 'output'> {
  index: number;
  heap: Map<number, HeapObjectView>;
  output: string[];
}
