// The portable suite's harness: describe/it/expect, the same in Node, Deno, Bun and a browser page.
// The suite files (suite/*.mjs) import nothing: each default-exports a function that receives
// { describe, it, expect, vm, host } and registers its tests, so the same files run against
// dist/esm (Node, Deno, Bun) or dist/browser (Chromium) with no module resolution of their own.
import { expect as chaiExpect } from '../../node_modules/chai/index.js';

/** The suite, in order. */
export const files = ['language', 'stdlib', 'async', 'binary-data', 'isolation', 'vm-api', 'modules', 'debugger', 'node-only'];

/** Which host this is, and its version. */
export function describeHost() {
  const g = globalThis;
  if (g.Deno?.version) return { name: 'deno', version: g.Deno.version.deno, node: false };
  if (g.Bun?.version) return { name: 'bun', version: g.Bun.version, node: false };
  if (g.process?.release?.name === 'node') return { name: 'node', version: g.process.versions.node, node: true };
  const ua = g.navigator?.userAgent ?? 'unknown';
  const m = /(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(ua);
  return { name: m ? 'chromium' : 'browser', version: m ? m[1] : ua, node: false };
}

/**
 * Registers and runs every suite file against `vm` (`version` overrides the host's own account of
 * its version: a browser page's user agent gives only the major version).
 * Returns { host, tests, passed, failed, assertions, failures }.
 */
export async function runSuite({ vm, log = console.log, version }) {
  const host = describeHost();
  if (version) host.version = version;
  const tests = [];
  const path = [];
  let assertions = 0;
  const describe = (name, fn) => { path.push(name); try { fn(); } finally { path.pop(); } };
  const it = (name, fn) => { tests.push({ name: [...path, name].join(' › '), fn }); };
  const expect = (...args) => { assertions++; return chaiExpect(...args); };
  for (const file of files) {
    const mod = await import(new URL(`./suite/${file}.mjs`, import.meta.url).href);
    describe(file, () => mod.default({ describe, it, expect, vm, host }));
  }
  const failures = [];
  for (const t of tests) {
    try {
      await t.fn();
    } catch (e) {
      failures.push({ name: t.name, error: (e && e.stack) || String(e) });
      log(`FAIL ${t.name}\n  ${String((e && e.message) || e).split('\n').join('\n  ')}`);
    }
  }
  return { host, tests: tests.length, passed: tests.length - failures.length, failed: failures.length, assertions, failures };
}

/** The one-line summary every runner prints. */
export function summary(r) {
  return `portable suite on ${r.host.name} ${r.host.version}: ${r.passed}/${r.tests} tests passed, ${r.failed} failed (${r.assertions} assertions)`;
}
