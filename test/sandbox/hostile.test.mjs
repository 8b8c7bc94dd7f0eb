// Hostile programs: endless loops and runaway recursion in every position a guest can put them —
// getters, conversions, Proxy traps, iterators, builtin callbacks, promise jobs — each must end in the
// expected error with the host alive, quickly, and the context still usable afterwards.
import { expect } from 'chai';
import * as vm from '../../dist/esm/index.js';

const LOOP = 'for (;;) {}';
const RECURSE = 'function r() { return r() + 1; } r()';

// [name, setup that makes `trigger()` run `body` somewhere inside a builtin or the evaluator]
const positions = [
  ['a getter', (body) => `const o = { get x() { ${body} } }; o.x`],
  ['a setter', (body) => `const o = { set x(v) { ${body} } }; o.x = 1`],
  ['valueOf in arithmetic', (body) => `const o = { valueOf() { ${body} } }; o + 1`],
  ['toString in a template', (body) => `const o = { toString() { ${body} } }; \`\${o}\``],
  ['Symbol.toPrimitive', (body) => `const o = { [Symbol.toPrimitive]() { ${body} } }; o * 2`],
  ['a property key conversion', (body) => `const k = { toString() { ${body} } }; ({})[k]`],
  ['a Proxy get trap', (body) => `const p = new Proxy({}, { get() { ${body} } }); p.x`],
  ['a Proxy has trap via in', (body) => `const p = new Proxy({}, { has() { ${body} } }); 'x' in p`],
  ['a Proxy ownKeys trap via Object.keys', (body) => `const p = new Proxy({}, { ownKeys() { ${body} } }); Object.keys(p)`],
  ['Symbol.iterator in for-of', (body) => `const it = { [Symbol.iterator]() { ${body} } }; for (const x of it) {}`],
  ['an iterator next in spread', (body) => `const it = { [Symbol.iterator]() { return { next() { ${body} } }; } }; [...it]`],
  ['a sort comparator', (body) => `[3, 1, 2].sort(() => { ${body} })`],
  ['a map callback', (body) => `[1].map(() => { ${body} })`],
  ['a replace callback', (body) => `'aaa'.replace(/a/g, () => { ${body} })`],
  ['JSON.stringify toJSON', (body) => `JSON.stringify({ toJSON() { ${body} } })`],
  ['a JSON.parse reviver', (body) => `JSON.parse('[1]', () => { ${body} })`],
  ['a Map constructor adder', (body) => `class M extends Map { set() { ${body} } } new M([[1, 1]])`],
  ['a class field initializer', (body) => `class C { x = (() => { ${body} })(); } new C()`],
  ['a static block', (body) => `class C { static { ${body} } }`],
  ['a generator body via next', (body) => `function* g() { ${body} } g().next()`],
  ['a tagged template', (body) => `function tag() { ${body} } tag\`x\``],
  ['Function.prototype.call/apply/bind', (body) => `(function () { ${body} }).bind(null).call()`],
  ['Reflect.construct', (body) => `Reflect.construct(function () { ${body} }, [])`],
  ['Array.from with an array-like length getter', (body) => `Array.from({ get length() { ${body} } })`],
  ['a default parameter', (body) => `(function (a = (() => { ${body} })()) {})()`],
  ['a destructuring default', (body) => `const { a = (() => { ${body} })() } = {}`],
  ['eval', (body) => `eval(${JSON.stringify(body)})`],
  ['new Function', (body) => `new Function(${JSON.stringify(body)})()`],
  ['an instanceof Symbol.hasInstance', (body) => `({} instanceof { [Symbol.hasInstance]() { ${body} } })`],
  ['String.prototype.split with a splitter', (body) => `'a,b'.split({ [Symbol.split]() { ${body} } })`],
];

describe('hostile programs', function () {
  this.timeout(20000);

  for (const [name, make] of positions) {
    it(`an endless loop in ${name} times out; the context stays usable`, () => {
      const ctx = vm.createContext({});
      const t0 = Date.now();
      let error;
      try { vm.runInContext(make(LOOP), ctx, { timeout: 100 }); } catch (e) { error = e; }
      expect(error?.code, String(error)).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
      expect(Date.now() - t0).to.be.below(3000);
      expect(vm.runInContext('1 + 1', ctx)).to.equal(2);
    });

    it(`runaway recursion in ${name} is the guest's RangeError; the context stays usable`, () => {
      const ctx = vm.createContext({});
      const outcome = vm.runInContext(`try { ${make(RECURSE)}; 'returned' } catch (e) { e instanceof RangeError ? e.message : 'other: ' + e }`, ctx, { timeout: 5000 });
      expect(outcome).to.equal('Maximum call stack size exceeded');
      expect(vm.runInContext('1 + 1', ctx)).to.equal(2);
    });
  }

  it('an endless chain of promise jobs in an afterEvaluate context times out', () => {
    const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
    let error;
    try { vm.runInContext('(function f() { return Promise.resolve().then(f); })()', ctx, { timeout: 100 }); } catch (e) { error = e; }
    expect(error?.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(vm.runInContext('2 + 2', ctx)).to.equal(4);
  });

  it('an endless loop in an async function after an await, in an afterEvaluate context, times out', () => {
    const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
    let error;
    try { vm.runInContext(`(async () => { await null; ${LOOP} })()`, ctx, { timeout: 100 }); } catch (e) { error = e; }
    expect(error?.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
  });

  it('catching the timeout is impossible: catch and finally do not run guest code', () => {
    const ctx = vm.createContext({});
    expect(() => vm.runInContext(`var seen = []; try { ${LOOP} } catch (e) { seen.push('catch'); for (;;) {} } finally { seen.push('finally'); for (;;) {} }`, ctx, { timeout: 100 }))
      .to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(vm.runInContext('seen', ctx)).to.deep.equal([]);
  });

  it('huge strings fail as in V8 (a RangeError), not by exhausting the host', () => {
    const ctx = vm.createContext({});
    const outcome = vm.runInContext(`try { let s = 'x'; for (;;) s += s; } catch (e) { e instanceof RangeError ? e.message : String(e) }`, ctx, { timeout: 5000 });
    expect(outcome).to.equal('Invalid string length');
  });
});
