// Property access (§13.3.2), super properties (§13.3.7) and optional chains
// (§13.3.9). Chains pass SHORT up through their parts instead of throwing, so a
// short-circuit costs no exception. Generator form; the synchronous form is derived.
import type { Node } from 'acorn';
import { IS_GEN, type Expr } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { getOnPrimitive, getOnPrimitiveAt } from '../runtime/operations.js';
import { ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { UNINIT } from '../compile/scope.js';
import { superBase, privateGet, resolvePrivate } from '../runtime/expression-support.js';
import { compileExpression } from './expressions.js';
import { compileCall } from './calls.js';

type N = Node & Record<string, any>;

/** Returned through an optional chain when it short-circuits (§13.3.9). */
export const SHORT: unique symbol = Symbol('vmjs.optionalChainShortCircuit');

/** GetThisBinding for a super property reference: a ReferenceError before super() in a derived constructor. */
export function superThis(f: Frame): unknown {
  const thisValue = f.thisFrame.thisValue;
  if (thisValue === UNINIT) f.realm.throwReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
  return thisValue;
}

export function compileMember(node: N, c: CompileContext, inChain: boolean): Expr {
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

export function isChainPart(n: N): boolean {
  return n.type === 'MemberExpression' || n.type === 'CallExpression';
}

export function compileChainPart(node: N, c: CompileContext): Expr {
  if (IS_GEN && !c.forceGen && !c.suspends!.has(node)) return delegateChainPart(node, c);
  return node.type === 'CallExpression' ? compileCall(node, c, true) : compileMember(node, c, true);
}

function delegateChainPart(node: N, c: CompileContext): Expr {
  // A chain part without suspension points still has to pass SHORT through: compile it here.
  return node.type === 'CallExpression' ? compileCallChainSync(node, c) : compileMemberChainSync(node, c);
}
function compileCallChainSync(node: N, c: CompileContext): Expr { return compileCall(node, { ...c, forceGen: true }, true); }
function compileMemberChainSync(node: N, c: CompileContext): Expr { return compileMember(node, { ...c, forceGen: true }, true); }

export function memberKey(node: N, c: CompileContext): string | Expr {
  if (!node.computed) return node.property.name;
  return compileExpression(node.property, c);
}
