// Command line of vmjs-test262.
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { EngineName } from './engine.js';

export interface Options {
  paths: string[];
  test262Dir: string;
  check: boolean;
  update: boolean;
  json: string | null;
  html: string | null;
  jobs: number;
  timeout: number;
  /** Keep one test in `sample` per directory (always its first): a deterministic slice. */
  sample: number;
  /** Run everything this many times; a test passes only if it passes every time. */
  repeat: number;
  expectations: string;
  unsupportedFeatures: string;
  engine: EngineName;
  progress: 'bar' | 'plain' | 'none';
  /** Heap limit of each worker thread, MB. */
  workerHeapMb: number;
  /** Prepare every body in the evaluator's generator form (vmjs's internal switch). */
  generatorForm: boolean;
  /** Run every regexp match on vmjs's own matcher (vmjs's internal switch). */
  regexpOwnMatcher: boolean;
  /** Debug-compile every script (the stepping debugger's hooks, recording nothing; vmjs's internal switch). */
  debugHooks: boolean;
  /** vmjs's compiled tier (off, on, eager: every eligible function compiled at its first call), or null: the engine's default. */
  tier: 'off' | 'on' | 'eager' | null;
  help: boolean;
}

export const USAGE = `Usage: vmjs-test262 [paths...] [options]

Runs test262 on vmjs. Paths are files or directories, relative to the test262 directory
(test/built-ins/Array), to its test/ directory (built-ins/Array), or to the current directory.
Without paths: all of test/ except test/intl402 and test/staging.

Options:
  --test262 DIR        test262 checkout (default: ../shared/test262 next to the repository)
  -j, --jobs N         worker threads (default: the number of cores)
  --timeout MS         per run of a test (default: 10000); a test that exceeds it fails
  --sample N           deterministic slice: one test in N of every directory (at least one each)
  --repeat N           run everything N times; only tests passing every time count as passing
  --check              exit 1 when a test listed in the expectations file fails; print new passes
  --update             rewrite the expectations file with this run's passes (tests not run keep
                       their entry)
  --expectations FILE  (default: test262-runner/expectations.json)
  --features FILE      unsupported features, feature → reason
                       (default: test262-runner/unsupported-features.json)
  --json FILE          write every result as JSON
  --html FILE          write a browsable HTML report
  --progress MODE      bar | plain | none (default: bar on a terminal, plain otherwise or in CI)
  --worker-heap-mb N   heap limit of each worker (default: 1536); a test exceeding it crashes only
                       its worker, which is replaced
  --generator-form     prepare every script and function body in the evaluator's generator form
                       (the form async code runs in) instead of the synchronous one; with --check,
                       proves both forms pass the same tests (cannot be combined with --update)
  --regexp-own-matcher run every regular expression match on vmjs's own matcher, never the host's
                       regexp engine (cannot be combined with --update)
  --debug-hooks        compile every script for the stepping debugger (its hooks around every
                       statement and body, reporting to a recorder that records nothing); with
                       --check, proves debug-compiled code passes what normal code passes
  --tier MODE          vmjs's compiled tier: off, on, or eager (every eligible function compiled
                       to host code at its first call); with --check, proves compiled code passes
                       what the closures pass (cannot be combined with --update)
  -h, --help           this text
`;

export class UsageError extends Error {}

export function parseOptions(argv: string[], defaults: { test262Dir: string; expectations: string; unsupportedFeatures: string; isTTY: boolean; ci: boolean }): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        test262: { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        timeout: { type: 'string' },
        sample: { type: 'string' },
        repeat: { type: 'string' },
        check: { type: 'boolean' },
        update: { type: 'boolean' },
        expectations: { type: 'string' },
        features: { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        progress: { type: 'string' },
        'worker-heap-mb': { type: 'string' },
        'generator-form': { type: 'boolean' },
        'regexp-own-matcher': { type: 'boolean' },
        'debug-hooks': { type: 'boolean' },
        tier: { type: 'string' },
        // Developer option, not in USAGE: run the same harness on node's own node:vm.
        engine: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const engine = v.engine ?? 'vmjs';
  if (engine !== 'vmjs' && engine !== 'node') throw new UsageError(`--engine must be vmjs or node, not ${engine}`);
  const progress = v.progress ?? (defaults.isTTY && !defaults.ci ? 'bar' : 'plain');
  if (progress !== 'bar' && progress !== 'plain' && progress !== 'none') throw new UsageError(`--progress must be bar, plain or none, not ${progress}`);
  if (v.check && v.update) throw new UsageError('--check and --update do not go together: check first, then update');
  if (v['generator-form'] && v.update) throw new UsageError('--generator-form checks the expectations, it does not write them: drop --update');
  if (v['generator-form'] && engine !== 'vmjs') throw new UsageError('--generator-form is a switch of the vmjs engine');
  if (v['regexp-own-matcher'] && v.update) throw new UsageError('--regexp-own-matcher checks the expectations, it does not write them: drop --update');
  if (v['regexp-own-matcher'] && engine !== 'vmjs') throw new UsageError('--regexp-own-matcher is a switch of the vmjs engine');
  if (v['debug-hooks'] && v.update) throw new UsageError('--debug-hooks checks the expectations, it does not write them: drop --update');
  if (v['debug-hooks'] && engine !== 'vmjs') throw new UsageError('--debug-hooks is a switch of the vmjs engine');
  const tier = v.tier ?? null;
  if (tier !== null && tier !== 'off' && tier !== 'on' && tier !== 'eager') throw new UsageError(`--tier must be off, on or eager, not ${tier}`);
  if (tier !== null && v.update) throw new UsageError('--tier checks the expectations, it does not write them: drop --update');
  if (tier !== null && engine !== 'vmjs') throw new UsageError('--tier is a switch of the vmjs engine');
  return {
    paths: parsed.positionals,
    test262Dir: v.test262 ?? defaults.test262Dir,
    check: v.check ?? false,
    update: v.update ?? false,
    json: v.json ?? null,
    html: v.html ?? null,
    jobs: positiveInt(v.jobs, '--jobs', defaultJobs()),
    timeout: positiveInt(v.timeout, '--timeout', 10000),
    sample: positiveInt(v.sample, '--sample', 1),
    repeat: positiveInt(v.repeat, '--repeat', 1),
    expectations: v.expectations ?? defaults.expectations,
    unsupportedFeatures: v.features ?? defaults.unsupportedFeatures,
    engine,
    progress,
    workerHeapMb: positiveInt(v['worker-heap-mb'], '--worker-heap-mb', 1536),
    generatorForm: v['generator-form'] ?? false,
    regexpOwnMatcher: v['regexp-own-matcher'] ?? false,
    debugHooks: v['debug-hooks'] ?? false,
    tier,
    help: v.help ?? false,
  };
}

function positiveInt(s: string | undefined, name: string, fallback: number): number {
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} needs a positive integer, not ${s}`);
  return n;
}

function defaultJobs(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}
