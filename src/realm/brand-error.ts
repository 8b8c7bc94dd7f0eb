// Brand-check errors of the builtins that delegate to host methods (the collections and Date): the
// host's TypeError names the receiver as the host sees it, V8's builtins of the realm would not.
import type { Realm } from './realm.js';
import { describeValue } from './abstract-ops.js';
import { toRealmError } from './host-errors.js';
import { HostTypeError } from './primordials.js';

const INCOMPATIBLE = ' called on incompatible receiver ';

/** A host brand-check error brought into the realm (toRealmError), with the receiver rendered as V8
 * renders it for the realm's own builtins: the host prints an object whose prototype is another
 * realm's as `[object Object]`, V8's builtins of that realm print `#<Object>`. Shared by the
 * collections and Date, whose methods delegate to the host's. */
export function toRealmBrandError(realm: Realm, e: unknown, receiver: unknown): unknown {
  if (!realm.isHost && e instanceof HostTypeError) {
    const msg = e.message;
    const i = msg.indexOf(INCOMPATIBLE);
    if (i >= 0) return realm.newError('TypeError', msg.slice(0, i + INCOMPATIBLE.length) + describeValue(receiver));
  }
  return toRealmError(realm, e);
}
