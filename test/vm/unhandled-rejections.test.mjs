// Unhandled guest rejections: the context's onUnhandledRejection option (a vmjs extension) is told
// once the host's task has ended; without it nothing reaches the host, which never crashes.
import { expect } from 'chai';
import { setTimeout as nextTask } from 'node:timers/promises';
import vm from '../../dist/esm/index.js';

async function settle() { await nextTask(0); await nextTask(0); }

describe('unhandled rejections', () => {
  it('reports each rejection with no handler once, with its reason and promise, in rejection order', async () => {
    const seen = [];
    const ctx = vm.createContext({}, { onUnhandledRejection: (reason, promise) => seen.push([reason, promise]) });
    const [p1, p2] = vm.runInContext('globalThis.p1 = Promise.reject(1); globalThis.p2 = Promise.reject(new TypeError("t")); [p1, p2]', ctx);
    expect(seen).to.deep.equal([]); // not before the task ends
    await settle();
    expect(seen.length).to.equal(2);
    expect(seen[0]).to.deep.equal([1, p1]);
    expect(seen[1][1]).to.equal(p2);
    expect(seen[1][0]).to.be.instanceOf(vm.runInContext('TypeError', ctx));
    await settle();
    expect(seen.length).to.equal(2);
  });

  it('a handler attached by the host or by a later job in time means no report', async () => {
    const seen = [];
    const ctx = vm.createContext({}, { onUnhandledRejection: (reason) => seen.push(reason) });
    const p = vm.runInContext('Promise.reject("host handles it")', ctx);
    p.catch(() => {});
    vm.runInContext(`
      const late = Promise.reject("a job handles it");
      Promise.resolve().then(() => {}).then(() => late.catch(() => {}));
      (async () => { try { await Promise.reject("awaited"); } catch {} })();
      (async () => { throw "unhandled async"; })();
    `, ctx);
    await settle();
    expect(seen).to.deep.equal(['unhandled async']);
  });

  it('rejections from jobs of an afterEvaluate context are reported too', async () => {
    const seen = [];
    const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate', onUnhandledRejection: (reason) => seen.push(reason) });
    vm.runInContext('Promise.resolve().then(() => { throw "from a job"; })', ctx);
    await settle();
    expect(seen).to.deep.equal(['from a job']);
  });

  it('without the option nothing reaches the host: no unhandledRejection, no uncaught exception', async () => {
    const events = [];
    const onRejection = (r) => events.push(['unhandledRejection', r]);
    const onException = (e) => events.push(['uncaughtException', e]);
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    try {
      const ctx = vm.createContext({});
      vm.runInContext('Promise.reject(new Error("x")); (async () => { throw 1; })(); Promise.resolve().then(() => { throw 2; })', ctx);
      await settle();
      expect(vm.runInContext('1 + 1', ctx)).to.equal(2); // the context is fine
    } finally {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    }
    expect(events).to.deep.equal([]);
  });

  it('the option must be a function', () => {
    expect(() => vm.createContext({}, { onUnhandledRejection: 1 })).to.throw(TypeError)
      .with.property('code', 'ERR_INVALID_ARG_TYPE');
  });
});
