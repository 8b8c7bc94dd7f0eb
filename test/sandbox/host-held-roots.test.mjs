// Guest values only the host holds are roots of the retained-memory walk (src/realm/retained-memory.ts
// holdEntryValues): a guest function the embedder got from a run and calls, the receiver and object
// arguments of that call, a generator it resumes. Without them, each host call is charged but the walk
// from the context's own roots does not reach what the function keeps, so every walk lowers the bound
// again and the host grows without limit. The growth programs run in a child with a 160 MiB heap, so a
// failure cannot take mocha with it.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as vm from '../../dist/esm/index.js';
import { contextRecord, measureRetained } from '../../dist/esm/internal.js';

const MiB = 1024 * 1024;
const distUrl = new URL('../../dist/esm/index.js', import.meta.url).href;
const internalUrl = new URL('../../dist/esm/internal.js', import.meta.url).href;

function inChild(body) {
  const program = `import * as vm from ${JSON.stringify(distUrl)};\nimport { contextRecord, measureRetained } from ${JSON.stringify(internalUrl)};\n${body}`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=160', '--expose-gc', '--input-type=module', '-e', program], {
    encoding: 'utf8', timeout: 300000, maxBuffer: 1 << 20,
  });
  return { status: r.status, signal: r.signal, stderr: (r.stderr ?? '').slice(-2000), out: r.status === 0 ? JSON.parse(r.stdout) : null };
}

// Each: `setup` (guest code run once; its completion value is `r`) and `call` (what the host does with
// `r`, 3,000 times): each call keeps an array of 100,000 numbers (0.8 MB, 1.6 MB charged) that only
// the host can reach, through what it holds.
const hostHeld = {
  'a closure the host calls (the issue\'s program)': [
    '(() => { const a = []; return () => { a.push(new Array(1e5).fill(0)); return a.length; }; })()', 'r()'],
  'the receiver of a method the host calls': [
    '({ items: [], add() { this.items.push(new Array(1e5).fill(0)); return this.items.length; } })', 'r.add()'],
  'an argument the host passes (a completion value it kept)': [
    '[(a) => a.push(new Array(1e5).fill(0)), []]', 'r[0](r[1])'],
  'a getter the host reads': [
    '(() => { const a = []; return { get n() { a.push(new Array(1e5).fill(0)); return a.length; } }; })()', 'r.n'],
  'a toString the host triggers (String(r))': [
    '(() => { const a = []; return { toString() { a.push(new Array(1e5).fill(0)); return String(a.length); } }; })()', 'String(r)'],
  'a generator the host resumes': [
    '(function* () { const a = []; for (;;) { a.push(new Array(1e5).fill(0)); yield a.length; } })()', 'r.next()'],
  'the receiver of a realm builtin the host calls (unshift of what a guest function made)': [
    '[[], () => new Array(1e5).fill(0)]', 'r[0].unshift(r[1]())'],
};

describe('retained memory: guest values only the host holds are walk roots (child, 160 MiB heap, 16 MiB limit)', function () {
  this.timeout(300000);

  it('each way the host holds a growing guest value, 3,000 calls: ERR_VMJS_MEMORY_LIMIT, the heap bounded, the child alive', () => {
    const r = inChild(`
      const cases = ${JSON.stringify(hostHeld)};
      const out = {};
      for (const [name, [setup, call]] of Object.entries(cases)) {
        const ctx = vm.createContext({}, { memoryLimit: 16 * 2 ** 20 });
        const r = vm.runInContext(setup, ctx);
        const step = new Function('r', 'return ' + call);
        globalThis.gc(); const heapBefore = process.memoryUsage().heapUsed;
        let firstError = -1, firstCode = null, errors = 0;
        for (let i = 0; i < 3000; i++) {
          try { step(r); } catch (e) { errors++; if (firstError < 0) { firstError = i; firstCode = e.code ?? String(e); } }
        }
        globalThis.gc(); const heapAfter = process.memoryUsage().heapUsed;
        let answer; try { answer = vm.runInContext('1 + 1', ctx); } catch (e) { answer = e.code; }
        out[name] = { firstError, firstCode, errors, heapBefore, heapAfter, answer };
        await new Promise((r) => setImmediate(r));
      }
      process.stdout.write(JSON.stringify(out));
    `);
    expect(r.signal, r.stderr).to.equal(null);
    expect(r.status, r.stderr).to.equal(0);
    for (const [name, o] of Object.entries(r.out)) {
      process.stdout.write(`      (${name}: first error at call ${o.firstError}, ${o.errors} errors, heap ${(o.heapBefore / MiB).toFixed(1)} → ${(o.heapAfter / MiB).toFixed(1)} MiB)\n`);
      expect(o.firstCode, name).to.equal('ERR_VMJS_MEMORY_LIMIT');
      // 16 MiB hold about 20 of the arrays (1.6 MB charged each when made).
      expect(o.firstError, name).to.be.within(4, 40);
      // A generator the termination ended is done: the host's later calls return { done: true }.
      expect(o.errors, name).to.be.above(name.includes('generator') ? 0 : 2900);
      // Without the roots: 3,000 arrays, 2,400 MB (the child dies first).
      expect(o.heapAfter - o.heapBefore, name).to.be.below(40 * MiB);
      // Full: a run is refused, or a small one still fits.
      expect([2, 'ERR_VMJS_MEMORY_LIMIT'], name).to.include(o.answer);
    }
  });

  it('the roots are weak: what the host drops is collected, and the walk forgets it', () => {
    const r = inChild(`
      const ctx = vm.createContext({}, { memoryLimit: 64 * 2 ** 20 });
      const realm = contextRecord(ctx).realm;
      const make = vm.runInContext('() => { const a = new Array(1e5).fill(0); return () => a.length; }', ctx);
      let fs = [];
      for (let i = 0; i < 20; i++) { const f = make(); f(); fs.push(f); }
      const held = realm.retained.held.length;
      const withThem = measureRetained(realm).bytes;
      fs = null;
      // A WeakRef keeps its target until the job that made it ends.
      await new Promise((r) => setImmediate(r));
      globalThis.gc();
      await new Promise((r) => setImmediate(r));
      globalThis.gc();
      const without = measureRetained(realm).bytes;
      process.stdout.write(JSON.stringify({ held, withThem, without, after: realm.retained.held.length }));
    `);
    expect(r.status, r.stderr).to.equal(0);
    const { held, withThem, without, after } = r.out;
    // make (called 20 times) and the 20 closures it made, each called once.
    expect(held).to.equal(21);
    expect(withThem).to.be.above(20 * 800000);
    // At most one closure's array may stay (the interpreter keeps the frame of the last call it ran).
    expect(without).to.be.below(2 * 800000);
    expect(after).to.be.at.most(2);
  });
});

describe('retained memory: host-held roots cost nothing where they are not needed', () => {
  it('a context without a memoryLimit records nothing (its realm has no account)', () => {
    const ctx = vm.createContext({}, { timeout: 1000 });
    const f = vm.runInContext('(o) => o', ctx);
    const o = vm.runInContext('({})', ctx);
    for (let i = 0; i < 100; i++) f(o);
    expect(contextRecord(ctx).realm.retained).to.equal(null);
  });

  it('records a value once however often the host enters through it', () => {
    const ctx = vm.createContext({}, { memoryLimit: 16 * MiB });
    const f = vm.runInContext('(o) => o', ctx);
    const o = vm.runInContext('({})', ctx);
    for (let i = 0; i < 1000; i++) f(o, 1, 'x', null);
    // f and o; primitives are never recorded.
    expect(contextRecord(ctx).realm.retained.held.length).to.equal(2);
  });

  it('records nothing on paths guest code takes inside a run (a host function called in a loop, calling back)', () => {
    const ctx = vm.createContext({ log: () => {}, callBack: (f, o) => f(o) }, { memoryLimit: 16 * MiB });
    vm.runInContext('for (let i = 0; i < 10000; i++) { log({ i }); callBack((o) => o.i, { i }); }', ctx);
    const account = contextRecord(ctx).realm.retained;
    expect(account.held.length).to.equal(0);
    expect(measureRetained(contextRecord(ctx).realm).bytes).to.be.below(2048);
  });

  it('does not record host objects the host passes in (they are the embedder\'s, behind the membrane)', () => {
    const ctx = vm.createContext({}, { memoryLimit: 16 * MiB });
    const f = vm.runInContext('(o) => o.big.length', ctx);
    const hostData = { big: new Array(1e6).fill(0) };
    expect(f(hostData)).to.equal(1e6);
    expect(contextRecord(ctx).realm.retained.held.length).to.equal(1);
    expect(measureRetained(contextRecord(ctx).realm).bytes).to.be.below(2048);
  });
});
