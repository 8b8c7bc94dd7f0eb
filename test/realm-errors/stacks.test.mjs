// Error stacks through the public API: each snippet runs in node:vm and in vmjs with the same filename
// (and offsets), and the `stack` texts must be equal once node's host frames (node:vm, this file) and
// V8's builtin frames (`at Array.map (<anonymous>)`, which vmjs never shows) are taken out. Then what
// is not a text: descriptors, Error.stackTraceLimit, Error.captureStackTrace, Error.prepareStackTrace and
// its CallSite objects (the realm's, never exposing a host value), Error.isError.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

/** The guest part of a stack: node's frames of node itself, of this test file and of mocha go. */
function guestStack(stack) {
  return String(stack).split('\n').filter((l) => !/^\s+at /.test(l) || (
    !/\(node:|\(file:\/\/|at node:|at file:\/\/|\/node_modules\/|process\.processTicksAndRejections/.test(l) && !/ \(<anonymous>\)$/.test(l)
  )).join('\n');
}

/** Runs `code` in a new context of `vm`; the stack of what it returns, or of what it hands `out(e)`. */
async function stackOf(vm, code, options = { filename: 'file.js' }) {
  let fromOut;
  const ctx = vm.createContext({ out: (e) => { fromOut = e; } });
  const result = vm.runInContext(code, ctx, { ...options, displayErrors: false });
  for (let i = 0; i < 5 && fromOut === undefined; i++) await new Promise((r) => setTimeout(r, 5));
  const v = fromOut ?? result;
  return guestStack(typeof v === 'string' ? v : v.stack);
}

const cases = {
  'a function and the top level': 'function fn() {\n  return new Error("boom");\n}\nfn();',
  'the top level': 'new Error("top")',
  'a TypeError of the evaluator': 'function g(o) {\n  try { return o.x.y; } catch (e) { return e; }\n}\ng({});',
  'not a function': 'var o = {};\nfunction h() { try { o.foo(); } catch (e) { return e; } }\nh();',
  'new Foo': 'function Foo() { this.x = new Error("n"); }\nnew Foo().x;',
  'class methods, static methods': 'class A { m() { return new Error("m"); } static s() { return new Error("s"); } }\nvar a = new A(); a.m().stack + "\\n" + A.s().stack',
  'an object literal method': 'var o = { m() { return new Error("o"); } };\no.m();',
  'an anonymous function assigned to a member': 'var o = {}; o.foo = function () { return new Error("o"); };\no.foo();',
  'a function found under another name': 'function bar() { return new Error("b"); } var o = { baz: bar };\no.baz();',
  'an inferred name under another name': 'var x = {}; x.y = function () { return new Error("o"); }; var z = { q: x.y }; z.q();',
  'an anonymous function': '(function () { return new Error("a"); })();',
  'an arrow': 'var f = () => new Error("ar");\nf();',
  'a callback of a builtin': 'var r; [1].forEach(function () { r = new Error("cb"); });\nr;',
  'eval in a function': 'function fn() {\n  return eval("new Error(\\"ev\\")");\n}\nfn();',
  'eval at the top level': 'eval("\\n new Error(\\"ev2\\")");',
  'a function defined in eval code': 'function fn() { return eval("(function inner(){ return new Error(\\"e3\\") })()"); }\nfn();',
  'eval in eval': 'function fn(){ return eval("(function(){ return eval(\\"new Error(1)\\") })()") }\nfn()',
  'the Function constructor': 'var f = new Function("a", "return new Error(\\"fc\\")");\nf();',
  'a Function-constructor function as a method': 'var f = new Function("return new Error(\\"x\\")"); var o = { m: f };\no.m();',
  'call positions': 'function a() { return new Error("c"); }\nfunction b() {\n  return   (   a   )  (1,\n 2);\n}\nb();',
  'a call on a new line': 'var o = { a() { return new Error("c"); } };\nfunction b() {\n  return o\n   .a();\n}\nb();',
  'a computed member call': 'var o = { a() { return new Error("c"); } };\nfunction b() {\n  return o["a"]();\n}\nb();',
  'Error called without new': 'function b() {\n  return  Error("c");\n}\nb();',
  'a tagged template': 'function f() { return new Error("t"); } f`x`;',
  'a primitive receiver': 'function f() { return new Error("s"); }\nf.call(5);',
  'a string receiver in strict code': '"use strict"; function f() { return new Error("s"); }\nf.call("str");',
  'constructors and super()': 'class K { constructor() { this.e = new Error("k"); } }\nclass L extends K { constructor() { super(); } }\nnew L().e;',
  'an Error subclass: its constructors are skipped and its name is read late': 'class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; } }\nfunction make() { return new MyErr("q"); }\nmake();',
  'a generator': 'function* g() { yield new Error("g"); }\ng().next().value;',
  'a private method': 'class C { #p() { return new Error("p"); } q() { return this.#p(); } }\nnew C().q();',
  'a static private method': 'class C { static #p() { return new Error("p"); } static q() { return C.#p(); } }\nC.q();',
  'a function as receiver': 'function f() { return new Error("s"); } function G() {} G.m = f;\nG.m();',
  'a null-prototype receiver': 'var o = Object.create(null); o.m = function () { return new Error("np"); };\no.m();',
  'Symbol.toStringTag': 'var o = { [Symbol.toStringTag]: "TT", m() { return new Error("tt"); } };\no.m();',
  'a renamed function': 'function f() { return new Error("r"); } Object.defineProperty(f, "name", { value: "zz" }); var o = { f };\nf().stack + "\\n" + o.f().stack',
  'a computed method name': 'var o = { ["a b"]() { return new Error("x"); } };\no["a b"]();',
  'Error.stackTraceLimit': 'Error.stackTraceLimit = 2; function r(n) { if (n === 0) return new Error("l"); return r(n - 1); }\nr(5);',
  'a fractional Error.stackTraceLimit': 'Error.stackTraceLimit = 1.7; function r(n) { return n ? r(n - 1) : new Error("x"); }\nr(3);',
  'the header is made on first read of `stack`': 'var e = new Error("x"); e.message = "y"; e;',
  'an evaluator error\'s header too': 'var e; try { null.x } catch (q) { e = q; } e.name = "Renamed"; e;',
  'Error.captureStackTrace with a function': 'function Outer() { var o = {}; Error.captureStackTrace(o, Outer); return o; } function w() { return Outer(); }\nw();',
  'Error.captureStackTrace of an object with a name': 'var o = { name: "N", message: "M" }; Error.captureStackTrace(o);\no;',
  'Error.captureStackTrace reads the message late': 'function MyError(m) { Error.captureStackTrace(this, MyError); this.message = m; } MyError.prototype.name = "MyError";\nfunction t() { return new MyError("late"); }\nt();',
  'AggregateError': 'function f() { return new AggregateError([1], "agg"); }\nf();',
  'async: the synchronous part': 'async function a() { throw new Error("as"); }\nasync function b() { await a(); }\nb().catch(out);',
  'async: after an await, the awaiting functions': 'async function a() { await null; throw new Error("as"); }\nasync function b() { await a(); }\nb().catch(out);',
  'async: a chain of awaits': 'async function a() { await 1; throw new Error("c"); } async function b() { return await a(); } async function c() { await b(); }\nc().catch(out);',
  'async: methods': 'class C { async m() { await 1; throw new Error("am"); } async n() { await this.m(); } }\nnew C().n().catch(out);',
  'async: not awaited': 'async function a() { await 1; throw new Error("c"); } async function b() { return a(); }\nb().catch(out);',
};

/** Where vmjs knowingly differs (README: Error stacks). */
const differences = {
  'a caller frame stopped at a property read points at its statement (V8: at the property)':
    'var o = { get g() { return new Error("g"); } };\nvar e =\n  o.g;\ne;',
  'an array literal element gets no inferred name (V8 names it after the variable)':
    'var arr = [function () { return new Error("o"); }];\narr[0]();',
  'a stack overflow\'s top frame is the call that overflowed (V8: the callee, at its first statement)':
    'function r() { return r(); }\ntry { r(); } catch (e) { e.stack.split("\\n").slice(0, 3).join("\\n"); }',
  'async: Promise.all frames are not shown':
    'async function a() { await 1; throw new Error("c"); } async function b() { await Promise.all([a()]); }\nb().catch(out);',
};

describe('realm-errors: stacks, differential with node:vm', () => {
  for (const [name, code] of Object.entries(cases)) {
    it(name, async () => {
      expect(await stackOf(vmjs, code)).to.equal(await stackOf(nodeVm, code));
    });
  }
  it('honours filename, lineOffset and columnOffset', async () => {
    const code = 'function f() { return new Error("o"); }\n  f();';
    const options = { filename: 'other.js', lineOffset: 10, columnOffset: 5 };
    const expected = await stackOf(nodeVm, code, options);
    expect(expected).to.equal('Error: o\n    at f (other.js:11:28)\n    at other.js:12:3');
    expect(await stackOf(vmjs, code, options)).to.equal(expected);
  });
  it('every guest frame, no host frame: a guest function called by host code', async () => {
    const ctx = vmjs.createContext({ call: (f) => f() });
    const stack = vmjs.runInContext('function inner() { return new Error("h"); }\nfunction outer() { return call(inner); }\nouter().stack', ctx, { filename: 'h.js' });
    expect(stack).to.equal('Error: h\n    at inner (h.js:1:27)\n    at outer (h.js:2:27)\n    at h.js:3:1');
  });
  it('an async generator resumed from inside its own step (queued requests) keeps a finite stack', async () => {
    const code = 'async function* g() { yield 1; yield 2; throw new Error("ag"); }\nvar it = g(); it.next(); it.next(); it.next().catch(out);';
    expect(await stackOf(vmjs, code)).to.equal('Error: ag\n    at g (file.js:1:47)');
    expect(await stackOf(vmjs, code)).to.equal(await stackOf(nodeVm, code));
  });
  describe('known differences', () => {
    for (const [reason, code] of Object.entries(differences)) {
      it(reason, async () => {
        expect(await stackOf(vmjs, code)).to.not.equal(await stackOf(nodeVm, code));
      });
    }
  });
});

describe('realm-errors: stack property and Error statics', () => {
  const run = (code) => vmjs.runInNewContext(code, {}, { filename: 'file.js' });
  // Strings are compared without node's host frames.
  const strip = (v) => (typeof v === 'string' ? guestStack(v) : Array.isArray(v) ? v.map(strip) : v);
  const both = (code) => [strip(run(code)), strip(nodeVm.runInNewContext(code, {}, { filename: 'file.js' }))];

  it('errors have no own `stack`: they inherit Error.prototype.stack (node 20: an own data property)', async () => {
    for (const code of ['new Error("x")', 'new TypeError("x")', 'try { null.x } catch (e) { e }', 'new AggregateError([])',
      'class E extends Error {} new E("x")', 'Promise.any([Promise.reject(1)]).catch((e) => e)']) {
      const e = await run(code);
      expect(e, code).to.be.an('error');
      expect(Object.getOwnPropertyDescriptor(e, 'stack'), code).to.equal(undefined);
      expect(e.stack, code).to.be.a('string');
    }
    expect(run('var d = Object.getOwnPropertyDescriptor(Error.prototype, "stack"); [typeof d.get, typeof d.set, d.enumerable, d.configurable]'))
      .to.deep.equal(['function', 'function', false, true]);
    // node 20 (V8 11): an own data property on each error.
    expect(Object.getOwnPropertyDescriptor(nodeVm.runInNewContext('new Error("x")'), 'stack')).to.include({ writable: true, enumerable: false });
  });

  it('reading `stack` makes the text once: later changes to the name and message do not show', () => {
    const [a, b] = both('var e = new Error("x"); var s1 = e.stack; e.message = "y"; [s1 === e.stack, e.stack.split("\\n")[0]]');
    expect(a).to.deep.equal(b);
    expect(a).to.deep.equal([true, 'Error: x']);
  });

  it('Error.captureStackTrace still installs an own `stack`, which becomes data when read or assigned', () => {
    const [a, b] = both('var o = {}; Error.captureStackTrace(o); var s = o.stack; [typeof s, "value" in Object.getOwnPropertyDescriptor(o, "stack"), Object.keys(o).length]');
    expect(a).to.deep.equal(b);
    expect(a).to.deep.equal(['string', true, 0]);
    const [c, d] = both('var o = {}; Error.captureStackTrace(o); o.stack = 5; [o.stack, Object.getOwnPropertyDescriptor(o, "stack").enumerable]');
    expect(c).to.deep.equal(d);
    expect(run('var o = {}; Error.captureStackTrace(o); Object.freeze(o); o.stack === o.stack')).to.equal(true);
    // On an error: its own `stack` now shadows the inherited accessor.
    expect(run('var e = new Error("x"); Error.captureStackTrace(e); [Object.prototype.hasOwnProperty.call(e, "stack"), e.stack.split("\\n")[0]]'))
      .to.deep.equal([true, 'Error: x']);
  });

  it('assigning a string to an error\'s `stack` makes an own data property, enumerable as the proposal says (node: non-enumerable)', () => {
    const code = 'class E extends Error {} var e = new E("x"); e.stack = "mine"; [e.stack, Object.keys(e).length, Object.getOwnPropertyDescriptor(e, "stack").value]';
    expect(run(code)).to.deep.equal(['mine', 1, 'mine']);
    expect(nodeVm.runInNewContext(code)).to.deep.equal(['mine', 0, 'mine']);
  });

  it('Error.stackTraceLimit is read when the error is made; a non-number gives stack undefined', () => {
    for (const code of [
      'Error.stackTraceLimit = "x"; var e = new Error("l"); [e.stack, "stack" in e]',
      'delete Error.stackTraceLimit; var e = new Error("l"); e.stack',
      'Error.stackTraceLimit = -1; new Error("x").stack',
      'Error.stackTraceLimit = 0; new Error("x").stack',
      'var e1 = new Error("a"); Error.stackTraceLimit = 0; var s = e1.stack; Error.stackTraceLimit = 10; s',
      'var o = {}; Error.stackTraceLimit = "x"; Error.captureStackTrace(o); [Object.prototype.hasOwnProperty.call(o, "stack"), o.stack]',
      'JSON.stringify(Object.getOwnPropertyDescriptor(Error, "stackTraceLimit"))',
    ]) {
      const [a, b] = both(code);
      expect(a, code).to.deep.equal(b);
    }
  });

  it('Error.captureStackTrace: receivers, frozen objects, the message read when first shown', () => {
    for (const code of [
      'try { Error.captureStackTrace(1); } catch (e) { e.name + ": " + e.message }',
      'try { Error.captureStackTrace(Object.freeze({})); } catch (e) { e.name + ": " + e.message }',
      'var e = new Error("orig"); e.message = "changed"; Error.captureStackTrace(e); e.stack',
      'function f() { var o = {}; Error.captureStackTrace(o, function nowhere() {}); return o.stack; } f()',
      'Error.captureStackTrace.length + Error.captureStackTrace.name',
    ]) {
      const [a, b] = both(code);
      expect(a, code).to.equal(b);
    }
  });

  it('Error.prepareStackTrace gets the error and the realm\'s CallSite objects, on first read', () => {
    const code = `
      var calls = 0;
      Error.prepareStackTrace = function (err, cs) {
        calls++;
        return cs.map(function (c) {
          return [c.getFileName(), c.getLineNumber(), c.getColumnNumber(), c.getFunctionName(), c.getMethodName(),
            c.getTypeName(), c.isNative(), c.isToplevel(), c.isEval(), c.isConstructor(), c.isAsync(), c.getEvalOrigin(),
            String(c), c.getScriptNameOrSourceURL(), c.isPromiseAll(), c.getPromiseIndex(),
            Object.getOwnPropertyNames(Object.getPrototypeOf(c)).sort().join()].join('|');
        }).join('\\n') + '\\n' + (err instanceof Error) + ' ' + Array.isArray(cs);
      };
      function F() { this.e = new Error('x'); }
      var o = { m() { return new F().e; } };
      function g() { return eval('o.m()'); }
      var e = g();
      var before = calls;
      [before, e.stack, calls, e.stack === e.stack, calls];`;
    const [a, b] = both(code);
    // node's trailing frames are node:vm's own: compare the guest frames.
    const guest = (r) => [r[0], r[1].split('\n').filter((l) => !/node:|\/tmp\/|file:\/\//.test(l)).join('\n'), r[2], r[3], r[4]];
    expect(guest(a)).to.deep.equal(guest(b));
  });

  it('prepareStackTrace: its result is the stack whatever it is; a throw reaches the reader; errors made inside get the default text', () => {
    for (const code of [
      'Error.prepareStackTrace = () => 42; var e = new Error("x"); typeof e.stack + " " + e.stack',
      'Error.prepareStackTrace = () => { throw new TypeError("inside"); }; var e = new Error("x"); try { e.stack; "no" } catch (q) { "caught " + q.message }',
      'Error.prepareStackTrace = (e, cs) => "P:" + new Error("in").stack.split("\\n")[0]; new Error("x").stack',
      'Error.prepareStackTrace = 5; new Error("x").stack',
    ]) {
      const [a, b] = both(code);
      expect(a, code).to.equal(b);
    }
    // Whether prepareStackTrace is a function is asked on first read, not when the error is made.
    for (const code of [
      'var e = new Error("x"); Error.prepareStackTrace = () => "late"; e.stack',
      'var e; try { null.x } catch (q) { e = q; } Error.prepareStackTrace = () => "late"; e.stack',
      'Error.prepareStackTrace = () => "early"; var e = new Error("x"); Error.prepareStackTrace = undefined; e.stack',
    ]) {
      const [a, b] = both(code);
      expect(a, code).to.equal(b);
    }
  });

  it('CallSite objects are the realm\'s and give no host or foreign value', () => {
    const ctx = vmjs.createContext({ hostCall: (f) => f() });
    const r = vmjs.runInContext(`
      var sites;
      Error.prepareStackTrace = function (e, cs) { sites = cs; return ''; };
      function sloppy() { return new Error('x').stack; }
      hostCall(sloppy);
      var proto = Object.getPrototypeOf(sites[0]);
      var results = [
        Object.getPrototypeOf(proto) === Object.prototype,
        proto.constructor.constructor === Function,
        Object.getPrototypeOf(sites) === Array.prototype,
        sites[0].getFunction() === sloppy,
        typeof sites[0].getThis(),
        sites.length,
      ];
      (function () { 'use strict'; sites = null; new Error('y').stack; })();
      results.push(sites[0].getFunction(), sites[0].getThis());
      try { proto.getFileName.call({}); } catch (e) { results.push(e instanceof TypeError); }
      try { new proto.constructor(); } catch (e) { results.push(e instanceof TypeError); }
      results;`, ctx);
    expect(r).to.deep.equal([true, true, true, true, 'object', 2, undefined, undefined, true, true]);
    // A frame of another realm: no function, no this.
    const other = vmjs.createContext({});
    const f = vmjs.runInContext('(function foreign(g) { return g(); })', other);
    const seen = vmjs.runInContext(`
      var got;
      Error.prepareStackTrace = function (e, cs) { got = cs.map(function (c) { return [c.getFunctionName(), c.getFunction() === undefined, c.getThis() === undefined]; }); return ''; };
      foreign(function () { return new Error('z').stack; });
      got;`, vmjs.createContext({ foreign: f }));
    expect(seen[1]).to.deep.equal(['foreign', true, true]);
  });

  it('Error.isError (ES2026)', () => {
    const r = run(`
      class Sub extends Error {}
      [Error.isError(new Error()), Error.isError(new TypeError()), Error.isError(new Sub()), Error.isError(new AggregateError([])),
       Error.isError((() => { try { null.x } catch (e) { return e } })()),
       Error.isError({ __proto__: Error.prototype }), Error.isError(Object.create(Error.prototype)), Error.isError(1), Error.isError(),
       Error.isError.length, Error.isError.name]`);
    expect(r).to.deep.equal([true, true, true, true, true, false, false, false, false, 1, 'isError']);
    const otherError = vmjs.runInNewContext('new RangeError("x")');
    expect(vmjs.runInNewContext('Error.isError(e)', { e: otherError })).to.equal(true);
  });

  it('Error.prototype has V8\'s key order, then the `stack` accessor (node 20 has none)', () => {
    const [a, b] = both('Object.getOwnPropertyNames(Error.prototype).join()');
    expect(a).to.equal(`${b},stack`);
  });
});

describe('realm-errors: displayErrors uses the stack as node does', () => {
  it('decorates a thrown error\'s stack with the arrow message, and a thrown object\'s string stack', () => {
    for (const code of ['function f() {\n  throw new Error("d");\n}\nf();', 'throw { stack: "custom" };', 'class E extends Error {}\nthrow new E("lazy");']) {
      const outcome = (vm) => { try { vm.runInNewContext(code, {}, { filename: 'd.js' }); } catch (e) { return guestStack(e.stack); } };
      expect(outcome(vmjs), code).to.equal(outcome(nodeVm));
    }
  });
});
