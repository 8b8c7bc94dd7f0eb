// Running a prepared script for node:vm: the interpreter's Termination becomes
// node's timeout (or interrupt) error, or vmjs's memory limit error, once the run
// it belongs to has unwound.
import { agent, Termination } from '../realm/agent.js';
import { drainJobs } from '../realm/job-queue.js';
import { runGuest, runScript, type PreparedScript } from '../interpreter/script.js';
import type { Realm } from '../realm/realm.js';
import { terminationError } from './errors.js';
import { decorateErrorStack } from './display-errors.js';

export function execute(prepared: PreparedScript, realm: Realm, timeout: number | undefined, displayErrors: boolean, memoryLimit?: number): unknown {
  const m = realm.membrane;
  if (m === null) return run(prepared, realm, timeout, displayErrors, memoryLimit);
  // A host object that the guest holds through the membrane goes back to the embedder as itself.
  try {
    return m.unwrap(run(prepared, realm, timeout, displayErrors, memoryLimit));
  } catch (e) {
    throw m.unwrap(e);
  }
}

function run(prepared: PreparedScript, realm: Realm, timeout: number | undefined, displayErrors: boolean, memoryLimit: number | undefined): unknown {
  try {
    if (realm.jobQueue.schedule !== null) return runScript(prepared, realm, { timeout, memoryLimit });
    // microtaskMode 'afterEvaluate': the context's own jobs run when the script completes normally
    // (node performs the checkpoint only then), under the script's budget, so an endless job chain
    // times out like an endless loop.
    return runGuest(realm, timeout, () => {
      const result = runScript(prepared, realm);
      drainJobs(realm.jobQueue);
      return result;
    }, memoryLimit);
  } catch (e) {
    // While an enclosing run is still terminating (its own deadline passed too), the Termination
    // keeps unwinding untouched so that no guest code in between can catch it (BRIEF decision 4).
    if (e instanceof Termination && agent.terminating !== e) {
      throw terminationError(e);
    }
    if (displayErrors) decorateErrorStack(e);
    throw e;
  }
}
