// The agent: what all realms of one host thread share while guest code runs —
// the step budget that makes timeouts fire, the allocation budget that bounds
// what a run may allocate, the call depth that turns runaway recursion into a
// guest RangeError, and termination (BRIEF decisions 4, 5, 11).

/** Unwinds a terminated run. Never visible to guest code: guest `catch` and
 * `finally` rethrow it untouched. It is not an Error on purpose. */
export class Termination {
  constructor(
    readonly reason: 'timeout' | 'interrupt' | 'memory',
    /** The run's timeout in ms ('timeout'). */
    readonly timeout: number,
    /** The run's allocation budget in bytes ('memory'), with what the context retained when it began. */
    readonly memoryLimit = 0,
    /** Bytes the context retained when the run began, part of memoryLimit ('memory'; src/realm/retained-memory.ts). */
    readonly retained = 0,
  ) {}
}

/** Steps between two reads of the clock. */
const CLOCK_EVERY = 4096;

interface Budget { deadline: number; timeout: number; hostCode: boolean; allocLimit: number; memoryLimit: number; retained: number }

export class Agent {
  /** Counts down; at 0 the clock is read (tick). Hot: `if (--agent.steps <= 0) agent.tick()`. Zero
   * while host code runs (see hostCode), so that the first guest step after it ticks. */
  steps = 0;
  /** Guest call depth across all realms. */
  depth = 0;
  /** Holds the running guest frame (the interpreter's call stack, src/interpreter/runtime/call-stack.ts).
   * A box of its own, replaced at every tick, rather than a field of the agent: the agent lives in V8's
   * old generation, and each call storing its young frame there paid a write barrier; a box a few
   * thousand steps old is young, so the store is a plain one. */
  stack: { top: object | null } = { top: null };
  /** The running guest frame (see `stack`). */
  get top(): object | null { return this.stack.top; }
  set top(f: object | null) { this.stack.top = f; }
  /** Guest calls deeper than this throw the realm's RangeError. */
  maxDepth = 1600;
  /** maxDepth between runs; within a run it only goes down, where the host stack ran out (invoke). */
  configuredMaxDepth = 1600;
  /** Set once a run is terminated: every later step rethrows it until the run unwinds. */
  terminating: Termination | null = null;
  private budgets: Budget[] = [];
  private deadline = Infinity;
  private timeout = 0;
  /** Bytes of guest allocations counted since the agent began (never reset; a run's budget is a
   * window on it). Creation sites of the evaluator add to it without a check (`agent.allocated += n`:
   * what one step can allocate there is bounded by the program's text), and tick() checks it; sites
   * whose size the guest chooses (builtins: repeat, new Array(n), typed arrays, spreads, joins…)
   * call charge() before they allocate. */
  allocated = 0;
  /** Bytes charge() refused (counted in `allocated`, which says whose budget a termination spent, but
   * never allocated): the retained-memory bound leaves them out (src/realm/retained-memory.ts). */
  refused = 0;
  /** `allocated` past which the innermost run's allocation budget is spent (Infinity: no budget). */
  allocLimit = Infinity;
  /** The size of that budget in bytes, for the error (with what the context retained when it began). */
  private memoryLimit = 0;
  private retained = 0;
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
    if (this.allocated > this.allocLimit) this.terminate(new Termination('memory', 0, this.memoryLimit, this.retained));
    if (this.deadline !== Infinity && Date.now() >= this.deadline) {
      this.terminate(new Termination('timeout', this.timeout));
    }
    // Reset last: if the host stack overflowed reading the clock, the next step tries again. While host
    // code runs (a realm builtin the host called, ticking in its loop), the count stays at zero, so
    // that the next call of a guest function still finds out that host code calls it.
    if (this.hostCode) return true;
    // A new box, young again (see `stack`); not while host code ticks at every step.
    this.stack = { top: this.stack.top };
    this.steps = CLOCK_EVERY;
    return false;
  }

  /** Milliseconds until the innermost run's deadline (Infinity without one): a host block (Atomics.wait)
   * is clamped to it, so a timeout still ends the run. */
  msUntilDeadline(): number {
    return this.deadline === Infinity ? Infinity : this.deadline - Date.now();
  }

  /** Counts `bytes` the guest is about to allocate; terminates the run first if they do not fit in
   * its allocation budget, so that the host never makes an allocation past the budget. */
  charge(bytes: number): void {
    if ((this.allocated += bytes) > this.allocLimit) { this.refused += bytes; this.overBudget(); }
  }

  /** Whether `bytes` more would still fit in the run's allocation budget (for a builtin that must
   * not allocate at all past it but charges as it goes). */
  fits(bytes: number): boolean {
    return this.allocated + bytes <= this.allocLimit;
  }

  private overBudget(): never {
    if (this.terminating !== null) throw this.terminating;
    return this.terminate(new Termination('memory', 0, this.memoryLimit, this.retained));
  }

  private terminate(t: Termination): never {
    this.terminating = t;
    this.steps = 1;
    throw t;
  }

  /** Whether a run is active (entered and not yet left): host code called from guest code runs inside
   * it; host code outside every run starts guest code under the context's own budget (host-entry.ts). */
  get inRun(): boolean {
    return this.budgets.length > 0;
  }

  /** Enter a run with an optional timeout (ms) and allocation budget (bytes; `retained`: what the
   * context retains, reported with the budget as its limit). Nested runs keep the tighter deadline and
   * the tighter budget (an inner run's allocations count in the outer's too). */
  enterRun(timeout: number | undefined, memoryLimit?: number, retained = 0): void {
    this.budgets.push({
      deadline: this.deadline, timeout: this.timeout, hostCode: this.leaveHostCode(),
      allocLimit: this.allocLimit, memoryLimit: this.memoryLimit, retained: this.retained,
    });
    if (timeout !== undefined && timeout > 0 && timeout !== Infinity) {
      const d = Date.now() + timeout;
      if (d < this.deadline) { this.deadline = d; this.timeout = timeout; }
    }
    if (memoryLimit !== undefined && memoryLimit !== Infinity) {
      const l = this.allocated + memoryLimit;
      if (l < this.allocLimit) { this.allocLimit = l; this.memoryLimit = memoryLimit + retained; this.retained = retained; }
    }
  }

  /** Leave a run; returns the termination that ended it, if one did and it belongs to this run. */
  exitRun(): Termination | null {
    const b = this.budgets.pop()!;
    if (this.budgets.length === 0) this.maxDepth = this.configuredMaxDepth;
    this.deadline = b.deadline;
    this.timeout = b.timeout;
    this.allocLimit = b.allocLimit;
    this.memoryLimit = b.memoryLimit;
    this.retained = b.retained;
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

  /** An inner run's timeout (or spent budget) belongs to the inner run unless an outer deadline has
   * also passed (or the outer budget is spent too). */
  private outerOwns(t: Termination): boolean {
    if (t.reason === 'interrupt') return true;
    if (this.allocated > this.allocLimit) return true;
    return this.deadline !== Infinity && Date.now() >= this.deadline;
  }
}

/** One agent per host thread (ECMA-262 §9.7 Agents). */
export const agent = new Agent();
