// The host side of HostPromiseRejectionTracker (ECMA-262 §27.2.1.9, sec-host-promise-rejection-tracker):
// which guest promises are rejected with no handler, and telling the embedder about them without ever
// throwing into the host.
//
// Like node, which checks after its microtask queue has drained, a rejection counts as unhandled only
// if no handler is attached by the end of the host's current task: a promise rejected and then handled
// by a later job of the same checkpoint is not reported. The check runs in a new host task
// (setTimeout 0), after every microtask and so after every guest job of the default mode.
import type { Realm } from './realm.js';
import { GlobalQueueMicrotask, GlobalSetTimeout, ReflectApply } from './primordials.js';

/** What the embedder is given for each unhandled rejection: the reason and the guest promise. */
export type UnhandledRejectionHandler = (reason: unknown, promise: object) => void;

/** An unhandled rejection: the promise and the reason it was rejected with. */
export interface UnhandledRejection {
  readonly promise: object;
  readonly reason: unknown;
}

interface Pending { readonly realm: Realm; readonly reason: unknown }

/** Rejected promises with no handler yet, agent-wide, in the order they were rejected. */
const pending = new Map<object, Pending>();
let checkScheduled = false;

/** HostPromiseRejectionTracker(promise, "reject") with no handler attached. Only realms whose embedder
 * listens are tracked, so that no rejected promise is kept alive for nobody. */
export function trackRejection(realm: Realm, promise: object, reason: unknown): void {
  if (realm.onUnhandledRejection === null) return;
  pending.set(promise, { realm, reason });
  if (!checkScheduled) {
    checkScheduled = true;
    scheduleTask(reportUnhandledRejections);
  }
}

/** HostPromiseRejectionTracker(promise, "handle"): a handler came in time. One attached after the
 * report changes nothing (node would emit 'rejectionHandled'; vmjs has no such event). */
export function trackRejectionHandled(promise: object): void {
  pending.delete(promise);
}

/** The scheduled check: each realm's handler is told about its rejections still unhandled, oldest
 * first, once each. A handler that throws is the embedder's own error and propagates from the task. */
function reportUnhandledRejections(): void {
  checkScheduled = false;
  const reports: [UnhandledRejectionHandler, UnhandledRejection][] = [];
  for (const [promise, p] of pending) {
    const handler = p.realm.onUnhandledRejection;
    if (handler !== null) reports.push([handler, { promise, reason: p.reason }]);
  }
  pending.clear();
  for (const [handler, { promise, reason }] of reports) handler(reason, promise);
}

/** A new host task; a host without timers falls back to a microtask (the check then runs earlier). */
function scheduleTask(task: () => void): void {
  if (typeof GlobalSetTimeout === 'function') { ReflectApply(GlobalSetTimeout, undefined, [task, 0]); return; }
  if (typeof GlobalQueueMicrotask === 'function') ReflectApply(GlobalQueueMicrotask, undefined, [task]);
}
