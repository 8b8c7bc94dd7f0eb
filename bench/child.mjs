// One measurement in a fresh process: `node bench/child.mjs <system> <workload> [--quick] [--work=<n>]`.
// Creates the system's context (untimed), then times the evaluation of the workload's scripts
// (parse + run, as a user of that system would experience it). Prints one JSON line:
// { ok: true, ms, output } or { ok: false, error, ms }.
import { performance } from 'node:perf_hooks';
import { WORKLOADS, workloadSources } from './workloads.mjs';

const [systemName, workloadName, ...flags] = process.argv.slice(2);
const quick = flags.includes('--quick');
// --work=<n> overrides the workload's size: for calibrating work sizes by hand, never used by run.mjs.
const workFlag = flags.find((f) => f.startsWith('--work='));
const workOverride = workFlag ? Number(workFlag.slice('--work='.length)) : undefined;

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  // A guest error from another realm (vmjs contexts) is not a host Error instance, but has the same shape.
  try {
    if (error !== null && typeof error === 'object' && typeof error.message === 'string') {
      return `${String(error.name)}: ${error.message}`;
    }
    return `thrown: ${String(error)}`;
  } catch {
    return 'thrown: (unprintable value)';
  }
}

/** @param {object} result */
function report(result) {
  process.stdout.write(`\n@@BENCH ${JSON.stringify(result)}\n`);
}

let start = 0;
try {
  const workload = WORKLOADS.find((w) => w.name === workloadName);
  if (!workload) throw new Error(`unknown workload ${workloadName}`);
  const scripts = workloadSources(workload, quick, workOverride);
  const system = await import(`./systems/${systemName}.mjs`);
  /** @type {string[]} */
  const output = [];
  const runner = await system.createRunner((line) => output.push(line));
  start = performance.now();
  for (const { filename, source } of scripts) runner.evaluate(filename, source);
  if (workload.settle) {
    if (typeof runner.settle !== 'function') throw new Error(`${systemName} has no way to run promise jobs here`);
    await runner.settle();
  }
  const ms = performance.now() - start;
  report({ ok: true, ms, output: output.join('\n') });
} catch (error) {
  report({ ok: false, error: describe(error), ms: start ? performance.now() - start : 0 });
}
