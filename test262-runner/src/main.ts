// vmjs-test262: runs test262 on vmjs (bin/vmjs-test262.js calls main).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverTests, sampleTests, DiscoveryError } from './discover.js';
import { checkExpectations, formatCheck, loadExpectations, updateExpectations, writeExpectations } from './expectations.js';
import { parseOptions, USAGE, UsageError, type Options } from './options.js';
import { FatalWorkerError, runPool } from './pool.js';
import { createProgress } from './progress.js';
import { MISSING_CAPABILITIES } from './realm262.js';
import { writeHtmlReport, writeJsonReport, type RunInfo } from './report.js';
import { mergeRuns, type TestResult } from './result.js';
import { loadUnsupportedFeatures } from './skip.js';
import { formatSummary } from './summary.js';

// Helpers re-exported for the runner's own tests (test/test262-runner), which load this bundle.
export { extractFrontmatter, parseFrontmatter } from './frontmatter.js';
export { parseMetadata, MetadataError } from './metadata.js';
export { scenariosFor, sourceFor, harnessFiles, STRICT_PREFIX } from './scenarios.js';
export { skipDecision, loadUnsupportedFeatures } from './skip.js';
export { checkExpectations, updateExpectations, serializeExpectations, loadExpectations } from './expectations.js';
export { judgeThrow, constructorName, runTest } from './execute.js';
export { loadEngine } from './engine.js';
export { HarnessCache } from './harness.js';
export { sampleTests, discoverTests } from './discover.js';
export { groupOf, tally, rate } from './summary.js';
export { mergeRuns } from './result.js';
export { parseOptions } from './options.js';

// Bundled to dist/esm/test262/main.js: the repository root is three levels up.
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WORKER_URL = new URL('./worker.js', import.meta.url);

export async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv, {
      test262Dir: join(REPO_ROOT, '..', 'shared', 'test262'),
      expectations: join(REPO_ROOT, 'test262-runner', 'expectations.json'),
      unsupportedFeatures: join(REPO_ROOT, 'test262-runner', 'unsupported-features.json'),
      isTTY: process.stderr.isTTY === true,
      ci: process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false',
    });
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`vmjs-test262: ${e.message}\n\n${USAGE}`); return 2; }
    throw e;
  }
  if (opts.help) { process.stdout.write(USAGE); return 0; }
  try {
    return await run(opts, argv);
  } catch (e) {
    if (e instanceof DiscoveryError || e instanceof FatalWorkerError) { process.stderr.write(`vmjs-test262: ${e.message}\n`); return 2; }
    throw e;
  }
}

function byFile(a: TestResult, b: TestResult): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

async function run(opts: Options, argv: string[]): Promise<number> {
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const test262Dir = resolve(opts.test262Dir);
  const all = discoverTests(test262Dir, opts.paths, process.cwd());
  const files = sampleTests(all, opts.sample);
  const unsupported = loadUnsupportedFeatures(opts.unsupportedFeatures);
  const jobs = Math.max(1, Math.min(opts.jobs, files.length));
  log(`vmjs-test262: ${files.length} tests${opts.sample > 1 ? ` (1 in ${opts.sample} per directory of ${all.length})` : ''} from ${test262Dir}`
    + ` on ${opts.engine}${opts.generatorForm ? ' (generator form everywhere)' : ''}${opts.regexpOwnMatcher ? ' (own regexp matcher everywhere)' : ''}${opts.debugHooks ? ' (debug hooks everywhere)' : ''}${opts.tier !== null ? ` (compiled tier ${opts.tier})` : ''}, ${jobs} workers, timeout ${opts.timeout} ms${opts.repeat > 1 ? `, ${opts.repeat} runs` : ''}; ${unsupported.size} features declared unsupported`);

  // [[CanBlock]] true: tests run in worker threads, which may block; node's contexts there can, and
  // the runner makes vmjs's test contexts with `canBlock: true` (src/realm/builtins/atomics.ts).
  const runOnce = async (list: readonly string[], timeout: number): Promise<TestResult[]> => {
    const results: TestResult[] = [];
    const progress = createProgress(opts.progress, list.length, log);
    try {
      await runPool(list, {
        size: Math.min(jobs, list.length),
        workerUrl: WORKER_URL,
        config: { engine: opts.engine, test262Dir, unsupported: [...unsupported], canBlock: true, timeout, generatorForm: opts.generatorForm, regexpOwnMatcher: opts.regexpOwnMatcher, debugHooks: opts.debugHooks, tier: opts.tier },
        // A test has at most two scenarios, each bounded by the timeout; the rest is slack for a loaded machine.
        hardTimeout: timeout * 3 + 2000,
        recycleAfter: 2000,
        maxHeapMb: opts.workerHeapMb,
        execArgv: opts.engine === 'node' ? ['--experimental-vm-modules', '--no-warnings'] : [],
      }, (r) => { results.push(r); progress.tick(r); });
    } finally {
      progress.stop();
    }
    return results.sort(byFile);
  };

  const started = Date.now();
  const runs: TestResult[][] = [];
  for (let k = 0; k < opts.repeat; k++) runs.push(await runOnce(files, opts.timeout));
  let results = mergeRuns(runs);
  let retried: TestResult[] = [];
  if (opts.check) {
    // A listed test that fails is run once more with twice the time before it counts as a
    // regression, so a loaded CI machine does not turn a slow pass into a red build.
    const listed = loadExpectations(opts.expectations);
    const suspects = results.filter((r) => listed.has(r.file) && r.status === 'fail').map((r) => r.file);
    if (suspects.length > 0) {
      log(`re-running ${suspects.length} listed test${suspects.length === 1 ? '' : 's'} that failed, with a ${opts.timeout * 2} ms timeout`);
      const again = new Map((await runOnce(suspects, opts.timeout * 2)).map((r) => [r.file, r]));
      retried = [...again.values()].filter((r) => r.status === 'pass');
      results = results.map((r) => {
        const second = again.get(r.file);
        if (second === undefined) return r;
        if (second.status !== 'pass') return { ...second, message: `failed twice (second try with a doubled timeout): ${second.message ?? 'failed'}` };
        return { ...second, message: `passed on a second try with a doubled timeout; first try: ${r.message ?? 'failed'}` };
      });
    }
  }
  const wallMs = Date.now() - started;

  const info: RunInfo = {
    date: new Date().toISOString(),
    engine: opts.engine,
    test262Dir,
    command: ['vmjs-test262', ...argv].join(' '),
    wallMs,
    jobs,
    timeout: opts.timeout,
    missing: MISSING_CAPABILITIES,
  };
  process.stdout.write(`${formatSummary(results, { wallMs, jobs, missing: MISSING_CAPABILITIES })}\n`);
  if (opts.json !== null) { writeJsonReport(opts.json, info, results); log(`wrote ${opts.json}`); }
  if (opts.html !== null) { writeHtmlReport(opts.html, info, results); log(`wrote ${opts.html}`); }

  if (opts.check) {
    const report = checkExpectations(loadExpectations(opts.expectations), results);
    for (const r of retried) process.stdout.write(`slow or flaky (passed on the second try): ${r.file}\n`);
    process.stdout.write(`${formatCheck(report)}\n`);
    return report.regressions.length > 0 ? 1 : 0;
  }
  if (opts.update) {
    const before = loadExpectations(opts.expectations);
    const after = updateExpectations(before, results);
    writeExpectations(opts.expectations, after);
    log(`wrote ${opts.expectations}: ${after.size} passing tests (was ${before.size})`);
    return 0;
  }
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}
