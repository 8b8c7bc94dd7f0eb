// The agent: what all realms of one host thread share while guest code runs —
// the step budget that makes timeouts fire, the call depth that turns runaway
// recursion into a guest RangeError, and termination (BRIEF decisions 4, 5).

/** Unwinds a terminated run. Never visible to guest code: guest `catch` and
 * `finally` rethrow it untouched. It is not an Error on purpose. */
export class Termination {
  constructor(readonly reason: 'timeout' | 'interrupt', readonly timeout: number) {}
}

/** Steps between two reads of the clock. */
const CLOCK_EVERY = 4096;

interface Budget { deadline: number; timeout: number; hostCode: boolean }

export class Agent {
  /** Counts down; at 0 the clock is read (tick). Hot: `if (--agent.steps <= 0) agent.tick()`. Zero
   * while host code runs (see hostCode), so that the first guest step after it ticks. */
  steps = 0;
  /** Guest call depth across all realms. */
  depth = 0;
  /** Guest calls deeper than this throw the realm's RangeError. */
  maxDepth = 1600;
  /** maxDepth between runs; within a run it only goes down, where the host stack ran out (invoke). */
  configuredMaxDepth = 1600;
  /** Set once a run is terminated: every later step rethrows it until the run unwinds. */
  terminating: Termination | null = null;
  private budgets: Budget[] = [];
  private deadline = Infinity;
  private timeout = 0;
  /** Embedders (the debugger, breakOnSigint) may ask for a stop at the next step. */
  interruptRequested = false;
  /** Whether the code running now is the embedder's (outside any run, or inside a host function the
   * guest called through the membrane): a guest function it calls gets its arguments through the
   * membrane (src/realm/membrane.ts). Runs and the membrane's traps set and restore it, always through
   * enterHostCode/leaveHostCode. So that the evaluator's hot path pays nothing for it, entering host
   * code zeroes the step count: the first guest step after that, which is the call of the guest
   * function, goes to tick(), whose result tells invoke to bring the arguments in. */
  hostCode = true;

  enterHostCode(): void {
    this.hostCode = true;
    this.steps = 0;
  }

  /** Returns whether host code was running (for the caller to restore it). */
  leaveHostCode(): boolean {
    const was = this.hostCode;
    this.hostCode = false;
    return was;
  }

  /** Reads the clock (and throws a pending Termination); returns whether host code is running. */
  tick(): boolean {
    if (this.terminating !== null) { this.steps = 1; throw this.terminating; }
    if (this.interruptRequested) {
      this.interruptRequested = false;
      this.terminate(new Termination('interrupt', 0));
    }
    if (this.deadline !== Infinity && Date.now() >= this.deadline) {
      this.terminate(new Termination('timeout', this.timeout));
    }
    // Reset last: if the host stack overflowed reading the clock, the next step tries again.
    this.steps = CLOCK_EVERY;
    return this.hostCode;
  }

  /** Milliseconds until the innermost run's deadline (Infinity without one): a host block (Atomics.wait)
   * is clamped to it, so a timeout still ends the run. */
  msUntilDeadline(): number {
    return this.deadline === Infinity ? Infinity : this.deadline - Date.now();
  }

  private terminate(t: Termination): never {
    this.terminating = t;
    this.steps = 1;
    throw t;
  }

  /** Enter a run with an optional timeout (ms). Nested runs keep the tighter deadline. */
  enterRun(timeout: number | undefined): void {
    this.budgets.push({ deadline: this.deadline, timeout: this.timeout, hostCode: this.leaveHostCode() });
    if (timeout !== undefined && timeout > 0 && timeout !== Infinity) {
      const d = Date.now() + timeout;
      if (d < this.deadline) { this.deadline = d; this.timeout = timeout; }
    }
  }

  /** Leave a run; returns the termination that ended it, if one did and it belongs to this run. */
  exitRun(): Termination | null {
    const b = this.budgets.pop()!;
    if (this.budgets.length === 0) this.maxDepth = this.configuredMaxDepth;
    this.deadline = b.deadline;
    this.timeout = b.timeout;
    const t = this.terminating;
    if (t !== null) {
      if (this.budgets.length === 0 || !this.outerOwns(t)) {
        this.terminating = null;
        this.steps = CLOCK_EVERY;
      }
    }
    if (b.hostCode) this.enterHostCode();
    return t;
  }

  /** An inner run's timeout belongs to the inner run unless an outer deadline has also passed. */
  private outerOwns(t: Termination): boolean {
    if (t.reason === 'interrupt') return true;
    return this.deadline !== Infinity && Date.now() >= this.deadline;
  }
}

/** One agent per host thread (ECMA-262 §9.7 Agents). */
export const agent = new Agent();
