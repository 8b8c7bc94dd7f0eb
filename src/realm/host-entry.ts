// Entries into a context's code from the host while no run is active: a guest function, getter or
// callback the embedder calls after a run (invoke, when host code calls), a generator it resumes or an
// indirect eval it calls (membrane.ts enterGuestFromHost), a realm builtin it calls that can run long,
// allocate a size the guest chose or call guest code in a loop (membrane.ts callBuiltinFromHost, checked
// at the builtin's entry), and a promise job drained at the host's microtask checkpoint (job-queue.ts). node:vm gives these no budget at all; a vmjs context with a
// `timeout` (createContext's vmjs option, set by createSandbox) or a `memoryLimit` runs each one as a
// run of its own under them, so `vm.runInContext('() => { for (;;); }', ctx)()` ends with node's timeout
// error instead of hanging the host. Inside a run (host code the guest called, calling back) the run's
// budget already applies; the check is made where host code enters guest code, which is a slow path
// already (invoke's tick() that reports host code), so code running inside a run pays nothing.
import type { Realm } from './realm.js';
import { agent, Termination } from './agent.js';
import { holdEntryValues, runBudget } from './retained-memory.js';

/** The error the host gets for a termination that ended an entry (src/vm installs node's errors). */
let toEntryError: (t: Termination) => unknown = (t) => new Error(`vmjs: guest code terminated (${t.reason})`);

/** The errors entries ended with: a realm builtin the host called (a sort whose comparator timed out)
 * passes them on as they are (toRealmError), since they are the host's, not the guest's. */
const entryErrors = new WeakSet<object>();

function entryError(t: Termination): unknown {
  const e = toEntryError(t);
  if (typeof e === 'object' && e !== null) entryErrors.add(e);
  return e;
}

/** Whether `e` is the error an entry from the host ended with. */
export function isHostEntryError(e: object): boolean {
  return entryErrors.has(e);
}

/** Installs what a Termination becomes for the host that entered guest code (the vm layer's errors). */
export function setHostEntryError(toError: (t: Termination) => unknown): void {
  toEntryError = toError;
}

/** Whether an entry into `realm`'s code from host code must run under the context's budget: no run
 * is active, and the context has a timeout or a memory limit. */
export function needsEntryBudget(realm: Realm): boolean {
  return !agent.inRun && (realm.entryTimeout !== undefined || realm.memoryLimit !== Infinity);
}

/** Runs `body` (guest code host code started) as a run of `realm` with the context's timeout and
 * allocation budget; a termination becomes the error a run would have given the host, and the agent
 * is left clean, so the context stays usable. `through`, `thisArg` and `args` (the guest function,
 * generator or builtin host code calls, its receiver and arguments) are what the host holds: in a
 * context with a memory limit they become weak roots of the retained-memory walk (holdEntryValues). */
export function runHostEntry<T>(realm: Realm, body: () => T, through?: unknown, thisArg?: unknown, args: ArrayLike<unknown> | null = null): T {
  let budget: readonly [number, number];
  try {
    holdEntryValues(realm, through, thisArg, args);
    budget = runBudget(realm, undefined);
  } catch (e) {
    throw e instanceof Termination ? entryError(e) : e;
  }
  agent.enterRun(realm.entryTimeout, budget[0], budget[1]);
  const depth = agent.depth;
  const top = agent.top;
  let result: T;
  try {
    result = body();
  } catch (e) {
    agent.depth = depth;
    agent.top = top;
    const t = agent.exitRun();
    if (t !== null) throw entryError(t);
    if (e instanceof Termination) throw entryError(e);
    throw e;
  }
  const t = agent.exitRun();
  if (t !== null) throw entryError(t);
  return result;
}
