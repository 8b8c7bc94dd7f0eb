// `npm run fuzz -- --minutes N [--seed S]`: differential fuzzing of vmjs against node:vm with new
// random programs until the time is up (build first: it runs dist/). Each disagreement is printed as
// a shrunk reproducer (the program and both outcomes); exit code 1 if any was found.
import fc from 'fast-check';
import { agrees } from '../test/fuzz/differential-fuzz.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : fallback; };
const minutes = opt('--minutes', 1);
let seed = opt('--seed', Date.now() % 2 ** 31);
const deadline = Date.now() + minutes * 60_000;
let programs = 0;
let found = 0;
while (Date.now() < deadline) {
  const details = fc.check(agrees, { seed, numRuns: 500 });
  programs += details.numRuns;
  if (details.failed) {
    found++;
    console.log(`--- disagreement (seed ${seed}, path ${details.counterexamplePath}) ---`);
    console.log(String(details.errorInstance?.message ?? details.error).split('\n').slice(0, 12).join('\n'));
  }
  seed = (seed + 1) % 2 ** 31;
}
console.log(`fuzz: ${programs} programs in ${minutes} min, ${found} disagreement${found === 1 ? '' : 's'}`);
process.exitCode = found > 0 ? 1 : 0;
