// The portable suite from a command line: `node test/portable/run.mjs`, `deno run --allow-read
// test/portable/run.mjs`, `bun test/portable/run.mjs`. Runs against dist/esm (build first).
import * as vm from '../../dist/esm/index.js';
import { runSuite, summary } from './harness.mjs';

const result = await runSuite({ vm });
console.log(summary(result));
const code = result.failed === 0 && result.tests > 0 ? 0 : 1;
if (globalThis.Deno) globalThis.Deno.exit(code);
else globalThis.process.exit(code);
