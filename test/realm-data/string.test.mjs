// %String% and %String.prototype% of a new realm, called directly on host values.
import { expect } from 'chai';
import { newRealm, expectRealmError, describeMethod } from './helpers.mjs';

describe('realm String', () => {
  let G, I, SP;
  beforeEach(() => {
    ({ G, I } = newRealm());
    SP = I.StringPrototype;
  });

  it('is a constructor whose prototype is a String exotic object with [[StringData]] ""', () => {
    expect(G.String).to.equal(I.String);
    expect(SP.valueOf()).to.equal('');
    expect(SP.length).to.equal(0);
    expect(Object.getPrototypeOf(SP)).to.equal(I.ObjectPrototype);
    expect(G.String.length).to.equal(1);
    expect(SP.constructor).to.equal(G.String);
  });

  it('has the whole prototype, Annex B included, with spec names and lengths', () => {
    const lengths = {
      at: 1, charAt: 1, charCodeAt: 1, codePointAt: 1, concat: 1, endsWith: 1, includes: 1, indexOf: 1, isWellFormed: 0,
      lastIndexOf: 1, localeCompare: 1, match: 1, matchAll: 1, normalize: 0, padEnd: 1, padStart: 1, repeat: 1, replace: 2,
      replaceAll: 2, search: 1, slice: 2, split: 2, startsWith: 1, substring: 2, toLocaleLowerCase: 0, toLocaleUpperCase: 0,
      toLowerCase: 0, toString: 0, toUpperCase: 0, toWellFormed: 0, trim: 0, trimEnd: 0, trimStart: 0, valueOf: 0, substr: 2,
      anchor: 1, big: 0, blink: 0, bold: 0, fixed: 0, fontcolor: 1, fontsize: 1, italics: 0, link: 1, small: 0, strike: 0,
      sub: 0, sup: 0,
    };
    for (const [name, length] of Object.entries(lengths)) {
      expect(describeMethod(SP, name), name).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
      expect(SP[name]).not.to.equal(String.prototype[name]);
    }
    expect(SP.trimLeft).to.equal(SP.trimStart);
    expect(SP.trimRight).to.equal(SP.trimEnd);
    expect(SP.trimLeft.name).to.equal('trimStart');
    expect(SP[Symbol.iterator].name).to.equal('[Symbol.iterator]');
    for (const [name, length] of Object.entries({ fromCharCode: 1, fromCodePoint: 1, raw: 1 })) {
      expect(describeMethod(G.String, name)).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
    }
  });

  it('String(value) converts, renders symbols, and new String makes a realm wrapper', () => {
    expect(G.String()).to.equal('');
    expect(G.String(12)).to.equal('12');
    expect(G.String(Symbol('d'))).to.equal('Symbol(d)');
    expect(G.String(Symbol())).to.equal('Symbol()');
    expectRealmError(G, 'TypeError', () => new G.String(Symbol('d')), 'Cannot convert a Symbol value to a string');
    const w = new G.String('ab');
    expect(typeof w).to.equal('object');
    expect(Object.getPrototypeOf(w)).to.equal(SP);
    expect(w.length).to.equal(2);
    expect(w[1]).to.equal('b');
    expect(SP.valueOf.call(w)).to.equal('ab');
    class Sub {}
    expect(Object.getPrototypeOf(Reflect.construct(G.String, ['x'], Sub))).to.equal(Sub.prototype);
  });

  it('thisStringValue and RequireObjectCoercible throw the realm TypeError with V8 text', () => {
    expectRealmError(G, 'TypeError', () => SP.valueOf.call(1), "String.prototype.valueOf requires that 'this' be a String");
    expectRealmError(G, 'TypeError', () => SP.toString.call({}), "String.prototype.toString requires that 'this' be a String");
    expectRealmError(G, 'TypeError', () => SP.trim.call(null), 'String.prototype.trim called on null or undefined');
    expectRealmError(G, 'TypeError', () => SP.anchor.call(undefined), 'String.prototype.anchor called on null or undefined');
    expectRealmError(G, 'RangeError', () => SP.repeat.call('a', -1), 'Invalid count value: -1');
    expectRealmError(G, 'RangeError', () => SP.normalize.call('a', 'x'));
    expectRealmError(G, 'TypeError', () => SP.startsWith.call('a', /a/));
    expectRealmError(G, 'TypeError', () => SP.at.call('a', Symbol()));
  });

  it('delegated methods convert `this` and arguments in order', () => {
    const log = [];
    const thisObj = { toString() { log.push('this'); return 'hello world'; } };
    const pos = { valueOf() { log.push('pos'); return 6; } };
    expect(SP.slice.call(thisObj, pos)).to.equal('world');
    expect(log).to.deep.equal(['this', 'pos']);
    expect(SP.at.call(123, -1)).to.equal('3');
    expect(SP.padStart.call('5', 3, '0')).to.equal('005');
    expect(SP.codePointAt.call('😀', 0)).to.equal(0x1f600);
    expect(SP.isWellFormed.call('\ud800')).to.equal(false);
    expect(SP.toWellFormed.call('a\ud800')).to.equal('a\ufffd');
    expect(SP.substr.call('abcdef', -3, 2)).to.equal('de');
  });

  it('fromCharCode, fromCodePoint and raw', () => {
    expect(G.String.fromCharCode(0x10061, 98)).to.equal('ab');
    expect(G.String.fromCodePoint(0x1f600, 97)).to.equal('😀a');
    expectRealmError(G, 'RangeError', () => G.String.fromCodePoint(-1), 'Invalid code point -1');
    expectRealmError(G, 'RangeError', () => G.String.fromCodePoint(1.5), 'Invalid code point 1.5');
    const many = Array.from({ length: 100000 }, () => 97);
    expect(G.String.fromCharCode(...many)).to.have.length(100000);
    expect(G.String.raw({ raw: ['a', 'b', 'c'] }, 1, 2, 3)).to.equal('a1b2c');
    expect(G.String.raw({ raw: { length: 1, 0: 'x' } }, 1)).to.equal('x');
    expect(G.String.raw({ raw: { length: 0 } })).to.equal('');
    expectRealmError(G, 'TypeError', () => G.String.raw());
  });

  it('split returns realm arrays and follows the string algorithm', () => {
    const r = SP.split.call('a,b,,c', ',');
    expect(Object.getPrototypeOf(r)).to.equal(I.ArrayPrototype);
    expect(Array.from(r)).to.deep.equal(['a', 'b', '', 'c']);
    expect(Array.from(SP.split.call('abc', ''))).to.deep.equal(['a', 'b', 'c']);
    expect(Array.from(SP.split.call('abc', '', 2))).to.deep.equal(['a', 'b']);
    expect(Array.from(SP.split.call('abc'))).to.deep.equal(['abc']);
    expect(Array.from(SP.split.call('', ','))).to.deep.equal(['']);
    expect(Array.from(SP.split.call('', ''))).to.deep.equal([]);
    expect(Array.from(SP.split.call('a,b', ',', 0))).to.deep.equal([]);
    expect(Array.from(SP.split.call('a1b1c', 1))).to.deep.equal(['a', 'b', 'c']);
  });

  it('replace and replaceAll with strings expand $-patterns and call replacers', () => {
    expect(SP.replace.call('abcabc', 'b', '[$&|$`|$\'|$$|$1]')).to.equal('a[b|a|cabc|$|$1]cabc');
    expect(SP.replaceAll.call('abcabc', 'b', '<$&>')).to.equal('a<b>ca<b>c');
    expect(SP.replaceAll.call('aaa', '', '-')).to.equal('-a-a-a-');
    const calls = [];
    expect(SP.replace.call('xyz', 'y', function (...a) { calls.push([this, ...a]); return 1; })).to.equal('x1z');
    expect(calls).to.deep.equal([[undefined, 'y', 1, 'xyz']]);
    expect(SP.replace.call('abc', 'd', 'e')).to.equal('abc');
  });

  it('the searcher protocol uses @@match/@@replace/@@search/@@split of objects only', () => {
    const seen = [];
    const searcher = {
      flags: 'g',
      [Symbol.match]: (s) => { seen.push(['match', s]); return 'M'; },
      [Symbol.replace]: (s, r) => { seen.push(['replace', s, r]); return 'R'; },
      [Symbol.search]: (s) => { seen.push(['search', s]); return 'S'; },
      [Symbol.split]: (s, l) => { seen.push(['split', s, l]); return 'P'; },
      [Symbol.matchAll]: (s) => { seen.push(['matchAll', s]); return 'A'; },
    };
    expect(SP.match.call('str', searcher)).to.equal('M');
    expect(SP.replace.call('str', searcher, 'x')).to.equal('R');
    expect(SP.replaceAll.call('str', searcher, 'x')).to.equal('R');
    expect(SP.search.call('str', searcher)).to.equal('S');
    expect(SP.split.call('str', searcher, 3)).to.equal('P');
    expect(SP.matchAll.call('str', searcher)).to.equal('A');
    expect(seen.map((e) => e[0])).to.deep.equal(['match', 'replace', 'replace', 'search', 'split', 'matchAll']);
    // An object with a truthy @@match is a regexp for matchAll/replaceAll: its flags must include g.
    searcher.flags = undefined;
    expectRealmError(G, 'TypeError', () => SP.matchAll.call('str', searcher));
    searcher.flags = 'y';
    expectRealmError(G, 'TypeError', () => SP.replaceAll.call('str', searcher, ''));
    // A primitive's @@split on the realm prototype is not consulted (ES2025).
    I.NumberPrototype[Symbol.split] = () => { throw new Error('must not be called'); };
    expect(Array.from(SP.split.call('a1b', 1))).to.deep.equal(['a', 'b']);
  });

  it('match, search and matchAll with strings build realm RegExps', () => {
    const m = SP.match.call('a1b2', '\\d');
    expect(Object.getPrototypeOf(m)).to.equal(I.ArrayPrototype);
    expect([m[0], m.index]).to.deep.equal(['1', 1]);
    expect(SP.search.call('abc', 'c')).to.equal(2);
    const it = SP.matchAll.call('a1b2', '\\d');
    expect(Object.getPrototypeOf(it)).to.equal(I.RegExpStringIteratorPrototype);
    const all = [];
    for (let r = it.next(); !r.done; r = it.next()) all.push(r.value[0]);
    expect(all).to.deep.equal(['1', '2']);
    expectRealmError(G, 'TypeError', () => SP.matchAll.call('a', new G.RegExp('a')), 'String.prototype.matchAll called with a non-global RegExp argument');
    expectRealmError(G, 'TypeError', () => SP.replaceAll.call('a', new G.RegExp('a'), ''), 'String.prototype.replaceAll called with a non-global RegExp argument');
    expectRealmError(G, 'SyntaxError', () => SP.match.call('a', '('));
  });

  it('Annex B HTML methods escape quotes in attributes', () => {
    expect(SP.anchor.call('x', 'a"b')).to.equal('<a name="a&quot;b">x</a>');
    expect(SP.bold.call(1)).to.equal('<b>1</b>');
    expect(SP.fontsize.call('t', 7)).to.equal('<font size="7">t</font>');
  });

  it('iterates code points with %StringIteratorPrototype%', () => {
    const it = SP[Symbol.iterator].call('a😀\ud800b');
    expect(Object.getPrototypeOf(it)).to.equal(I.StringIteratorPrototype);
    expect(Object.getPrototypeOf(I.StringIteratorPrototype)).to.equal(I.IteratorPrototype);
    expect(I.StringIteratorPrototype[Symbol.toStringTag]).to.equal('String Iterator');
    const out = [];
    for (let r = it.next(); !r.done; r = it.next()) out.push(r.value);
    expect(out).to.deep.equal(['a', '😀', '\ud800', 'b']);
    expect(it.next()).to.deep.equal({ value: undefined, done: true });
    expectRealmError(G, 'TypeError', () => I.StringIteratorPrototype.next.call({}));
    expectRealmError(G, 'TypeError', () => SP[Symbol.iterator].call(null));
  });
});
