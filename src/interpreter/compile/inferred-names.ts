// The names V8 infers for anonymous functions that get none from the language (its debug name, shown
// in stack traces): `o.foo = function () {}` is "o.foo", `P.prototype.m = function () {}` is "P.m".
// Decided at compile time from the tree, kept off the function objects; only stack traces read them.
import type { Expression, MemberExpression, Node } from 'acorn';

const inferred = new WeakMap<Node, string>();

/** The dotted path V8 names a function assigned to `target` after, or undefined. */
function memberPath(target: Expression | MemberExpression): string | undefined {
  if (target.type === 'Identifier') return target.name;
  if (target.type === 'ThisExpression') return undefined;
  if (target.type !== 'MemberExpression' || target.object.type === 'Super') return undefined;
  const base = memberPath(target.object as Expression);
  if (base === undefined) return undefined;
  let key: string;
  if (!target.computed && target.property.type === 'Identifier') key = target.property.name;
  else if (target.computed && target.property.type === 'Literal' && typeof target.property.value === 'string') key = target.property.value;
  else return undefined;
  return key === 'prototype' ? base : `${base}.${key}`;
}

/** Records the inferred name of an anonymous function expression assigned to the member `target`. */
export function inferNameFromAssignment(target: MemberExpression, value: Expression): void {
  let v: Expression = value;
  while (v.type === 'SequenceExpression') v = v.expressions[v.expressions.length - 1];
  if ((v.type === 'FunctionExpression' && v.id === null) || v.type === 'ArrowFunctionExpression') {
    const name = memberPath(target);
    if (name !== undefined) inferred.set(v, name);
  }
}

/** The name inferred for a function's node, if any. */
export function inferredName(node: Node): string | undefined {
  return inferred.get(node);
}
