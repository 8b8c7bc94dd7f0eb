// The main context: runInThisContext runs in one realm shared by the whole
// process, built on the host's own intrinsics and globalThis.
import type { Realm } from '../realm/realm.js';
import { createHostRealm } from '../realm/intrinsics.js';

let shared: Realm | undefined;

/** The host realm, created on first use. */
export function hostRealm(): Realm {
  if (shared === undefined) shared = createHostRealm();
  return shared;
}
