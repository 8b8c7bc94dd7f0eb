// The machine-readable (--json) and browsable (--html) reports of a run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestResult } from './result.js';
import { formatRateLine, groupOf, percent, rate, tally, total } from './summary.js';

export interface RunInfo {
  date: string;
  engine: string;
  test262Dir: string;
  command: string;
  wallMs: number;
  jobs: number;
  timeout: number;
  missing: readonly string[];
}

export function writeJsonReport(file: string, info: RunInfo, results: readonly TestResult[]): void {
  const byDirectory = Object.fromEntries(tally(results, (r) => groupOf(r.file)));
  const report = { info, total: total(results), byDirectory, results };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report));
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderHtml(info: RunInfo, results: readonly TestResult[]): string {
  const groups = tally(results, (r) => groupOf(r.file));
  const byGroup = new Map<string, TestResult[]>();
  for (const r of results) {
    const g = groupOf(r.file);
    let list = byGroup.get(g);
    if (list === undefined) { list = []; byGroup.set(g, list); }
    list.push(r);
  }
  const anchor = (g: string): string => `d-${g.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const rows = [...groups].map(([g, t]) => {
    const r = rate(t);
    return `<tr><td><a href="#${anchor(g)}">${esc(g)}</a></td><td>${t.pass}</td><td>${t.fail}</td><td>${t.skip}</td>`
      + `<td><span class="bar"><span style="width:${(r * 100).toFixed(1)}%"></span></span> ${percent(r)}</td></tr>`;
  }).join('\n');
  const sections = [...byGroup].map(([g, list]) => {
    const failed = list.filter((r) => r.status === 'fail');
    const skipped = list.filter((r) => r.status === 'skip');
    const items = (rs: TestResult[]): string => rs.map((r) => `<li><code>${esc(r.file)}</code><pre>${esc(r.message ?? '')}</pre></li>`).join('\n');
    const t = groups.get(g)!;
    return `<section id="${anchor(g)}"><h2>${esc(g)} <small>${t.pass} pass, ${t.fail} fail, ${t.skip} skip — ${percent(rate(t))}</small></h2>
<details${failed.length > 0 && failed.length <= 50 ? ' open' : ''}><summary>${failed.length} failing</summary><ul>${items(failed)}</ul></details>
${skipped.length > 0 ? `<details><summary>${skipped.length} skipped</summary><ul>${items(skipped)}</ul></details>` : ''}
</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vmjs test262 report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1200px}
table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}td:first-child,th:first-child{text-align:left}
tr:nth-child(even){background:#f4f4f4}
.bar{display:inline-block;width:100px;height:8px;background:#e66;vertical-align:middle}.bar span{display:block;height:100%;background:#4a4}
pre{margin:0 0 .5em 1em;white-space:pre-wrap;color:#a00}li{margin:.2em 0}h2 small{font-weight:normal;color:#666}
</style></head><body>
<h1>vmjs test262 report</h1>
<p>${esc(formatRateLine(total(results)))}</p>
<p>${esc(info.date)} · engine ${esc(info.engine)} · ${esc(info.command)} · wall time ${(info.wallMs / 1000).toFixed(1)} s on ${info.jobs} workers · timeout ${info.timeout} ms</p>
<p>$262 capabilities missing: ${esc(info.missing.join('; '))}</p>
<table><thead><tr><th>directory</th><th>pass</th><th>fail</th><th>skip</th><th>rate</th></tr></thead><tbody>
${rows}
</tbody></table>
${sections}
</body></html>
`;
}

export function writeHtmlReport(file: string, info: RunInfo, results: readonly TestResult[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderHtml(info, results));
}
