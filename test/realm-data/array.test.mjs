// %Array% and %Array.prototype% of a new realm, called directly on host values.
import { expect } from 'chai';
import { newRealm, expectRealmError, describeMethod } from './helpers.mjs';

describe('realm Array', () => {
  let G, I, AP;
  beforeEach(() => {
    ({ G, I } = newRealm());
    AP = I.ArrayPrototype;
  });

  describe('shape', () => {
    it('is a distinct constructor on the realm global, with an Array exotic prototype', () => {
      expect(G.Array).to.equal(I.Array);
      expect(G.Array).not.to.equal(Array);
      expect(Array.isArray(AP)).to.equal(true);
      expect(AP.length).to.equal(0);
      expect(Object.getPrototypeOf(AP)).to.equal(I.ObjectPrototype);
      expect(Object.getPrototypeOf(G.Array)).to.equal(I.FunctionPrototype);
      const d = Object.getOwnPropertyDescriptor(G, 'Array');
      expect([d.writable, d.enumerable, d.configurable]).to.deep.equal([true, false, true]);
      const p = Object.getOwnPropertyDescriptor(G.Array, 'prototype');
      expect([p.writable, p.enumerable, p.configurable]).to.deep.equal([false, false, false]);
      expect(AP.constructor).to.equal(G.Array);
      expect(G.Array.length).to.equal(1);
    });

    it('has every ES2025 prototype method with its spec name and length', () => {
      const lengths = {
        at: 1, concat: 1, copyWithin: 2, entries: 0, every: 1, fill: 1, filter: 1, find: 1, findIndex: 1, findLast: 1,
        findLastIndex: 1, flat: 0, flatMap: 1, forEach: 1, includes: 1, indexOf: 1, join: 1, keys: 0, lastIndexOf: 1,
        map: 1, pop: 0, push: 1, reduce: 1, reduceRight: 1, reverse: 0, shift: 0, slice: 2, some: 1, sort: 1, splice: 2,
        toLocaleString: 0, toReversed: 0, toSorted: 1, toSpliced: 2, toString: 0, unshift: 1, values: 0, with: 2,
      };
      for (const [name, length] of Object.entries(lengths)) {
        expect(describeMethod(AP, name), name).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
        expect(Object.getPrototypeOf(AP[name])).to.equal(I.FunctionPrototype);
        expect(AP[name]).not.to.equal(Array.prototype[name]);
        expect(() => new AP[name](), name).to.throw();
      }
      expect(AP[Symbol.iterator]).to.equal(AP.values);
      for (const [name, length] of Object.entries({ from: 1, isArray: 1, of: 0 })) {
        expect(describeMethod(G.Array, name)).to.deep.equal({ writable: true, enumerable: false, configurable: true, name, length });
      }
      const species = Object.getOwnPropertyDescriptor(G.Array, Symbol.species);
      expect(species.get.name).to.equal('get [Symbol.species]');
      expect(species.get.call(42)).to.equal(42);
    });

    it('has a null-prototype @@unscopables listing the ES2025 names', () => {
      const d = Object.getOwnPropertyDescriptor(AP, Symbol.unscopables);
      expect([d.writable, d.enumerable, d.configurable]).to.deep.equal([false, false, true]);
      expect(Object.getPrototypeOf(d.value)).to.equal(null);
      expect(Object.keys(d.value)).to.deep.equal(['at', 'copyWithin', 'entries', 'fill', 'find', 'findIndex', 'findLast',
        'findLastIndex', 'flat', 'flatMap', 'includes', 'keys', 'toReversed', 'toSorted', 'toSpliced', 'values']);
    });
  });

  describe('constructor', () => {
    it('creates realm arrays with or without new, and honours new.target', () => {
      const a = G.Array(3);
      expect(Object.getPrototypeOf(a)).to.equal(AP);
      expect(a.length).to.equal(3);
      expect(0 in a).to.equal(false);
      expect(new G.Array('3')).to.deep.equal(['3']);
      expect(Array.from(new G.Array(1, 2, 3))).to.deep.equal([1, 2, 3]);
      class Sub {}
      const s = Reflect.construct(G.Array, [2], Sub);
      expect(Object.getPrototypeOf(s)).to.equal(Sub.prototype);
      expect(Array.isArray(s)).to.equal(true);
      // A new.target whose prototype is not an object falls back to the realm's %Array.prototype%.
      const f = function () {};
      f.prototype = 1;
      expect(Object.getPrototypeOf(Reflect.construct(G.Array, [], f))).to.equal(AP);
    });

    it('throws the realm RangeError for invalid lengths', () => {
      expectRealmError(G, 'RangeError', () => G.Array(-1), 'Invalid array length');
      expectRealmError(G, 'RangeError', () => new G.Array(1.5), 'Invalid array length');
      expectRealmError(G, 'RangeError', () => new G.Array(2 ** 32), 'Invalid array length');
    });

    it('Array.isArray sees through proxies; a revoked proxy throws the realm TypeError', () => {
      expect(G.Array.isArray(new Proxy([], {}))).to.equal(true);
      expect(G.Array.isArray({ length: 0 })).to.equal(false);
      const { proxy, revoke } = Proxy.revocable([], {});
      revoke();
      expectRealmError(G, 'TypeError', () => G.Array.isArray(proxy));
    });

    it('Array.of and Array.from use `this` as constructor when it is one', () => {
      function C(n) { this.args = [n]; }
      const r = G.Array.of.call(C, 'a', 'b');
      expect(r).to.be.instanceOf(C);
      expect(r.args).to.deep.equal([2]);
      expect([r[0], r[1], r.length]).to.deep.equal(['a', 'b', 2]);
      const plain = G.Array.of.call(undefined, 1);
      expect(Object.getPrototypeOf(plain)).to.equal(AP);
      const fromLike = G.Array.from.call(C, { length: 2, 0: 'x', 1: 'y' });
      expect(fromLike.args).to.deep.equal([2]);
    });

    it('Array.from iterates iterables, maps with (value, index) and closes the iterator on error', () => {
      const set = new Set([1, 2, 3]);
      const seen = [];
      const r = G.Array.from(set, function (v, i) { seen.push([v, i, arguments.length, this]); return v * 10; }, 'T');
      expect(Object.getPrototypeOf(r)).to.equal(AP);
      expect(Array.from(r)).to.deep.equal([10, 20, 30]);
      expect(seen[1].slice(0, 3)).to.deep.equal([2, 1, 2]);
      let closed = 0;
      const iterable = {
        [Symbol.iterator]() {
          return { next: () => ({ value: 1, done: false }), return() { closed++; return {}; } };
        },
      };
      const err = { guest: 'boom' };
      expect(() => G.Array.from(iterable, () => { throw err; })).to.throw().that.equals(err);
      expect(closed).to.equal(1);
      expectRealmError(G, 'TypeError', () => G.Array.from([], 3), '3 is not a function');
    });

    it('Array.from reads array-likes (and strings) by index', () => {
      expect(Array.from(G.Array.from({ length: 3, 0: 'a', 2: 'c' }))).to.deep.equal(['a', undefined, 'c']);
      expect(Array.from(G.Array.from('a😀'))).to.deep.equal(['a', '😀']);
    });
  });

  describe('results and errors belong to the realm', () => {
    it('methods creating arrays give them the realm prototype', () => {
      const src = [3, 1, 2];
      const results = [
        AP.map.call(src, (x) => x), AP.filter.call(src, () => true), AP.slice.call(src), AP.concat.call(src, [4]),
        AP.splice.call([1, 2], 0, 1), AP.flat.call([[1], [2]]), AP.flatMap.call(src, (x) => [x]), AP.toReversed.call(src),
        AP.toSorted.call(src), AP.toSpliced.call(src, 0, 1), AP.with.call(src, 0, 9), G.Array.of(1), G.Array.from(src),
        AP.entries.call(['x']).next().value,
      ];
      for (const r of results) expect(Object.getPrototypeOf(r)).to.equal(AP);
    });

    it('throws the realm TypeError with V8 text', () => {
      expectRealmError(G, 'TypeError', () => AP.map.call(null, () => 0), 'Array.prototype.map called on null or undefined');
      expectRealmError(G, 'TypeError', () => AP.forEach.call([1], 1), '1 is not a function');
      expectRealmError(G, 'TypeError', () => AP.every.call([1], {}), '#<Object> is not a function');
      expectRealmError(G, 'TypeError', () => AP.reduce.call([], (a) => a), 'Reduce of empty array with no initial value');
      expectRealmError(G, 'TypeError', () => AP.sort.call([], 1), 'The comparison function must be either a function or undefined');
      expectRealmError(G, 'TypeError', () => AP.flatMap.call([], 1), 'flatMap mapper function is not callable');
      expectRealmError(G, 'RangeError', () => AP.with.call([1], 5, 1), 'Invalid index : 5');
      expectRealmError(G, 'TypeError', () => AP.push.call({ length: 2 ** 53 - 1 }, 1),
        'Pushing 1 elements on an array-like of length 9007199254740991 is disallowed, as the total surpasses 2**53-1');
    });

    it('failed stores on frozen arrays and non-writable lengths throw the realm TypeError', () => {
      expectRealmError(G, 'TypeError', () => AP.push.call(Object.freeze([1]), 2));
      expectRealmError(G, 'TypeError', () => AP.pop.call(Object.freeze([1])));
      expectRealmError(G, 'TypeError', () => AP.fill.call(Object.freeze([1, 2]), 0));
      expectRealmError(G, 'TypeError', () => AP.reverse.call(Object.freeze([1, 2])));
      expectRealmError(G, 'TypeError', () => AP.shift.call(Object.seal([1, 2])));
      const a = [1];
      Object.defineProperty(a, 'length', { writable: false });
      expectRealmError(G, 'TypeError', () => AP.push.call(a, 2));
    });

    it('an error thrown by a callback passes through untouched', () => {
      const err = { guest: true };
      expect(() => AP.forEach.call([1], () => { throw err; })).to.throw().that.equals(err);
    });
  });

  describe('generic algorithms', () => {
    it('work on array-likes and primitives', () => {
      const o = { length: 3, 0: 'a', 1: 'b', 2: 'c' };
      expect(AP.join.call(o, '')).to.equal('abc');
      expect(AP.indexOf.call(o, 'c')).to.equal(2);
      expect(AP.push.call(o, 'd')).to.equal(4);
      expect(o[3]).to.equal('d');
      expect(AP.pop.call(o)).to.equal('d');
      expect(o.length).to.equal(3);
      expect(AP.includes.call('abc', 'b')).to.equal(true);
      const len = { length: '2', 0: 1, 1: 2 };
      expect(AP.reverse.call(len)).to.deep.equal({ length: '2', 0: 2, 1: 1 });
      const nolen = {};
      AP.push.call(nolen);
      expect(nolen.length).to.equal(0);
    });

    it('skip holes where the spec tests HasProperty, and read through where it does not', () => {
      const holey = [1, , 3];
      const visited = [];
      AP.forEach.call(holey, (v, i) => visited.push(i));
      expect(visited).to.deep.equal([0, 2]);
      expect(AP.indexOf.call(holey, undefined)).to.equal(-1);
      expect(AP.includes.call(holey, undefined)).to.equal(true);
      expect(AP.findIndex.call(holey, (v) => v === undefined)).to.equal(1);
      const mapped = AP.map.call(holey, (x) => x * 2);
      expect(mapped.length).to.equal(3);
      expect(1 in mapped).to.equal(false);
      expect(AP.join.call(holey, '-')).to.equal('1--3');
      expect(Array.from(AP.toReversed.call(holey))).to.deep.equal([3, undefined, 1]);
      expect(1 in AP.toReversed.call(holey)).to.equal(true);
    });

    it('see inherited elements of the realm prototype through holes', () => {
      AP[1] = 'inherited';
      try {
        const a = G.Array(3);
        a[0] = 'own';
        expect(AP.join.call(a, ',')).to.equal('own,inherited,');
        expect(AP.indexOf.call(a, 'inherited')).to.equal(1);
      } finally {
        delete AP[1];
      }
    });

    it('negative and relative indices clamp as the spec says', () => {
      expect(AP.at.call([1, 2, 3], -1)).to.equal(3);
      expect(AP.at.call([1, 2, 3], -4)).to.equal(undefined);
      expect(Array.from(AP.slice.call([1, 2, 3, 4], -2))).to.deep.equal([3, 4]);
      expect(Array.from(AP.slice.call([1, 2, 3, 4], 1, -1))).to.deep.equal([2, 3]);
      expect(AP.fill.call([0, 0, 0, 0], 7, -3, -1)).to.deep.equal([0, 7, 7, 0]);
      expect(AP.copyWithin.call([1, 2, 3, 4, 5], 0, 3)).to.deep.equal([4, 5, 3, 4, 5]);
      expect(AP.copyWithin.call([1, 2, 3, 4, 5], 1, 0, 3)).to.deep.equal([1, 1, 2, 3, 5]);
      expect(AP.lastIndexOf.call([1, 2, 1, 2], 2, -2)).to.equal(1);
      expect(AP.lastIndexOf.call([1], 1, -Infinity)).to.equal(-1);
      expect(AP.indexOf.call([1, 2, 1], 1, -1)).to.equal(2);
      expect(AP.includes.call([1], 1, Infinity)).to.equal(false);
    });

    it('splice, toSpliced, unshift and shift move elements and holes', () => {
      const a = [1, 2, 3, 4, 5];
      const removed = AP.splice.call(a, 1, 2, 'a', 'b', 'c');
      expect(Array.from(removed)).to.deep.equal([2, 3]);
      expect(a).to.deep.equal([1, 'a', 'b', 'c', 4, 5]);
      expect(Array.from(AP.splice.call(a, -2))).to.deep.equal([4, 5]);
      expect(AP.splice.call(a).length).to.equal(0);
      expect(Array.from(AP.toSpliced.call([1, 2, 3], 1, 1, 'x', 'y'))).to.deep.equal([1, 'x', 'y', 3]);
      const b = [1, , 3];
      expect(AP.unshift.call(b, 0)).to.equal(4);
      expect(b.length).to.equal(4);
      expect(2 in b).to.equal(false);
      expect(AP.shift.call(b)).to.equal(0);
      expect(1 in b).to.equal(false);
      expect(b.length).to.equal(3);
    });

    it('sort is stable, puts undefined last, then holes, and uses string order by default', () => {
      const recs = [{ k: 1, i: 0 }, { k: 0, i: 1 }, { k: 1, i: 2 }, { k: 0, i: 3 }];
      const sorted = AP.sort.call(recs.slice(), (a, b) => a.k - b.k);
      expect(sorted.map((r) => r.i)).to.deep.equal([1, 3, 0, 2]);
      const a = [3, undefined, , 10, 1];
      AP.sort.call(a);
      expect(a.length).to.equal(5);
      expect([a[0], a[1], a[2], a[3]]).to.deep.equal([1, 10, 3, undefined]);
      expect(4 in a).to.equal(false);
      const o = { length: 3, 0: 'b', 2: 'a' };
      AP.sort.call(o);
      expect(o).to.deep.equal({ length: 3, 0: 'a', 1: 'b' });
      expect(Array.from(AP.toSorted.call([, 2, 1]))).to.deep.equal([1, 2, undefined]);
      expect(Array.from(AP.sort.call([2, 1, 3], () => NaN))).to.deep.equal([2, 1, 3]);
    });

    it('join and toString render null/undefined as empty, cycles as empty, and fall back to Object.prototype.toString', () => {
      expect(AP.join.call([null, undefined, 1])).to.equal(',,1');
      const cyc = G.Array(1, 2);
      cyc.push(cyc);
      expect(AP.join.call(cyc)).to.equal('1,2,');
      expect(AP.toString.call({ join: () => 'J' })).to.equal('J');
      expect(AP.toString.call({})).to.equal('[object Object]');
      expect(AP.toLocaleString.call([1, null, { toLocaleString: () => 'L' }])).to.equal('1,,L');
    });

    it('concat spreads arrays and @@isConcatSpreadable objects only', () => {
      const spreadable = { length: 2, 0: 'x', 1: 'y', [Symbol.isConcatSpreadable]: true };
      const notSpread = [9];
      notSpread[Symbol.isConcatSpreadable] = false;
      const r = AP.concat.call([1], [2, , 3], spreadable, notSpread, 'z');
      expect(r.length).to.equal(8);
      expect(2 in r).to.equal(false);
      expect([r[0], r[1], r[3], r[4], r[5], r[7]]).to.deep.equal([1, 2, 3, 'x', 'y', 'z']);
      expect(r[6]).to.equal(notSpread);
    });

    it('flat and flatMap flatten to the requested depth', () => {
      const nested = [1, [2, [3, [4]]]];
      expect(AP.flat.call(nested).length).to.equal(3);
      expect(Array.from(AP.flat.call(nested, Infinity))).to.deep.equal([1, 2, 3, 4]);
      expect(Array.from(AP.flat.call(nested, -1))).to.have.length(2);
      expect(Array.from(AP.flatMap.call([1, 2], (x) => [x, [x]]))).to.have.length(4);
    });

    it('reduce and reduceRight skip holes and pass (acc, value, index, object)', () => {
      const calls = [];
      const r = AP.reduceRight.call([1, , 3], (acc, v, i, o) => { calls.push([acc, v, i]); return acc + v; });
      expect(r).to.equal(4);
      expect(calls).to.deep.equal([[3, 1, 0]]);
      expect(AP.reduce.call([, , 5], (a, b) => a + b)).to.equal(5);
    });

    it('performs HasProperty then Get on proxies, in spec order', () => {
      const log = [];
      const p = new Proxy([10, 20], {
        has(t, k) { log.push(`has ${String(k)}`); return Reflect.has(t, k); },
        get(t, k, r) { log.push(`get ${String(k)}`); return Reflect.get(t, k, r); },
      });
      expect(AP.indexOf.call(p, 20)).to.equal(1);
      expect(log).to.deep.equal(['get length', 'has 0', 'get 0', 'has 1', 'get 1']);
      log.length = 0;
      AP.includes.call(p, 5);
      expect(log).to.deep.equal(['get length', 'get 0', 'get 1']);
    });

    it('calls callbacks with the given this value and (value, index, object)', () => {
      const thisArg = {};
      const o = { length: 1, 0: 'v' };
      let seen;
      AP.some.call(o, function (v, i, obj) { seen = [this, v, i, obj, arguments.length]; });
      expect(seen).to.deep.equal([undefined, 'v', 0, o, 3]);
      AP.every.call(o, function () { seen = this; return true; }, thisArg);
      expect(seen).to.equal(thisArg);
      expect(AP.find.call([1, 2, 3], (x) => x > 1)).to.equal(2);
      expect(AP.findLast.call([1, 2, 3], (x) => x < 3)).to.equal(2);
      expect(AP.findLastIndex.call([1, 2, 3], (x) => x > 5)).to.equal(-1);
    });
  });

  describe('ArraySpeciesCreate', () => {
    it('constructs through constructor[@@species] of arrays', () => {
      const calls = [];
      class MyArray extends Array {}
      const C = function (n) { calls.push(n); return new MyArray(); };
      const a = [1, 2, 3];
      a.constructor = { [Symbol.species]: C };
      const r = AP.map.call(a, (x) => x);
      expect(r).to.be.instanceOf(MyArray);
      expect(calls).to.deep.equal([3]);
      expect(Array.from(AP.filter.call(a, (x) => x > 1))).to.deep.equal([2, 3]);
    });

    it('ignores species for non-arrays and for another realm\'s Array constructor', () => {
      const other = newRealm();
      const foreign = other.G.Array(1, 2);
      const r = AP.map.call(foreign, (x) => x);
      expect(Object.getPrototypeOf(r)).to.equal(AP);
      const hostArray = [1, 2];
      expect(Object.getPrototypeOf(AP.slice.call(hostArray))).to.equal(AP);
      const like = { length: 1, 0: 1, constructor: { [Symbol.species]: function () { throw new Error('no'); } } };
      expect(Object.getPrototypeOf(AP.map.call(like, (x) => x))).to.equal(AP);
    });

    it('throws the realm TypeError when @@species is not a constructor', () => {
      const a = [1];
      a.constructor = { [Symbol.species]: () => {} };
      expectRealmError(G, 'TypeError', () => AP.slice.call(a), 'object.constructor[Symbol.species] is not a constructor');
    });

    it('defines (not sets) elements on species results, and throws when it cannot', () => {
      const target = Object.freeze([]);
      const a = [1];
      a.constructor = { [Symbol.species]: function () { return target; } };
      expectRealmError(G, 'TypeError', () => AP.map.call(a, (x) => x));
    });
  });

  describe('array iterator', () => {
    it('iterates keys, values and entries and has the realm %ArrayIteratorPrototype%', () => {
      const it = AP.keys.call(['a', 'b']);
      expect(Object.getPrototypeOf(it)).to.equal(I.ArrayIteratorPrototype);
      expect(Object.getPrototypeOf(I.ArrayIteratorPrototype)).to.equal(I.IteratorPrototype);
      expect(I.ArrayIteratorPrototype[Symbol.toStringTag]).to.equal('Array Iterator');
      expect([it.next(), it.next(), it.next()]).to.deep.equal([{ value: 0, done: false }, { value: 1, done: false }, { value: undefined, done: true }]);
      const r = it.next();
      expect(Object.getPrototypeOf(r)).to.equal(I.ObjectPrototype);
      expect(Array.from({ length: 2 }, ((i) => () => i.next().value)(AP.values.call('xy')))).to.deep.equal(['x', 'y']);
    });

    it('sees length changes during iteration and stays done', () => {
      const a = [1];
      const it = AP.values.call(a);
      expect(it.next().value).to.equal(1);
      a.push(2);
      expect(it.next().value).to.equal(2);
      expect(it.next().done).to.equal(true);
      a.push(3);
      expect(it.next().done).to.equal(true);
    });

    it('iterates typed arrays and rejects foreign receivers with the realm TypeError', () => {
      const it = AP.values.call(new Uint8Array([5, 6]));
      expect([it.next().value, it.next().value, it.next().done]).to.deep.equal([5, 6, true]);
      const next = I.ArrayIteratorPrototype.next;
      expectRealmError(G, 'TypeError', () => next.call({}), 'Method Array Iterator.prototype.next called on incompatible receiver #<Object>');
      expectRealmError(G, 'TypeError', () => next.call([][Symbol.iterator]()));
    });

    it('throws the realm TypeError for a typed array whose buffer was detached', () => {
      const ta = new Uint8Array(4);
      const it = AP.values.call(ta);
      it.next();
      structuredClone(ta.buffer, { transfer: [ta.buffer] });
      expectRealmError(G, 'TypeError', () => it.next());
    });
  });
});
