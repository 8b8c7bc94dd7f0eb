// The debugger page (web/debugger) → dist/debugger/: a static folder (relative URLs only) that any
// static host can serve. app.js is the page, worker.js the module worker that runs vmjs.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildDebugger() {
  const out = join(root, 'dist/debugger');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { app: join(root, 'web/debugger/src/app.ts'), worker: join(root, 'web/debugger/src/worker.ts') },
    outdir: out, bundle: true, platform: 'browser', format: 'esm', target: 'es2022',
    // vmjs is in both (the page's Trace evaluates breakpoint conditions with it): one shared chunk.
    splitting: true, chunkNames: 'chunks/[name]-[hash]',
    minify: true, sourcemap: true, logLevel: 'warning', legalComments: 'eof',
  });
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(root, 'web/debugger', file), join(out, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDebugger();
