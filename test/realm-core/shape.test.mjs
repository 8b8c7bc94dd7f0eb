// The shape of the realm's core builtins (own keys, attributes, name, length), compared with a
// node:vm context's (V8's) where node 20 has them, and with the spec for what it lacks.
import { expect } from 'chai';
import vm from 'node:vm';
import { createRealm } from '../../dist/esm/internal.js';

const realm = createRealm();
const g = realm.globalObject;
const v8 = vm.runInNewContext('this');

// Objects to compare, as paths from the global object.
const paths = [
  'Object', 'Object.prototype', 'Function', 'Function.prototype', 'Reflect', 'Symbol', 'Symbol.prototype', 'Boolean',
  'Boolean.prototype', 'Error', 'Error.prototype', 'TypeError', 'TypeError.prototype', 'RangeError', 'RangeError.prototype',
  'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'URIError.prototype', 'AggregateError', 'AggregateError.prototype',
  'JSON', 'Math',
];
// Present in V8 (node 20) but not ours on purpose, or the other way round (ES2025/ES2026 and the
// error-stacks proposal's Error.prototype.stack accessor over node 20).
const v8Only = new Set([]);
const oursOnly = new Set(['Object.groupBy', 'Math.f16round', 'Math.sumPrecise', 'JSON.rawJSON', 'JSON.isRawJSON', 'Symbol.dispose', 'Symbol.asyncDispose', 'Error.isError',
  'Error.prototype.stack']);

function resolve(root, path) {
  return path.split('.').reduce((o, k) => o[k], root);
}
function describe_(d) {
  const out = { enumerable: d.enumerable, configurable: d.configurable };
  if ('value' in d) {
    out.writable = d.writable;
    if (typeof d.value === 'function') { out.fn = true; out.name = d.value.name; out.length = d.value.length; }
    else if (typeof d.value !== 'object' || d.value === null) out.value = d.value;
  } else {
    out.get = d.get === undefined ? undefined : d.get.name;
    out.set = d.set === undefined ? undefined : d.set.name;
  }
  return out;
}

describe('realm-core: shape compared with node:vm', () => {
  for (const path of paths) {
    it(path, () => {
      const ours = resolve(g, path);
      const theirs = resolve(v8, path);
      const ourKeys = Reflect.ownKeys(ours).map(String).filter((k) => !oursOnly.has(`${path}.${k}`));
      const theirKeys = Reflect.ownKeys(theirs).map(String).filter((k) => !v8Only.has(`${path}.${k}`));
      expect(ourKeys.slice().sort()).to.deep.equal(theirKeys.slice().sort());
      for (const key of Reflect.ownKeys(theirs)) {
        if (v8Only.has(`${path}.${String(key)}`)) continue;
        const a = describe_(Reflect.getOwnPropertyDescriptor(ours, key));
        const b = describe_(Reflect.getOwnPropertyDescriptor(theirs, key));
        expect(a, `${path}.${String(key)}`).to.deep.equal(b);
      }
      if (typeof theirs === 'function') {
        expect(Object.getPrototypeOf(ours) === g.Function.prototype).to.equal(Object.getPrototypeOf(theirs) === v8.Function.prototype);
      }
    });
  }

  it('the global object has the same core properties', () => {
    for (const key of ['globalThis', 'Infinity', 'NaN', 'undefined', 'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
      'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape', ...paths.filter((p) => !p.includes('.'))]) {
      const a = describe_(Object.getOwnPropertyDescriptor(g, key));
      const b = describe_(Object.getOwnPropertyDescriptor(v8, key));
      expect(a, key).to.deep.equal(b);
    }
    expect(g.globalThis).to.equal(g);
  });

  it('ES2025 additions node 20 lacks have the spec shape', () => {
    expect(describe_(Object.getOwnPropertyDescriptor(g.Object, 'groupBy'))).to.deep.equal(
      { enumerable: false, configurable: true, writable: true, fn: true, name: 'groupBy', length: 2 });
    expect(describe_(Object.getOwnPropertyDescriptor(g.Math, 'f16round'))).to.deep.equal(
      { enumerable: false, configurable: true, writable: true, fn: true, name: 'f16round', length: 1 });
  });

  it('ES2026 Symbol.dispose and Symbol.asyncDispose have the spec shape (node 20 contexts have neither)', () => {
    for (const key of ['dispose', 'asyncDispose']) {
      const d = Object.getOwnPropertyDescriptor(g.Symbol, key);
      expect({ ...describe_(d), value: undefined }).to.deep.equal({ enumerable: false, configurable: false, writable: false, value: undefined });
      expect(typeof d.value).to.equal('symbol');
      expect(d.value.description).to.equal(`Symbol.${key}`);
      expect(Symbol.keyFor(d.value)).to.equal(undefined);
      expect(createRealm().globalObject.Symbol[key]).to.equal(d.value);
    }
  });

  it('generator intrinsics have the spec shape', () => {
    const I = realm.intrinsics;
    const GF = I.GeneratorFunction;
    expect(Object.getPrototypeOf(GF)).to.equal(g.Function);
    expect(GF.name).to.equal('GeneratorFunction');
    expect(GF.length).to.equal(1);
    expect(Object.getOwnPropertyDescriptor(GF, 'prototype')).to.deep.equal({ value: I.GeneratorFunctionPrototype, writable: false, enumerable: false, configurable: false });
    expect(Object.getPrototypeOf(I.GeneratorFunctionPrototype)).to.equal(g.Function.prototype);
    expect(Object.getOwnPropertyDescriptor(I.GeneratorFunctionPrototype, 'constructor')).to.deep.equal({ value: GF, writable: false, enumerable: false, configurable: true });
    expect(Object.getOwnPropertyDescriptor(I.GeneratorFunctionPrototype, 'prototype')).to.deep.equal({ value: I.GeneratorPrototype, writable: false, enumerable: false, configurable: true });
    expect(I.GeneratorFunctionPrototype[Symbol.toStringTag]).to.equal('GeneratorFunction');
    expect(Object.getPrototypeOf(I.GeneratorPrototype)).to.equal(I.IteratorPrototype);
    expect(Object.getOwnPropertyDescriptor(I.GeneratorPrototype, 'constructor').value).to.equal(I.GeneratorFunctionPrototype);
    for (const k of ['next', 'return', 'throw']) {
      expect(I.GeneratorPrototype[k].name).to.equal(k);
      expect(I.GeneratorPrototype[k].length).to.equal(1);
    }
    expect(I.GeneratorPrototype[Symbol.toStringTag]).to.equal('Generator');
    const it_ = I.IteratorPrototype[Symbol.iterator];
    expect(it_.name).to.equal('[Symbol.iterator]');
    expect(it_.call(5)).to.equal(5);
  });

  it('%ThrowTypeError% is unique per realm, frozen, and behind caller/arguments', () => {
    const T = realm.intrinsics.ThrowTypeError;
    expect(Object.isExtensible(T)).to.equal(false);
    expect(Object.getOwnPropertyDescriptor(T, 'length')).to.deep.equal({ value: 0, writable: false, enumerable: false, configurable: false });
    expect(Object.getOwnPropertyDescriptor(T, 'name')).to.deep.equal({ value: '', writable: false, enumerable: false, configurable: false });
    const d = Object.getOwnPropertyDescriptor(g.Function.prototype, 'caller');
    expect(d.get).to.equal(T);
    expect(d.set).to.equal(T);
    expect(Object.getOwnPropertyDescriptor(g.Function.prototype, 'arguments').get).to.equal(T);
    let thrown;
    try { T(); } catch (e) { thrown = e; }
    expect(thrown instanceof g.TypeError).to.equal(true);
    expect(thrown.message).to.match(/^'caller', 'callee', and 'arguments' properties may not be accessed/);
    expect(T).to.not.equal(createRealm().intrinsics.ThrowTypeError);
  });

  it('builtins that are not constructors have no [[Construct]] and no prototype', () => {
    for (const f of [g.Object.keys, g.Function.prototype.call, g.Math.max, g.JSON.parse, g.parseInt, g.eval, g.Reflect.apply,
      g.Function.prototype, g.Error.prototype.toString, Object.getOwnPropertyDescriptor(g.Object.prototype, '__proto__').get]) {
      expect(() => Reflect.construct(function () {}, [], f), f.name).to.throw(TypeError);
      expect(Object.hasOwn(f, 'prototype'), f.name).to.equal(false);
    }
    for (const f of [g.Object, g.Function, g.Error, g.TypeError, g.AggregateError, g.Boolean, g.Symbol]) {
      expect(() => Reflect.construct(function () {}, [], f), f.name).to.not.throw();
    }
  });
});
