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

async function run(opts: Options, argv: string[]): Promise<number> {
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const test262Dir = resolve(opts.test262Dir);
  const all = discoverTests(test262Dir, opts.paths, process.cwd());
  const files = sampleTests(all, opts.sample);
  const unsupported = loadUnsupportedFeatures(opts.unsupportedFeatures);
  const jobs = Math.max(1, Math.min(opts.jobs, files.length));
  log(`vmjs-test262: ${files.length} tests${opts.sample > 1 ? ` (1 in ${opts.sample} per directory of ${all.length})` : ''} from ${test262Dir}`
    + ` on ${opts.engine}, ${jobs} workers, timeout ${opts.timeout} ms${opts.repeat > 1 ? `, ${opts.repeat} runs` : ''}; ${unsupported.size} features declared unsupported`);

  const started = Date.now();
  const runs: TestResult[][] = [];
  for (let k = 0; k < opts.repeat; k++) {
    const results: TestResult[] = [];
    const progress = createProgress(opts.progress, files.length, log);
    try {
      await runPool(files, {
        size: jobs,
        workerUrl: WORKER_URL,
        config: { engine: opts.engine, test262Dir, unsupported: [...unsupported], canBlock: true, timeout: opts.timeout },
        // A test has at most two scenarios, each bounded by the timeout; the rest is slack for a loaded machine.
        hardTimeout: opts.timeout * 2 + 20000,
        recycleAfter: 2000,
        maxHeapMb: 1536,
        execArgv: opts.engine === 'node' ? ['--experimental-vm-modules', '--no-warnings'] : [],
      }, (r) => { results.push(r); progress.tick(r); });
    } finally {
      progress.stop();
    }
    runs.push(results);
  }
  const results = mergeRuns(runs.map((r) => [...r].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))));
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
