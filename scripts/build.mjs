// Build: derive the synchronous evaluator, bundle ESM + CJS with esbuild, emit type declarations with tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as deriveSync } from './derive-sync.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
deriveSync();
rmSync('dist', { recursive: true, force: true });

const common = { bundle: true, platform: 'neutral', target: 'es2022', sourcemap: true, logLevel: 'warning', external: ['node:*'], mainFields: ['module', 'main'] };
const entries = { index: 'src/index.ts', internal: 'src/internal.ts', 'cli/main': 'src/cli/main.ts' };
if (existsSync('test262-runner/src/main.ts')) entries['test262/main'] = 'test262-runner/src/main.ts';
if (existsSync('test262-runner/src/worker.ts')) entries['test262/worker'] = 'test262-runner/src/worker.ts';
await build({ ...common, entryPoints: entries, outdir: 'dist/esm', format: 'esm', splitting: true, external: ['node:*', 'cli-progress'] });
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/cjs/index.cjs', format: 'cjs' });
if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
