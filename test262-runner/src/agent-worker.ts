// worker_threads entry of one concurrent agent (agents.ts): a fresh context of the engine, with
// [[CanBlock]] true (this thread may block: Atomics.wait is the host's, on the shared memory), whose
// $262.agent is receiveBroadcast, report, sleep, leaving and monotonicNow (INTERPRETING.md). The
// agent's script runs under the scenario's timeout; the broadcast callback runs until the test's
// thread terminates this one.
import { parentPort, workerData } from 'node:worker_threads';
import { loadEngine } from './engine.js';
import { RECEIVED, STARTED, type AgentWorkerData } from './agents.js';

const VMJS_INDEX_URL = new URL('../index.js', import.meta.url).href;
const VMJS_INTERNAL_URL = new URL('../internal.js', import.meta.url).href;

// Guest code: $262.agent is the context's own object with its own functions; the host hooks are
// reached only through the closure. `dispatch` is what a broadcast calls.
const PRELUDE = `(function (g) {
  return function install(host) {
    'use strict';
    var StringCtor = g.String, defineProperty = g.Object.defineProperty;
    var callback = null;
    var agent = {
      receiveBroadcast: function receiveBroadcast(cb) { callback = cb; host.listen(); },
      report: function report(value) { host.report(StringCtor(value)); },
      sleep: function sleep(ms) { host.sleep(+ms); },
      leaving: function leaving() {},
      monotonicNow: function monotonicNow() { return host.monotonicNow(); }
    };
    defineProperty(g, '$262', { value: { global: g, agent: agent }, writable: true, enumerable: false, configurable: true });
    return function dispatch(buffer, value) { if (callback !== null) callback(buffer, value); };
  };
})(this)`;

interface Broadcast { buffer: unknown; value: unknown }

async function start(): Promise<void> {
  const data = workerData as AgentWorkerData;
  const control = new Int32Array(data.control);
  const port = parentPort!;
  process.on('unhandledRejection', () => {});
  let signalled = false;
  const started = (): void => {
    if (signalled) return;
    signalled = true;
    Atomics.add(control, STARTED, 1);
    Atomics.notify(control, STARTED);
  };
  try {
    if (data.generatorForm || data.regexpOwnMatcher || data.tier !== null) {
      const internal = await import(VMJS_INTERNAL_URL) as { setGeneratorFormEverywhere(on: boolean): void; setRegExpOwnMatcherEverywhere(on: boolean): void; setCompiledTier(mode: 'off' | 'on' | 'eager'): void };
      if (data.generatorForm) internal.setGeneratorFormEverywhere(true);
      if (data.regexpOwnMatcher) internal.setRegExpOwnMatcherEverywhere(true);
      if (data.tier !== null) internal.setCompiledTier(data.tier);
    }
    const { vm } = await loadEngine(data.engine, VMJS_INDEX_URL);
    const context = vm.createContext(undefined, { canBlock: true });
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    // A broadcast buffer arrives with the host's prototype; the agent's code gets it as its realm's.
    const sharedArrayBufferPrototype = new vm.Script('SharedArrayBuffer.prototype').runInContext(context) as object;
    let listening = false;
    const hooks = {
      listen: (): void => { listening = true; },
      report: (message: string): void => { data.reports.postMessage(message); },
      sleep: (ms: number): void => { Atomics.wait(sleeper, 0, 0, ms); },
      monotonicNow: (): number => performance.now(),
    };
    const install = new vm.Script(PRELUDE, { filename: 'test262-runner/agent-prelude.js' }).runInContext(context) as (h: typeof hooks) => unknown;
    const dispatch = Reflect.apply(install, undefined, [hooks]) as (buffer: unknown, value: unknown) => void;
    port.on('message', (m: Broadcast) => {
      if (m.buffer instanceof SharedArrayBuffer) Object.setPrototypeOf(m.buffer, sharedArrayBufferPrototype);
      Atomics.add(control, RECEIVED, 1);
      Atomics.notify(control, RECEIVED);
      if (!listening) return;
      try {
        dispatch(m.buffer, m.value);
      } catch {
        // An agent whose callback throws reports nothing more; the test fails waiting for it.
      }
    });
    try {
      new vm.Script(data.source, { filename: 'agent.js' }).runInContext(context, { timeout: data.timeout });
    } finally {
      started();
    }
  } catch {
    // The agent failed before running its script (or its script threw): it reports nothing, and the
    // test's thread must not wait for it to start.
    started();
  }
}

void start();
