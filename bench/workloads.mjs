// The workloads: each is a list of script files evaluated in order in ONE fresh context, preceded by
// a one-line prelude `var WORK = <n>;` that fixes the amount of work. The sources are identical for
// every system; only the loader (bench/systems/*.mjs) differs.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// CI clones the repository with `shared` beside it, so the Octane sources sit at ../shared from the root.
export const octaneDir = resolve(here, '..', '..', 'shared', 'bench', 'octane');

/**
 * @typedef {{ name: string, kind: 'octane' | 'micro', files: string[], work: number, quickWork: number, settle?: boolean }} Workload
 * `work` for octane workloads is the fraction of each benchmark's deterministicIterations that is run
 * (see octane-driver.js); for micro workloads it is the argument of the workload's loop. `settle`: the
 * workload finishes in promise jobs, so its time includes running the system's jobs (runner.settle()).
 * The sizes are chosen so node native takes roughly 50-100 ms where the slowest default peer (sval)
 * still finishes under the time cap; see README.md.
 */

/** @param {string} name @param {string[]} files @param {number} work @param {number} quickWork @returns {Workload} */
function octane(name, files, work, quickWork) {
  return {
    name,
    kind: 'octane',
    files: [join(octaneDir, 'base.js'), ...files.map((f) => join(octaneDir, f)), join(here, 'octane-driver.js')],
    work,
    quickWork,
  };
}

/** @param {string} name @param {number} work @param {number} quickWork @returns {Workload} */
function micro(name, work, quickWork) {
  return { name, kind: 'micro', files: [join(here, 'micro', `${name}.js`)], work, quickWork };
}

/** @type {Workload[]} */
export const WORKLOADS = [
  octane('richards', ['richards.js'], 0.04, 0.001),
  octane('deltablue', ['deltablue.js'], 0.03, 0.001),
  octane('crypto', ['crypto.js'], 0.02, 0.001),
  octane('raytrace', ['raytrace.js'], 0.05, 0.001),
  octane('navier-stokes', ['navier-stokes.js'], 0.04, 0.001),
  octane('splay', ['splay.js'], 0.05, 0.001),
  octane('earley-boyer', ['earley-boyer.js'], 0.03, 0.001),
  octane('box2d', ['box2d.js'], 0.05, 0.001),
  octane('regexp', ['regexp.js'], 0.05, 0.001),
  micro('fib', 300, 1),
  micro('loop', 3e6, 1e4),
  micro('props', 6e4, 100),
  micro('closures', 1e6, 1e3),
  micro('strings', 5e4, 100),
  micro('arrays', 6e4, 100),
  micro('typed-arrays', 2e4, 100),
  micro('methods', 6e5, 1e3),
  { ...micro('async', 3e5, 100), settle: true },
  // Builtin families called from guest code (issue 12, target 4): their time is mostly the builtins'.
  micro('json', 200, 2),
  micro('sort', 500, 2),
  micro('string-methods', 2e4, 100),
  micro('array-methods', 5e3, 20),
];

/**
 * The scripts of a workload, prelude first, as { filename, source } in evaluation order.
 * @param {Workload} workload @param {boolean} quick @param {number} [workOverride]
 * @returns {{ filename: string, source: string }[]}
 */
export function workloadSources(workload, quick, workOverride) {
  for (const file of workload.files) {
    if (!existsSync(file)) throw new Error(`workload ${workload.name}: missing ${file} (is ../shared beside the repo?)`);
  }
  const work = workOverride ?? (quick ? workload.quickWork : workload.work);
  return [
    { filename: 'prelude.js', source: `var WORK = ${work};\n` },
    ...workload.files.map((file) => ({ filename: file, source: readFileSync(file, 'utf8') })),
  ];
}
