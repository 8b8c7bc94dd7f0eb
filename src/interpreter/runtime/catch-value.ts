// The value a guest `catch` clause binds (§14.15.3): termination is never caught, and host errors
// become the realm's.
import type { Realm } from '../../realm/realm.js';
import { toRealmError } from '../../realm/host-errors.js';
import { agent, Termination } from '../../realm/agent.js';

const HostRangeError = RangeError;

/** What a guest `catch` receives: termination is never caught; host errors become the realm's. */
export function catchValue(realm: Realm, e: unknown): unknown {
  if (e instanceof Termination) throw e;
  // A host stack overflow can replace a Termination while it unwinds near the stack's end: the run
  // is still ending, so no guest catch may run.
  if (agent.terminating !== null) throw agent.terminating;
  // Catching is a step: a catch-and-retry storm at the host stack's end may fail before any call.
  if (--agent.steps <= 0) agent.tick();
  if (e instanceof HostRangeError && realm.isHost) return e;
  return toRealmError(realm, e);
}
