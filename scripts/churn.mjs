// `node --expose-gc scripts/churn.mjs [--contexts N] [--async M]`: load checks for the sandbox.
// 1. N contexts (default 10,000) created, used (a script, a closure, a promise job) and dropped: the
//    heap after a full GC must stay flat (within 10 MB of the heap after the first 500).
// 2. M contexts (default 1,000) running interleaved async work at once: each one's result must be
//    its own (no cross-talk through shared state, the job queue or the membrane).
// Exit code 1 if either fails. Needs the build (dist/).
import * as vm from '../dist/esm/index.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : fallback; };
const N = opt('--contexts', 10_000);
const M = opt('--async', 1_000);
if (typeof globalThis.gc !== 'function') { console.error('run with node --expose-gc'); process.exit(2); }
const heapMB = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed / 2 ** 20; };

let failed = false;
const script = new vm.Script('var counter = 0; function bump() { return ++counter; } bump(); Promise.resolve(seed).then((v) => { counter += v; }); [seed, bump()]');
let baseline = 0;
const t0 = Date.now();
for (let i = 0; i < N; i++) {
  const ctx = vm.createContext({ seed: i, log: console.log });
  const [seed, two] = script.runInContext(ctx);
  if (seed !== i || two !== 2) { console.error(`context ${i}: got ${seed}, ${two}`); failed = true; break; }
  if (i % 100 === 99) await new Promise((r) => setImmediate(r)); // let the jobs run
  if (i === 499) baseline = heapMB();
}
await new Promise((r) => setTimeout(r, 10));
const after = heapMB();
console.log(`churn: ${N} contexts in ${Date.now() - t0} ms; heap after 500: ${baseline.toFixed(1)} MB, after ${N}: ${after.toFixed(1)} MB`);
if (after - baseline > 10) { console.error(`churn: the heap grew by ${(after - baseline).toFixed(1)} MB`); failed = true; }

const contexts = Array.from({ length: M }, (_, i) => vm.createContext({ id: i }));
const results = await Promise.all(contexts.map((ctx) => vm.runInContext(`
  (async () => {
    let acc = [];
    for (let k = 0; k < 5; k++) { await null; acc.push(id * 10 + k); globalThis.last = id; }
    await Promise.all([1, 2].map(async (x) => x));
    return { id, acc, last: globalThis.last };
  })()`, ctx)));
let crossTalk = 0;
results.forEach((r, i) => {
  if (r.id !== i || r.last !== i || r.acc.join() !== [0, 1, 2, 3, 4].map((k) => i * 10 + k).join()) crossTalk++;
});
console.log(`interleaved: ${M} contexts running async work together, ${crossTalk} with another's state`);
if (crossTalk > 0) failed = true;
process.exitCode = failed ? 1 : 0;
