// Runaway recursion ends in the realm's RangeError at the call-depth limit, never a host crash,
// whatever the recursion goes through; the context stays usable afterwards.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';

const cases = {
  'plain calls': 'function f() { return f() + 1 } f()',
  'getters': 'var o = { get x() { return this.x } }; o.x',
  'valueOf': 'var o = { valueOf() { return +o } }; +o',
  'toString': 'var o = { toString() { return `${o}` } }; String(o)',
  'Proxy traps': 'var p = new Proxy({}, { get(t, k) { return p[k] } }); p.x',
  'a builtin calling a guest callback': 'function f() { return [1].map(f) } f()',
  'sort comparators': 'function c(a, b) { [2, 1].sort(c); return a - b } [2, 1].sort(c)',
  'JSON.stringify toJSON': 'var o = { toJSON() { return JSON.stringify(o) } }; JSON.stringify(o)',
  'new with a constructor': 'function C() { new C() } new C()',
  'class constructors': 'class A { constructor() { new A() } } new A()',
  'generators': 'function* g() { yield* g() } [...g()]',
  'bound functions': 'var b = function () { return b() }.bind(null); b()',
  'Function.prototype.apply': 'function f() { return f.apply(null, []) } f()',
  'Reflect.apply': 'function f() { return Reflect.apply(f, null, []) } f()',
};

describe('interpreter: runaway recursion is a guest RangeError', () => {
  for (const [what, code] of Object.entries(cases)) {
    it(`through ${what}`, () => {
      const ctx = vm.createContext({});
      const result = vm.runInContext(`try { (function () { ${code} })(); 'no error' } catch (e) { [e instanceof RangeError, e.message] }`, ctx);
      expect(result).to.deep.equal([true, 'Maximum call stack size exceeded']);
      expect(vm.runInContext('1 + 1', ctx)).to.equal(2);
    });
  }

  it('uncaught, reaches the host as the realm\'s RangeError, not the host\'s', () => {
    const ctx = vm.createContext({});
    let error;
    try { vm.runInContext('function f() { f() } f()', ctx); } catch (e) { error = e; }
    expect(error).to.not.be.instanceOf(RangeError);
    expect(error instanceof vm.runInContext('RangeError', ctx)).to.equal(true);
    expect(error.message).to.equal('Maximum call stack size exceeded');
  });
});
