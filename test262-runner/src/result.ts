// What one test produced: the unit of the summary, the JSON report and the expectations file.
import type { Mode } from './scenarios.js';

export type Status = 'pass' | 'fail' | 'skip';

export interface ScenarioResult {
  mode: Mode;
  pass: boolean;
  /** Why it failed. */
  message?: string;
  /** It ran out of time (later scenarios of the test are then not run). */
  timedOut?: boolean;
  ms: number;
}

export interface TestResult {
  /** Path relative to the test262 directory, with forward slashes: `test/built-ins/Array/length.js`. */
  file: string;
  /** pass: every scenario passed; fail: one did not (or the test could not be run); skip: not run. */
  status: Status;
  scenarios: ScenarioResult[];
  /** The first failure's message, or the skip reason. */
  message?: string;
  /** For skips: an unsupported feature or a [[CanBlock]] mismatch. */
  skipKind?: 'feature' | 'canblock';
  ms: number;
}

export function combine(file: string, scenarios: ScenarioResult[], ms: number): TestResult {
  const failed = scenarios.find((s) => !s.pass);
  if (failed === undefined) return { file, status: 'pass', scenarios, ms };
  return { file, status: 'fail', scenarios, message: `[${failed.mode}] ${failed.message ?? 'failed'}`, ms };
}

export function failure(file: string, message: string, ms: number): TestResult {
  return { file, status: 'fail', scenarios: [], message, ms };
}

/** One result per test from several runs of the same tests: a test passes only if it passed in
 * every run; one that both passed and failed is flaky, which counts as a failure. */
export function mergeRuns(runs: readonly (readonly TestResult[])[]): TestResult[] {
  if (runs.length === 1) return [...runs[0]];
  const byFile = new Map<string, TestResult[]>();
  for (const run of runs) {
    for (const r of run) {
      let list = byFile.get(r.file);
      if (list === undefined) { list = []; byFile.set(r.file, list); }
      list.push(r);
    }
  }
  const out: TestResult[] = [];
  for (const [, list] of byFile) {
    const passes = list.filter((r) => r.status === 'pass').length;
    const ms = list.reduce((a, r) => a + r.ms, 0) / list.length;
    if (passes === list.length || passes === 0) { out.push({ ...list.find((r) => r.status !== 'pass') ?? list[0], ms }); continue; }
    const bad = list.find((r) => r.status !== 'pass')!;
    out.push({ ...bad, status: 'fail', ms, message: `flaky: passed ${passes} of ${list.length} runs; otherwise ${bad.message ?? bad.status}` });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
