// `new vm.Script(source)` with and without cachedData, each measurement in a fresh process (the
// cold start a user of cachedData has), best of N. Also times, in the same kind of process, what
// each part costs: acorn's parse alone, decoding the data alone (functions' contents are lazy: they
// decode at first call), decoding it and every function's contents, and compiling a parsed tree.
//
//   node bench/cached-data.mjs                      box2d and the largest Octane file, best of 7
//   node bench/cached-data.mjs --runs 3 --files richards.js,box2d.js
//
// Builds vmjs first if dist/ is missing. Prints one row per file: source size, data size, the times
// in milliseconds and the ratio (without / with cachedData).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(here, '..');
const octaneDir = resolve(repoDir, '..', 'shared', 'bench', 'octane');
const distEntry = join(repoDir, 'dist', 'esm', 'index.js');
const internalEntry = join(repoDir, 'dist', 'esm', 'internal.js');

// ---- child: one measurement, printed as a number of milliseconds --------------------------------
if (process.argv[2] === '--child') {
  const [, , , mode, file, dataFile] = process.argv;
  const source = readFileSync(file, 'utf8');
  const data = dataFile ? readFileSync(dataFile) : undefined;
  const vm = (await import(pathToFileURL(distEntry).href)).default;
  const internal = await import(pathToFileURL(internalEntry).href);
  const info = { filename: file, lineOffset: 0, columnOffset: 0 };
  let ms;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  if (mode === 'source') {
    new vm.Script(source, { filename: file });
    ms = performance.now() - t;
  } else if (mode === 'cached') {
    const s = new vm.Script(source, { filename: file, cachedData: data });
    ms = performance.now() - t;
    if (s.cachedDataRejected) throw new Error('cachedData rejected');
  } else if (mode === 'parse') {
    internal.parseScript(source, info);
    ms = performance.now() - t;
  } else if (mode === 'decode') {
    if (internal.decodeCachedData(internal.CachedDataKind.Script, source, data) === null) throw new Error('rejected');
    ms = performance.now() - t;
  } else if (mode === 'all') {
    // The decode plus every function's lazy section (what a program that calls all its functions
    // pays in all, spread over their first calls), by a walk that reads every key (reading a
    // function's params or body decodes them). The walk's own cost is in it (with data of format 1,
    // which decodes eagerly, the same walk adds ~9 ms CPU to box2d's decode).
    const tree = internal.decodeCachedData(internal.CachedDataKind.Script, source, data);
    if (tree === null) throw new Error('rejected');
    const walk = (x) => {
      if (typeof x !== 'object' || x === null) return;
      for (const k in x) walk(x[k]);
    };
    walk(tree);
    ms = performance.now() - t;
  } else if (mode === 'compile') {
    const tree = internal.parseScript(source, info);
    const cpu1 = process.cpuUsage();
    const t2 = performance.now();
    internal.prepareScript(source, info, tree);
    ms = performance.now() - t2;
    const cpu = process.cpuUsage(cpu1);
    process.stdout.write(`${ms} ${(cpu.user + cpu.system) / 1000}\n`);
    process.exit(0);
  } else throw new Error(`unknown mode ${mode}`);
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${ms} ${(cpu.user + cpu.system) / 1000}\n`);
  process.exit(0);
}

// ---- parent ---------------------------------------------------------------------------------------
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', '7'));
const largest = readdirSync(octaneDir).filter((f) => f.endsWith('.js'))
  .sort((a, b) => statSync(join(octaneDir, b)).size - statSync(join(octaneDir, a)).size)[0];
const files = option('--files', `box2d.js,${largest}`).split(',');

if (!existsSync(distEntry)) {
  const built = spawnSync(process.execPath, [join(repoDir, 'scripts', 'build.mjs'), '--no-types'], { cwd: repoDir, stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}
const vm = (await import(pathToFileURL(distEntry).href)).default;
const tmp = mkdtempSync(join(tmpdir(), 'vmjs-cached-data-'));

function measure(mode, file, dataFile) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file, dataFile ?? ''], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${mode} ${file}: ${r.stderr}`);
  const [wall, cpu] = r.stdout.trim().split(' ').map(Number);
  return { wall, cpu };
}

const modes = ['source', 'cached', 'parse', 'decode', 'all', 'compile'];
const fmt = (n) => n.toFixed(1).padStart(8);
console.log(`new vm.Script(source) without and with cachedData: fresh processes, best of ${runs}, ms (node ${process.version})`);
console.log(`${'file'.padEnd(26)} ${'source KB'.padStart(9)} ${'data KB'.padStart(8)} ${modes.map((m) => m.padStart(8)).join(' ')}    ratio`);
try {
  for (const name of files) {
    const file = join(octaneDir, name);
    const source = readFileSync(file, 'utf8');
    const data = new vm.Script(source, { filename: file }).createCachedData();
    const dataFile = join(tmp, `${name}.cache`);
    writeFileSync(dataFile, data);
    const best = Object.fromEntries(modes.map((m) => [m, { wall: Infinity, cpu: Infinity }]));
    for (let i = 0; i < runs; i++) {
      for (const m of modes) {
        const r = measure(m, file, dataFile);
        best[m].wall = Math.min(best[m].wall, r.wall);
        best[m].cpu = Math.min(best[m].cpu, r.cpu);
      }
    }
    const row = (what, label) => {
      const ratio = best.source[what] / best.cached[what];
      console.log(`${label.padEnd(26)} ${(source.length / 1024).toFixed(0).padStart(9)} ${(data.length / 1024).toFixed(0).padStart(8)} ${modes.map((m) => fmt(best[m][what])).join(' ')} ${ratio.toFixed(2).padStart(7)}×`);
    };
    row('wall', name);
    row('cpu', `  (CPU time)`);
  }
  console.log('source: new Script(source); cached: new Script(source, { cachedData }); parse: acorn alone;');
  console.log('decode: the data\'s checks and decoding alone (a tree\'s top level: functions decode at first call);');
  console.log('all: decode, then every function\'s params and body too; compile: preparing an already parsed tree.');
  console.log('(CPU time): the process\'s user+system time over the same span, all threads (GC helpers included);');
  console.log('less disturbed than wall time when the machine is shared.');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
