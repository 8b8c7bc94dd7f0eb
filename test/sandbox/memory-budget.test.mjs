// The allocation budget (`memoryLimit`, a vmjs option on createContext and on each run) and
// vmjs.createSandbox. Every program that would take the host's heap down is run in a child process
// whose heap is smaller than what the program would allocate without a budget: the child must survive,
// report ERR_VMJS_MEMORY_LIMIT for each, and find each context usable afterwards.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import nodeVm from 'node:vm';
import * as vm from '../../dist/esm/index.js';

const MiB = 1024 * 1024;
const distUrl = new URL('../../dist/esm/index.js', import.meta.url).href;

/** The programs of issue 13 (and their neighbours): without a budget each one allocates without end
 * (or more than the child's heap holds at once). */
const hostile = {
  "'x'.repeat(2**28)": `'x'.repeat(2 ** 28)`,
  'new Array(1e9).fill(0)': `new Array(1e9).fill(0)`,
  'string doubling in a loop (s += s)': `let s = 'x'; for (;;) s += s;`,
  'string doubling in a template': 'let s = "x"; for (;;) s = `${s}${s}`;',
  'JSON.parse of a huge input': `JSON.parse('[' + '0,'.repeat(5e7) + '0]')`,
  'JSON.parse of a big input, kept again and again': `const t = '[' + '[],'.repeat(2e5) + '[]]'; const keep = []; for (;;) keep.push(JSON.parse(t));`,
  'JSON.parse with a reviver, kept again and again': `const t = '[' + '[],'.repeat(1e5) + '[]]'; const keep = []; for (;;) keep.push(JSON.parse(t, (k, v) => v));`,
  'JSON.stringify of a string repeated by reference': `const s = 'x'.repeat(1e6); JSON.stringify(new Array(2000).fill(s))`,
  'a Map grown forever': `const m = new Map(); for (let i = 0; ; i++) m.set(i, i);`,
  'a Set grown forever': `const s = new Set(); for (let i = 0; ; i++) s.add(i);`,
  'an array pushed forever': `const a = []; for (;;) a.push(1);`,
  'an array grown by index forever': `const a = []; for (let i = 0; ; i++) a[i] = i;`,
  'an array length set to 3e7': `const a = []; a.length = 3e7;`,
  'an array length defined as 3e7': `Object.defineProperty([], 'length', { value: 3e7 })`,
  'new ArrayBuffer(2**31)': `new ArrayBuffer(2 ** 31)`,
  'object literals in an endless loop': `const a = []; for (;;) a.push({ x: 1, y: 2 });`,
  'a linked list of object literals': `let l = null; for (;;) l = { next: l };`,
  'closures in an endless loop': `let f = null; for (;;) { const g = f; f = () => g; }`,
  'instances of a guest class in an endless loop': `class P { constructor(n) { this.n = n; } } const a = []; for (;;) a.push(new P(a));`,
  'Array.from({ length: 1e9 })': `Array.from({ length: 1e9 })`,
  "'x'.padEnd(2**29)": `'x'.padEnd(2 ** 29)`,
  "'x'.padStart(2**29)": `'x'.padStart(2 ** 29)`,
  '[].concat doubling': `let a = [1]; for (;;) a = [].concat(a, a);`,
  'spread doubling': `let a = [1]; for (;;) a = [...a, ...a];`,
  'new Uint8Array(1e9)': `new Uint8Array(1e9)`,
  'join of a big string repeated': `const s = 'x'.repeat(1e6); new Array(2000).fill(s).join('')`,
  'replaceAll growing a string': `let s = 'xx'; for (;;) s = s.replaceAll('x', 'xx');`,
  'String.prototype.concat doubling': `let s = 'x'; for (;;) s = s.concat(s);`,
  'Function.prototype.apply with a huge array-like': `Math.max.apply(null, { length: 1e9 })`,
  'eval of a huge program': `eval('1;'.repeat(2e6))`,
  'new regular expressions with long patterns': `for (let i = 0; ; i++) new RegExp('(?:a|b)'.repeat(1e4) + i).test('c');`,
  'regexp match results kept': `const s = 'x'.repeat(1e5); const a = []; for (;;) a.push(s.match(/x/g));`,
  'generator objects in an endless loop': `function* g() { yield 1; } const a = []; for (;;) a.push(g());`,
  'async calls that never settle': `async function f() { await new Promise(() => {}); } const a = []; for (;;) a.push(f());`,
  'bound functions in an endless loop': `const f = function () {}; const a = []; for (;;) a.push(f.bind(null, 1, 2));`,
  'object spread copies kept': `const o = {}; for (let i = 0; i < 1000; i++) o['k' + i] = i; const a = []; for (;;) a.push({ ...o });`,
  'Object.entries results kept': `const o = {}; for (let i = 0; i < 1000; i++) o['k' + i] = i; const a = []; for (;;) a.push(Object.entries(o));`,
};

/** Runs `cases` in a child with a `heapMiB` heap, each in a context with `limit`; returns the child's
 * status and, per case, the error code and what the context answers afterwards. */
function runInChild(cases, limit, heapMiB) {
  const program = `
    import * as vm from ${JSON.stringify(distUrl)};
    const cases = ${JSON.stringify(cases)};
    const out = {};
    for (const [name, code] of Object.entries(cases)) {
      const ctx = vm.createContext({}, { memoryLimit: ${limit} });
      let code1;
      try { vm.runInContext(code, ctx, { timeout: 60000 }); code1 = 'completed'; } catch (e) { code1 = e.code ?? String(e); }
      let after;
      try { after = vm.runInContext('[1, 2, 3].map((x) => x * 2).join()', ctx); } catch (e) { after = String(e); }
      out[name] = { code: code1, after };
      // A WeakRef (createContext keeps one per context) keeps its target alive until the current job
      // ends: a new task lets the context just used be collected.
      await new Promise((r) => setImmediate(r));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMiB}`, '--input-type=module', '-e', program], {
    encoding: 'utf8', timeout: 240000, maxBuffer: 1 << 20,
  });
  return { status: r.status, stderr: r.stderr.slice(-2000), results: r.status === 0 ? JSON.parse(r.stdout) : null };
}

describe('memory budget: hostile programs, in a child with a 160 MiB heap', function () {
  this.timeout(300000);
  let child;
  before(() => { child = runInChild(hostile, 32 * MiB, 160); });

  it('the child survives every program', () => {
    expect(child.status, child.stderr).to.equal(0);
  });

  for (const name of Object.keys(hostile)) {
    // What the program keeps in top-level bindings stays retained: a context left holding about its
    // limit has its next run refused (retained-memory.test.mjs); otherwise it answers.
    it(`${name}: ends with ERR_VMJS_MEMORY_LIMIT; the context answers, or refuses runs while it retains its limit`, () => {
      expect(child.results, child.stderr).to.not.equal(null);
      const { code, after } = child.results[name];
      expect(code).to.equal('ERR_VMJS_MEMORY_LIMIT');
      if (after !== '2,4,6') expect(after).to.match(/^Error: Script execution refused: the context retains \d+ bytes, more than its memory limit of 33554432 bytes$/);
    });
  }
});

describe('memory budget: behaviour', () => {
  it('the host gets a plain Error with the code, the message and the limit', () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB });
    let error;
    try { vm.runInContext(`'x'.repeat(2 ** 24)`, ctx); } catch (e) { error = e; }
    expect(error).to.be.an.instanceOf(Error);
    expect(error.code).to.equal('ERR_VMJS_MEMORY_LIMIT');
    expect(error.message).to.equal(`Script execution exceeded its memory limit of ${MiB} bytes`);
    expect(error.memoryLimit).to.equal(MiB);
  });

  it('is a termination: no guest catch or finally sees it', () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB });
    const code = `
      try { const a = []; for (;;) a.push({}); }
      catch (e) { globalThis.caught = String(e); }
      finally { globalThis.finallyRan = true; }`;
    expect(() => vm.runInContext(code, ctx)).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(vm.runInContext('[typeof caught, typeof finallyRan]', ctx)).to.deep.equal(['undefined', 'undefined']);
  });

  it('counts each run afresh: runs that each fit go on fitting, in the same context', () => {
    const ctx = vm.createContext({}, { memoryLimit: 8 * MiB });
    for (let i = 0; i < 20; i++) {
      expect(vm.runInContext('new Uint8Array(6 * 1024 * 1024).length', ctx)).to.equal(6 * MiB);
    }
    expect(() => vm.runInContext('new Uint8Array(6 * 1024 * 1024); new Uint8Array(6 * 1024 * 1024)', ctx))
      .to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
  });

  it('a run\'s memoryLimit narrows the context\'s, never widens it', () => {
    const ctx = vm.createContext({}, { memoryLimit: 4 * MiB });
    const code = 'new Array(1e5).fill(0).length';
    expect(vm.runInContext(code, ctx)).to.equal(1e5);
    expect(() => vm.runInContext(code, ctx, { memoryLimit: 100000 })).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(() => vm.runInContext(`'x'.repeat(8 * 1024 * 1024)`, ctx, { memoryLimit: 64 * MiB }))
      .to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    // A context without one takes the run's.
    const free = vm.createContext({});
    expect(() => vm.runInContext(`'x'.repeat(2 ** 24)`, free, { memoryLimit: MiB })).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(vm.runInContext(`'x'.repeat(2 ** 24).length`, free)).to.equal(2 ** 24);
  });

  it('runInNewContext takes contextMemoryLimit (the new context\'s) and memoryLimit (the run\'s)', () => {
    expect(() => vm.runInNewContext(`'x'.repeat(2 ** 24)`, {}, { contextMemoryLimit: MiB })).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(() => vm.runInNewContext(`'x'.repeat(2 ** 24)`, {}, { memoryLimit: MiB })).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(vm.runInNewContext(`'x'.repeat(2 ** 10).length`, {}, { memoryLimit: MiB })).to.equal(1024);
  });

  it('lets ordinary work through: strings built piece by piece cost their length, not every intermediate one', () => {
    const ctx = vm.createContext({}, { memoryLimit: 2 * MiB });
    // 20,000 appends to a string that ends 200,000 long: the sum of the intermediate lengths is 2e9.
    expect(vm.runInContext(`let s = ''; for (let i = 0; i < 20000; i++) s += 'abcdefghij'; s.length`, ctx)).to.equal(200000);
    // Overwriting elements in place costs nothing more.
    expect(vm.runInContext(`const a = new Array(1000).fill(0); for (let k = 0; k < 1000; k++) for (let i = 0; i < 1000; i++) a[i] = k; a[999]`, ctx)).to.equal(999);
    // A Map whose values are updated keeps its entries.
    expect(vm.runInContext(`const m = new Map(); for (let i = 0; i < 100000; i++) m.set(i % 10, i); m.size`, ctx)).to.equal(10);
  });

  it('counts garbage: a run that allocates more than its budget in total ends, even if it keeps nothing', () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB });
    expect(() => vm.runInContext('for (let i = 0; i < 1e6; i++) { const o = { i }; }', ctx)).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
  });

  it('nests: an inner run counts in the outer budget, whose end the guest cannot catch; an inner run\'s own limit is the inner run\'s', () => {
    const inner = vm.createContext({});
    const outer = vm.createContext({ runInner: (code) => vm.runInContext(code, inner) }, { memoryLimit: 2 * MiB });
    const attempt = `try { runInner("'x'.repeat(4 * 2 ** 20).length") } catch (e) { 'caught ' + e.code }`;
    expect(() => vm.runInContext(attempt, outer)).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect([vm.runInContext('1 + 1', outer), vm.runInContext('2 + 2', inner)]).to.deep.equal([2, 4]);
    const limited = vm.createContext({}, { memoryLimit: MiB });
    const roomy = vm.createContext({ runInner: (code) => vm.runInContext(code, limited) }, { memoryLimit: 64 * MiB });
    expect(vm.runInContext(attempt, roomy)).to.equal('caught ERR_VMJS_MEMORY_LIMIT');
  });

  it('covers promise jobs drained by an afterEvaluate run', () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB, microtaskMode: 'afterEvaluate' });
    expect(() => vm.runInContext(`Promise.resolve().then(() => 'x'.repeat(2 ** 24)); 'sync part done'`, ctx))
      .to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(vm.runInContext('1 + 1', ctx)).to.equal(2);
  });

  it('ends a promise job of the default mode that exceeds it (the job alone; the host is not told)', async () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB });
    vm.runInContext(`globalThis.log = []; Promise.resolve().then(() => { log.push('a'); 'x'.repeat(2 ** 24); log.push('b'); }); Promise.resolve().then(() => log.push('c'));`, ctx);
    await new Promise((r) => setImmediate(r));
    expect(vm.runInContext('log.join()', ctx)).to.equal('a,c');
  });

  it('covers SourceTextModule evaluation in the context', async () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB });
    const m = new vm.SourceTextModule(`export const s = 'x'.repeat(2 ** 24);`, { context: ctx });
    await m.link(() => { throw new Error('no imports'); });
    let error;
    try { await m.evaluate(); } catch (e) { error = e; }
    expect(error?.code).to.equal('ERR_VMJS_MEMORY_LIMIT');
  });

  it('charges what the guest sizes before the host allocates it (no allocation past the budget)', () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB });
    const before = process.memoryUsage().arrayBuffers;
    expect(() => vm.runInContext('new ArrayBuffer(2 ** 30)', ctx)).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(process.memoryUsage().arrayBuffers - before).to.be.below(2 ** 29);
  });

  it('validates memoryLimit as node validates numbers', () => {
    expect(() => vm.createContext({}, { memoryLimit: '1' })).to.throw().with.property('code', 'ERR_INVALID_ARG_TYPE');
    expect(() => vm.createContext({}, { memoryLimit: 0 })).to.throw().with.property('code', 'ERR_OUT_OF_RANGE');
    expect(() => vm.createContext({}, { memoryLimit: 1.5 })).to.throw().with.property('code', 'ERR_OUT_OF_RANGE');
    expect(() => vm.runInContext('1', vm.createContext(), { memoryLimit: -1 })).to.throw().with.property('code', 'ERR_OUT_OF_RANGE');
    expect(() => new vm.Script('1').runInContext(vm.createContext(), { memoryLimit: Infinity })).to.throw().with.property('code', 'ERR_OUT_OF_RANGE');
  });

  it('without a budget nothing changes (as node:vm)', () => {
    const code = `const a = []; for (let i = 0; i < 1e5; i++) a.push({ i, s: 'k' + i }); [a.length, 'x'.repeat(2 ** 22).length, new Uint8Array(2 ** 22).length]`;
    expect(vm.runInNewContext(code)).to.deep.equal(nodeVm.runInNewContext(code));
  });
});

describe('vmjs.createSandbox', () => {
  it('is a vmjs named export, not on the node:vm default object', () => {
    expect(vm.createSandbox).to.be.a('function');
    expect(vm.default.createSandbox).to.equal(undefined);
  });

  it('makes a context with a timeout on every run, which a run can narrow', () => {
    const sb = vm.createSandbox({}, { timeout: 200 });
    expect(vm.isContext(sb)).to.equal(true);
    let t0 = Date.now();
    expect(() => vm.runInContext('for (;;) {}', sb)).to.throw('Script execution timed out after 200ms');
    expect(Date.now() - t0).to.be.below(3000);
    t0 = Date.now();
    expect(() => vm.runInContext('for (;;) {}', sb, { timeout: 20 })).to.throw('Script execution timed out after 20ms');
    expect(() => vm.runInContext('for (;;) {}', sb, { timeout: 100000 })).to.throw('Script execution timed out after 200ms');
    expect(vm.runInContext('1 + 1', sb)).to.equal(2);
  });

  it('has a 64 MiB allocation budget and a 1 s timeout by default', () => {
    const sb = vm.createSandbox();
    expect(() => vm.runInContext(`'x'.repeat(2 ** 26)`, sb)).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(vm.runInContext(`'x'.repeat(2 ** 25).length`, sb)).to.equal(2 ** 25);
    expect(() => vm.runInContext('for (;;) {}', sb)).to.throw('Script execution timed out after 1000ms');
  });

  it('runs promise jobs inside the run, under its timeout and budget', () => {
    const sb = vm.createSandbox({}, { timeout: 100 });
    expect(vm.runInContext('globalThis.r = []; Promise.resolve(1).then((v) => r.push(v)); r.length', sb)).to.equal(0);
    expect(vm.runInContext('r.length', sb)).to.equal(1);
    expect(() => vm.runInContext('(async () => { for (;;) await 0; })()', sb)).to.throw('Script execution timed out after 100ms');
    expect(() => vm.runInContext(`Promise.resolve().then(() => 'x'.repeat(2 ** 28))`, sb)).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
  });

  it('refuses code generation from strings unless allowed', () => {
    const sb = vm.createSandbox();
    expect(vm.runInContext(`try { eval('1') } catch (e) { e.name + ': ' + e.message }`, sb)).to.equal('EvalError: Code generation from strings disallowed for this context');
    expect(vm.runInContext(`try { Function('return 1')() } catch (e) { e.name }`, sb)).to.equal('EvalError');
    expect(vm.runInContext(`eval('1 + 1')`, vm.createSandbox({}, { allowCodeGeneration: true }))).to.equal(2);
  });

  it('sees what it is given through the membrane, and has no dynamic import', async () => {
    const sb = vm.createSandbox({ log: console.log });
    // The host function's constructor is the sandbox's Function, which may not compile strings here…
    expect(vm.runInContext(`try { log.constructor('return process')() } catch (e) { e.name }`, sb)).to.equal('EvalError');
    // …and where it may, makes a guest function that has no `process`.
    const open = vm.createSandbox({ log: console.log }, { allowCodeGeneration: true });
    expect(vm.runInContext(`log.constructor('return typeof process')()`, open)).to.equal('undefined');
    vm.runInContext(`import('node:fs').then(() => { globalThis.r = 'imported'; }, (e) => { globalThis.r = e.code; })`, sb);
    // Its jobs run in runs only (afterEvaluate): the next run drains what the host settled meanwhile.
    for (let i = 0; i < 10 && vm.runInContext('globalThis.r', sb) === undefined; i++) await new Promise((r) => setImmediate(r));
    expect(vm.runInContext('r', sb)).to.equal('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING');
  });

  it('checks its options', () => {
    expect(() => vm.createSandbox({}, { timeout: 0 })).to.throw().with.property('code', 'ERR_OUT_OF_RANGE');
    expect(() => vm.createSandbox({}, { memoryLimit: 'big' })).to.throw().with.property('code', 'ERR_INVALID_ARG_TYPE');
    expect(() => vm.createSandbox({}, { allowCodeGeneration: 1 })).to.throw().with.property('code', 'ERR_INVALID_ARG_TYPE');
    expect(() => vm.createSandbox(vm.createContext())).to.throw().with.property('code', 'ERR_INVALID_ARG_VALUE');
  });
});
