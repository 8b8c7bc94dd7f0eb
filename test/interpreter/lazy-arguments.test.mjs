// `arguments` read without making the arguments object (src/interpreter/compile/lazy-arguments.ts):
// `arguments.length`, `arguments[i]` and `x.apply(t, arguments)` read the call's argument list, and
// any other reference makes the object as before. Each program runs in node:vm and vmjs and the
// results must agree; the internal template flag says which functions took the lazy path.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';
import { functionStateOf } from '../../dist/esm/internal.js';

const cases = {
  'length and indices; a mapped index reads its parameter':
    'function f(a, b) { a = 9; return [arguments.length, arguments[0], arguments[1], arguments[2]]; } JSON.stringify(f(1, 2, 3))',
  'duplicate parameters: the later one owns the slot':
    'function f(a, a) { return [arguments[0], arguments[1], a]; } JSON.stringify(f(1, 2))',
  'strict functions are unmapped':
    'function f(a) { "use strict"; a = 9; return [arguments.length, arguments[0]]; } JSON.stringify(f(1))',
  'keys that are not indices below the count read the object':
    'function f(a) { return [arguments["0"], arguments[-0], arguments[0.5], arguments[7]]; } JSON.stringify(f(1))',
  'an inherited index past the count':
    'Object.prototype[1] = "inherited"; function f(a) { return arguments[1]; } f(1)',
  'other properties make the object':
    'function f() { return typeof arguments.callee + arguments.length + Object.prototype.toString.call(arguments); } f(1, 2)',
  'apply passes the current parameter values':
    'function g() { return [this.x, ...arguments].join(); } function f(a, b) { b = 7; return g.apply({ x: 1 }, arguments); } f(1, 2, 3)',
  'apply to a builtin':
    'function f() { return Math.max.apply(null, arguments); } f(1, 5, 3)',
  'apply replaced by guest code gets the real object':
    'function f() { Function.prototype.apply = function (t, a) { return Object.prototype.toString.call(a) + a.length; }; return (function () {}).apply(null, arguments); } f(1, 2)',
  'apply of a non-callable throws the same error':
    'function f() { var o = { apply: Function.prototype.apply }; try { o.apply(null, arguments); } catch (e) { return e.constructor.name; } } f()',
  'this of a sloppy callee through apply':
    'function f() { return (function () { return typeof this; }).apply(5, arguments); } f()',
  'an escaping reference makes the object':
    'function f(a) { var x = arguments; x[0] = 3; return [a, arguments[0]].join(); } f(4)',
  'an arrow sees the object':
    'function f(a) { return (() => arguments[0] + arguments.length)(); } f(5, 6)',
  'with':
    'function f(a) { with ({}) { return arguments[0]; } } f(6)',
  'a write through the object changes the parameter':
    'function f(a) { arguments[0] = 2; return a; } f(1)',
  'parameter expressions':
    'function f(a, b = arguments.length) { return b + arguments[0]; } f(1)',
  'a class computed key in the body':
    'function f(a) { class C { [arguments[0]]() {} } return Object.getOwnPropertyNames(C.prototype).join(); } f("m")',
  'optional chains':
    'function f(a) { return arguments?.[0] + arguments?.length; } f(8)',
  'generators keep reading their parameters':
    'function* g(a) { yield arguments[0]; a = 3; yield arguments[0]; yield arguments.length; } [...g(1)].join()',
  'a lexical `arguments` in a block shadows it':
    'function f() { { let arguments = [9]; return arguments[0] + arguments.length; } } f(1, 2)',
  'a call of an element':
    'function f(x) { return arguments[0].apply(null, arguments); } f(function () { return arguments.length; })',
  'delete':
    'function f(a) { delete arguments[0]; return [a, arguments[0], arguments.length].join(); } f(1)',
  // `var a = arguments;` read through the same forms (earley-boyer's sc_list).
  'an alias read backwards':
    'function f() { var a = arguments; var r = []; for (var i = a.length - 1; i >= 0; i--) r.push(a[i]); return r.join(); } f(1, 2, 3)',
  'an alias of a mapped object reads the parameter':
    'function f(x) { var a = arguments; x = 9; return a[0] + ":" + a.length; } f(1, 2)',
  'an alias of an unmapped object':
    'function f(x) { "use strict"; var a = arguments; x = 9; return a[0] + ":" + a.length; } f(1, 2)',
  'an alias written through':
    'function f() { var a = arguments; a[0] = 5; return a[0]; } f(1)',
  'an alias read otherwise':
    'function f() { var a = arguments; return typeof a + a.length + Object.prototype.toString.call(a) + (a.callee === f); } f(1)',
  'an alias captured by a closure':
    'function f() { var a = arguments; return (function () { return a.length; })() + (() => a[0])(); } f(1, 2)',
  'an alias assigned again':
    'function f() { var a = arguments; a = [7]; return a[0]; } f(1)',
  'an alias declared again':
    'function f() { var a = arguments; var a = [8]; return a[0]; } f(1)',
  'an alias read before its declaration':
    'function f() { try { return a.length; } catch (e) { return e.name; } var a = arguments; } f(1)',
  'an alias read before its declaration in a loop':
    'function f() { var r = []; for (var i = 0; i < 2; i++) { r.push(i ? a.length : 0); var a = arguments; } return r.join(); } f(1, 2)',
  'an alias shadowed in a block':
    'function f() { var a = arguments; { let a = [4]; return a[0] + a.length; } } f(1, 2)',
  'an alias and the object written through `arguments`':
    'function f(x) { var a = arguments; arguments[0] = 3; return a[0] + x; } f(1)',
  'an alias passed to apply':
    'function g() { return [].slice.call(arguments).join("-"); } function f() { var a = arguments; return g.apply(null, a); } f(1, 2, 3)',
  'an alias read by eval':
    'function f() { var a = arguments; return eval("a.length"); } f(1, 2)',
  'an alias in a generator':
    'function* f() { var a = arguments; yield a.length; yield a[1]; } [...f(1, 2)].join()',
  'an alias named like a parameter':
    'function f(a) { var a = arguments; return a.length + typeof a; } f(1, 2)',
  'an alias in a hot loop (the compiled tier)':
    'var s = 0; function f() { var a = arguments; return a.length > 1 ? a[0] + a[1] : a[0]; } for (var i = 0; i < 3000; i++) s += f(i, 1); s',
};

describe('lazy arguments: reads of `arguments` without the object', () => {
  for (const [title, source] of Object.entries(cases)) {
    it(title, () => {
      const run = (v) => { try { return v.runInContext(source, v.createContext({})); } catch (e) { return `threw ${e?.constructor?.name}: ${e?.message}`; } };
      expect(run(vm)).to.deep.equal(run(nodeVm));
    });
  }

  it('only the three forms keep the object unmade', () => {
    const ctx = vm.createContext({});
    const [lazy, apply, eager, arrow] = vm.runInContext(`[
      function (a) { return arguments.length + arguments[0]; },
      function () { return Math.max.apply(null, arguments); },
      function () { return Array.prototype.slice.call(arguments); },
      function () { return () => arguments.length; },
    ]`, ctx);
    for (const fn of [lazy, apply, eager, arrow]) fn(1, 2);
    const flag = (fn) => functionStateOf(fn).template.lazyArguments !== null;
    expect([lazy, apply, eager, arrow].map(flag)).to.deep.equal([true, true, false, false]);
  });

  it('a `var a = arguments;` read only through the forms keeps the object unmade', () => {
    const ctx = vm.createContext({});
    const [alias, escapes, early] = vm.runInContext(`[
      function () { var a = arguments; return a.length + a[0]; },
      function () { var a = arguments; return a; },
      function () { if (arguments.length > 5) return a.length; var a = arguments; return a[0]; },
    ]`, ctx);
    for (const fn of [alias, escapes, early]) fn(1, 2);
    const flag = (fn) => functionStateOf(fn).template.lazyArguments !== null;
    expect([alias, escapes, early].map(flag)).to.deep.equal([true, false, false]);
  });

  it('code prepared for the debugger makes the object', () => {
    const trace = vm.debug('function f(a) { return arguments.length + arguments[0]; } f(1, 2);');
    expect(trace.completion).to.deep.equal({ type: 'normal', value: { kind: 'primitive', text: '3' } });
  });
});
