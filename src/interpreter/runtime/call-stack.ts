// The guest call stack: the running frame and, through Frame.caller, the frames below it. Entering
// guest code (a call, script, eval or module code, a generator or async body resuming) pushes its
// frame and leaving restores the previous top (each site inline, in a finally), so an error made at
// any moment can read the stack it was made in (stack-trace.ts). Only guest frames are ever on it:
// the interpreter's own host frames and host builtins are not.
import type { Frame } from './frame.js';
import { agent } from '../../realm/agent.js';

/** The running guest frame (agent.top); null when no guest code runs. */
export const callStack = agent as unknown as { top: Frame | null };
