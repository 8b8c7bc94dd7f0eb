// `super` at run time (§13.3.7): the home object's prototype for super property references, and
// SuperCall, which constructs the parent with the derived constructor's new.target and binds `this`.
import type { Frame } from './frame.js';
import { UNINIT } from '../compile/scope.js';
import { initializeInstanceElements, isConstructor } from './function-object.js';
import { ObjectGetPrototypeOf as getPrototypeOf, ReflectConstruct } from '../../realm/primordials.js';
import { giveInterpretedStack, hostErrorConstructor } from './host-error-stack.js';

/** GetSuperBase (§9.1.1.3.5) of the running method. */
export function superBase(f: Frame): object {
  const home = f.thisFrame.fn?.homeObject;
  if (home === undefined) f.realm.throwSyntaxError("'super' keyword unexpected here");
  const base = getPrototypeOf(home);
  if (base === null) f.realm.throwTypeError('Cannot read properties of null (reading super property)');
  return base;
}

/** SuperCall (§13.3.7.1). */
export function superCall(f: Frame, args: unknown[]): unknown {
  const tf = f.thisFrame;
  const s = tf.fn!;
  const parent = getPrototypeOf(s.fnObject);
  if (!isConstructor(parent)) f.realm.throwTypeError(`Super constructor ${String(parent)} of anonymous class is not a constructor`);
  const result = ReflectConstruct(parent as Function, args, tf.newTarget as Function);
  if (f.realm.isHost && hostErrorConstructor(f.realm, parent) !== null) giveInterpretedStack(f.realm, result as object, parent as Function, tf.newTarget as Function);
  if (tf.thisValue !== UNINIT) f.realm.throwReferenceError('Super constructor may only be called once');
  tf.thisValue = result;
  if (s.fields !== null) initializeInstanceElements(f.realm, result, s);
  return result;
}
