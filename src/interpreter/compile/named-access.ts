// Per-name closures for `o.name` reads, method callees and assignments in the synchronous form.
// V8 keeps a closure literal's inline caches in one feedback vector shared by every closure made
// from it, so the evaluator's single `o[name]` literal serves every `.name` site of every program and
// its load goes megamorphic. Where the host allows code generation, each property name gets closure
// literals of its own (made once with `Function`, cached), so a site's load sees only the shapes its
// name is read from. Only names matching ASCII_NAME are ever written into generated text; any other
// name, a host that forbids `Function` (CSP), or a full cache falls back to the generic closures.
// A function base is read like an object (GetV does no more for it): `C.staticMethod(…)`, `f.apply(…)`
// and `C.prototype` stay on the inline path.
import type { Frame } from '../runtime/frame.js';
import type { Realm } from '../../realm/realm.js';
import { getOnPrimitiveAt, putSloppy, putStrict, rethrowFailedSet } from '../runtime/property-access.js';

type Expr = (f: Frame) => unknown;
type ReadFactory = (obj: Expr, pos: number) => Expr;
type AssignFactory = (obj: Expr, value: Expr) => Expr;

const ASCII_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Bounds the host code generated for one agent's lifetime of programs; further names go generic. */
const MAX_NAMES = 2048;

const canGenerate = ((): boolean => {
  try {
    return (new Function('return 1') as () => number)() === 1;
  } catch {
    return false;
  }
})();

/** What a global read site needs from references.ts, passed in (that module imports this one). */
export interface GlobalReadHelpers {
  globalGet(realm: Realm, name: string): unknown;
  admit(realm: Realm, v: unknown, site: { passed: unknown }): unknown;
  realmGlobalGet(realm: Realm, name: string): unknown;
}
type GlobalReadFactory = (site: { passed: unknown }, h: GlobalReadHelpers['globalGet'], a: GlobalReadHelpers['admit'], r: GlobalReadHelpers['realmGlobalGet']) => Expr;

interface Factories {
  globalRead: GlobalReadFactory;
  read: ReadFactory;
  callee: ReadFactory;
  sloppyAssign: AssignFactory;
  strictAssign: AssignFactory;
}
type Kind = keyof Factories;

/** Each kind's closure literal as generated text for the name `n` (an ASCII_NAME). */
const TEXT: { readonly [K in Kind]: (n: string) => string } = {
  globalRead: (n) => `return function (site, globalGet, admit, realmGlobalGet) { return function (f) {
  const realm = f.realm;
  const sb = realm.sandbox;
  if (sb === null || (realm.globalLexicals.size !== 0 && realm.globalLexicals.has('${n}'))) return globalGet(realm, '${n}');
  const v = sb.${n};
  if (v !== undefined) return v === site.passed || (typeof v !== 'object' && typeof v !== 'function') ? v : admit(realm, v, site);
  if ('${n}' in sb) return v;
  return realmGlobalGet(realm, '${n}');
}; };`,
  read: (n) => `return function (obj, pos) { return function (f) {
  const o = obj(f);
  if (typeof o === 'object' && o !== null || typeof o === 'function') return o.${n};
  return getOnPrimitiveAt(f, o, '${n}', pos);
}; };`,
  callee: (n) => `return function (obj, pos) { return function (f) {
  const o = obj(f);
  const fn = typeof o === 'object' && o !== null || typeof o === 'function' ? o.${n} : getOnPrimitiveAt(f, o, '${n}', pos);
  f.calleeThis = o;
  return fn;
}; };`,
  sloppyAssign: (n) => `return function (obj, value) { return function (f) {
  const o = obj(f);
  const v = value(f);
  if (typeof o === 'object' && o !== null) o.${n} = v;
  else putSloppy(f.realm, o, '${n}', v);
  return v;
}; };`,
  strictAssign: (n) => `return function (obj, value) { return function (f) {
  'use strict';
  const o = obj(f);
  const v = value(f);
  if (typeof o === 'object' && o !== null) {
    try { o.${n} = v; } catch (e) { rethrowFailedSet(f.realm, o, '${n}', e); }
  } else putStrict(f.realm, o, '${n}', v);
  return v;
}; };`,
};

/** Per name, the factories made so far: each kind is generated (one `Function` of its own) when a site
 * of that kind first needs it. One text holding all five literals cost ~2x a single kind's to compile
 * (V8 pre-parses every inner literal), and most names are used in one or two kinds (box2d: ~29 ms of
 * its preparation went to these texts). */
const byName = new Map<string, Partial<Factories>>();

function factoryFor<K extends Kind>(name: string, kind: K): Factories[K] | null {
  let made = byName.get(name);
  if (made === undefined) {
    if (!canGenerate || byName.size >= MAX_NAMES || !ASCII_NAME.test(name)) return null;
    made = {};
    byName.set(name, made);
  }
  const hit = made[kind];
  if (hit !== undefined) return hit as Factories[K];
  const make = new Function('getOnPrimitiveAt', 'putSloppy', 'putStrict', 'rethrowFailedSet', TEXT[kind](name)) as (...helpers: unknown[]) => Factories[K];
  const factory = make(getOnPrimitiveAt, putSloppy, putStrict, rethrowFailedSet);
  made[kind] = factory;
  return factory;
}

/** A read of the global `name` through a contextified object: references.ts's guestGlobalReader,
 * with `sb.name` in place of its `sb[name]`. */
export function namedGlobalReader(name: string, site: { passed: unknown }, h: GlobalReadHelpers): Expr | null {
  const f = factoryFor(name, 'globalRead');
  return f === null ? null : f(site, h.globalGet, h.admit, h.realmGlobalGet);
}

/** `o.name` outside a chain: GetValue with the primitive-base path of getOnPrimitiveAt. */
export function namedReader(name: string, obj: Expr, pos: number): Expr | null {
  const f = factoryFor(name, 'read');
  return f === null ? null : f(obj, pos);
}

/** The callee of `o.name(...)` outside a chain: the function, with `o` left in f.calleeThis. */
export function namedCallee(name: string, obj: Expr, pos: number): Expr | null {
  const f = factoryFor(name, 'callee');
  return f === null ? null : f(obj, pos);
}

/** `o.name = v`: sloppy code ignores a failed [[Set]] (that literal is sloppy); strict code throws
 * V8's message (rethrowFailedSet), a primitive base goes through putStrict. */
export function namedAssign(name: string, obj: Expr, value: Expr, strict: boolean): Expr | null {
  const f = factoryFor(name, strict ? 'strictAssign' : 'sloppyAssign');
  return f === null ? null : f(obj, value);
}
