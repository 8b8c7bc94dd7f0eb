// vm.compileFunction, side by side with node 20's where node defines the behaviour: the function's
// realm, parameters, contextExtensions scopes, SyntaxErrors (message, realm, arrow message) and the
// function's name, length and source text.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

/** What a call returns or throws, comparable across implementations. */
function outcome(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { threw: e.name, message: e.message, code: e.code };
  }
}

/** The first lines of an error's stack: node's arrow message (file:line, source line, caret) and the head. */
function arrowOf(fn) {
  try {
    fn();
  } catch (e) {
    return e.stack.split('\n').slice(0, 5);
  }
  return null;
}

describe('vm.compileFunction', () => {
  describe('the same results as node:vm', () => {
    const cases = [
      ['params and body', (v) => v.compileFunction('return a + b', ['a', 'b'])(1, 2)],
      ['no params argument', (v) => v.compileFunction('return typeof arguments')()],
      ['arguments object', (v) => v.compileFunction('return arguments.length + a', ['a'])(1, 2, 3)],
      ['a parameter named arguments', (v) => v.compileFunction('return typeof arguments', ['arguments'])(1)],
      ['duplicate parameters (sloppy): the last wins', (v) => v.compileFunction('return a', ['a', 'a'])(1, 2)],
      ['strict body with duplicate parameters: V8 does not check them', (v) => v.compileFunction('"use strict"; return a', ['a', 'a'])(1, 2)],
      ['reserved words as parameter names', (v) => v.compileFunction('return arguments[0]', ['if', 'null'])(5)],
      ['a var redeclaring a parameter', (v) => v.compileFunction('var a; return a', ['a'])(4)],
      ['sloppy this is the global', (v) => v.compileFunction('return this === globalThis')()],
      ['strict this is undefined', (v) => v.compileFunction('"use strict"; return this')()],
      ['new.target', (v) => v.compileFunction('return new.target === undefined')()],
      ['constructible', (v) => { const F = v.compileFunction('this.a = 1'); return new F().a; }],
      ['hashbang at the start', (v) => v.compileFunction('#!/bin/sh\nreturn 2')()],
      ['HTML-like comment', (v) => v.compileFunction('<!-- hi\nreturn 2')()],
      ['line comment at the end', (v) => v.compileFunction('return 1 // hi')()],
      ['function declarations are hoisted', (v) => v.compileFunction('return g(); function g() { return 3 }')()],
      ['yield and await are identifiers', (v) => v.compileFunction('var yield = 1, await = 2; return yield + await')()],
      ['name', (v) => v.compileFunction('return 1', ['a']).name],
      ['length', (v) => v.compileFunction('return 1', ['a', 'b', 'c', 'd']).length],
      ['length descriptor', (v) => Object.getOwnPropertyDescriptor(v.compileFunction('return 1', ['a']), 'length')],
      ['name descriptor', (v) => Object.getOwnPropertyDescriptor(v.compileFunction('return 1', ['a']), 'name')],
      ['prototype descriptor', (v) => { const d = Object.getOwnPropertyDescriptor(v.compileFunction('return 1'), 'prototype'); return [d.writable, d.enumerable, d.configurable]; }],
      ['unresolvable name', (v) => v.compileFunction('return nope')()],
      ['typeof an unresolvable name', (v) => v.compileFunction('return typeof nope')()],
      ['two extensions: the last is innermost', (v) => v.compileFunction('return x', [], { contextExtensions: [{ x: 1 }, { x: 2 }] })()],
      ['extension seen and written', (v) => { const o = { x: 1 }; const r = v.compileFunction('x = x + 6; return x', [], { contextExtensions: [o] })(); return [r, o.x]; }],
      ['a body var shadows the extension', (v) => { const o = { x: 1 }; const r = v.compileFunction('var x = 5; return x', [], { contextExtensions: [o] })(); return [r, o.x]; }],
      ['an extension method called through the scope gets the extension as this', (v) => { const o = { m() { return this; } }; return v.compileFunction('return m() === o', ['o'], { contextExtensions: [o] })(o); }],
      ['Symbol.unscopables of an extension', (v) => v.compileFunction('return typeof x', [], { contextExtensions: [{ x: 1, [Symbol.unscopables]: { x: true } }] })()],
      ['a parameter shadows an extension', (v) => v.compileFunction('return x', ['x'], { contextExtensions: [{ x: 1 }] })(9)],
      ['extension properties added later are seen', (v) => { const o = {}; const f = v.compileFunction('return typeof late', [], { contextExtensions: [o] }); o.late = 1; return f(); }],
      ['cachedData: rejected keys', (v) => Object.keys(v.compileFunction('return 1', [], { cachedData: new Uint8Array(2) }))],
      ['no cache options: no own keys', (v) => Object.keys(v.compileFunction('return 1'))],
      ['let redeclaring a parameter', (v) => v.compileFunction('let a = 1; return a', ['a'])],
      ['class redeclaring a parameter', (v) => v.compileFunction('class a {}', ['a'])],
      ['destructured const redeclaring a parameter', (v) => v.compileFunction('const [b, { c: a }] = [];', ['a'])],
      ['a closing brace', (v) => v.compileFunction('}')],
      ['closing the body early', (v) => v.compileFunction('}, function () {')],
      ['unterminated comment', (v) => v.compileFunction('return 1 /* hi')],
      ['unterminated string', (v) => v.compileFunction('return "abc')],
      ['end of input', (v) => v.compileFunction('return (')],
      ['super', (v) => v.compileFunction('return super.x')],
      ['let let', (v) => v.compileFunction('let a; let a;')],
    ];
    for (const [name, run] of cases) {
      it(name, () => {
        expect(outcome(() => run(vm))).to.deep.equal(outcome(() => run(nodeVm)));
      });
    }
  });

  describe('the parsing context', () => {
    it('the function belongs to the parsing context\'s realm', () => {
      for (const v of [vm, nodeVm]) {
        const ctx = v.createContext({ y: 5 });
        const f = v.compileFunction('return [y, typeof require, this === globalThis]', [], { parsingContext: ctx });
        expect(Object.getPrototypeOf(f)).to.equal(v.runInContext('Function.prototype', ctx));
        expect(Object.getPrototypeOf(f.prototype)).to.equal(v.runInContext('Object.prototype', ctx));
        expect(f.prototype.constructor).to.equal(f);
        const r = f();
        expect(r).to.not.be.an.instanceOf(Array);
        expect(Array.from(r)).to.deep.equal([5, 'undefined', true]);
        expect(v.compileFunction('return this', [], { parsingContext: ctx })()).to.equal(v.runInContext('this', ctx));
        // Assignments to undeclared names land on the context object.
        v.compileFunction('created = 1', [], { parsingContext: ctx })();
        expect(ctx.created).to.equal(1);
      }
    });

    it('errors thrown at run time are the context\'s', () => {
      const ctx = vm.createContext({});
      const f = vm.compileFunction('return nope', [], { parsingContext: ctx });
      let caught;
      try { f(); } catch (e) { caught = e; }
      expect(caught).to.be.an.instanceOf(vm.runInContext('ReferenceError', ctx));
      expect(caught).to.not.be.an.instanceOf(ReferenceError);
    });

    it('a SyntaxError is the parsing context\'s, with node\'s arrow message', () => {
      for (const v of [vm, nodeVm]) {
        const ctx = v.createContext({});
        let caught;
        try { v.compileFunction('x y', [], { parsingContext: ctx }); } catch (e) { caught = e; }
        expect(caught).to.be.an.instanceOf(v.runInContext('SyntaxError', ctx));
        expect(caught).to.not.be.an.instanceOf(SyntaxError);
      }
      const opts = (v) => ({ parsingContext: v.createContext({}), filename: 'f.js', lineOffset: 10, columnOffset: 3 });
      for (const code of ['x y', '\n\n  x y', 'let a; let a;', '}']) {
        expect(arrowOf(() => vm.compileFunction(code, [], opts(vm))), code).to.deep.equal(arrowOf(() => nodeVm.compileFunction(code, [], opts(nodeVm))));
      }
      const redeclared = (v) => v.compileFunction('\n  const [b, {c: a}] = [];', ['a'], { filename: 'f.js' });
      expect(arrowOf(() => redeclared(vm))).to.deep.equal(arrowOf(() => redeclared(nodeVm)));
      // No filename: node's default is the empty string.
      expect(arrowOf(() => vm.compileFunction('x y'))[0]).to.equal(':1');
    });

    it('without a parsing context, the function is the main context\'s', () => {
      const f = vm.compileFunction('return [globalThis, Object]');
      const [g, O] = f();
      expect(g).to.equal(globalThis);
      expect(O).to.equal(Object);
      expect(f).to.be.an.instanceOf(Function);
    });
  });

  describe('source text', () => {
    it('toString shows the parameters and the body as V8 does (in a context)', () => {
      const ctx = vm.createContext({});
      const nctx = nodeVm.createContext({});
      for (const [code, params] of [['return 1', []], ['return a', ['a', 'b']], [' ', ['a']], ['//x', []], ['', ['a']]]) {
        expect(vm.compileFunction(code, params, { parsingContext: ctx }).toString())
          .to.equal(nodeVm.compileFunction(code, params, { parsingContext: nctx }).toString());
      }
    });
  });

  describe('what node leaves to V8 (where node crashes, vmjs throws)', () => {
    it('a parameter that is not an identifier', () => {
      let caught;
      try { vm.compileFunction('return 1', ['a b']); } catch (e) { caught = e; }
      expect(caught).to.include({ name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' });
      expect(caught.message).to.equal("The argument 'params[0]' must be an identifier. Received 'a b'");
      expect(() => vm.compileFunction('', ['a=1'])).to.throw(TypeError);
      expect(() => vm.compileFunction('', [''])).to.throw(TypeError);
    });

    it('a null extension', () => {
      let caught;
      try { vm.compileFunction('return 1', [], { contextExtensions: [null] }); } catch (e) { caught = e; }
      expect(caught).to.include({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
      expect(caught.message).to.equal('The "options.contextExtensions[0]" property must be of type object. Received null');
    });

    it('a Proxy extension works as a with scope', () => {
      const log = [];
      const p = new Proxy({ x: 1 }, { has(t, k) { log.push(k); return k in t; } });
      expect(vm.compileFunction('return x', [], { contextExtensions: [p] })()).to.equal(1);
      expect(log).to.include('x');
    });
  });

  it('the body is compiled once: a function is made, called many times, with a timeout from a script', () => {
    const ctx = vm.createContext({});
    const f = vm.compileFunction('let s = 0; for (let i = 0; i < n; i++) s += i; return s', ['n'], { parsingContext: ctx });
    expect(f(10)).to.equal(45);
    expect(f(100)).to.equal(4950);
    ctx.f = f;
    expect(() => vm.runInContext('f(Infinity)', ctx, { timeout: 50 })).to.throw(/Script execution timed out after 50ms/);
  });
});
