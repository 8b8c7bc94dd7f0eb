// A direct eval in a nested function sees every enclosing binding, so each enclosing function's scan
// (scope.ts scanUses) must find it however deep it is and in whichever order the functions compile:
// the answer is remembered per function node (containsDirectEval). Compared with node:vm.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { sideBySide } from '../helpers/side-by-side.mjs';

const cases = {
  'eval three functions down reads the outermost function\'s locals':
    'function a() { var x = 1; function b() { var y = 2; function c() { return eval("x + y") } return c() } return b() } a()',
  'the inner function compiles first (called from outside), then the outer one':
    'var keep; function a() { var x = "a"; keep = function b() { return function c() { return eval("typeof x") } }; return x } var r = [a()]; r.push(keep()()); r.push(a()); r',
  'eval in an arrow inside a method inside a class':
    'function outer() { var secret = 42; class K { m() { return (() => eval("secret"))() } } return new K().m() } outer()',
  'eval in a class field initializer':
    'function outer() { var v = "f"; class K { x = eval("v") } return new K().x } outer()',
  'sibling functions: only the one with eval is dynamic, both see their outer bindings':
    'function a() { var x = 1; function b() { return x } function c() { return eval("x + 1") } return [b(), c()] } a()',
  'eval that declares a var in a sloppy nested function':
    'function a() { var x = 1; function b() { eval("var x = 5"); return x } return [b(), x] } a()',
  // A body with a loop goes to the compiled tier at its first call, which keeps no-eval bodies' locals
  // out of reach of names: it must see the nested eval.
  'a looping outer function whose nested function evals its locals':
    'function a() { var x = 1, s = 0; for (var i = 0; i < 3; i++) s += i; function b() { return function () { return eval("x + s") } } return b()() } a()',
  'a looping outer arrow body whose nested method evals':
    'function a() { let t = "t"; for (let i = 0; i < 2; i++) {} return { m() { return eval("t") } }.m() } a()',
  'a parenthesised eval among identifiers that contain the name':
    'function a() { var s_eval = 1, evalx = 2, x = 3; for (;;) break; function b() { return (eval)("x + s_eval + evalx") } return b() } a()',
  'eval at the very start of a line of a nested function':
    'function a() { var x = 4; for (;;) break; function b() {\neval("x = 5")\n} b(); return x } a()',
  'no eval anywhere: an identifier named eval that is not called':
    'function a() { var eval2 = 1; function b() { return typeof eval } return b() } a()',
};

// A source whose text never spells `eval` skips these scans (compile-context.ts sourceMayHoldDirectEval),
// but an identifier written with a \u escape is still `eval`, and calling it is a direct eval
// (§13.3.6.1: the reference's name is the StringValue). node 20 differs here (it treats the escaped
// name as an indirect eval, and crashes on the \u{...} form), so these expect the spec's results.
const escaped = {
  'a direct eval written with a \\u escape, in a source that never spells the name':
    ['function a() { var x = 7, s = 0; for (var i = 0; i < 3; i++) s += i; function b() { return function () { return \\u0065val("x + s") } } return b()() } a()', 10],
  'a direct eval written with a \\u{...} escape in a nested method':
    ['function a() { let t = "u"; for (let i = 0; i < 2; i++) {} return { m() { return ev\\u{61}l("t") } }.m() } a()', 'u'],
};

describe('direct eval found in nested functions', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      const { vmjs, node } = sideBySide(src);
      expect(vmjs).to.deep.equal(node);
    });
  }
  for (const [name, [src, expected]] of Object.entries(escaped)) {
    it(name, () => {
      expect(vm.runInNewContext(src)).to.equal(expected);
    });
  }
});
