// Tallies of results per directory and the text summary printed after a run.
import type { TestResult } from './result.js';

export interface Tally { pass: number; fail: number; skip: number; ms: number }

function emptyTally(): Tally { return { pass: 0, fail: 0, skip: 0, ms: 0 }; }

/** `test/built-ins/Array/from/x.js` → `built-ins/Array` (two levels below test/). */
export function groupOf(file: string, depth = 2): string {
  const parts = file.split('/');
  if (parts[0] === 'test') parts.shift();
  parts.pop();
  return parts.length === 0 ? '(top)' : parts.slice(0, depth).join('/');
}

export function dirOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/'));
}

export function tally(results: Iterable<TestResult>, key: (r: TestResult) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of results) {
    const k = key(r);
    let t = out.get(k);
    if (t === undefined) { t = emptyTally(); out.set(k, t); }
    t[r.status]++;
    t.ms += r.ms;
  }
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

export function total(results: Iterable<TestResult>): Tally {
  const t = emptyTally();
  for (const r of results) { t[r.status]++; t.ms += r.ms; }
  return t;
}

/** Passing share of the tests that ran (skips are not in the denominator; they are printed beside it). */
export function rate(t: Tally): number {
  const ran = t.pass + t.fail;
  return ran === 0 ? 0 : t.pass / ran;
}

export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function formatRateLine(t: Tally): string {
  const skipped = t.skip === 0 ? 'none skipped' : `${t.skip} skipped`;
  return `${percent(rate(t))} passing (${t.pass} of ${t.pass + t.fail} run; ${skipped}; ${percent(t.pass / Math.max(1, t.pass + t.fail + t.skip))} of all ${t.pass + t.fail + t.skip})`;
}

export function formatTable(rows: Map<string, Tally>, title: string): string {
  const names = [...rows.keys()];
  const w = Math.max(title.length, ...names.map((n) => n.length));
  const head = `${title.padEnd(w)}  ${'pass'.padStart(6)}  ${'fail'.padStart(6)}  ${'skip'.padStart(6)}  ${'rate'.padStart(6)}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const [name, t] of rows) {
    lines.push(`${name.padEnd(w)}  ${String(t.pass).padStart(6)}  ${String(t.fail).padStart(6)}  ${String(t.skip).padStart(6)}  ${percent(rate(t)).padStart(6)}`);
  }
  return lines.join('\n');
}

export function slowest(results: Iterable<TestResult>, n: number): [string, Tally][] {
  return [...tally(results, (r) => dirOf(r.file))].sort((a, b) => b[1].ms - a[1].ms).slice(0, n);
}

export function formatSummary(results: readonly TestResult[], extra: { wallMs: number; jobs: number; missing: readonly string[] }): string {
  const out: string[] = [];
  out.push(formatTable(tally(results, (r) => groupOf(r.file)), 'directory'));
  out.push('');
  out.push(formatTable(tally(results, (r) => groupOf(r.file, 1)), 'area'));
  out.push('');
  const slow = slowest(results, 10);
  if (slow.length > 0) {
    out.push('slowest directories (summed test time):');
    for (const [dir, t] of slow) out.push(`  ${(t.ms / 1000).toFixed(1).padStart(8)} s  ${dir} (${t.pass + t.fail + t.skip} tests)`);
    out.push('');
  }
  const t = total(results);
  const skipsByKind = { feature: 0, canblock: 0 };
  for (const r of results) if (r.skipKind !== undefined) skipsByKind[r.skipKind]++;
  if (t.skip > 0) out.push(`skipped: ${skipsByKind.feature} for unsupported features, ${skipsByKind.canblock} for [[CanBlock]]`);
  out.push(`$262 capabilities missing: ${extra.missing.join('; ')}`);
  out.push(`wall time ${(extra.wallMs / 1000).toFixed(1)} s on ${extra.jobs} worker${extra.jobs === 1 ? '' : 's'}`);
  out.push(`overall: ${formatRateLine(t)}`);
  return out.join('\n');
}
