// Running a prepared script for node:vm: the interpreter's Termination becomes
// node's timeout (or interrupt) error once the run it belongs to has unwound.
import { agent, Termination } from '../realm/agent.js';
import { runScript, type PreparedScript } from '../interpreter/script.js';
import type { Realm } from '../realm/realm.js';
import { ERR_SCRIPT_EXECUTION_INTERRUPTED, ERR_SCRIPT_EXECUTION_TIMEOUT } from './errors.js';
import { decorateErrorStack } from './display-errors.js';

export function execute(prepared: PreparedScript, realm: Realm, timeout: number | undefined, displayErrors: boolean): unknown {
  try {
    return runScript(prepared, realm, timeout === undefined ? {} : { timeout });
  } catch (e) {
    // While an enclosing run is still terminating (its own deadline passed too), the Termination
    // keeps unwinding untouched so that no guest code in between can catch it (BRIEF decision 4).
    if (e instanceof Termination && agent.terminating !== e) {
      throw e.reason === 'timeout' ? ERR_SCRIPT_EXECUTION_TIMEOUT(e.timeout) : ERR_SCRIPT_EXECUTION_INTERRUPTED();
    }
    if (displayErrors) decorateErrorStack(e);
    throw e;
  }
}
