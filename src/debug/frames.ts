// A recorded frame: its V8-style name, and its scopes read directly from the run-time environments
// (slots by the compile-time ScopeInfo; a binding in its TDZ shows as uninitialized).
import type { Frame } from '../interpreter/runtime/frame.js';
import type { Env } from '../interpreter/runtime/environment.js';
import { ImportCell } from '../interpreter/runtime/environment.js';
import { UNINIT } from '../interpreter/compile/scope.js';
import type { Realm } from '../realm/realm.js';
import type { BindingView, ScopeView } from './trace-types.js';
import type { HeapRecorder } from './heap-recorder.js';
import { constructorNameOf, descriptorOf, functionNameOf, isObject, ownKeysOf } from './inspect-safe.js';

/** The frame's name as V8 prints it in a stack trace: `fact`, `Counter.increment`, `new Point`,
 * `<anonymous>`, `(top level)`. */
export function frameName(f: Frame): string {
  const s = f.fn;
  if (s === null) return '(top level)';
  const name = functionNameOf(s.fnObject) || '<anonymous>';
  if (f.newTarget !== undefined) return `new ${name}`;
  const t = f.thisValue;
  if (!s.template.isArrow && isObject(t) && t !== f.realm.globalThisValue) {
    const type = constructorNameOf(t);
    if (type !== null) return `${type}.${name}`;
  }
  return name;
}

/** Environments between `f`'s running environment and its closure's: the frame's own. */
export function ownEnvs(f: Frame): Env[] {
  const out: Env[] = [];
  const stop = f.fn !== null ? f.fn.env : null;
  for (let e: Env | null = f.env; e !== null && e !== stop; e = e.parent) {
    if (e.info.kind === 'script') break;
    out.push(e);
  }
  return out;
}

export interface GlobalView {
  realm: Realm;
  /** The contextified object: the program's global var and function declarations live there. */
  contextObject: object;
  /** Globals of the debugger's own (its console) not shown. */
  hidden: ReadonlySet<string>;
}

/** The scopes of frame `f`, innermost first, ending with the global scope. `envNames` names the
 * function each environment of an enclosing function belongs to. */
export function scopesOf(f: Frame, heap: HeapRecorder, envNames: WeakMap<Env, string>, g: GlobalView): ScopeView[] {
  const out: ScopeView[] = [];
  const closureEnv = f.fn !== null ? f.fn.env : null;
  let inClosure = false;
  for (let e: Env | null = f.env; e !== null; e = e.parent) {
    if (e === closureEnv) inClosure = true;
    const info = e.info;
    if (info.kind === 'script') break;
    if (e.withObject !== null) {
      out.push({ kind: 'with', bindings: [{ name: '(object)', value: heap.value(e.withObject), mutable: false }] });
      continue;
    }
    const bindings = envBindings(e, heap);
    const isFunctionScope = !inClosure && info.kind === 'function';
    if (isFunctionScope && e.parent === closureEnv && f.fn !== null && !f.fn.template.isArrow && isObject(f.thisValue) && f.thisValue !== g.realm.globalThisValue) {
      bindings.unshift({ name: 'this', value: heap.value(f.thisValue), mutable: false });
    }
    if (bindings.length === 0 && !isFunctionScope) continue;
    if (inClosure) {
      const name = envNames.get(e);
      out.push(name !== undefined ? { kind: 'closure', name, bindings } : { kind: 'closure', bindings });
    } else {
      const kind = info.kind === 'function' ? 'function' : info.kind === 'catch' ? 'catch' : info.kind === 'class' ? 'class' : info.kind === 'module' ? 'module' : 'block';
      out.push({ kind, bindings });
    }
  }
  out.push({ kind: 'global', bindings: globalBindings(heap, g) });
  return out;
}

function envBindings(e: Env, heap: HeapRecorder): BindingView[] {
  const out: BindingView[] = [];
  const classScope = e.info.kind === 'class';
  for (const [name, b] of e.info.bindings) {
    // `arguments`, and a named function expression's own name (the function itself), are left out.
    if (b.kind === 'arguments' || b.kind === 'callee') continue;
    let v = e.slots[b.slot];
    if (v instanceof ImportCell) v = v.env.slots[v.slot];
    const mutable = !(b.kind === 'const' || classScope);
    out.push({ name, value: v === UNINIT ? heap.uninitialized() : heap.value(v), mutable });
  }
  if (e.evalVars !== null) for (const [name, v] of e.evalVars) out.push({ name, value: heap.value(v), mutable: true });
  return out;
}

/** The program's own globals: the context object's properties (global var and function declarations,
 * assignments to undeclared names), then the top-level let/const/class bindings. Not the intrinsics. */
export function globalBindings(heap: HeapRecorder, g: GlobalView): BindingView[] {
  const out: BindingView[] = [];
  for (const k of ownKeysOf(g.contextObject)) {
    if (typeof k !== 'string' || g.hidden.has(k)) continue;
    const d = descriptorOf(g.contextObject, k);
    if (d === undefined) continue;
    if ('value' in d) out.push({ name: k, value: heap.value(d.value), mutable: d.writable === true });
  }
  for (const [name, b] of g.realm.globalLexicals) {
    out.push({ name, value: b.initialized ? heap.value(b.value) : heap.uninitialized(), mutable: b.mutable });
  }
  return out;
}
