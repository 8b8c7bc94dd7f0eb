// %SuppressedError% and %SuppressedError.prototype% (ES2026 §20.5.8, sec-suppressederror-objects): the
// error DisposeResources throws when a disposal fails while another error is already propagating.
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, value } from '../builtin.js';
import { GetPrototypeFromConstructor, ToString } from '../abstract-ops.js';
import { ObjectDefineProperty, ObjectSetPrototypeOf } from '../primordials.js';
import { captureErrorStack, newErrorObject } from './error.js';
import { captureStack } from '../stack-trace.js';

/** CreateNonEnumerableDataPropertyOrThrow (§7.3.6) on a fresh error object, which cannot fail. */
function defineHidden(O: object, key: string, v: unknown): void {
  ObjectDefineProperty(O, key, { value: v, writable: true, enumerable: false, configurable: true });
}

export function installSuppressedError(realm: Realm): void {
  const I = realm.intrinsics;
  const SuppressedErrorPrototype = Object.create(I.ErrorPrototype) as object;
  // §20.5.8.1.1 SuppressedError ( error, suppressed, message )
  const SuppressedErrorCtor: Function = createBuiltinConstructor(realm, function SuppressedError(this: unknown, error: unknown, suppressed: unknown, message: unknown): Error {
    const proto = GetPrototypeFromConstructor(realm, new.target ?? SuppressedErrorCtor, 'SuppressedErrorPrototype');
    const O = newErrorObject(realm);
    ObjectSetPrototypeOf(O, proto);
    if (message !== undefined) defineHidden(O, 'message', ToString(realm, message));
    defineHidden(O, 'error', error);
    defineHidden(O, 'suppressed', suppressed);
    captureErrorStack(realm, O, new.target, SuppressedErrorCtor);
    return O;
  }, 'SuppressedError', 3, SuppressedErrorPrototype, I.Error);
  defineTable(realm, SuppressedErrorPrototype, [value('message', ''), value('name', 'SuppressedError')]);
  I.SuppressedError = SuppressedErrorCtor;
  I.SuppressedErrorPrototype = SuppressedErrorPrototype;
}

/** "A newly created SuppressedError object" with its `error` and `suppressed` (DisposeResources step
 * 3.e.iii, sec-disposeresources). The host realm uses the host's SuppressedError where it has one; on a
 * host without it (node 20) vmjs makes one for that realm, on top of the host's Error, without putting
 * it on the host's global object. */
export function newSuppressedError(realm: Realm, error: unknown, suppressed: unknown): Error {
  const I = realm.intrinsics;
  if (I.SuppressedErrorPrototype === undefined) {
    const hostCtor = realm.isHost ? (globalThis as { SuppressedError?: Function }).SuppressedError : undefined;
    if (typeof hostCtor === 'function') {
      I.SuppressedError = hostCtor;
      I.SuppressedErrorPrototype = (hostCtor as { prototype: object }).prototype;
    } else {
      installSuppressedError(realm);
    }
  }
  const O = newErrorObject(realm);
  ObjectSetPrototypeOf(O, I.SuppressedErrorPrototype as object);
  defineHidden(O, 'error', error);
  defineHidden(O, 'suppressed', suppressed);
  if (!realm.isHost) captureStack(realm, O);
  return O;
}
