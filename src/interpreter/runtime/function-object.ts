// Guest function objects are host functions (BRIEF decision 1): a small host
// wrapper per function object that enters the interpreter with its
// FunctionState. [[Call]] and [[Construct]] (§10.2.1, §10.2.2) live in invoke().
import { ReturnTarget } from './private-stamp.js';
import { IsConstructor } from '../../realm/abstract-ops/testing-comparison.js';
import { AsyncFunctionStart } from './async-function.js';
import { createAsyncGeneratorObject } from './async-generator-object.js';
import type { Realm } from '../../realm/realm.js';
import { agent, Termination } from '../../realm/agent.js';
import { FUNCTION_BYTES, OBJECT_BYTES } from '../../realm/allocation.js';
import { Env, copySlots } from './environment.js';
import { Frame, RETURN } from './frame.js';
import { compileFunction, type DirectEntry, type FunctionTemplate } from '../compile/function-template.js';
import { currentFrame } from './call-stack.js';
import { membraneOf } from '../../realm/membrane.js';
import { needsEntryBudget, runHostEntry } from '../../realm/host-entry.js';
import { UNINIT } from '../compile/scope.js';
import { ToObject } from '../../realm/abstract-ops/type-conversion.js';
import type { PrivateEnv, PrivateName } from './private-names.js';
import { createGeneratorObject } from './generator-object.js';
import { recordErrorLocation } from './error-location.js';

const { defineProperty, setPrototypeOf, getPrototypeOf, create } = Object;
const HostRangeError = RangeError;
const ReflectApply = Reflect.apply;

/** A class field or private method to install on each instance (§15.7.10 ClassFieldDefinition). */
export interface ClassElementRecord {
  readonly key: PropertyKey | PrivateName;
  /** The initializer as a method with `this` = the instance, or undefined. */
  readonly initializer: Function | undefined;
}

export class FunctionState {
  /** The host function object guest code sees. */
  fnObject!: Function;
  /** [[HomeObject]] for methods (super property access). */
  homeObject: object | undefined = undefined;
  /** Arrows: the frame whose this/new.target/super/arguments they see. */
  thisFrame: Frame | null = null;
  /** Class constructors: [[Fields]] and private methods (§15.7.14). */
  fields: ClassElementRecord[] | null = null;
  /** Class constructors with private methods: the brand set instances are added to. */
  brand: WeakSet<object> | null = null;
  constructor(
    readonly template: FunctionTemplate,
    readonly realm: Realm,
    /** The closure's environment ([[Environment]]). */
    readonly env: Env | null,
    readonly privateEnv: PrivateEnv | null,
  ) {}
}

// A guest function's state is stamped on the host function as a class private field (private-stamp.ts).
class StateStamp extends ReturnTarget {
  #state: FunctionState;
  constructor(fn: Function, state: FunctionState) { super(fn); this.#state = state; }
  static get(fn: object): FunctionState | undefined { return #state in fn ? (fn as StateStamp).#state : undefined; }
}

/** The interpreter state of a guest function, or undefined for any other function. */
export function functionStateOf(fn: unknown): FunctionState | undefined {
  return typeof fn === 'function' ? StateStamp.get(fn) : undefined;
}

/** OrdinaryFunctionCreate (§10.2.3) + SetFunctionName + MakeConstructor as the kind requires. */
export function makeFunction(t: FunctionTemplate, f: Frame, env: Env | null, name: PropertyKey | undefined, homeObject?: object, namePrefix?: string): Function {
  const realm = f.realm;
  // Counted without a check: the step counter's slow path checks (Agent.tick).
  agent.allocated += FUNCTION_BYTES;
  let closureEnv = env;
  if (t.calleeScope !== null) closureEnv = new Env(env, [undefined], t.calleeScope);
  const s = new FunctionState(t, realm, closureEnv, f.privateEnv);
  if (homeObject !== undefined) s.homeObject = homeObject;
  if (t.isArrow) s.thisFrame = f.thisFrame;
  const fname = functionName(name ?? t.name ?? '', namePrefix);
  const F = hostWrapper(s, fname);
  s.fnObject = F;
  new StateStamp(F, s);
  if (!realm.isHost || t.isGenerator || t.isAsync) {
    const i = realm.intrinsics;
    const proto = t.kind === 'generator' ? i.GeneratorFunctionPrototype
      : t.kind === 'asyncGenerator' ? (i.AsyncGeneratorFunctionPrototype ?? i.FunctionPrototype)
      : t.isAsync ? (i.AsyncFunctionPrototype ?? i.FunctionPrototype)
      : i.FunctionPrototype;
    setPrototypeOf(F, proto);
  }
  if (t.length > 3) defineProperty(F, 'length', { value: t.length, writable: false, enumerable: false, configurable: true });
  if (t.kind === 'normal') {
    // Not the host's lazily made prototype re-pointed: materialising it cost more than making ours.
    if (!realm.isHost) makePrototype(F, realm.intrinsics.ObjectPrototype);
  } else if (t.kind === 'generator' || t.kind === 'asyncGenerator') {
    const gp = t.kind === 'generator' ? realm.intrinsics.GeneratorPrototype : (realm.intrinsics.AsyncGeneratorPrototype ?? realm.intrinsics.ObjectPrototype);
    defineProperty(F, 'prototype', { value: create(gp), writable: true, enumerable: false, configurable: false });
  }
  if (t.calleeScope !== null) closureEnv!.slots[0] = F;
  return F;
}

/** MakeConstructor's prototype object (§10.2.5): inherits from `proto`, `constructor` non-enumerable.
 * Installed before its `constructor` is defined: V8 turns an object that becomes a function's prototype
 * into a prototype-mode object (a map of its own), which measured cheaper while the object is empty
 * (`closures` -5.2%, median of 7 alternated runs). */
function makePrototype(F: Function, proto: object): void {
  const p = create(proto);
  (F as unknown as { prototype: object }).prototype = p;
  const d = constructorDescriptor;
  d.value = F;
  defineProperty(p, 'constructor', d);
  d.value = undefined;
}
/** One descriptor for every `constructor` defineProperty: not an object literal per closure. */
const constructorDescriptor: PropertyDescriptor = { value: undefined, writable: true, enumerable: false, configurable: true };

/** SetFunctionName (§10.2.9). */
export function functionName(name: PropertyKey, prefix?: string): string {
  let n: string;
  if (typeof name === 'symbol') n = name.description === undefined ? '' : `[${name.description}]`;
  else n = String(name);
  return prefix ? `${prefix} ${n}` : n;
}

// The host wrapper is made with the guest function's `length` (up to 3 parameters) and `name` already
// right, because redefining either on a host function measured ~450 ns each, more than the rest of
// making a closure; a computed key names a function expression at creation (SetFunctionName).
// `arguments` rather than a rest parameter: the wrapper must declare the parameters to get the length,
// and measured no slower. Arrows use method wrappers: neither has [[Construct]] nor `prototype`.
/* eslint-disable prefer-rest-params */
function hostWrapper(s: FunctionState, name: string): Function {
  const n = s.template.length;
  switch (s.template.kind) {
    case 'normal': return name === '' ? anonymousNormalWrapper(s, n) : normalWrapper(s, name, n);
    case 'classConstructor': return classWrapper(s, name, n);
    case 'arrow': case 'asyncArrow': return arrowWrapper(s, name, n);
    default: return methodWrapper(s, name, n);
  }
}

function anonymousNormalWrapper(s: FunctionState, n: number): Function {
  switch (n) {
    case 0: return function (this: unknown) { return invoke(s, this, arguments, new.target); };
    case 1: return function (this: unknown, _0: unknown) { return invoke(s, this, arguments, new.target); };
    case 2: return function (this: unknown, _0: unknown, _1: unknown) { return invoke(s, this, arguments, new.target); };
    default: return function (this: unknown, _0: unknown, _1: unknown, _2: unknown) { return invoke(s, this, arguments, new.target); };
  }
}

function normalWrapper(s: FunctionState, k: string, n: number): Function {
  switch (n) {
    case 0: return { [k]: function (this: unknown) { return invoke(s, this, arguments, new.target); } }[k];
    case 1: return { [k]: function (this: unknown, _0: unknown) { return invoke(s, this, arguments, new.target); } }[k];
    case 2: return { [k]: function (this: unknown, _0: unknown, _1: unknown) { return invoke(s, this, arguments, new.target); } }[k];
    default: return { [k]: function (this: unknown, _0: unknown, _1: unknown, _2: unknown) { return invoke(s, this, arguments, new.target); } }[k];
  }
}

function classWrapper(s: FunctionState, k: string, n: number): Function {
  const noNew = (): never => s.realm.throwTypeError(`Class constructor ${String(s.fnObject.name)} cannot be invoked without 'new'`);
  switch (n) {
    case 0: return { [k]: function (this: unknown) { if (new.target === undefined) noNew(); return invoke(s, this, arguments, new.target); } }[k];
    case 1: return { [k]: function (this: unknown, _0: unknown) { if (new.target === undefined) noNew(); return invoke(s, this, arguments, new.target); } }[k];
    case 2: return { [k]: function (this: unknown, _0: unknown, _1: unknown) { if (new.target === undefined) noNew(); return invoke(s, this, arguments, new.target); } }[k];
    default: return { [k]: function (this: unknown, _0: unknown, _1: unknown, _2: unknown) { if (new.target === undefined) noNew(); return invoke(s, this, arguments, new.target); } }[k];
  }
}

function arrowWrapper(s: FunctionState, k: string, n: number): Function {
  switch (n) {
    case 0: return { [k]() { return invoke(s, undefined, arguments, undefined); } }[k];
    case 1: return { [k](_0: unknown) { return invoke(s, undefined, arguments, undefined); } }[k];
    case 2: return { [k](_0: unknown, _1: unknown) { return invoke(s, undefined, arguments, undefined); } }[k];
    default: return { [k](_0: unknown, _1: unknown, _2: unknown) { return invoke(s, undefined, arguments, undefined); } }[k];
  }
}

function methodWrapper(s: FunctionState, k: string, n: number): Function {
  switch (n) {
    case 0: return { [k](this: unknown) { return invoke(s, this, arguments, undefined); } }[k];
    case 1: return { [k](this: unknown, _0: unknown) { return invoke(s, this, arguments, undefined); } }[k];
    case 2: return { [k](this: unknown, _0: unknown, _1: unknown) { return invoke(s, this, arguments, undefined); } }[k];
    default: return { [k](this: unknown, _0: unknown, _1: unknown, _2: unknown) { return invoke(s, this, arguments, undefined); } }[k];
  }
}
/* eslint-enable prefer-rest-params */

export function throwStackOverflow(realm: Realm): never {
  throw realm.newError('RangeError', 'Maximum call stack size exceeded');
}

/** [[Call]] / [[Construct]] of a guest function (§10.2.1, §10.2.2). */
export function invoke(s: FunctionState, thisArg: unknown, args: ArrayLike<unknown>, newTarget: unknown): unknown {
  const t = s.template;
  const a = agent;
  // tick() answers true when host code is calling (agent.hostCode): the arguments come in first.
  if (--a.steps <= 0 && a.tick()) return invokeFromHost(s, thisArg, args, newTarget);
  // A body the compiled tier took with a direct entry: the entry is the whole [[Call]] or [[Construct]],
  // and counts this step itself.
  const e = t.directEntry;
  if (e !== null) {
    a.steps++;
    // Inline, not a call of enterDirect: each host frame per guest level counts where the host stack ends.
    const c = currentFrame();
    const n = args.length;
    switch (t.node.params.length) {
      case 0: return e(s, c, thisArg, newTarget);
      case 1: return e(s, c, thisArg, newTarget, n > 0 ? args[0] : undefined);
      case 2: return e(s, c, thisArg, newTarget, n > 0 ? args[0] : undefined, n > 1 ? args[1] : undefined);
      case 3: return e(s, c, thisArg, newTarget, n > 0 ? args[0] : undefined, n > 1 ? args[1] : undefined, n > 2 ? args[2] : undefined);
      default: return enterDirect(e, s, c, thisArg, args, newTarget);
    }
  }
  // A compiled body that reads its argument list (`arguments` without the object) takes it as it is.
  const le = t.listEntry;
  if (le !== null) {
    a.steps++;
    return le(s, currentFrame(), thisArg, newTarget, args);
  }
  const depth = ++a.depth;
  if (depth > a.maxDepth) { a.depth--; throwStackOverflow(s.realm); }
  // The running frame (call-stack.ts): the top, past frames that have returned.
  let caller = a.top as Frame | null;
  while (caller !== null && caller.depth >= depth) caller = caller.caller;
  let f: Frame | null = null;
  let result: unknown;
  // No `finally`: the depth is restored on each way out, the normal one without a finally's dispatch.
  try {
    const body = t.compiled ?? compileFunction(t, s.realm);
    const realm = s.realm;
    let thisValue: unknown;
    if (newTarget !== undefined) {
      a.allocated += OBJECT_BYTES;
      thisValue = t.isDerived ? UNINIT : ordinaryCreateFromConstructor(realm, thisArg, newTarget);
    } else if (t.strict || t.isArrow) {
      thisValue = thisArg;
    } else {
      thisValue = thisArg === undefined || thisArg === null ? realm.globalThisValue : ToObject(realm, thisArg);
    }
    const env = new Env(s.env, copySlots(body.scope.init), body.scope);
    f = new Frame(realm, env, env, thisValue, s, newTarget, args, t.strict, caller, depth);
    a.top = f;
    if (s.thisFrame !== null) f.thisFrame = s.thisFrame;
    f.privateEnv = s.privateEnv;
    if (newTarget !== undefined && !t.isDerived && s.fields !== null) initializeInstanceElements(realm, thisValue as object, s);
    // A suspendable activation outlives the call (its frame, host generator and promise or
    // generator object): counted like a closure, without a check (Agent.tick checks).
    if (t.isAsync || t.kind === 'generator') a.allocated += FUNCTION_BYTES;
    if (t.isAsync && t.kind !== 'asyncGenerator') result = AsyncFunctionStart(realm, f, body.instantiate, body.run as (f: Frame) => Generator<unknown, number, unknown>);
    else {
      body.instantiate(f);
      if (t.kind === 'generator') result = createGeneratorObject(s, f, body.run as (f: Frame) => Generator<unknown, number, unknown>);
      else if (t.kind === 'asyncGenerator') result = createAsyncGeneratorObject(s, f, body.run as (f: Frame) => Generator<unknown, number, unknown>);
      else {
        const sig = (body.run as (f: Frame) => number)(f);
        if (newTarget === undefined) result = sig === RETURN ? f.retVal : undefined;
        else result = constructResult(realm, f, sig === RETURN ? f.retVal : undefined, t.isDerived);
      }
    }
  } catch (e) {
    try {
      if (e instanceof Termination) throw e;
      if (a.terminating !== null) throw a.terminating;
      if (e instanceof HostRangeError && (e as Error).message === 'Maximum call stack size exceeded') {
        // The host stack ran out at this guest depth: until the outermost run ends, guest calls stop a
        // little above it, as a cheap guest RangeError (a host overflow costs O(stack): V8 captures the
        // trace). Inline, not a call: at the stack's end a call may overflow again.
        const limit = a.depth - 8;
        if (limit < a.maxDepth) a.maxDepth = limit < 16 ? 16 : limit;
        if (!s.realm.isHost) throwStackOverflow(s.realm);
      }
      if (f !== null) recordErrorLocation(e, f);
      throw e;
    } finally {
      a.depth--;
    }
  }
  a.depth--;
  return result;
}

/** [[Call]] or [[Construct]] through a body's direct entry (tier/compile-to-host.ts) with an argument
 * list, for a function of more than 3 parameters (invoke passes fewer itself): each parameter gets its
 * argument. */
function enterDirect(e: DirectEntry, s: FunctionState, c: Frame | null, thisArg: unknown, args: ArrayLike<unknown>, newTarget: unknown): unknown {
  const n = args.length;
  const count = s.template.node.params.length;
  const list = new Array<unknown>(count + 4);
  list[0] = s; list[1] = c; list[2] = thisArg; list[3] = newTarget;
  for (let i = 0; i < count; i++) list[i + 4] = i < n ? args[i] : undefined;
  return ReflectApply(e, undefined, list);
}

/** The way out of a direct entry (tier/compile-to-host.ts) that threw, after it restored the depth:
 * invoke's catch, with `depth` the level the call ran at. */
export function directCallFailed(e: unknown, f: Frame | null, s: FunctionState, depth: number): never {
  const a = agent;
  if (e instanceof Termination) throw e;
  if (a.terminating !== null) throw a.terminating;
  if (e instanceof HostRangeError && (e as Error).message === 'Maximum call stack size exceeded') {
    const limit = depth - 8;
    if (limit < a.maxDepth) a.maxDepth = limit < 16 ? 16 : limit;
    if (!s.realm.isHost) throwStackOverflow(s.realm);
  }
  if (f !== null) recordErrorLocation(e, f);
  throw e;
}

/** A direct entry called past the depth limit: the level it took given back, then the realm's RangeError. */
export function directCallOverflow(s: FunctionState): never {
  agent.depth--;
  throwStackOverflow(s.realm);
}

/** A guest function called by the embedder's code: `this` and the arguments come through the membrane
 * (src/realm/membrane.ts), and the body runs as guest code. */
export function invokeFromHost(s: FunctionState, thisArg: unknown, args: ArrayLike<unknown>, newTarget: unknown): unknown {
  const a = agent;
  // Called while no run is active (after a run, by a host callback or getter): under the context's own
  // timeout and memory limit, if it has them (src/realm/host-entry.ts).
  if (needsEntryBudget(s.realm)) return runHostEntry(s.realm, () => invokeInGuest(s, thisArg, args, newTarget), s.fnObject, thisArg, args);
  a.leaveHostCode();
  try {
    return invokeInGuest(s, thisArg, args, newTarget);
  } finally {
    a.enterHostCode();
  }
}

/** invoke with `this` and the arguments the host passed brought in through the membrane. */
function invokeInGuest(s: FunctionState, thisArg: unknown, args: ArrayLike<unknown>, newTarget: unknown): unknown {
  const m = membraneOf(s.realm);
  return m === null ? invoke(s, thisArg, args, newTarget) : invoke(s, m.toGuest(thisArg), m.argsToGuest(args), newTarget);
}

/** OrdinaryCreateFromConstructor(newTarget, "%Object.prototype%") reusing the object the host made. */
export function ordinaryCreateFromConstructor(realm: Realm, hostThis: unknown, newTarget: unknown): object {
  const p = (newTarget as { prototype: unknown }).prototype;
  if ((typeof p === 'object' && p !== null) || typeof p === 'function') {
    if (typeof hostThis === 'object' && hostThis !== null && getPrototypeOf(hostThis) === p) return hostThis;
    return create(p as object);
  }
  // GetPrototypeFromConstructor: the realm of newTarget's %Object.prototype%.
  const nt = functionStateOf(newTarget);
  return create((nt ? nt.realm : realm).intrinsics.ObjectPrototype);
}

function constructResult(realm: Realm, f: Frame, result: unknown, derived: boolean): unknown {
  if ((typeof result === 'object' && result !== null) || typeof result === 'function') return result;
  if (derived) {
    if (result !== undefined) realm.throwTypeError('Derived constructors may only return object or undefined');
    if (f.thisValue === UNINIT) realm.throwReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
  }
  return f.thisValue;
}

/** InitializeInstanceElements (§7.3.34). */
export function initializeInstanceElements(realm: Realm, o: object, s: FunctionState): void {
  if (s.brand !== null) {
    if (s.brand.has(o)) realm.throwTypeError('Cannot initialize private methods of class twice on the same object');
    s.brand.add(o);
  }
  const fields = s.fields!;
  for (let i = 0; i < fields.length; i++) {
    const fd = fields[i];
    const v = fd.initializer === undefined ? undefined : Reflect.apply(fd.initializer, o, []);
    const key = fd.key;
    if (typeof key === 'object') (key as PrivateName).addField(realm, o, v);
    else if (!Reflect.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true })) {
      realm.throwTypeError(`Cannot redefine property: ${String(key)}`);
    }
  }
}

/** The state of a guest function whose [[Call]] a call site may run as `invoke(s, this, args)`, skipping
 * its host wrapper (and the wrapper's `arguments` object); null for every other function, and for
 * class constructors, whose wrapper throws when called without `new`. */
export function directCallState(fn: Function): FunctionState | null {
  const s = StateStamp.get(fn);
  return s === undefined || s.template.kind === 'classConstructor' ? null : s;
}

/** The state of a guest constructor whose [[Construct]] a `new` site may run as `invoke(s, undefined,
 * args, fn)` (this object made by OrdinaryCreateFromConstructor there); null for every other function. */
export function directConstructState(fn: Function): FunctionState | null {
  const s = StateStamp.get(fn);
  return s === undefined || (s.template.kind !== 'normal' && s.template.kind !== 'classConstructor') ? null : s;
}

/** The guest source text of a function made by the interpreter (§20.2.3.5). */
export function sourceTextOf(fn: Function): string | undefined {
  const s = StateStamp.get(fn);
  return s === undefined ? undefined : s.template.sourceText;
}

/** IsConstructor (§7.2.4, sec-isconstructor): read off an interpreted function's template (the hot case,
 * `new` and `extends`); the realm's IsConstructor answers for every other function. */
export function isConstructor(v: unknown): boolean {
  if (typeof v !== 'function') return false;
  const s = functionStateOf(v);
  if (s !== undefined) return s.template.kind === 'normal' || s.template.kind === 'classConstructor';
  return IsConstructor(v);
}
