// The portable suite in headless Chromium: serves the repository on 127.0.0.1, opens
// test/portable/index.html (which imports dist/browser/vmjs.js) with playwright-core, and
// reports what the page reports. CHROMIUM=/path overrides /usr/bin/chromium.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.map': 'application/json', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/test/portable/index.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let code = 1;
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.log(m.text()));
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  await page.goto(`${url}?version=${encodeURIComponent(browser.version())}`);
  await page.waitForFunction(() => window.__vmjsResult !== undefined, null, { timeout: 120_000 });
  const result = await page.evaluate(() => window.__vmjsResult);
  code = !result.error && result.failed === 0 && result.tests > 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
