// Specialised closures for the commonest binary expressions of synchronous code: a local `var`
// operand read straight from the frame's slots, a numeric literal operand inlined. Each saves one
// closure call per evaluation (`i < n`, `x + 1`, `a[i] & 0xff`...), the cost that dominates a closure
// compiler's loops. Operator sites stay one per closure, so V8 keeps each monomorphic.
import type { Expression } from 'acorn';
import type { CompileContext } from './compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { resolve } from './scope.js';
import { chargeConcat } from '../../realm/allocation.js';

type Sync = (f: Frame) => unknown;
type Op = '+' | '-' | '*' | '<' | '<=' | '>' | '>=' | '===' | '!==' | '&' | '|';

/** The slot of a local var-like binding in the innermost scope (no TDZ, no `with`, no eval), or -1. */
function localSlot(node: Expression, c: CompileContext): number {
  if (node.type !== 'Identifier') return -1;
  const r = resolve(c.scope, node.name);
  if (r.kind !== 'local' || r.hops !== 0) return -1;
  const k = r.binding.kind;
  return k === 'var' || k === 'function' || k === 'catch' || k === 'arguments' ? r.binding.slot : -1;
}

function numberLiteral(node: Expression): number | undefined {
  return node.type === 'Literal' && typeof node.value === 'number' ? node.value : undefined;
}

/** A specialised closure for `left op right`, or null when none applies. `l` evaluates the left
 * (an expression: the caller handles `#x in obj`). */
export function specializeBinary(op: string, left: Expression, right: Expression, l: Sync, c: CompileContext): Sync | null {
  const k = numberLiteral(right);
  const ls = localSlot(left, c);
  const rs = localSlot(right, c);
  if (k !== undefined && ls >= 0) return slotConst(op as Op, ls, k);
  if (k !== undefined) return exprConst(op as Op, l, k);
  if (ls >= 0 && rs >= 0) return slotSlot(op as Op, ls, rs);
  return null;
}

function slotConst(op: Op, s: number, k: number): Sync | null {
  switch (op) {
    case '+': return (f) => { const a = f.env.slots[s] as any; const v = a + k; if (typeof v === 'string') chargeConcat(v, a, k); return v; };
    case '-': return (f) => (f.env.slots[s] as any) - k;
    case '*': return (f) => (f.env.slots[s] as any) * k;
    case '<': return (f) => (f.env.slots[s] as any) < k;
    case '<=': return (f) => (f.env.slots[s] as any) <= k;
    case '>': return (f) => (f.env.slots[s] as any) > k;
    case '>=': return (f) => (f.env.slots[s] as any) >= k;
    case '===': return (f) => f.env.slots[s] === k;
    case '!==': return (f) => f.env.slots[s] !== k;
    case '&': return (f) => (f.env.slots[s] as any) & k;
    case '|': return (f) => (f.env.slots[s] as any) | k;
  }
  return null;
}

function exprConst(op: Op, l: Sync, k: number): Sync | null {
  switch (op) {
    case '+': return (f) => { const a = l(f) as any; const v = a + k; if (typeof v === 'string') chargeConcat(v, a, k); return v; };
    case '-': return (f) => (l(f) as any) - k;
    case '*': return (f) => (l(f) as any) * k;
    case '<': return (f) => (l(f) as any) < k;
    case '<=': return (f) => (l(f) as any) <= k;
    case '>': return (f) => (l(f) as any) > k;
    case '>=': return (f) => (l(f) as any) >= k;
    case '===': return (f) => l(f) === k;
    case '!==': return (f) => l(f) !== k;
    case '&': return (f) => (l(f) as any) & k;
    case '|': return (f) => (l(f) as any) | k;
  }
  return null;
}

function slotSlot(op: Op, a: number, b: number): Sync | null {
  switch (op) {
    case '+': return (f) => { const s = f.env.slots; const x = s[a] as any, y = s[b] as any; const v = x + y; if (typeof v === 'string') chargeConcat(v, x, y); return v; };
    case '-': return (f) => { const s = f.env.slots; return (s[a] as any) - (s[b] as any); };
    case '*': return (f) => { const s = f.env.slots; return (s[a] as any) * (s[b] as any); };
    case '<': return (f) => { const s = f.env.slots; return (s[a] as any) < (s[b] as any); };
    case '<=': return (f) => { const s = f.env.slots; return (s[a] as any) <= (s[b] as any); };
    case '>': return (f) => { const s = f.env.slots; return (s[a] as any) > (s[b] as any); };
    case '>=': return (f) => { const s = f.env.slots; return (s[a] as any) >= (s[b] as any); };
    case '===': return (f) => { const s = f.env.slots; return s[a] === s[b]; };
    case '!==': return (f) => { const s = f.env.slots; return s[a] !== s[b]; };
    case '&': return (f) => { const s = f.env.slots; return (s[a] as any) & (s[b] as any); };
    case '|': return (f) => { const s = f.env.slots; return (s[a] as any) | (s[b] as any); };
  }
  return null;
}
