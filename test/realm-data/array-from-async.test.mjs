// Array.fromAsync (ES2026 §23.1.2.2): node 20 has none to compare with, so the expected logs below
// are worked out from the spec's steps (each Await is one job turn).
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { logOf } from '../interpreter/async-log.mjs';

const run = async (code) => JSON.parse((await logOf(vm, code)).log ?? 'null');

describe('Array.fromAsync', () => {
  it('has the spec shape', () => {
    const shape = vm.runInNewContext(`
      const d = Object.getOwnPropertyDescriptor(Array, 'fromAsync');
      [typeof d.value, d.writable, d.enumerable, d.configurable, Array.fromAsync.name, Array.fromAsync.length,
       Array.fromAsync([]) instanceof Promise, 'prototype' in Array.fromAsync]`);
    expect(shape).to.deep.equal(['function', true, false, true, 'fromAsync', 1, true, false]);
  });

  it('collects an async iterable, awaiting mapped values', async () => {
    expect(await run(`
      async function* g() { yield 1; yield Promise.resolve(2); yield 3; }
      Array.fromAsync(g(), async (v, i) => v * 10 + i).then((a) => log.push(a, Array.isArray(a)));
    `)).to.deep.equal([[10, 21, 32], true]);
  });

  it('awaits the values of a sync iterable and of an array-like', async () => {
    expect(await run(`
      Array.fromAsync([Promise.resolve('a'), 'b']).then((a) => log.push(a));
      Array.fromAsync({ length: 2, 0: Promise.resolve('x'), 1: 'y' }).then((a) => log.push(a));
    `)).to.deep.equal([['x', 'y'], ['a', 'b']]); // the array-like takes fewer turns: no iterator results to await
  });

  it('rejects (does not throw) on a bad mapfn or items, and closes the iterator when the mapper throws', async () => {
    expect(await run(`
      Array.fromAsync([], 5).catch((e) => log.push(e.constructor === TypeError));
      Array.fromAsync(null).catch((e) => log.push(e.constructor === TypeError));
      const it = { [Symbol.asyncIterator]() { return this; }, next() { return { done: false, value: 1 }; },
        return() { log.push('return'); return {}; } };
      Array.fromAsync(it, () => { throw 'boom'; }).catch((e) => log.push(e));
    `)).to.deep.equal([true, true, 'return', 'boom']);
  });

  it('constructs through a constructor this, with the length for an array-like', async () => {
    expect(await run(`
      function C(...args) { log.push(['C', ...args]); }
      Array.fromAsync.call(C, { length: 1, 0: 'v' }).then((a) => log.push(a instanceof C, a[0], a.length));
      Array.fromAsync.call({}, ['w']).then((a) => log.push(Array.isArray(a)));
    `)).to.deep.equal([['C', 1], true, 'v', 1, true]);
  });
});
