// Literals (§13.2): primitives, regular expressions, templates, array and object
// initializers. They live apart from the dispatcher because they build new values
// without touching references; object literals share NamedEvaluation with
// functions.ts. Generator form; the synchronous form is derived.
import { markGuestObject } from '../../realm/membrane.js';
import type { Realm } from '../../realm/realm.js';
import type { ArrayExpression, AssignmentProperty, FunctionExpression, Literal, ObjectExpression, Property, TemplateLiteral } from 'acorn';
import type { Expr, Ev } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { makeFunction } from '../runtime/function-object.js';
import { iterationOperandText, spreadInto } from '../runtime/iteration.js';
import { createRegExpLiteral } from '../../realm/builtins/regexp.js';
import { CopyDataProperties, CreateDataPropertyOrThrow } from '../../realm/abstract-ops/object-operations.js';
import { compileExpression } from './expressions.js';
import { compileNamed, compileNamedDynamic, functionTemplate, isAnonymousFunctionDefinition } from './functions.js';

const { create, setPrototypeOf, defineProperty } = Object;

// §13.2.3 Literals; §13.2.7 RegularExpressionLiteral
export function compileLiteral(node: Literal, _c: CompileContext): Expr {
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

// §13.2.8 Template Literals
export function compileTemplate(node: TemplateLiteral, c: CompileContext): Expr {
  // An untagged template's strings are always cooked (a bad escape is an early error).
  const quasis = node.quasis.map((q) => q.value.cooked as string);
  const exprs = node.expressions.map((e) => compileExpression(e, c));
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

// §13.2.4 Array Initializer
export function compileArray(node: ArrayExpression, c: CompileContext): Expr {
  const els: Array<{ spread: boolean; e: Expr; text?: string } | null> = node.elements.map((el) =>
    el === null ? null : el.type === 'SpreadElement'
      ? { spread: true, e: compileExpression(el.argument, c), text: iterationOperandText(el.argument) }
      : { spread: false, e: compileExpression(el, c) });
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
        spreadInto(f.realm, tmp, v, el.text);
        for (let j = 0; j < tmp.length; j++) a[len++] = tmp[j];
      } else {
        a[len++] = v;
      }
    }
    if (!f.realm.isHost) setPrototypeOf(a, f.realm.intrinsics.ArrayPrototype);
    return a;
  };
}

// §13.2.5 Object Initializer
export function compileObject(node: ObjectExpression, c: CompileContext): Expr {
  type Prop = (f: Frame, o: Record<PropertyKey, unknown>) => Ev<void>;
  const props: Prop[] = [];
  for (const p of node.properties) {
    if (p.type === 'SpreadElement') {
      const e = compileExpression(p.argument, c);
      props.push(function* (f, o) { CopyDataProperties(f.realm, o, yield* e(f), null); });
      continue;
    }
    const key = propertyKey(p, c);
    if (p.kind === 'init' && !p.method) {
      if (!p.computed && !p.shorthand && isProtoKey(p)) {
        const e = compileExpression(p.value, c);
        props.push(function* (f, o) {
          const v = yield* e(f);
          if ((typeof v === 'object') || typeof v === 'function') {
            setPrototypeOf(o, v as object | null);
            if (v === null) markGuestObject(o);
          }
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
    const t = functionTemplate(p.value as FunctionExpression, c, typeof key === 'string' ? key : undefined, mk);
    // A method's source text is its whole MethodDefinition (`get`, `async`, `*` and the key included).
    t.textRange = [p.start, p.value.end];
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

/** `__proto__: v` (§13.2.5.5, PropertyDefinition : PropertyName : AssignmentExpression). */
function isProtoKey(p: Property): boolean {
  const k = p.key;
  return (k.type === 'Identifier' && k.name === '__proto__') || (k.type === 'Literal' && k.value === '__proto__');
}

/** A property name (§13.2.5.4): a static string, or an Expr computing the key (ToPropertyKey applied). */
export function propertyKey(p: Property | AssignmentProperty, c: CompileContext): string | ((f: Frame) => Ev<PropertyKey>) {
  if (!p.computed) {
    const k = p.key;
    if (k.type === 'Identifier') return k.name;
    if (k.type === 'Literal') return typeof k.value === 'string' ? k.value : k.bigint !== undefined ? String(BigInt(k.bigint)) : String(k.value);
  }
  const e = compileExpression(p.key, c);
  return function* (f) { return ToPropertyKey(f.realm, yield* e(f)); };
}

/** A regular expression literal's object (§13.2.7.3): a new one per evaluation, of the running realm. */
export function createRegExp(realm: Realm, pattern: string, flags: string): unknown {
  if (realm.isHost) return new RegExp(pattern, flags);
  return createRegExpLiteral(realm, pattern, flags);
}
