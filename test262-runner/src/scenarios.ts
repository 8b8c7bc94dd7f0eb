// Flag expansion (INTERPRETING.md "Strict Mode" and "flags"): how many times a test runs, and how
// its source is modified for each run.
import type { TestMetadata } from './metadata.js';

/** sloppy/strict: global code without/with the "use strict" prefix; raw: unmodified, no harness;
 * module: module code. */
export type Mode = 'sloppy' | 'strict' | 'raw' | 'module';

export function scenariosFor(meta: TestMetadata): Mode[] {
  if (meta.flags.has('module')) return ['module'];
  if (meta.flags.has('raw')) return ['raw'];
  if (meta.flags.has('onlyStrict')) return ['strict'];
  if (meta.flags.has('noStrict')) return ['sloppy'];
  return ['sloppy', 'strict'];
}

export const STRICT_PREFIX = '"use strict";\n';

/** The source text to evaluate in `mode`: the strict prefix precedes any other modification. */
export function sourceFor(mode: Mode, source: string): string {
  return mode === 'strict' ? STRICT_PREFIX + source : source;
}

/** Whether harness files (assert.js, sta.js, doneprintHandle.js for async, includes) are evaluated. */
export function usesHarness(mode: Mode): boolean {
  return mode !== 'raw';
}

/** The harness files to evaluate before the test, in order (INTERPRETING.md "includes", "async"). */
export function harnessFiles(meta: TestMetadata, mode: Mode): string[] {
  if (!usesHarness(mode)) return [];
  const files = ['assert.js', 'sta.js'];
  if (meta.flags.has('async')) files.push('doneprintHandle.js');
  for (const f of meta.includes) if (!files.includes(f)) files.push(f);
  return files;
}
