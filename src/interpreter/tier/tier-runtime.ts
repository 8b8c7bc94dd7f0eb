// What generated host code (the compiled tier) calls for everything that is not a
// type-checked inline fast path: the closure tier's own helpers, so both tiers
// share one implementation of each operation's semantics, error messages and
// allocation accounting. Passed to every generated function as `rt`.
import { NO_CALLEE } from '../runtime/call-site-cache.js';
import { Frame } from '../runtime/frame.js';
import type { DirectEntry } from '../compile/function-template.js';
import type { Realm } from '../../realm/realm.js';
import { agent } from '../../realm/agent.js';
import { chargeConcat } from '../../realm/allocation.js';
import { ToObject, ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { CreateDataPropertyOrThrow } from '../../realm/abstract-ops/object-operations.js';
import { getOnPrimitive, getOnPrimitiveAt, putSloppy, putStrict, failedReadMessage, putComputedMember } from '../runtime/property-access.js';
import {
  invoke, invokeFromHost, initializeInstanceElements, isConstructor, directCallState, directConstructState, directCallFailed, directCallOverflow, ordinaryCreateFromConstructor,
  type FunctionState,
} from '../runtime/function-object.js';
import { hostCodeGenerator, runHostCodeGenerator, type HostCodeGenerator } from '../runtime/dynamic.js';
import { recordErrorLocation, recordThrownPrimitive } from '../runtime/error-location.js';
import { Env, copySlots, newEnv, throwTDZ } from '../runtime/environment.js';
import { UNINIT, type ScopeInfo } from '../compile/scope.js';

const ReflectApply = Reflect.apply;
const { setPrototypeOf, create } = Object;
const ReflectConstruct = Reflect.construct;

/** A call or `new` site's cache: the last function it called and, for a guest function, its state
 * (the closure tier keeps the same three in its call closures, calls.ts). */
export interface CallSite {
  fn: unknown;
  state: FunctionState | null;
  generator: HostCodeGenerator | null;
  /** The direct entry of `fn`'s body (compile-to-host.ts), once it has one: the site's fast path. */
  entry: DirectEntry | null;
}

export function newCallSite(): CallSite {
  return { fn: NO_CALLEE, state: null, generator: null, entry: null };
}

/** The site now calls `fn` (calls.ts compileCall's cache): its state when it is a guest function, and
 * its direct entry when its body has one. */
function retarget(f: Frame, site: CallSite, fn: unknown, what: string): void {
  if (typeof fn !== 'function') f.realm.throwTypeError(`${what} is not a function`);
  site.fn = fn;
  const s = site.state = directCallState(fn as Function);
  site.generator = s === null ? hostCodeGenerator(f.realm, fn) : null;
  site.entry = s === null ? null : s.template.directEntry;
}

/** A call of anything but the site's guest function with a direct entry (a site that calls several
 * functions, a callee not compiled yet, host functions): the generic path. */
function call(f: Frame, site: CallSite, fn: unknown, thisValue: unknown, args: unknown[], what: string): unknown {
  if (fn !== site.fn) retarget(f, site, fn, what);
  const s = site.state;
  if (s !== null) {
    // The callee's body may have been compiled since: its direct entry serves the site's next calls.
    site.entry = s.template.directEntry;
    return invoke(s, thisValue, args, undefined);
  }
  return callOther(f, site, fn, thisValue, args);
}

/** A host function, or a guest one without a direct state (a class constructor: its wrapper throws). */
function callOther(f: Frame, site: CallSite, fn: unknown, thisValue: unknown, args: unknown[]): unknown {
  if (site.generator !== null && f.realm.isHost) return runHostCodeGenerator(f.realm, site.generator, args, undefined);
  return ReflectApply(fn as Function, thisValue, args);
}

// `call` for sites with 0 to 3 arguments, passed as they are: a site whose callee changes from call to
// call (a method of several classes) still enters a compiled callee directly, without an argument list.
function call0(f: Frame, site: CallSite, fn: unknown, thisValue: unknown, what: string): unknown {
  if (fn !== site.fn) retarget(f, site, fn, what);
  const s = site.state;
  if (s === null) return callOther(f, site, fn, thisValue, []);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, thisValue, undefined) : invoke(s, thisValue, [], undefined);
}

function call1(f: Frame, site: CallSite, fn: unknown, thisValue: unknown, a0: unknown, what: string): unknown {
  if (fn !== site.fn) retarget(f, site, fn, what);
  const s = site.state;
  if (s === null) return callOther(f, site, fn, thisValue, [a0]);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, thisValue, undefined, a0) : invoke(s, thisValue, [a0], undefined);
}

function call2(f: Frame, site: CallSite, fn: unknown, thisValue: unknown, a0: unknown, a1: unknown, what: string): unknown {
  if (fn !== site.fn) retarget(f, site, fn, what);
  const s = site.state;
  if (s === null) return callOther(f, site, fn, thisValue, [a0, a1]);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, thisValue, undefined, a0, a1) : invoke(s, thisValue, [a0, a1], undefined);
}

function call3(f: Frame, site: CallSite, fn: unknown, thisValue: unknown, a0: unknown, a1: unknown, a2: unknown, what: string): unknown {
  if (fn !== site.fn) retarget(f, site, fn, what);
  const s = site.state;
  if (s === null) return callOther(f, site, fn, thisValue, [a0, a1, a2]);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, thisValue, undefined, a0, a1, a2) : invoke(s, thisValue, [a0, a1, a2], undefined);
}

/** The `new` site now constructs `fn` (calls.ts compileNew's cache). */
function retargetNew(f: Frame, site: CallSite, fn: unknown, what: string): void {
  if (!isConstructor(fn)) f.realm.throwTypeError(`${what} is not a constructor`);
  site.fn = fn;
  const s = site.state = directConstructState(fn as Function);
  site.generator = s === null ? hostCodeGenerator(f.realm, fn) : null;
  site.entry = s === null ? null : s.template.directEntry;
}

/** `new` of anything but the site's guest constructor with a direct entry (calls.ts compileNew). */
function construct(f: Frame, site: CallSite, fn: unknown, args: unknown[], what: string): unknown {
  if (fn !== site.fn) retargetNew(f, site, fn, what);
  const s = site.state;
  if (s !== null) {
    site.entry = s.template.directEntry;
    return invoke(s, undefined, args, fn);
  }
  return constructOther(f, site, fn, args);
}

function constructOther(f: Frame, site: CallSite, fn: unknown, args: unknown[]): unknown {
  if (site.generator !== null && f.realm.isHost) return runHostCodeGenerator(f.realm, site.generator, args, fn as Function);
  return ReflectConstruct(fn as Function, args);
}

// `construct` for sites with 0 to 3 arguments, passed as they are (call0…call3).
function construct0(f: Frame, site: CallSite, fn: unknown, what: string): unknown {
  if (fn !== site.fn) retargetNew(f, site, fn, what);
  const s = site.state;
  if (s === null) return constructOther(f, site, fn, []);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, undefined, fn) : invoke(s, undefined, [], fn);
}

function construct1(f: Frame, site: CallSite, fn: unknown, a0: unknown, what: string): unknown {
  if (fn !== site.fn) retargetNew(f, site, fn, what);
  const s = site.state;
  if (s === null) return constructOther(f, site, fn, [a0]);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, undefined, fn, a0) : invoke(s, undefined, [a0], fn);
}

function construct2(f: Frame, site: CallSite, fn: unknown, a0: unknown, a1: unknown, what: string): unknown {
  if (fn !== site.fn) retargetNew(f, site, fn, what);
  const s = site.state;
  if (s === null) return constructOther(f, site, fn, [a0, a1]);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, undefined, fn, a0, a1) : invoke(s, undefined, [a0, a1], fn);
}

function construct3(f: Frame, site: CallSite, fn: unknown, a0: unknown, a1: unknown, a2: unknown, what: string): unknown {
  if (fn !== site.fn) retargetNew(f, site, fn, what);
  const s = site.state;
  if (s === null) return constructOther(f, site, fn, [a0, a1, a2]);
  const e = site.entry = s.template.directEntry;
  return e !== null ? e(s, f, undefined, fn, a0, a1, a2) : invoke(s, undefined, [a0, a1, a2], fn);
}

/** OrdinaryCreateFromConstructor (§10.1.13) of a direct entry's [[Construct]] (invoke's). */
function createThis(realm: Realm, hostThis: unknown, newTarget: unknown): object {
  return ordinaryCreateFromConstructor(realm, hostThis, newTarget);
}

/** `a + b` when either is not a number: the host operator, a string result charged (operators.ts). */
function add(a: unknown, b: unknown): unknown {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const v = (a as any) + (b as any);
  if (typeof v === 'string') chargeConcat(v, a, b);
  return v;
}

/** `a in b` (§13.10.1) with V8's message for a non-object (operators.ts). */
function inOperator(f: Frame, a: unknown, b: unknown): boolean {
  if ((typeof b !== 'object' || b === null) && typeof b !== 'function') {
    f.realm.throwTypeError(`Cannot use 'in' operator to search for '${typeof a === 'symbol' ? a.toString() : String(a)}' in ${typeof b === 'string' ? b : String(b)}`);
  }
  return (a as PropertyKey) in (b as object);
}


/** The key of a computed member Reference read and written back (compound assignment, update):
 * the base checked, the key converted once (assignment.ts memberTarget, computed). */
function referenceKey(f: Frame, o: unknown, k: unknown): PropertyKey {
  if (o === null || o === undefined) f.realm.throwTypeError(failedReadMessage(o, k));
  return ToPropertyKey(f.realm, k);
}

/** GetValue of a Reference whose base and key are known (assignment.ts memberTarget get). */
function getReference(realm: Realm, o: unknown, k: unknown): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<PropertyKey, unknown>)[k as PropertyKey] : getOnPrimitive(realm, o, k);
}

/** A throw statement (statements.ts): the value's location recorded, then thrown. */
function throwValue(f: Frame, v: unknown): never {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') recordErrorLocation(v, f);
  else recordThrownPrimitive(v, f);
  throw v;
}

function tdz(f: Frame, name: string): never {
  throwTDZ(f.realm, name);
}

function constAssign(f: Frame): never {
  f.realm.throwTypeError('Assignment to constant variable.');
}

function thisTDZ(f: Frame): never {
  f.realm.throwReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
}

/** CreatePerIterationEnvironment (§14.7.4.4) of a materialized loop scope (statements.ts compileFor). */
function copyEnv(outer: Env, e: Env, info: ScopeInfo): Env {
  return new Env(outer, copySlots(e.slots), info);
}

/** An array literal's array of the running realm (literals.ts compileArray). */
function realmArray(f: Frame, a: unknown[]): unknown[] {
  if (!f.realm.isHost) setPrototypeOf(a, f.realm.intrinsics.ArrayPrototype);
  return a;
}

/** An object literal's object of the running realm (literals.ts compileObject). */
function newObject(f: Frame): Record<PropertyKey, unknown> {
  return (f.realm.isHost ? {} : create(f.realm.intrinsics.ObjectPrototype)) as Record<PropertyKey, unknown>;
}

function createDataProperty(f: Frame, o: object, k: PropertyKey, v: unknown): void {
  CreateDataPropertyOrThrow(f.realm, o, k, v);
}

/** ToObject (§7.1.18) of a sloppy function's primitive `this` (a direct entry's OrdinaryCallBindThis). */
function toObject(realm: Realm, v: unknown): object {
  return ToObject(realm, v);
}

/** A direct entry's Frame.args: its functions never read their argument list (no `arguments`). */
const NO_ARGS: readonly unknown[] = Object.freeze([]);

export const tierRuntime = {
  agent, UNINIT, Frame, Env, copySlots, NO_ARGS, toObject, overflow: directCallOverflow, callFailed: directCallFailed,
  invoke, enterFromHost: invokeFromHost, createThis, initFields: initializeInstanceElements, call, call0, call1, call2, call3, construct, construct0, construct1, construct2, construct3, add, inOperator, putComputed: putComputedMember, putStrict, putSloppy, referenceKey, getReference,
  getOnPrimitive, getOnPrimitiveAt, throwValue, tdz, constAssign, thisTDZ, newEnv, copyEnv, newCallSite,
  realmArray, newObject, createDataProperty,
};

export type TierRuntime = typeof tierRuntime;
