// Differential fuzzing against node:vm: runs random programs (programs.mjs) in a fresh context of
// each and compares the outcomes (completion value, or thrown error class, name and message),
// normalised as the differential suite does. Used by the mocha test (a fixed seed, seconds) and by
// `npm run fuzz -- --minutes N` (new seeds; disagreements reported as shrunk reproducers).
import fc from 'fast-check';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';
import { outcome } from '../differential/normalize.mjs';
import { program } from './programs.mjs';

/** The outcome of `code` in a fresh context of `vm`, or null when it ran out of time in node. */
export function run(vm, code) {
  return outcome(() => vm.runInContext(code, vm.createContext({}), { timeout: 1000 }));
}

/** A fast-check property: vmjs and node:vm agree on the program. Programs node itself cannot
 * finish in time are skipped (the grammar's loops are bounded; this is only a guard). */
export const agrees = fc.property(program, (code) => {
  const expected = run(nodeVm, code);
  if (expected.threw?.message?.startsWith('Script execution timed out')) return true;
  const actual = run(vmjs, code);
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`vmjs and node:vm disagree\n--- program ---\n${code}\n--- node:vm ---\n${e}\n--- vmjs ---\n${a}`);
  return true;
});
