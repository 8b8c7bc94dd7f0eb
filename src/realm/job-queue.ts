// The job queue the interpreter owns (BRIEF decision 7): guest promise jobs (ECMA-262 §9.5 Jobs and
// Host Operations to Enqueue Jobs) wait here, not in the host's microtask queue, so that
// `microtaskMode: 'afterEvaluate'`, the debugger and test262's async tests can decide when they run.
//
// By default every realm shares one agent-wide queue: guest jobs of all contexts run in one FIFO
// order, as V8 runs one microtask queue per isolate. Each guest job enqueued there also queues one host
// microtask that runs the oldest guest job, so guest and host jobs take turns exactly as they do in
// node's single queue (running a batch per host microtask let a guest chain overtake host jobs queued
// before its later links).
import type { Realm } from './realm.js';
import { agent, Termination } from './agent.js';
import { runBudget } from './retained-memory.js';
import { GlobalQueueMicrotask, HostPromise, PromisePrototypeThen, ReflectApply } from './primordials.js';

/** A Job Abstract Closure (§9.5) with the realm it runs for (null where the spec has none). */
export interface Job {
  readonly run: () => void;
  readonly realm: Realm | null;
}

export type ScheduleJob = (runOne: () => void) => void;

export class JobQueue {
  private jobs: Job[] = [];
  private head = 0;
  private draining = false;
  /** How the host is asked to run one job, once per job enqueued; null: only an explicit drainJobs runs them. */
  readonly schedule: ScheduleJob | null;
  private readonly runOne: () => void;

  constructor(schedule: ScheduleJob | null = null) {
    this.schedule = schedule;
    this.runOne = () => runOneJob(this);
  }

  get size(): number {
    return this.jobs.length - this.head;
  }

  enqueue(job: Job): void {
    this.jobs.push(job);
    // An explicit drain in progress takes the job itself; the host microtask then finds it gone.
    if (this.schedule !== null) this.schedule(this.runOne);
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
const hostQueueMicrotask: ScheduleJob = (() => {
  const qm = GlobalQueueMicrotask;
  if (typeof qm === 'function') return (runOne: () => void) => ReflectApply(qm, undefined, [runOne]);
  const resolved = new HostPromise<void>((r) => r());
  return (runOne: () => void) => { ReflectApply(PromisePrototypeThen, resolved, [runOne]); };
})();

/** The agent-wide queue every realm uses unless given its own (afterEvaluate contexts). */
export const agentJobQueue = new JobQueue(hostQueueMicrotask);

/** HostEnqueuePromiseJob (§9.5.5, sec-hostenqueuepromisejob): onto the queue of the job's realm; a job
 * with no realm of ours (a host function's reaction) goes to the agent's queue, as V8 queues a
 * reaction in the microtask queue of its handler's context. */
export function HostEnqueuePromiseJob(job: () => void, realm: Realm | null): void {
  (realm === null ? agentJobQueue : realm.jobQueue).enqueue({ run: job, realm });
}

/** Runs the queue's jobs FIFO until it is empty, including jobs enqueued meanwhile (afterEvaluate
 * contexts, at the end of a run). Inside the enclosing run the enclosing deadline still applies, and
 * a Termination that belongs to it stops the drain and unwinds to it. */
export function drainJobs(queue: JobQueue): void {
  if (!queue.beginDrain()) return;
  try {
    for (let job = queue.take(); job !== undefined; job = queue.take()) runJob(job);
  } finally {
    queue.endDrain();
  }
}

/** One host microtask of the default mode: the oldest guest job, if a drain has not taken it. A
 * Termination with no enclosing run to unwind to has ended that job; nothing reaches the host. */
function runOneJob(queue: JobQueue): void {
  const job = queue.take();
  if (job === undefined) return;
  try {
    runJob(job);
  } catch (e) {
    if (!(e instanceof Termination)) throw e;
  }
}

/** Runs a job as a run of its own for the agent, so a Termination in it (an interrupt) ends that job
 * only and leaves the agent clean. */
function runJob(job: Job): void {
  // Inside a run (an afterEvaluate drain) the run's deadline applies and each job gets the context's
  // limit again, within the run's; outside every run (the host's checkpoint) a job runs under the
  // context's own timeout and its limit less what it retains (host-entry.ts, retained-memory.ts).
  const realm = job.realm;
  if (realm === null) agent.enterRun(undefined);
  else if (agent.inRun) agent.enterRun(undefined, realm.memoryLimit);
  else { const [budget, retained] = runBudget(realm, undefined); agent.enterRun(realm.entryTimeout, budget, retained); }
  const depth = agent.depth;
  // A job starts on an empty guest stack: frames left from earlier code are not its callers.
  const top = agent.top;
  agent.top = null;
  try {
    job.run();
  } catch (e) {
    // Reaction and thenable jobs catch guest exceptions themselves (§27.2.2.1, §27.2.2.2), so only
    // a Termination or a vmjs bug gets here. It must never become an uncaught host exception that
    // crashes the embedder; it is dropped.
    agent.depth = depth;
    agent.top = top;
    const t = agent.exitRun();
    if (t !== null && agent.terminating === t) throw t;
    if (e instanceof Termination && agent.terminating === e) throw e;
    return;
  }
  agent.top = top;
  const t = agent.exitRun();
  if (t !== null && agent.terminating === t) throw t;
}
