// Bringing errors thrown by HOST builtins into a realm: when a builtin delegates to
// the host engine, the errors the host raises must be the realm's (isolation invariant).
import type { NativeErrorName, Realm } from './realm.js';
import { HostError, ReflectApply } from './primordials.js';
import { isHostEntryError } from './host-entry.js';

const hostErrorTypes: ReadonlyArray<readonly [Function, NativeErrorName]> = [
  [TypeError, 'TypeError'],
  [RangeError, 'RangeError'],
  [SyntaxError, 'SyntaxError'],
  [ReferenceError, 'ReferenceError'],
  [URIError, 'URIError'],
  [EvalError, 'EvalError'],
];

// Host engines other than node's V8 word some errors differently (JavaScriptCore, in Bun and Safari;
// Chromium, which prefixes a failed array length set with the property it was setting); node:vm
// users compare messages, so a realm error made from a host error gets V8's words for the known ones.
// A message with no V8 equivalent that can be derived (JSC's revoked-proxy message does not name the
// trap) is kept as the host wrote it.
const v8Messages: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Invalid mix of BigInt and other type in [\w ]+\.$/, 'Cannot mix BigInt and other types, use explicit conversions'],
  [/^Conversion from 'BigInt' to 'number' is not allowed\.$/, 'Cannot mix BigInt and other types, use explicit conversions'],
  [/^BigInt does not support >>> operator$/, 'BigInts have no unsigned right shift, use >> instead'],
  [/^Cannot convert a symbol to a (number|string)$/, 'Cannot convert a Symbol value to a $1'],
  [/^WeakMap keys must be objects or non-registered symbols$/, 'Invalid value used as weak map key'],
  [/^Failed to set the 'length' property on 'Array': (Invalid array length)$/, '$1'],
  [/^WeakSet values must be objects or non-registered symbols$/, 'Invalid value used in weak set'],
];

function v8Message(message: string): string {
  // The commonest host error met at the end of the host stack, where compiling a regexp can take V8
  // down ("RegExpCompiler Allocation failed"): no rewording needed, and no regexp run.
  if (message === 'Maximum call stack size exceeded') return message;
  for (const [pattern, replacement] of v8Messages) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}

/** If `e` is an instance of a host error constructor and `realm` is not the host realm, a realm error
 * of the same type and message; anything else (guest values, Termination) is returned unchanged. */
export function toRealmError(realm: Realm, e: unknown): unknown {
  if (realm.isHost || !(e instanceof HostError) || isHostEntryError(e)) return e;
  for (const [ctor, name] of hostErrorTypes) {
    if (e instanceof ctor) return realm.newError(name, v8Message(e.message));
  }
  return realm.newError('Error', v8Message(e.message));
}

/** Calls a host function on behalf of `realm`, translating host errors it throws (toRealmError). */
export function hostCall<R>(realm: Realm, fn: (...args: any[]) => R, thisArg: unknown, args: readonly unknown[]): R {
  try {
    return ReflectApply(fn, thisArg, args as unknown[]);
  } catch (e) {
    throw toRealmError(realm, e);
  }
}
