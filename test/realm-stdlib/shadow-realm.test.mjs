// ShadowRealm (the ShadowRealm proposal): a new vmjs realm inside a context, its callable boundary,
// importValue through the context's importModuleDynamically, and the caller's budget.
import { expect } from 'chai';
import * as vm from '../../dist/esm/index.js';

describe('ShadowRealm', () => {
  it('evaluates in a realm of its own, with an ordinary global object and its own intrinsics', () => {
    const ctx = vm.createContext({});
    const out = vm.runInContext(`
      const r = new ShadowRealm();
      const isArray = r.evaluate('(x) => Array.isArray(x)');
      [
        r.evaluate('1 + 1'), r.evaluate('typeof ShadowRealm'), r.evaluate('Object.getPrototypeOf(globalThis) === Object.prototype'),
        r.evaluate('globalThis.x = 5; x'), typeof globalThis.x,
        r.evaluate('Array') === undefined, r.evaluate('[].constructor === Array'),
        r.evaluate('let y = 1; y'), r.evaluate('let y = 2; y'),
        Object.prototype.toString.call(r), ShadowRealm.length, ShadowRealm.prototype.evaluate.length, ShadowRealm.prototype.importValue.length,
      ]`, ctx);
    expect(out).to.deep.equal([2, 'function', true, 5, 'undefined', false, true, 1, 2, '[object ShadowRealm]', 0, 1, 2]);
  });

  it('lets primitives and callables cross; other objects and abrupt completions are TypeErrors of the caller', () => {
    const out = vm.runInNewContext(`
      const r = new ShadowRealm();
      const t = (f) => { try { f(); return 'no error'; } catch (e) { return (e.constructor === TypeError) + ' ' + e.constructor.name; } };
      const f = r.evaluate('function add(a, b, c) { return a + b + c; }; add');
      [
        f(1, 2, 3), f.name, f.length, typeof f.prototype, Object.getPrototypeOf(f) === Function.prototype, Object.getOwnPropertyNames(f).join(),
        r.evaluate('Symbol.for("s")') === Symbol.for('s'), typeof r.evaluate('10n'),
        t(() => r.evaluate('({})')), t(() => r.evaluate('throw new RangeError("x")')), t(() => r.evaluate('throw 1')),
        t(() => r.evaluate('(f) => f')({})), t(() => r.evaluate('() => ({})')()), t(() => new f()),
        (() => { try { r.evaluate('1 +'); } catch (e) { return e.constructor === SyntaxError; } })(),
        r.evaluate('(cb) => cb(20) + 1')((x) => x * 2),
        r.evaluate('(f) => f') === r.evaluate('(f) => f'),
      ]`);
    expect(out).to.deep.equal([
      6, 'add', 3, 'undefined', true, 'length,name', true, 'bigint',
      'true TypeError', 'true TypeError', 'true TypeError', 'true TypeError', 'true TypeError', 'true TypeError',
      true, 41, false,
    ]);
  });

  it('copies name and length as CopyNameAndLength says, and a throwing getter is a TypeError', () => {
    const out = vm.runInNewContext(`
      const r = new ShadowRealm();
      [
        r.evaluate('const f = function () {}; Object.defineProperty(f, "length", { value: Infinity }); f').length,
        r.evaluate('const f = function () {}; Object.defineProperty(f, "length", { value: -3.5 }); f').length,
        r.evaluate('const f = function () {}; Object.defineProperty(f, "length", { value: "2" }); f').length,
        r.evaluate('const f = function () {}; Object.defineProperty(f, "name", { value: 7 }); f').name,
        (() => { try { r.evaluate('const f = function () {}; Object.defineProperty(f, "name", { get() { throw 1; } }); f'); } catch (e) { return e instanceof TypeError; } })(),
      ]`);
    expect(out).to.deep.equal([Infinity, 0, 0, '', true]);
  });

  it('runs its code under the caller\'s timeout', () => {
    const ctx = vm.createContext({});
    expect(() => vm.runInContext('new ShadowRealm().evaluate("while (true) {}")', ctx, { timeout: 50 }))
      .to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(() => vm.runInContext('new ShadowRealm().evaluate("() => { for (;;) {} }")()', ctx, { timeout: 50 }))
      .to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(vm.runInContext('new ShadowRealm().evaluate("2")', ctx)).to.equal(2);
  });

  it('runs its promise jobs on the context\'s queue (afterEvaluate: drained at the end of the run)', () => {
    const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
    vm.runInContext('var r = new ShadowRealm(); r.evaluate("Promise.resolve().then(() => { globalThis.done = 1; }); 0")', ctx);
    expect(vm.runInContext('r.evaluate("globalThis.done")', ctx)).to.equal(1);
  });

  it('keeps the context\'s code-generation setting', () => {
    const ctx = vm.createContext({}, { codeGeneration: { strings: false } });
    expect(vm.runInContext(`try { new ShadowRealm().evaluate('1'); } catch (e) { e.constructor === EvalError }`, ctx)).to.equal(true);
  });

  it('imports values through the importModuleDynamically of the context that made it', async () => {
    let seen = null;
    const ctx = vm.createContext({}, {
      importModuleDynamically: async (specifier, referrer) => {
        seen = [specifier, referrer === ctx];
        const m = new vm.SourceTextModule('export const n = 42; export function twice(x) { return 2 * x; } export const o = {};', { context: ctx });
        await m.link(() => { throw new Error('no imports'); });
        await m.evaluate();
        return m;
      },
    });
    const out = await vm.runInContext(`
      const r = new ShadowRealm();
      const why = (p) => p.then(() => 'resolved', (e) => e.constructor === TypeError);
      Promise.all([
        r.importValue('./mod.js', 'n'), r.importValue('./mod.js', 'twice').then((f) => f(21)),
        why(r.importValue('./mod.js', 'o')), why(r.importValue('./mod.js', 'missing')),
      ])`, ctx);
    expect(out).to.deep.equal([42, 42, true, true]);
    expect(seen).to.deep.equal(['./mod.js', true]);
  });

  it('rejects importValue with the caller\'s TypeError when the context has no importModuleDynamically', async () => {
    const out = await vm.runInNewContext(`new ShadowRealm().importValue('./x.js', 'x').then(() => 'resolved', (e) => [e.constructor === TypeError, e.message])`);
    expect(out[0]).to.equal(true);
    expect(out[1]).to.match(/Cannot import '\.\/x\.js' into the ShadowRealm/);
  });
});
