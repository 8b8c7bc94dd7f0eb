// The spec's abstract operations over host values, for a new realm.
import { expect } from 'chai';
import { createRealm, createHostRealm, abstractOps as A, toRealmError, Termination } from '../../dist/esm/internal.js';
import { expectThrow } from './helpers.mjs';

const realm = createRealm();
const g = realm.globalObject;
const I = realm.intrinsics;

describe('realm-core: abstract operations', () => {
  it('ToPrimitive / OrdinaryToPrimitive', () => {
    const hints = [];
    const o = { [Symbol.toPrimitive](h) { hints.push(h); return 1; } };
    A.ToPrimitive(realm, o); A.ToPrimitive(realm, o, 'string'); A.ToPrimitive(realm, o, 'number');
    expect(hints).to.deep.equal(['default', 'string', 'number']);
    expect(A.ToPrimitive(realm, { valueOf: () => 1, toString: () => 's' }, 'string')).to.equal('s');
    expect(A.ToPrimitive(realm, { valueOf: () => 1, toString: () => 's' })).to.equal(1);
    expect(A.ToPrimitive(realm, { valueOf: () => ({}), toString: () => 's' })).to.equal('s');
    expectThrow(() => A.ToPrimitive(realm, { [Symbol.toPrimitive]: 1 }), g.TypeError, 'number 1 is not a function');
    expectThrow(() => A.ToPrimitive(realm, { [Symbol.toPrimitive]: () => ({}) }), g.TypeError, 'Cannot convert object to primitive value');
    expectThrow(() => A.ToPrimitive(realm, Object.create(null)), g.TypeError, 'Cannot convert object to primitive value');
  });

  it('ToNumber, ToNumeric, ToString, ToPropertyKey', () => {
    expect(A.ToNumber(realm, ' 0x10 ')).to.equal(16);
    expect(A.ToNumber(realm, '1n')).to.be.NaN;
    expect(A.ToNumber(realm, null)).to.equal(0);
    expect(A.ToNumber(realm, undefined)).to.be.NaN;
    expect(A.ToNumber(realm, [7])).to.equal(7);
    expectThrow(() => A.ToNumber(realm, 1n), g.TypeError, 'Cannot convert a BigInt value to a number');
    expectThrow(() => A.ToNumber(realm, Symbol()), g.TypeError, 'Cannot convert a Symbol value to a number');
    expect(A.ToNumeric(realm, g.Object(5n))).to.equal(5n);
    expect(A.ToString(realm, -0)).to.equal('0');
    expect(A.ToString(realm, 1e21)).to.equal('1e+21');
    expect(A.ToString(realm, [1, [2, 3]])).to.equal('1,2,3');
    expect(A.ToString(realm, null)).to.equal('null');
    expectThrow(() => A.ToString(realm, Symbol()), g.TypeError, 'Cannot convert a Symbol value to a string');
    expect(A.ToPropertyKey(realm, 1.5)).to.equal('1.5');
    expect(A.ToPropertyKey(realm, Symbol.iterator)).to.equal(Symbol.iterator);
    expect(A.ToPropertyKey(realm, { toString: () => Symbol.iterator })).to.equal(Symbol.iterator);
  });

  it('integer conversions', () => {
    expect(Object.is(A.ToIntegerOrInfinity(realm, -0.5), 0)).to.equal(true);
    expect(A.ToIntegerOrInfinity(realm, -Infinity)).to.equal(-Infinity);
    expect(A.ToIntegerOrInfinity(realm, '3.9')).to.equal(3);
    expect(A.ToLength(realm, -5)).to.equal(0);
    expect(A.ToLength(realm, 2 ** 60)).to.equal(2 ** 53 - 1);
    expect(A.ToUint32(realm, -1)).to.equal(4294967295);
    expect(A.ToInt32(realm, 2 ** 31)).to.equal(-(2 ** 31));
    expect(A.ToUint16(realm, 65537)).to.equal(1);
    expect(A.ToIndex(realm, undefined)).to.equal(0);
    expectThrow(() => A.ToIndex(realm, -1, 'Invalid typed array length: -1'), g.RangeError, 'Invalid typed array length: -1');
  });

  it('ToObject and GetV use the realm\'s prototypes', () => {
    expect(Object.getPrototypeOf(A.ToObject(realm, 'x'))).to.equal(I.StringPrototype);
    expectThrow(() => A.ToObject(realm, undefined), g.TypeError, 'Cannot convert undefined or null to object');
    I.StringPrototype.__probe = function () { return this; };
    try {
      expect(A.GetV(realm, 'abc', '__probe')).to.equal(I.StringPrototype.__probe);
      expect(A.Invoke(realm, 'abc', '__probe')).to.equal('abc');
    } finally { delete I.StringPrototype.__probe; }
    expect(A.GetV(realm, 'abc', 'length')).to.equal(3);
    expect(A.GetV(realm, 'abc', '1')).to.equal('b');
    expect(A.GetV(realm, 'abc', 2)).to.equal('c');
    expect(A.GetV(realm, 'abc', '01')).to.equal(undefined);
    expect(A.GetV(realm, 'abc', 'toUpperCase')).to.equal(I.StringPrototype.toUpperCase);
    expect(A.GetV(realm, 1, 'toFixed')).to.equal(I.NumberPrototype.toFixed);
    expect(A.GetV(realm, true, 'valueOf')).to.equal(I.BooleanPrototype.valueOf);
    expect(A.GetV(realm, Symbol(), 'description')).to.equal(undefined);
    expectThrow(() => A.GetV(realm, undefined, 'x'), g.TypeError, "Cannot read properties of undefined (reading 'x')");
    expectThrow(() => A.GetV(realm, null, Symbol('s')), g.TypeError, "Cannot read properties of null (reading 'Symbol(s)')");
  });

  it('IsCallable, IsConstructor, IsArray, SameValue(Zero)', () => {
    expect(A.IsConstructor(function () {})).to.equal(true);
    expect(A.IsConstructor(class {})).to.equal(true);
    expect(A.IsConstructor(() => 1)).to.equal(false);
    expect(A.IsConstructor({ m() {} }.m)).to.equal(false);
    expect(A.IsConstructor(function* () {})).to.equal(false);
    expect(A.IsConstructor(async function () {})).to.equal(false);
    expect(A.IsConstructor(function () {}.bind())).to.equal(true);
    expect(A.IsConstructor((() => 1).bind())).to.equal(false);
    expect(A.IsConstructor(new Proxy(function () {}, {}))).to.equal(true);
    expect(A.IsConstructor(new Proxy(() => 1, {}))).to.equal(false);
    expect(A.IsConstructor({})).to.equal(false);
    let observed = 0;
    const watched = new Proxy(function () {}, { get() { observed++; } });
    expect(A.IsConstructor(watched)).to.equal(true);
    expect(observed).to.equal(0);
    expect(A.IsCallable(class {})).to.equal(true);
    expect(A.IsArray(realm, new Proxy([], {}))).to.equal(true);
    const r = Proxy.revocable([], {});
    r.revoke();
    expectThrow(() => A.IsArray(realm, r.proxy), g.TypeError, "Cannot perform 'IsArray' on a proxy that has been revoked");
    expect(A.SameValue(NaN, NaN)).to.equal(true);
    expect(A.SameValue(0, -0)).to.equal(false);
    expect(A.SameValueZero(0, -0)).to.equal(true);
    expect(A.SameValueZero(NaN, NaN)).to.equal(true);
  });

  it('CanonicalNumericIndexString', () => {
    expect(Object.is(A.CanonicalNumericIndexString('-0'), -0)).to.equal(true);
    expect(A.CanonicalNumericIndexString('1.5')).to.equal(1.5);
    expect(A.CanonicalNumericIndexString('Infinity')).to.equal(Infinity);
    expect(A.CanonicalNumericIndexString('NaN')).to.be.NaN;
    expect(A.CanonicalNumericIndexString('01')).to.equal(undefined);
    expect(A.CanonicalNumericIndexString('1e3')).to.equal(undefined);
  });

  it('arrays and lists', () => {
    const a = A.CreateArrayFromList(realm, [1, 2]);
    expect(Object.getPrototypeOf(a)).to.equal(I.ArrayPrototype);
    expect(Array.isArray(a)).to.equal(true);
    expect(A.CreateListFromArrayLike(realm, { length: '2', 0: 'a', 1: 'b' })).to.deep.equal(['a', 'b']);
    expectThrow(() => A.CreateListFromArrayLike(realm, 1), g.TypeError, 'CreateListFromArrayLike called on non-object');
    expectThrow(() => A.CreateListFromArrayLike(realm, [1], 'property-key'), g.TypeError, '1 is not a valid property name');
    expect(A.LengthOfArrayLike(realm, { length: 2.5 })).to.equal(2);
  });

  it('constructors: SpeciesConstructor, GetPrototypeFromConstructor, OrdinaryCreateFromConstructor', () => {
    const D = function () {};
    expect(A.SpeciesConstructor(realm, {}, D)).to.equal(D);
    expect(A.SpeciesConstructor(realm, { constructor: { [Symbol.species]: null } }, D)).to.equal(D);
    class S {}
    expect(A.SpeciesConstructor(realm, { constructor: { [Symbol.species]: S } }, D)).to.equal(S);
    expectThrow(() => A.SpeciesConstructor(realm, { constructor: 1 }, D), g.TypeError, 'The .constructor property is not an object');
    expectThrow(() => A.SpeciesConstructor(realm, { constructor: { [Symbol.species]: 1 } }, D), g.TypeError, 'object.constructor[Symbol.species] is not a constructor');
    function NoProto() {}
    NoProto.prototype = null;
    expect(A.GetPrototypeFromConstructor(realm, NoProto, 'ErrorPrototype')).to.equal(I.ErrorPrototype);
    // A constructor of another realm falls back to ITS realm's intrinsic (§10.1.14 step 3).
    const other = createRealm();
    function OtherCtor() {}
    OtherCtor.prototype = 1;
    A.setFunctionRealm(OtherCtor, other);
    expect(A.GetPrototypeFromConstructor(realm, OtherCtor, 'ErrorPrototype')).to.equal(other.intrinsics.ErrorPrototype);
    expect(A.GetFunctionRealm(realm, other.globalObject.TypeError)).to.equal(other);
    expect(Object.getPrototypeOf(Reflect.construct(g.TypeError, [], OtherCtor))).to.equal(other.intrinsics.TypeErrorPrototype);
    expect(Object.getPrototypeOf(A.OrdinaryCreateFromConstructor(realm, S, 'ObjectPrototype'))).to.equal(S.prototype);
  });

  it('iteration: GetIterator, IteratorStep(Value), IteratorClose, IteratorToList', () => {
    const rec = A.GetIterator(realm, new Set([1, 2]));
    expect(A.IteratorToList(realm, rec)).to.deep.equal([1, 2]);
    expectThrow(() => A.GetIterator(realm, 5), g.TypeError, 'number 5 is not iterable (cannot read property Symbol(Symbol.iterator))');
    expectThrow(() => A.GetIterator(realm, {}), g.TypeError, 'object is not iterable (cannot read property Symbol(Symbol.iterator))');
    expectThrow(() => A.GetIterator(realm, undefined), g.TypeError, 'undefined is not iterable (cannot read property Symbol(Symbol.iterator))');
    expectThrow(() => A.GetIterator(realm, { [Symbol.iterator]: () => 1 }), g.TypeError, 'Result of the Symbol.iterator method is not an object');
    const bad = A.GetIterator(realm, { [Symbol.iterator]: () => ({ next: () => 1 }) });
    expectThrow(() => A.IteratorStep(realm, bad), g.TypeError, 'Iterator result 1 is not an object');
    expect(bad.done).to.equal(true);
    let returned = 0;
    const closable = { [Symbol.iterator]() { return { next: () => ({ done: false, value: 9 }), return: () => { returned++; return {}; } }; } };
    const r2 = A.GetIterator(realm, closable);
    expect(A.IteratorStepValue(realm, r2)).to.equal(9);
    A.IteratorClose(realm, r2);
    expect(returned).to.equal(1);
    const boom = new Error('orig');
    expect(() => A.IteratorCloseOnThrow(A.GetIterator(realm, { [Symbol.iterator]() { return { next() {}, return() { throw new Error('inner'); } }; } }), boom)).to.throw('orig');
    const t = new Termination('timeout', 5);
    let ran = false;
    expect(() => A.IteratorCloseOnThrow(A.GetIterator(realm, { [Symbol.iterator]() { return { next() {}, return() { ran = true; } }; } }), t)).to.throw().that.equals(t);
    expect(ran).to.equal(false);
    const r3 = A.GetIterator(realm, { [Symbol.iterator]() { return { next() {}, return: () => 1 }; } });
    expectThrow(() => A.IteratorClose(realm, r3), g.TypeError, 'Iterator result 1 is not an object');
    expect(A.IteratorStep(realm, A.GetIterator(realm, []))).to.equal(A.DONE);
  });

  it('CreateIterResultObject defines data properties on a realm object', () => {
    let setterRan = false;
    Object.defineProperty(I.ObjectPrototype, 'value', { set() { setterRan = true; }, configurable: true });
    try {
      const r = A.CreateIterResultObject(realm, 1, false);
      expect(setterRan).to.equal(false);
      expect(Object.getPrototypeOf(r)).to.equal(I.ObjectPrototype);
      expect(Object.getOwnPropertyDescriptor(r, 'value')).to.deep.equal({ value: 1, writable: true, enumerable: true, configurable: true });
      expect(Object.keys(r)).to.deep.equal(['value', 'done']);
    } finally { delete I.ObjectPrototype.value; }
  });

  it('InstanceofOperator and OrdinaryHasInstance', () => {
    class C {}
    expect(A.InstanceofOperator(realm, new C(), C)).to.equal(true);
    expect(A.InstanceofOperator(realm, 1, { [Symbol.hasInstance]: () => 1 })).to.equal(true);
    expectThrow(() => A.InstanceofOperator(realm, 1, 2), g.TypeError, "Right-hand side of 'instanceof' is not an object");
    expectThrow(() => A.InstanceofOperator(realm, 1, {}), g.TypeError, "Right-hand side of 'instanceof' is not callable");
    const B = C.bind(null);
    expect(A.OrdinaryHasInstance(realm, B, new C())).to.equal(true);
    expect(A.OrdinaryHasInstance(realm, {}, new C())).to.equal(false);
  });

  it('property descriptors round-trip', () => {
    const d = A.ToPropertyDescriptor(realm, { get: undefined, enumerable: 1 });
    expect(d).to.deep.equal({ get: undefined, enumerable: true });
    const f = A.FromPropertyDescriptor(realm, { value: 1, writable: true, enumerable: false, configurable: true });
    expect(Object.getPrototypeOf(f)).to.equal(I.ObjectPrototype);
    expect(Object.keys(f)).to.deep.equal(['value', 'writable', 'enumerable', 'configurable']);
    const partial = A.FromPropertyDescriptor(realm, { enumerable: true });
    expect(Object.keys(partial)).to.deep.equal(['enumerable']);
  });

  it('RequireObjectCoercible', () => {
    expectThrow(() => A.RequireObjectCoercible(realm, null, 'String.prototype.trim'), g.TypeError, 'String.prototype.trim called on null or undefined');
    expect(A.RequireObjectCoercible(realm, 0)).to.equal(0);
  });
});

describe('realm-core: host errors and the host realm', () => {
  it('toRealmError translates host errors only, and not in the host realm', () => {
    const e = toRealmError(realm, new RangeError('r'));
    expect(e instanceof g.RangeError).to.equal(true);
    expect(e.message).to.equal('r');
    expect(toRealmError(realm, new URIError('u')) instanceof g.URIError).to.equal(true);
    expect(toRealmError(realm, new Error('x')) instanceof g.Error).to.equal(true);
    const guest = new g.TypeError('g');
    expect(toRealmError(realm, guest)).to.equal(guest);
    const t = new Termination('timeout', 1);
    expect(toRealmError(realm, t)).to.equal(t);
    expect(toRealmError(realm, 5)).to.equal(5);
    const host = new TypeError('h');
    expect(toRealmError(createHostRealm(), host)).to.equal(host);
  });

  it('createHostRealm uses the host\'s own intrinsics and globalThis', () => {
    const h = createHostRealm();
    expect(h.isHost).to.equal(true);
    expect(h.globalObject).to.equal(globalThis);
    expect(h.globalThisValue).to.equal(globalThis);
    const HI = h.intrinsics;
    expect(HI.ObjectPrototype).to.equal(Object.prototype);
    expect(HI.Function).to.equal(Function);
    expect(HI.TypeError).to.equal(TypeError);
    expect(HI.ArrayPrototype).to.equal(Array.prototype);
    expect(HI.GeneratorFunctionPrototype).to.equal(Object.getPrototypeOf(function* () {}));
    // Interpreted generators inherit the host's %GeneratorPrototype% through vmjs's dispatching object
    // (src/realm/builtins/host-generator-prototypes.ts).
    expect(Object.getPrototypeOf(HI.GeneratorPrototype)).to.equal(Object.getPrototypeOf(function* () {}).prototype);
    expect(HI.IteratorPrototype).to.equal(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
    expect(HI.eval).to.equal(globalThis.eval);
    expect(h.newError('TypeError', 'x') instanceof TypeError).to.equal(true);
    // In the host realm wrappers keep the host's prototypes.
    expect(Object.getPrototypeOf(A.ToObject(h, 's'))).to.equal(String.prototype);
  });
});
