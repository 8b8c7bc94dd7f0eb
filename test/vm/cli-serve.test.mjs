// `vmjs serve [dir] [--port N]`, run as a child process: a static server on 127.0.0.1 for the
// debugger page (dist/debugger/ by default) or any folder.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'bin/vmjs.js');

/** Starts `vmjs serve ...args --port 0`; resolves to the child and the URL it printed. */
function serve(...args) {
  const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ child, url: m[1], out });
    });
    child.once('exit', (code) => reject(new Error(`vmjs serve exited ${code}`)));
  });
}

/** A raw GET (the path is sent as written, unlike fetch, which resolves `..`). */
function get(url, path) {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], location: res.headers.location, body }));
    }).on('error', reject).end();
  });
}

const stopped = (child) => new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('CLI: vmjs serve', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vmjs-serve-'));
    mkdirSync(join(dir, 'site', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'site', 'app.js'), 'export const x = 1;');
    writeFileSync(join(dir, 'site', 'sub', 'index.html'), 'sub');
    writeFileSync(join(dir, 'secret.txt'), 'not served');
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('serves a folder on 127.0.0.1 with content types, index.html for folders, 404 and no way out of it', async () => {
    const { child, url, out } = await serve(join(dir, 'site'));
    try {
      expect(out).to.include(`Serving ${join(dir, 'site')}`);
      const index = await get(url, '/');
      expect(index).to.include({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>t</title>' });
      expect(await get(url, '/app.js?v=1')).to.include({ status: 200, type: 'text/javascript; charset=utf-8' });
      expect(await get(url, '/sub/')).to.include({ status: 200, body: 'sub' });
      expect(await get(url, '/sub')).to.include({ status: 301, location: '/sub/' });
      expect((await get(url, '/missing.js')).status).to.equal(404);
      expect((await get(url, '/%2e%2e/secret.txt')).status).to.equal(403);
      expect((await get(url, '/../secret.txt')).status).to.equal(403);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await stopped(child)).to.equal(0);
  });

  it('serves the built debugger page by default', async () => {
    const { child, url } = await serve();
    try {
      const page = await get(url, '/');
      expect(page.status).to.equal(200);
      expect(page.body).to.include('vmjs <span>debugger</span>');
      for (const file of ['/app.js', '/worker.js', '/styles.css']) expect((await get(url, file)).status, file).to.equal(200);
    } finally {
      child.kill('SIGTERM');
    }
    await stopped(child);
  });

  it('bad usage exits 9; a folder that does not exist exits 1; --help prints its usage', () => {
    for (const args of [['--port', 'x'], ['--port', '70000'], [dir, 'extra'], ['--frobnicate']]) {
      const r = spawnSync(process.execPath, [bin, 'serve', ...args], { encoding: 'utf8', timeout: 10000 });
      expect(r.status, args.join(' ')).to.equal(9);
      expect(r.stderr).to.match(/^vmjs serve: /);
    }
    const missing = spawnSync(process.execPath, [bin, 'serve', join(dir, 'nowhere'), '--port', '0'], { encoding: 'utf8', timeout: 10000 });
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.include('is not a folder');
    const help = spawnSync(process.execPath, [bin, 'serve', '--help'], { encoding: 'utf8', timeout: 10000 });
    expect(help.status).to.equal(0);
    expect(help.stdout).to.match(/^Usage: vmjs serve \[dir\] \[--port <n>\]/);
  });
});
