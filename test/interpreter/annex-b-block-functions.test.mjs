// Annex B.3.2 block-level function declarations (web legacy hoisting) in function, global and eval code,
// and B.3.6 Runtime Errors for Function Call Assignment Targets, compared with node:vm side by side.
// Where V8 departs from ECMA-262 the expected value is the spec's, and the case says so.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

/** Runs each source in turn in one new context; a throw is recorded as its error's name and message. */
function runAll(api, sources) {
  const context = api.createContext({});
  return sources.map((src) => {
    try {
      const v = api.runInContext(src, context);
      return typeof v === 'function' ? 'function' : v;
    } catch (e) {
      return `threw ${e.name}: ${e.message}`;
    }
  });
}

const sameAsNode = {
  // B.3.2.3 Changes to EvalDeclarationInstantiation: a sloppy direct eval in a function.
  'eval in a function: evaluating the block declaration sets the function\'s var':
    ['(function () { eval("{ function f() { return 1 } }"); return typeof f + f() })()'],
  'eval in a function: the var starts undefined, then holds the function':
    ['(function () { return eval("var r = typeof f; { function f() {} } r + \',\' + typeof f") })()'],
  'eval in a function: no global binding is made':
    ['(function () { eval("{ function inner() {} }") })(); typeof inner'],
  'eval in a function: the block binding stays independent of the var binding': [
    '(function () { return eval("{ function f() { f = 123; return typeof f } } var g = f; [f(), typeof g, typeof f].join()") })()',
  ],
  'eval in a function: the block declaration replaces a top-level one of the eval code':
    ['(function () { return eval("{ function f() { return \'inner\' } } var r = f(); function f() { return \'outer\' } r") })()'],
  'eval in a function: a parameter of the same name is updated':
    ['(function (f) { eval("{ function f() {} }"); return typeof f })(1)'],
  'eval in a function: an existing var is updated':
    ['(function () { var f = 1; eval("{ function f() {} }"); return typeof f })()'],
  'eval in a function: a let between the eval and the function keeps it block-scoped':
    ['(function () { let k = 1; { eval("{ function k() {} }"); } return typeof k })()'],
  'eval in a function: an if-statement clause declaration under a let is skipped':
    ['(function () { return eval("{ let f = 1; if (true) function f() {} } typeof f") })()'],
  'eval in a function: a switch case declaration under a let is skipped':
    ['(function () { return eval("{ let f = 1; switch (0) { default: function f() {} } } typeof f") })()'],
  // B.3.2.1 Changes to FunctionDeclarationInstantiation.
  'function code: an if-statement clause declaration under an enclosing let is skipped':
    ['(function () { { let f = 1; if (true) function f() {} } return typeof f })()'],
  // B.3.2.2 Changes to GlobalDeclarationInstantiation and global eval code.
  'global code: an if-statement clause declaration under an enclosing let is skipped':
    ['{ let f = 1; if (true) function f() {} } typeof f'],
  'global code: a switch declaration under an enclosing let is skipped':
    ['{ let g = 1; switch (0) { case 0: function g() {} } } typeof g'],
  'indirect eval: an if-statement clause declaration under an enclosing let is skipped':
    ['(0, eval)("{ let f = 1; if (true) function f() {} }"); typeof f'],
  'direct eval at the top level: the var is global and updated':
    ['eval("{ function h() { return 2 } }"); typeof h + h() + Object.getOwnPropertyDescriptor(globalThis, "h").configurable'],
  // A var or function that eval made is configurable: a later Script may declare a lexical of its name.
  'a let may follow a var declared by eval': ['eval("var x = 1")', 'let x = 2; x'],
  'a const may follow a function declared by eval': ['eval("function fn() {}")', 'const fn = 2; fn'],
  'a let may follow a block function declared by eval': ['eval("if (true) { function t() {} }")', 'let t = 1; t'],
  'a let still may not follow a var declared by a Script': ['var y = 1', 'let y = 2; y'],
  // V8 makes a block function named like a global lexical a SyntaxError (the spec would skip it); vmjs too.
  'a block function in eval code named like a global let': ['let z = 1', 'eval("{ function z() {} }"); typeof z'],
  // Runtime Errors for Function Call Assignment Targets (sloppy code).
  'f() = 1 calls f, then throws a ReferenceError before the right-hand side':
    ['var log = []; function f() { log.push("f") } try { f() = log.push("rhs") } catch (e) { log.push(e.name, e.message) } log.join()'],
  'f() += 1 throws a ReferenceError without reading the value':
    ['var log = []; function f() { log.push("f"); return { valueOf() { log.push("valueOf") } } } try { f() += 1 } catch (e) { log.push(e.name) } log.join()'],
  'f()++ and --f() throw ReferenceErrors':
    ['function f() {} var r = []; try { f()++ } catch (e) { r.push(e.message) } try { --f() } catch (e) { r.push(e.name) } r.join()'],
  'for (f() in o) throws a ReferenceError when it assigns':
    ['var n = 0; function f() { n++ } try { for (f() in { a: 1 }) ; } catch (e) { e.name + n }'],
  'for (f() of a) throws a ReferenceError when it assigns':
    ['var n = 0; function f() { n++ } try { for (f() of [1]) ; } catch (e) { e.name + n }'],
  'a call never parses as a logical assignment target':
    ['try { eval("f() &&= 1") } catch (e) { e.name }'],
  'a call never parses inside a destructuring pattern':
    ['var r = []; for (const s of ["[f()] = []", "({ a: f() } = {})", "for ([f()] of []);", "(f()) => 1"]) { try { eval(s) } catch (e) { r.push(e.name) } } r.join()'],
};

/** Cases where V8 (node 20) departs from ECMA-262; vmjs follows the spec. */
const specOnly = {
  // B.3.2.3 step ii.2.d: a catch parameter between the eval and the var environment is a binding that exists.
  'eval in a catch block: a catch parameter of the same name keeps the function block-scoped': {
    src: '(function () { var r = []; try { throw 1 } catch (h) { eval("r.push(typeof h); { function h() {} } r.push(typeof h)") } r.push(typeof h); return r.join() })()',
    spec: 'number,number,undefined',
  },
  // B.3.2.1 with step 22.f: "arguments" is one of parameterNames when the function has an arguments object.
  'function code: a block function named arguments does not replace the arguments object': {
    src: '(function () { { function arguments() {} } return String(arguments) })()',
    spec: '[object Arguments]',
  },
  'function code: a block function named arguments, with non-simple parameters': {
    src: '(function (...rest) { { function arguments() {} } return String(arguments) })()',
    spec: '[object Arguments]',
  },
  // IsStrict(CallExpression) true: AssignmentTargetType is ~invalid~, an early SyntaxError (V8 throws at run time).
  'strict code: a call assignment target is an early SyntaxError': {
    src: 'var ran = false; try { eval("\'use strict\'; ran = true; f() = 1") } catch (e) { e.name + ran }',
    spec: 'SyntaxErrorfalse',
  },
};

describe('Annex B block-level functions and call assignment targets (side by side with node:vm)', () => {
  for (const [name, sources] of Object.entries(sameAsNode)) {
    it(name, () => {
      expect(runAll(vm, sources)).to.deep.equal(runAll(nodeVm, sources));
    });
  }
  for (const [name, { src, spec }] of Object.entries(specOnly)) {
    it(`${name} (the spec's answer; V8 differs)`, () => {
      expect(runAll(vm, [src])).to.deep.equal([spec]);
      expect(runAll(nodeVm, [src])).to.not.deep.equal([spec]);
    });
  }
});
