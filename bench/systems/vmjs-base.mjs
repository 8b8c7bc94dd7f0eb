// vmjs-base: another checkout's build, for a before/after of a change in one run:
// `VMJS_BASE=/path/to/checkout node bench/run.mjs --systems vmjs,vmjs-base` (that checkout built with
// `node scripts/build.mjs --no-types`). Same runner as bench/systems/vmjs.mjs.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerFor } from './vmjs.mjs';

function baseDir() {
  const dir = process.env.VMJS_BASE;
  if (!dir) throw new Error('vmjs-base needs VMJS_BASE=<a vmjs checkout with dist/ built>');
  return resolve(dir);
}

/** @param {(line: string) => void} print */
export function createRunner(print) {
  return runnerFor(pathToFileURL(join(baseDir(), 'dist', 'esm', 'index.js')).href, print);
}

export const version = () => `vmjs at ${process.env.VMJS_BASE ?? '(VMJS_BASE not set)'}`;
