// Navigation in a recorded trace as the page needs it: the state at a step (heap and console output
// rebuilt from the recorded changes) and where forward, back, over, out and continue land.
import type { HeapObjectView, StepData, TraceData } from '../../../src/debug/trace-types.js';

/** What the page shows at one step. */
export interface StepState {
  index: number;
  step: StepData;
  heap: Map<number, HeapObjectView>;
  output: string[];
}

/** Every this many steps a rebuilt heap is kept, so any step is at most this many changes away. */
const CHECKPOINT_EVERY = 64;

export class TraceNavigator {
  readonly data: TraceData;
  private readonly checkpoints = new Map<number, { heap: Map<number, HeapObjectView>; output: string[] }>();

  constructor(data: TraceData) {
    this.data = data;
  }

  get length(): number { return this.data.steps.length; }

  /** The step at `index` with the heap and output as they stand after its changes. */
  stateAt(index: number): StepState {
    const steps = this.data.steps;
    if (index < 0 || index >= steps.length) throw new RangeError(`no step ${index} (the trace has ${steps.length})`);
    const base = Math.floor(index / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
    let start = 0;
    let heap = new Map<number, HeapObjectView>();
    let output: string[] = [];
    for (let c = base; c > 0; c -= CHECKPOINT_EVERY) {
      const saved = this.checkpoints.get(c - 1);
      if (saved !== undefined) { heap = new Map(saved.heap); output = saved.output.slice(); start = c; break; }
    }
    for (let i = start; i <= index; i++) {
      const step = steps[i]!;
      for (const id of step.removed ?? []) heap.delete(id);
      for (const object of step.heapChanges) heap.set(object.id, object);
      if (step.output !== undefined) output.push(...step.output);
      if ((i + 1) % CHECKPOINT_EVERY === 0 && !this.checkpoints.has(i)) {
        this.checkpoints.set(i, { heap: new Map(heap), output: output.slice() });
      }
    }
    return { index, step: steps[index]!, heap, output };
  }

  private depth(index: number): number { return this.data.steps[index]!.stack.length; }

  private find(from: number, direction: 1 | -1, accept: (i: number) => boolean): number {
    for (let i = from + direction; i >= 0 && i < this.length; i += direction) if (accept(i)) return i;
    return direction === 1 ? this.length - 1 : 0;
  }

  /** The next step in the same frame or a caller (calls made from here run through). */
  stepOver(from: number, direction: 1 | -1 = 1): number {
    const depth = this.depth(from);
    return this.find(from, direction, (i) => this.depth(i) <= depth);
  }

  /** The first step after the current frame returns (or, backwards, the step that called it). */
  stepOut(from: number, direction: 1 | -1 = 1): number {
    const depth = this.depth(from);
    return this.find(from, direction, (i) => this.depth(i) < depth);
  }

  /** The next (or previous) statement on a breakpoint line; the last (or first) step when none. */
  continueTo(from: number, breakpoints: ReadonlySet<number>, direction: 1 | -1 = 1): number {
    return this.find(from, direction, (i) => {
      const step = this.data.steps[i]!;
      return step.kind === 'statement' && breakpoints.has(step.span.line);
    });
  }
}
