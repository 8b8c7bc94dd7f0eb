// A recorded frame: its V8-style name, and its scopes read directly from the run-time environments
// (slots by the compile-time ScopeInfo; a binding in its TDZ shows as uninitialized).
import type { Frame } from '../interpreter/runtime/frame.js';
import type { Env } from '../interpreter/runtime/environment.js';
import { ImportCell } from '../interpreter/runtime/environment.js';
import { UNINIT } from '../interpreter/compile/scope.js';
import type { Realm } from '../realm/realm.js';
import type { BindingView, ScopeView, ValueView } from './trace-types.js';

const UNINITIALIZED: ValueView = { kind: 'uninitialized' };
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

/** How a recorded value is shown (the heap's `value`, possibly noting the objects a view refers to). */
export type ValueOf = (v: unknown) => ValueView;

/** The local scopes of frame `f` (every scope but the global one), innermost first. `envNames` names
 * the function each environment of an enclosing function belongs to. */
export function localScopesOf(f: Frame, value: ValueOf, envNames: WeakMap<Env, string>, g: GlobalView): ScopeView[] {
  const out: ScopeView[] = [];
  const closureEnv = f.fn !== null ? f.fn.env : null;
  let inClosure = false;
  for (let e: Env | null = f.env; e !== null; e = e.parent) {
    if (e === closureEnv) inClosure = true;
    const info = e.info;
    if (info.kind === 'script') break;
    if (e.withObject !== null) {
      out.push({ kind: 'with', bindings: [{ name: '(object)', value: value(e.withObject), mutable: false }] });
      continue;
    }
    const bindings = envBindings(e, value);
    const isFunctionScope = !inClosure && info.kind === 'function';
    if (isFunctionScope && e.parent === closureEnv && f.fn !== null && !f.fn.template.isArrow && isObject(f.thisValue) && f.thisValue !== g.realm.globalThisValue) {
      bindings.unshift({ name: 'this', value: value(f.thisValue), mutable: false });
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
  return out;
}

/** Everything frame `f`'s local scopes show, as a flat list: equal item by item (Object.is) to an
 * earlier list means the same view (a caller's frame usually does not change while it waits). */
export function frameState(f: Frame, out: unknown[]): void {
  out.push(f.env, f.thisValue);
  for (let e: Env | null = f.env; e !== null; e = e.parent) {
    if (e.info.kind === 'script') break;
    out.push(e, e.withObject);
    const slots = e.slots;
    for (let i = 0; i < slots.length; i++) {
      const v = slots[i];
      out.push(v instanceof ImportCell ? v.env.slots[v.slot] : v);
    }
    if (e.evalVars !== null) for (const [k, v] of e.evalVars) out.push(k, v);
  }
}

/** What the global scope shows, as a flat list (see frameState). */
export function globalState(g: GlobalView, out: unknown[]): void {
  for (const k of ownKeysOf(g.contextObject)) {
    const d = descriptorOf(g.contextObject, k);
    out.push(k, d === undefined ? undefined : 'value' in d ? d.value : d.get, d?.writable);
  }
  for (const [name, b] of g.realm.globalLexicals) out.push(name, b.value, b.initialized);
}

export function sameState(a: readonly unknown[], b: readonly unknown[]): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function envBindings(e: Env, value: ValueOf): BindingView[] {
  const out: BindingView[] = [];
  const classScope = e.info.kind === 'class';
  for (const [name, b] of e.info.bindings) {
    // `arguments`, a named function expression's own name (the function itself) and the hidden
    // DisposeCapability of a scope with `using` declarations are left out.
    if (b.kind === 'arguments' || b.kind === 'callee' || b.kind === 'disposeCapability') continue;
    let v = e.slots[b.slot];
    if (v instanceof ImportCell) v = v.env.slots[v.slot];
    const mutable = !(b.kind === 'const' || classScope);
    out.push({ name, value: v === UNINIT ? UNINITIALIZED : value(v), mutable });
  }
  if (e.evalVars !== null) for (const [name, v] of e.evalVars) out.push({ name, value: value(v), mutable: true });
  return out;
}

/** The program's own globals: the context object's properties (global var and function declarations,
 * assignments to undeclared names), then the top-level let/const/class bindings. Not the intrinsics. */
export function globalBindings(value: ValueOf, g: GlobalView): BindingView[] {
  const out: BindingView[] = [];
  for (const k of ownKeysOf(g.contextObject)) {
    if (typeof k !== 'string' || g.hidden.has(k)) continue;
    const d = descriptorOf(g.contextObject, k);
    if (d === undefined) continue;
    if ('value' in d) out.push({ name: k, value: value(d.value), mutable: d.writable === true });
  }
  for (const [name, b] of g.realm.globalLexicals) {
    out.push({ name, value: b.initialized ? value(b.value) : UNINITIALIZED, mutable: b.mutable });
  }
  return out;
}
