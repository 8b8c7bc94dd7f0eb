// Build: derive the synchronous evaluator, bundle ESM + CJS with esbuild, emit type declarations with tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as deriveSync } from './derive-sync.mjs';
import { buildDebugger } from './build-debugger.mjs';

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

// The browser build: one minified ES module with its source map. No Node built-in may reach it:
// esbuild's metafile lists every input and import, and the build fails if one is a Node built-in.
const browser = await build({
  entryPoints: ['src/index.ts'], outfile: 'dist/browser/vmjs.js', bundle: true, platform: 'browser', format: 'esm',
  target: 'es2022', minify: true, sourcemap: true, metafile: true, logLevel: 'warning', legalComments: 'eof',
});
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (path) => path.startsWith('node:') || builtins.has(path) || builtins.has(path.split('/')[0]);
const offenders = [];
for (const [input, { imports }] of Object.entries(browser.metafile.inputs)) {
  if (isBuiltin(input)) offenders.push(input);
  for (const { path } of imports) if (isBuiltin(path)) offenders.push(`${path} (imported by ${input})`);
}
if (offenders.length) {
  console.error(`build: the browser build reaches Node built-ins:\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
const code = readFileSync('dist/browser/vmjs.js');
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`build: dist/browser/vmjs.js ${kib(code.length)} minified, ${kib(gzipSync(code, { level: 9 }).length)} min+gzip`);

// The debugger page (README "Debugger page"): dist/debugger/, a static folder.
await buildDebugger();

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'web/debugger/tsconfig.json'], { stdio: 'inherit' });
}
