// Expressions (§13) compiled to closures. Written once in generator form; the
// synchronous form is derived (scripts/derive-sync.mjs). Every closure is
// `function*` and evaluates sub-expressions with `yield*`.
import type { Node } from 'acorn';
import { IS_GEN, delegateExpression, type Expr, type Ev } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import { sourceText } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { compileRead, compileWrite, compileCallThis, compileDelete, resolvesDynamically, lookupDynamic, dynamicReadAt, dynamicWriteAt, type Writer } from '../compile/references.js';
import type { DynamicHit } from '../runtime/environment.js';
import { specializeBinary } from '../compile/binary-specialized.js';
import { getOnPrimitive, getOnPrimitiveAt, putSloppy, putStrict, sloppyPut } from '../runtime/operations.js';
import { ToObject, ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { describeValue } from '../../realm/describe.js';
import { makeFunction, functionStateOf, sourceTextOf } from '../runtime/function-object.js';
import { FunctionTemplate, type FunctionKind } from '../compile/function-template.js';
import { UNINIT } from '../compile/scope.js';
import { getIterator, spreadInto } from '../runtime/iteration.js';
import type { IteratorRecord } from '../../realm/abstract-ops/iterator-operations.js';
import { compileAssignmentPattern } from './patterns.js';
import { compileClass } from './classes.js';
import { isConstructor, directEval, superCall, superBase, templateObject, createRegExp, privateIn, privateGet, privateSet, resolvePrivate } from '../runtime/expression-support.js';
import { agent } from '../../realm/agent.js';
import { CopyDataProperties, CreateDataPropertyOrThrow } from '../../realm/abstract-ops/object-operations.js';
// @gen-only
import { RAW_RESULT } from '../runtime/generator-object.js';
// @end-gen-only

type N = Node & Record<string, any>;

const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;
const ReflectSet = Reflect.set;
const { create, setPrototypeOf, defineProperty } = Object;

/** Returned through an optional chain when it short-circuits (§13.3.9). */
const SHORT: unique symbol = Symbol('vmjs.optionalChainShortCircuit');

export function compileExpression(node: N, c: CompileContext): Expr {
  if (IS_GEN && !c.forceGen && !c.suspends!.has(node)) return delegateExpression(node, c);
  switch (node.type) {
    case 'Literal': return compileLiteral(node, c);
    case 'Identifier': return compileIdentifier(node, c);
    case 'ThisExpression': return compileThis(c);
    case 'TemplateLiteral': return compileTemplate(node, c);
    case 'TaggedTemplateExpression': return compileTaggedTemplate(node, c);
    case 'ArrayExpression': return compileArray(node, c);
    case 'ObjectExpression': return compileObject(node, c);
    case 'FunctionExpression': case 'ArrowFunctionExpression': return compileFunctionExpression(node, c, undefined);
    case 'ClassExpression': return compileClass(node, c, undefined);
    case 'MemberExpression': return compileMember(node, c, false);
    case 'ChainExpression': {
      const inner = node.expression.type === 'CallExpression' ? compileCall(node.expression, c, true) : compileMember(node.expression, c, true);
      return function* (f) { const v = yield* inner(f); return v === SHORT ? undefined : v; };
    }
    case 'CallExpression': return compileCall(node, c, false);
    case 'NewExpression': return compileNew(node, c);
    case 'UpdateExpression': return compileUpdate(node, c);
    case 'UnaryExpression': return compileUnary(node, c);
    case 'BinaryExpression': return compileBinary(node, c);
    case 'LogicalExpression': return compileLogical(node, c);
    case 'ConditionalExpression': {
      const test = compileExpression(node.test, c), a = compileExpression(node.consequent, c), b = compileExpression(node.alternate, c);
      return function* (f) { return (yield* test(f)) ? yield* a(f) : yield* b(f); };
    }
    case 'AssignmentExpression': return compileAssignment(node, c);
    case 'SequenceExpression': {
      const list = node.expressions.map((e: N) => compileExpression(e, c));
      const n = list.length;
      return function* (f) {
        for (let i = 0; i < n - 1; i++) yield* list[i](f);
        return yield* list[n - 1](f);
      };
    }
    case 'ParenthesizedExpression': return compileExpression(node.expression, c);
    case 'MetaProperty': {
      if (node.meta.name === 'new') return function* (f) { return f.thisFrame.newTarget; };
      return function* (f) { return f.realm.throwSyntaxError('Cannot use \'import.meta\' outside a module'); };
    }
    case 'YieldExpression': return compileYield(node, c);
    case 'AwaitExpression': return function* (f) { return f.realm.throwSyntaxError('vmjs: await is not supported yet'); };
    case 'ImportExpression': {
      const spec = compileExpression(node.source, c);
      return function* (f) { yield* spec(f); return f.realm.throwTypeError('vmjs: dynamic import() is not supported yet'); };
    }
  }
  throw new SyntaxError(`vmjs: unsupported expression ${node.type}`);
}

function compileLiteral(node: N, _c: CompileContext): Expr {
  if (node.regex) {
    const { pattern, flags } = node.regex;
    return function* (f) { return createRegExp(f.realm, pattern, flags); };
  }
  if (node.bigint !== undefined) {
    const v = BigInt(node.bigint);
    return function* () { return v; };
  }
  const v = node.value;
  return function* () { return v; };
}

function compileIdentifier(node: N, c: CompileContext): Expr {
  const read = compileRead(node.name, c);
  if (!IS_GEN) return read as unknown as Expr; // the synchronous form needs no wrapper
  return function* (f) { return read(f); };
}

function compileThis(_c: CompileContext): Expr {
  return function* (f) {
    const t = f.thisFrame.thisValue;
    if (t === UNINIT) f.realm.throwReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
    return t;
  };
}

function compileTemplate(node: N, c: CompileContext): Expr {
  const quasis: string[] = node.quasis.map((q: N) => q.value.cooked);
  const exprs = node.expressions.map((e: N) => compileExpression(e, c));
  const n = exprs.length;
  if (n === 0) { const s = quasis[0]; return function* () { return s; }; }
  return function* (f) {
    let s = quasis[0];
    for (let i = 0; i < n; i++) {
      const v = yield* exprs[i](f);
      if (typeof v === 'symbol') f.realm.throwTypeError('Cannot convert a Symbol value to a string');
      s += `${v}` + quasis[i + 1];
    }
    return s;
  };
}

function compileTaggedTemplate(node: N, c: CompileContext): Expr {
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

function compileArray(node: N, c: CompileContext): Expr {
  const els: Array<{ spread: boolean; e: Expr } | null> = node.elements.map((el: N | null) =>
    el === null ? null : el.type === 'SpreadElement' ? { spread: true, e: compileExpression(el.argument, c) } : { spread: false, e: compileExpression(el, c) });
  const simple = els.every((e) => e !== null && !e.spread);
  if (simple) {
    const list = els.map((e) => e!.e);
    const n = list.length;
    return function* (f) {
      const a: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) a[i] = yield* list[i](f);
      if (!f.realm.isHost) setPrototypeOf(a, f.realm.intrinsics.ArrayPrototype);
      return a;
    };
  }
  return function* (f) {
    const a: unknown[] = [];
    let len = 0;
    for (let i = 0; i < els.length; i++) {
      const el = els[i];
      if (el === null) { len++; a.length = len; continue; }
      const v = yield* el.e(f);
      if (el.spread) {
        const tmp: unknown[] = [];
        spreadInto(f.realm, tmp, v);
        for (let j = 0; j < tmp.length; j++) a[len++] = tmp[j];
      } else {
        a[len++] = v;
      }
    }
    if (!f.realm.isHost) setPrototypeOf(a, f.realm.intrinsics.ArrayPrototype);
    return a;
  };
}

/** NamedEvaluation (§8.4.5): anonymous function/class definitions take the binding's name. */
export function isAnonymousFunctionDefinition(node: N): boolean {
  return ((node.type === 'FunctionExpression' || node.type === 'ClassExpression') && !node.id) || node.type === 'ArrowFunctionExpression';
}

export function compileNamed(node: N, c: CompileContext, name: PropertyKey | undefined): Expr {
  if (IS_GEN && !c.forceGen && !c.suspends!.has(node)) return delegateExpression(node, c);
  if (node.type === 'ClassExpression') return compileClass(node, c, name);
  return compileFunctionExpression(node, c, name);
}

/** An Expr that names an anonymous function/class definition with a key computed at run time. */
export function compileNamedDynamic(node: N, c: CompileContext): ((f: Frame, name: PropertyKey) => Ev<unknown>) | null {
  if (!isAnonymousFunctionDefinition(node)) return null;
  if (node.type === 'ClassExpression') return compileClassDynamic(node, c);
  const t = functionTemplate(node, c, undefined);
  return function* (f, name) { return makeFunction(t, f, f.env, name); };
}

function compileClassDynamic(node: N, c: CompileContext): (f: Frame, name: PropertyKey) => Ev<unknown> {
  return compileClass(node, c, undefined, true) as unknown as (f: Frame, name: PropertyKey) => Ev<unknown>;
}

export function functionKindOf(node: N, methodKind?: 'method' | 'get' | 'set'): FunctionKind {
  if (node.type === 'ArrowFunctionExpression') return node.async ? 'asyncArrow' : 'arrow';
  if (node.generator) return node.async ? 'asyncGenerator' : 'generator';
  if (node.async) return 'async';
  if (methodKind === 'get') return 'getter';
  if (methodKind === 'set') return 'setter';
  if (methodKind === 'method') return 'method';
  return 'normal';
}

export function functionTemplate(node: N, c: CompileContext, name: string | undefined, methodKind?: 'method' | 'get' | 'set'): FunctionTemplate {
  const staticName = node.id ? node.id.name : name;
  return new FunctionTemplate(node, functionKindOf(node, methodKind), staticName, c.scope, c.strict, c.source, c.privates);
}

function compileFunctionExpression(node: N, c: CompileContext, name: PropertyKey | undefined): Expr {
  const t = functionTemplate(node, c, typeof name === 'string' ? name : undefined);
  if (typeof name === 'symbol') return function* (f) { return makeFunction(t, f, f.env, name); };
  return function* (f) { return makeFunction(t, f, f.env, undefined); };
}

// ---- object literals (§13.2.5) ----

function compileObject(node: N, c: CompileContext): Expr {
  type Prop = (f: Frame, o: Record<PropertyKey, unknown>) => Ev<void>;
  const props: Prop[] = [];
  for (const p of node.properties as N[]) {
    if (p.type === 'SpreadElement') {
      const e = compileExpression(p.argument, c);
      props.push(function* (f, o) { CopyDataProperties(f.realm, o, yield* e(f), null); });
      continue;
    }
    const key = propertyKey(p, c);
    if (p.kind === 'init' && !p.method) {
      if (!p.computed && !p.shorthand && (p.key.name === '__proto__' || p.key.value === '__proto__')) {
        const e = compileExpression(p.value, c);
        props.push(function* (f, o) {
          const v = yield* e(f);
          if ((typeof v === 'object') || typeof v === 'function') setPrototypeOf(o, v as object | null);
        });
        continue;
      }
      if (typeof key === 'string') {
        const e = isAnonymousFunctionDefinition(p.value) ? compileNamed(p.value, c, key) : compileExpression(p.value, c);
        props.push(function* (f, o) {
          const v = yield* e(f);
          if (key in o) CreateDataPropertyOrThrow(f.realm, o, key, v); else o[key] = v;
        });
      } else {
        const named = compileNamedDynamic(p.value, c);
        const e = compileExpression(p.value, c);
        props.push(function* (f, o) {
          const k = yield* key(f);
          const v = named !== null ? yield* named(f, k) : yield* e(f);
          CreateDataPropertyOrThrow(f.realm, o, k, v);
        });
      }
      continue;
    }
    // methods, getters, setters (§15.4)
    const mk = p.kind === 'get' ? 'get' : p.kind === 'set' ? 'set' : 'method';
    const t = functionTemplate(p.value, c, typeof key === 'string' ? key : undefined, mk);
    const prefix = mk === 'method' ? undefined : mk;
    props.push(function* (f, o) {
      const k = typeof key === 'string' ? key : yield* key(f);
      const fn = makeFunction(t, f, f.env, k, o, prefix);
      if (mk === 'get') defineProperty(o, k, { get: fn as () => unknown, enumerable: true, configurable: true });
      else if (mk === 'set') defineProperty(o, k, { set: fn as (v: unknown) => void, enumerable: true, configurable: true });
      else CreateDataPropertyOrThrow(f.realm, o, k, fn);
    });
  }
  const n = props.length;
  return function* (f) {
    const o = (f.realm.isHost ? {} : create(f.realm.intrinsics.ObjectPrototype)) as Record<PropertyKey, unknown>;
    for (let i = 0; i < n; i++) yield* props[i](f, o);
    return o;
  };
}

/** A property name: a static string, or an Expr computing the key (ToPropertyKey applied). */
export function propertyKey(p: N, c: CompileContext): string | ((f: Frame) => Ev<PropertyKey>) {
  if (!p.computed) {
    const k = p.key;
    if (k.type === 'Identifier') return k.name;
    if (k.type === 'Literal') return typeof k.value === 'string' ? k.value : k.bigint !== undefined ? String(BigInt(k.bigint)) : String(k.value);
  }
  const e = compileExpression(p.key, c);
  return function* (f) { return ToPropertyKey(f.realm, yield* e(f)); };
}

// ---- property access (§13.3.2) ----

/** GetThisBinding for a super property reference: a ReferenceError before super() in a derived constructor. */
function superThis(f: Frame): unknown {
  const thisValue = f.thisFrame.thisValue;
  if (thisValue === UNINIT) f.realm.throwReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
  return thisValue;
}

function compileMember(node: N, c: CompileContext, inChain: boolean): Expr {
  if (node.object.type === 'Super') {
    const key = memberKey(node, c);
    return function* (f) {
      // GetThisBinding comes before the key expression (§13.3.7.1).
      const thisValue = superThis(f);
      const k = typeof key === 'string' ? key : ToPropertyKey(f.realm, yield* key(f));
      const base = superBase(f);
      return Reflect.get(base, k, thisValue);
    };
  }
  const obj = inChain && isChainPart(node.object) ? compileChainPart(node.object, c) : compileExpression(node.object, c);
  const optional = node.optional === true;
  if (node.property.type === 'PrivateIdentifier') {
    const ref = resolvePrivate(c, node.property.name);
    return function* (f) {
      const o = yield* obj(f);
      if (o === SHORT) return SHORT;
      if (optional && (o === null || o === undefined)) return SHORT;
      return privateGet(f, ref, o);
    };
  }
  if (!node.computed) {
    const name: string = node.property.name;
    const pos: number = node.property.start;
    if (!inChain) {
      return function* (f) {
        const o = yield* obj(f);
        if (typeof o === 'object' && o !== null) return (o as Record<string, unknown>)[name];
        return getOnPrimitiveAt(f, o, name, pos);
      };
    }
    return function* (f) {
      const o = yield* obj(f);
      if (o === SHORT) return SHORT;
      if (optional && (o === null || o === undefined)) return SHORT;
      if (typeof o === 'object' && o !== null) return (o as Record<string, unknown>)[name];
      return getOnPrimitive(f.realm, o, name);
    };
  }
  const key = compileExpression(node.property, c);
  return function* (f) {
    const o = yield* obj(f);
    if (o === SHORT) return SHORT;
    if (optional && (o === null || o === undefined)) return SHORT;
    const k = yield* key(f);
    if (typeof o === 'object' && o !== null) return (o as Record<PropertyKey, unknown>)[k as PropertyKey];
    return getOnPrimitive(f.realm, o, k);
  };
}

function isChainPart(n: N): boolean {
  return n.type === 'MemberExpression' || n.type === 'CallExpression';
}

function compileChainPart(node: N, c: CompileContext): Expr {
  if (IS_GEN && !c.forceGen && !c.suspends!.has(node)) return delegateChainPart(node, c);
  return node.type === 'CallExpression' ? compileCall(node, c, true) : compileMember(node, c, true);
}

function delegateChainPart(node: N, c: CompileContext): Expr {
  // A chain part without suspension points still has to pass SHORT through: compile it here.
  return node.type === 'CallExpression' ? compileCallChainSync(node, c) : compileMemberChainSync(node, c);
}
function compileCallChainSync(node: N, c: CompileContext): Expr { return compileCall(node, { ...c, forceGen: true }, true); }
function compileMemberChainSync(node: N, c: CompileContext): Expr { return compileMember(node, { ...c, forceGen: true }, true); }

function memberKey(node: N, c: CompileContext): string | Expr {
  if (!node.computed) return node.property.name;
  return compileExpression(node.property, c);
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

function compileCall(node: N, c: CompileContext, inChain: boolean): Expr {
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

function compileNew(node: N, c: CompileContext): Expr {
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

// ---- operators ----

function compileUnary(node: N, c: CompileContext): Expr {
  const op: string = node.operator;
  const arg: N = node.argument;
  if (op === 'typeof') {
    if (arg.type === 'Identifier') {
      const read = compileRead(arg.name, c, true);
      return function* (f) { return typeof read(f); };
    }
    const e = compileExpression(arg, c);
    return function* (f) { return typeof (yield* e(f)); };
  }
  if (op === 'delete') return compileDeleteExpr(arg, c);
  const e = compileExpression(arg, c);
  switch (op) {
    case '!': return function* (f) { return !(yield* e(f)); };
    case '-': return function* (f) { return -((yield* e(f)) as number); };
    case '+': return function* (f) { return +((yield* e(f)) as number); };
    case '~': return function* (f) { return ~((yield* e(f)) as number); };
    case 'void': return function* (f) { yield* e(f); return undefined; };
  }
  throw new SyntaxError(`vmjs: unsupported unary operator ${op}`);
}

function compileDeleteExpr(arg: N, c: CompileContext): Expr {
  if (arg.type === 'ParenthesizedExpression') return compileDeleteExpr(arg.expression, c);
  if (arg.type === 'Identifier') {
    const del = compileDelete(arg.name, c);
    return function* (f) { return del(f); };
  }
  if (arg.type === 'ChainExpression') {
    const m = arg.expression;
    if (m.type !== 'MemberExpression') { const e = compileExpression(arg, c); return function* (f) { yield* e(f); return true; }; }
    const obj = isChainPart(m.object) ? compileChainPart(m.object, c) : compileExpression(m.object, c);
    const key = m.computed ? compileExpression(m.property, c) : null;
    const name = m.computed ? '' : m.property.name;
    const strict = c.strict;
    return function* (f) {
      const o = yield* obj(f);
      if (o === SHORT || (m.optional && (o === null || o === undefined))) return true;
      const k = key === null ? name : yield* key(f);
      return deleteProperty(f, o, k, strict);
    };
  }
  if (arg.type === 'MemberExpression') {
    if (arg.object.type === 'Super') {
      const key = memberKey(arg, c);
      return function* (f) {
        superThis(f);
        if (typeof key !== 'string') yield* key(f);
        return f.realm.throwReferenceError('Unsupported reference to \'super\'');
      };
    }
    const obj = compileExpression(arg.object, c);
    const key = arg.computed ? compileExpression(arg.property, c) : null;
    const name = arg.computed ? '' : arg.property.name;
    const strict = c.strict;
    return function* (f) {
      const o = yield* obj(f);
      const k = key === null ? name : yield* key(f);
      return deleteProperty(f, o, k, strict);
    };
  }
  const e = compileExpression(arg, c);
  return function* (f) { yield* e(f); return true; };
}

function deleteProperty(f: Frame, o: unknown, k: unknown, strict: boolean): boolean {
  const obj = ToObject(f.realm, o);
  const key = ToPropertyKey(f.realm, k);
  const ok = Reflect.deleteProperty(obj, key);
  if (!ok && strict) f.realm.throwTypeError(`Cannot delete property '${describeValue(key)}' of ${obj === f.realm.globalThisValue && f.realm.sandbox !== null ? '[object global]' : describeValue(obj)}`);
  return ok;
}


function binaryOp(op: string): (a: any, b: any) => unknown {
  switch (op) {
    case '+': return (a, b) => a + b;
    case '-': return (a, b) => a - b;
    case '*': return (a, b) => a * b;
    case '/': return (a, b) => a / b;
    case '%': return (a, b) => a % b;
    case '**': return (a, b) => a ** b;
    case '==': return (a, b) => a == b;
    case '!=': return (a, b) => a != b;
    case '===': return (a, b) => a === b;
    case '!==': return (a, b) => a !== b;
    case '<': return (a, b) => a < b;
    case '>': return (a, b) => a > b;
    case '<=': return (a, b) => a <= b;
    case '>=': return (a, b) => a >= b;
    case '<<': return (a, b) => a << b;
    case '>>': return (a, b) => a >> b;
    case '>>>': return (a, b) => a >>> b;
    case '&': return (a, b) => a & b;
    case '|': return (a, b) => a | b;
    case '^': return (a, b) => a ^ b;
    case 'instanceof': return (a, b) => a instanceof b;
    case 'in': return (a, b) => a in b;
  }
  throw new SyntaxError(`vmjs: unsupported operator ${op}`);
}

function compileBinary(node: N, c: CompileContext): Expr {
  const op: string = node.operator;
  if (node.left.type === 'PrivateIdentifier') {
    const ref = resolvePrivate(c, node.left.name);
    const right = compileExpression(node.right, c);
    return function* (f) { return privateIn(f, ref, yield* right(f)); };
  }
  const l = compileExpression(node.left, c), r = compileExpression(node.right, c);
  if (!IS_GEN) {
    const fast = specializeBinary(op, node.left, node.right, l as unknown as (f: Frame) => unknown, c);
    if (fast !== null) return fast as unknown as Expr;
  }
  // The common operators are written out so each closure's operator site stays monomorphic.
  switch (op) {
    case '+': return function* (f) { const a = yield* l(f); return (a as any) + (yield* r(f) as any); };
    case '-': return function* (f) { const a = yield* l(f); return (a as any) - (yield* r(f) as any); };
    case '*': return function* (f) { const a = yield* l(f); return (a as any) * (yield* r(f) as any); };
    case '/': return function* (f) { const a = yield* l(f); return (a as any) / (yield* r(f) as any); };
    case '<': return function* (f) { const a = yield* l(f); return (a as any) < (yield* r(f) as any); };
    case '>': return function* (f) { const a = yield* l(f); return (a as any) > (yield* r(f) as any); };
    case '<=': return function* (f) { const a = yield* l(f); return (a as any) <= (yield* r(f) as any); };
    case '>=': return function* (f) { const a = yield* l(f); return (a as any) >= (yield* r(f) as any); };
    case '===': return function* (f) { const a = yield* l(f); return a === (yield* r(f)); };
    case '!==': return function* (f) { const a = yield* l(f); return a !== (yield* r(f)); };
    case '==': return function* (f) { const a = yield* l(f); return a == (yield* r(f)); };
    case '!=': return function* (f) { const a = yield* l(f); return a != (yield* r(f)); };
    case '&': return function* (f) { const a = yield* l(f); return (a as any) & (yield* r(f) as any); };
    case '|': return function* (f) { const a = yield* l(f); return (a as any) | (yield* r(f) as any); };
    case '%': return function* (f) { const a = yield* l(f); return (a as any) % (yield* r(f) as any); };
    case 'in': {
      return function* (f) {
        const a = yield* l(f);
        const b = yield* r(f);
        if ((typeof b !== 'object' || b === null) && typeof b !== 'function') {
          f.realm.throwTypeError(`Cannot use 'in' operator to search for '${typeof a === 'symbol' ? a.toString() : String(a)}' in ${typeof b === 'string' ? b : String(b)}`);
        }
        return (a as PropertyKey) in (b as object);
      };
    }
  }
  const fn = binaryOp(op);
  return function* (f) { const a = yield* l(f); return fn(a, yield* r(f)); };
}

function compileLogical(node: N, c: CompileContext): Expr {
  const l = compileExpression(node.left, c), r = compileExpression(node.right, c);
  switch (node.operator) {
    case '&&': return function* (f) { const a = yield* l(f); return a ? yield* r(f) : a; };
    case '||': return function* (f) { const a = yield* l(f); return a ? a : yield* r(f); };
    default: return function* (f) { const a = yield* l(f); return a !== null && a !== undefined ? a : yield* r(f); };
  }
}

// ---- references for assignment (§13.15) ----

/** A compiled assignment target: `prepare` evaluates the base and key once; get/put use them. */
interface TargetRef {
  prepare: (f: Frame) => Ev<unknown[]>;
  get: (f: Frame, ref: unknown[]) => unknown;
  put: (f: Frame, ref: unknown[], v: unknown) => void;
}

const NO_REF: unknown[] = [];

function compileTargetRef(node: N, c: CompileContext): TargetRef {
  if (node.type === 'ParenthesizedExpression') return compileTargetRef(node.expression, c);
  if (node.type === 'Identifier') {
    const name: string = node.name;
    if (resolvesDynamically(name, c)) {
      // The binding is resolved before the right-hand side runs, which may delete it (§13.15.2).
      const strict = c.strict;
      return {
        prepare: function* (f) { return [lookupDynamic(f.env, name)]; },
        get: (f, r) => dynamicReadAt(f, r[0] as DynamicHit, name),
        put: (f, r, v) => dynamicWriteAt(f, r[0] as DynamicHit, name, v, strict),
      };
    }
    const read = compileRead(name, c);
    const write = compileWrite(name, c);
    return { prepare: function* () { return NO_REF; }, get: (f) => read(f), put: (f, _r, v) => write(f, v) };
  }
  if (node.type === 'MemberExpression') {
    if (node.object.type === 'Super') {
      const key = memberKey(node, c);
      return {
        prepare: function* (f) {
          const thisValue = superThis(f);
          const k = typeof key === 'string' ? key : ToPropertyKey(f.realm, yield* key(f));
          return [superBase(f), k, thisValue];
        },
        get: (_f, r) => Reflect.get(r[0] as object, r[1] as PropertyKey, r[2]),
        put: (f, r, v) => { if (!ReflectSet(r[0] as object, r[1] as PropertyKey, v, r[2]) && f.strict) f.realm.throwTypeError(`Cannot assign to read only property '${describeValue(r[1])}' of object`); },
      };
    }
    const obj = compileExpression(node.object, c);
    if (node.property.type === 'PrivateIdentifier') {
      const ref = resolvePrivate(c, node.property.name);
      return {
        prepare: function* (f) { return [yield* obj(f)]; },
        get: (f, r) => privateGet(f, ref, r[0]),
        put: (f, r, v) => privateSet(f, ref, r[0], v),
      };
    }
    const strict = c.strict;
    const put = strict ? putStrict : putSloppy;
    if (!node.computed) {
      const name: string = node.property.name;
      return {
        prepare: function* (f) { return [yield* obj(f), name]; },
        get: (f, r) => { const o = r[0]; return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[name] : getOnPrimitive(f.realm, o, name); },
        put: (f, r, v) => put(f.realm, r[0], name, v),
      };
    }
    const key = compileExpression(node.property, c);
    return {
      prepare: function* (f) {
        const o = yield* obj(f);
        const k = yield* key(f);
        if (o === null || o === undefined) f.realm.throwTypeError(`Cannot read properties of ${o} (reading '${describeValue(k)}')`);
        return [o, ToPropertyKey(f.realm, k)];
      },
      get: (f, r) => { const o = r[0]; return typeof o === 'object' && o !== null ? (o as Record<PropertyKey, unknown>)[r[1] as PropertyKey] : getOnPrimitive(f.realm, o, r[1]); },
      put: (f, r, v) => put(f.realm, r[0], r[1], v),
    };
  }
  if (node.type === 'CallExpression' && !c.strict) {
    // Annex B: `f() = x` is a ReferenceError at run time, after the call.
    const call = compileExpression(node, c);
    return {
      prepare: function* (f) { yield* call(f); return f.realm.throwReferenceError('Invalid left-hand side in assignment'); },
      get: () => undefined, put: () => undefined,
    };
  }
  throw new SyntaxError('Invalid left-hand side in assignment');
}

function compileAssignment(node: N, c: CompileContext): Expr {
  const op: string = node.operator;
  const left: N = node.left;
  if (op === '=' && (left.type === 'ObjectPattern' || left.type === 'ArrayPattern')) {
    const assign = compileAssignmentPattern(left, c);
    const value = compileExpression(node.right, c);
    return function* (f) { const v = yield* value(f); yield* assign(f, v); return v; };
  }
  const named = left.type === 'Identifier' && isAnonymousFunctionDefinition(node.right);
  const value = named ? compileNamed(node.right, c, left.name) : compileExpression(node.right, c);
  if (op === '=') {
    if (left.type === 'Identifier' && !resolvesDynamically(left.name, c)) {
      const write: Writer = compileWrite(left.name, c);
      return function* (f) { const v = yield* value(f); write(f, v); return v; };
    }
    if (left.type === 'MemberExpression' && !left.computed && left.object.type !== 'Super' && left.property.type !== 'PrivateIdentifier') {
      const obj = compileExpression(left.object, c);
      const name: string = left.property.name;
      if (c.strict) {
        return function* (f) {
          const o = yield* obj(f);
          const v = yield* value(f);
          putStrict(f.realm, o, name, v);
          return v;
        };
      }
      return function* (f) {
        const o = yield* obj(f);
        const v = yield* value(f);
        if (typeof o === 'object' && o !== null) sloppyPut(o, name, v);
        else putSloppy(f.realm, o, name, v);
        return v;
      };
    }
    if (left.type === 'MemberExpression' && left.computed && left.object.type !== 'Super') {
      const obj = compileExpression(left.object, c);
      const key = compileExpression(left.property, c);
      const strict = c.strict;
      return function* (f) {
        // The right-hand side runs before the base is checked and the key converted (PutValue, §6.2.5.6).
        const o = yield* obj(f);
        const k = yield* key(f);
        const v = yield* value(f);
        if (o === null || o === undefined) f.realm.throwTypeError(`Cannot set properties of ${o} (setting '${describeValue(k)}')`);
        const pk = typeof k === 'number' || typeof k === 'string' || typeof k === 'symbol' ? k : ToPropertyKey(f.realm, k);
        if (typeof o === 'object') {
          if (strict) putStrict(f.realm, o, pk, v); else sloppyPut(o as object, pk, v);
        } else if (strict) putStrict(f.realm, o, pk, v); else putSloppy(f.realm, o, pk, v);
        return v;
      };
    }
    const ref = compileTargetRef(left, c);
    return function* (f) { const r = yield* ref.prepare(f); const v = yield* value(f); ref.put(f, r, v); return v; };
  }
  const ref = compileTargetRef(left, c);
  if (op === '&&=' || op === '||=' || op === '??=') {
    return function* (f) {
      const r = yield* ref.prepare(f);
      const cur = ref.get(f, r);
      if (op === '&&=' ? !cur : op === '||=' ? cur : cur !== null && cur !== undefined) return cur;
      const v = yield* value(f);
      ref.put(f, r, v);
      return v;
    };
  }
  const fn = binaryOp(op.slice(0, -1));
  return function* (f) {
    const r = yield* ref.prepare(f);
    const cur = ref.get(f, r);
    const v = fn(cur, yield* value(f));
    ref.put(f, r, v);
    return v;
  };
}

function compileUpdate(node: N, c: CompileContext): Expr {
  const inc = node.operator === '++';
  const prefix = node.prefix === true;
  const arg: N = node.argument;
  if (arg.type === 'Identifier') {
    const read = compileRead(arg.name, c);
    const write = compileWrite(arg.name, c);
    if (inc && prefix) return function* (f) { let v = read(f) as number; ++v; write(f, v); return v; };
    if (inc) return function* (f) { let v = read(f) as number; const old = v++; write(f, v); return old; };
    if (prefix) return function* (f) { let v = read(f) as number; --v; write(f, v); return v; };
    return function* (f) { let v = read(f) as number; const old = v--; write(f, v); return old; };
  }
  const ref = compileTargetRef(arg, c);
  return function* (f) {
    const r = yield* ref.prepare(f);
    let v = ref.get(f, r) as number;
    const old = inc ? v++ : v--;
    ref.put(f, r, v);
    return prefix ? v : old;
  };
}

// ---- yield (§15.5.5) ----

function compileYield(node: N, c: CompileContext): Expr {
  const arg = node.argument ? compileExpression(node.argument, c) : null;
  // @gen-only
  if (node.delegate) {
    return function* (f) {
      const iterable = yield* arg!(f);
      const rec = getIterator(f.realm, iterable);
      return yield* delegateYield(f, rec, 0, undefined);
    };
  }
  return function* (f) {
    const v = arg === null ? undefined : yield* arg(f);
    return yield v;
  };
  // @end-gen-only
  throw new Error('vmjs internal: yield outside the generator form');
}

// @gen-only
const MODE_NEXT = 0, MODE_THROW = 1, MODE_RETURN = 2;
/** The yield* loop (§15.5.5 steps 7–8). A `return` request arrives as the host generator's own return:
 * it is caught in `finally`, forwarded to the inner iterator, and, if the inner iterator is not done,
 * delegation goes on from inside the finally block. Returns the yield* expression's value. */
function* delegateYield(f: Frame, rec: IteratorRecord, startMode: number, startValue: unknown): Ev<unknown> {
  const realm = f.realm;
  const iterator = rec.iterator as Record<string, unknown>;
  let mode = startMode;
  let received = startValue;
  for (;;) {
    let inner: unknown;
    if (mode === MODE_NEXT) {
      inner = ReflectApply(rec.nextMethod as Function, iterator, [received]);
    } else if (mode === MODE_THROW) {
      const thr = iterator.throw;
      if (thr === undefined || thr === null) {
        const ret = iterator.return;
        if (ret !== undefined && ret !== null) ReflectApply(ret as Function, iterator, []);
        realm.throwTypeError('The iterator does not provide a \'throw\' method');
      }
      inner = ReflectApply(thr as Function, iterator, [received]);
    } else {
      const ret = iterator.return;
      if (ret === undefined || ret === null) { f.retVal = received; return RETURN_REQUESTED; }
      inner = ReflectApply(ret as Function, iterator, [received]);
    }
    if ((typeof inner !== 'object' || inner === null) && typeof inner !== 'function') realm.throwTypeError(`Iterator result ${String(inner)} is not an object`);
    if ((inner as { done: unknown }).done) {
      const value = (inner as { value: unknown }).value;
      if (mode === MODE_RETURN) { f.retVal = value; return RETURN_REQUESTED; }
      return value;
    }
    f.raw = inner;
    let resumed = false;
    let threw = false;
    try {
      received = yield RAW_RESULT;
      resumed = true;
      mode = MODE_NEXT;
    } catch (e) {
      threw = true;
      mode = MODE_THROW;
      received = e;
    } finally {
      if (!resumed && !threw) {
        // The generator's return() arrived here: forward it; a not-done inner result continues delegation.
        const r = yield* delegateYield(f, rec, MODE_RETURN, f.retVal);
        // eslint-disable-next-line no-unsafe-finally
        if (r !== RETURN_REQUESTED) return r;
      }
    }
  }
}
const RETURN_REQUESTED = Symbol('vmjs.returnRequested');
// @end-gen-only

export { SHORT, functionStateOf, agent };
