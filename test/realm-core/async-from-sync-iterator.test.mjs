// CreateAsyncFromSyncIterator and %AsyncFromSyncIteratorPrototype% (ECMA-262 §27.1.6), reached the way
// for-await and yield* will reach them: GetIterator(realm, obj, 'async') over an object without
// @@asyncIterator. Their promises are the realm's; the host awaits them (the realm's jobs drain at the
// host's microtask checkpoint).
import { expect } from 'chai';
import { abstractOps as A, createRealm, createHostRealm } from '../../dist/esm/internal.js';

const realm = createRealm();
const g = realm.globalObject;
const I = realm.intrinsics;
const protoOf = Object.getPrototypeOf;

/** The async iterator record over `obj`. */
const asyncIter = (obj) => A.GetIterator(realm, obj, 'async');
/** Calls `name` on the record's iterator, checks it returned a promise of the realm, awaits it. */
async function call(rec, name, ...args) {
  const p = rec.iterator[name](...args);
  expect(protoOf(p)).to.equal(I.PromisePrototype);
  return p;
}
/** Awaits `p`, expecting a rejection; returns the reason. */
async function rejection(p) {
  try { await p; } catch (e) { return e; }
  throw new Error('expected a rejection');
}
/** A realm array whose iterator (a realm array iterator) gets extra own methods, and the calls they saw. */
function arrayWith(values, extra) {
  const arr = g.Array.of(...values);
  const calls = [];
  const values0 = I.ArrayPrototype.values;
  arr[Symbol.iterator] = function () {
    const it = values0.call(this);
    for (const [k, f] of Object.entries(extra)) it[k] = function (...a) { calls.push([k, ...a]); return f.apply(this, a); };
    return it;
  };
  return { arr, calls };
}
/** A sync iterable whose iterator is exactly `iterator`. */
const iterableOf = (iterator) => ({ [Symbol.iterator]: () => iterator });

describe('realm-core: async-from-sync iterators (§27.1.6)', () => {
  it('GetIterator(async) wraps a sync iterator: the realm\'s prototype chain, next from the prototype, no visible slot', () => {
    const rec = asyncIter(g.Array.of(1));
    const P = I.AsyncFromSyncIteratorPrototype;
    expect(P).to.be.an('object');
    expect(protoOf(rec.iterator)).to.equal(P);
    expect(protoOf(P)).to.equal(I.AsyncIteratorPrototype);
    expect(rec.nextMethod).to.equal(P.next);
    expect(rec.done).to.equal(false);
    expect(Reflect.ownKeys(rec.iterator)).to.deep.equal([]);
    expect(Reflect.ownKeys(P)).to.deep.equal(['next', 'return', 'throw']);
    for (const name of ['next', 'return', 'throw']) {
      const d = Object.getOwnPropertyDescriptor(P, name);
      expect(d, name).to.include({ writable: true, enumerable: false, configurable: true });
      expect(protoOf(d.value)).to.equal(I.FunctionPrototype);
      expect(d.value.name).to.equal(name);
      expect(d.value.length).to.equal(0);
      expect(() => new d.value()).to.throw();
    }
    // @@asyncIterator comes from %AsyncIteratorPrototype% and returns the iterator itself.
    expect(rec.iterator[Symbol.asyncIterator]()).to.equal(rec.iterator);
    // An object with @@asyncIterator is not wrapped.
    const own = { next() {} };
    expect(asyncIter({ [Symbol.asyncIterator]: () => own }).iterator).to.equal(own);
    // Each realm has its own prototype.
    const other = createRealm();
    expect(protoOf(A.GetIterator(other, [], 'async').iterator)).to.equal(other.intrinsics.AsyncFromSyncIteratorPrototype);
    expect(other.intrinsics.AsyncFromSyncIteratorPrototype).to.not.equal(P);
  });

  it('an object with neither @@asyncIterator nor @@iterator is not async iterable', () => {
    expect(() => asyncIter({})).to.throw(g.TypeError);
  });

  it('next: values awaited and re-packaged in the realm\'s result objects, then done', async () => {
    const rec = asyncIter(g.Array.of(1, g.Promise.resolve(2), { then(r) { r(3); } }));
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await call(rec, 'next'));
    for (const r of results) {
      expect(protoOf(r)).to.equal(I.ObjectPrototype);
      expect(Reflect.ownKeys(r)).to.deep.equal(['value', 'done']);
    }
    expect(results.map((r) => [r.value, r.done])).to.deep.equal([[1, false], [2, false], [3, false], [undefined, true]]);
  });

  it('next passes its argument only when present, and a throwing sync next rejects', async () => {
    const seen = [];
    const rec = asyncIter(iterableOf({
      next(...a) { seen.push(a.length); if (seen.length === 3) throw new g.RangeError('boom'); return { value: a[0], done: false }; },
    }));
    expect(await call(rec, 'next')).to.deep.include({ value: undefined, done: false });
    expect(await call(rec, 'next', 'x')).to.deep.include({ value: 'x', done: false });
    const e = await rejection(call(rec, 'next'));
    expect(e).to.be.instanceOf(g.RangeError);
    expect(seen).to.deep.equal([0, 1, 0]);
  });

  it('next: a non-object result and a poisoned done or value reject (TypeError of the realm)', async () => {
    const e = await rejection(call(asyncIter(iterableOf({ next: () => 5 })), 'next'));
    expect(e).to.be.instanceOf(g.TypeError);
    expect(e.message).to.equal('Iterator result 5 is not an object');
    const poison = new g.Error('done');
    const r = await rejection(call(asyncIter(iterableOf({ next: () => ({ get done() { throw poison; } }) })), 'next'));
    expect(r).to.equal(poison);
  });

  it('next: a rejected value rejects and closes the sync iterator (closeOnRejection)', async () => {
    const reason = new g.Error('rejected');
    const { arr, calls } = arrayWith([g.Promise.reject(reason)], { return() { return {}; } });
    const rec = asyncIter(arr);
    expect(await rejection(call(rec, 'next'))).to.equal(reason);
    expect(calls).to.deep.equal([['return']]);
  });

  it('next: the close keeps the rejection even when return throws; a done result is not closed', async () => {
    const reason = new g.Error('rejected');
    const { arr, calls } = arrayWith([g.Promise.reject(reason)], { return() { throw new g.Error('from return'); } });
    expect(await rejection(call(asyncIter(arr), 'next'))).to.equal(reason);
    expect(calls).to.deep.equal([['return']]);
    const closed = [];
    const rec = asyncIter(iterableOf({ next: () => ({ value: g.Promise.reject(reason), done: true }), return() { closed.push(1); return {}; } }));
    expect(await rejection(call(rec, 'next'))).to.equal(reason);
    expect(closed).to.deep.equal([]);
  });

  it('next: PromiseResolve throwing (a promise with a poisoned constructor) closes and rejects', async () => {
    const poison = new g.Error('constructor');
    const p = g.Promise.resolve(1);
    Object.defineProperty(p, 'constructor', { get() { throw poison; } });
    const { arr, calls } = arrayWith([p], { return() { return {}; } });
    expect(await rejection(call(asyncIter(arr), 'next'))).to.equal(poison);
    expect(calls).to.deep.equal([['return']]);
  });

  it('return without a sync return method: { value, done: true } of the realm', async () => {
    const rec = asyncIter(g.Array.of(1, 2));
    const r = await call(rec, 'return', 'v');
    expect(protoOf(r)).to.equal(I.ObjectPrototype);
    expect(r).to.deep.equal({ value: 'v', done: true });
    const r2 = await call(asyncIter(g.Array.of()), 'return');
    expect(r2).to.deep.equal({ value: undefined, done: true });
    // return(undefined) and null: GetMethod treats both as absent.
    const r3 = await call(asyncIter(iterableOf({ next() {}, return: null })), 'return', 7);
    expect(r3).to.deep.equal({ value: 7, done: true });
  });

  it('return with a sync return method: called with its argument only when present, result unwrapped, no close on rejection', async () => {
    const reason = new g.Error('rejected');
    const { arr, calls } = arrayWith([], { return(...a) { return { value: a.length ? g.Promise.resolve(a[0]) : g.Promise.reject(reason), done: true }; } });
    const rec = asyncIter(arr);
    expect(await call(rec, 'return', 'x')).to.deep.equal({ value: 'x', done: true });
    expect(await rejection(call(rec, 'return'))).to.equal(reason);
    expect(calls).to.deep.equal([['return', 'x'], ['return']]);
    const { arr: arr2, calls: calls2 } = arrayWith([], { return() { return { value: g.Promise.reject(reason), done: false }; } });
    expect(await rejection(call(asyncIter(arr2), 'return'))).to.equal(reason);
    expect(calls2).to.deep.equal([['return']]);
  });

  it('return: a non-object result and a non-callable return reject with TypeErrors of the realm', async () => {
    const e = await rejection(call(asyncIter(iterableOf({ next() {}, return: () => 5 })), 'return'));
    expect(e).to.be.instanceOf(g.TypeError);
    expect(e.message).to.equal('Iterator result 5 is not an object');
    const e2 = await rejection(call(asyncIter(iterableOf({ next() {}, return: 5 })), 'return'));
    expect(e2).to.be.instanceOf(g.TypeError);
    expect(e2.message).to.equal('number 5 is not a function');
  });

  it('throw without a sync throw method closes the sync iterator and rejects with a TypeError of the realm', async () => {
    const { arr, calls } = arrayWith([1, 2], { return(...a) { return {}; } });
    const rec = asyncIter(arr);
    const e = await rejection(call(rec, 'throw', 'ignored'));
    expect(e).to.be.instanceOf(g.TypeError);
    expect(e.message).to.equal('The iterator does not provide a \'throw\' method.');
    expect(calls).to.deep.equal([['return']]);
    // No return either: still the TypeError.
    const e2 = await rejection(call(asyncIter(g.Array.of(1)), 'throw'));
    expect(e2).to.be.instanceOf(g.TypeError);
    // Closing's own errors win: a throwing return, a non-object result of return.
    const boom = new g.Error('return');
    const { arr: arr3 } = arrayWith([], { return() { throw boom; } });
    expect(await rejection(call(asyncIter(arr3), 'throw'))).to.equal(boom);
    const { arr: arr4 } = arrayWith([], { return() { return 5; } });
    const e4 = await rejection(call(asyncIter(arr4), 'throw'));
    expect(e4).to.be.instanceOf(g.TypeError);
    expect(e4.message).to.equal('Iterator result 5 is not an object');
  });

  it('throw with a sync throw method: called with its argument, result unwrapped, closes on a rejected value', async () => {
    const reason = new g.Error('rejected');
    const { arr, calls } = arrayWith([], {
      throw(...a) { return a.length ? { value: a[0], done: false } : { value: g.Promise.reject(reason), done: false }; },
      return() { return {}; },
    });
    const rec = asyncIter(arr);
    expect(await call(rec, 'throw', g.Promise.resolve('t'))).to.deep.equal({ value: 't', done: false });
    expect(await rejection(call(rec, 'throw'))).to.equal(reason);
    expect(calls.map((c) => c[0])).to.deep.equal(['throw', 'throw', 'return']);
    const e = await rejection(call(asyncIter(iterableOf({ next() {}, throw: () => null })), 'throw'));
    expect(e).to.be.instanceOf(g.TypeError);
    expect(e.message).to.equal('Iterator result null is not an object');
  });

  it('a method called on another receiver throws a TypeError of the realm', () => {
    const P = I.AsyncFromSyncIteratorPrototype;
    for (const name of ['next', 'return', 'throw']) {
      expect(() => P[name].call({})).to.throw(g.TypeError, `Method %AsyncFromSyncIteratorPrototype%.${name} called on incompatible receiver`);
      expect(() => P[name].call(new Proxy(asyncIter(g.Array.of()).iterator, {}))).to.throw(g.TypeError);
    }
  });

  it('the host realm (runInThisContext) wraps with host promises', async () => {
    const host = createHostRealm();
    const rec = A.GetIterator(host, [1, Promise.resolve(2)], 'async');
    expect(protoOf(protoOf(rec.iterator))).to.equal(host.intrinsics.AsyncIteratorPrototype);
    const p = rec.iterator.next();
    expect(p).to.be.instanceOf(Promise);
    expect(await p).to.deep.equal({ value: 1, done: false });
    expect(await rec.iterator.next()).to.deep.equal({ value: 2, done: false });
    expect(await rec.iterator.next()).to.deep.equal({ value: undefined, done: true });
    const e = await rejection(rec.iterator.throw(1));
    expect(e).to.be.instanceOf(TypeError);
  });
});
