// The guest call stack: the running frame and, through Frame.caller, the frames below it, so that an
// error made at any moment can read the stack it was made in (stack-trace.ts). Only guest frames are
// ever on it: the interpreter's own host frames and host builtins are not.
//
// Entering guest code (a call, script, eval or module code, a generator or async body resuming)
// pushes its frame: agent.top. Leaving does not write anything back: every frame records the call
// depth it runs at (agent.depth, which leaving restores anyway), and a frame deeper than the current
// depth has returned, so the running frame is agent.top walked down past those. Storing the frame in
// the agent (an old object) costs V8 a write barrier, once per call instead of twice (a restore in
// invoke's `finally`); that store is most of what the call stack costs (ARCHITECTURE.md, Error stacks).
import type { Frame } from './frame.js';
import { agent } from '../../realm/agent.js';

/** The running guest frame; null when no guest code runs. */
export function currentFrame(): Frame | null {
  const d = agent.depth;
  let t = agent.top as Frame | null;
  while (t !== null && t.depth > d) t = t.caller;
  return t;
}

/** Pushes `f` at the current depth (its caller is the running frame below it): generator and async
 * bodies resuming, whose driver counted the level. An async body's first step runs inside its call,
 * where `f` is already on top. */
export function pushFrame(f: Frame): void {
  const d = agent.depth;
  let c = agent.top as Frame | null;
  if (c === f && f.depth === d) return;
  // Skipping `f` itself: an async generator's queue can resume its body again from inside a step.
  while (c !== null && (c.depth >= d || c === f)) c = c.caller;
  f.caller = c;
  f.depth = d;
  agent.top = f;
}

/** Enters script, eval or module code in `f`: one level deeper, like a call. Returns the depth to
 * restore when it ends. */
export function enterFrame(f: Frame): number {
  const saved = agent.depth;
  agent.depth = saved + 1;
  pushFrame(f);
  return saved;
}
