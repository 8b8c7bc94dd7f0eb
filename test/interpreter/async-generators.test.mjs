// Async generators and for await: the body runs in the generator form like any generator's; a
// driver keeps the request queue (next/return/throw while the body runs or awaits), awaits yielded
// values and `return` operands, and settles each request's promise. Compared with node:vm: values
// and the order of every promise job.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';
import { logOf } from './async-log.mjs';


const cases = {
  'yields reach next() as promises of iterator results':
    'async function* g() { yield 1; yield await Promise.resolve(2); return 3; }' +
    'var it = g(); it.next().then(r => log.push(r)); it.next().then(r => log.push(r)); it.next().then(r => log.push(r)); it.next().then(r => log.push(r));',
  'for await over an async generator':
    'async function* g() { for (var i = 0; i < 3; i++) { await null; yield i; } } (async () => { for await (var x of g()) log.push(x); log.push("end"); })();',
  'yield awaits its operand (a promise is never yielded)':
    'async function* g() { yield Promise.resolve("v"); } g().next().then(r => log.push(r.value));',
  'a rejected yielded promise throws into the body at the yield':
    'async function* g() { try { yield Promise.reject("r"); } catch (e) { log.push("caught " + e); yield "after"; } } var it = g(); it.next().then(r => log.push(r));',
  'return awaits its operand inside the body':
    'async function* g() { try { return Promise.reject("r"); } catch (e) { log.push("caught " + e); } } g().next().then(r => log.push(r));',
  'requests queue while the body awaits':
    'async function* g() { log.push("start"); await null; yield 1; yield 2; } var it = g(); var a = it.next(), b = it.next(), c = it.next();' +
    'log.push("queued"); Promise.all([a, b, c]).then(rs => log.push(rs));',
  'return() on a suspended generator runs finally blocks after awaiting the value':
    'async function* g() { try { yield 1; } finally { log.push("finally"); } } var it = g();' +
    'it.next().then(() => it.return(Promise.resolve(9))).then(r => log.push(r));',
  'return() and throw() before the start':
    'async function* g() { log.push("never"); } var it = g(); it.return(4).then(r => log.push(r)); var it2 = g(); it2.throw(5).catch(e => log.push("threw " + e)); it2.next().then(r => log.push(r));',
  'breaking out of for await closes the generator':
    'async function* g() { try { yield 1; yield 2; } finally { log.push("closed"); } } (async () => { for await (var x of g()) { log.push(x); break; } log.push("after"); })();',
  'an error thrown in the body rejects and completes the generator':
    'async function* g() { yield 1; throw new RangeError("bad"); } var it = g(); it.next(); it.next().catch(e => log.push(e instanceof RangeError, e.message)); it.next().then(r => log.push(r));',
  'the prototype chain and toStringTag':
    'async function* g() {} var it = g(); var AGP = Object.getPrototypeOf(g.prototype);' +
    'log.push(Object.prototype.toString.call(it), Object.prototype.toString.call(g), typeof it[Symbol.asyncIterator], it[Symbol.asyncIterator]() === it, Object.getPrototypeOf(it) === g.prototype, AGP.next.length, AGP.next.name);',
  'next() on a non-generator rejects with a TypeError':
    'async function* g() {} var next = Object.getPrototypeOf(g.prototype).next; next.call({}).catch(e => log.push(e instanceof TypeError));',
  'async generator methods and the AsyncGeneratorFunction constructor':
    'var o = { async *m() { yield this === o; } }; o.m().next().then(r => log.push(r.value));' +
    'var AGF = Object.getPrototypeOf(async function* () {}).constructor; new AGF("a", "yield a; yield a * 2")(4).next().then(r => log.push(r.value));',
  'yield* delegates to an async generator, and to a sync iterable through the async-from-sync iterator':
    'async function* inner() { yield 1; await null; yield 2; return "r"; } async function* g() { log.push(yield* inner()); yield* [Promise.resolve(3), 4]; }' +
    '(async () => { for await (var x of g()) log.push(x); })();',
  'yield* forwards return() and throw() to the inner iterator':
    'async function* inner() { try { yield 1; yield 2; } catch (e) { log.push("inner caught " + e); yield 3; } finally { log.push("inner finally"); } }' +
    'async function* g() { yield* inner(); } var it = g(); it.next().then(r => log.push(r.value)); it.throw("x").then(r => log.push(r.value)); it.return(9).then(r => log.push(r));',
  'yield* over an iterator without throw closes it and throws a TypeError':
    'var closed = false; var iter = { [Symbol.asyncIterator]() { return { next() { return Promise.resolve({ value: 1, done: false }); }, return() { closed = true; return {}; } }; } };' +
    'async function* g() { yield* iter; } var it = g(); it.next().then(() => it.throw(5)).catch(e => log.push(e instanceof TypeError, e.message, closed));',
  'defaults in a for await head name anonymous functions and classes (generator form, NamedEvaluation)':
    '(async () => { for await (const [arrow = () => {}, cls = class {}, fn = function () {}] of [[]]) log.push(arrow.name, cls.name, fn.name); })();' +
    'function* g() { for (const [a = () => {}] of [[]]) { yield 1; log.push(a.name); } } var it = g(); it.next(); it.next();',
};

describe('async generators: node:vm and vmjs agree', () => {
  for (const [name, code] of Object.entries(cases)) {
    it(name, async () => {
      expect(await logOf(vmjs, code)).to.deep.equal(await logOf(nodeVm, code));
    });
  }
});

describe('async generators and the host', () => {
  it('host code iterates a guest async generator with for await', async () => {
    const context = vmjs.createContext({});
    const values = [];
    for await (const v of vmjs.runInContext('(async function* () { yield 1; await null; yield 2; })()', context)) values.push(v);
    expect(values).to.deep.equal([1, 2]);
  });
});
