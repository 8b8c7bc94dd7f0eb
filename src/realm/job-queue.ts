// The job queue the interpreter owns (BRIEF decision 7): guest promise jobs (ECMA-262 §9.5 Jobs and
// Host Operations to Enqueue Jobs) wait here, not in the host's microtask queue, so that
// `microtaskMode: 'afterEvaluate'`, the debugger and test262's async tests can decide when they run.
//
// By default every realm shares one agent-wide queue: guest jobs of all contexts run in one FIFO
// order, as V8 runs one microtask queue per isolate. That queue drains at the host's microtask
// checkpoint (one host microtask per batch), so guest and host promises interleave as they do in node.
import type { Realm } from './realm.js';
import { agent, Termination } from './agent.js';
import { GlobalQueueMicrotask, HostPromise, PromisePrototypeThen, ReflectApply } from './primordials.js';

/** A Job Abstract Closure (§9.5) with the realm it runs for (null where the spec has none). */
export interface Job {
  readonly run: () => void;
  readonly realm: Realm | null;
}

export type ScheduleDrain = (drain: () => void) => void;

export class JobQueue {
  private jobs: Job[] = [];
  private head = 0;
  private draining = false;
  /** How the queue gets drained when it goes from empty to non-empty; null: only by an explicit drainJobs. */
  readonly schedule: ScheduleDrain | null;

  constructor(schedule: ScheduleDrain | null = null) {
    this.schedule = schedule;
  }

  get size(): number {
    return this.jobs.length - this.head;
  }

  enqueue(job: Job): void {
    const wasEmpty = this.size === 0;
    this.jobs.push(job);
    // A drain in progress picks the job up itself (jobs enqueued while draining run in the same drain).
    if (wasEmpty && !this.draining && this.schedule !== null) this.schedule(() => drainJobs(this));
  }

  /** The next job, FIFO; undefined when empty. */
  take(): Job | undefined {
    if (this.head >= this.jobs.length) return undefined;
    const job = this.jobs[this.head];
    this.jobs[this.head++] = undefined as unknown as Job;
    // Compact now and then so that a long-lived queue does not keep every job it ever ran.
    if (this.head >= 1024 && this.head * 2 >= this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.head = 0;
    }
    return job;
  }

  /** Marks the queue as being drained (nested drains are no-ops); returns false if one already is. */
  beginDrain(): boolean {
    if (this.draining) return false;
    this.draining = true;
    return true;
  }

  endDrain(): void {
    this.draining = false;
    if (this.head === this.jobs.length) { this.jobs = []; this.head = 0; }
  }
}

/** The host's microtask scheduler: guest jobs run at the host's checkpoint. queueMicrotask is not
 * ECMAScript (it is a web/node API); where it is missing a host promise reaction does the same. */
const hostQueueMicrotask: ScheduleDrain = (() => {
  const qm = GlobalQueueMicrotask;
  if (typeof qm === 'function') return (drain: () => void) => ReflectApply(qm, undefined, [drain]);
  const resolved = new HostPromise<void>((r) => r());
  return (drain: () => void) => { ReflectApply(PromisePrototypeThen, resolved, [drain]); };
})();

/** The agent-wide queue every realm uses unless given its own (afterEvaluate contexts). */
export const agentJobQueue = new JobQueue(hostQueueMicrotask);

/** HostEnqueuePromiseJob (§9.5.5, sec-hostenqueuepromisejob): onto the queue of the job's realm; a job
 * with no realm of ours (a host function's reaction) goes to the agent's queue, as V8 queues a
 * reaction in the microtask queue of its handler's context. */
export function HostEnqueuePromiseJob(job: () => void, realm: Realm | null): void {
  (realm === null ? agentJobQueue : realm.jobQueue).enqueue({ run: job, realm });
}

/** Runs the queue's jobs FIFO until it is empty, including jobs enqueued meanwhile. Each job is a run
 * of its own for the agent, so a Termination in one (an interrupt) ends that job only and leaves the
 * agent clean; inside an enclosing run (afterEvaluate) the enclosing deadline still applies, and a
 * Termination that belongs to it stops the drain and unwinds to it. */
export function drainJobs(queue: JobQueue): void {
  if (!queue.beginDrain()) return;
  try {
    for (let job = queue.take(); job !== undefined; job = queue.take()) {
      agent.enterRun(undefined);
      const depth = agent.depth;
      try {
        job.run();
      } catch (e) {
        // Reaction and thenable jobs catch guest exceptions themselves (§27.2.2.1, §27.2.2.2), so only
        // a Termination or a vmjs bug gets here. It must never become an uncaught host exception that
        // crashes the embedder; it is dropped. (Reporting unhandled rejections is a later step.)
        agent.depth = depth;
        const t = agent.exitRun();
        if (t !== null && agent.terminating === t) throw t;
        if (e instanceof Termination && agent.terminating === e) throw e;
        continue;
      }
      const t = agent.exitRun();
      if (t !== null && agent.terminating === t) throw t;
    }
  } finally {
    queue.endDrain();
  }
}
