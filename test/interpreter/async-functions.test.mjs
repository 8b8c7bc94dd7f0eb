// Async functions, async arrows and async methods: the body runs in the evaluator's generator form
// and `await` suspends it like `yield`; the result is the context's own Promise. Each case runs in
// node:vm and in vmjs, lets the host's event loop turn a few times, and compares the guest's log:
// values and their ORDER (await's reaction jobs interleave with other promise jobs as in V8).
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';
import { logOf } from './async-log.mjs';


const cases = {
  'the body runs synchronously up to the first await':
    'async function f() { log.push(1); await null; log.push(3); } f(); log.push(2);',
  'the result promise resolves with the return value':
    'async function f() { return 5; } f().then(v => log.push(v));',
  'await of a non-promise, a promise and a thenable':
    'async function f() { log.push(await 1, await Promise.resolve(2), await { then(r) { r(3); } }); } f();',
  'a rejected await throws into the body at the await':
    'async function f() { try { await Promise.reject(new TypeError("no")); } catch (e) { log.push(e instanceof TypeError, e.message); } } f();',
  'finally blocks run around awaits':
    'async function f() { try { await null; return 1; } finally { log.push("finally"); await null; log.push("after"); } } f().then(v => log.push(v));',
  'a throw rejects the result promise with the realm\'s error':
    'async function f() { await null; null.x; } f().catch(e => log.push(e instanceof TypeError, e.constructor === TypeError));',
  'an error in a parameter initializer rejects instead of throwing':
    'async function f(a = (() => { throw 7; })()) {} var p = f(); log.push("returned"); p.catch(e => log.push(e));',
  'async arrows keep the enclosing this and arguments':
    'var o = { m() { return (async () => { await null; return [this === o, arguments[0]]; })(); } }; o.m(9).then(v => log.push(...v));',
  'async methods, static and with super':
    'class A { m() { return "A"; } } class B extends A { async m() { await null; return super.m() + "B"; } static async s() { return "S"; } }' +
    'new B().m().then(v => log.push(v)); B.s().then(v => log.push(v)); ({ async o() { return "O"; } }).o().then(v => log.push(v));',
  'awaits in loops, conditions and arguments':
    'async function f() { var s = 0; for (var i = 0; i < 3; i++) { s += await i; if (await (i === 1)) s += 10; } log.push(Math.max(await s, 0)); } f();',
  'interleaving with other promise jobs, in V8\'s order':
    'Promise.resolve().then(() => log.push("p1")); (async () => { log.push("a0"); await undefined; log.push("a1"); await undefined; log.push("a2"); })();' +
    'Promise.resolve().then(() => log.push("p2")).then(() => log.push("p3")).then(() => log.push("p4"));',
  'awaiting a promise takes no extra turns':
    'var p = Promise.resolve(); (async () => { await p; log.push("await"); })(); p.then(() => log.push("then1")).then(() => log.push("then2"));',
  'the result is the context\'s Promise and an AsyncFunction':
    'async function f() {} log.push(f() instanceof Promise, Object.prototype.toString.call(f), Object.getPrototypeOf(f) === Object.getPrototypeOf(async () => {}), typeof f.prototype);',
  'async functions are not constructors':
    'async function f() {} try { new f(); } catch (e) { log.push(e instanceof TypeError); }',
  'the AsyncFunction constructor makes interpreted async functions':
    'var AF = Object.getPrototypeOf(async function () {}).constructor; new AF("a", "return await a * 2")(21).then(v => log.push(v));',
  'recursion through awaits':
    'async function f(n) { return n === 0 ? 0 : 1 + await f(n - 1); } f(50).then(v => log.push(v));',
};

describe('async functions: node:vm and vmjs agree', () => {
  for (const [name, code] of Object.entries(cases)) {
    it(name, async () => {
      expect(await logOf(vmjs, code)).to.deep.equal(await logOf(nodeVm, code));
    });
  }
});

describe('async functions and the host', () => {
  it('a host await of a guest async function gets its value', async () => {
    const context = vmjs.createContext({});
    expect(await vmjs.runInContext('(async () => { await null; return 7; })()', context)).to.equal(7);
  });
  it('a guest await of a host promise passed in resolves', async () => {
    const context = vmjs.createContext({ hostValue: new Promise((resolve) => setTimeout(() => resolve(11), 5)) });
    expect(await vmjs.runInContext('(async () => (await hostValue) + 1)()', context)).to.equal(12);
  });
  it('a rejection reaches the host as the realm\'s error', async () => {
    const context = vmjs.createContext({});
    const TypeErrorOfRealm = vmjs.runInContext('TypeError', context);
    let caught;
    try { await vmjs.runInContext('(async () => { await null; undefined.x; })()', context); } catch (e) { caught = e; }
    expect(caught).to.be.instanceOf(TypeErrorOfRealm);
  });
  it('a timeout fires in the synchronous part of an async function', () => {
    const context = vmjs.createContext({});
    expect(() => vmjs.runInContext('(async () => { while (true) {} })()', context, { timeout: 50 }))
      .to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(vmjs.runInContext('1 + 1', context)).to.equal(2);
  });
});
