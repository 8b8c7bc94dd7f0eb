// Runs Octane programs from ../shared/bench/octane through `vmjs run`, each as one file: Octane's
// base.js, the program, and a runner that calls BenchmarkSuite.RunSuites with Octane's own checks
// (a wrong result throws). Prints each program's score line and exit status.
//   node scripts/octane-run.mjs [richards deltablue ...]
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const octane = join(root, '..', 'shared', 'bench', 'octane');
const all = ['richards', 'deltablue', 'crypto', 'raytrace', 'navier-stokes', 'splay', 'earley-boyer', 'box2d', 'regexp'];
const programs = process.argv.length > 2 ? process.argv.slice(2) : all;
const runner = `
var failures = 0;
BenchmarkSuite.RunSuites({
  NotifyResult: function (name, result) { console.log(name + ': ' + result); },
  NotifyError: function (name, error) { failures++; console.log(name + ': ERROR ' + error); },
  NotifyScore: function (score) { console.log('Score: ' + score); }
}, []);
if (failures) throw new Error(failures + ' benchmark(s) failed their checks');
`;
const dir = mkdtempSync(join(tmpdir(), 'vmjs-octane-'));
let failed = 0;
for (const p of programs) {
  const file = join(dir, `${p}.js`);
  writeFileSync(file, [readFileSync(join(octane, 'base.js'), 'utf8'), readFileSync(join(octane, `${p}.js`), 'utf8'), runner].join('\n'));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'vmjs.js'), 'run', file], { encoding: 'utf8' });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const out = (r.stdout + r.stderr).trim().split('\n').filter((l) => !l.startsWith('Score')).join(' | ');
  console.log(`${p.padEnd(14)} exit ${r.status}  ${secs.padStart(6)} s  ${out}`);
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
