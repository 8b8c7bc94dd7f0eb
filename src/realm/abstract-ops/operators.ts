// Runtime semantics of operators (ECMA-262 §13) that builtins share with the evaluator.
import type { Realm } from '../realm.js';
import { GetMethod, OrdinaryHasInstance } from './object-operations.js';
import { isObject } from './testing-comparison.js';
import { ReflectApply, SymbolHasInstance } from '../primordials.js';

/** InstanceofOperator (§13.10.2, sec-instanceofoperator). */
export function InstanceofOperator(realm: Realm, V: unknown, target: unknown): boolean {
  if (!isObject(target)) realm.throwTypeError("Right-hand side of 'instanceof' is not an object");
  const instOfHandler = GetMethod(realm, target, SymbolHasInstance);
  if (instOfHandler !== undefined) return !!ReflectApply(instOfHandler, target, [V]);
  if (typeof target !== 'function') realm.throwTypeError("Right-hand side of 'instanceof' is not callable");
  return OrdinaryHasInstance(realm, target, V);
}
