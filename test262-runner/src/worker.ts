// worker_threads entry: loads the engine once, then runs the tests the main thread sends, one at
// a time. A test that hangs this thread or crashes it is dealt with by the pool (pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadEngine } from './engine.js';
import { runTest } from './execute.js';
import { HarnessCache } from './harness.js';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol.js';

// This file is bundled to dist/esm/test262/worker.js; vmjs's public API is dist/esm/index.js.
const VMJS_INDEX_URL = new URL('../index.js', import.meta.url).href;
const VMJS_INTERNAL_URL = new URL('../internal.js', import.meta.url).href;
const AGENT_WORKER_URL = new URL('./agent-worker.js', import.meta.url);

async function start(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('test262 worker started outside a worker thread');
  const config = workerData as WorkerConfig;
  const send = (m: FromWorker): void => port.postMessage(m);
  // Guest code leaves rejected promises unhandled all the time; that is the test's business.
  process.on('unhandledRejection', () => {});
  let engine;
  try {
    if (config.generatorForm || config.regexpOwnMatcher || config.debugHooks || config.tier !== null) {
      // The same module graph as index.js (the ESM build shares chunks), so the switch reaches it.
      const internal = await import(VMJS_INTERNAL_URL) as {
        setGeneratorFormEverywhere(on: boolean): void;
        setRegExpOwnMatcherEverywhere(on: boolean): void;
        setDebugHooksEverywhere(on: boolean): void;
        setCompiledTier(mode: 'off' | 'on' | 'eager'): void;
      };
      if (config.generatorForm) internal.setGeneratorFormEverywhere(true);
      if (config.regexpOwnMatcher) internal.setRegExpOwnMatcherEverywhere(true);
      if (config.debugHooks) internal.setDebugHooksEverywhere(true);
      if (config.tier !== null) internal.setCompiledTier(config.tier);
    }
    engine = await loadEngine(config.engine, VMJS_INDEX_URL);
  } catch (e) {
    send({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  const opts = {
    engine,
    test262Dir: config.test262Dir,
    harness: new HarnessCache(engine, config.test262Dir),
    skip: { unsupported: new Map(config.unsupported), canBlock: config.canBlock },
    timeout: config.timeout,
    agentConfig: { workerUrl: AGENT_WORKER_URL, engine: config.engine, generatorForm: config.generatorForm, regexpOwnMatcher: config.regexpOwnMatcher, tier: config.tier },
  };
  port.on('message', (m: ToWorker) => {
    void runTest(opts, m.file).then((result) => send({ type: 'result', id: m.id, result }));
  });
  send({ type: 'ready' });
}

void start();
