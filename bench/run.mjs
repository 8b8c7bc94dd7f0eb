// `npm run bench`: measures vmjs against node native and peer interpreters. See bench/README.md.
//
// Every (system, workload) measurement runs in a fresh child process (bench/child.mjs) under a time
// cap, N times; the median is reported, with its ratio to node native measured in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKLOADS, octaneDir } from './workloads.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(benchDir, '..');

/** Systems measured by default, in column order. `node` is the baseline of every ratio. */
const DEFAULT_SYSTEMS = ['node', 'vmjs', 'sval', 'quickjs'];
/** Extra columns, only on request: node --jitless (V8's bytecode interpreter alone); engine262 and
 * JS-Interpreter are so slow that most workloads hit the cap;
 * vmjs-base is another checkout's build (VMJS_BASE), for a before/after in one run. */
const EXTRA_SYSTEMS = ['node-jitless', 'engine262', 'js-interpreter', 'vmjs-base'];
const ALL_SYSTEMS = [...DEFAULT_SYSTEMS, ...EXTRA_SYSTEMS];
const LABELS = {
  node: 'node native',
  'node-jitless': 'node --jitless',
  vmjs: 'vmjs',
  sval: 'sval',
  quickjs: 'QuickJS-wasm',
  engine262: 'engine262',
  'js-interpreter': 'JS-Interpreter',
  'vmjs-base': 'vmjs (base)',
};

const USAGE = `usage: node bench/run.mjs [options]
  --only a,b        workloads to run (default: all): ${WORKLOADS.map((w) => w.name).join(', ')}
  --systems a,b     systems to run (default: ${DEFAULT_SYSTEMS.join(',')}; also: ${EXTRA_SYSTEMS.join(', ')}, or "all")
                    node is always added: it is the baseline of the ratios
  --runs N          measurements per (system, workload), median reported (default 3)
  --timeout S       time cap per measurement in seconds (default 120)
  --quick           tiny work sizes, for a smoke run (does not write RESULTS.md unless --out is given)
  --out FILE        where to write the results table (default bench/RESULTS.md)
  --build           rebuild vmjs (node scripts/build.mjs --no-types) even if dist/ exists`;

/** @returns {{ only: string[] | null, systems: string[], runs: number, timeoutS: number, quick: boolean, out: string | null, build: boolean }} */
function parseArgs(argv) {
  const options = { only: null, systems: DEFAULT_SYSTEMS, runs: 3, timeoutS: 120, quick: false, out: null, build: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--only': options.only = value().split(',').filter(Boolean); break;
      case '--systems': {
        const v = value();
        options.systems = v === 'all' ? ALL_SYSTEMS.filter((s) => s !== 'vmjs-base' || process.env.VMJS_BASE) : v.split(',').filter(Boolean);
        break;
      }
      case '--runs': options.runs = positiveInt(flag, value()); break;
      case '--timeout': options.timeoutS = positiveInt(flag, value()); break;
      case '--quick': options.quick = true; break;
      case '--out': options.out = resolve(value()); break;
      case '--build': options.build = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: fail(`unknown option ${arg}`);
    }
  }
  for (const s of options.systems) if (!ALL_SYSTEMS.includes(s)) fail(`unknown system ${s}`);
  for (const w of options.only ?? []) if (!WORKLOADS.some((x) => x.name === w)) fail(`unknown workload ${w}`);
  if (!options.systems.includes('node')) options.systems = ['node', ...options.systems];
  // Keep the canonical column order whatever order was asked for.
  options.systems = ALL_SYSTEMS.filter((s) => options.systems.includes(s));
  if (options.out === null && !options.quick) options.out = join(benchDir, 'RESULTS.md');
  return options;
}

function positiveInt(flag, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} needs a positive integer, got ${text}`);
  return n;
}

function fail(message) {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

/** Runs a setup command with inherited output. @returns {boolean} whether it succeeded */
function runSetupCommand(description, command, args) {
  console.error(`bench: ${description}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: repoDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status === 0) return true;
  console.error(`bench: ${description} failed (exit ${result.status ?? result.signal ?? result.error?.message})`);
  return false;
}

function ensurePrerequisites(options) {
  const pkg = JSON.parse(readFileSync(join(benchDir, 'package.json'), 'utf8'));
  const missing = Object.keys(pkg.devDependencies ?? {}).filter((name) => !existsSync(join(benchDir, 'node_modules', name, 'package.json')));
  if (missing.length > 0) {
    // Without the peers nothing but node could be measured: stop.
    if (!runSetupCommand(`installing bench dependencies (missing: ${missing.join(', ')})`, npmCommand(), ['ci', '--prefix', 'bench'])) process.exit(1);
  }
  if (options.systems.includes('vmjs') && (options.build || !existsSync(join(repoDir, 'dist', 'esm', 'index.js')))) {
    // A failed build is not fatal: the vmjs cells then show the error, the other systems still run.
    runSetupCommand('building vmjs', process.execPath, ['scripts/build.mjs', '--no-types']);
  }
  if (!existsSync(join(octaneDir, 'base.js'))) {
    console.error(`bench: Octane sources not found at ${octaneDir} (the repository expects ../shared beside it)`);
    process.exit(1);
  }
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/**
 * @typedef {{ ok: true, ms: number, output: string } | { ok: false, status: 'error' | 'timeout' | 'wrong', error: string }} Measurement
 */

/** One measurement in a fresh process. @returns {Promise<Measurement>} */
function measure(system, workload, options) {
  return new Promise((resolvePromise) => {
    // A system may ask for node flags of its own (node-jitless: --jitless), given before the script.
    const args = [...(SYSTEM_NODE_FLAGS[system] ?? []), join(benchDir, 'child.mjs'), system, workload];
    if (options.quick) args.push('--quick');
    const child = spawn(process.execPath, args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolvePromise({ ok: false, status: 'timeout', error: `exceeded the ${options.timeoutS} s cap` });
        return;
      }
      const line = stdout.split('\n').find((l) => l.startsWith('@@BENCH '));
      if (!line) {
        const lastErr = stderr.trim().split('\n').slice(-3).join(' | ');
        resolvePromise({ ok: false, status: 'error', error: `child died (exit ${code ?? signal}) ${lastErr}`.trim() });
        return;
      }
      const result = JSON.parse(line.slice('@@BENCH '.length));
      resolvePromise(result.ok ? { ok: true, ms: result.ms, output: result.output } : { ok: false, status: 'error', error: result.error });
    });
  });
}

/** Node flags per system, for the child process (only node-jitless has any). */
const SYSTEM_NODE_FLAGS = { 'node-jitless': ['--jitless'] };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function geomean(values) {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/**
 * @typedef {{ ok: true, ms: number, runs: number[], output: string } | { ok: false, status: string, error: string }} Cell
 */

async function runAll(options) {
  const workloads = WORKLOADS.filter((w) => !options.only || options.only.includes(w.name));
  /** @type {Map<string, Map<string, Cell>>} workload -> system -> cell */
  const cells = new Map();
  for (const workload of workloads) {
    const row = new Map();
    cells.set(workload.name, row);
    /** @type {Map<string, number[]>} */
    const times = new Map(options.systems.map((s) => [s, []]));
    /** @type {Map<string, string>} */
    const outputs = new Map();
    // Runs are interleaved across systems so that drift in machine load hits every system alike.
    for (let run = 0; run < options.runs; run++) {
      for (const system of options.systems) {
        if (row.has(system)) continue; // already failed: errors repeat, and a timeout costs the whole cap again
        const m = await measure(system, workload.name, options);
        const label = `${workload.name} / ${system} #${run + 1}`;
        if (!m.ok) {
          row.set(system, m);
          console.error(`  ${label}: ${m.status}: ${m.error}`);
          continue;
        }
        const expected = outputs.get('node') ?? outputs.get(system);
        if (expected !== undefined && m.output !== expected) {
          row.set(system, { ok: false, status: 'wrong', error: `printed ${JSON.stringify(m.output.slice(0, 200))}, expected ${JSON.stringify(expected.slice(0, 200))}` });
          console.error(`  ${label}: wrong output`);
          continue;
        }
        outputs.set(system, m.output);
        times.get(system).push(m.ms);
        console.error(`  ${label}: ${m.ms.toFixed(1)} ms`);
      }
    }
    for (const system of options.systems) {
      if (row.has(system)) continue;
      const runs = times.get(system);
      row.set(system, { ok: true, ms: median(runs), runs, output: outputs.get(system) });
    }
  }
  return { workloads, cells };
}

function gitCommit() {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoDir, encoding: 'utf8' });
  if (rev.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoDir, encoding: 'utf8' });
  return rev.stdout.trim() + (dirty.stdout.trim() ? ' (with uncommitted changes)' : '');
}

async function systemVersions(systems) {
  const versions = [];
  for (const system of systems) {
    try {
      const mod = await import(`./systems/${system}.mjs`);
      versions.push(`${LABELS[system]}: ${mod.version()}`);
    } catch (error) {
      versions.push(`${LABELS[system]}: (version unknown: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return versions;
}

function formatMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function formatRatio(ratio) {
  return ratio >= 100 ? `${ratio.toFixed(0)}×` : ratio >= 10 ? `${ratio.toFixed(1)}×` : `${ratio.toFixed(2)}×`;
}

/** What a workload did: Octane's benchmarks × iterations (from the driver's output), or n for micro. */
function workDone(workload, row, quick) {
  if (workload.kind === 'micro') return `n=${quick ? workload.quickWork : workload.work}`;
  for (const cell of row.values()) if (cell.ok) return cell.output.replace(/x(\d+)(?= |$)/g, '×$1');
  return `${quick ? workload.quickWork : workload.work} of deterministicIterations`;
}

function renderReport(options, { workloads, cells }, meta) {
  const systems = options.systems;
  const lines = [];
  lines.push('# vmjs benchmark results', '');
  lines.push(`- date: ${meta.date}`);
  lines.push(`- machine: ${meta.cpu}, ${meta.cores} cores, ${meta.memory} GiB memory, ${meta.platform}`);
  lines.push(`- machine load: ${meta.load}; the run took ${meta.minutes} min`);
  lines.push(`- host: node ${process.version}`);
  lines.push(`- commit: ${meta.commit}`);
  lines.push(`- method: median of ${options.runs} fresh processes per cell, ${options.timeoutS} s cap per process${options.quick ? ', QUICK sizes (smoke run, not comparable)' : ''}`);
  lines.push(`- command: \`node bench/run.mjs${meta.args.length ? ' ' + meta.args.join(' ') : ''}\``);
  for (const v of meta.versions) lines.push(`- ${v}`);
  lines.push('');
  lines.push('Each cell: median milliseconds to evaluate the workload (parse + run) and, in brackets, the ratio to node');
  lines.push('native in the same run (lower is faster; 10× = ten times slower than node). See bench/README.md.', '');
  lines.push(`| workload | work | ${systems.map((s) => LABELS[s]).join(' | ')} |`);
  lines.push(`| --- | --- | ${systems.map(() => '---:').join(' | ')} |`);
  /** @type {Map<string, number[]>} */
  const ratios = new Map(systems.map((s) => [s, []]));
  /** @type {Map<string, string[]>} "system: status: error" -> workloads, so a repeated error is listed once */
  const failures = new Map();
  for (const workload of workloads) {
    const row = cells.get(workload.name);
    const base = row.get('node');
    const rendered = systems.map((system) => {
      const cell = row.get(system);
      if (!cell.ok) {
        const key = `${LABELS[system]}: ${cell.status}: ${cell.error}`;
        failures.set(key, [...(failures.get(key) ?? []), workload.name]);
        return cell.status;
      }
      if (!base.ok) return `${formatMs(cell.ms)} ms`;
      const ratio = cell.ms / base.ms;
      ratios.get(system).push(ratio);
      return `${formatMs(cell.ms)} ms (${formatRatio(ratio)})`;
    });
    lines.push(`| ${workload.name} | ${workDone(workload, row, options.quick)} | ${rendered.join(' | ')} |`);
  }
  const geo = systems.map((system) => {
    const r = ratios.get(system);
    if (r.length === 0) return 'n/a';
    const partial = r.length < workloads.length ? ` over ${r.length}/${workloads.length}` : '';
    return `**${formatRatio(geomean(r))}**${partial}`;
  });
  lines.push(`| **geometric mean of ratios** | | ${geo.join(' | ')} |`);
  if (systems.includes('node-jitless')) {
    // Issue 12's stretch target compares with V8's interpreter alone: the same cells, divided by node --jitless.
    const toJitless = systems.map((system) => {
      const r = [];
      for (const workload of workloads) {
        const row = cells.get(workload.name);
        const cell = row.get(system);
        const jitless = row.get('node-jitless');
        if (cell.ok && jitless.ok) r.push(cell.ms / jitless.ms);
      }
      if (r.length === 0) return 'n/a';
      const partial = r.length < workloads.length ? ` over ${r.length}/${workloads.length}` : '';
      return `${formatRatio(geomean(r))}${partial}`;
    });
    lines.push(`| geometric mean of ratios to node --jitless | | ${toJitless.join(' | ')} |`);
  }
  lines.push('');
  if (failures.size) {
    lines.push('A geometric mean "over k/n" covers only the k workloads that system completed, so it is not');
    lines.push('comparable with a full one. Failures (never hidden):', '');
    for (const [key, names] of failures) {
      const where = names.length === workloads.length && workloads.length > 1 ? 'all workloads' : names.join(', ');
      lines.push(`- ${key.replaceAll('\n', ' ').replaceAll('|', '\\|')} — ${where}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const options = parseArgs(args);
  ensurePrerequisites(options);
  const started = new Date();
  const loadBefore = os.loadavg()[0];
  console.error(`bench: systems ${options.systems.join(', ')}; ${options.runs} run(s) each; cap ${options.timeoutS} s${options.quick ? '; quick' : ''}`);
  const results = await runAll(options);
  const meta = {
    date: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown cpu',
    cores: os.cpus().length,
    memory: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    commit: gitCommit(),
    // Other processes on the machine slow every system; the load average tells the reader how quiet it was.
    load: `1-min load average ${loadBefore.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end (${os.cpus().length} cores)`,
    minutes: ((Date.now() - started.getTime()) / 60000).toFixed(1),
    args,
    versions: await systemVersions(options.systems),
  };
  const report = renderReport(options, results, meta);
  console.log(report);
  if (options.out) {
    writeFileSync(options.out, report);
    console.error(`bench: wrote ${relative(process.cwd(), options.out) || options.out}`);
  }
}

await main();
