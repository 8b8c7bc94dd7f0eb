// Generators made by interpreted code in the main context (runInThisContext) run: their prototype
// chain passes through one object of vmjs's (src/realm/builtins/host-generator-prototypes.ts) whose
// next/return/throw drive the interpreter's generators and hand V8's own to the host's methods.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';

describe('runInThisContext: generators', () => {
  it('a generator runs, with return and throw', () => {
    const r = vm.runInThisContext(`(function () {
      function* g() { try { yield 1; yield 2; } finally { log.push('finally'); } }
      var log = [];
      var a = [...g()];
      var it = g(); it.next();
      var ret = it.return(7);
      var it2 = g(); it2.next();
      var thrown; try { it2.throw(new Error('x')); } catch (e) { thrown = e.message; }
      return [a, ret, thrown, log, it instanceof g, Object.prototype.toString.call(it)];
    })()`);
    expect(r).to.deep.equal([[1, 2], { value: 7, done: true }, 'x', ['finally', 'finally', 'finally'], true, '[object Generator]']);
  });

  it('GeneratorFunction makes interpreted generators too, and the host\'s still run through the same methods', () => {
    const r = vm.runInThisContext(`var G = Object.getPrototypeOf(function* () {}).constructor;
      var made = [...G('a', 'yield a; yield a + 1')(5)];
      var hostIt = globalThis.__vmjsHostGen();
      var viaShim = Object.getPrototypeOf((function* () {}).prototype).next.call(hostIt);
      [made, viaShim]`);
    expect(r).to.deep.equal([[5, 6], { value: 'h', done: false }]);
  });

  it('an async generator runs', async () => {
    const r = await vm.runInThisContext(`(async function () {
      async function* g() { yield 1; await null; yield 2; }
      var out = [];
      for await (var x of g()) out.push(x);
      return out;
    })()`);
    expect(r).to.deep.equal([1, 2]);
  });
});

before(() => { globalThis.__vmjsHostGen = function* () { yield 'h'; }; });
after(() => { delete globalThis.__vmjsHostGen; });
