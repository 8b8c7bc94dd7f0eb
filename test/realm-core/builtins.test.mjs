// Behaviour of the realm's core builtins, called directly on host values.
import { expect } from 'chai';
import vm from 'node:vm';
import { createRealm, toFloat16 } from '../../dist/esm/internal.js';
import { expectThrow } from './helpers.mjs';

const realm = createRealm();
const g = realm.globalObject;
const I = realm.intrinsics;
const protoOf = Object.getPrototypeOf;

describe('realm-core: Object', () => {
  it('Object() wraps primitives with the realm\'s prototypes and passes objects through', () => {
    const o = {};
    expect(g.Object(o)).to.equal(o);
    expect(protoOf(g.Object())).to.equal(I.ObjectPrototype);
    expect(protoOf(g.Object(null))).to.equal(I.ObjectPrototype);
    expect(protoOf(g.Object(1))).to.equal(I.NumberPrototype);
    expect(protoOf(g.Object(1n))).to.equal(I.BigIntPrototype);
    expect(protoOf(g.Object(Symbol()))).to.equal(I.SymbolPrototype);
    expect(protoOf(g.Object('x'))).to.equal(I.StringPrototype);
    expect(g.Object('xy').length).to.equal(2);
    class Sub extends g.Object {}
    expect(protoOf(new Sub())).to.equal(Sub.prototype);
  });

  it('statics return realm arrays and objects', () => {
    expect(protoOf(g.Object.keys('ab'))).to.equal(I.ArrayPrototype);
    expect(g.Object.keys('ab')).to.deep.equal(['0', '1']);
    expect(g.Object.values({ a: 1, b: 2 })).to.deep.equal([1, 2]);
    const e = g.Object.entries({ a: 1 });
    expect(protoOf(e[0])).to.equal(I.ArrayPrototype);
    expect([...e[0]]).to.deep.equal(['a', 1]);
    const d = g.Object.getOwnPropertyDescriptor({ get x() { return 1; } }, 'x');
    expect(Object.keys(d)).to.deep.equal(['get', 'set', 'enumerable', 'configurable']);
    expect(protoOf(d)).to.equal(I.ObjectPrototype);
    expect(g.Object.getOwnPropertyDescriptor({}, 'x')).to.equal(undefined);
  });

  it('assign / create / defineProperty / defineProperties', () => {
    const t = g.Object.assign({ a: 1 }, null, { b: 2 }, 'xy');
    expect(t).to.deep.equal({ a: 1, b: 2, 0: 'x', 1: 'y' });
    expect(protoOf(g.Object.assign(1))).to.equal(I.NumberPrototype);
    expectThrow(() => g.Object.assign(Object.freeze({ a: 1 }), { a: 2 }), g.TypeError, "Cannot assign to read only property 'a' of object '#<Object>'");
    expectThrow(() => g.Object.create(1), g.TypeError, 'Object prototype may only be an Object or null: 1');
    const c = g.Object.create(null, { x: { value: 1, enumerable: true } });
    expect(protoOf(c)).to.equal(null);
    expect(c.x).to.equal(1);
    expectThrow(() => g.Object.defineProperty(1, 'a', {}), g.TypeError, 'Object.defineProperty called on non-object');
    expectThrow(() => g.Object.defineProperty({}, 'a', 1), g.TypeError, 'Property description must be an object: 1');
    expectThrow(() => g.Object.defineProperty({}, 'a', { get: 1 }), g.TypeError, 'Getter must be a function: 1');
    expectThrow(() => g.Object.defineProperty({}, 'a', { get() {}, value: 1 }), g.TypeError, /Invalid property descriptor/);
    const frozen = Object.freeze({ a: 1 });
    expectThrow(() => g.Object.defineProperty(frozen, 'a', { value: 2 }), g.TypeError, 'Cannot redefine property: a');
    expectThrow(() => g.Object.defineProperties({}, { a: 1 }), g.TypeError, 'Property description must be an object: 1');
    const o = g.Object.defineProperty({}, 'k', { value: 3 });
    expect(Object.getOwnPropertyDescriptor(o, 'k')).to.deep.equal({ value: 3, writable: false, enumerable: false, configurable: false });
  });

  it('keys/values on null and undefined throw the realm\'s TypeError', () => {
    for (const f of ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getPrototypeOf', 'getOwnPropertyDescriptors']) {
      expectThrow(() => g.Object[f](null), g.TypeError, 'Cannot convert undefined or null to object');
    }
  });

  it('fromEntries and groupBy', () => {
    const o = g.Object.fromEntries([['a', 1], ['b', 2]]);
    expect(protoOf(o)).to.equal(I.ObjectPrototype);
    expect(o).to.deep.equal({ a: 1, b: 2 });
    expectThrow(() => g.Object.fromEntries([1]), g.TypeError, 'Iterator value 1 is not an entry object');
    let closed = 0;
    const iterable = { [Symbol.iterator]() { return { next: () => ({ value: 5, done: false }), return() { closed++; return {}; } }; } };
    expectThrow(() => g.Object.fromEntries(iterable), g.TypeError);
    expect(closed).to.equal(1);
    const grouped = g.Object.groupBy([1, 2, 3, 4], (x, i) => (x % 2 ? 'odd' : 'even') + (i < 0 ? '' : ''));
    expect(protoOf(grouped)).to.equal(null);
    expect(Object.keys(grouped)).to.deep.equal(['odd', 'even']);
    expect(protoOf(grouped.odd)).to.equal(I.ArrayPrototype);
    expect([...grouped.odd]).to.deep.equal([1, 3]);
    expectThrow(() => g.Object.groupBy([1], 1), g.TypeError, '1 is not a function');
    expectThrow(() => g.Object.groupBy(null, () => 1), g.TypeError);
  });

  it('setPrototypeOf, __proto__ and the immutable %Object.prototype%', () => {
    const o = {};
    const p = {};
    expect(g.Object.setPrototypeOf(o, p)).to.equal(o);
    expect(protoOf(o)).to.equal(p);
    expect(g.Object.setPrototypeOf(1, null)).to.equal(1);
    expectThrow(() => g.Object.setPrototypeOf(undefined, null), g.TypeError, 'Object.setPrototypeOf called on null or undefined');
    expectThrow(() => g.Object.setPrototypeOf({}, 1), g.TypeError, 'Object prototype may only be an Object or null: 1');
    expectThrow(() => g.Object.setPrototypeOf(Object.preventExtensions({}), {}), g.TypeError, '#<Object> is not extensible');
    expectThrow(() => g.Object.setPrototypeOf(p, o), g.TypeError, 'Cyclic __proto__ value');
    expectThrow(() => g.Object.setPrototypeOf(I.ObjectPrototype, {}), g.TypeError, "Immutable prototype object 'Object.prototype' cannot have their prototype set");
    expect(g.Object.setPrototypeOf(I.ObjectPrototype, null)).to.equal(I.ObjectPrototype);
    expect(g.Reflect.setPrototypeOf(I.ObjectPrototype, {})).to.equal(false);
    const d = Object.getOwnPropertyDescriptor(I.ObjectPrototype, '__proto__');
    expect(d.get.name).to.equal('get __proto__');
    expect(d.set.name).to.equal('set __proto__');
    expect(d.get.call(o)).to.equal(p);
    expect(protoOf(d.get.call(1))).to.equal(I.ObjectPrototype);
    expect(d.set.call(o, null)).to.equal(undefined);
    expect(protoOf(o)).to.equal(null);
    expect(d.set.call(1, {})).to.equal(undefined);
    expectThrow(() => d.set.call(I.ObjectPrototype, {}), g.TypeError);
  });

  it('Object.prototype methods', () => {
    const P = I.ObjectPrototype;
    expect(P.hasOwnProperty.call({ a: 1 }, 'a')).to.equal(true);
    expectThrow(() => P.hasOwnProperty.call(null, 'a'), g.TypeError, 'Cannot convert undefined or null to object');
    expect(P.isPrototypeOf.call(P, {})).to.equal(false);
    expect(P.isPrototypeOf.call(P, g.Object())).to.equal(true);
    expect(P.isPrototypeOf.call(null, 1)).to.equal(false);
    expect(P.propertyIsEnumerable.call({ a: 1 }, 'a')).to.equal(true);
    expect(P.propertyIsEnumerable.call([], 'length')).to.equal(false);
    expect(P.toLocaleString.call({ toString() { return 'ts'; } })).to.equal('ts');
    expectThrow(() => P.toLocaleString.call(null), g.TypeError, 'Object.prototype.toLocaleString called on null or undefined');
    expect(protoOf(P.valueOf.call('s'))).to.equal(I.StringPrototype);
    const tags = [[undefined, 'Undefined'], [null, 'Null'], [[], 'Array'], [1, 'Number'], ['', 'String'], [true, 'Boolean'],
      [() => 1, 'Function'], [new g.Error(), 'Error'], [new Date(0), 'Date'], [/x/, 'RegExp'], [{}, 'Object'], [{ [Symbol.toStringTag]: 'T' }, 'T'],
      [g.Math, 'Math'], [g.JSON, 'JSON'], [g.Reflect, 'Reflect'], [g.Object(Symbol()), 'Symbol'], [new Proxy([], {}), 'Array']];
    for (const [v, tag] of tags) expect(P.toString.call(v)).to.equal(`[object ${tag}]`);
  });

  it('Annex B accessors helpers', () => {
    const P = I.ObjectPrototype;
    const o = {};
    const getter = () => 7;
    P.__defineGetter__.call(o, 'x', getter);
    expect(o.x).to.equal(7);
    expect(Object.getOwnPropertyDescriptor(o, 'x').enumerable).to.equal(true);
    expect(P.__lookupGetter__.call(Object.create(o), 'x')).to.equal(getter);
    expect(P.__lookupSetter__.call(o, 'x')).to.equal(undefined);
    expect(P.__lookupGetter__.call({ x: 1 }, 'x')).to.equal(undefined);
    expectThrow(() => P.__defineGetter__.call({}, 'a', 1), g.TypeError, 'Object.prototype.__defineGetter__: Expecting function');
    expectThrow(() => P.__defineSetter__.call(Object.freeze({}), 'a', () => {}), g.TypeError, 'Cannot redefine property: a');
  });
});

describe('realm-core: Function', () => {
  const FP = I.FunctionPrototype;
  it('%Function.prototype% is a function returning undefined, not a constructor', () => {
    expect(typeof FP).to.equal('function');
    expect(FP(1, 2)).to.equal(undefined);
    expect(protoOf(FP)).to.equal(I.ObjectPrototype);
    expect(FP.name).to.equal('');
  });
  it('apply, call, bind', () => {
    function f(a, b) { return [this, a, b]; }
    expect(FP.apply.call(f, 1, [2, 3])).to.deep.equal([1, 2, 3]);
    expect(FP.apply.call(f, 1, null)).to.deep.equal([1, undefined, undefined]);
    expect(FP.apply.call(f, 1, { length: 1, 0: 'x' })).to.deep.equal([1, 'x', undefined]);
    expectThrow(() => FP.apply.call(f, 1, 2), g.TypeError, 'CreateListFromArrayLike called on non-object');
    expectThrow(() => FP.apply.call(1), g.TypeError, 'Function.prototype.apply was called on 1, which is a number and not a function');
    expect(FP.call.call(f, 1, 2, 3)).to.deep.equal([1, 2, 3]);
    const target = g.Object.keys;
    const b = FP.bind.call(target, null);
    expect(protoOf(b)).to.equal(FP);
    expect(b.name).to.equal('bound keys');
    expect([...b({ a: 1 })]).to.deep.equal(['a']);
    expectThrow(() => FP.bind.call(1), g.TypeError, 'Bind must be called on a function');
  });
  it('[Symbol.hasInstance] and toString of builtins', () => {
    const hi = FP[Symbol.hasInstance];
    expect(hi.name).to.equal('[Symbol.hasInstance]');
    expect(Object.getOwnPropertyDescriptor(FP, Symbol.hasInstance)).to.include({ writable: false, enumerable: false, configurable: false });
    expect(hi.call(g.Object, {})).to.equal(false);
    expect(hi.call(g.Object, g.Object())).to.equal(true);
    expect(hi.call({}, {})).to.equal(false);
    const F = Object.assign(function () {}, {});
    Object.defineProperty(F, 'prototype', { value: 1 });
    expectThrow(() => hi.call(F, {}), g.TypeError, "Function has non-object prototype '1' in instanceof check");
    expectThrow(() => FP.toString.call({}), g.TypeError, "Function.prototype.toString requires that 'this' be a Function");
  });
});

describe('realm-core: Error', () => {
  it('constructs realm errors with message, cause and stack', () => {
    const e = new g.TypeError('boom', { cause: 'why' });
    expect(protoOf(e)).to.equal(I.TypeErrorPrototype);
    expect(e instanceof g.Error).to.equal(true);
    expect(e instanceof Error).to.equal(false);
    expect(Object.prototype.toString.call(e)).to.equal('[object Error]'); // [[ErrorData]], seen by the host too
    expect(Object.getOwnPropertyDescriptor(e, 'message')).to.deep.equal({ value: 'boom', writable: true, enumerable: false, configurable: true });
    expect(Object.getOwnPropertyDescriptor(e, 'cause')).to.deep.equal({ value: 'why', writable: true, enumerable: false, configurable: true });
    expect(e.stack.split('\n')[0]).to.equal('TypeError: boom');
    expect(Object.hasOwn(g.Error(), 'message')).to.equal(false);
    expect(Object.hasOwn(g.Error(undefined, {}), 'cause')).to.equal(false);
    expect(protoOf(g.RangeError('x'))).to.equal(I.RangeErrorPrototype);
    expect(String(new g.SyntaxError('s'))).to.equal('SyntaxError: s');
  });
  it('uses the prototype of new.target, falling back to the realm\'s', () => {
    class MyError extends g.Error {}
    const e = new MyError('m');
    expect(protoOf(e)).to.equal(MyError.prototype);
    function NoProto() {}
    NoProto.prototype = 1;
    expect(protoOf(Reflect.construct(g.RangeError, [], NoProto))).to.equal(I.RangeErrorPrototype);
  });
  it('Error.prototype.toString', () => {
    const ts = I.ErrorPrototype.toString;
    expect(ts.call({})).to.equal('Error');
    expect(ts.call({ name: '', message: 'm' })).to.equal('m');
    expect(ts.call({ name: 'N', message: '' })).to.equal('N');
    expect(ts.call({ name: 'N', message: 'm' })).to.equal('N: m');
    expectThrow(() => ts.call(1), g.TypeError, 'Method Error.prototype.toString called on incompatible receiver 1');
  });
  it('AggregateError collects errors into a realm array', () => {
    const e = new g.AggregateError(new Set([1, 2]), 'agg');
    expect(protoOf(e.errors)).to.equal(I.ArrayPrototype);
    expect([...e.errors]).to.deep.equal([1, 2]);
    expect(e.message).to.equal('agg');
    expect(protoOf(g.AggregateError)).to.equal(g.Error);
    expectThrow(() => new g.AggregateError(5), g.TypeError, /is not iterable/);
  });
  it('captureStackTrace and stackTraceLimit', () => {
    const o = { message: 'x', name: 'N' };
    g.Error.captureStackTrace(o);
    expect(o.stack.split('\n')[0]).to.equal('N: x');
    expectThrow(() => g.Error.captureStackTrace(1), g.TypeError);
    expect(g.Error.stackTraceLimit).to.equal(10);
  });
});

describe('realm-core: Symbol and Boolean', () => {
  it('shares well-known symbols and the registry with the host', () => {
    expect(g.Symbol.iterator).to.equal(Symbol.iterator);
    expect(g.Symbol.for('k')).to.equal(Symbol.for('k'));
    expect(g.Symbol.keyFor(Symbol.for('k'))).to.equal('k');
    expectThrow(() => g.Symbol.keyFor('k'), g.TypeError, 'k is not a symbol');
    expectThrow(() => new g.Symbol(), g.TypeError, 'Symbol is not a constructor');
    expect(g.Symbol('d').description).to.equal('d');
    expect(g.Symbol().description).to.equal(undefined);
    expectThrow(() => g.Symbol(Symbol()), g.TypeError, 'Cannot convert a Symbol value to a string');
  });
  it('Symbol.prototype', () => {
    const SP = I.SymbolPrototype;
    const s = Symbol('q');
    expect(SP.toString.call(s)).to.equal('Symbol(q)');
    expect(SP.valueOf.call(g.Object(s))).to.equal(s);
    expect(SP[Symbol.toPrimitive].call(s)).to.equal(s);
    expect(Object.getOwnPropertyDescriptor(SP, 'description').get.call(s)).to.equal('q');
    expectThrow(() => SP.toString.call(1), g.TypeError, "Symbol.prototype.toString requires that 'this' be a Symbol");
    expectThrow(() => SP.valueOf.call({}), g.TypeError, "Symbol.prototype.valueOf requires that 'this' be a Symbol");
  });
  it('Boolean', () => {
    expect(g.Boolean('')).to.equal(false);
    const b = new g.Boolean(1);
    expect(protoOf(b)).to.equal(I.BooleanPrototype);
    expect(I.BooleanPrototype.valueOf.call(b)).to.equal(true);
    expect(I.BooleanPrototype.toString.call(false)).to.equal('false');
    expect(I.BooleanPrototype.valueOf.call(I.BooleanPrototype)).to.equal(false);
    expectThrow(() => I.BooleanPrototype.valueOf.call(1), g.TypeError, "Boolean.prototype.valueOf requires that 'this' be a Boolean");
  });
});

describe('realm-core: Reflect', () => {
  it('checks its arguments with V8\'s messages', () => {
    for (const k of ['defineProperty', 'deleteProperty', 'get', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has', 'isExtensible', 'ownKeys', 'preventExtensions', 'set', 'setPrototypeOf']) {
      expectThrow(() => g.Reflect[k](1, 'a', {}), g.TypeError, `Reflect.${k} called on non-object`);
    }
    expectThrow(() => g.Reflect.apply(1), g.TypeError, 'Function.prototype.apply was called on 1, which is a number and not a function');
    expectThrow(() => g.Reflect.construct(() => 1, []), g.TypeError, /is not a constructor/);
    expectThrow(() => g.Reflect.construct(function () {}, [], undefined), g.TypeError, /is not a constructor/);
  });
  it('does the internal methods', () => {
    class A { constructor(x) { this.x = x; } }
    class B {}
    const o = g.Reflect.construct(A, [1], B);
    expect(protoOf(o)).to.equal(B.prototype);
    expect(o.x).to.equal(1);
    expect(g.Reflect.apply(Math.max, null, [1, 3])).to.equal(3);
    const target = { get x() { return this; } };
    const recv = {};
    expect(g.Reflect.get(target, 'x', recv)).to.equal(recv);
    expect(protoOf(g.Reflect.ownKeys({ a: 1 }))).to.equal(I.ArrayPrototype);
    expect(g.Reflect.defineProperty(Object.freeze({}), 'a', { value: 1 })).to.equal(false);
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expectThrow(() => g.Reflect.get(revocable.proxy, 'a'), g.TypeError, /revoked/);
    const p = new Proxy({}, { getOwnPropertyDescriptor() { return { value: 1, configurable: false }; } });
    expectThrow(() => g.Reflect.getOwnPropertyDescriptor(p, 'a'), g.TypeError);
  });
});

describe('realm-core: JSON', () => {
  it('parse gives realm objects and arrays, and realm SyntaxErrors', () => {
    const v = g.JSON.parse('{"a":[1,{"b":null}],"__proto__":1}');
    expect(protoOf(v)).to.equal(I.ObjectPrototype);
    expect(protoOf(v.a)).to.equal(I.ArrayPrototype);
    expect(protoOf(v.a[1])).to.equal(I.ObjectPrototype);
    expect(Object.hasOwn(v, '__proto__')).to.equal(true);
    expectThrow(() => g.JSON.parse('{'), g.SyntaxError, /JSON/);
    expectThrow(() => g.JSON.parse(Symbol()), g.TypeError, 'Cannot convert a Symbol value to a string');
  });
  it('parse with a reviver walks in spec order with realm holders', () => {
    const calls = [];
    const out = g.JSON.parse('{"a":[1,2],"b":{"c":3}}', function (k, v) {
      calls.push(k);
      expect(protoOf(this) === I.ObjectPrototype || protoOf(this) === I.ArrayPrototype).to.equal(true);
      if (k === '0') return undefined;
      return typeof v === 'number' ? v * 10 : v;
    });
    expect(calls).to.deep.equal(['0', '1', 'a', 'c', 'b', '']);
    expect(out.a.length).to.equal(2);
    expect(0 in out.a).to.equal(false);
    expect(out.a[1]).to.equal(20);
    expect(out.b.c).to.equal(30);
  });
  it('stringify matches the host on ordinary data', () => {
    const samples = [
      { a: [1, 'two', null, true, { b: undefined, c: () => 1 }], d: new Date(0), e: -0, f: NaN, g: 'q"\u2028\ud800' },
      [undefined, function () {}, Symbol()], 'str', 42, null, undefined, new Boolean(false), new String('s'), new Number(3),
    ];
    for (const s of samples) {
      expect(g.JSON.stringify(s)).to.equal(JSON.stringify(s));
      expect(g.JSON.stringify(s, null, 2)).to.equal(JSON.stringify(s, null, 2));
      expect(g.JSON.stringify(s, ['a', 'd', 1], '--')).to.equal(JSON.stringify(s, ['a', 'd', 1], '--'));
      expect(g.JSON.stringify(s, null, new Number(20))).to.equal(JSON.stringify(s, null, new Number(20)));
      expect(g.JSON.stringify(s, null, 'abcdefghijklmnop')).to.equal(JSON.stringify(s, null, 'abcdefghijklmnop'));
    }
  });
  it('stringify gives the replacer realm holders and throws realm errors', () => {
    const holders = [];
    g.JSON.stringify({ a: 1 }, function (k, v) { holders.push(this); return v; });
    expect(protoOf(holders[0])).to.equal(I.ObjectPrototype);
    expect(Object.getOwnPropertyNames(holders[0])).to.deep.equal(['']);
    expectThrow(() => g.JSON.stringify(1n), g.TypeError, 'Do not know how to serialize a BigInt');
    const o = {};
    o.o = o;
    expectThrow(() => g.JSON.stringify(o), g.TypeError, /^Converting circular structure to JSON/);
    // BigInt's toJSON is looked up on the realm's %BigInt.prototype%.
    I.BigIntPrototype.toJSON = function () { return `${this}n`; };
    try {
      expect(g.JSON.stringify({ v: 5n })).to.equal('{"v":"5n"}');
    } finally {
      delete I.BigIntPrototype.toJSON;
    }
    expect(g.JSON.stringify({ toJSON(k) { return `key:${k}`; } })).to.equal('"key:"');
  });
});

describe('realm-core: Math and global functions', () => {
  it('Math delegates to the host after the realm\'s conversions', () => {
    expect(g.Math.max()).to.equal(-Infinity);
    expect(g.Math.max(1, '7', 3)).to.equal(7);
    const order = [];
    expect(Number.isNaN(g.Math.max(NaN, { valueOf() { order.push('b'); return 1; } }))).to.equal(true);
    expect(order).to.deep.equal(['b']);
    expectThrow(() => g.Math.abs(1n), g.TypeError, 'Cannot convert a BigInt value to a number');
    expect(g.Math.hypot(3, 4)).to.equal(5);
    expect(g.Math.imul(3, 4)).to.equal(12);
    expect(g.Math.PI).to.equal(Math.PI);
    expect(g.Math[Symbol.toStringTag]).to.equal('Math');
    expect(g.Math.random()).to.be.within(0, 1);
  });
  it('Math.f16round rounds once, ties to even', () => {
    const cases = [[0, 0], [-0, -0], [1, 1], [1.337, 1.3369140625], [65504, 65504], [65519.99, 65504], [65520, Infinity],
      [-65520, -Infinity], [5.960464477539063e-8, 5.960464477539063e-8], [2.9802322387695312e-8, 0], [2.98023223876953125e-8 * 1.0000001, 5.960464477539063e-8],
      [1.00048828125, 1], [1.00146484375, 1.001953125], [NaN, NaN], [Infinity, Infinity], [6.103515625e-5, 6.103515625e-5],
      [0.1, 0.0999755859375], [1 + 2 ** -11 + 2 ** -40, 1.0009765625]];
    for (const [x, want] of cases) expect(Object.is(g.Math.f16round(x), want), `f16round(${x}) = ${g.Math.f16round(x)}`).to.equal(true);
    expect(Object.is(toFloat16(-1e-10), -0)).to.equal(true);
  });
  it('parseInt, parseFloat, isNaN, isFinite, URI functions', () => {
    expect(g.parseInt('  0x1F')).to.equal(31);
    expect(g.parseInt('11', 2)).to.equal(3);
    expect(g.parseInt('11', 4294967298)).to.equal(3);
    expect(g.parseFloat('3.5e1x')).to.equal(35);
    expect(g.isNaN('x')).to.equal(true);
    expect(g.isFinite('1')).to.equal(true);
    expectThrow(() => g.isNaN(Symbol()), g.TypeError, 'Cannot convert a Symbol value to a number');
    expect(g.encodeURIComponent('a b&')).to.equal('a%20b%26');
    expect(g.decodeURI('%41')).to.equal('A');
    expectThrow(() => g.decodeURI('%'), g.URIError, 'URI malformed');
    expectThrow(() => g.encodeURI('\ud800'), g.URIError, 'URI malformed');
    expect(g.escape('a b')).to.equal('a%20b');
    expect(g.unescape('%u0041')).to.equal('A');
  });
});

describe('realm-core: compared with node:vm on the same inputs', () => {
  const ctx = vm.createContext({});
  const cases = [
    ['Object.keys("abc")', (G) => G.Object.keys('abc')],
    ['JSON.stringify(nested, null, 1)', (G) => G.JSON.stringify({ a: [{ b: [] }, {}], c: 'x' }, null, 1)],
    ['Object.getOwnPropertyNames(Math).length', (G) => G.Object.getOwnPropertyNames(G.Math).filter((k) => k !== 'f16round' && k !== 'sumPrecise').length],
    ['Error.prototype.toString.call(new RangeError("r"))', (G) => G.Error.prototype.toString.call(new G.RangeError('r'))],
    ['Object.prototype.toString.call(new TypeError)', (G) => G.Object.prototype.toString.call(new G.TypeError())],
    ['Reflect.ownKeys(Symbol.prototype)', (G) => G.Reflect.ownKeys(G.Symbol.prototype).map(String)],
    ['parseInt("-0x10")', (G) => G.parseInt('-0x10')],
  ];
  for (const [label, f] of cases) {
    it(label, () => {
      const theirs = f(vm.runInContext('this', ctx));
      const ours = f(g);
      expect(JSON.stringify(ours)).to.equal(JSON.stringify(theirs));
    });
  }
});

describe('realm-core: Iterator and iterator helpers', () => {
  function* gen(n) { for (let i = 0; i < n; i++) yield i; }
  function closable(values) {
    const log = [];
    const it = Object.create(I.IteratorPrototype);
    let i = 0;
    it.next = () => (i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true });
    it.return = () => { log.push('return'); return {}; };
    return { it, log };
  }
  it('Iterator is abstract; Iterator.prototype is %IteratorPrototype% with accessor constructor/@@toStringTag', () => {
    expectThrow(() => new g.Iterator(), g.TypeError, 'Abstract class Iterator not directly constructable');
    expectThrow(() => g.Iterator(), g.TypeError);
    class Sub extends g.Iterator {}
    expect(Object.getPrototypeOf(new Sub())).to.equal(Sub.prototype);
    expect(g.Iterator.prototype).to.equal(I.IteratorPrototype);
    const d = Object.getOwnPropertyDescriptor(I.IteratorPrototype, 'constructor');
    expect(d.get.call(undefined)).to.equal(g.Iterator);
    expect(I.ObjectPrototype.toString.call(Object.create(I.IteratorPrototype))).to.equal('[object Iterator]');
    expectThrow(() => d.set.call(I.IteratorPrototype, 1), g.TypeError);
    const o = Object.create(I.IteratorPrototype);
    d.set.call(o, 5);
    expect(Object.getOwnPropertyDescriptor(o, 'constructor')).to.deep.equal({ value: 5, writable: true, enumerable: true, configurable: true });
  });
  it('map / filter / take / drop / flatMap are lazy helpers with realm results', () => {
    const { it: base } = closable([1, 2, 3, 4, 5]);
    const h = I.IteratorPrototype.map.call(base, (x, i) => x * 10 + i);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(h))).to.equal(I.IteratorPrototype);
    expect(I.ObjectPrototype.toString.call(h)).to.equal('[object Iterator Helper]');
    const r = h.next();
    expect(Object.getPrototypeOf(r)).to.equal(I.ObjectPrototype);
    expect(r).to.deep.equal({ value: 10, done: false });
    const arr = I.IteratorPrototype.toArray.call(h);
    expect(Object.getPrototypeOf(arr)).to.equal(I.ArrayPrototype);
    expect([...arr]).to.deep.equal([21, 32, 43, 54]);
    expect(h.next()).to.deep.equal({ value: undefined, done: true });
    const P = I.IteratorPrototype;
    const chain = P.take.call(P.drop.call(P.filter.call(gen(20), (x) => x % 2), 2), 3);
    expect([...P.toArray.call(chain)]).to.deep.equal([5, 7, 9]);
    const flat = P.flatMap.call(gen(3), (x) => [x, x]);
    expect([...P.toArray.call(flat)]).to.deep.equal([0, 0, 1, 1, 2, 2]);
    expectThrow(() => P.toArray.call(P.flatMap.call(gen(1), () => 1)), g.TypeError, '1 is not an object');
  });
  it('return closes the underlying iterator; bad arguments close it too', () => {
    const P = I.IteratorPrototype;
    const a = closable([1, 2]);
    const h = P.map.call(a.it, (x) => x);
    expect(h.return()).to.deep.equal({ value: undefined, done: true });
    expect(a.log).to.deep.equal(['return']);
    const b = closable([1]);
    expectThrow(() => P.map.call(b.it, 1), g.TypeError, '1 is not a function');
    expect(b.log).to.deep.equal(['return']);
    const c = closable([1]);
    expectThrow(() => P.take.call(c.it, -1), g.RangeError);
    expectThrow(() => P.take.call(c.it, NaN), g.RangeError);
    expect(c.log).to.deep.equal(['return', 'return']);
    const d = closable([1, 2, 3]);
    expect(P.some.call(d.it, (x) => x === 2)).to.equal(true);
    expect(d.log).to.deep.equal(['return']);
    const e = closable([1, 2, 3]);
    expect(P.find.call(e.it, (x) => x > 1)).to.equal(2);
    expect(P.every.call(gen(3), (x) => x < 5)).to.equal(true);
    expect(P.reduce.call(gen(4), (acc, x) => acc + x)).to.equal(6);
    expectThrow(() => P.reduce.call(gen(0), (acc, x) => acc + x), g.TypeError, 'Reduce of empty iterator with no initial value');
    const seen = [];
    P.forEach.call(gen(2), (x, i) => seen.push([x, i]));
    expect(seen).to.deep.equal([[0, 0], [1, 1]]);
  });
  it('a running helper cannot be re-entered', () => {
    const P = I.IteratorPrototype;
    let h;
    h = P.map.call(gen(2), () => h.next());
    expectThrow(() => h.next(), g.TypeError, 'Generator is already running');
  });
  it('Iterator.from wraps iterators that do not inherit from %Iterator.prototype%', () => {
    const plain = { i: 0, next() { return { value: this.i++, done: this.i > 2 }; } };
    const w = g.Iterator.from(plain);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(w))).to.equal(I.IteratorPrototype);
    expect([...I.IteratorPrototype.toArray.call(w)]).to.deep.equal([0, 1]);
    expect(w.return()).to.deep.equal({ value: undefined, done: true });
    const inheriting = Object.create(I.IteratorPrototype);
    expect(g.Iterator.from(inheriting)).to.equal(inheriting);
    expect([...I.IteratorPrototype.toArray.call(g.Iterator.from('ab'))]).to.deep.equal(['a', 'b']);
    expectThrow(() => g.Iterator.from(1), g.TypeError);
  });
});

describe('realm-core: AsyncFunction and %AsyncIteratorPrototype%', () => {
  it('have the spec shape', () => {
    const AF = I.AsyncFunction;
    expect(AF.name).to.equal('AsyncFunction');
    expect(Object.getPrototypeOf(AF)).to.equal(g.Function);
    expect(Object.getOwnPropertyDescriptor(AF, 'prototype')).to.deep.equal({ value: I.AsyncFunctionPrototype, writable: false, enumerable: false, configurable: false });
    expect(Object.getOwnPropertyDescriptor(I.AsyncFunctionPrototype, 'constructor')).to.deep.equal({ value: AF, writable: false, enumerable: false, configurable: true });
    expect(I.AsyncFunctionPrototype[Symbol.toStringTag]).to.equal('AsyncFunction');
    const x = {};
    expect(I.AsyncIteratorPrototype[Symbol.asyncIterator].call(x)).to.equal(x);
  });
});
