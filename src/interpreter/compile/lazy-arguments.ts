// `arguments` without the arguments object (§10.4.4), when nothing could tell the difference.
//
// Making the exotic object costs more than most calls (three defineProperty calls, and a Proxy when it
// is mapped): it was 39% of the raytrace workload, whose every constructor runs
// `this.initialize.apply(this, arguments)`. A function whose every reference to its own `arguments`
// is one of
//   `arguments.length`, `arguments[key]` (read, not called, deleted or assigned), `x.apply(t, arguments)`
// reads its frame's argument list instead (a mapped object's index reads the parameter's binding, as
// the object would), and makes the object only when one of these needs it after all (another property,
// a key that is not an index, an `apply` that is not %Function.prototype.apply%): with no other
// reference the object cannot have been changed or seen, so each read answers what it would have.
//
// Which references there are is learned by compiling: `resolve` counts every resolution of the name
// `arguments` (argumentsResolutions), the three forms above do not, and compileFunction compiles the
// body again with the object made eagerly when the count moved. Arrows and direct eval see the
// binding from code compiled later, so a function with either never takes this path, nor does code
// compiled for the debugger (its scopes show the binding).
import type { Expression, Identifier, PrivateIdentifier, SpreadElement, Super } from 'acorn';
import type { CompileContext } from './compile-context.js';
import { resolve, argumentsResolutions, type Binding } from './scope.js';
import type { Frame } from '../runtime/frame.js';
import { createArgumentsObjectFor } from '../runtime/arguments-object.js';

export interface LazyArguments {
  /** The function's `arguments` binding (left unset while the object is not made). */
  readonly binding: Binding;
  /** Mapped objects: per index, the slot of the parameter it reads, or -1 (a later parameter of the
   * same name wins, §10.4.4.7 step 17). Null for an unmapped object. */
  readonly mapSlots: readonly number[] | null;
  /** The parameters' slots, as createArgumentsObjectFor takes them (null: unmapped). */
  readonly paramSlots: number[] | null;
}

/** The function's lazily made `arguments` if `node` is a reference to it in a form that may use it. */
export function lazyArgumentsAt(node: Expression | Super | SpreadElement | PrivateIdentifier, c: CompileContext): LazyArguments | null {
  if (node.type !== 'Identifier' || (node as Identifier).name !== 'arguments') return null;
  const la = c.fn === null ? null : c.fn.lazyArguments;
  if (la === null) return null;
  const r = resolve(c.scope, 'arguments');
  argumentsResolutions.count--;
  return r.kind === 'local' && r.binding === la.binding ? la : null;
}

export function lazyArgumentsFor(binding: Binding, paramSlots: number[] | null): LazyArguments {
  const mapSlots = paramSlots === null ? null : paramSlots.map((slot, i) => (paramSlots.lastIndexOf(slot) === i ? slot : -1));
  return { binding, mapSlots, paramSlots };
}

/** The arguments object of the frame, made on first need. */
export function materializeArguments(f: Frame, la: LazyArguments): object {
  let o = f.argumentsObject;
  if (o === undefined) {
    o = createArgumentsObjectFor(f, la.paramSlots, f.varEnv!.slots);
    f.argumentsObject = o;
  }
  return o;
}

/** What `arguments[k]` reads for an index k below the argument count, before the object exists. */
export function argumentAt(f: Frame, la: LazyArguments, k: number): unknown {
  const m = la.mapSlots;
  if (m !== null && k < m.length) {
    const slot = m[k];
    if (slot >= 0) return f.varEnv!.slots[slot];
  }
  return f.args[k];
}

/** The argument list CreateListFromArrayLike would read from the (not yet made) object. */
export function argumentValues(f: Frame, la: LazyArguments): unknown[] {
  const args = f.args;
  const n = args.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = argumentAt(f, la, i);
  return out;
}
