// The debugger page in a real headless Chromium (playwright-core, Debian's /usr/bin/chromium; CHROMIUM=
// overrides it): `vmjs serve dist/debugger` serves the built page, and the test steps through a
// recursive factorial and a closure counter forwards and back, asserting the highlighted line, the
// frames and the arrows from bindings to object boxes. Screenshots go to test-output/debugger-page/.
// Needs `npm run build` first. Exits 1 on the first failed assertion.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strict as assert } from 'node:assert';
import { chromium } from 'playwright-core';
import { trace as factorialTrace } from './fixtures/factorial-trace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-output/debugger-page');
mkdirSync(shots, { recursive: true });
if (!existsSync(join(root, 'dist/debugger/index.html'))) {
  console.error('debugger-page: dist/debugger/index.html is missing: run `npm run build` first');
  process.exit(1);
}

/** Starts `vmjs serve <dir> --port 0` and answers the URL it prints. */
async function startServer(dir = join(root, 'dist/debugger')) {
  const child = spawn(process.execPath, [join(root, 'bin/vmjs.js'), 'serve', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`vmjs serve exited (${code}) before printing a URL: ${text}`)));
  });
  return { child, url };
}

const encode = (source) => Buffer.from(source, 'utf8').toString('base64url');

// ---- What the page shows, read from its DOM ----

/** The page's state: highlighted lines, frames (outermost first) with their bindings, objects, arrows. */
function readPage() {
  const lines = [...document.querySelectorAll('#editor .cm-content > .cm-line')];
  const lineOf = (cls) => lines.findIndex((l) => l.classList.contains(cls)) + 1;
  const text = (node) => node?.textContent ?? null;
  const frames = [...document.querySelectorAll('#frames .frame')].map((frame) => ({
    name: frame.dataset.frame,
    current: frame.classList.contains('current'),
    bindings: Object.fromEntries([...frame.querySelectorAll('tr.binding')].map((row) => {
      const value = row.querySelector('.value');
      return [row.dataset.name, value.classList.contains('ref') ? { ref: value.id } : text(value)];
    })),
  }));
  const objects = [...document.querySelectorAll('#objects .object')].map((box) => ({ id: box.id, label: box.dataset.label }));
  const arrows = [...document.querySelectorAll('#arrows path.arrow')].map((path) => {
    const source = document.getElementById(path.dataset.source);
    const target = document.getElementById(path.dataset.target);
    const [x1, y1] = path.getAttribute('d').match(/^M ([\d.-]+) ([\d.-]+)/).slice(1).map(Number);
    const [x2, y2] = path.getAttribute('d').match(/([\d.-]+) ([\d.-]+)$/).slice(1).map(Number);
    const area = document.getElementById('state').getBoundingClientRect();
    const inside = (x, y, node, slack) => {
      const r = node.getBoundingClientRect();
      const px = x + area.left - document.getElementById('state').scrollLeft;
      const py = y + area.top - document.getElementById('state').scrollTop;
      return px >= r.left - slack && px <= r.right + slack && py >= r.top - slack && py <= r.bottom + slack;
    };
    return {
      source: path.dataset.source,
      target: path.dataset.target,
      // The path starts on its reference cell and ends on the edge of its object's box.
      anchored: source !== null && target !== null && inside(x1, y1, source, 1) && inside(x2, y2, target, 1),
    };
  });
  return {
    current: lineOf('cm-current-step'),
    previous: lineOf('cm-previous-step'),
    step: window.vmjsDebugger.step,
    steps: window.vmjsDebugger.steps,
    frames,
    objects,
    arrows,
    output: document.getElementById('output').textContent,
    status: document.getElementById('status').textContent,
    error: document.getElementById('error').hidden ? null : document.getElementById('error').textContent,
  };
}

/** The label of the object box the arrow from `ref` (a cell id) points at, checking the arrow is drawn in place. */
function arrowTarget(state, ref) {
  const arrow = state.arrows.find((a) => a.source === ref);
  assert.ok(arrow, `an arrow leaves reference cell ${ref}`);
  assert.ok(arrow.anchored, `the arrow from ${ref} starts on its cell and ends on its box`);
  const box = state.objects.find((o) => o.id === arrow.target);
  assert.ok(box, `the arrow from ${ref} ends at an object box`);
  return box.label;
}

/** Clicks the breakpoint gutter beside a 1-based line. */
async function clickGutter(page, line, button = 'left') {
  const { x, y } = await page.evaluate((n) => {
    const gutter = document.querySelector('#editor .cm-breakpoint-gutter').getBoundingClientRect();
    const row = document.querySelectorAll('#editor .cm-content > .cm-line')[n - 1].getBoundingClientRect();
    return { x: gutter.left + gutter.width / 2, y: row.top + row.height / 2 };
  }, line);
  await page.mouse.click(x, y, { button });
}

let checks = 0;
const check = (what, fn) => { fn(); checks++; console.log(`  ok ${checks} ${what}`); };

async function main() {
  const { child, url } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const state = () => page.evaluate(readPage);
    const press = async (key, times = 1) => { for (let i = 0; i < times; i++) await page.keyboard.press(key); };
    const settle = () => page.waitForFunction(() => window.vmjsDebugger !== undefined && !window.vmjsDebugger.busy, null, { timeout: 60_000 });

    // ---- 1. The drawing and navigation, on a hand-written trace of fact(3) ----
    console.log('fixture: recursive factorial');
    await page.goto(url);
    await settle();
    await page.evaluate((data) => window.vmjsDebugger.showTrace(data), factorialTrace);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    let s = await state();
    check('first step: line 6 highlighted, one frame, fact drawn as a function box', () => {
      assert.equal(s.current, 6);
      assert.deepEqual(s.frames.map((f) => f.name), ['(top level)']);
      assert.equal(s.frames[0].bindings.result, '<uninitialized>');
      assert.equal(arrowTarget(s, s.frames[0].bindings.fact.ref), '[Function: fact]');
    });
    await press('ArrowRight', 8);
    s = await state();
    await page.screenshot({ path: join(shots, 'fixture-factorial-deepest.png') });
    check('forward to the base case: line 2 current, line 1 previous, four frames with n = 3, 2, 1', () => {
      assert.equal(s.step, 8);
      assert.equal(s.current, 2);
      assert.equal(s.previous, 1);
      assert.deepEqual(s.frames.map((f) => f.name), ['(top level)', 'fact', 'fact', 'fact']);
      assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2', '1']);
      assert.ok(s.frames[3].current && !s.frames[2].current);
      assert.equal(arrowTarget(s, s.frames[0].bindings.fact.ref), '[Function: fact]');
    });
    await press('ArrowUp');
    s = await state();
    check('step out of fact(1): back in fact(2) at its return (return value 2)', () => {
      assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2']);
      assert.equal(s.frames[2].bindings['Return value'], '2');
    });
    await press('ArrowLeft', 3);
    s = await state();
    check('back three steps: fact(1) again, on line 2', () => {
      assert.equal(s.step, 7);
      assert.equal(s.current, 1);
      assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2', '1']);
    });
    await press('End');
    s = await state();
    check('last step: result = 6, the output printed, one frame', () => {
      assert.equal(s.current, 7);
      assert.equal(s.frames.length, 1);
      assert.equal(s.frames[0].bindings.result, '6');
      assert.equal(s.output, '6');
    });
    // A breakpoint by clicking the gutter on line 3, then continue from the start.
    await press('Home');
    await clickGutter(page, 3);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await press('c');
    s = await state();
    check('a gutter breakpoint on line 3: continue stops there, in fact(3)', () => {
      assert.equal(s.current, 3);
      assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3']);
    });
    await press('c');
    s = await state();
    check('continue again: line 3 in fact(2)', () => {
      assert.equal(s.current, 3);
      assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2']);
    });
    await clickGutter(page, 3);
    // A conditional breakpoint: right-click the gutter of line 2, type the condition.
    await clickGutter(page, 2, 'right');
    await page.fill('#condition', 'n === 1');
    await page.press('#condition', 'Enter');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await press('Home');
    await press('c');
    s = await state();
    check('a conditional breakpoint (line 2 when n === 1): continue stops in fact(1) only', () => {
      assert.equal(s.current, 2);
      assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2', '1']);
    });

    // ---- 2. Share links ----
    const program = 'const greeting = "héllo, wörld ✓";\nconsole.log(greeting);\n';
    await page.goto(`${url}#code=${encode(program)}`);
    await settle();
    const restored = await page.evaluate(() => [...document.querySelectorAll('#editor .cm-content > .cm-line')].map((l) => l.textContent).join('\n'));
    check('a share link restores its program in the editor', () => assert.equal(restored, program));
    await page.click('#share');
    const hash = await page.evaluate(() => location.hash);
    check('Share puts the program in the hash as base64url UTF-8', () => assert.equal(hash, `#code=${encode(program)}`));

    // ---- 3. Real runs: vm.debug in the worker ----
    await runRecorded(page, url, state, press);

    // The folder works from any path of a static host: served from dist/, opened at /debugger (redirected to /debugger/).
    const parent = await startServer(join(root, 'dist'));
    try {
      await open(page, `${parent.url}debugger`, 'const x = [1, 2];\nconsole.log(x.length);\n');
      s = await state();
      check('served from a sub-folder: the page, its worker and its chunk load by relative URLs', () => {
        assert.ok(page.url().startsWith(`${parent.url}debugger/`));
        assert.ok(s.steps > 1);
      });
    } finally {
      parent.child.kill('SIGTERM');
    }

    assert.deepEqual(errors, [], 'no page errors');
    console.log(`debugger-page: ${checks} checks passed; screenshots in ${shots}`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

/** Opens the page on a share link for `program` and waits until its run is recorded and shown. */
async function open(page, url, program) {
  await page.goto('about:blank');
  await page.goto(`${url}#code=${encode(program)}`);
  await page.waitForFunction((p) => window.vmjsDebugger?.recorded === p && !window.vmjsDebugger.busy, program, { timeout: 60_000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
}

/** Replaces the program in the editor by typing, runs it with Ctrl+Enter, waits for the outcome. */
async function typeAndRun(page, program) {
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(program);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((p) => !window.vmjsDebugger.busy
    && (window.vmjsDebugger.recorded === p || document.getElementById('status').dataset.kind === 'failure'), program, { timeout: 60_000 });
  await page.keyboard.press('Escape');
}

async function runRecorded(page, url, state, press) {
  const factorial = 'function fact(n) {\n  if (n <= 1) return 1;\n  return n * fact(n - 1);\n}\n\nconst result = fact(3);\nconsole.log(result);\n';
  await open(page, url, factorial);
  let s = await state();
  if (s.steps === 0) throw new Error(`the page recorded nothing: ${s.status}`);
  console.log(`recorded: recursive factorial (${s.steps} steps)`);
  // Forward until the stack is deepest; the base case runs there.
  let deepest = s;
  for (let i = 0; i < s.steps; i++) {
    await press('ArrowRight');
    const now = await state();
    if (now.frames.length > deepest.frames.length) deepest = now;
    if (now.frames.length === 4 && now.current === 2) break;
  }
  s = await state();
  await page.screenshot({ path: join(shots, 'factorial-base-case.png') });
  check('factorial: forward to fact(1) on line 2; frames (top level), fact ×3 with n = 3, 2, 1', () => {
    assert.equal(s.current, 2);
    assert.deepEqual(s.frames.map((f) => f.name), ['(top level)', 'fact', 'fact', 'fact']);
    assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2', '1']);
    assert.equal(arrowTarget(s, s.frames[0].bindings.fact.ref), '[Function: fact]');
  });
  const deepStep = s.step;
  for (let i = 0; i < 40; i++) {
    await press('ArrowLeft');
    s = await state();
    if (s.frames.length === 3) break;
  }
  check('factorial: back until fact(1) has not been called: frames fact(3), fact(2), line 3', () => {
    assert.ok(s.step < deepStep);
    assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2']);
    assert.equal(s.current, 3);
  });
  await press('ArrowDown');
  s = await state();
  check('factorial: step over from line 3 of fact(2): its return, the call to fact(1) run through', () => {
    assert.deepEqual(s.frames.slice(1).map((f) => f.bindings.n), ['3', '2']);
    assert.equal(s.frames[2].bindings['Return value'], '2');
  });
  await press('End');
  s = await state();
  check('factorial: the last step: result = 6 and "6" printed', () => {
    assert.equal(s.frames[0].bindings.result, '6');
    assert.equal(s.output.trim(), '6');
  });

  const counter = 'function makeCounter() {\n  let count = 0;\n  return function increment() {\n    count += 1;\n    return count;\n  };\n}\n\nconst counter = makeCounter();\ncounter();\ncounter();\nconsole.log(counter());\n';
  await open(page, url, counter);
  s = await state();
  if (s.steps === 0) throw new Error(`the page recorded nothing: ${s.status}`);
  console.log(`recorded: closure counter (${s.steps} steps)`);
  // Forward into the second call of increment, on `count += 1` (line 4) with count = 1.
  const seen = [];
  for (let i = 0; i < s.steps; i++) {
    await press('ArrowRight');
    const now = await state();
    const inner = now.frames.at(-1);
    if (inner?.name === 'increment' && now.current === 4) {
      seen.push(now);
      if (seen.length === 2) break;
    }
  }
  s = await state();
  await page.screenshot({ path: join(shots, 'counter-second-call.png') });
  check('counter: in the second increment() on line 4, its closure holds count = 1', () => {
    assert.equal(seen.length, 2);
    assert.equal(s.current, 4);
    assert.deepEqual(s.frames.map((f) => f.name), ['(top level)', 'increment']);
    assert.equal(s.frames[1].bindings.count, '1');
    assert.equal(arrowTarget(s, s.frames[0].bindings.counter.ref), '[Function: increment]');
    assert.equal(arrowTarget(s, s.frames[0].bindings.makeCounter.ref), '[Function: makeCounter]');
  });
  await press('ArrowRight');
  s = await state();
  check('counter: one step on, line 5, count = 2', () => {
    assert.equal(s.current, 5);
    assert.equal(s.previous, 4);
    assert.equal(s.frames[1].bindings.count, '2');
  });
  await press('ArrowLeft');
  s = await state();
  check('counter: back one step, line 4 again, count = 1', () => {
    assert.equal(s.current, 4);
    assert.equal(s.frames[1].bindings.count, '1');
  });
  await press('End');
  s = await state();
  await page.screenshot({ path: join(shots, 'counter-end.png') });
  check('counter: the last step prints 3', () => assert.equal(s.output.trim(), '3'));

  // The page's other examples: stepped to the end and back to the start, with the frames they must show.
  const examples = [
    { name: 'Class with a method', frames: ['new Point', 'Point.distanceTo'], output: '5' },
    { name: 'Array sort with a comparator', frames: ['<anonymous>'], output: 'Alan, Grace, Ada' },
    { name: 'Generator', frames: ['range'], output: '6', value: 'Yielded' },
    { name: 'Async function', frames: ['main', 'load'], output: '8', value: 'Awaiting' },
  ];
  for (const example of examples) {
    await page.selectOption('#examples', { label: example.name });
    await page.waitForFunction(() => !window.vmjsDebugger.busy && window.vmjsDebugger.ready && window.vmjsDebugger.step === 0 && window.vmjsDebugger.recorded.includes('console.log'));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const names = new Set();
    const values = new Set();
    s = await state();
    const steps = s.steps;
    for (let i = 1; i < steps; i++) {
      await press('ArrowRight');
      s = await state();
      for (const f of s.frames) { names.add(f.name); for (const b of Object.keys(f.bindings)) values.add(b); }
    }
    const end = s;
    for (let i = 1; i < steps; i++) await press('ArrowLeft');
    s = await state();
    check(`example "${example.name}": ${steps} steps forwards and back; frames ${example.frames.join(', ')}; prints ${example.output}`, () => {
      assert.equal(end.step, steps - 1);
      assert.equal(end.output.trim(), example.output);
      for (const name of example.frames) assert.ok(names.has(name), `frame ${name} among ${[...names].join(', ')}`);
      if (example.value) assert.ok(values.has(example.value), `a "${example.value}" row`);
      assert.equal(s.step, 0);
      assert.equal(s.output, '');
    });
  }

  await open(page, url, 'function f(x) {\n  throw new TypeError(`bad ${x}`);\n}\nf(1);\n');
  await press('End');
  s = await state();
  await page.screenshot({ path: join(shots, 'uncaught-error.png') });
  check('an uncaught error is shown, with its message', () => {
    assert.match(s.error ?? '', /^Uncaught TypeError: bad 1/);
  });

  await page.fill('#step-limit', '40');
  await typeAndRun(page, 'let i = 0;\nwhile (true) {\n  i++;\n}\n');
  s = await state();
  const notice = await page.evaluate(() => { const n = document.getElementById('truncated'); return n.hidden ? null : n.textContent; });
  check('a run cut by the step limit says so; its steps are shown', () => {
    assert.match(notice ?? '', /stopped after 40 steps/);
    assert.ok(s.steps > 1 && s.steps <= 41, `${s.steps} steps`);
  });

  // A long recording runs in the worker: the page stays responsive and Stop ends it.
  await page.fill('#step-limit', '4000000000');
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('let n = 0;\nwhile (true) n++;\n');
  await page.click('#run');
  await page.waitForTimeout(300);
  const during = await page.evaluate(() => ({ busy: window.vmjsDebugger.busy, t: performance.now() }));
  await page.click('#stop');
  const stopped = await page.evaluate(() => ({ busy: window.vmjsDebugger.busy, status: document.getElementById('status').textContent }));
  check('a long recording leaves the page responsive; Stop ends it', () => {
    assert.equal(during.busy, true);
    assert.equal(stopped.busy, false);
    assert.match(stopped.status, /^Stopped/);
  });
  await page.fill('#step-limit', '10000');

  await typeAndRun(page, 'let x = ;\n');
  const failure = await page.evaluate(() => document.getElementById('status').textContent);
  check('a program that does not parse: its SyntaxError in the status line', () => assert.match(failure, /^SyntaxError: /));
}

main().catch((e) => {
  console.error(`debugger-page: FAILED: ${e.stack ?? e}`);
  process.exitCode = 1;
});
