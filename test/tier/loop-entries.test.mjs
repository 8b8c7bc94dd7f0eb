// Direct entries of bodies with a loop of their own (src/interpreter/tier/compile-to-host.ts): the body
// is a host function of its own (`B`), called by the entry inside its try/catch and by a `run` for the
// activation whose call compiled it. Each program gives the same result, error, stack and budget
// outcome as in closures, and the split entries it is about are really made.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { agent, setCompiledTier, tierOptions, tierStats } from '../../dist/esm/internal.js';
import { tierRunner, expectSameStacks } from './run-in-tier.mjs';

const run = tierRunner('loops.js');

/** The generated sources made while `fn` runs. */
function sourcesOf(fn) {
  tierStats.sources = [];
  try {
    fn();
    return tierStats.sources;
  } finally {
    tierStats.sources = null;
  }
}

const isSplit = (s) => s.includes('const B = (function (o, f, th, e0') && s.includes('return [entry, run];');

const programs = {
  sum: 'function sum(a) { var s = 0; for (var i = 0; i < a.length; i++) s += a[i]; return s; } function go() { var t = 0; for (var k = 0; k < 20; k++) t += sum([k, 1, 2]); return t; } go() + ":" + go()',
  jumps: 'function find(a, x) { outer: for (let i = 0; i < a.length; i++) { for (let j = 0; j < a[i].length; j++) { if (a[i][j] === x) return [i, j].join(); if (a[i][j] < 0) continue outer; if (a[i][j] > 100) break outer; } } return "none"; } function go() { var m = [[1, 2], [-1, 7], [3, 7], [200, 7]]; return [find(m, 7), find(m, 9), find(m, 2)].join("|"); } go() + go()',
  whileDo: 'function w(n) { var r = []; while (n > 0) { r.push(n); n -= 2; } do { r.push("d"); } while (false); switch (r.length) { case 0: return "empty"; default: } return r.join(); } function go() { return [w(5), w(0), w(-1)].join("|"); } go() + go()',
  construct: 'function P(n) { this.v = []; for (var i = 0; i < n; i++) this.v.push(i); } function Q(n) { for (var i = 0; i < n; i++) if (i === 2) return { q: i }; return 7; } function go() { var p = new P(3), q = new Q(5), r = new Q(1); return [p.v.join(), p instanceof P, q.q, q instanceof Q, r instanceof Q, Q(1)].join(); } go() + go()',
  thisAndArgs: 'function m(x, y) { var s = 0; for (var i = 0; i < 3; i++) s += this.k + x + (y === undefined ? 100 : y); return s; } var o = { k: 1, m: m }; function s(x) { "use strict"; for (var i = 0; i < 1; i++) return this; } function go() { return [o.m(1), o.m(1, 2, 3), m.call({ k: 2 }, 1, 1), s() === undefined, typeof m.call(null, 0) ].join(); } go() + go()',
  closures: 'function mk(n) { var fs = []; for (let i = 0; i < n; i++) fs.push(function () { return i; }); return fs.map(function (f) { return f(); }).join(); } function go() { return mk(3) + "|" + mk(0); } go() + go()',
  outer: 'var g = 10; function outer() { var a = 1; function inner(n) { for (var i = 0; i < n; i++) a += g; return a; } var r = 0; for (var k = 0; k < 4; k++) r += inner(k); return r; } outer() + ":" + outer()',
  argumentList: 'function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; } function m(a, b) { for (var i = 0; i < 1; i++) a = 9; return arguments[0] + ":" + b + ":" + arguments.length; } function al(x) { var a = arguments; var s = ""; for (var i = 0; i < a.length; i++) s += a[i]; x = 0; return s + a[0]; } function go() { return [sum(), sum(1, 2, 3), m(1), m(1, 2, 3), al(), al(1, 2)].join(); } go() + go()',
};

describe('the compiled tier: direct entries of bodies with loops', () => {
  for (const [name, code] of Object.entries(programs)) {
    it(`${name}: the same result through split entries (eager and hot) as in closures`, () => {
      const closures = run(code, 'off');
      expect(closures.error).to.equal(undefined);
      let eager;
      const made = sourcesOf(() => { eager = run(code, 'eager'); });
      expect(made.some(isSplit)).to.equal(true);
      expect(eager).to.deep.equal(closures);
      let hot;
      expect(sourcesOf(() => { hot = run(code, 'on'); }).some(isSplit)).to.equal(true);
      expect(hot).to.deep.equal(closures);
    });
  }

  it('the entry is what calls use after the body compiled (the first activation runs the body through run)', () => {
    // Called once by invoke (compiled at that call: run), then by a compiled site (the entry): each call
    // pushes a frame whose function name the stack shows.
    const code = 'function loop(n) { var s = ""; for (var i = 0; i < n; i++) s = new Error("x").stack.split("\\n")[1].trim(); return s; } function go() { return loop(1); } loop(1) + "|" + go() + "|" + go()';
    const closures = run(code, 'off');
    expect(closures.value).to.match(/^at loop .*\|at loop .*\|at loop /);
    expect(run(code, 'eager')).to.deep.equal(closures);
    expect(run(code, 'on')).to.deep.equal(closures);
  });

  const stacks = {
    throwInLoop: 'function inner(a) { for (var i = 0; i < a.length; i++) { if (a[i] < 0) throw new RangeError("neg " + i); } return a.length; } function mid() { return inner([1, 2, -3]); } return mid();',
    typeErrorInLoop: 'function walk(o) { var n = 0; while (true) { o = o.next; n++; } } function start() { return walk({ next: { next: null } }); } return start();',
    stackInLoop: 'function deep(n) { var s; for (var i = 0; i < 1; i++) s = n > 0 ? deep(n - 1) : new Error("here").stack; return s; } function top() { return deep(3); } return top();',
    constructorLoop: 'function Bad(n) { for (var i = 0; i < n; i++) if (i === 1) null.x; } function mk() { return new Bad(3); } return mk();',
  };
  for (const [name, body] of Object.entries(stacks)) {
    it(`${name}: the same error and stack text through split entries as in closures`, () => {
      expectSameStacks(run, body);
    });
  }

  it('a throw from inside the loop leaves through the entry: guest catch sees it, the depth is given back', () => {
    const code = 'function t(n) { for (var i = 0; ; i++) if (i === n) throw i; } function go() { var c = []; for (var k = 0; k < 5; k++) { try { t(k); } catch (e) { c.push(e); } } return c.join(); } var d0 = depthNow(); go() + "|" + go() + "|" + (depthNow() - d0)';
    for (const mode of ['eager', 'on']) {
      const saved = tierOptions.mode;
      setCompiledTier(mode);
      try {
        const ctx = vm.createContext({ depthNow: () => agent.depth });
        expect(vm.runInContext(code, ctx), mode).to.equal('0,1,2,3,4|0,1,2,3,4|0');
      } finally {
        setCompiledTier(saved);
      }
    }
  });

  it('runaway recursion through split entries is the realm\'s RangeError, and the depth is given back each time', function () {
    this.timeout(30000);
    const cases = [
      'function f(n) { for (var i = 0; i < 1; i++) f(n + 1); } f(0)',
      'function f() { var r = 0; while (true) { r += f(); } } f()',
      'function C() { for (var i = 0; i < 1; i++) new C(); } new C()',
      'function f() { for (var i = 0; i < 1; i++) f.apply(null, arguments); } f(1, 2)',
    ];
    const saved = tierOptions.mode;
    try {
      for (const body of cases) {
        for (const mode of ['eager', 'on']) {
          setCompiledTier(mode);
          const ctx = vm.createContext({ depthNow: () => agent.depth });
          const code = `var start = depthNow(), caught = []; for (var i = 0; i < 6; i++) { try { (function () { ${body} })(); caught.push("none"); } catch (e) { caught.push(e instanceof RangeError && e.message); } } [caught.every((c) => c === "Maximum call stack size exceeded"), depthNow() - start].join()`;
          expect(vm.runInContext(code, ctx), `${mode}: ${body}`).to.equal('true,0');
        }
      }
    } finally {
      setCompiledTier(saved);
    }
  });

  it('timeouts fire inside the loop of a body entered directly, with no guest catch or finally seeing them', () => {
    const programs = [
      'function spin(n) { var s = 0; for (;;) s += n; } function go() { return spin(1); } go()',
      'function spin() { var s = 0; while (true) s++; } function go() { try { spin(); } catch (e) { return "caught"; } finally { while (true) {} } } go()',
      'function S() { do { this.n = 1; } while (true); } function go() { return new S(); } go()',
      'function spin() { for (var i = 0; ; i++) if (arguments.length > 5) return i; } function go() { return spin(1, 2); } go()',
    ];
    for (const code of programs) {
      for (const mode of ['eager', 'on']) {
        const t0 = Date.now();
        const r = run(code, mode, { timeout: 50 });
        expect(r.error, `${mode}: ${code}`).to.have.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
        expect(Date.now() - t0).to.be.below(5000);
      }
    }
    // The context stays usable.
    expect(run('function k() { for (var i = 0; i < 3; i++); return i; } k() + k()', 'eager')).to.deep.equal({ value: 6 });
  });

  it('objects made by `new` of a constructor with a loop count against the memory limit', () => {
    const code = 'function P(i) { for (var j = 0; j < 1; j++) this.i = i; } function fill() { var keep = []; for (;;) keep[keep.length] = new P(keep.length); } fill()';
    for (const mode of ['eager', 'on']) {
      const r = run(code, mode, {}, { memoryLimit: 4 * 1024 * 1024 });
      expect(r.error, mode).to.have.property('code', 'ERR_VMJS_MEMORY_LIMIT');
    }
  });

  it('a body with a loop called by host code gets its arguments and `this` through the membrane', () => {
    const saved = tierOptions.mode;
    setCompiledTier('eager');
    try {
      const ctx = vm.createContext({});
      const made = sourcesOf(() => {
        const f = vm.runInContext('function f(o) { var r; for (var i = 0; i < 1; i++) r = [o.constructor.constructor === Function, this === undefined || this === globalThis ? "global" : this.constructor.constructor === Function]; return r; } function warm() { for (var i = 0; i < 10; i++) f({}); } warm(); f', ctx);
        expect(f.call({}, {})).to.deep.equal([true, true]);
        expect(f({})[0]).to.equal(true);
        const sum = vm.runInContext('(function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i].constructor === Object; return s; })', ctx);
        expect(sum({}, {}, 1)).to.equal(2);
      });
      expect(made.some(isSplit)).to.equal(true);
    } finally {
      setCompiledTier(saved);
    }
  });
});
