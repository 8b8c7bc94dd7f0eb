// Breakpoint conditions, evaluated against the recorded state, never the live program (which has
// finished): the bindings visible in the step's current frame are rebuilt as source text from their
// recorded views (primitives from their util.inspect text, which is a JavaScript literal; objects as
// plain object/array/Map/Set literals from the recorded heap, to a depth of 4, cycles cut as
// undefined, functions as empty functions, accessors left out) and the expression runs in a fresh
// vmjs context with those as the names it sees, under a 100 ms timeout. A condition that throws
// (a binding in its TDZ, a syntax error) is false. The terminal's `p` evaluates expressions the same way.
import type { HeapObjectView, StepView, ValueView } from './trace-types.js';
import { createContext, type Context } from '../vm/context.js';
import { runInContext } from '../vm/run.js';

const DEPTH = 4;
let context: Context | null = null;

export function evaluateCondition(condition: string, view: StepView): boolean {
  try {
    return evaluateInRecordedState(`!!(${condition}\n)`, view) === true;
  } catch {
    return false;
  }
}

/** An expression's value against the recorded state (a value of the fresh context; it throws what
 * the expression throws, or node's timeout error). */
export function evaluateInRecordedState(expression: string, view: StepView): unknown {
  const frame = view.stack[0];
  const seen = new Set<string>();
  const fields: string[] = [];
  if (frame !== undefined) {
    for (const scope of frame.scopes) {
      for (const b of scope.bindings) {
        if (seen.has(b.name) || b.name === 'this' || b.value.kind === 'uninitialized') continue;
        seen.add(b.name);
        fields.push(`${JSON.stringify(b.name)}: ${valueSource(view.heap, b.value, DEPTH, new Set())}`);
      }
    }
  }
  const source = `(function () { var scope = { ${fields.join(', ')} }; with (scope) { return (${expression}\n); } })()`;
  context ??= createContext({});
  return runInContext(source, context, { timeout: 100 });
}

/** Source text that evaluates to (a copy of) a recorded value. */
export function valueSource(heap: Map<number, HeapObjectView>, v: ValueView, depth: number, path: Set<number>): string {
  if (v.kind === 'uninitialized') return 'undefined';
  if (v.kind === 'primitive') {
    const m = /^Symbol\((.*)\)$/s.exec(v.text);
    return m !== null ? `Symbol(${JSON.stringify(m[1])})` : `(${v.text})`;
  }
  const o = heap.get(v.id);
  if (o === undefined || depth < 0 || path.has(o.id)) return 'undefined';
  const inner = new Set(path).add(o.id);
  const sub = (x: ValueView): string => valueSource(heap, x, depth - 1, inner);
  switch (o.kind) {
    case 'function': case 'class': return '(function () {})';
    case 'array': {
      const items: string[] = [];
      for (const p of o.properties) if ('value' in p && /^\d+$/.test(p.key)) items[Number(p.key)] = sub(p.value);
      return `[${Array.from(items, (x) => x ?? 'undefined').join(', ')}]`;
    }
    case 'map': return `new Map([${(o.entries ?? []).map((e) => `[${sub(e.key)}, ${e.value !== undefined ? sub(e.value) : 'undefined'}]`).join(', ')}])`;
    case 'set': return `new Set([${(o.entries ?? []).map((e) => sub(e.key)).join(', ')}])`;
    default: {
      const props: string[] = [];
      for (const p of o.properties) if ('value' in p && !p.key.startsWith('[')) props.push(`${JSON.stringify(p.key)}: ${sub(p.value)}`);
      return `({ ${props.join(', ')} })`;
    }
  }
}
