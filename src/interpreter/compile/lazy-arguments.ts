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
//
// A body may also keep the object in a variable first, `var a = arguments;` (earley-boyer's
// `sc_list`, 314,000 calls a run, made the object on each: 14% of the workload): the same forms on
// `a` read the list when the declaration is a statement of the body itself (so everything after it
// in the source runs after it), `a` is neither a parameter nor declared otherwise, no nested function
// names it, and every other resolution of `a` is absent (aliasResolutions, counted as for `arguments`).
// The declaration then compiles to nothing: `a` is never read except through those forms.
import type { Expression, Identifier, PrivateIdentifier, SpreadElement, Statement, Super } from 'acorn';
import type { CompileContext } from './compile-context.js';
import { resolve, argumentsResolutions, aliasResolutions, type Binding } from './scope.js';
import { undecodedFunction } from '../../parser/tree-codec.js';
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
  /** The variable of a `var a = arguments;` statement of the body read through the same forms, and its
   * binding (null: none). */
  readonly alias: string | null;
  readonly aliasBinding: Binding | null;
  /** The end of that statement: only references after it read the list. */
  readonly aliasAfter: number;
}

/** The function's lazily made `arguments` if `node` is a reference to it in a form that may use it. */
export function lazyArgumentsAt(node: Expression | Super | SpreadElement | PrivateIdentifier, c: CompileContext): LazyArguments | null {
  if (node.type !== 'Identifier') return null;
  const name = (node as Identifier).name;
  const la = c.fn === null ? null : c.fn.lazyArguments;
  if (la === null) return null;
  if (name === 'arguments') {
    const r = resolve(c.scope, name);
    argumentsResolutions.count--;
    return r.kind === 'local' && r.binding === la.binding ? la : null;
  }
  if (name !== la.alias || node.start < la.aliasAfter) return null;
  const r = resolve(c.scope, name);
  aliasResolutions.count--;
  return r.kind === 'local' && r.binding === la.aliasBinding ? la : null;
}

export function lazyArgumentsFor(binding: Binding, paramSlots: number[] | null, alias: ArgumentsAlias | null, aliasBinding: Binding | null): LazyArguments {
  const mapSlots = paramSlots === null ? null : paramSlots.map((slot, i) => (paramSlots.lastIndexOf(slot) === i ? slot : -1));
  return { binding, mapSlots, paramSlots, alias: alias === null ? null : alias.name, aliasBinding, aliasAfter: alias === null ? 0 : alias.after };
}

/** A `var a = arguments;` statement of a function body that lazyArgumentsAt may read through. */
export interface ArgumentsAlias {
  readonly name: string;
  /** Its index among the body's statements, and the offset where it ends. */
  readonly index: number;
  readonly after: number;
}

/** The body's first `var a = arguments;` statement if `a` can stand for the unmade object: not
 * `arguments` itself, not excluded (parameters, functions and lexical declarations of the body), and
 * named by no nested function (those compile later, so their resolutions would not be counted). */
export function findArgumentsAlias(statements: readonly Statement[], excluded: ReadonlySet<string>): ArgumentsAlias | null {
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.type !== 'VariableDeclaration' || s.kind !== 'var' || s.declarations.length !== 1) continue;
    const d = s.declarations[0];
    if (d.id.type !== 'Identifier' || d.init == null || d.init.type !== 'Identifier' || d.init.name !== 'arguments') continue;
    const name = d.id.name;
    if (name === 'arguments' || excluded.has(name) || namedInNestedFunction(statements, name)) return null;
    return { name, index: i, after: s.end };
  }
  return null;
}

type Walked = { type?: unknown; name?: unknown } & Record<string, unknown>;

/** Whether an identifier `name` occurs inside a function or class nested in `root` (an undecoded
 * function from cachedData counts as naming it: its contents are not known yet). */
function namedInNestedFunction(root: unknown, name: string): boolean {
  const walk = (node: unknown, nested: boolean): boolean => {
    if (!node || typeof node !== 'object') return false;
    if (Array.isArray(node)) { for (const x of node) if (walk(x, nested)) return true; return false; }
    const n = node as Walked;
    if (typeof n.type !== 'string') return false;
    if (n.type === 'Identifier') return nested && n.name === name;
    let inner = nested;
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression'
      || n.type === 'ClassExpression' || n.type === 'ClassDeclaration') {
      if (undecodedFunction(n) !== undefined) return true;
      inner = true;
    }
    for (const k in n) {
      if (k === 'type' || k === 'loc' || k === 'start' || k === 'end') continue;
      const v = n[k];
      if (v && typeof v === 'object' && walk(v, inner)) return true;
    }
    return false;
  };
  return walk(root, false);
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
