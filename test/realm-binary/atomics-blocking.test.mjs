// Atomics.wait in a context made with createContext's vmjs option `canBlock: true`: the host's wait on
// the same shared memory, woken by another thread's Atomics.notify, clamped to the run's timeout.
import { expect } from 'chai';
import { Worker } from 'node:worker_threads';
import * as vm from '../../dist/esm/index.js';

describe('Atomics.wait with canBlock', function () {
  this.timeout(20000);

  it('is a TypeError by default, and blocks where the context may block', () => {
    const code = `var i32 = new Int32Array(new SharedArrayBuffer(8));
      var r; try { r = Atomics.wait(i32, 0, 0, 10); } catch (e) { r = e.constructor === TypeError ? 'TypeError' : String(e); }
      [r, (function () { try { return Atomics.wait(i32, 0, 1, 10); } catch (e) { return 'TypeError'; } })()]`;
    expect(vm.runInNewContext(code)).to.deep.equal(['TypeError', 'TypeError']);
    expect(vm.runInContext(code, vm.createContext({}, { canBlock: true }))).to.deep.equal(['timed-out', 'not-equal']);
    expect(vm.runInContext('new ShadowRealm().evaluate("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1)")',
      vm.createContext({}, { canBlock: true }))).to.equal('timed-out');
    expect(() => vm.createContext({}, { canBlock: 1 })).to.throw().with.property('code', 'ERR_INVALID_ARG_TYPE');
  });

  it('is woken by Atomics.notify from another thread sharing the buffer', () => {
    const ctx = vm.createContext({}, { canBlock: true });
    const sab = vm.runInContext('var i32 = new Int32Array(new SharedArrayBuffer(8)); i32.buffer', ctx);
    const worker = new Worker(`
      const { workerData } = require('node:worker_threads');
      const i32 = new Int32Array(workerData);
      // Wait for the guest to say it is about to block, then wake it.
      while (Atomics.load(i32, 1) !== 1) {}
      let woken = 0;
      for (let i = 0; i < 500 && woken === 0; i++) { Atomics.wait(i32, 1, 1, 10); woken = Atomics.notify(i32, 0); }
    `, { eval: true, workerData: sab });
    try {
      const out = vm.runInContext('Atomics.store(i32, 1, 1); Atomics.wait(i32, 0, 0, 10000)', ctx, { timeout: 10000 });
      expect(out).to.equal('ok');
    } finally {
      void worker.terminate();
    }
  });

  it('ends at the run\'s timeout as any run does', () => {
    const ctx = vm.createContext({}, { canBlock: true });
    const t0 = Date.now();
    expect(() => vm.runInContext('var caught = false; try { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); } catch (e) { caught = true; }', ctx, { timeout: 100 }))
      .to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(Date.now() - t0).to.be.lessThan(5000);
    expect(vm.runInContext('caught', ctx)).to.equal(false);
  });
});
