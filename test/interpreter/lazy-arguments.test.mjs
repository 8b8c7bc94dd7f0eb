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

  it('code prepared for the debugger makes the object', () => {
    const trace = vm.debug('function f(a) { return arguments.length + arguments[0]; } f(1, 2);');
    expect(trace.completion).to.deep.equal({ type: 'normal', value: { kind: 'primitive', text: '3' } });
  });
});
