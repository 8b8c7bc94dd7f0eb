// Direct entries (src/interpreter/tier/compile-to-host.ts): a compiled body's [[Call]] and
// [[Construct]] entered by the tier's call and `new` sites with the arguments as host parameters, and
// by invoke for every other caller. Each program gives the same result, error, stack and budget
// outcome as in closures, and the entries it is about are really made and used.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { agent, setCompiledTier, tierOptions, tierStats } from '../../dist/esm/internal.js';
import { tierRunner, expectSameStacks } from './run-in-tier.mjs';

const run = tierRunner('entry.js');

/** The entries made while `f` runs. */
function entriesMadeBy(f) {
  const before = tierStats.entries;
  f();
  return tierStats.entries - before;
}

const programs = {
  construct: 'function P(x, y) { this.x = x; this.y = y; } function Q() { this.no = 1; return { q: 1 }; } function R() { this.r = 2; return 5; } function NT() { return new.target === NT; } function mk(i) { var p = new P(i, i + 1), q = new Q(), r = new R(); return [p.x + p.y, p instanceof P, Object.keys(p).join(), q.q, q instanceof Q, r.r, r instanceof R, new NT() instanceof NT, NT()].join(); } mk(1) + mk(2) + mk(3)',
  constructPrototype: 'function P() { this.v = 1; } P.prototype = 7; function Q() {} function mk() { var p = new P(); Q.prototype = { tag: "q" }; var q = new Q(); return [Object.getPrototypeOf(p) === Object.prototype, p.v, q.tag].join(); } mk() + mk()',
  thisBinding: 'function sl() { return typeof this + (this === globalThis); } function st() { "use strict"; return typeof this + String(this); } function prim() { return this instanceof Number; } var o = { m: sl }; function go() { return [sl(), st(), st.call(5), prim.call(5), o.m(), sl.call(null), sl.call(undefined), st.call(null)].join(); } go() + go()',
  arity: 'function none() { return 0; } function two(a, b) { return [a, b].join("/"); } function dup(a, a) { return a; } function many(a, b, c, d, e) { return [a, b, c, d, e].join("."); } function go() { return [none(1, 2), two(1), two(1, 2, 3), dup(1, 2), dup(1), many(1, 2, 3, 4, 5), many(1, 2), many(1, 2, 3, 4, 5, 6, 7)].join(); } go() + go()',
  polymorphic: 'function A() {} A.prototype.m = function (x) { return x + 1; }; function B() {} B.prototype.m = function (x) { return x * 2; }; function C() {} C.prototype.m = function (x, y) { return [x, y]; }; function D() {} D.prototype.m = function (a, b, c, d) { return [a, b, c, d].join(); }; function go() { var r = []; var objs = [new A(), new B(), new C(), { m: Math.abs }, { m: function () { return arguments.length; } }, new D()]; for (var i = 0; i < 24; i++) { var o = objs[i % 6]; r.push(String(o.m(-i, i)), String(o.m()), String(o.m(1, 2, 3, 4, 5))); } return r.join(); } go()',
  polymorphicNew: 'function A(x) { this.a = x; } function B(x, y) { this.b = x + y; } function C() { return { c: arguments.length }; } class K { constructor(x) { this.k = x; } } function go() { var cs = [A, B, C, K, Array, Date]; var r = []; for (var i = 0; i < 18; i++) { var o = new cs[i % 6](i, 1); r.push(JSON.stringify(o) || typeof o); } return r.join(); } go()',
  hostCallers: 'function sq(x) { return x * x; } function go() { return [[1, 2, 3].map(sq).join(), sq.call(null, 4), sq.apply(null, [5]), Reflect.apply(sq, null, [6]), Reflect.construct(function (a) { this.a = a; }, [7]).a, [3, 1, 2].sort(function (a, b) { return a - b; }).join()].join("|"); } go() + go()',
  withEnvironment: 'function mk(n) { var k = n * 2; var add = function (x) { return x + k + n; }; return add(1); } function O(v) { this.v = v; } O.prototype.get = function () { var f = () => this.v + (new.target === undefined); return f(); }; function go() { var s = 0; for (var i = 0; i < 5; i++) s += mk(i); return s + ":" + new O(3).get() + ":" + new O(4).get(); } go() + go()',
  accessors: 'var o = { _x: 2, get x() { return this._x * 3; }, set x(v) { this._x = v; } }; function go() { o.x = 5; return o.x; } go() + go() + go()',
  outerBindings: 'var g = 1; function outer() { var a = 10; let b = 20; function inner(x) { a += x; return a + b + g; } var r = 0; for (var i = 0; i < 5; i++) r += inner(i); return r + ":" + a; } outer() + "|" + outer()',
  classes: 'class V { #p = 1; q = 2; static s = 3; constructor(x, y) { this.x = x; this.y = y; } get p() { return this.#p; } add(o) { return new V(this.x + o.x, this.y + o.y); } } class W extends V { constructor() { super(1, 2); this.w = 1; } } class R { constructor() { this.no = 1; return { r: 1 }; } } class N { constructor() { this.t = new.target === N; } } class M { m() { return 1; } } function go() { var v = new V(1, 2).add(new V(3, 4)); var w = new W(); var err; try { V(); } catch (e) { err = e instanceof TypeError && e.message; } return [v.x, v.y, v.q, v.p, w.x, w.w, w.q, w.p, w instanceof V, new R().r, new R() instanceof R, new N().t, new M().m(), Reflect.construct(V, [5, 6], N) instanceof N, err].join(); } go() + go()',
  // Bodies that read their argument list (lazy arguments) take it through a list entry.
  argumentList: 'function r() { r.init.apply(this, arguments); this.constructor === r && this.init.apply(this, arguments); } r.init = function () { this.n = arguments.length; }; r.prototype.init = function (x, y) { this.x = x; this.y = y; }; function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; } function go() { var v = new r(1, 2, 3); var w = new r(); return [v.x, v.y, v.n, w.x, w.n, sum(), sum(1), sum(1, 2, 3, 4, 5, 6), r.call({ constructor: 0 }, 9) === undefined].join(); } go() + go()',
  mappedArguments: 'function m(a, b) { a = 5; var k = arguments[0] + arguments[1]; return k + ":" + arguments.length + ":" + b; } function s(a) { "use strict"; a = 5; return arguments[0] + ":" + a; } function dup(a, a) { return arguments[0] + a + arguments.length; } function go() { return [m(1, 2), m(1), m(), s(1), dup(1, 2), dup(1)].join(); } go() + go()',
  argumentsMade: 'function f(x) { var g = arguments.length > 1 ? { apply: function (t, a) { return a.length + ":" + Array.isArray(a); } } : Function.prototype; return g.apply(null, arguments); } function q() { return arguments[0] + arguments["length"] + arguments[-1]; } function go() { return [f(1), f(1, 2), String(f()), q(1, 2), q()].join(); } go() + go()',
  newTarget: 'function F() { return new.target; } function G() { this.t = new.target === G; } function go() { return [F() === undefined, new G().t, Reflect.construct(G, [], F) instanceof F].join(); } go() + go()',
};

describe('the compiled tier: direct entries', () => {
  for (const [name, code] of Object.entries(programs)) {
    it(`${name}: the same result through direct entries (eager and hot) as in closures`, () => {
      const closures = run(code, 'off');
      expect(closures.error).to.equal(undefined);
      let eager;
      expect(entriesMadeBy(() => { eager = run(code, 'eager'); })).to.be.above(0);
      expect(eager).to.deep.equal(closures);
      expect(run(code, 'on')).to.deep.equal(closures);
    });
  }

  it('functions whose instantiation does more than bind simple parameters get no direct entry; one that reads its argument list gets a list entry', () => {
    tierStats.sources = [];
    const code = 'function a(x) { return arguments.length + x; } function h() { return inner(); function inner() { return 2; } } function m() { var o = arguments; return o.length; } a(1) + h() + m(1, 2)';
    expect(run(code, 'eager')).to.deep.equal({ value: 6 });
    expect(tierStats.sources.length).to.equal(4);
    // inner's, and a's and m's (`arguments` through an alias) taking their argument list; not h's (a
    // hoisted declaration).
    expect(tierStats.sources.filter((s) => /function \(s, c, ta, nt\b/.test(s)).length).to.equal(3);
    expect(tierStats.sources.filter((s) => s.includes('function (s, c, ta, nt, ls)')).length).to.equal(2);
    tierStats.sources = null;
  });

  // Function bodies: each runs once at once (eager), and as the eighth call of `main` (hot), compared
  // with the same text in closures.
  const stacks = {
    nested: 'function Inner() { throw new Error("boom"); } function mid(n) { return n > 0 ? mid(n - 1) : new Inner(); } function outer() { return mid(3); } return outer();',
    newError: 'function K() { this.s = new Error("x").stack; } function mk() { return new K().s; } function go() { return [mk(), mk()].join("\\n--\\n"); } return go();',
    captureStackTrace: 'function cap() { var o = {}; Error.captureStackTrace(o); return o.stack; } function cap2() { var o = {}; Error.captureStackTrace(o, a2); return o.stack; } function a() { return cap(); } function a2() { return cap2(); } function b() { return a() + "\\n--\\n" + a2(); } return b();',
    methodNames: 'var obj = { meth() { return new Error().stack; } }; function P() {} P.prototype.proto = function () { return obj.meth(); }; function call() { return new P().proto(); } return call();',
    typeError: 'function callee(o) { return o.f(); } function caller() { return callee({}); } return caller();',
    throughHost: 'function cb(x) { if (x === 2) throw new RangeError("two"); return x; } function go() { return [1, 2].map(cb); } return go();',
  };
  for (const [name, body] of Object.entries(stacks)) {
    it(`${name}: the same stack text compiled as in closures`, () => {
      expectSameStacks(run, body);
    });
  }

  it('runaway recursion through direct entries is the realm\'s RangeError, and the depth is given back each time', function () {
    this.timeout(30000);
    const cases = [
      'function f() { return f() + 1; } f()',
      'function f(n) { return n + f(n + 1); } f(0)',
      'function C() { new C(); } new C()',
      'var o = { m(x) { return this.m(x) + x; } }; o.m(1)',
      'function f() { try { return f(); } finally { } } f()',
      'function f(a, b, c, d, e) { return [1].map(function () { return f(a, b, c, d, e); }); } f()',
    ];
    const saved = tierOptions.mode;
    try {
      for (const body of cases) {
        for (const mode of ['eager', 'on']) {
          setCompiledTier(mode);
          const ctx = vm.createContext({ depthNow: () => agent.depth });
          const code = `var start = depthNow(), caught = []; for (var i = 0; i < 10; i++) { try { (function () { ${body} })(); caught.push("none"); } catch (e) { caught.push(e instanceof RangeError && e.message); } } [caught.every((c) => c === "Maximum call stack size exceeded"), depthNow() - start].join()`;
          expect(vm.runInContext(code, ctx), `${mode}: ${body}`).to.equal('true,0');
          expect(vm.runInContext('function shallow(n) { return n === 0 ? 0 : 1 + shallow(n - 1); } shallow(1000)', ctx)).to.equal(1000);
        }
      }
    } finally {
      setCompiledTier(saved);
    }
    const uncaught = run('function f() { return f(); } f()', 'eager');
    expect(uncaught.error).to.not.be.instanceOf(RangeError);
    expect(uncaught.error.message).to.equal('Maximum call stack size exceeded');
  });

  it('the host stack running out under direct entries is the realm\'s RangeError', () => {
    // Each level goes through a host builtin too, so the host stack may end before the depth limit.
    const code = 'function f(n) { return [n].map(function g(x) { return f(x + 1); })[0]; } function go() { try { f(0); } catch (e) { return [e instanceof RangeError, e.message].join(); } } go() + "|" + go()';
    for (const hostDepth of [0, 2000]) {
      const deep = (n) => (n === 0 ? run(code, 'eager') : deep(n - 1));
      expect(deep(hostDepth)).to.deep.equal({ value: 'true,Maximum call stack size exceeded|true,Maximum call stack size exceeded' });
    }
  });

  it('timeouts fire in call-bound code without a loop of its own, and in loops of calls', () => {
    const programs = [
      'function f(n) { return n === 0 ? 0 : f(n - 1) + f(n - 1); } f(60)',
      'function g(x) { return x; } function spin() { for (;;) g(1); } spin()',
      'function C() { this.c = 1; } function spin() { while (true) new C(); } spin()',
      'function f() { try { f(); } catch (e) { f(); } } f()',
    ];
    for (const code of programs) {
      for (const mode of ['eager', 'on']) {
        const t0 = Date.now();
        const r = run(code, mode, { timeout: 50 });
        expect(r.error, `${mode}: ${code}`).to.have.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
        expect(Date.now() - t0).to.be.below(5000);
      }
    }
  });

  it('objects made by `new` through a direct entry count against the memory limit', () => {
    const code = 'function P(i) { this.i = i; } function fill() { var keep = []; for (;;) keep[keep.length] = new P(keep.length); } fill()';
    for (const mode of ['eager', 'on']) {
      const r = run(code, mode, {}, { memoryLimit: 4 * 1024 * 1024 });
      expect(r.error, mode).to.have.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    }
  });

  it('a compiled function called by host code gets its arguments and `this` through the membrane', () => {
    const saved = tierOptions.mode;
    setCompiledTier('eager');
    try {
      const ctx = vm.createContext({});
      tierStats.sources = [];
      const f = vm.runInContext('function f(o) { return [o.constructor.constructor === Function, this === undefined || this === globalThis ? "global" : this.constructor.constructor === Function]; } function warm() { for (var i = 0; i < 10; i++) f({}); } warm(); f', ctx);
      expect(tierStats.sources.some((s) => s.includes('function (s, c, ta, nt'))).to.equal(true);
      expect(f.call({}, {})).to.deep.equal([true, true]);
      expect(f({})[0]).to.equal(true);
    } finally {
      tierStats.sources = null;
      setCompiledTier(saved);
    }
  });
});
