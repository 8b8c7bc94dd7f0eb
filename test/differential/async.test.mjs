// Async differential cases: each scenario runs against node:vm and vmjs with the same embedder code,
// and the logs, which record the order in which guest and host jobs ran, must be equal. The guest's
// jobs and the host's share one FIFO order in node (one microtask queue per isolate); vmjs runs each
// guest job in a host microtask of its own to keep that order.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

const turn = () => new Promise((resolve) => { setTimeout(resolve, 0); });
async function settle() { for (let i = 0; i < 4; i++) await turn(); }

/** name → async (vm) => log. Host code is identical for both; only `vm` differs. */
const scenarios = {
  'guest chains, async functions and host chains take turns': async (vm) => {
    const log = [];
    const ctx = vm.createContext({ log });
    vm.runInContext(`
      Promise.resolve().then(() => log.push('g1')).then(() => log.push('g2')).then(() => log.push('g3'));
      (async () => { log.push('a0'); await null; log.push('a1'); await null; log.push('a2'); })();`, ctx);
    Promise.resolve().then(() => log.push('h1')).then(() => log.push('h2')).then(() => log.push('h3'));
    queueMicrotask(() => log.push('qm'));
    await settle();
    return log;
  },

  'a guest await on a host promise and on a host thenable passed in by the embedder': async (vm) => {
    const log = [];
    const ctx = vm.createContext({
      log,
      hostP: Promise.resolve('hp'),
      hostThen: { then(resolve) { log.push('then called'); resolve('ht'); } },
      hostRejected: Promise.reject(new Error('no')),
    });
    ctx.hostRejected.catch(() => {});
    vm.runInContext(`
      (async () => {
        log.push(await hostP);
        log.push(await hostThen);
        try { await hostRejected; } catch (e) { log.push('caught ' + e.message); }
        log.push('done');
      })();
      Promise.resolve().then(() => log.push('g1')).then(() => log.push('g2')).then(() => log.push('g3'));`, ctx);
    Promise.resolve().then(() => log.push('h1')).then(() => log.push('h2'));
    await settle();
    return log;
  },

  'a host await on a guest promise and on a guest async function': async (vm) => {
    const log = [];
    const ctx = vm.createContext({ log });
    const gp = vm.runInContext(`Promise.resolve('gp')`, ctx);
    const af = vm.runInContext(`(async () => { await null; log.push('guest fn resumed'); return 'af'; })`, ctx);
    Promise.resolve().then(() => log.push('h1')).then(() => log.push('h2')).then(() => log.push('h3'));
    log.push('host awaits');
    log.push(await gp);
    log.push(await af());
    log.push('host resumed');
    await settle();
    return log;
  },

  'Promise.all mixing host and guest promises, on both sides': async (vm) => {
    const log = [];
    const ctx = vm.createContext({ log, hostValue: Promise.resolve('host') });
    const guest = vm.runInContext(`Promise.resolve('guest')`, ctx);
    const hostAll = Promise.all([guest, Promise.resolve('x'), vm.runInContext('Promise.resolve("y")', ctx)]).then((v) => log.push(`host all ${v.join()}`));
    vm.runInContext(`Promise.all([hostValue, 1, Promise.resolve(2)]).then((v) => log.push('guest all ' + v.join()))`, ctx);
    vm.runInContext(`Promise.race([hostValue, new Promise(() => {})]).then((v) => log.push('guest race ' + v))`, ctx);
    await hostAll;
    await settle();
    return log;
  },

  'a guest rejection handled by the host, a host rejection handled by the guest': async (vm) => {
    const log = [];
    const ctx = vm.createContext({ log, fail: () => Promise.reject(new Error('host failure')) });
    const p = vm.runInContext(`(async () => { await null; throw new TypeError('guest failure'); })()`, ctx);
    p.catch((e) => log.push(`host caught ${e.name}: ${e.message}`));
    vm.runInContext(`fail().catch((e) => log.push('guest caught ' + e.message)); fail().then(null, () => log.push('guest then'))`, ctx);
    await settle();
    return log;
  },

  'async generators and for await over a host async iterable': async (vm) => {
    const log = [];
    async function* hostGen() { yield 'h-a'; yield 'h-b'; }
    const ctx = vm.createContext({ log, hostGen });
    vm.runInContext(`
      async function* g() { yield 1; yield await Promise.resolve(2); }
      (async () => {
        for await (const v of g()) log.push('g ' + v);
        for await (const v of hostGen()) log.push('host ' + v);
        for await (const v of [Promise.resolve('s1'), 's2']) log.push('sync ' + v);
      })();
      Promise.resolve().then(() => log.push('t1')).then(() => log.push('t2')).then(() => log.push('t3')).then(() => log.push('t4'));`, ctx);
    await settle();
    return log;
  },

  'jobs of two contexts share one queue': async (vm) => {
    const log = [];
    const a = vm.createContext({ log });
    const b = vm.createContext({ log });
    vm.runInContext(`Promise.resolve().then(() => log.push('a1')).then(() => log.push('a2'))`, a);
    vm.runInContext(`Promise.resolve().then(() => log.push('b1')).then(() => log.push('b2'))`, b);
    const pa = vm.runInContext('Promise.resolve("from a")', a);
    vm.runInContext('(p) => p.then((v) => log.push("b saw " + v))', b)(pa);
    await settle();
    return log;
  },
};

describe('differential: async ordering, node:vm vs vmjs', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, async () => {
      const expected = await scenario(nodeVm);
      const actual = await scenario(vmjs);
      expect(actual).to.deep.equal(expected);
    });
  }
});
