// %RegExp% and %RegExp.prototype% of a new realm (first slice), called directly on host values.
import { expect } from 'chai';
import { newRealm, expectRealmError, describeMethod } from './helpers.mjs';
import { createRegExpLiteral } from '../../dist/esm/internal.js';

describe('realm RegExp', () => {
  let G, I, RP, realm;
  beforeEach(() => {
    ({ G, I, realm } = newRealm());
    RP = I.RegExpPrototype;
  });

  it('has the spec shape', () => {
    expect(G.RegExp.length).to.equal(2);
    expect(Object.getPrototypeOf(RP)).to.equal(I.ObjectPrototype);
    for (const [name, length] of Object.entries({ compile: 2, exec: 1, test: 1, toString: 0 })) {
      expect(describeMethod(RP, name), name).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
    }
    const symbols = { match: 1, matchAll: 1, replace: 2, search: 1, split: 2 };
    for (const [name, length] of Object.entries(symbols)) {
      const f = RP[Symbol[name]];
      expect([f.name, f.length]).to.deep.equal([`[Symbol.${name}]`, length]);
    }
    for (const name of ['flags', 'global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'unicodeSets', 'sticky', 'hasIndices', 'source']) {
      const d = Object.getOwnPropertyDescriptor(RP, name);
      expect([d.get.name, d.set, d.enumerable, d.configurable], name).to.deep.equal([`get ${name}`, undefined, false, true]);
    }
    expect(Object.getOwnPropertyDescriptor(G.RegExp, Symbol.species).get.call(7)).to.equal(7);
  });

  it('instances are host RegExps with the realm prototype', () => {
    const re = new G.RegExp('a(b)?', 'gi');
    expect(Object.getPrototypeOf(re)).to.equal(RP);
    expect(re.lastIndex).to.equal(0);
    expect(re.source).to.equal('a(b)?');
    expect(re.flags).to.equal('gi');
    expect([re.global, re.ignoreCase, re.sticky]).to.deep.equal([true, true, false]);
    expect(RP.toString.call(re)).to.equal('/a(b)?/gi');
    const lit = createRegExpLiteral(realm, '\\d+', 'y');
    expect(Object.getPrototypeOf(lit)).to.equal(RP);
    expect(lit.sticky).to.equal(true);
  });

  it('the constructor follows IsRegExp, returns the argument when called without new, and copies [[OriginalSource]]', () => {
    const re = new G.RegExp('x', 'g');
    expect(G.RegExp(re)).to.equal(re);
    expect(G.RegExp(re, 'i')).not.to.equal(re);
    const copy = new G.RegExp(re, 'y');
    expect([copy.source, copy.flags]).to.deep.equal(['x', 'y']);
    expect(new G.RegExp(re).flags).to.equal('g');
    const slash = new G.RegExp('/', '');
    expect(slash.source).to.equal('\\/');
    expect(new G.RegExp(slash).test('/')).to.equal(true);
    const regexpLike = { [Symbol.match]: true, source: 'q+', flags: 'm', constructor: G.RegExp };
    expect(G.RegExp(regexpLike)).to.equal(regexpLike);
    const fromLike = new G.RegExp(regexpLike);
    expect([fromLike.source, fromLike.flags]).to.deep.equal(['q+', 'm']);
    expect(new G.RegExp(undefined).source).to.equal('(?:)');
    class Sub {}
    expect(Object.getPrototypeOf(Reflect.construct(G.RegExp, ['a'], Sub))).to.equal(Sub.prototype);
  });

  it('bad patterns and flags throw the realm SyntaxError with V8 text', () => {
    expectRealmError(G, 'SyntaxError', () => new G.RegExp('('), 'Invalid regular expression: /(/: Unterminated group');
    expectRealmError(G, 'SyntaxError', () => new G.RegExp('a', 'gg'), "Invalid flags supplied to RegExp constructor 'gg'");
  });

  it('exec results carry realm prototypes, including indices; groups have a null prototype', () => {
    const re = new G.RegExp('(?<y>\\d{4})-(?<m>\\d\\d)', 'd');
    const r = RP.exec.call(re, 'on 2024-05!');
    expect(Object.getPrototypeOf(r)).to.equal(I.ArrayPrototype);
    expect([r[0], r.index, r.input, r.groups.y]).to.deep.equal(['2024-05', 3, 'on 2024-05!', '2024']);
    expect(Object.getPrototypeOf(r.groups)).to.equal(null);
    expect(Object.getPrototypeOf(r.indices)).to.equal(I.ArrayPrototype);
    expect(Object.getPrototypeOf(r.indices[1])).to.equal(I.ArrayPrototype);
    expect(Object.getPrototypeOf(r.indices.groups.m)).to.equal(I.ArrayPrototype);
    expect(Array.from(r.indices.groups.m)).to.deep.equal([8, 10]);
    expect(RP.exec.call(re, 'none')).to.equal(null);
  });

  it('honours lastIndex for global and sticky regexps', () => {
    const re = new G.RegExp('a', 'g');
    expect(RP.test.call(re, 'aa')).to.equal(true);
    expect(re.lastIndex).to.equal(1);
    expect(RP.test.call(re, 'aa')).to.equal(true);
    expect(RP.test.call(re, 'aa')).to.equal(false);
    expect(re.lastIndex).to.equal(0);
    const sticky = new G.RegExp('b', 'y');
    sticky.lastIndex = 1;
    expect(RP.exec.call(sticky, 'ab')[0]).to.equal('b');
    expect(RP.exec.call(sticky, 'ab')).to.equal(null);
    const frozen = Object.freeze(new G.RegExp('a', 'g'));
    expectRealmError(G, 'TypeError', () => RP.exec.call(frozen, 'a'));
  });

  it('rejects non-RegExp receivers with the realm TypeError', () => {
    expectRealmError(G, 'TypeError', () => RP.exec.call({}, 'a'), 'Method RegExp.prototype.exec called on incompatible receiver #<Object>');
    expectRealmError(G, 'TypeError', () => RP.test.call(1, 'a'));
    expectRealmError(G, 'TypeError', () => RP[Symbol.replace].call(1, 'a'));
    expectRealmError(G, 'TypeError', () => Object.getOwnPropertyDescriptor(RP, 'global').get.call({}), 'RegExp.prototype.global getter called on non-RegExp object');
    expectRealmError(G, 'TypeError', () => Object.getOwnPropertyDescriptor(RP, 'flags').get.call(1), 'RegExp.prototype.flags getter called on non-object 1');
    expect(Object.getOwnPropertyDescriptor(RP, 'global').get.call(RP)).to.equal(undefined);
    expect(Object.getOwnPropertyDescriptor(RP, 'source').get.call(RP)).to.equal('(?:)');
    expect(Object.getOwnPropertyDescriptor(RP, 'flags').get.call(RP)).to.equal('');
    expect(RP.toString.call(RP)).to.equal('/(?:)/');
  });

  it('flags is generic and reads each flag property in spec order', () => {
    const log = [];
    const o = {};
    for (const k of ['hasIndices', 'global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'unicodeSets', 'sticky']) {
      Object.defineProperty(o, k, { get() { log.push(k); return k === 'global' || k === 'sticky'; } });
    }
    expect(Object.getOwnPropertyDescriptor(RP, 'flags').get.call(o)).to.equal('gy');
    expect(log).to.deep.equal(['hasIndices', 'global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'unicodeSets', 'sticky']);
  });

  it('@@match, @@search and @@replace follow the spec, including function replacers and named groups', () => {
    const g = new G.RegExp('\\d', 'g');
    const all = RP[Symbol.match].call(g, 'a1b2');
    expect(Object.getPrototypeOf(all)).to.equal(I.ArrayPrototype);
    expect(Array.from(all)).to.deep.equal(['1', '2']);
    expect(RP[Symbol.match].call(g, 'none')).to.equal(null);
    expect(Array.from(RP[Symbol.match].call(new G.RegExp('', 'gu'), '😀'))).to.deep.equal(['', '']);
    const s = new G.RegExp('b');
    s.lastIndex = 3;
    expect(RP[Symbol.search].call(s, 'abc')).to.equal(1);
    expect(s.lastIndex).to.equal(3);
    const re = new G.RegExp('(?<first>\\w)(\\w)', 'g');
    expect(RP[Symbol.replace].call(re, 'abcd', '$2$1[$<first>]')).to.equal('ba[a]dc[c]');
    const calls = [];
    const out = RP[Symbol.replace].call(re, 'abcd', (...a) => { calls.push(a); return '-'; });
    expect(out).to.equal('--');
    expect(calls[0].slice(0, 5)).to.deep.equal(['ab', 'a', 'b', 0, 'abcd']);
    expect(Object.getPrototypeOf(calls[0][5])).to.equal(null);
    expect(RP[Symbol.replace].call(new G.RegExp('x'), 'axbx', '$`$\'')).to.equal('aabxbx');
    expect(RP[Symbol.replace].call(new G.RegExp('', 'g'), 'ab', '-')).to.equal('-a-b-');
  });

  it('uses a guest exec and validates its result', () => {
    const re = new G.RegExp('a', 'g');
    let n = 0;
    re.exec = function () { return n++ < 2 ? Object.assign(['a'], { index: 0 }) : null; };
    expect(Array.from(RP[Symbol.match].call(re, 'zzz'))).to.deep.equal(['a', 'a']);
    re.exec = () => 5;
    expectRealmError(G, 'TypeError', () => RP.test.call(re, 'a'));
    const plain = { exec: () => null };
    expect(RP.test.call(plain, 'x')).to.equal(false);
  });

  it('@@split constructs through @@species with the y flag and returns realm arrays', () => {
    const r = RP[Symbol.split].call(new G.RegExp('(-)|,'), 'a-b,c');
    expect(Object.getPrototypeOf(r)).to.equal(I.ArrayPrototype);
    expect(Array.from(r)).to.deep.equal(['a', '-', 'b', undefined, 'c']);
    expect(Array.from(RP[Symbol.split].call(new G.RegExp(','), 'a,b,c', 2))).to.deep.equal(['a', 'b']);
    expect(Array.from(RP[Symbol.split].call(new G.RegExp(''), 'abc'))).to.deep.equal(['a', 'b', 'c']);
    expect(Array.from(RP[Symbol.split].call(new G.RegExp('x'), ''))).to.deep.equal(['']);
    expect(Array.from(RP[Symbol.split].call(new G.RegExp(''), ''))).to.deep.equal([]);
    let seen;
    const re = new G.RegExp('b', 'g');
    re.constructor = { [Symbol.species]: function (rx, flags) { seen = [rx, flags]; return new G.RegExp(rx, flags); } };
    expect(Array.from(RP[Symbol.split].call(re, 'abc'))).to.deep.equal(['a', 'c']);
    expect(seen).to.deep.equal([re, 'gy']);
  });

  it('@@matchAll creates a %RegExpStringIteratorPrototype% iterator over a copy of the regexp', () => {
    const re = new G.RegExp('\\d', 'g');
    re.lastIndex = 2;
    const it = RP[Symbol.matchAll].call(re, 'a1b2c3');
    expect(Object.getPrototypeOf(it)).to.equal(I.RegExpStringIteratorPrototype);
    expect(I.RegExpStringIteratorPrototype[Symbol.toStringTag]).to.equal('RegExp String Iterator');
    expect(Object.getPrototypeOf(I.RegExpStringIteratorPrototype)).to.equal(I.IteratorPrototype);
    const first = it.next();
    expect(Object.getPrototypeOf(first.value)).to.equal(I.ArrayPrototype);
    expect([first.value[0], it.next().value[0], it.next().done]).to.deep.equal(['2', '3', true]);
    expect(re.lastIndex).to.equal(2);
    const once = RP[Symbol.matchAll].call(new G.RegExp('\\d'), 'a1b2');
    expect([once.next().value[0], once.next().done]).to.deep.equal(['1', true]);
    expectRealmError(G, 'TypeError', () => I.RegExpStringIteratorPrototype.next.call({}));
  });

  it('compile re-initialises in place (Annex B) and refuses subclass instances', () => {
    const re = new G.RegExp('a', 'g');
    re.lastIndex = 3;
    expect(RP.compile.call(re, 'b+', 'i')).to.equal(re);
    expect([re.source, re.flags, re.lastIndex]).to.deep.equal(['b+', 'i', 0]);
    RP.compile.call(re, new G.RegExp('z', 'm'));
    expect([re.source, re.flags]).to.deep.equal(['z', 'm']);
    expectRealmError(G, 'TypeError', () => RP.compile.call(re, new G.RegExp('z'), 'g'));
    class Sub {}
    Object.setPrototypeOf(Sub.prototype, RP);
    const sub = Reflect.construct(G.RegExp, ['q'], Sub);
    expectRealmError(G, 'TypeError', () => RP.compile.call(sub, 'r'));
    expectRealmError(G, 'SyntaxError', () => RP.compile.call(re, '('));
  });

  it('RegExp.escape escapes syntax characters, leading alphanumerics, punctuators, spaces and lone surrogates', () => {
    expect(G.RegExp.escape('a.b*c')).to.equal('\\x61\\.b\\*c');
    expect(G.RegExp.escape('1+1=2')).to.equal('\\x31\\+1\\x3d2');
    expect(G.RegExp.escape(' \n\u2028\ud800😀/')).to.equal('\\x20\\n\\u2028\\ud800😀\\/');
    expect(G.RegExp.escape('')).to.equal('');
    expect(new G.RegExp(G.RegExp.escape('(a|b)?')).test('x(a|b)?y')).to.equal(true);
    expectRealmError(G, 'TypeError', () => G.RegExp.escape(1));
  });

  it('keeps the legacy static properties of the last match of the realm (Annex B)', () => {
    const re = new G.RegExp('(\\d)(\\d)?-(x)?');
    RP.exec.call(re, 'ab12-cd');
    expect([G.RegExp.$1, G.RegExp.$2, G.RegExp.$3, G.RegExp.$9]).to.deep.equal(['1', '2', '', '']);
    expect([G.RegExp.input, G.RegExp.$_, G.RegExp.lastMatch, G.RegExp['$&'], G.RegExp.lastParen]).to.deep.equal(['ab12-cd', 'ab12-cd', '12-', '12-', '']);
    expect([G.RegExp.leftContext, G.RegExp['$`'], G.RegExp.rightContext, G.RegExp["$'"]]).to.deep.equal(['ab', 'ab', 'cd', 'cd']);
    G.RegExp.input = 42;
    expect(G.RegExp.$_).to.equal('42');
    // A failed match leaves them; a match in another realm does not touch them.
    RP.exec.call(re, 'none');
    expect(G.RegExp.$1).to.equal('1');
    const other = newRealm();
    other.I.RegExpPrototype.exec.call(new other.G.RegExp('(z)'), 'z');
    expect(G.RegExp.$1).to.equal('1');
    expect(other.G.RegExp.$1).to.equal('z');
    const getter = Object.getOwnPropertyDescriptor(G.RegExp, '$1').get;
    expectRealmError(G, 'TypeError', () => getter.call({}));
    expect(Object.getOwnPropertyDescriptor(G.RegExp, '$1').set).to.equal(undefined);
    // A subclass instance's match makes them unavailable until the next ordinary match.
    class Sub {}
    Object.setPrototypeOf(Sub.prototype, RP);
    RP.exec.call(Reflect.construct(G.RegExp, ['q'], Sub), 'q');
    expectRealmError(G, 'TypeError', () => G.RegExp.lastMatch);
    RP.exec.call(re, '7-x');
    expect(G.RegExp.lastParen).to.equal('x');
  });
});
