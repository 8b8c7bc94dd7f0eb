// Where the compiled tier hooks in: compileFunction (function-template.ts) hands
// each synchronous body's closure-tier `run` here. An eligible body runs in
// closures for its first HOT_CALLS calls (none with the eager switch, or when it
// has a loop of its own), is then
// compiled to host code once, and its template's compiled body is replaced by one
// whose `run` is the host function, and its direct entry (or list entry) is set on
// the template for invoke and the tier's call sites. A body the tier cannot take
// keeps its closures for good.
import type { FunctionTemplate, CompiledBody } from '../compile/function-template.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame, Signal } from '../runtime/frame.js';
import { tierOptions, HOT_CALLS } from './tier-options.js';
import { hostCanGenerateCode } from './host-codegen.js';
import { templateEligible, hasLoop, Unsupported } from './eligibility.js';
import { compileToHost, type HostBody, type SyncRun } from './compile-to-host.js';

/** How many bodies the tier compiled (and gave a direct entry) and declined since startup (for vmjs's
 * tests and tools). */
export const tierStats: { compiled: number; entries: number; declined: number; sources: string[] | null } = { compiled: 0, entries: 0, declined: 0, sources: null };

/** The `run` compileFunction installs for a synchronous body: `closureRun`, or a counting trampoline to
 * the compiled tier when the tier is on and the body may be compiled. */
export function tieredRun(t: FunctionTemplate, c: CompileContext, closureRun: SyncRun): SyncRun {
  const mode = tierOptions.mode;
  if (mode === 'off' || !hostCanGenerateCode || c.suspends !== null) return closureRun;
  const scope = c.scope;
  if (!templateEligible(t, scope)) return closureRun;
  // A body with a loop compiles at its first call: one call may be all the loop gets (no on-stack
  // replacement: a running closure-tier activation stays in closures).
  const loops = hasLoop(t.node.body);
  const threshold = mode === 'eager' || loops ? 0 : HOT_CALLS;
  let calls = 0;
  const counting = (f: Frame): Signal => {
    if (++calls <= threshold) return closureRun(f);
    const { run, entry, listEntry } = compileOrKeep(t, c, closureRun, loops);
    const body = t.compiled as CompiledBody;
    // With a direct entry, invoke hands every later call to it: the body's run is asked for only by
    // this activation (its frame made by invoke), which, without a loop, finishes in closures.
    t.compiled = { scope: body.scope, instantiate: body.instantiate, run: run ?? closureRun };
    t.directEntry = entry;
    t.listEntry = listEntry;
    return (run ?? closureRun)(f);
  };
  return counting;
}

function compileOrKeep(t: FunctionTemplate, c: CompileContext, closureRun: SyncRun, loops: boolean): HostBody {
  try {
    const body = compileToHost(t, c, c.scope, loops, tierStats.sources);
    tierStats.compiled++;
    if (body.entry !== null || body.listEntry !== null) tierStats.entries++;
    return body;
  } catch (e) {
    if (e instanceof Unsupported) { tierStats.declined++; return { run: closureRun, entry: null, listEntry: null }; }
    throw e;
  }
}
