// The guest call path after its diet (issue 12): a frame keeps its rarely used fields in a FrameExtra made
// on first write, the running frame sits in a box the agent replaces at each clock tick, and closures
// get their prototype object and state stamp more cheaply. None of it may be observable.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

const run = (code) => vm.runInContext(code, vm.createContext({}));

/** The function names of a stack's frames, top first. */
const names = (stack) => stack.split('\n').slice(1).map((l) => /^\s+at (\S+)/.exec(l)?.[1]);

describe('interpreter: the call path', () => {
  describe('error stacks across clock ticks (the stack box is replaced every few thousand steps)', () => {
    it('lists every caller of a frame that ran long enough to see the box replaced', () => {
      const stack = run(`
        function inner() { let s = 0; for (let i = 0; i < 20000; i++) s += i; return new Error('x').stack; }
        function middle() { return inner(); }
        function outer() { return middle(); }
        outer();`);
      expect(names(stack).slice(0, 3)).to.deep.equal(['inner', 'middle', 'outer']);
    });

    it('does not list a callee that returned after the box was replaced', () => {
      const code = `
        function burn() { let s = 0; for (let i = 0; i < 20000; i++) s += i; return s; }
        function a() { burn(); burn(); return new Error('y').stack; }
        function b() { return a(); }
        b();`;
      const stack = run(code);
      expect(names(stack).slice(0, 2)).to.deep.equal(['a', 'b']);
      expect(names(nodeVm.runInNewContext(code)).slice(0, 2)).to.deep.equal(['a', 'b']);
    });

    it('keeps the stack of an error thrown through many calls that tick', () => {
      const stack = run(`
        function step(n) { let s = 0; for (let i = 0; i < 3000; i++) s += i; if (n === 0) throw new Error('deep'); return step(n - 1); }
        function top() { try { step(5); } catch (e) { return e.stack; } }
        top();`);
      expect(names(stack).slice(0, 7)).to.deep.equal(['step', 'step', 'step', 'step', 'step', 'step', 'top']);
    });
  });

  describe('the fields a frame keeps aside (FrameExtra)', () => {
    it('a script completion value', () => {
      expect(run('1; if (true) { 2; } else { 3; }')).to.equal(2);
      expect(run('var x = 0; for (var i = 0; i < 3; i++) { x += i; }')).to.equal(3);
    });

    it('strictness of a function frame, from its template', () => {
      const code = `
        var o = Object.freeze({ a: 1 });
        function sloppy() { o.a = 2; return 'ignored'; }
        function strict() { 'use strict'; try { o.a = 2; } catch (e) { return e.constructor === TypeError; } }
        [sloppy(), strict()]`;
      expect(run(code)).to.deep.equal(nodeVm.runInNewContext(code));
    });

    it('strict eval code inside a sloppy function (its frame differs from the function)', () => {
      const code = `
        function f() { return eval("'use strict'; var o = Object.freeze({ a: 1 }); try { o.a = 2; 'no error' } catch (e) { e.name }"); }
        f()`;
      expect(run(code)).to.equal('TypeError');
      expect(nodeVm.runInNewContext(code)).to.equal('TypeError');
    });

    it('the source of eval code in a function: the error position is in the eval', () => {
      const stack = run(`
        function f() { return eval('\\n\\nnull.x'); }
        try { f(); } catch (e) { e.stack }`);
      expect(stack).to.match(/^TypeError: Cannot read properties of null \(reading 'x'\)/);
      expect(stack.split('\n')[1]).to.match(/at eval \(eval at f .*<anonymous>:3:6\)/);
    });

    it('a sloppy direct eval in a parameter list may not redeclare a parameter', () => {
      const code = `(function (a = eval("var a = 2")) { return a; })()`;
      const r = run(`try { ${code} } catch (e) { e.name + ': ' + e.message }`);
      expect(r).to.equal(nodeVm.runInNewContext(`try { ${code} } catch (e) { e.name + ': ' + e.message }`));
      expect(run(`(function (a = eval("var b = 2"), c = b) { return [a, c]; })()`)).to.deep.equal([undefined, 2]);
    });

    it('the arguments object and parameters with defaults', () => {
      expect(run('function f(a) { arguments[0] = 5; return [a, arguments.length]; } f(1, 2)')).to.deep.equal([5, 2]);
      expect(run('function g(a = 1, { b } = { b: 2 }) { return [a, b, arguments.length]; } g()')).to.deep.equal([1, 2, 0]);
    });

    it('await operands and yield* results travel through the frame', async () => {
      const ctx = vm.createContext({});
      const p = vm.runInContext('(async function () { var a = await 1; var b = await Promise.resolve(2); return a + b; })()', ctx);
      expect(await p).to.equal(3);
      expect(vm.runInContext('function* g() { yield 1; return yield* [2, 3]; } [...g()]', ctx)).to.deep.equal([1, 2, 3]);
    });
  });

  describe('closure creation', () => {
    it("a function's prototype object has the spec's attributes and the realm's prototype", () => {
      const code = `
        function make() { return function () {}; }
        var f = make(), g = make();
        var d = Object.getOwnPropertyDescriptor(f, 'prototype');
        var c = Object.getOwnPropertyDescriptor(f.prototype, 'constructor');
        [d.writable, d.enumerable, d.configurable, c.value === f, c.writable, c.enumerable, c.configurable,
         g.prototype.constructor === g, f.prototype !== g.prototype,
         Object.getPrototypeOf(f.prototype) === Object.prototype, Object.keys(f.prototype).length]`;
      const expected = [true, false, false, true, true, false, true, true, true, true, 0];
      expect(run(code)).to.deep.equal(expected);
      expect(nodeVm.runInNewContext(code)).to.deep.equal(expected);
    });

    it('closures keep their interpreter state (source text, calls, construction)', () => {
      const code = `
        function counter() { var n = 0; return function next(step) { n += step; return n; }; }
        var c = counter();
        c(2); function P(x) { this.x = x; }
        [c(3), String(c), new P(4).x, new P(5) instanceof P]`;
      expect(run(code)).to.deep.equal([5, 'function next(step) { n += step; return n; }', 4, true]);
    });
  });
});
