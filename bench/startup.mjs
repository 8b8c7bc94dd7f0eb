// Start-up cost (issue 12, target 3): the mean time of a new context, and of a new context plus a
// one-line script, after warm-up, for vmjs, node:vm and QuickJS-wasm. Each system is measured in its
// own fresh process; wall time (performance.now) and CPU time (process.cpuUsage, user + system) are
// both printed, since on a loaded machine the wall time also counts other processes.
//
//   node bench/startup.mjs                        N=500 after 200 warm-up iterations, every system, median of 3 runs,
//                                                 in batches of 10 per host job and in one job (batch N)
//   node bench/startup.mjs --n 200 --systems vmjs --batch 10 --runs 5
//   node bench/startup.mjs --systems vmjs --dist ../wt-main/dist   another build, for a before/after
//
// Builds vmjs first if dist/ is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(here, '..');
// --dist DIR measures another build of vmjs (e.g. a worktree of main, for a before/after).
const distArg = process.argv.indexOf('--dist');
const distEntry = distArg >= 0 ? resolve(process.argv[distArg + 1], 'esm', 'index.js') : join(repoDir, 'dist', 'esm', 'index.js');

/** @returns {Promise<{ context: () => unknown, contextAndScript: () => unknown }>} */
async function loadSystem(system) {
  if (system === 'vmjs') {
    const vm = (await import(pathToFileURL(distEntry).href)).default;
    const script = new vm.Script('1 + 1');
    return {
      context: () => vm.createContext(),
      contextAndScript: () => { const ctx = vm.createContext(); if (vm.runInContext('1 + 1', ctx) !== 2) throw new Error('wrong'); },
      contextAndCompiledScript: () => { const ctx = vm.createContext(); if (script.runInContext(ctx) !== 2) throw new Error('wrong'); },
    };
  }
  if (system === 'node') {
    const vm = (await import('node:vm')).default;
    const script = new vm.Script('1 + 1');
    return {
      context: () => vm.createContext(),
      contextAndScript: () => { const ctx = vm.createContext(); if (vm.runInContext('1 + 1', ctx) !== 2) throw new Error('wrong'); },
      contextAndCompiledScript: () => { const ctx = vm.createContext(); if (script.runInContext(ctx) !== 2) throw new Error('wrong'); },
    };
  }
  if (system === 'quickjs') {
    const { newQuickJSWASMModule, RELEASE_SYNC } = await import(pathToFileURL(join(here, 'node_modules', 'quickjs-emscripten', 'dist', 'index.mjs')).href)
      .catch(() => import('quickjs-emscripten'));
    const QuickJS = await newQuickJSWASMModule(RELEASE_SYNC);
    const runtime = QuickJS.newRuntime();
    const run = (withScript) => {
      const ctx = runtime.newContext();
      if (withScript) {
        const r = ctx.evalCode('1 + 1');
        if (r.error) { r.error.dispose(); throw new Error('error'); }
        const v = ctx.getNumber(r.value);
        r.value.dispose();
        if (v !== 2) throw new Error('wrong');
      }
      ctx.dispose();
    };
    // QuickJS contexts are created in a runtime made once (a new runtime per context would also
    // count the heap's set-up, which node:vm and vmjs do not pay per context either).
    return { context: () => run(false), contextAndScript: () => run(true), contextAndCompiledScript: null };
  }
  throw new Error(`unknown system ${system}`);
}

/** Mean wall and CPU time of `fn` over `n` calls, made in batches of `batch` calls, each batch one
 * host job (a macrotask turn between batches, not timed). Batches matter for vmjs: a context record
 * is tracked by a WeakRef (for measureMemory), and a WeakRef keeps its target alive until the end of
 * the job that made it, so one synchronous loop of N createContext calls keeps N realms alive. */
async function measure(fn, n, warmup, batch) {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < warmup; i++) { fn(); if (i % batch === batch - 1) await turn(); }
  await turn();
  let wall = 0;
  let cpu = 0;
  for (let done = 0; done < n; done += batch) {
    const k = Math.min(batch, n - done);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < k; i++) fn();
    wall += performance.now() - t0;
    const c = process.cpuUsage(cpu0);
    cpu += (c.user + c.system) / 1000;
    await turn();
  }
  return { wall: wall / n, cpu: cpu / n };
}

if (process.argv[2] === '--child') {
  const [, , , system, n, warmup, batch] = process.argv;
  const s = await loadSystem(system);
  const out = {};
  for (const key of ['context', 'contextAndScript', 'contextAndCompiledScript']) {
    if (s[key]) out[key] = await measure(s[key], Number(n), Number(warmup), Number(batch));
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const n = Number(opt('n', 500));
const warmup = Number(opt('warmup', 200));
const systems = opt('systems', 'vmjs,node,quickjs').split(',');
const batches = opt('batch', `10,${n}`).split(',').map(Number);
const runs = Number(opt('runs', 3));

if (systems.includes('vmjs') && !existsSync(distEntry)) {
  const b = spawnSync(process.execPath, [join(repoDir, 'scripts', 'build.mjs'), '--no-types'], { cwd: repoDir, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

const fmt = (m) => (m ? `${m.wall.toFixed(3)} ms (cpu ${m.cpu.toFixed(3)})` : '—');
console.log(`start-up, mean per iteration after ${warmup} warm-up, N=${n}; median of ${runs} fresh processes per cell (node ${process.version}); cpu: process CPU time, GC threads included`);
console.log('| system | batch | createContext() | + runInContext(\'1 + 1\') | + compiled Script.runInContext |');
console.log('| --- | --- | --- | --- | --- |');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const KEYS = ['context', 'contextAndScript', 'contextAndCompiledScript'];
for (const batch of batches) {
  const results = new Map(systems.map((s) => [s, []]));
  const errors = new Map();
  // Runs interleaved across systems, so that a burst of load does not land on one system only.
  for (let run = 0; run < runs; run++) {
    for (const system of systems) {
      if (errors.has(system)) continue;
      const dist = distArg >= 0 ? ['--dist', process.argv[distArg + 1]] : [];
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', system, String(n), String(warmup), String(batch), ...dist], { encoding: 'utf8', cwd: repoDir });
      if (r.status !== 0) { errors.set(system, (r.stderr || '').trim().split('\n').slice(-1)[0]); continue; }
      results.get(system).push(JSON.parse(r.stdout.trim().split('\n').pop()));
    }
  }
  for (const system of systems) {
    if (errors.has(system)) { console.log(`| ${system} | ${batch} | error: ${errors.get(system)} | | |`); continue; }
    const ms = results.get(system);
    const cell = (key) => (ms[0][key] ? { wall: median(ms.map((m) => m[key].wall)), cpu: median(ms.map((m) => m[key].cpu)) } : undefined);
    console.log(`| ${system} | ${batch} | ${KEYS.map((k) => fmt(cell(k))).join(' | ')} |`);
  }
}
