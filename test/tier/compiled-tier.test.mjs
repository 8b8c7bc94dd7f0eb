// The compiled tier (src/interpreter/tier): hot functions compiled to host JavaScript give the
// same results, errors, stacks and timeouts as the closure tier, and guest text stays data.
import { expect } from 'chai';
import { tierStats } from '../../dist/esm/internal.js';
import { tierRunner } from './run-in-tier.mjs';

const run = tierRunner('tier.js');

const programs = {
  fib: 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(20)',
  loops: 'function f() { var s = 0; for (let i = 0; i < 50; i++) { var j = 0; while (j < i) { j += 3; s += j & 7; } do { s--; } while (s > 1e9); } return s; } [f(), f(), f()].join()',
  labels: 'function f() { var r = []; outer: for (var i = 0; i < 4; i++) { inner: for (let j = 0; j < 4; j++) { if (j === 1) continue outer; if (i === 3) break outer; r.push(i + ":" + j); } } blk: { r.push("a"); break blk; } return r.join(); } f() + f()',
  objects: 'function P(x) { this.x = x; } P.prototype.get = function () { return this.x * 2; }; function f() { var a = [], o = new P(3); for (var i = 0; i < 5; i++) { a[i] = o.get() + i; o.x++; } a.length = 4; return JSON.stringify([a, o, typeof o, "x" in o, o instanceof P]); } f() + f()',
  compound: 'function f() { var o = { n: 1, s: "a" }, a = [1, 2]; o.n += 2; o.s += "b"; a[1] *= 5; a[0]++; --o.n; var k = 0; k |= 6; k >>>= 1; k **= 2; return [o.n, o.s, a.join(), k].join(); } f() + f()',
  strings: 'function f(s) { var out = ""; for (var i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16) + s[i]; return out + s.length; } f("héllo") + f("")',
  tdz: 'function f() { try { x; } catch (e) { var m = e.message + (e instanceof ReferenceError); } let x = 1; const y = x + 1; try { y = 3; } catch (e) { m += e.message + (e instanceof TypeError); } return m + y; } f() + f()',
  closures: 'function mk() { var n = 0; let m = 10; function inc() { return ++n + m; } var arr = []; for (let i = 0; i < 3; i++) arr.push(() => i + n); for (var j = 0; j < 5; j++) inc(); return [n, inc(), arr.map((g) => g()).join()].join(); } mk() + mk()',
  thisAndArgs: 'function f(a, b) { arguments[0] = 9; return [a, b, arguments.length, this === undefined ? "u" : typeof this].join(); } function g(a) { "use strict"; arguments[0] = 9; return [a, this].join(); } var o = { m: function () { return (() => this.v)(); }, v: 5 }; [f(1, 2), f.call(null, 3), g(1), g.call(7, 2), o.m(), o.m()].join("|")',
  getters: 'var o = { get x() { return this._x * 2; }, set x(v) { this._x = v + 1; } }; function f() { o.x = 3; return o.x; } f() + f()',
  conditionals: 'function f(a) { var n = null; return [a && "t", a || "d", n ?? "n", a ? 1 : 2, !a, -a, +"3", ~a, void a, typeof a, typeof undefinedName].join(); } f(0) + f(1)',
  delegated: 'function f(o) { var r = []; for (var k in o) r.push(k); for (const v of [1, 2]) r.push(v); try { throw new Error("e"); } catch (e) { r.push(e.message); } finally { r.push("fin"); } switch (r.length) { case 6: r.push("six"); break; default: r.push("other"); } var { a, ...rest } = o; r.push(a, JSON.stringify(rest)); return r.join(); } f({ a: 1, b: 2 }) + f({ a: 3 })',
  returnsFromDelegated: 'function f(x) { for (const v of [1, 2, 3]) { if (v === x) return "found " + v; } try { return "try"; } finally { x = 0; } } f(2) + f(9)',
  primitives: 'function f() { var s = "abc"; return [s.length, s.toUpperCase(), (5).toFixed(1), true.toString()].join(); } f() + f()',
  newTarget: 'function F() { return new.target === F; } function g() { return [new F() instanceof F, F()].join(); } g() + g()',
  calleeName: 'var h = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }; h(5) + h(6)',
  switches: 'function f(x) { var r = ""; for (var i = 0; i < 3; i++) { switch (x + i) { case 1: r += "one"; case 2: r += "two"; break; case "3": r += "str"; continue; default: r += "d"; case 9: { let z = i; r += z; } } r += ";"; } L: switch (x) { case 0: break L; } switch (x) { case 0: let y = 5; r += y; break; case 1: try { y; } catch (e) { r += e.name; } } return r; } f(0) + f(1) + f(9)',
  literals: 'function f(a) { var o = { a: a, "b c": [a, a + 1, [a]], toString: 1, n: { m: null } }; var p = { a, constructor: 2 }; return JSON.stringify([o, p, Object.getPrototypeOf(o) === Object.prototype, Array.isArray(o["b c"]), o["b c"] instanceof Array]); } f(1) + f(2)',
  lazyArguments: 'function g() { return [].slice.call(arguments).join("-"); } function f(a, b) { a = a + 10; var n = arguments.length; for (var i = 0; i < 2; i++) n += arguments[i]; return [n, g.apply(this, arguments)].join(); } function s(a) { "use strict"; a = 5; return arguments[0] + ":" + arguments.length; } [f(1, 2), f(3), s(1), s(2)].join("|")',
  globals: 'var counter = 0; function bump() { counter++; globalThis.seen = counter; return counter; } bump(); bump(); bump() + seen',
};

describe('the compiled tier', () => {
  afterEach(() => { tierStats.sources = null; });

  for (const [name, code] of Object.entries(programs)) {
    it(`${name}: same result compiled (eager and hot) as in closures`, () => {
      const closures = run(code, 'off');
      expect(closures.error).to.equal(undefined);
      const before = tierStats.compiled;
      const eager = run(code, 'eager');
      expect(tierStats.compiled).to.be.above(before);
      expect(eager).to.deep.equal(closures);
      expect(run(code, 'on')).to.deep.equal(closures);
    });
  }

  const failing = {
    typeError: 'function inner(o) { return o.missing.deeper; } function outer() { return inner({}); } outer()',
    notAFunction: 'function f(o) { return o.nope(1); } f({})',
    notAConstructor: 'function f() { var x = 1; return new x(); } f()',
    thrown: 'function thrower(n) { if (n > 2) throw new RangeError("deep " + n); return thrower(n + 1); } thrower(0)',
    thrownPrimitive: 'function f() { throw "text"; } f()',
    tdz: 'function f() { g(); let v = 1; function g() { return v; } } f()',
    constAssign: 'function f() { const c = 1; c = 2; } f()',
    strictSet: 'function f() { "use strict"; var o = Object.freeze({ a: 1 }); o.a = 2; } f()',
    inOperator: 'function f() { return "x" in 5; } f()',
  };
  for (const [name, code] of Object.entries(failing)) {
    it(`${name}: the same error, message and stack compiled as in closures`, () => {
      const closures = run(code, 'off');
      const eager = run(code, 'eager');
      expect(closures).to.have.property('error');
      expect(eager).to.have.property('error');
      if (typeof closures.error === 'object') {
        expect(eager.error.constructor.name).to.equal(closures.error.constructor.name);
        expect(eager.error.message).to.equal(closures.error.message);
        expect(eager.error.stack).to.equal(closures.error.stack);
      } else {
        expect(eager.error).to.equal(closures.error);
      }
    });
  }

  it('a timeout fires inside a compiled loop', () => {
    const code = 'function hot(forever) { var n = 0; while (forever) { n++; } return n; } hot(false); hot(false); hot(false); hot(false); hot(true)';
    for (const mode of ['on', 'eager']) {
      const before = tierStats.compiled;
      const r = run(code, mode, { timeout: 50 });
      expect(tierStats.compiled).to.be.above(before);
      expect(r.error).to.have.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    }
    const bare = run('function spin() { while (true) {} } spin()', 'eager', { timeout: 50 });
    expect(bare.error).to.have.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
  });

  it('a closure that stays in closures sees the compiled function\'s variable', () => {
    const code = 'function outer() { var shared = 1; let counted = 0; const read = function () { return shared + counted; }; for (var i = 0; i < 10; i++) { shared += i; counted++; } var before = read(); shared = -1; return [before, read()].join(); } outer() + "|" + outer()';
    expect(run(code, 'eager')).to.deep.equal(run(code, 'off'));
    expect(run(code, 'eager').value).to.equal('56,9|56,9');
  });

  it('guest strings stay data: never in the generated source text', () => {
    const evil = '*/ }); process.exit(1); //\u2028\u2029${`\'"\\';
    tierStats.sources = [];
    const code = `function f() { var s = ${JSON.stringify(evil)}; var o = {}; o[${JSON.stringify(evil)}] = 1; return s + Object.keys(o)[0]; } f()`;
    const r = run(code, 'eager');
    expect(r.value).to.equal(evil + evil);
    expect(tierStats.sources.length).to.be.above(0);
    for (const source of tierStats.sources) {
      expect(source).not.to.include('process');
      expect(source).not.to.include('\u2028');
    }
  });

  it('guest names never reach the generated source text', () => {
    tierStats.sources = [];
    run('function f(secretParam) { var secretLocal = secretParam + 1; return secretLocal.secretProperty; } f(1)', 'eager');
    expect(tierStats.sources.length).to.be.above(0);
    for (const source of tierStats.sources) expect(source).not.to.match(/secret/);
  });

  it('functions it does not take stay in closures: generators, async, direct eval, with, default parameters', () => {
    tierStats.sources = [];
    const code = 'function* g() { yield 1; } async function a() { return 1; } function e() { return eval("1"); } function w(o) { with (o) { return x; } } function d(p = 1) { return p; } [g().next().value, e(), w({ x: 2 }), d()].join()';
    expect(run(code, 'eager')).to.deep.equal({ value: '1,1,2,1' });
    expect(tierStats.sources).to.deep.equal([]);
  });

  it('switched off, nothing is compiled; on, a function is compiled at its seventh call, or its first with a loop', () => {
    tierStats.sources = [];
    run('function f(x) { return x + 1; } for (var i = 0; i < 9; i++) f(i); function g() { for (;;) return 1; } g()', 'off');
    expect(tierStats.sources).to.deep.equal([]);
    run('function f(x) { return x + 1; } f(1); f(2); f(3); f(4); f(5); f(6)', 'on');
    expect(tierStats.sources).to.deep.equal([]);
    run('function f(x) { return x + 1; } f(1); f(2); f(3); f(4); f(5); f(6); f(7)', 'on');
    expect(tierStats.sources.length).to.equal(1);
    run('function g() { for (;;) return 1; } g()', 'on');
    expect(tierStats.sources.length).to.equal(2);
  });
});
