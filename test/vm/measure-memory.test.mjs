// vm.measureMemory: node's result shape (checked against node's own 'eager' result) and vmjs's estimate
// of what each context retains (src/vm/measure-memory.ts says how it is computed).
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

/** The keys of a result, recursively, with `other` reduced to its first entry's shape. */
function shapeOf(result) {
  const estimate = (e) => ({ keys: Object.keys(e), range: Array.isArray(e.jsMemoryRange) && e.jsMemoryRange.length });
  const out = { keys: Object.keys(result), total: estimate(result.total) };
  if (result.current !== undefined) out.current = estimate(result.current);
  if (result.other !== undefined) out.other = { isArray: Array.isArray(result.other), first: result.other.length > 0 ? estimate(result.other[0]) : null };
  return out;
}

function checkEstimate(e) {
  expect(Number.isInteger(e.jsMemoryEstimate)).to.equal(true);
  expect(e.jsMemoryEstimate).to.be.above(0);
  expect(e.jsMemoryRange[0]).to.equal(e.jsMemoryEstimate);
  expect(e.jsMemoryRange[1]).to.be.at.least(e.jsMemoryRange[0]);
}

/** The entry of `other` for the context made last. */
async function lastContextEstimate() {
  const r = await vm.measureMemory({ mode: 'detailed' });
  return r.other[r.other.length - 1].jsMemoryEstimate;
}

describe('vm.measureMemory', () => {
  const keep = [];
  before(() => {
    // node reports no other context unless one exists.
    keep.push(nodeVm.createContext({}), vm.createContext({}));
  });

  it('returns a promise of node\'s result shape, summary and detailed', async () => {
    for (const mode of ['summary', 'detailed']) {
      const p = vm.measureMemory({ mode, execution: 'eager' });
      expect(p).to.be.an.instanceOf(Promise);
      const mine = await p;
      const nodes = await nodeVm.measureMemory({ mode, execution: 'eager' });
      expect(shapeOf(mine), mode).to.deep.equal(shapeOf(nodes));
      expect(Object.getPrototypeOf(mine)).to.equal(Object.prototype);
      checkEstimate(mine.total);
      if (mode === 'detailed') {
        checkEstimate(mine.current);
        for (const e of mine.other) checkEstimate(e);
      }
    }
  });

  it('resolves in the default execution mode too (node waits for a garbage collection)', async () => {
    const r = await vm.measureMemory();
    expect(Object.keys(r)).to.deep.equal(['total']);
  });

  it('the total is the main context plus every other context', async () => {
    const r = await vm.measureMemory({ mode: 'detailed' });
    const sum = (i) => r.other.reduce((a, e) => a + e.jsMemoryRange[i], r.current.jsMemoryRange[i]);
    expect(r.total.jsMemoryRange).to.deep.equal([sum(0), sum(1)]);
    expect(r.total.jsMemoryEstimate).to.equal(sum(0));
  });

  it('lists each live context, the newest last', async () => {
    const before = (await vm.measureMemory({ mode: 'detailed' })).other.length;
    const ctx = vm.createContext({});
    keep.push(ctx);
    const after = (await vm.measureMemory({ mode: 'detailed' })).other.length;
    expect(after).to.equal(before + 1);
  });

  it('a context\'s estimate grows with what its code allocates and keeps', async () => {
    const ctx = vm.createContext({});
    keep.push(ctx);
    const empty = await lastContextEstimate();
    vm.runInContext('var kept = []; for (let i = 0; i < 10000; i++) kept.push({ i });', ctx);
    const grown = await lastContextEstimate();
    // 10,000 objects of one property, and an array of 10,000 elements: at least 32 bytes each.
    expect(grown - empty).to.be.at.least(10000 * 32 + 10000 * 8);
    vm.runInContext('kept = null', ctx);
    const released = await lastContextEstimate();
    expect(released).to.be.below(empty + 10000);
  });

  it('counts what guest closures retain, and objects the embedder put in the context object', async () => {
    const ctx = vm.createContext({});
    keep.push(ctx);
    const empty = await lastContextEstimate();
    vm.runInContext('var get = (() => { const hidden = []; for (let i = 0; i < 5000; i++) hidden.push({ i }); return () => hidden.length; })();', ctx);
    expect((await lastContextEstimate()) - empty).to.be.at.least(5000 * 32);

    const ctx2 = vm.createContext({ data: Array.from({ length: 5000 }, (_, i) => ({ i })) });
    keep.push(ctx2);
    expect(await lastContextEstimate()).to.be.at.least(empty + 5000 * 32);
  });

  it('calls no guest getter and no guest Proxy trap', async () => {
    const ctx = vm.createContext({ log: [] });
    keep.push(ctx);
    vm.runInContext(`
      var o = { get g() { log.push('getter'); return 1; } };
      var p = new Proxy({}, { ownKeys() { log.push('ownKeys'); return []; }, getPrototypeOf() { log.push('getPrototypeOf'); return null; },
                              getOwnPropertyDescriptor() { log.push('gopd'); } });
      var r = Proxy.revocable({}, {}); r.revoke();
      class C { static get s() { log.push('static getter'); return 1; } }
    `, ctx);
    await vm.measureMemory({ mode: 'detailed' });
    expect(ctx.log).to.deep.equal([]);
  });

  it('rejects bad options with node\'s errors, synchronously', () => {
    const thrown = (v, options) => { try { v.measureMemory(options); } catch (e) { return [e.name, e.code, e.message]; } return 'returned'; };
    for (const options of [1, null, 'x', [], { mode: 1 }, { mode: 'full' }, { execution: 'x' }, { mode: 'detailed', execution: 'lazy' }]) {
      expect(thrown(vm, options), JSON.stringify(options)).to.deep.equal(thrown(nodeVm, options));
    }
  });
});
