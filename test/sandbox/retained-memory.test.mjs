// What a context keeps across runs (its `memoryLimit` bounds that too: src/realm/retained-memory.ts),
// and entries into a context's code from the host outside any run (createContext's `timeout`, set by
// createSandbox: src/realm/host-entry.ts). Programs that would take the host's heap down run in a child
// process with a 160 MiB heap, so a failure cannot take mocha with it.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as vm from '../../dist/esm/index.js';
import { contextRecord, measureRetained, retainedWalkCount } from '../../dist/esm/internal.js';

const MiB = 1024 * 1024;
const distUrl = new URL('../../dist/esm/index.js', import.meta.url).href;

/** Runs `body` (an ES module's text, with `vm` imported) in a child with a 160 MiB heap; returns its status
 * and what it wrote (JSON). */
function inChild(body) {
  const program = `import * as vm from ${JSON.stringify(distUrl)};\n${body}`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=160', '--expose-gc', '--input-type=module', '-e', program], {
    encoding: 'utf8', timeout: 300000, maxBuffer: 1 << 20,
  });
  return { status: r.status, stderr: r.stderr.slice(-2000), out: r.status === 0 ? JSON.parse(r.stdout) : null };
}

/** The child's program: `runs` runs of `code` in `makeContext()`, recording the first error and how the
 * runs after it ended, the heap before and after, and whether the context still answers. */
function growthProgram(makeContext, code, runs) {
  return `
    const ctx = ${makeContext};
    globalThis.gc(); const heapBefore = process.memoryUsage().heapUsed;
    let firstError = -1, firstCode = null, errors = 0, codes = new Set(), messages = new Set();
    for (let i = 0; i < ${runs}; i++) {
      try { vm.runInContext(${JSON.stringify(code)}, ctx); }
      catch (e) {
        errors++; codes.add(e.code); messages.add(e.message.replace(/\\d+ bytes, more/, 'N bytes, more').replace(/retained \\d+/, 'retained N'));
        if (firstError < 0) { firstError = i; firstCode = e.code; }
      }
    }
    globalThis.gc(); const heapAfter = process.memoryUsage().heapUsed;
    let answer; try { answer = vm.runInContext('1 + 1', ctx); } catch (e) { answer = e.code; }
    const fresh = vm.runInContext('[1, 2, 3].map((x) => x * 2).join()', vm.createContext({}, { memoryLimit: 32 * 2 ** 20 }));
    process.stdout.write(JSON.stringify({ firstError, firstCode, errors, codes: [...codes], messages: [...messages], heapBefore, heapAfter, answer, fresh }));
  `;
}

describe('retained memory: a context\'s memoryLimit bounds what it keeps across runs (child, 160 MiB heap)', function () {
  this.timeout(300000);

  it('the issue\'s program (a 1e6-character string kept per run), 10,000 runs: refused at the limit, the host alive', () => {
    const r = inChild(growthProgram(`vm.createContext({}, { memoryLimit: 64 * 2 ** 20 })`,
      `globalThis.a = (globalThis.a || []); a.push('x'.repeat(1e6))`, 10000));
    expect(r.status, r.stderr).to.equal(0);
    const { firstError, firstCode, errors, codes, messages, answer, fresh, heapBefore, heapAfter } = r.out;
    process.stdout.write(`      (child: first error at run ${firstError}, heap ${(heapBefore / MiB).toFixed(1)} MiB before, ${(heapAfter / MiB).toFixed(1)} MiB after)\n`);
    // 64 MiB hold 67 strings of 1e6 characters (by vmjs's model): the 68th run cannot keep its string.
    expect(firstError).to.be.within(60, 70);
    expect(firstCode).to.equal('ERR_VMJS_MEMORY_LIMIT');
    expect(errors).to.equal(10000 - firstError);
    // Refused runs are not walked each time: the walks come at the 1st, 2nd, 4th… refusal.
    expect(codes).to.deep.equal(['ERR_VMJS_MEMORY_LIMIT']);
    // Runs that found no room, or refused runs (once a walk counts more than the limit: it counts each
    // reference to a string).
    for (const m of messages) expect(m).to.match(/^Script execution (exceeded its memory limit of 67108864 bytes|refused: the context retains N bytes, more than its memory limit of 67108864 bytes)/);
    expect(answer).to.be.oneOf([2, 'ERR_VMJS_MEMORY_LIMIT']);
    expect(fresh).to.equal('2,4,6');
  });

  it('arrays of numbers kept per run (1 MB each, really allocated), 1,000 runs: the heap stays near the limit', () => {
    const r = inChild(growthProgram(`vm.createContext({}, { memoryLimit: 32 * 2 ** 20 })`,
      `globalThis.a = (globalThis.a || []); a.push(new Array(125000).fill(a.length))`, 1000));
    expect(r.status, r.stderr).to.equal(0);
    const { firstError, codes, heapBefore, heapAfter, answer } = r.out;
    process.stdout.write(`      (child: first error at run ${firstError}, heap ${(heapBefore / MiB).toFixed(1)} MiB before, ${(heapAfter / MiB).toFixed(1)} MiB after)\n`);
    // new Array(n).fill(x) is charged 16 bytes an element (the array, then the fill): about 2 MB a run.
    expect(firstError).to.be.within(14, 40);
    expect(codes).to.deep.equal(['ERR_VMJS_MEMORY_LIMIT']);
    // Without the bound: 1,000 MB. With it: about the 32 MiB limit and its eighth of slack.
    expect(heapAfter - heapBefore).to.be.below(48 * MiB);
    // Full: a small run still fits, or runs are refused (if a walk found it over its limit).
    expect([2, 'ERR_VMJS_MEMORY_LIMIT']).to.include(answer);
  });

  it('an object filled with elements up to the limit, then 20 runs: the walk lists no key per element, the host alive', () => {
    // Listing 4 million index keys made ~40 bytes of strings per element charged 8: the child died.
    const r = inChild(growthProgram(`vm.createContext({}, { memoryLimit: 32 * 2 ** 20 })`,
      `if (!globalThis.o) { globalThis.o = {}; for (var i = 0; ; i++) o[i] = i; } o[0]`, 20));
    expect(r.status, r.stderr).to.equal(0);
    const { firstError, codes, heapBefore, heapAfter } = r.out;
    process.stdout.write(`      (child: first error at run ${firstError}, heap ${(heapBefore / MiB).toFixed(1)} MiB before, ${(heapAfter / MiB).toFixed(1)} MiB after)\n`);
    expect(firstError).to.equal(0);
    expect(codes).to.deep.equal(['ERR_VMJS_MEMORY_LIMIT']);
  });

  it('sees what closures, Maps, Proxies, generators and promises keep', () => {
    const holders = {
      closure: `{ const x = new Array(125000).fill(0); (globalThis.k ??= []).push(() => x); }`,
      'Map value': `(globalThis.k ??= new Map()).set(k.size, new Array(125000).fill(0))`,
      'Set value': `(globalThis.k ??= new Set()).add(new Array(125000).fill(0))`,
      'Proxy target': `(globalThis.k ??= []).push(new Proxy(new Array(125000).fill(0), { get() { throw new Error('trap called'); } }))`,
      'Proxy handler': `(globalThis.k ??= []).push(new Proxy({}, { x: new Array(125000).fill(0) }))`,
      'suspended generator': `(globalThis.k ??= []).push((function* () { const x = new Array(125000).fill(0); yield 1; yield x; })()); k[k.length - 1].next()`,
      'promise result': `(globalThis.k ??= []).push(Promise.resolve(new Array(125000).fill(0)))`,
      "a getter's closure": `{ const x = new Array(125000).fill(0); Object.defineProperty(globalThis, 'g' + Math.random(), { get() { throw new Error('getter called'); }, set(v) { return x; } }); }`,
      'a symbol-keyed property': `(globalThis.k ??= []).push({ [Symbol('s')]: new Array(125000).fill(0) })`,
      'an element of a long array': `(globalThis.k ??= new Array(100000)).push(new Array(125000).fill(0))`,
      'class field initializer': `{ const x = new Array(125000).fill(0); (globalThis.k ??= []).push(class { f = x; }); }`,
      // Builtin state in internal slots: seen by a record, or opaque (the bound is then not lowered).
      'a RegExp\'s source': `(globalThis.k ??= []).push(new RegExp('x'.repeat(1e6) + k.length))`,
      'a RegExp compiled again (Annex B)': `(globalThis.k ??= []).push(/a/.compile('x'.repeat(1e6) + k.length))`,
      'a matchAll iterator\'s string': `(globalThis.k ??= []).push('x'.repeat(1e6).concat(k.length).matchAll(/y/g))`,
      'an iterator helper\'s callback': `{ const x = new Array(125000).fill(0); (globalThis.k ??= []).push([1].values().map(() => x)); }`,
      'a DisposableStack\'s resource': `{ const x = new Array(125000).fill(0); const s = new DisposableStack(); s.defer(() => x); (globalThis.k ??= []).push(s); }`,
      'a ShadowRealm wrapped function': `(globalThis.k ??= []).push(new ShadowRealm().evaluate('(() => { const x = new Array(125000).fill(0); return () => x.length; })()'))`,
      'an object given frames by Error.captureStackTrace': `{ const x = new Array(125000).fill(0); const o = {}; ((y) => Error.captureStackTrace(o))(x); (globalThis.k ??= []).push(o); }`,
      'pending Array.fromAsync work': `{ const x = new Array(125000).fill(0); const p = new Promise(() => {}); (globalThis.k ??= []).push(p); Array.fromAsync({ length: 1, 0: p }, () => x); }`,
      'an AsyncDisposableStack\'s resource': `{ const x = new Array(125000).fill(0); const s = new AsyncDisposableStack(); s.defer(() => x); (globalThis.k ??= []).push(s); }`,
    };
    const r = inChild(`
      const holders = ${JSON.stringify(holders)};
      const out = {};
      for (const [name, code] of Object.entries(holders)) {
        const ctx = vm.createContext({}, { memoryLimit: 32 * 2 ** 20 });
        let firstError = -1, code1 = null;
        for (let i = 0; i < 200 && firstError < 0; i++) {
          try { vm.runInContext(code, ctx); } catch (e) { firstError = i; code1 = e.code ?? String(e); }
        }
        out[name] = { firstError, code: code1 };
        // createContext's WeakRef keeps the context alive until the current job ends.
        await new Promise((r) => setImmediate(r));
      }
      process.stdout.write(JSON.stringify(out));
    `);
    expect(r.status, r.stderr).to.equal(0);
    for (const name of Object.keys(holders)) {
      // 32 MiB (and its eighth of slack) hold about 33 to 37 arrays of 125,000 numbers (1 MB each, 2 MB
      // charged when made): the first run that does not fit comes between the 15th and the 40th.
      expect(r.out[name], name).to.have.property('code', 'ERR_VMJS_MEMORY_LIMIT');
      expect(r.out[name].firstError, name).to.be.within(15, 40);
    }
  });
});

describe('retained memory: behaviour', function () {
  // A walk of a long array lists its named keys by for-in: a few hundred ms for 625,000 elements.
  this.timeout(60000);
  it('a context just under its limit keeps working across runs, and walks rarely', () => {
    const ctx = vm.createContext({}, { memoryLimit: 16 * MiB });
    // 5 MB kept by the first run (in arrays of at most 262,144 elements: longer ones keep the bound).
    vm.runInContext('globalThis.keep = new Array(250000).fill(1); globalThis.keep2 = new Array(250000).fill(1); globalThis.keep3 = new Array(125000).fill(1)', ctx);
    const walks = retainedWalkCount();
    for (let i = 0; i < 300; i++) {
      // 200,000 bytes of garbage per run (as charged), and a little kept.
      expect(vm.runInContext(`new Array(12500).fill(${i}).length + (keep[${i}] = ${i})`, ctx)).to.equal(12500 + i);
    }
    const { bytes } = measureRetained(contextRecord(ctx).realm);
    expect(bytes).to.be.within(5e6, 5.1e6);
    // Past half its limit, a walk each time the garbage reaches what it keeps (5 MB): one run in 25.
    expect(retainedWalkCount() - walks).to.be.within(5, 15);
  });

  it('gives each run what the context has left: the limit less what it holds', () => {
    const ctx = vm.createContext({}, { memoryLimit: 16 * MiB });
    vm.runInContext('globalThis.keep = new Array(625000).fill(1)', ctx);
    // A run charged 12 MB fits the limit alone, not beside the 5 MB kept.
    const big = 'new Array(750000).fill(0).length';
    let error;
    for (let i = 0; i < 3 && error === undefined; i++) {
      try { vm.runInContext(big, ctx); } catch (e) { error = e; }
    }
    expect(error?.code).to.equal('ERR_VMJS_MEMORY_LIMIT');
    expect(error.message).to.match(/^Script execution exceeded its memory limit of 16777216 bytes \(the context held up to \d+ bytes of it when the run began\)$/);
    expect(error.memoryLimit).to.equal(16 * MiB);
    expect(error.retained).to.be.above(4e6);
    expect(vm.runInContext('keep.length', ctx)).to.equal(625000);
    expect(vm.runInContext(big, vm.createContext({}, { memoryLimit: 16 * MiB }))).to.equal(750000);
  });

  it('refuses runs while the context retains more than its limit, and runs again once the embedder frees it', () => {
    const ctx = vm.createContext({}, { memoryLimit: 4 * MiB });
    const f = vm.runInContext('() => 1', ctx);
    // What the embedder writes into the guest's objects is the context's too (and was never charged).
    ctx.a = vm.runInContext('[]', ctx);
    for (let i = 0; i < 600000; i++) ctx.a.push(i);
    // Runs of garbage until the bound says the context could be over its limit: then a walk finds it is.
    let refused;
    for (let i = 0; i < 50 && refused === undefined; i++) {
      try { vm.runInContext('new Array(40000).fill(0).length', ctx); } catch (e) { refused = e; }
    }
    expect(refused?.code).to.equal('ERR_VMJS_MEMORY_LIMIT');
    // 600,000 elements: an array whose named keys the walk cannot list, so it keeps its bound.
    expect(refused.message).to.match(/^Script execution refused: the context may retain up to \d+ bytes, its memory limit is 4194304 bytes, and it holds an array longer than 262,144 elements whose contents vmjs cannot measure$/);
    expect(refused.retained).to.be.within(4.8e6, 6e6);
    // Every run is refused from now on, and so is guest code the host calls.
    expect(() => vm.runInContext('1', ctx)).to.throw(/^Script execution refused/).with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(() => f()).to.throw(/^Script execution refused/).with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    // The embedder drops it: a later run (walked again at the 1st, 2nd, 4th… refusal) runs.
    delete ctx.a;
    let answer;
    for (let i = 0; i < 16 && answer === undefined; i++) {
      try { answer = vm.runInContext('typeof a', ctx); } catch (e) { expect(e.message).to.match(/^Script execution refused/); }
    }
    expect(answer).to.equal('undefined');
  });

  it('never walks a context without a limit', () => {
    const walks = retainedWalkCount();
    const ctx = vm.createContext({});
    for (let i = 0; i < 200; i++) vm.runInContext(`globalThis.a = (globalThis.a || []); a.push(new Array(10000).fill(${i})); a.length`, ctx);
    vm.runInContext('a.length = 0', ctx);
    const sb = vm.createContext({}, { timeout: 1000 });
    for (let i = 0; i < 50; i++) vm.runInContext(`new Array(100000).fill(${i}).length`, sb);
    vm.runInContext('(x) => x', sb)(1);
    expect(retainedWalkCount()).to.equal(walks);
  });

  it('walks without running guest code: no getter, no Proxy trap, no toString', () => {
    const ctx = vm.createContext({}, { memoryLimit: 4 * MiB });
    vm.runInContext(`
      globalThis.calls = 0;
      globalThis.p = new Proxy({}, { ownKeys() { calls++; return []; }, getOwnPropertyDescriptor() { calls++; }, getPrototypeOf() { calls++; return null; } });
      Object.defineProperty(globalThis, 'g', { get() { calls++; return 1; } });
      globalThis.o = { toString() { calls++; return ''; }, valueOf() { calls++; return 0; } };
    `, ctx);
    expect(measureRetained(contextRecord(ctx).realm).bytes).to.be.above(0);
    expect(vm.runInContext('calls', ctx)).to.equal(0);
  });

  it('counts a fresh context as retaining (almost) nothing: the realm\'s own objects are not the guest\'s', () => {
    for (const ctx of [vm.createContext({}, { memoryLimit: MiB }), vm.createSandbox(), vm.createContext(vm.constants.DONT_CONTEXTIFY, { memoryLimit: MiB })]) {
      expect(measureRetained(contextRecord(ctx).realm).bytes).to.be.below(1024);
    }
  });

  it('does not enter host objects the embedder handed over', () => {
    const hostData = { big: new Array(1e6).fill(0) };
    const ctx = vm.createContext({ hostData }, { memoryLimit: MiB });
    expect(measureRetained(contextRecord(ctx).realm).bytes).to.be.below(2048);
    expect(vm.runInContext('hostData.big.length', ctx)).to.equal(1e6);
  });
});

describe('host entries: a context\'s timeout covers guest code the host calls outside a run', () => {
  const T = 50;
  const timedOut = (fn) => {
    const start = Date.now();
    let error;
    try { fn(); } catch (e) { error = e; }
    expect(error, 'the call returned').to.be.an.instanceOf(Error);
    expect(error.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(error.message).to.equal(`Script execution timed out after ${T}ms`);
    expect(Date.now() - start).to.be.below(5000);
  };

  const entries = {
    'a guest function': (ctx) => vm.runInContext('() => { while (true) {} }', ctx)(),
    'a guest constructor': (ctx) => new (vm.runInContext('(function F() { for (;;); })', ctx))(),
    'a guest getter': (ctx) => vm.runInContext('({ get x() { for (;;); } })', ctx).x,
    'a guest toString (String(obj))': (ctx) => String(vm.runInContext('({ toString() { for (;;); } })', ctx)),
    'a guest callback of a host builtin ([].map)': (ctx) => [1, 2].map(vm.runInContext('(x) => { for (;;); }', ctx)),
    'a guest comparator of the realm\'s sort, called by the host': (ctx) => vm.runInContext('[3, 2, 1]', ctx).sort(vm.runInContext('(a, b) => { for (;;); }', ctx)),
    'a guest generator resumed by the host': (ctx) => vm.runInContext('(function* () { for (;;); })()', ctx).next(),
    'a guest method called through a host Proxy': (ctx) => new Proxy(vm.runInContext('({ m() { for (;;); } })', ctx), {}).m(),
    'recursion without end': (ctx) => vm.runInContext('function r() { try { r(); } finally { r(); } } r', ctx)(),
  };

  for (const [name, enter] of Object.entries(entries)) {
    it(`${name}: ERR_SCRIPT_EXECUTION_TIMEOUT, and the context stays usable`, () => {
      const ctx = vm.createContext({}, { timeout: T });
      timedOut(() => enter(ctx));
      expect(vm.runInContext('[1, 2, 3].map((x) => x * 2).join()', ctx)).to.equal('2,4,6');
      expect(vm.runInContext('(x) => x + 1', ctx)(1)).to.equal(2);
    });
  }

  it('a promise job drained at the host\'s checkpoint ends at the timeout; later jobs run', async () => {
    const ctx = vm.createContext({}, { timeout: T });
    vm.runInContext(`globalThis.log = []; Promise.resolve().then(() => { log.push('a'); for (;;); }); Promise.resolve().then(() => log.push('b'));`, ctx);
    const start = Date.now();
    await new Promise((r) => setImmediate(r));
    expect(Date.now() - start).to.be.below(5000);
    expect(vm.runInContext('log.join()', ctx)).to.equal('a,b');
  });

  it('a guest function the host calls is under the context\'s memoryLimit too (the limit less what it retains)', () => {
    const ctx = vm.createContext({}, { memoryLimit: MiB });
    const f = vm.runInContext('() => { const a = []; for (;;) a.push({}); }', ctx);
    expect(() => f()).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    expect(vm.runInContext('(x) => [x, x]', ctx)(1)).to.deep.equal([1, 1]);
  });

  it('a guest function called by host code inside a run is under that run\'s budget, not a new one', () => {
    const ctx = vm.createContext({ callBack: (f) => f() }, { timeout: 10000 });
    const start = Date.now();
    expect(() => vm.runInContext('callBack(() => { for (;;); })', ctx, { timeout: T })).to.throw(`Script execution timed out after ${T}ms`);
    expect(Date.now() - start).to.be.below(5000);
  });

  it('a context without a timeout leaves host calls as node does: no budget, the result as is', () => {
    const ctx = vm.createContext({});
    const f = vm.runInContext('(n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }', ctx);
    expect(f(1e5)).to.equal(4999950000);
    expect(vm.runInContext('({ get x() { return 7; } })', ctx).x).to.equal(7);
  });

  it('the timeout also bounds each run, and a run\'s own timeout can only narrow it', () => {
    const ctx = vm.createContext({}, { timeout: T });
    expect(() => vm.runInContext('for (;;);', ctx)).to.throw(`Script execution timed out after ${T}ms`);
    expect(() => vm.runInContext('for (;;);', ctx, { timeout: 20 })).to.throw('Script execution timed out after 20ms');
    expect(() => vm.runInContext('for (;;);', ctx, { timeout: 100000 })).to.throw(`Script execution timed out after ${T}ms`);
  });

  it('createSandbox sets it by default (its timeout, 1000 ms)', () => {
    const sb = vm.createSandbox();
    const f = vm.runInContext('() => { for (;;); }', sb);
    const start = Date.now();
    expect(() => f()).to.throw('Script execution timed out after 1000ms').with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(Date.now() - start).to.be.within(900, 5000);
    const quick = vm.createSandbox({}, { timeout: T });
    expect(() => vm.runInContext('({ get x() { for (;;); } })', quick).x).to.throw(`Script execution timed out after ${T}ms`);
  });

  it('validates the option as node validates a run\'s timeout', () => {
    expect(() => vm.createContext({}, { timeout: -1 })).to.throw().with.property('code', 'ERR_OUT_OF_RANGE');
    expect(() => vm.createContext({}, { timeout: 0 })).to.throw().with.property('code', 'ERR_OUT_OF_RANGE');
    expect(() => vm.createContext({}, { timeout: '10' })).to.throw().with.property('code', 'ERR_INVALID_ARG_TYPE');
  });
});

// Each program keeps about 1 MB (an array of 125,000 numbers) per run where the walk used not to see it.
const hidingPlaces = {
  'WeakMap value (a chain under one key)': `(globalThis.wm ??= new WeakMap()).set(globalThis, { prev: wm.get(globalThis), a: new Array(125000).fill(0) })`,
  'WeakMap value (a new key each run)': `{ const k = {}; (globalThis.keys ??= []).push(k); (globalThis.wm ??= new WeakMap()).set(k, new Array(125000).fill(0)); }`,
  'bound function chain': `globalThis.b = (function () {}).bind(null, new Array(125000).fill(0), globalThis.b)`,
  'bound this': `globalThis.b = (function () {}).bind([new Array(125000).fill(0), globalThis.b])`,
  'promise reaction closure': `{ const x = new Array(125000).fill(0); const p = new Promise(() => {}); (globalThis.k ??= []).push(p); p.then(() => x); }`,
  "resolve function (its promise's reactions)": `{ const x = new Array(125000).fill(0); let res; new Promise((r) => { res = r; }).then(() => x); globalThis.rs = [res, globalThis.rs]; }`,
  'Promise.all pending': `{ const x = new Array(125000).fill(0); const p = new Promise(() => {}); (globalThis.k ??= []).push(p); Promise.all([p, x]); }`,
  'array iterator': `globalThis.it = [new Array(125000).fill(0), globalThis.it].values()`,
  'Map iterator': `globalThis.it = new Map([[1, new Array(125000).fill(0)], [2, globalThis.it]]).keys()`,
  'Map with a null prototype': `(globalThis.m ??= Object.setPrototypeOf(new Map(), null)); Map.prototype.set.call(m, Math.random(), new Array(125000).fill(0))`,
  'Map subclass': `(globalThis.m ??= new (class M extends Map {})()).set(m.size, new Array(125000).fill(0))`,
  'Set with a replaced prototype': `(globalThis.s ??= Object.setPrototypeOf(new Set(), {})); Set.prototype.add.call(s, new Array(125000).fill(0))`,
  'named property of a long array': `(globalThis.big ??= new Array(70000).fill(0))['p' + Math.random()] = new Array(125000).fill(0)`,
  'non-enumerable property of a long array (defineProperty)': `Object.defineProperty((globalThis.big ??= new Array(70000).fill(0)), 'p' + Math.random(), { value: new Array(125000).fill(0) })`,
  'named property of a long typed array': `(globalThis.ta ??= new Uint8Array(70000))['p' + Math.random()] = new Array(125000).fill(0)`,
  'FinalizationRegistry held value': `(globalThis.fr ??= new FinalizationRegistry(() => {})).register(globalThis, new Array(125000).fill(0))`,
  'Proxy.revocable revoke': `globalThis.r = [Proxy.revocable([new Array(125000).fill(0), globalThis.r], {}).revoke]`,
  // The waiter list that keeps a pending waitAsync's promise (and so its reactions) is the host's (or the
  // agent's): no root of the walk reaches it, so the realm is opaque from its first waitAsync.
  'pending Atomics.waitAsync promise reaction': `{ const x = new Array(125000).fill(0); const i32 = new Int32Array(new SharedArrayBuffer(4)); Atomics.waitAsync(i32, 0, 0).value.then(() => x); }`,
};

describe('retained memory: what the walk cannot read is recorded or makes it keep its bound (child, 160 MiB heap)', function () {
  this.timeout(600000);

  it('each hiding place, 2,000 runs: ERR_VMJS_MEMORY_LIMIT, the heap bounded, the child alive', () => {
    const r = inChild(`
      const places = ${JSON.stringify(hidingPlaces)};
      const out = {};
      for (const [name, code] of Object.entries(places)) {
        const ctx = vm.createContext({}, { memoryLimit: 16 * 2 ** 20, microtaskMode: 'afterEvaluate' });
        globalThis.gc(); const heapBefore = process.memoryUsage().heapUsed;
        let firstError = -1, firstCode = null, errors = 0, messages = new Set();
        for (let i = 0; i < 2000; i++) {
          try { vm.runInContext(code, ctx); } catch (e) {
            errors++; messages.add(String(e.message).replace(/\\d+ bytes/g, 'N bytes'));
            if (firstError < 0) { firstError = i; firstCode = e.code ?? String(e); }
          }
        }
        globalThis.gc(); const heapAfter = process.memoryUsage().heapUsed;
        out[name] = { firstError, firstCode, errors, messages: [...messages], heapBefore, heapAfter };
        await new Promise((r) => setImmediate(r));
      }
      process.stdout.write(JSON.stringify(out));
    `);
    expect(r.status, r.stderr).to.equal(0);
    for (const [name, o] of Object.entries(r.out)) {
      process.stdout.write(`      (${name}: first error at run ${o.firstError}, ${o.errors} errors, heap ${(o.heapBefore / MiB).toFixed(1)} → ${(o.heapAfter / MiB).toFixed(1)} MiB)\n`);
      expect(o.firstCode, name).to.equal('ERR_VMJS_MEMORY_LIMIT');
      // 16 MiB hold about 16 of the arrays (2 MB charged each when made).
      expect(o.firstError, name).to.be.within(4, 40);
      expect(o.errors, name).to.be.above(1900);
      // Without the bound each would keep 2,000 MB.
      expect(o.heapAfter - o.heapBefore, name).to.be.below(40 * MiB);
    }
  });
});

describe('retained memory: the kinds the walk sees cause no false refusal', function () {
  this.timeout(120000);
  it('WeakMaps, bound functions, promises, iterators and Maps used normally keep working over 2,000 runs', () => {
    const ctx = vm.createContext({}, { memoryLimit: 4 * MiB, microtaskMode: 'afterEvaluate' });
    vm.runInContext(`
      globalThis.wm = new WeakMap(); globalThis.keys = []; globalThis.m = new (class extends Map {})();
      globalThis.f = function (a, b) { return a.length + b; };
    `, ctx);
    const walks = retainedWalkCount();
    for (let i = 0; i < 2000; i++) {
      const r = vm.runInContext(`{
        // garbage: WeakMap entries on dropped keys, bound functions, settled promises, iterators
        for (let j = 0; j < 10; j++) wm.set({}, new Array(1000).fill(j));
        const g = f.bind(null, new Array(1000).fill(0));
        globalThis.p = Promise.resolve(new Array(1000).fill(1)).then((a) => a.length);
        const it = [new Array(1000)].values(); it.next();
        // kept, bounded: a ring of 10 keys with values, a Map of 10 entries, one bound function
        const k = {}; keys[${i} % 10] = k; wm.set(k, new Array(1000).fill(${i}));
        m.set(${i} % 10, new Array(1000).fill(${i}));
        globalThis.bound = f.bind(null, new Array(1000).fill(0));
        g(1) + bound(1);
      }`, ctx);
      expect(r).to.equal(2002);
    }
    expect(retainedWalkCount() - walks).to.be.above(0);
    const m = measureRetained(contextRecord(ctx).realm);
    expect(m.opaque).to.equal(null);
    expect(m.bytes).to.be.below(1.5 * MiB);
  });

  it('the walk sees WeakMap values only while their key is reachable', () => {
    const ctx = vm.createContext({}, { memoryLimit: 64 * MiB });
    vm.runInContext(`globalThis.wm = new WeakMap(); globalThis.k = {}; wm.set(k, new Array(100000).fill(0));`, ctx);
    const realm = contextRecord(ctx).realm;
    expect(measureRetained(realm).bytes).to.be.above(800000);
    vm.runInContext('globalThis.k = null', ctx);
    expect(measureRetained(realm).bytes).to.be.below(10000);
  });

  it('a context with a module keeps its bound (module environments are no root of the walk)', async () => {
    const ctx = vm.createContext({}, { memoryLimit: 64 * MiB });
    const realm = contextRecord(ctx).realm;
    expect(measureRetained(realm).opaque).to.equal(null);
    const m = new vm.SourceTextModule('const keep = []; export function add() { keep.push(new Array(1000).fill(0)); return keep.length; }', { context: ctx });
    await m.link(() => { throw new Error('no imports'); });
    await m.evaluate();
    expect(m.namespace.add()).to.equal(1);
    expect(measureRetained(realm).opaque).to.equal('a module');
  });

  it('a context that holds what the walk cannot see keeps its bound; refused past it, it says why', () => {
    const ctx = vm.createContext({}, { memoryLimit: 4 * MiB });
    const realm = contextRecord(ctx).realm;
    let errors = 0;
    for (let i = 0; i < 100; i++) {
      try { vm.runInContext(`(globalThis.fr ??= new FinalizationRegistry(() => {})).register(globalThis, new Array(25000).fill(0))`, ctx); } catch (e) { expect(e.code).to.equal('ERR_VMJS_MEMORY_LIMIT'); errors++; }
    }
    // 4 MiB hold about 10 runs' arrays (400 KB charged each).
    expect(errors).to.be.above(80);
    expect(measureRetained(realm).opaque).to.equal('a FinalizationRegistry');
    expect(realm.retained.opaque).to.equal('a FinalizationRegistry');
    // What the embedder writes takes the bound past the limit: a refusal, which says why the walk
    // could not lower it.
    ctx.extra = vm.runInContext('[]', ctx);
    for (let i = 0; i < 100000; i++) ctx.extra.push(i);
    let refused;
    for (let i = 0; i < 100 && refused === undefined; i++) {
      try { vm.runInContext('new Array(20000).fill(0).length', ctx); } catch (e) { if (e.message.startsWith('Script execution refused')) refused = e; }
    }
    expect(refused?.code).to.equal('ERR_VMJS_MEMORY_LIMIT');
    expect(refused.message).to.match(/^Script execution refused: the context (may retain up to \d+ bytes, its memory limit is 4194304 bytes, and it holds a FinalizationRegistry whose contents vmjs cannot measure|retains \d+ bytes, more than its memory limit of 4194304 bytes)$/);
  });
});
