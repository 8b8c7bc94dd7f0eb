// Bringing errors thrown by HOST builtins into a realm: when a builtin delegates to
// the host engine, the errors the host raises must be the realm's (isolation invariant).
import type { NativeErrorName, Realm } from './realm.js';
import { HostError, ReflectApply } from './primordials.js';

const hostErrorTypes: ReadonlyArray<readonly [Function, NativeErrorName]> = [
  [TypeError, 'TypeError'],
  [RangeError, 'RangeError'],
  [SyntaxError, 'SyntaxError'],
  [ReferenceError, 'ReferenceError'],
  [URIError, 'URIError'],
  [EvalError, 'EvalError'],
];

/** If `e` is an instance of a host error constructor and `realm` is not the host realm, a realm error
 * of the same type and message; anything else (guest values, Termination) is returned unchanged. */
export function toRealmError(realm: Realm, e: unknown): unknown {
  if (realm.isHost || !(e instanceof HostError)) return e;
  for (const [ctor, name] of hostErrorTypes) {
    if (e instanceof ctor) return realm.newError(name, e.message);
  }
  return realm.newError('Error', e.message);
}

/** Calls a host function on behalf of `realm`, translating host errors it throws (toRealmError). */
export function hostCall<R>(realm: Realm, fn: (...args: any[]) => R, thisArg: unknown, args: readonly unknown[]): R {
  try {
    return ReflectApply(fn, thisArg, args as unknown[]);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}
