// Runs tests on worker threads, one test per worker at a time. The sandbox's last line: a worker
// that does not answer in time is terminated, one that crashes is replaced, and in both cases the
// test in flight fails with that reason while the run goes on.
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol.js';
import { failure, type TestResult } from './result.js';

export interface PoolOptions {
  size: number;
  workerUrl: URL;
  config: WorkerConfig;
  /** How long a worker may take for one test before it is declared hung. */
  hardTimeout: number;
  /** Replace a worker after this many tests, so one test's leaks cannot starve later ones. */
  recycleAfter: number;
  /** Heap limit per worker; a test that exhausts it crashes only its worker. */
  maxHeapMb: number;
  execArgv: string[];
}

export class FatalWorkerError extends Error {}

export function runPool(files: readonly string[], opts: PoolOptions, onResult: (r: TestResult) => void): Promise<void> {
  return new Promise<void>((resolveAll, rejectAll) => {
    let next = 0;
    let done = 0;
    let failed = false;
    // Workers that die before they are ready would otherwise be replaced forever.
    let startupFailures = 0;
    const total = files.length;
    if (total === 0) { resolveAll(); return; }

    const finish = (r: TestResult): void => {
      done++;
      onResult(r);
      if (done === total) resolveAll();
    };

    const slot = (): void => {
      if (failed || next >= total) return;
      const worker = new Worker(opts.workerUrl, {
        workerData: opts.config,
        execArgv: opts.execArgv,
        resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb },
        stdout: false,
        stderr: false,
      });
      let current: { id: number; file: string; timer: ReturnType<typeof setTimeout> } | null = null;
      let ran = 0;
      let gone = false;
      let ready = false;

      const dispatch = (): void => {
        if (failed) { retire(); return; }
        if (next >= total) { retire(); return; }
        if (ran >= opts.recycleAfter) { retire(); slot(); return; }
        const id = next++;
        const file = files[id];
        const timer = setTimeout(() => {
          if (current?.id !== id) return;
          current = null;
          retire();
          finish(failure(file, `hung: no answer within ${opts.hardTimeout} ms; its worker was terminated and replaced`, opts.hardTimeout));
          slot();
        }, opts.hardTimeout);
        current = { id, file, timer };
        ran++;
        worker.postMessage({ type: 'run', id, file } satisfies ToWorker);
      };

      const retire = (): void => {
        if (gone) return;
        gone = true;
        worker.removeAllListeners();
        worker.on('error', () => {});
        void worker.terminate();
      };

      const crashed = (why: string): void => {
        if (gone) return;
        const c = current;
        current = null;
        retire();
        if (c !== null) {
          clearTimeout(c.timer);
          finish(failure(c.file, `crashed: ${why}; its worker was replaced`, 0));
        }
        if (!ready && ++startupFailures >= 3) {
          failed = true;
          rejectAll(new FatalWorkerError(`test262 workers die while starting: ${why}`));
          return;
        }
        slot();
      };

      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') { ready = true; dispatch(); return; }
        if (m.type === 'fatal') {
          failed = true;
          retire();
          rejectAll(new FatalWorkerError(m.message));
          return;
        }
        if (current === null || m.id !== current.id) return;
        clearTimeout(current.timer);
        current = null;
        finish(m.result);
        dispatch();
      });
      worker.on('error', (e) => crashed(e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
      worker.on('exit', (code) => crashed(`worker exited with code ${code}`));
    };

    for (let i = 0; i < Math.min(opts.size, total); i++) slot();
  });
}
