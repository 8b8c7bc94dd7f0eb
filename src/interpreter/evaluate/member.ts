// Property access (§13.3.2), super properties (§13.3.7) and optional chains
// (§13.3.9). A MemberExpression is read, called, assigned, updated and deleted;
// analyseMember decides once what it is (super? private? static name or computed
// key? optional? inside a chain?) and each of those consumers builds its own
// closure from the resulting MemberSite, one closure literal per access kind with
// the static name captured, because V8 keeps its inline caches per closure site.
// Chains pass SHORT up through their parts instead of throwing, so a
// short-circuit costs no exception. Generator form; the synchronous form is derived.
import type { CallExpression, ChainExpression, Expression, MemberExpression, Super } from 'acorn';
import { IS_GEN, type Expr } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { getOnPrimitive, getOnPrimitiveAt } from '../runtime/property-access.js';
import { ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { UNINIT } from '../compile/scope.js';
import { superBase } from '../runtime/super.js';
import { privateGet, resolvePrivate, type PrivateRef } from '../runtime/private-names.js';
import { compileExpression } from './expressions.js';
import { compileCall } from './calls.js';
import { namedReader } from '../compile/named-access.js';
import { lazyArgumentsAt, materializeArguments, argumentAt, type LazyArguments } from '../compile/lazy-arguments.js';

/** Returned through an optional chain when it short-circuits (§13.3.9). */
export const SHORT: unique symbol = Symbol('vmjs.optionalChainShortCircuit');

/** A MemberExpression, analysed once at compile time. */
export type MemberSite = SuperSite | PrivateSite | NamedSite | ComputedSite;

/** `super.x`, `super[k]` (§13.3.7): the base and this value come from the frame. */
export interface SuperSite {
  readonly kind: 'super';
  /** A static name, or the key expression (ToPropertyKey not yet applied). */
  readonly key: string | Expr;
}

interface ObjectSite {
  /** The object's closure. In a chain it may return SHORT. */
  readonly obj: Expr;
  /** `?.` on this access: a null or undefined object short-circuits the chain. */
  readonly optional: boolean;
  /** Part of an optional chain: SHORT from the object passes through. */
  readonly inChain: boolean;
}
/** `o.#x` (§13.3.2, PrivateFieldGet). */
export interface PrivateSite extends ObjectSite { readonly kind: 'private'; readonly ref: PrivateRef }
/** `o.x`; `pos` is where V8 reports a read of null/undefined. */
export interface NamedSite extends ObjectSite { readonly kind: 'named'; readonly name: string; readonly pos: number }
/** `o[k]`; `key` is the key expression (ToPropertyKey not yet applied). */
export interface ComputedSite extends ObjectSite { readonly kind: 'computed'; readonly key: Expr }

/** Compiles the object and key of `node` once. `inChain`: `node` is a part of an optional chain
 * (its object may be a chain part that short-circuits; `?.` is honoured). */
export function analyseMember(node: MemberExpression, c: CompileContext, inChain: boolean): MemberSite {
  const object = node.object, property = node.property;
  if (object.type === 'Super') {
    const key = node.computed ? compileExpression(property as Expression, c) : propertyName(node);
    return { kind: 'super', key };
  }
  const obj = inChain && isChainPart(object) ? compileChainPart(object, c) : compileExpression(object, c);
  const optional = node.optional === true;
  if (property.type === 'PrivateIdentifier') return { kind: 'private', obj, optional, inChain, ref: resolvePrivate(c, property.name) };
  if (!node.computed) return { kind: 'named', obj, optional, inChain, name: propertyName(node), pos: property.start };
  return { kind: 'computed', obj, optional, inChain, key: compileExpression(property, c) };
}

/** The name of a non-computed `o.x` (acorn gives an Identifier). */
function propertyName(node: MemberExpression): string {
  const p = node.property;
  if (p.type !== 'Identifier') throw new SyntaxError(`vmjs internal: unexpected member property ${p.type}`);
  return p.name;
}

/** GetThisBinding for a super property reference: a ReferenceError before super() in a derived constructor. */
export function superThis(f: Frame): unknown {
  const thisValue = f.thisFrame.thisValue;
  if (thisValue === UNINIT) f.realm.throwReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
  return thisValue;
}

// §13.3.2.1 EvaluatePropertyAccessWith{Identifier,Expression}Key + GetValue
export function compileMember(node: MemberExpression, c: CompileContext, inChain: boolean): Expr {
  const la = inChain || node.optional === true ? null : lazyArgumentsAt(node.object, c);
  if (la !== null && node.property.type !== 'PrivateIdentifier') return lazyArgumentsRead(node, c, la);
  return memberRead(analyseMember(node, c, inChain));
}

/** `arguments.length` and `arguments[key]` of a function whose arguments object is made only when
 * needed (lazy-arguments.ts): an index below the count reads the argument list, anything else the object. */
function lazyArgumentsRead(node: MemberExpression, c: CompileContext, la: LazyArguments): Expr {
  if (!node.computed) {
    const name = propertyName(node);
    if (name === 'length') {
      return function* (f) {
        const o = f.argumentsObject;
        return o === undefined ? f.args.length : (o as Record<string, unknown>).length;
      };
    }
    return function* (f) { return (materializeArguments(f, la) as Record<string, unknown>)[name]; };
  }
  const key = compileExpression(node.property as Expression, c);
  return function* (f) {
    const k = yield* key(f);
    if (f.argumentsObject === undefined && typeof k === 'number' && k >= 0 && k < f.args.length && (k | 0) === k) return argumentAt(f, la, k);
    return (materializeArguments(f, la) as Record<PropertyKey, unknown>)[k as PropertyKey];
  };
}

/** A read of the member: its value, or SHORT when a chain short-circuits. */
export function memberRead(site: MemberSite): Expr {
  switch (site.kind) {
    case 'super': {
      const key = site.key;
      return function* (f) {
        // GetThisBinding comes before the key expression (§13.3.7.1).
        const thisValue = superThis(f);
        const k = typeof key === 'string' ? key : ToPropertyKey(f.realm, yield* key(f));
        const base = superBase(f);
        return Reflect.get(base, k, thisValue);
      };
    }
    case 'private': {
      const { obj, optional, ref } = site;
      return function* (f) {
        const o = yield* obj(f);
        if (o === SHORT) return SHORT;
        if (optional && (o === null || o === undefined)) return SHORT;
        return privateGet(f, ref, o);
      };
    }
    case 'named': {
      const { obj, optional, name, pos } = site;
      if (!site.inChain) {
        const perName = IS_GEN ? null : namedReader(name, obj as never, pos);
        if (perName !== null) return perName as unknown as Expr;
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
    case 'computed': {
      const { obj, optional, key } = site;
      return function* (f) {
        const o = yield* obj(f);
        if (o === SHORT) return SHORT;
        if (optional && (o === null || o === undefined)) return SHORT;
        const k = yield* key(f);
        if (typeof o === 'object' && o !== null) return (o as Record<PropertyKey, unknown>)[k as PropertyKey];
        return getOnPrimitive(f.realm, o, k);
      };
    }
  }
}

// ---- optional chains (§13.3.9) ----

/** `a?.b…` as a whole: a short-circuit evaluates to undefined (§13.3.9.1). */
export function compileChain(node: ChainExpression, c: CompileContext): Expr {
  const inner = compileChainPart(node.expression, c, true);
  return function* (f) { const v = yield* inner(f); return v === SHORT ? undefined : v; };
}

export function isChainPart(n: Expression | Super): n is MemberExpression | CallExpression {
  return n.type === 'MemberExpression' || n.type === 'CallExpression';
}

/** A member or call inside a chain, compiled to pass SHORT through. `own`: the chain's outermost
 * part, whose suspension points the dispatcher has already checked. */
export function compileChainPart(node: MemberExpression | CallExpression, c: CompileContext, own = false): Expr {
  // A chain part without suspension points still has to pass SHORT through, which the synchronous
  // form's compileExpression would not: it is compiled here, in generator form.
  if (IS_GEN && !own && !c.forceGen && !c.suspends!.has(node)) c = { ...c, forceGen: true };
  return node.type === 'CallExpression' ? compileCall(node, c, true) : compileMember(node, c, true);
}
