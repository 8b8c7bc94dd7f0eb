// Calls (§13.3.6), tagged templates (§13.3.11), super calls (§13.3.7) and `new`
// (§13.3.5). Apart from member access because a callee also yields the call's
// this value, passed in f.calleeThis (no [fn, this] pair allocated per call).
// Generator form; the synchronous form is derived.
import { NO_CALLEE } from '../runtime/call-site-cache.js';
import type { CallExpression, Expression, NewExpression, SpreadElement, Super, TaggedTemplateExpression } from 'acorn';
import { IS_GEN, type Expr, type Ev } from './mode.js';
import { namedCallee } from '../compile/named-access.js';
import type { CompileContext } from '../compile/compile-context.js';
import { sourceText } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { compileRead, compileCallThis } from '../compile/references.js';
import { getOnPrimitive, getOnPrimitiveAt } from '../runtime/property-access.js';
import { spreadArgumentsInto } from '../runtime/iteration.js';
import { isConstructor, directCallState, directConstructState, invoke } from '../runtime/function-object.js';
import type { FunctionState } from '../runtime/function-object.js';
import { directEval } from '../runtime/eval-code.js';
import { hostCodeGenerator, runHostCodeGenerator, type HostCodeGenerator } from '../runtime/dynamic.js';
import { superCall } from '../runtime/super.js';
import { GetTemplateObject } from '../runtime/template-objects.js';
import { privateGet } from '../runtime/private-names.js';
import { compileExpression } from './expressions.js';
import { lazyArgumentsAt, materializeArguments, argumentValues, type LazyArguments } from '../compile/lazy-arguments.js';
import { SHORT, analyseMember, memberRead, compileChainPart, isChainPart, type MemberSite } from './member.js';


const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;

// §13.3.11 Tagged Templates
export function compileTaggedTemplate(node: TaggedTemplateExpression, c: CompileContext): Expr {
  const site = node.quasi;
  const cooked: Array<string | undefined> = site.quasis.map((q) => q.value.cooked ?? undefined);
  const raw: string[] = site.quasis.map((q) => q.value.raw);
  const exprs = site.expressions.map((e) => compileExpression(e, c));
  const callee = compileCallee(node.tag, c);
  const what = calleeDescription(c, node.tag);
  const pos = site.start;
  return function* (f) {
    const fn = yield* callee(f);
    const thisValue = f.calleeThis;
    const args: unknown[] = [GetTemplateObject(f.realm, site, cooked, raw)];
    for (let i = 0; i < exprs.length; i++) args.push(yield* exprs[i](f));
    f.pos = pos;
    if (typeof fn !== 'function') f.realm.throwTypeError(`${what} is not a function`);
    return ReflectApply(fn as Function, thisValue, args);
  };
}

// ---- calls (§13.3.6) ----

/** Evaluates a callee to the function, leaving the call's this value in `f.calleeThis` (read at once,
 * before anything else can run in the frame): no [fn, this] pair allocated per call. */
type Callee = (f: Frame) => Ev<unknown>;

// §13.3.6.1 EvaluateCall: a Reference callee supplies the this value
function compileCallee(node: Expression | Super, c: CompileContext, inChain = false): Callee {
  switch (node.type) {
    case 'MemberExpression': return memberCallee(analyseMember(node, c, inChain));
    case 'Identifier': {
      const read = compileRead(node.name, c);
      const withThis = compileCallThis(node.name, c);
      if (withThis !== null) return function* (f) { const fn = read(f); f.calleeThis = withThis(f); return fn; };
      return function* (f) { f.calleeThis = undefined; return read(f); };
    }
    case 'ParenthesizedExpression': return compileCallee(node.expression, c, inChain);
    case 'ChainExpression': {
      if (node.expression.type !== 'MemberExpression') break;
      // `(a?.b)()`: a parenthesised chain is still a Reference (§13.2.1.1), so the call's this is
      // `a`; a short-circuited chain is the value undefined, with this undefined (§13.3.9.1).
      const get = memberCallee(analyseMember(node.expression, c, true));
      return function* (f) {
        const fn = yield* get(f);
        if (fn === SHORT) { f.calleeThis = undefined; return undefined; }
        return fn;
      };
    }
    case 'Super': throw new SyntaxError('vmjs internal: super() is compiled by compileSuperCall');
  }
  const e = inChain && isChainPart(node) ? compileChainPart(node, c) : compileExpression(node, c);
  return function* (f) { const fn = yield* e(f); f.calleeThis = undefined; return fn; };
}

/** A member callee: the function and, in `f.calleeThis`, its base object (§13.3.6.1 step 1.a);
 * SHORT when a chain short-circuits (f.calleeThis is then left unset: the call returns SHORT). */
function memberCallee(site: MemberSite): Callee {
  switch (site.kind) {
    case 'super': {
      const get = memberRead(site);
      return function* (f) { const fn = yield* get(f); f.calleeThis = f.thisFrame.thisValue; return fn; };
    }
    case 'private': {
      const { obj, optional, ref } = site;
      return function* (f) {
        const o = yield* obj(f);
        if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
        const fn = privateGet(f, ref, o);
        f.calleeThis = o;
        return fn;
      };
    }
    case 'named': {
      const { obj, optional, name, pos } = site;
      const perName = IS_GEN || optional || site.inChain ? null : namedCallee(name, obj as never, pos);
      if (perName !== null) return perName as unknown as Expr;
      return function* (f) {
        const o = yield* obj(f);
        if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
        const fn = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[name] : getOnPrimitiveAt(f, o, name, pos);
        f.calleeThis = o;
        return fn;
      };
    }
    case 'computed': {
      const { obj, optional, key } = site;
      return function* (f) {
        const o = yield* obj(f);
        if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
        const k = yield* key(f);
        const fn = typeof o === 'object' && o !== null ? (o as Record<PropertyKey, unknown>)[k as PropertyKey] : getOnPrimitive(f.realm, o, k);
        f.calleeThis = o;
        return fn;
      };
    }
  }
}

type ArgList = (f: Frame) => Ev<unknown[]>;

// §13.3.8.1 ArgumentListEvaluation
export function compileArguments(args: ReadonlyArray<Expression | SpreadElement>, c: CompileContext): ArgList {
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
      if (spread[i]) spreadArgumentsInto(f.realm, out, v); else out.push(v);
    }
    return out;
  };
}

/** The callee as V8's messages render it: its source, arguments elided; a parenthesised optional
 * chain is "(intermediate value)". */
export function calleeDescription(c: CompileContext, node: Expression | Super): string {
  if (node.type === 'ChainExpression') return '(intermediate value)';
  const text = sourceText(c, node);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text.replace(/\([^()]*\)/g, '(...)');
}

/** Where V8 places a call in a stack trace: an unparenthesised identifier callee's start, a named
 * property's name, else the `(` of the arguments. Set as the frame's position before calling, so a
 * stack captured during the call shows this frame at the call. */
export function callPosition(node: CallExpression, c: CompileContext): number {
  const callee = node.callee;
  const text = c.source.text;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.start;
  if (callee.type === 'Identifier') {
    let i = callee.start - 1;
    while (i >= 0 && /\s/.test(text[i])) i--;
    if (i < 0 || text[i] !== '(') return callee.start;
  }
  let i = callee.end;
  while (i < node.end) {
    const ch = text[i];
    if (ch === '(') return i;
    if (ch === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); i = e < 0 ? node.end : e + 2; continue; }
    if (ch === '/' && text[i + 1] === '/') { const e = text.indexOf('\n', i + 2); i = e < 0 ? node.end : e + 1; continue; }
    i++;
  }
  return callee.start;
}

export function compileCall(node: CallExpression, c: CompileContext, inChain: boolean): Expr {
  if (node.callee.type === 'Super') return compileSuperCall(node, c);
  if (!inChain) {
    const la = applyWithArguments(node, c);
    if (la !== null) return compileApplyWithArguments(node, c, la);
  }
  const args = compileArguments(node.arguments, c);
  const optional = node.optional === true;
  const what = calleeDescription(c, node.callee);
  const pos = callPosition(node, c);
  if (node.callee.type === 'Identifier' && node.callee.name === 'eval') {
    const callee = compileCallee(node.callee, c);
    const strict = c.strict;
    return function* (f) {
      const fn = yield* callee(f);
      const thisValue = f.calleeThis;
      const list = yield* args(f);
      f.pos = pos;
      if (fn === f.realm.intrinsics.eval) return directEval(f, list, strict);
      if (typeof fn !== 'function') f.realm.throwTypeError(`${what} is not a function`);
      return ReflectApply(fn as Function, thisValue, list);
    };
  }
  const callee = compileCallee(node.callee, c, inChain);
  // The site remembers the last function it called and, for a guest function, its state: most sites
  // call one function, which then runs without crossing Reflect.apply and its host wrapper.
  // In the main context (the host's intrinsics), a call of the host's eval or Function family runs as
  // the interpreter's (dynamic.ts, hostCodeGenerator), so that the code it makes is under the timeout.
  let lastFn: unknown = NO_CALLEE;
  let lastState: FunctionState | null = null;
  let lastGenerator: HostCodeGenerator | null = null;
  return function* (f) {
    const fn = yield* callee(f);
    const thisValue = f.calleeThis;
    if (fn === SHORT) return SHORT;
    if (optional && (fn === null || fn === undefined)) return SHORT;
    const list = yield* args(f);
    f.pos = pos;
    if (fn !== lastFn) {
      if (typeof fn !== 'function') f.realm.throwTypeError(`${what} is not a function`);
      lastFn = fn;
      lastState = directCallState(fn as Function);
      lastGenerator = lastState === null ? hostCodeGenerator(f.realm, fn) : null;
    }
    if (lastState !== null) return invoke(lastState, thisValue, list, undefined);
    if (lastGenerator !== null && f.realm.isHost) return runHostCodeGenerator(f.realm, lastGenerator, list, undefined);
    return ReflectApply(fn as Function, thisValue, list);
  };
}

/** `x.apply(t, arguments)` passing a function's lazily made arguments object (lazy-arguments.ts). */
function applyWithArguments(node: CallExpression, c: CompileContext): LazyArguments | null {
  const callee = node.callee;
  if (node.optional === true || node.arguments.length !== 2 || node.arguments[0].type === 'SpreadElement') return null;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.optional === true || callee.object.type === 'Super') return null;
  if (callee.property.type !== 'Identifier' || callee.property.name !== 'apply') return null;
  return lazyArgumentsAt(node.arguments[1], c);
}

/** When the callee is %Function.prototype.apply% and the object is still unmade, the call gets the
 * argument list apply's CreateListFromArrayLike would read from it, and a guest function is entered
 * directly, as apply's [[Call]] would; otherwise the object is made and passed. */
function compileApplyWithArguments(node: CallExpression, c: CompileContext, la: LazyArguments): Expr {
  const callee = compileCallee(node.callee, c, false);
  const thisArg = compileExpression(node.arguments[0] as Expression, c);
  const what = calleeDescription(c, node.callee);
  const pos = callPosition(node, c);
  return function* (f) {
    const fn = yield* callee(f);
    const target = f.calleeThis;
    const t = yield* thisArg(f);
    f.pos = pos;
    if (f.argumentsObject === undefined && fn === f.realm.intrinsics.FunctionPrototypeApply) {
      const list = argumentValues(f, la);
      const s = typeof target === 'function' ? directCallState(target) : null;
      if (s !== null) return invoke(s, t, list, undefined);
      return ReflectApply(fn as Function, target, [t, list]);
    }
    const o = materializeArguments(f, la);
    if (typeof fn !== 'function') f.realm.throwTypeError(`${what} is not a function`);
    return ReflectApply(fn as Function, target, [t, o]);
  };
}

// §13.3.7.1 SuperCall
function compileSuperCall(node: CallExpression, c: CompileContext): Expr {
  const args = compileArguments(node.arguments, c);
  const pos = node.start;
  return function* (f) {
    const list = yield* args(f);
    f.pos = pos;
    return superCall(f, list);
  };
}

// §13.3.5.1 EvaluateNew
export function compileNew(node: NewExpression, c: CompileContext): Expr {
  const callee = compileExpression(node.callee, c);
  const args = compileArguments(node.arguments, c);
  const what = calleeDescription(c, node.callee);
  // As for calls: the last guest constructor this site constructed runs through invoke() directly.
  let lastFn: unknown = NO_CALLEE;
  let lastState: FunctionState | null = null;
  let lastGenerator: HostCodeGenerator | null = null;
  const pos = node.start;
  return function* (f) {
    const fn = yield* callee(f);
    const list = yield* args(f);
    f.pos = pos;
    if (fn !== lastFn) {
      if (!isConstructor(fn)) f.realm.throwTypeError(`${what} is not a constructor`);
      lastFn = fn;
      lastState = directConstructState(fn as Function);
      lastGenerator = lastState === null ? hostCodeGenerator(f.realm, fn) : null;
    }
    if (lastState !== null) return invoke(lastState, undefined, list, fn);
    if (lastGenerator !== null && f.realm.isHost) return runHostCodeGenerator(f.realm, lastGenerator, list, fn as Function);
    return ReflectConstruct(fn as Function, list);
  };
}
