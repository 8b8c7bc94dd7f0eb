// The committed list of passing tests: --check guards it against regressions, --update rewrites it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { TestResult } from './result.js';

const COMMENT = 'Tests that pass on vmjs (every scenario). Written by `vmjs-test262 --update`, guarded by `vmjs-test262 --check`; see test262-runner/README.md.';

export function loadExpectations(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const passing = (data as { passing?: unknown } | null)?.passing;
  if (!Array.isArray(passing) || !passing.every((x): x is string => typeof x === 'string')) {
    throw new Error(`${file}: expected { "passing": [test paths] }`);
  }
  return new Set(passing);
}

export interface CheckReport {
  /** Listed as passing, ran (or was skipped), and did not pass. */
  regressions: TestResult[];
  /** Passed and not listed. */
  newlyPassing: string[];
  /** Listed and in this run. */
  checked: number;
}

/** Only tests of this run are judged; listed tests outside it (other paths, a sample) are not. */
export function checkExpectations(listed: ReadonlySet<string>, results: readonly TestResult[]): CheckReport {
  const regressions: TestResult[] = [];
  const newlyPassing: string[] = [];
  let checked = 0;
  for (const r of results) {
    const expected = listed.has(r.file);
    if (expected) checked++;
    if (expected && r.status !== 'pass') regressions.push(r);
    else if (!expected && r.status === 'pass') newlyPassing.push(r.file);
  }
  return { regressions, newlyPassing, checked };
}

/** This run's tests are listed exactly when they passed; tests outside the run keep their entry. */
export function updateExpectations(listed: ReadonlySet<string>, results: readonly TestResult[]): Set<string> {
  const out = new Set(listed);
  for (const r of results) {
    if (r.status === 'pass') out.add(r.file);
    else out.delete(r.file);
  }
  return out;
}

export function serializeExpectations(passing: ReadonlySet<string>): string {
  return `${JSON.stringify({ comment: COMMENT, count: passing.size, passing: [...passing].sort() }, null, 1)}\n`;
}

export function writeExpectations(file: string, passing: ReadonlySet<string>): void {
  writeFileSync(file, serializeExpectations(passing));
}

export function formatCheck(report: CheckReport, limit = 200): string {
  const lines: string[] = [];
  if (report.newlyPassing.length > 0) {
    lines.push(`${report.newlyPassing.length} newly passing (not in the expectations file; run --update to add them):`);
    for (const f of report.newlyPassing.slice(0, limit)) lines.push(`  + ${f}`);
    if (report.newlyPassing.length > limit) lines.push(`  … and ${report.newlyPassing.length - limit} more`);
  }
  if (report.regressions.length > 0) {
    lines.push(`${report.regressions.length} REGRESSIONS (listed as passing, now ${report.regressions.length === 1 ? 'does' : 'do'} not pass):`);
    for (const r of report.regressions.slice(0, limit)) lines.push(`  - ${r.file} [${r.status}] ${r.message ?? ''}`);
    if (report.regressions.length > limit) lines.push(`  … and ${report.regressions.length - limit} more`);
  } else {
    lines.push(`expectations hold: all ${report.checked} listed tests of this run pass`);
  }
  return lines.join('\n');
}
