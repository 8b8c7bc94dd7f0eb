// Regressions from the days when the evaluator kept its own copies of spec operations that the realm
// also had (ToPropertyKey, CreateIterResultObject, GetFunctionRealm, iterator closing, V8's rendering
// of values in messages): each case is compared with node:vm, so a copy drifting again fails here.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

function outcome(vm, code) {
  try {
    return { value: JSON.stringify(vm.runInNewContext(code)) };
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}` };
  }
}

const cases = {
  'a key object whose toString returns a symbol (assignment)':
    'var s = Symbol(); var o = {}; o[{ toString() { return s } }] = 1; o[s]',
  'a key object whose toString returns a symbol (compound assignment)':
    'var s = Symbol(); var o = {}; o[s] = 1; o[{ toString() { return s } }] += 1; o[s]',
  'a key object whose toString returns a symbol (object literal)':
    'var s = Symbol(); var o = { [{ toString() { return s } }]: 2 }; o[s]',
  'a key object whose toString returns a symbol (class member)':
    'var s = Symbol(); class C { static [{ toString() { return s } }]() { return 4 } } C[s]()',
  'a key object whose toString returns a symbol (destructuring)':
    'var s = Symbol(); var { [{ toString() { return s } }]: q } = { [s]: 3 }; q',
  'a key object whose toString returns a symbol (read of a primitive)':
    'var s = Symbol(); String.prototype[s] = 5; "x"[{ toString() { return s } }]',
  'a key object whose toString returns a symbol (delete)':
    'var s = Symbol(); var o = { [s]: 1 }; delete o[{ toString() { return s } }]; Object.getOwnPropertySymbols(o).length',
  'generator results define value and done (no Object.prototype setter runs)':
    // "done" first: once Object.prototype has "value", every descriptor literal inherits it.
    'var hits = 0; Object.defineProperty(Object.prototype, "done", { set(v) { hits++ }, configurable: true });' +
    'Object.defineProperty(Object.prototype, "value", { set(v) { hits++ }, configurable: true });' +
    'var g = (function* () { yield 1 })(); var a = g.next(), b = g.next(), c = g.return(7);' +
    'delete Object.prototype.value; delete Object.prototype.done;' +
    '[hits, Object.getOwnPropertyNames(a).join(), a.value, a.done, b.done, c.value, c.done]',
  'a for-of over undefined': 'for (var x of undefined);',
  'destructuring null': 'var [a] = null',
  'closing an iterator whose return is not callable':
    'var it = { [Symbol.iterator]() { return { next() { return { done: false } }, return: 5 } } }; for (var x of it) break;',
  'closing an iterator whose return gives a primitive':
    'var it = { [Symbol.iterator]() { return { next() { return { done: false } }, return() { return 5 } } } }; for (var x of it) break;',
  'a next result that is not an object':
    'var it = { [Symbol.iterator]() { return { next() { return 5 } } } }; for (var x of it);',
  'class extends a builtin function that is not a constructor': 'class A extends Math.max {}',
  'strict delete of a non-configurable property of a function':
    '"use strict"; delete Math.max.length; delete Object.freeze(function f() {}).name',
};

describe('one implementation per operation: node:vm and vmjs agree', () => {
  for (const [name, code] of Object.entries(cases)) {
    it(name, () => {
      expect(outcome(vmjs, code)).to.deep.equal(outcome(nodeVm, code));
    });
  }
});

describe('GetFunctionRealm sees the realm of interpreted functions', () => {
  // With C from context B and C.prototype not an object, Reflect.construct(Array, [], C) run in
  // context A makes an array with B's %Array.prototype% (§10.1.14 GetPrototypeFromConstructor).
  for (const [name, vm] of [['node:vm', nodeVm], ['vmjs', vmjs]]) {
    it(`${name}: the new array gets the constructor's realm's Array.prototype`, () => {
      const A = vm.createContext();
      const B = vm.createContext();
      A.C = vm.runInContext('var C = function () {}; C.prototype = null; C', B);
      const proto = vm.runInContext('Object.getPrototypeOf(Reflect.construct(Array, [], C))', A);
      expect(proto).to.equal(vm.runInContext('Array.prototype', B));
      expect(proto).not.to.equal(vm.runInContext('Array.prototype', A));
    });
  }
  it('vmjs: a class from another context, through Reflect.construct of Object and Map', () => {
    const A = vmjs.createContext();
    const B = vmjs.createContext();
    A.K = vmjs.runInContext('class K {}; K.prototype = undefined; var F = function () {}; F.prototype = 1; F', B);
    expect(vmjs.runInContext('Object.getPrototypeOf(Reflect.construct(Object, [], K)) === Object.prototype', A)).to.equal(false);
    expect(vmjs.runInContext('Object.getPrototypeOf(Reflect.construct(Map, [], K))', A)).to.equal(vmjs.runInContext('Map.prototype', B));
  });
});
