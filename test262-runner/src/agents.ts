// $262.agent for the test's own agent (INTERPRETING.md "Host-Defined Functions"): concurrent agents
// are worker threads (agent-worker.ts), each running the agent script in a fresh context of the same
// engine, with [[CanBlock]] true. The test's thread talks to them without ever spinning its event loop
// (the test's code is synchronous): a broadcast is a postMessage followed by a host Atomics.wait on a
// control SharedArrayBuffer that each agent bumps when it has taken the message; reports come back on
// one MessagePort per agent, read with receiveMessageOnPort; start waits the same way for the agent
// to have run its script. Every wait is bounded by the scenario's deadline, and dispose() terminates
// the agents (a blocked or looping agent included) when the scenario ends.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { EngineName } from './engine.js';

/** Indices in the control Int32Array. */
export const STARTED = 0;
export const RECEIVED = 1;

/** What agent-worker.ts receives as workerData. */
export interface AgentWorkerData {
  engine: EngineName;
  source: string;
  control: SharedArrayBuffer;
  reports: MessagePort;
  timeout: number;
  generatorForm: boolean;
  regexpOwnMatcher: boolean;
  tier: 'off' | 'on' | 'eager' | null;
}

export interface AgentConfig {
  /** dist/esm/test262/agent-worker.js (computed by the worker entry: this file may land in a shared chunk). */
  workerUrl: URL;
  engine: EngineName;
  generatorForm: boolean;
  regexpOwnMatcher: boolean;
  tier: 'off' | 'on' | 'eager' | null;
}

export class AgentHost {
  private readonly control = new Int32Array(new SharedArrayBuffer(8));
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private nextPort = 0;
  private readonly end: number;

  constructor(private readonly config: AgentConfig, private readonly timeout: number) {
    this.end = Date.now() + timeout;
  }

  /** $262.agent.start: runs `source` in a new agent; returns once the agent has run it. */
  start(source: string): void {
    const { port1, port2 } = new MessageChannel();
    const { workerUrl, engine, generatorForm, regexpOwnMatcher, tier } = this.config;
    const data: AgentWorkerData = { engine, generatorForm, regexpOwnMatcher, tier, source, control: this.control.buffer as SharedArrayBuffer, reports: port2, timeout: this.timeout };
    const worker = new Worker(workerUrl, { workerData: data, transferList: [port2] });
    worker.on('error', () => {}); // a failing agent fails its test through the reports it never sends
    worker.unref();
    this.workers.push(worker);
    this.ports.push(port1);
    this.waitFor(STARTED, this.workers.length, 'an agent to start');
  }

  /** $262.agent.broadcast: every agent gets (buffer, value); returns once all have taken it. */
  broadcast(buffer: unknown, value: unknown): void {
    const target = Atomics.load(this.control, RECEIVED) + this.workers.length;
    for (const w of this.workers) w.postMessage({ buffer, value });
    this.waitFor(RECEIVED, target, 'the agents to receive a broadcast');
  }

  /** $262.agent.getReport: the next report of any agent, or null. */
  getReport(): string | null {
    for (let n = 0; n < this.ports.length; n++) {
      const port = this.ports[(this.nextPort + n) % this.ports.length];
      const m = receiveMessageOnPort(port);
      if (m !== undefined) {
        this.nextPort = (this.nextPort + n + 1) % this.ports.length;
        return String(m.message);
      }
    }
    return null;
  }

  /** $262.agent.sleep: blocks this thread (a test worker, which may block). */
  sleep(ms: number): void {
    const left = this.end - Date.now();
    Atomics.wait(this.sleeper, 0, 0, Math.max(0, Math.min(ms, left)));
  }

  /** Ends every agent of the scenario. */
  dispose(): void {
    for (const w of this.workers) void w.terminate();
    for (const p of this.ports) p.close();
    this.workers.length = 0;
    this.ports.length = 0;
  }

  private waitFor(index: number, target: number, what: string): void {
    for (;;) {
      const seen = Atomics.load(this.control, index);
      if (seen >= target) return;
      const left = this.end - Date.now();
      if (left <= 0) throw new Error(`$262.agent: timed out waiting for ${what}`);
      Atomics.wait(this.control, index, seen, left);
    }
  }
}

/** $262.agent.monotonicNow. */
export function monotonicNow(): number {
  return performance.now();
}
