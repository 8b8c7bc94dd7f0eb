// Which test files a run covers: the given files and directories (or the default corpus), minus
// _FIXTURE files (INTERPRETING.md "Modules"), optionally sampled.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Directories left out of a run without paths: ECMA-402 (vmjs has no Intl) and staging. */
export const DEFAULT_EXCLUDED = ['test/intl402', 'test/staging'];

export class DiscoveryError extends Error {}

/** Test ids (paths relative to test262Dir, forward slashes), sorted. */
export function discoverTests(test262Dir: string, paths: readonly string[], cwd: string): string[] {
  const root = resolve(test262Dir);
  if (!existsSync(join(root, 'test')) || !existsSync(join(root, 'harness'))) {
    throw new DiscoveryError(`${root} is not a test262 checkout (it needs test/ and harness/); use --test262 DIR`);
  }
  const found = new Set<string>();
  if (paths.length === 0) {
    walk(join(root, 'test'), root, found, DEFAULT_EXCLUDED.map((d) => join(root, d)));
  } else {
    for (const p of paths) {
      const abs = locate(root, p, cwd);
      if (abs === null) throw new DiscoveryError(`no such test file or directory: ${p} (looked in ${root}, ${join(root, 'test')} and ${cwd})`);
      const rel = relative(root, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) throw new DiscoveryError(`${p} is outside the test262 directory ${root}`);
      if (statSync(abs).isDirectory()) walk(abs, root, found, []);
      else if (isTestFile(abs)) found.add(toId(root, abs));
      else throw new DiscoveryError(`${p} is not a test file (a .js file whose name has no _FIXTURE)`);
    }
  }
  return [...found].sort();
}

function locate(root: string, p: string, cwd: string): string | null {
  const candidates = isAbsolute(p) ? [p] : [join(root, p), join(root, 'test', p), resolve(cwd, p)];
  for (const c of candidates) if (existsSync(c)) return resolve(c);
  return null;
}

function walk(dir: string, root: string, out: Set<string>, excluded: readonly string[]): void {
  if (excluded.includes(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, root, out, excluded);
    else if (entry.isFile() && isTestFile(abs)) out.add(toId(root, abs));
  }
}

function isTestFile(abs: string): boolean {
  return abs.endsWith('.js') && !abs.includes('_FIXTURE');
}

function toId(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}

/** Keeps the first of every `every` tests of each directory, so every directory stays covered;
 * the choice depends only on the file names. */
export function sampleTests(ids: readonly string[], every: number): string[] {
  if (every <= 1) return [...ids];
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const id of ids) {
    const dir = id.slice(0, id.lastIndexOf('/'));
    const k = seen.get(dir) ?? 0;
    seen.set(dir, k + 1);
    if (k % every === 0) out.push(id);
  }
  return out;
}
