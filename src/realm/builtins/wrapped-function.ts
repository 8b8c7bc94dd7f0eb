// Wrapped Function Exotic Objects (ShadowRealm proposal §2): the callable boundary between a
// ShadowRealm and the realm that uses it. Only primitives and callables cross; a callable crosses as
// a new wrapped function of the receiving realm, whose [[Call]] wraps its this and arguments into the
// target's realm and its result back, and turns any exception into the receiving realm's TypeError.
// A wrapped function is a host method-shorthand function (callable, not constructible, no
// `prototype`) with the receiving realm's %Function.prototype%.
import type { Realm } from '../realm.js';
import { recordOpaque } from '../hidden-referents.js';
import { Termination } from '../agent.js';
import { HasOwnProperty, IsCallable, KnownFunctionRealm, setFunctionRealm, ToIntegerOrInfinity } from '../abstract-ops.js';
import { describeValue } from '../describe.js';
import { MathMax, ObjectDefineProperty, ObjectSetPrototypeOf, ReflectApply } from '../primordials.js';

/** GetWrappedValue (sec-getwrappedvalue): `value` as `callerRealm` may receive it. Its TypeError is
 * `errorRealm`'s, the current realm's (the caller's, also when wrapping arguments for the target). */
export function GetWrappedValue(callerRealm: Realm, value: unknown, valueRealm: Realm, errorRealm: Realm = callerRealm): unknown {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    if (!IsCallable(value)) errorRealm.throwTypeError(`Cannot cross a ShadowRealm boundary with a non-callable object (${describeValue(value)})`);
    return WrappedFunctionCreate(callerRealm, value, valueRealm, errorRealm);
  }
  return value;
}

/** WrappedFunctionCreate (sec-wrappedfunctioncreate). `targetRealm` stands in for GetFunctionRealm(Target)
 * where the host cannot tell a function's realm (bound functions, Proxies, host functions): the realm
 * the value came from. */
export function WrappedFunctionCreate(callerRealm: Realm, Target: Function, targetRealm: Realm, errorRealm: Realm = callerRealm): Function {
  const wrapped = {
    wrapped(this: unknown, ...args: unknown[]): unknown {
      return OrdinaryWrappedFunctionCall(callerRealm, Target, targetRealm, this, args);
    },
  }.wrapped;
  ObjectSetPrototypeOf(wrapped, callerRealm.intrinsics.FunctionPrototype);
  setFunctionRealm(wrapped, callerRealm);
  // [[WrappedTargetFunction]] is closed over by a host function: the walk cannot see it.
  recordOpaque(callerRealm, wrapped, 'a ShadowRealm wrapped function');
  try {
    CopyNameAndLength(callerRealm, wrapped, Target);
  } catch (e) {
    if (e instanceof Termination) throw e;
    errorRealm.throwTypeError('Cannot wrap a function whose name or length cannot be read');
  }
  return wrapped;
}

/** OrdinaryWrappedFunctionCall (sec-ordinary-wrapped-function-call): the [[Call]] of a wrapped function. */
function OrdinaryWrappedFunctionCall(callerRealm: Realm, target: Function, fallbackRealm: Realm, thisArgument: unknown, argumentsList: unknown[]): unknown {
  const targetRealm = KnownFunctionRealm(target) ?? fallbackRealm;
  const wrappedArgs: unknown[] = [];
  for (let i = 0; i < argumentsList.length; i++) wrappedArgs.push(GetWrappedValue(targetRealm, argumentsList[i], callerRealm, callerRealm));
  const wrappedThisArgument = GetWrappedValue(targetRealm, thisArgument, callerRealm, callerRealm);
  let result: unknown;
  try {
    result = ReflectApply(target, wrappedThisArgument, wrappedArgs);
  } catch (e) {
    if (e instanceof Termination) throw e;
    return callerRealm.throwTypeError(`A function across a ShadowRealm boundary threw${thrownDescription(e)}`);
  }
  return GetWrappedValue(callerRealm, result, targetRealm);
}

/** CopyNameAndLength (sec-copynameandlength), with prefix undefined and argCount 0. */
export function CopyNameAndLength(realm: Realm, F: Function, Target: Function): void {
  let L = 0;
  if (HasOwnProperty(Target, 'length')) {
    const targetLen = (Target as { length: unknown }).length;
    if (typeof targetLen === 'number') {
      if (targetLen === Infinity) L = Infinity;
      else if (targetLen === -Infinity) L = 0;
      else L = MathMax(ToIntegerOrInfinity(realm, targetLen), 0);
    }
  }
  ObjectDefineProperty(F, 'length', { value: L, writable: false, enumerable: false, configurable: true });
  let targetName = (Target as { name: unknown }).name;
  if (typeof targetName !== 'string') targetName = '';
  ObjectDefineProperty(F, 'name', { value: targetName, writable: false, enumerable: false, configurable: true });
}

/** A description of an exception for the TypeError that replaces it, read without running guest code
 * (reading an object's `message` could run a getter or a Proxy trap of the other realm): a primitive as
 * V8 renders it, nothing for an object. */
export function thrownDescription(e: unknown): string {
  if ((typeof e !== 'object' || e === null) && typeof e !== 'function') return `: ${describeValue(e)}`;
  return '';
}
