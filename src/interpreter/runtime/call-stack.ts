// The guest call stack: the running frame and, through Frame.caller, the frames below it. Entering
// guest code (a call, script, eval or module code, a generator or async body resuming) pushes its frame
// and leaving restores the previous top, so an error made at any moment can read the stack it was made
// in (stack-trace.ts). Only guest frames are ever on it: the interpreter's own host frames and host
// builtins are not.
import type { Frame } from './frame.js';

/** The running guest frame; null when no guest code runs. */
export const callStack: { top: Frame | null } = { top: null };

/** Runs `body` with `f` on top of the guest call stack (off the hot path: script, eval, module code
 * and resumptions; invoke pushes inline). */
export function withFrame<T>(f: Frame, body: () => T): T {
  const cs = callStack;
  const caller = cs.top;
  f.caller = caller;
  cs.top = f;
  try {
    return body();
  } finally {
    cs.top = caller;
  }
}
