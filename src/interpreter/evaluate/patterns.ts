// Destructuring (§8.6.2 BindingInitialization, §13.15.5 DestructuringAssignmentEvaluation)
// in generator form; the synchronous form is derived.
import type { ArrayPattern, AssignmentProperty, Expression, Node, ObjectPattern, ParenthesizedExpression, Pattern } from 'acorn';
import type { Ev } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { compileInit, compileWrite, type Writer } from '../compile/references.js';
import { getOnPrimitive, putSloppy, putStrict } from '../runtime/property-access.js';
import { ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { agent } from '../../realm/agent.js';
import { getIterator } from '../runtime/iteration.js';
import { IteratorClose, IteratorCloseOnThrow, IteratorStepValue, DONE, type IteratorRecord } from '../../realm/abstract-ops/iterator-operations.js';
import { privateSet } from '../runtime/private-names.js';
import { superBase } from '../runtime/super.js';
import { describeValue } from '../../realm/describe.js';
import { analyseMember, superThis, type MemberSite } from './member.js';
import { compileExpression } from './expressions.js';
import { compileNamed, isAnonymousFunctionDefinition } from './functions.js';
import { propertyKey } from './literals.js';
import { CopyDataProperties } from '../../realm/abstract-ops/object-operations.js';

/** A binding or assignment target. (Parentheses survive only if the parser keeps them.) */
type Target = Pattern | ParenthesizedExpression;
export type Binder = (f: Frame, value: unknown) => Ev<void>;
/** 'var' assigns (PutValue); 'let'/'const'/'param' initialize; 'assign' is a destructuring assignment. */
export type BindKind = 'var' | 'let' | 'const' | 'param' | 'assign';

const { create, setPrototypeOf } = Object;

/** `valueText`: the source of the value being destructured, for V8's "… is not iterable" message. */
export function compileBindingInitializer(pattern: Target, c: CompileContext, kind: BindKind, valueText?: string): Binder {
  switch (pattern.type) {
    case 'Identifier': {
      const w: Writer = kind === 'var' || kind === 'assign' ? compileWrite(pattern.name, c) : compileInit(pattern.name, c);
      return function* (f, v) { w(f, v); };
    }
    case 'AssignmentPattern': {
      const inner = compileBindingInitializer(pattern.left, c, kind);
      const dflt = pattern.left.type === 'Identifier' && isAnonymousFunctionDefinition(pattern.right)
        ? compileNamed(pattern.right, c, pattern.left.name) : compileExpression(pattern.right, c);
      return function* (f, v) { yield* inner(f, v === undefined ? yield* dflt(f) : v); };
    }
    case 'ObjectPattern': return compileObjectPattern(pattern, c, kind);
    case 'ArrayPattern': return compileArrayPattern(pattern, c, kind, valueText);
    case 'MemberExpression': case 'ParenthesizedExpression': {
      const target = compileSimpleTarget(pattern, c);
      return function* (f, v) { const put = yield* target(f); put(v); };
    }
  }
  if ((pattern as Node).type === 'CallExpression' && kind === 'assign' && !c.strict) {
    // Runtime Errors for Function Call Assignment Targets (Annex B): a for-in/of head `f()` in sloppy
    // code is evaluated each iteration, and PutValue on its value throws a ReferenceError.
    const call = compileExpression(pattern as unknown as Expression, c);
    return function* (f) { yield* call(f); f.realm.throwReferenceError('Invalid left-hand side in for-loop'); };
  }
  throw new SyntaxError(`vmjs: unsupported binding pattern ${pattern.type}`);
}

/** Destructuring assignment: `[a, b] = …` / `({a} = …)`. */
export function compileAssignmentPattern(pattern: ObjectPattern | ArrayPattern, c: CompileContext): Binder {
  return compileBindingInitializer(pattern, c, 'assign');
}

/** Evaluates an assignment target reference first; returns a putter (DestructuringAssignmentTarget). */
function compileSimpleTarget(node: Target | Expression, c: CompileContext): (f: Frame) => Ev<(v: unknown) => void> {
  if (node.type === 'ParenthesizedExpression') return compileSimpleTarget(node.expression, c);
  if (node.type === 'Identifier') {
    const w = compileWrite(node.name, c);
    return function* (f) { return (v: unknown) => w(f, v); };
  }
  if (node.type === 'MemberExpression') return memberPutter(analyseMember(node, c, false), c);
  throw new SyntaxError('Invalid destructuring assignment target');
}

/** A member destructuring target (§13.15.5.6 KeyedDestructuringAssignmentEvaluation steps 1-2): the
 * reference is evaluated before the value is fetched, then PutValue. */
function memberPutter(site: MemberSite, c: CompileContext): (f: Frame) => Ev<(v: unknown) => void> {
  switch (site.kind) {
    case 'super': {
      const key = site.key;
      return function* (f) {
        const thisValue = superThis(f);
        const k = typeof key === 'string' ? key : ToPropertyKey(f.realm, yield* key(f));
        const base = superBase(f);
        return (v: unknown) => { if (!Reflect.set(base, k, v, thisValue) && f.strict) f.realm.throwTypeError(`Cannot assign to read only property '${describeValue(k)}' of object`); };
      };
    }
    case 'private': {
      const { obj, ref } = site;
      return function* (f) { const o = yield* obj(f); return (v: unknown) => privateSet(f, ref, o, v); };
    }
    case 'named': {
      const { obj, name } = site;
      const put = c.strict ? putStrict : putSloppy;
      return function* (f) { const o = yield* obj(f); return (v: unknown) => put(f.realm, o, name, v); };
    }
    case 'computed': {
      const { obj, key } = site;
      const put = c.strict ? putStrict : putSloppy;
      return function* (f) {
        const o = yield* obj(f);
        const k = ToPropertyKey(f.realm, yield* key(f));
        return (v: unknown) => put(f.realm, o, k, v);
      };
    }
  }
}

function getProp(f: Frame, v: unknown, key: PropertyKey): unknown {
  if (typeof v === 'object' && v !== null) return (v as Record<PropertyKey, unknown>)[key];
  return getOnPrimitive(f.realm, v, key);
}

function compileObjectPattern(pattern: ObjectPattern, c: CompileContext, kind: BindKind): Binder {
  type Step = (f: Frame, v: unknown, seen: PropertyKey[] | null) => Ev<void>;
  const steps: Step[] = [];
  const hasRest = pattern.properties.some((p) => p.type === 'RestElement');
  for (const p of pattern.properties) {
    if (p.type === 'RestElement') {
      const target = targetBinder(p.argument, c, kind);
      steps.push(function* (f, v, seen) {
        const put = yield* target.prepare(f);
        const rest = f.realm.isHost ? {} : create(f.realm.intrinsics.ObjectPrototype);
        CopyDataProperties(f.realm, rest, v, new Set(seen));
        yield* target.bind(f, put, rest);
      });
      continue;
    }
    const key = propertyKey(p, c);
    const valueNode = p.value;
    const isDefault = valueNode.type === 'AssignmentPattern';
    const targetNode = isDefault ? valueNode.left : valueNode;
    const target = targetBinder(targetNode, c, kind);
    const dflt = isDefault
      ? (targetNode.type === 'Identifier' && isAnonymousFunctionDefinition(valueNode.right) ? compileNamed(valueNode.right, c, targetNode.name) : compileExpression(valueNode.right, c))
      : null;
    steps.push(function* (f, v, seen) {
      const k = typeof key === 'string' ? key : yield* key(f);
      if (seen !== null) seen.push(k);
      const put = yield* target.prepare(f);
      let x = getProp(f, v, k);
      if (dflt !== null && x === undefined) x = yield* dflt(f);
      yield* target.bind(f, put, x);
    });
  }
  const first = pattern.properties[0];
  const firstName = first && first.type !== 'RestElement' && !first.computed ? staticKeyName(first) : undefined;
  return function* (f, v) {
    if (v === undefined || v === null) {
      if (firstName !== undefined) f.realm.throwTypeError(`Cannot destructure property '${firstName}' of '${String(v)}' as it is ${String(v)}.`);
      f.realm.throwTypeError(`Cannot destructure '${String(v)}' as it is ${String(v)}.`);
    }
    const seen: PropertyKey[] | null = hasRest ? [] : null;
    for (let i = 0; i < steps.length; i++) yield* steps[i](f, v, seen);
  };
}

/** The name V8 quotes for `{ x } = null`: an identifier or literal key. */
function staticKeyName(p: AssignmentProperty): string {
  const k = p.key;
  return k.type === 'Identifier' ? k.name : k.type === 'Literal' ? String(k.value) : '';
}

interface TargetBinder {
  /** Evaluates the target reference (assignment patterns only) before the value is fetched. */
  prepare: (f: Frame) => Ev<((v: unknown) => void) | null>;
  bind: (f: Frame, put: ((v: unknown) => void) | null, v: unknown) => Ev<void>;
}

function targetBinder(node: Target, c: CompileContext, kind: BindKind): TargetBinder {
  if (kind === 'assign' && node.type !== 'ObjectPattern' && node.type !== 'ArrayPattern') {
    const t = compileSimpleTarget(node, c);
    return {
      prepare: function* (f) { return yield* t(f); },
      bind: function* (_f, put, v) { put!(v); },
    };
  }
  const b = compileBindingInitializer(node, c, kind);
  return {
    prepare: function* () { return null; },
    bind: function* (f, _put, v) { yield* b(f, v); },
  };
}

function compileArrayPattern(pattern: ArrayPattern, c: CompileContext, kind: BindKind, valueText?: string): Binder {
  type Step = (f: Frame, rec: IteratorRecord) => Ev<void>;
  const steps: Step[] = [];
  for (const el of pattern.elements) {
    if (el === null) {
      steps.push(function* (f, rec) { if (!rec.done) IteratorStepValue(f.realm, rec); });
      continue;
    }
    if (el.type === 'RestElement') {
      const target = targetBinder(el.argument, c, kind);
      steps.push(function* (f, rec) {
        const put = yield* target.prepare(f);
        const list: unknown[] = [];
        while (!rec.done) {
          const x = IteratorStepValue(f.realm, rec);
          if (x === DONE) break;
          list.push(x);
        }
        if (!f.realm.isHost) setPrototypeOf(list, f.realm.intrinsics.ArrayPrototype);
        yield* target.bind(f, put, list);
      });
      continue;
    }
    const isDefault = el.type === 'AssignmentPattern';
    const targetNode = isDefault ? el.left : el;
    const target = targetBinder(targetNode, c, kind);
    const dflt = isDefault
      ? (targetNode.type === 'Identifier' && isAnonymousFunctionDefinition(el.right) ? compileNamed(el.right, c, targetNode.name) : compileExpression(el.right, c))
      : null;
    steps.push(function* (f, rec) {
      const put = yield* target.prepare(f);
      let x: unknown = undefined;
      if (!rec.done) {
        x = IteratorStepValue(f.realm, rec);
        if (x === DONE) x = undefined;
      }
      if (dflt !== null && x === undefined) x = yield* dflt(f);
      yield* target.bind(f, put, x);
    });
  }
  return function* (f, v) {
    const rec = getIterator(f.realm, v, valueText);
    let completed = false;
    try {
      for (let i = 0; i < steps.length; i++) yield* steps[i](f, rec);
      completed = true;
    } catch (e) {
      if (!rec.done) { rec.done = true; IteratorCloseOnThrow(rec, e); }
      throw e;
    } finally {
      // Neither completed nor thrown: a generator suspended in a default value was resumed with
      // return() (§7.4.11 IteratorClose with a return completion). Termination closes nothing.
      if (!completed && !rec.done && agent.terminating === null) { rec.done = true; IteratorClose(f.realm, rec); }
    }
    if (!rec.done) IteratorClose(f.realm, rec);
  };
}

/** Binds a parameter list directly from the arguments list (no iterator is observable, §10.2.11). */
export function compileParameterList(params: readonly Node[], c: CompileContext): (f: Frame, args: ArrayLike<unknown>) => Ev<void> {
  const steps = (params as readonly Pattern[]).map((p, i) => {
    if (p.type === 'RestElement') {
      const b = compileBindingInitializer(p.argument, c, 'param');
      return function* (f: Frame, args: ArrayLike<unknown>) {
        const rest = Array.prototype.slice.call(args, i);
        if (!f.realm.isHost) setPrototypeOf(rest, f.realm.intrinsics.ArrayPrototype);
        yield* b(f, rest);
      };
    }
    const b = compileBindingInitializer(p, c, 'param');
    return function* (f: Frame, args: ArrayLike<unknown>) { yield* b(f, i < args.length ? args[i] : undefined); };
  });
  return function* (f, args) {
    for (let i = 0; i < steps.length; i++) yield* steps[i](f, args);
  };
}

