// The realm's Promise (ECMA-262 §27.2) and the interpreter's job queue: the order in which reactions
// and thenable adoption run (compared with node:vm side by side), promises of the realm's own
// Promise, host code awaiting guest promises, node's error messages, and microtaskMode 'afterEvaluate'.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vm from '../../dist/esm/index.js';
import { shape } from './helpers.mjs';

const turn = () => new Promise((r) => setTimeout(r, 0));

/** Runs `setup` in a fresh context of `impl`, lets the host's event loop turn, then reads `read`. */
async function settled(impl, setup, read = 'log') {
  const ctx = impl.createContext({});
  impl.runInContext(setup, ctx);
  await turn();
  return JSON.stringify(impl.runInContext(read, ctx));
}

async function sameAsNode(setup, read) {
  const expected = await settled(nodeVm, setup, read);
  const actual = await settled(vm, setup, read);
  expect(actual, setup).to.equal(expected);
  return actual;
}

describe('realm-stdlib: Promise and the job queue', () => {
  it('runs reactions, thenable adoption and the combinators in node\'s order', async () => {
    await sameAsNode(`var log = [];
      Promise.resolve(1).then(v => log.push('a' + v));
      Promise.reject(2).catch(e => log.push('b' + e));
      var thenable = { then(r) { log.push('thenable'); r(3); } };
      Promise.resolve(thenable).then(v => log.push('c' + v));
      new Promise(r => r(Promise.resolve(4))).then(v => log.push('d' + v));
      Promise.resolve(5).finally(() => log.push('fin')).then(v => log.push('e' + v));
      Promise.reject(6).finally(() => log.push('fin2')).catch(v => log.push('f' + v));
      Promise.all([1, Promise.resolve(2), thenable]).then(v => log.push('all' + v));
      Promise.allSettled([1, Promise.reject(2)]).then(v => log.push(JSON.stringify(v)));
      Promise.any([Promise.reject(1), Promise.reject(2)]).catch(e => log.push(e.constructor.name + e.errors + e.message));
      Promise.race([new Promise(() => {}), Promise.resolve(7)]).then(v => log.push('race' + v));
      new Promise(() => { throw new TypeError('x'); }).catch(e => log.push(e instanceof TypeError));
      var p = Promise.resolve('x'); p.then(() => log.push(1)); p.then(() => log.push(2)).then(() => log.push(4)); p.then(() => log.push(3));
      log.push('sync');`);
    await sameAsNode(`var log = []; var p = new Promise(r => r(p)); p.catch(e => log.push(e instanceof TypeError, e.message));`);
    await sameAsNode(`var log = []; class P extends Promise {}; var q = P.resolve(1).then(x => x);
      log.push(q instanceof P, q.constructor === P, P.resolve(q) === q, Promise.resolve(q) === q);`);
  });

  it('keeps guest and host promises interleaved as node does', async () => {
    for (const impl of [nodeVm, vm]) {
      const log = [];
      const ctx = impl.createContext({ log, hostPromise: Promise.resolve('h') });
      impl.runInContext(`Promise.all([hostPromise, Promise.resolve('g'), 1]).then(v => log.push(v.join()));
        Promise.resolve().then(() => log.push('guest'));`, ctx);
      Promise.resolve().then(() => log.push('host'));
      await turn();
      expect(log, impl === vm ? 'vmjs' : 'node').to.include.members(['h,g,1', 'guest', 'host']);
    }
  });

  it('makes promises of the context\'s own Promise, which the host can await', async () => {
    const p = vm.runInNewContext('Promise.resolve(1)');
    expect(p).not.to.be.instanceOf(Promise);
    expect(await p).to.equal(1);
    const ctx = vm.createContext({});
    const q = vm.runInContext('Promise.resolve(2).then(x => x * 2)', ctx);
    expect(Object.getPrototypeOf(q)).to.equal(vm.runInContext('Promise.prototype', ctx));
    expect(vm.runInContext('(p) => p instanceof Promise', ctx)(q)).to.equal(true);
    expect(await q).to.equal(4);
    expect(vm.runInContext('Object.prototype.toString.call(Promise.resolve())', ctx)).to.equal('[object Promise]');
    const arr = await vm.runInContext('Promise.all([1, 2])', ctx);
    expect(Object.getPrototypeOf(arr)).to.equal(vm.runInContext('Array.prototype', ctx));
    const err = await vm.runInContext('Promise.any([])', ctx).catch((e) => e);
    expect(err).to.be.instanceOf(vm.runInContext('AggregateError', ctx));
    expect(err.message).to.equal('All promises were rejected');
    // The internal slots are invisible: no own keys, and a Proxy of a promise is not a promise.
    expect(vm.runInContext('Reflect.ownKeys(Promise.resolve()).length', ctx)).to.equal(0);
    expect(vm.runInContext('try { Promise.prototype.then.call(new Proxy(Promise.resolve(), {})); } catch (e) { e instanceof TypeError }', ctx)).to.equal(true);
  });

  it('rejects when the executor throws, and a throwing callback does not reach the host', async () => {
    const rejected = vm.runInNewContext('new Promise(() => { throw new RangeError("no"); })');
    const e = await rejected.then(() => null, (x) => x);
    expect(e.message).to.equal('no');
    expect(e).not.to.be.instanceOf(RangeError);
    await sameAsNode(`var log = []; Promise.resolve().then(() => { throw 1; }).catch(e => log.push('caught', e));`);
  });

  it('throws node\'s errors for misuse', () => {
    for (const code of ['new Promise(5)', 'Promise()', 'new Promise({})', 'new Promise()', 'Promise.prototype.then.call(1)',
      'Promise.prototype.then.call({})', 'Promise.resolve.call(1)', 'Promise.reject.call(1)', 'Promise.all.call(1)',
      'Promise.race.call(1)', 'Promise.any.call(1)', 'Promise.allSettled.call(1)', 'Promise.resolve.call({})',
      'Promise.resolve.call(function(){})', 'Promise.resolve.call(function(e){e(1,2); e(3,4)})',
      'Promise.prototype.finally.call(1)', 'Promise.prototype.catch.call(1)',
      'var p = Promise.resolve(); p.constructor = {[Symbol.species]: 5}; p.then()']) {
      let expected;
      try { nodeVm.runInNewContext(code); } catch (x) { expected = x; }
      let actual;
      try { vm.runInNewContext(code); } catch (x) { actual = x; }
      expect(actual, code).to.not.equal(undefined);
      expect(actual.constructor.name, code).to.equal(expected.constructor.name);
      expect(actual.message, code).to.equal(expected.message);
    }
  });

  it('has the spec\'s properties, names and lengths', () => {
    const ctx = vm.createContext({});
    const nodeCtx = nodeVm.createContext({});
    for (const path of ['Promise', 'Promise.prototype']) {
      const ours = shape(vm.runInContext(path, ctx));
      const theirs = shape(nodeVm.runInContext(path, nodeCtx));
      // node 20 lacks Promise.withResolvers and Promise.try (ES2024, ES2025) and the keyed combinators
      // of the await-dictionary proposal.
      for (const k of ['withResolvers', 'try', 'allKeyed', 'allSettledKeyed']) delete ours[k];
      expect(ours, path).to.deep.equal(theirs);
    }
    expect(vm.runInContext('[Promise.withResolvers.length, Promise.try.length]', ctx)).to.deep.equal([0, 1]);
  });

  it('has Promise.allKeyed and Promise.allSettledKeyed (await-dictionary)', async () => {
    const ctx = vm.createContext({});
    const r = await vm.runInContext('Promise.allKeyed({ a: 1, b: Promise.resolve(2), [Symbol.for("c")]: 3 })', ctx);
    expect(Object.getPrototypeOf(r)).to.equal(null);
    expect(Reflect.ownKeys(r)).to.deep.equal(['a', 'b', Symbol.for('c')]);
    expect([r.a, r.b]).to.deep.equal([1, 2]);
    const s = await vm.runInContext('Promise.allSettledKeyed({ x: Promise.reject(1), y: 2 })', ctx);
    expect(JSON.stringify(s)).to.equal('{"x":{"status":"rejected","reason":1},"y":{"status":"fulfilled","value":2}}');
    const e = await vm.runInContext('Promise.allKeyed(5)', ctx).catch((x) => x);
    expect(e).to.be.instanceOf(vm.runInContext('TypeError', ctx));
  });

  it('has Promise.withResolvers and Promise.try', async () => {
    const ctx = vm.createContext({});
    const v = await vm.runInContext('var w = Promise.withResolvers(); w.resolve(3); w.promise', ctx);
    expect(v).to.equal(3);
    expect(await vm.runInContext('Promise.try((a, b) => a + b, 1, 2)', ctx)).to.equal(3);
    const e = await vm.runInContext('Promise.try(() => { throw 5; })', ctx).catch((x) => x);
    expect(e).to.equal(5);
  });

  it('works in the host realm on host promises (runInThisContext)', async () => {
    const p = vm.runInThisContext('Promise.resolve(5).then(x => x + 1)');
    expect(p).to.be.instanceOf(Promise);
    expect(await p).to.equal(6);
  });

  describe("microtaskMode: 'afterEvaluate'", () => {
    it('drains the context\'s jobs before runInContext returns, only after a normal completion', () => {
      for (const impl of [nodeVm, vm]) {
        const ctx = impl.createContext({}, { microtaskMode: 'afterEvaluate' });
        expect(impl.runInContext('var log = []; Promise.resolve().then(() => log.push(1)); log.length', ctx)).to.equal(0);
        expect(impl.runInContext('log.slice()', ctx)).to.deep.equal([1]);
        expect(() => impl.runInContext('Promise.resolve().then(() => log.push(2)); throw 5', ctx)).to.throw();
        expect(impl.runInContext('log.slice()', ctx)).to.deep.equal([1]);
        expect(impl.runInContext('log', ctx)).to.deep.equal([1, 2]);
      }
    });

    it('ends an endless job chain with node\'s timeout error, and the context stays usable', () => {
      for (const impl of [nodeVm, vm]) {
        const ctx = impl.createContext({}, { microtaskMode: 'afterEvaluate' });
        let error;
        try {
          impl.runInContext('function f() { Promise.resolve().then(f); } f()', ctx, { timeout: 50 });
        } catch (e) {
          error = e;
        }
        expect(error.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
        expect(error.message).to.equal('Script execution timed out after 50ms');
        expect(impl.runInContext('1 + 1', ctx, { timeout: 1000 })).to.equal(2);
      }
    });
  });

  describe('the default mode (README: timeouts in the default mode, as in node)', () => {
    it('a job chain a script started outlives its timeout and runs to its end, after runInContext returns', async () => {
      const outcome = {};
      for (const [name, impl] of [['node', nodeVm], ['vmjs', vm]]) {
        const ctx = impl.createContext({});
        // 40 jobs of ~5 ms each: four times the script's 50 ms budget.
        const returned = impl.runInContext(`
          var done = 0;
          function busy() { const end = Date.now() + 5; while (Date.now() < end); }
          function link(n) { busy(); done++; if (n > 1) return Promise.resolve(n - 1).then(link); }
          globalThis.chain = Promise.resolve(40).then(link);
          done`, ctx, { timeout: 50 });
        await impl.runInContext('chain', ctx);
        outcome[name] = [returned, impl.runInContext('done', ctx)];
      }
      expect(outcome.vmjs).to.deep.equal(outcome.node);
      expect(outcome.vmjs).to.deep.equal([0, 40]);
    });
  });
});
