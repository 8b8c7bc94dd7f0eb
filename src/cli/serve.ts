// `vmjs serve [dir] [--port N]`: serves a static folder (by default the debugger page the build puts in
// dist/debugger/) on 127.0.0.1 and prints its URL; runs until interrupted. The page needs no server
// of its own: this is only a convenience for opening it locally.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

export const SERVE_USAGE = `Usage: vmjs serve [dir] [--port <n>]

Serves dir (by default the debugger page, dist/debugger/ in the vmjs package) on
http://127.0.0.1:<n>/ (default port 8080; 0 picks a free one) and prints the URL.
Stop it with Ctrl+C.
`;

const DEFAULT_PORT = 8080;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

interface Output { write(text: string): unknown }

/** The vmjs package's root: the nearest folder above this module whose package.json names vmjs. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'vmjs') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('vmjs serve: cannot find the vmjs package folder');
    dir = parent;
  }
}

/** `given`: the folder was named on the command line (else it is the built debugger page). */
interface ServeArgs { dir: string; given: boolean; port: number }

function parseServeArgs(args: string[]): ServeArgs | string {
  let dir: string | undefined;
  let port = DEFAULT_PORT;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    let value: string | undefined;
    if (arg === '--port') {
      value = args[++i];
      if (value === undefined) return '--port needs a value';
    } else if (arg.startsWith('--port=')) {
      value = arg.slice('--port='.length);
    } else if (dir === undefined && !arg.startsWith('--')) {
      dir = arg;
      continue;
    } else {
      return `unexpected argument '${arg}'`;
    }
    if (!/^\d+$/.test(value) || Number(value) > 65535) return `--port expects a port number (0-65535), got '${value}'`;
    port = Number(value);
  }
  return { dir: resolve(dir ?? join(packageRoot(), 'dist/debugger')), given: dir !== undefined, port };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The file a request path names inside `root`, or null when it would leave it. */
function fileFor(root: string, url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.replace(/[?#].*$/s, ''));
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(root, `.${path}`);
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function answer(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let file = fileFor(root, req.url ?? '/');
  if (file === null) {
    res.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) {
      // A folder's page resolves its relative URLs against the folder: it must end in '/'.
      const path = (req.url ?? '/').replace(/[?#].*$/s, '');
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  }
}

/** Runs `vmjs serve`; resolves to the exit code once the server stops (SIGINT or SIGTERM). */
export async function serve(args: string[], io: { stdout: Output; stderr: Output }): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  const parsed = parseServeArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`vmjs serve: ${parsed}\n\n${SERVE_USAGE}`);
    return 9;
  }
  if (!parsed.given && !existsSync(join(parsed.dir, 'index.html'))) {
    io.stderr.write(`vmjs serve: the debugger page is not built (no ${join(parsed.dir, 'index.html')}): run \`npm run build\` first\n`);
    return 1;
  }
  if (parsed.given && !(await isDirectory(parsed.dir))) {
    io.stderr.write(`vmjs serve: ${parsed.dir} is not a folder\n`);
    return 1;
  }
  const server = createServer((req, res) => { void answer(parsed.dir, req, res); });
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(parsed.port, '127.0.0.1', () => ok());
    });
  } catch (e) {
    io.stderr.write(`vmjs serve: cannot listen on 127.0.0.1:${parsed.port}: ${(e as Error).message}\n`);
    return 1;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : parsed.port;
  io.stdout.write(`Serving ${parsed.dir}\nOpen http://127.0.0.1:${port}/ (Ctrl+C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => done());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
