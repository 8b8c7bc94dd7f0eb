// %Number% and %BigInt% of a new realm, called directly on host values.
import { expect } from 'chai';
import { newRealm, expectRealmError, describeMethod } from './helpers.mjs';

describe('realm Number', () => {
  let G, I, NP;
  beforeEach(() => {
    ({ G, I } = newRealm());
    NP = I.NumberPrototype;
  });

  it('has the constants as non-writable, non-enumerable, non-configurable properties', () => {
    for (const name of ['EPSILON', 'MAX_SAFE_INTEGER', 'MAX_VALUE', 'MIN_SAFE_INTEGER', 'MIN_VALUE', 'NaN', 'NEGATIVE_INFINITY', 'POSITIVE_INFINITY']) {
      const d = Object.getOwnPropertyDescriptor(G.Number, name);
      expect([d.writable, d.enumerable, d.configurable], name).to.deep.equal([false, false, false]);
      expect(Object.is(d.value, Number[name]), name).to.equal(true);
    }
  });

  it('has the static and prototype methods with spec names and lengths', () => {
    for (const [name, length] of Object.entries({ isFinite: 1, isInteger: 1, isNaN: 1, isSafeInteger: 1, parseFloat: 1, parseInt: 2 })) {
      expect(describeMethod(G.Number, name), name).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
    }
    for (const [name, length] of Object.entries({ toExponential: 1, toFixed: 1, toLocaleString: 0, toPrecision: 1, toString: 1, valueOf: 0 })) {
      expect(describeMethod(NP, name), name).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
    }
    expect(NP.valueOf()).to.equal(0);
    expect(Object.getPrototypeOf(NP)).to.equal(I.ObjectPrototype);
  });

  it('Number.parseFloat/parseInt are the same function objects as the global ones (§21.1.2.12-13)', () => {
    expect(G.Number.parseFloat).to.equal(G.parseFloat);
    expect(G.Number.parseInt).to.equal(G.parseInt);
    expect(G.Number.parseInt.length).to.equal(2);
    expect(G.Number.parseInt('  0x1F')).to.equal(31);
    expect(G.Number.parseInt('12', 3)).to.equal(5);
    expect(G.Number.parseFloat('3.5e1x')).to.equal(35);
    expectRealmError(G, 'TypeError', () => G.Number.parseFloat(Symbol()));
  });

  it('converts with ToNumeric, BigInts included, and makes realm wrappers with new', () => {
    expect(G.Number()).to.equal(0);
    expect(G.Number('0b101')).to.equal(5);
    expect(G.Number(12n)).to.equal(12);
    expect(G.Number({ valueOf: () => '7' })).to.equal(7);
    const w = new G.Number(3);
    expect(Object.getPrototypeOf(w)).to.equal(NP);
    expect(NP.valueOf.call(w)).to.equal(3);
    expectRealmError(G, 'TypeError', () => G.Number(Symbol()), 'Cannot convert a Symbol value to a number');
  });

  it('the predicates do not convert', () => {
    expect(G.Number.isFinite('1')).to.equal(false);
    expect(G.Number.isNaN('x')).to.equal(false);
    expect(G.Number.isNaN(NaN)).to.equal(true);
    expect(G.Number.isInteger(5.0)).to.equal(true);
    expect(G.Number.isSafeInteger(2 ** 53)).to.equal(false);
    expect(G.Number.isSafeInteger(-(2 ** 53 - 1))).to.equal(true);
  });

  it('formats like the host and throws the realm RangeError/TypeError with V8 text', () => {
    expect(NP.toString.call(255, 16)).to.equal('ff');
    expect(NP.toString.call(new G.Number(-8), 2)).to.equal('-1000');
    expect(NP.toFixed.call(1.005, 2)).to.equal((1.005).toFixed(2));
    expect(NP.toFixed.call(1e21, 2)).to.equal('1e+21');
    expect(NP.toExponential.call(123456, 2)).to.equal('1.23e+5');
    expect(NP.toExponential.call(Infinity, 1000)).to.equal('Infinity');
    expect(NP.toPrecision.call(123.456, 4)).to.equal('123.5');
    expect(NP.toPrecision.call(NaN, 1000)).to.equal('NaN');
    expect(NP.toPrecision.call(5)).to.equal('5');
    expectRealmError(G, 'RangeError', () => NP.toString.call(1, 1), 'toString() radix argument must be between 2 and 36');
    expectRealmError(G, 'RangeError', () => NP.toFixed.call(1, 101), 'toFixed() digits argument must be between 0 and 100');
    expectRealmError(G, 'RangeError', () => NP.toPrecision.call(1, 0), 'toPrecision() argument must be between 1 and 100');
    expectRealmError(G, 'RangeError', () => NP.toExponential.call(1, -1), 'toExponential() argument must be between 0 and 100');
    expectRealmError(G, 'TypeError', () => NP.toString.call('1'), "Number.prototype.toString requires that 'this' be a Number");
    expectRealmError(G, 'TypeError', () => NP.valueOf.call(new G.String('1')), "Number.prototype.valueOf requires that 'this' be a Number");
  });
});

describe('realm BigInt', () => {
  let G, I, BP;
  beforeEach(() => {
    ({ G, I } = newRealm());
    BP = I.BigIntPrototype;
  });

  it('has the spec shape', () => {
    expect(G.BigInt.length).to.equal(1);
    expect(G.BigInt.prototype).to.equal(BP);
    for (const [name, length] of Object.entries({ asIntN: 2, asUintN: 2 })) {
      expect(describeMethod(G.BigInt, name)).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
    }
    for (const [name, length] of Object.entries({ toLocaleString: 0, toString: 0, valueOf: 0 })) {
      expect(describeMethod(BP, name)).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
    }
    const tag = Object.getOwnPropertyDescriptor(BP, Symbol.toStringTag);
    expect([tag.value, tag.writable, tag.enumerable, tag.configurable]).to.deep.equal(['BigInt', false, false, true]);
  });

  it('converts numbers, strings and booleans, and refuses new', () => {
    expect(G.BigInt(10)).to.equal(10n);
    expect(G.BigInt(' 0x1f ')).to.equal(31n);
    expect(G.BigInt('')).to.equal(0n);
    expect(G.BigInt(true)).to.equal(1n);
    expect(G.BigInt({ valueOf: () => 3 })).to.equal(3n);
    expectRealmError(G, 'TypeError', () => new G.BigInt(1), 'BigInt is not a constructor');
    expectRealmError(G, 'RangeError', () => G.BigInt(1.5), 'The number 1.5 cannot be converted to a BigInt because it is not an integer');
    expectRealmError(G, 'SyntaxError', () => G.BigInt('x'), 'Cannot convert x to a BigInt');
    expectRealmError(G, 'TypeError', () => G.BigInt(undefined), 'Cannot convert undefined to a BigInt');
    expectRealmError(G, 'TypeError', () => G.BigInt(Symbol()), 'Cannot convert Symbol() to a BigInt');
  });

  it('asIntN/asUintN use ToIndex and ToBigInt', () => {
    expect(G.BigInt.asIntN(8, 255n)).to.equal(-1n);
    expect(G.BigInt.asUintN(8, -1n)).to.equal(255n);
    expect(G.BigInt.asUintN(0, 5n)).to.equal(0n);
    expect(G.BigInt.asIntN(64, '9')).to.equal(9n);
    expectRealmError(G, 'RangeError', () => G.BigInt.asIntN(-1, 1n), 'Invalid value: not (convertible to) a safe integer');
    expectRealmError(G, 'TypeError', () => G.BigInt.asIntN(8, 1), 'Cannot convert 1 to a BigInt');
  });

  it('thisBigIntValue accepts primitives and wrappers only', () => {
    expect(BP.toString.call(255n, 16)).to.equal('ff');
    expect(BP.valueOf.call(Object(5n))).to.equal(5n);
    expect(BP.toLocaleString.call(1234n, 'en-US')).to.equal((1234n).toLocaleString('en-US'));
    expectRealmError(G, 'TypeError', () => BP.toString.call(1), "BigInt.prototype.toString requires that 'this' be a BigInt");
    expectRealmError(G, 'RangeError', () => BP.toString.call(1n, 37));
  });
});
