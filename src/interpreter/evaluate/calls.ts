// Calls (§13.3.6), tagged templates (§13.3.11), super calls (§13.3.7) and `new`
// (§13.3.5). Apart from member access because a callee also yields the call's
// this value, passed in f.calleeThis (no [fn, this] pair allocated per call).
// Generator form; the synchronous form is derived.
import type { Node } from 'acorn';
import type { Expr, Ev } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import { sourceText } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { compileRead, compileCallThis } from '../compile/references.js';
import { getOnPrimitive, getOnPrimitiveAt } from '../runtime/operations.js';
import { spreadInto } from '../runtime/iteration.js';
import { isConstructor, directEval, superCall, templateObject, privateGet, resolvePrivate } from '../runtime/expression-support.js';
import { compileExpression } from './expressions.js';
import { SHORT, compileMember, compileChainPart, isChainPart } from './member.js';

type N = Node & Record<string, any>;

const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;

export function compileTaggedTemplate(node: N, c: CompileContext): Expr {
  const site = node.quasi;
  const cooked: Array<string | undefined> = site.quasis.map((q: N) => q.value.cooked ?? undefined);
  const raw: string[] = site.quasis.map((q: N) => q.value.raw);
  const exprs = site.expressions.map((e: N) => compileExpression(e, c));
  const callee = compileCallee(node.tag, c);
  return function* (f) {
    const fn = yield* callee(f);
    const thisValue = f.calleeThis;
    const args: unknown[] = [templateObject(f.realm, site, cooked, raw)];
    for (let i = 0; i < exprs.length; i++) args.push(yield* exprs[i](f));
    if (typeof fn !== 'function') f.realm.throwTypeError(`${sourceText(c, node.tag)} is not a function`);
    return ReflectApply(fn as Function, thisValue, args);
  };
}

// ---- calls (§13.3.6) ----

/** Evaluates a callee to the function, leaving the call's this value in `f.calleeThis` (read at once,
 * before anything else can run in the frame): no [fn, this] pair allocated per call. */
type Callee = (f: Frame) => Ev<unknown>;

function compileCallee(node: N, c: CompileContext, inChain = false): Callee {
  if (node.type === 'MemberExpression') {
    if (node.object.type === 'Super') {
      const get = compileMember(node, c, false);
      return function* (f) { const fn = yield* get(f); f.calleeThis = f.thisFrame.thisValue; return fn; };
    }
    const obj = inChain && isChainPart(node.object) ? compileChainPart(node.object, c) : compileExpression(node.object, c);
    const optional = node.optional === true;
    if (node.property.type === 'PrivateIdentifier') {
      const ref = resolvePrivate(c, node.property.name);
      return function* (f) {
        const o = yield* obj(f);
        if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
        const fn = privateGet(f, ref, o);
        f.calleeThis = o;
        return fn;
      };
    }
    if (!node.computed) {
      const name: string = node.property.name;
      const pos: number = node.property.start;
      return function* (f) {
        const o = yield* obj(f);
        if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
        const fn = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[name] : getOnPrimitiveAt(f, o, name, pos);
        f.calleeThis = o;
        return fn;
      };
    }
    const key = compileExpression(node.property, c);
    return function* (f) {
      const o = yield* obj(f);
      if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
      const k = yield* key(f);
      const fn = typeof o === 'object' && o !== null ? (o as Record<PropertyKey, unknown>)[k as PropertyKey] : getOnPrimitive(f.realm, o, k);
      f.calleeThis = o;
      return fn;
    };
  }
  if (node.type === 'Identifier') {
    const read = compileRead(node.name, c);
    const withThis = compileCallThis(node.name, c);
    if (withThis !== null) return function* (f) { const fn = read(f); f.calleeThis = withThis(f); return fn; };
    return function* (f) { f.calleeThis = undefined; return read(f); };
  }
  if (node.type === 'ParenthesizedExpression') return compileCallee(node.expression, c, inChain);
  const e = inChain && isChainPart(node) ? compileChainPart(node, c) : compileExpression(node, c);
  return function* (f) { const fn = yield* e(f); f.calleeThis = undefined; return fn; };
}

type ArgList = (f: Frame) => Ev<unknown[]>;

export function compileArguments(args: N[], c: CompileContext): ArgList {
  const hasSpread = args.some((a) => a.type === 'SpreadElement');
  const list = args.map((a) => compileExpression(a.type === 'SpreadElement' ? a.argument : a, c));
  const n = list.length;
  if (!hasSpread) {
    if (n === 0) return function* () { return []; };
    if (n === 1) { const a0 = list[0]; return function* (f) { return [yield* a0(f)]; }; }
    if (n === 2) { const a0 = list[0], a1 = list[1]; return function* (f) { const x = yield* a0(f); return [x, yield* a1(f)]; }; }
    return function* (f) {
      const out: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = yield* list[i](f);
      return out;
    };
  }
  const spread = args.map((a) => a.type === 'SpreadElement');
  return function* (f) {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const v = yield* list[i](f);
      if (spread[i]) spreadInto(f.realm, out, v); else out.push(v);
    }
    return out;
  };
}

function calleeDescription(c: CompileContext, node: N): string {
  const text = sourceText(c, node);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text.replace(/\([^()]*\)/g, '(...)');
}

export function compileCall(node: N, c: CompileContext, inChain: boolean): Expr {
  if (node.callee.type === 'Super') return compileSuperCall(node, c);
  const args = compileArguments(node.arguments, c);
  const optional = node.optional === true;
  const what = calleeDescription(c, node.callee);
  if (node.callee.type === 'Identifier' && node.callee.name === 'eval') {
    const callee = compileCallee(node.callee, c);
    const strict = c.strict;
    return function* (f) {
      const fn = yield* callee(f);
    const thisValue = f.calleeThis;
      const list = yield* args(f);
      if (fn === f.realm.intrinsics.eval) return directEval(f, list, strict);
      if (typeof fn !== 'function') f.realm.throwTypeError(`${what} is not a function`);
      return ReflectApply(fn as Function, thisValue, list);
    };
  }
  const callee = compileCallee(node.callee, c, inChain);
  return function* (f) {
    const fn = yield* callee(f);
    const thisValue = f.calleeThis;
    if (fn === SHORT) return SHORT;
    if (optional && (fn === null || fn === undefined)) return SHORT;
    const list = yield* args(f);
    if (typeof fn !== 'function') f.realm.throwTypeError(`${what} is not a function`);
    return ReflectApply(fn as Function, thisValue, list);
  };
}

function compileSuperCall(node: N, c: CompileContext): Expr {
  const args = compileArguments(node.arguments, c);
  return function* (f) {
    const list = yield* args(f);
    return superCall(f, list);
  };
}

export function compileNew(node: N, c: CompileContext): Expr {
  const callee = compileExpression(node.callee, c);
  const args = compileArguments(node.arguments, c);
  const what = calleeDescription(c, node.callee);
  return function* (f) {
    const fn = yield* callee(f);
    const list = yield* args(f);
    if (!isConstructor(fn)) f.realm.throwTypeError(`${what} is not a constructor`);
    return ReflectConstruct(fn as Function, list);
  };
}
