// `o.name` reads, method callees and assignments use closures generated per property name where the
// host allows `Function` (src/interpreter/compile/named-access.ts). Each case runs in node:vm and in
// vmjs and the results are compared: the generated closures must be indistinguishable from the
// generic ones, including failed strict sets, primitive bases, setters and odd names.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { sideBySide } from '../helpers/side-by-side.mjs';

const cases = {
  'reads, writes and calls': 'var o = { a: 1, m() { return this.a } }; o.a = 2; o.b = o.m(); [o.a, o.b, o.c]',
  'a primitive base reads through its prototype': '[("abc").length, (1).toFixed(1), true.toString(), Symbol.iterator.description]',
  'a method on a primitive base gets the primitive as this': 'String.prototype.me = function () { "use strict"; return typeof this }; "x".me()',
  'reading a property of undefined': 'var u; try { u.x } catch (e) { e }',
  'reading a property of null, as a callee': 'var n = null; try { n.f() } catch (e) { e }',
  'sloppy: a failed set is ignored': 'var o = Object.freeze({ x: 1 }); o.x = 2; o.y = 3; [o.x, o.y]',
  'strict: a failed set throws V8\'s message': '"use strict"; var o = Object.freeze({ x: 1 }); try { o.x = 2 } catch (e) { e }',
  'strict: adding to a non-extensible object': '"use strict"; var o = Object.preventExtensions({}); try { o.y = 2 } catch (e) { e }',
  'strict: a setter runs once, its error passes through': '"use strict"; var n = 0; var o = { set x(v) { n++; throw new RangeError("s" + v) } }; try { o.x = 1 } catch (e) { [n, e] }',
  'strict: setting on a primitive': '"use strict"; try { "abc".x = 1 } catch (e) { e }',
  'strict: setting on undefined': '"use strict"; var u; try { u.x = 1 } catch (e) { e }',
  'sloppy: setting on a primitive is ignored': 'var s = "abc"; s.x = 1; s.x',
  'a setter on the prototype chain of a primitive (sloppy)': 'var seen; Object.defineProperty(Number.prototype, "q", { set(v) { seen = typeof this }, configurable: true }); (5).q = 1; seen',
  '__proto__ as a name': 'var p = { k: 1 }; var o = {}; o.__proto__ = p; [o.k, o.__proto__ === p]',
  'reserved words and $_ names': 'var o = { class: 1, if: 2, $: 3, _a$: 4 }; o.class += o.if; [o.class, o.$, o._a$]',
  'non-ASCII names take the generic path': 'var o = { ĉu: 1, ℮: 2 }; o.ĉu = 5; [o.ĉu, o.℮]',
  'functions as bases': 'function F() {} F.x = 1; F.prototype.y = 2; [F.x, new F().y, F.name]',
  'getters see the right receiver': 'var o = { get g() { return this === o } }; var c = Object.create(o); [o.g, c.g]',
  'Proxy bases': 'var log = []; var p = new Proxy({}, { get(t, k) { log.push(String(k)); return 7 }, set(t, k, v) { log.push(k + "=" + v); return true } }); p.a = p.b; log',
  'strict: a Proxy set trap returning false': '"use strict"; var p = new Proxy({}, { set() { return false } }); try { p.a = 1 } catch (e) { e }',
  'one name in every kind of site (each kind generated on first use)': 'var qz9 = 1; var o = { qz9: 2 }; function s() { "use strict"; o.qz9 = o.qz9 + 1; return o } var r = [qz9, o.qz9]; o.qz9 = function () { return this === o }; r.push(o.qz9(), s().qz9, qz9); r',
  'the same name on many shapes': 'var r = 0; for (var i = 0; i < 50; i++) { var o = {}; o["k" + (i % 7)] = i; o.v = i; r += o.v } r',
};

describe('per-name property access closures', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      const { vmjs, node } = sideBySide(src);
      expect(vmjs).to.deep.equal(node);
    });
  }

  it('errors thrown are the context\'s', () => {
    const ctx = vm.createContext();
    const ok = vm.runInContext('"use strict"; try { Object.freeze({ x: 1 }).x = 2; false } catch (e) { e instanceof TypeError }', ctx);
    expect(ok).to.equal(true);
  });
});
