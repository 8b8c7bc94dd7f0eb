// The builtins' fast paths (issue 12, target 4; bench/builtins.mjs): Array.prototype.sort's default
// order on numbers, indexOf/includes/lastIndexOf and concat by the host's own methods, String split
// of a long string by the host's split, JSON.stringify's quoting. Each case runs in node:vm and in
// vmjs side by side and must give the same answer, including the observable corners each fast path
// must leave to the general one (getters, proxies, holes, prototype elements, toJSON, species, …);
// then timeouts and the memory budget still stop them.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

/** Runs `source` (an expression whose value is JSON-able) in a new context of each; returns both. */
function both(source) {
  const run = (vm) => {
    try {
      return JSON.stringify(vm.runInNewContext(source));
    } catch (e) {
      return `threw ${e && e.name}: ${e && e.message}`;
    }
  };
  return { node: run(nodeVm), vmjs: run(vmjs) };
}

/** A large-ish array literal source: `n` pseudo-random integers (deterministic). */
const numbers = (n) => `(function () { var s = 7, a = []; for (var i = 0; i < ${n}; i++) { s = (s * 1103515245 + 12345) % 2147483648; a.push(s % 100000 - 50000); } return a; })()`;

const cases = {
  // sort, default order (CompareArrayElements: ToString order; undefined last; holes deleted)
  'sort(): integers, by their strings': `var a = ${numbers(3000)}; a.sort(); a`,
  'sort(): decimals, exponents, NaN, Infinity, negative': `[10, 9, 1, 100, -5, 1e21, 1e-7, 0.5, NaN, Infinity, -Infinity, 2, 10].sort()`,
  'sort(): 200 decimals, exponents, NaN, Infinity, negative': `var a = []; for (var i = 0; i < 200; i++) a.push([10, 9, 1, 100, -5, 1e21, 1e-7, 0.5, NaN, Infinity, -Infinity, 2, 10][i % 13] * (i + 1)); a.sort(); a.map(String)`,
  'sort(): 200 numbers with a -0 (the general path)': `var a = []; for (var i = 0; i < 200; i++) a.push((i * 37) % 101 - 50); a[7] = -0; a[99] = 0; a.sort(); [a.map(String), a.map(x => 1 / x).filter(x => !isFinite(x))]`,
  'sort(): +0 and -0 keep their order and sign': `[[0, -0, 1].sort().map(x => 1 / x), [-0, 0].sort().map(x => 1 / x)]`,
  'sort(): undefined and holes go last, holes deleted': `var a = [3, undefined, , 1, , 2]; a.sort(); [a.length, Object.keys(a), a.map(String)]`,
  'sort(): numbers mixed with strings and objects': `[10, '9', 1, { toString() { return '05'; } }, 2].sort().map(String)`,
  'sort(): a prototype element fills a hole': `Array.prototype[1] = 7; var a = [3, , 1]; a.sort(); var r = [a, a.hasOwnProperty(2)]; delete Array.prototype[1]; r`,
  'sort(): getters run once each, in index order': `var log = []; var a = []; for (var i = 0; i < 200; i++) a.push(i * 7 % 200); Object.defineProperty(a, 1, { get() { log.push('get1'); return 30; }, set(v) { log.push('set1 ' + v); }, configurable: true }); a.sort(); [log, a[0], a[2]]`,
  'sort(): a proxy sees the spec traps': `var log = []; var p = new Proxy([3, 1, 2], { get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r); }, has(t, k) { log.push('has ' + String(k)); return k in t; }, set(t, k, v, r) { log.push('set ' + String(k)); return Reflect.set(t, k, v, r); } }); Array.prototype.sort.call(p); [log, Array.from(p)]`,
  'sort(): a frozen array throws after reading': `try { Object.freeze([2, 1]).sort(); 'no' } catch (e) { e instanceof TypeError }`,
  'sort(): an array-like': `var o = { length: 3, 0: 10, 1: 9, 2: 1 }; Array.prototype.sort.call(o); [o[0], o[1], o[2]]`,
  'toSorted(): numbers, holes as undefined': `[10, , 9, 1].toSorted().map(String)`,
  'sort(cmp): numeric comparator': `var a = ${numbers(2000)}; a.sort(function (x, y) { return x - y; }); a.slice(0, 20).concat(a.slice(-20))`,

  // indexOf / includes / lastIndexOf
  'indexOf/includes/lastIndexOf: found, absent, NaN, -0': `var a = ${numbers(5000)}.concat([NaN, -0, 42]); [a.indexOf(42), a.indexOf(-1e9), a.indexOf(NaN), a.includes(NaN), a.indexOf(0), a.includes(0), a.lastIndexOf(42), a.lastIndexOf(0)]`,
  'indexOf/includes/lastIndexOf: fromIndex conversions run once, in order': `var log = []; var f = { valueOf() { log.push('from'); return -2; } }; var a = [1, 2, 3, 2]; [a.indexOf(2, f), a.includes(1, f), a.lastIndexOf(2, f), log]`,
  'lastIndexOf: absent and undefined fromIndex differ': `[[1, 2, 1].lastIndexOf(1), [1, 2, 1].lastIndexOf(1, undefined), [1, 2, 1].lastIndexOf(1, -5)]`,
  'indexOf/includes: holes read through the prototype': `Array.prototype[1] = 'p'; var a = [0, , 2]; a[300] = 5; var r = [a.indexOf('p'), a.includes('p'), a.lastIndexOf('p'), [0, , 2].includes(undefined), [0, , 2].indexOf(undefined)]; delete Array.prototype[1]; r`,
  'indexOf: getters run in index order, up to the match': `var log = []; var a = []; for (var i = 0; i < 200; i++) a.push(100 + i); for (var i = 0; i < 4; i++) (function (i) { Object.defineProperty(a, i, { get() { log.push(i); return i; } }); })(i); [a.indexOf(2), log.join(), (log = [], a.lastIndexOf(1)), log.join(), (log = [], a.includes(9)), log.join()]`,
  'indexOf: a proxy sees has and get': `var log = []; var t = [1, 2, 3]; t.length = 200; var p = new Proxy(t, { has(t, k) { log.push('has ' + String(k)); return k in t; }, get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r); } }); [Array.prototype.indexOf.call(p, 2), Array.prototype.includes.call(p, 3), log]`,
  'indexOf: a symbol fromIndex is a TypeError of the realm': `try { [1].indexOf(1, Symbol()); 'no' } catch (e) { [e instanceof TypeError, e.constructor === TypeError] }`,
  'includes: a sparse array with a long length': `var a = []; a[3000000] = 1; [a.includes(1), a.indexOf(1), a.includes(undefined), a.lastIndexOf(1)]`,

  // concat
  'concat: arrays, holes, primitives, objects': `var r = [1, , 3].concat([4, , 6], 7, 'x', { length: 1, 0: 'o' }, [[8]]); [r.length, Object.keys(r), JSON.stringify(r), Object.getPrototypeOf(r) === Array.prototype, r instanceof Array]`,
  'concat: a prototype element fills a hole': `Array.prototype[1] = 'p'; var r = [0, , 2].concat([3, , 5]); var big = []; big[299] = 1; var r2 = big.concat(big); delete Array.prototype[1]; [r, r.hasOwnProperty(1), r.hasOwnProperty(4), r2.length, r2[1], r2[301], r2.hasOwnProperty(1), r2.hasOwnProperty(301), Object.keys(r2).length]`,
  'concat: Symbol.isConcatSpreadable on arrays and objects': `var a = [1, 2]; a[Symbol.isConcatSpreadable] = false; var o = { length: 2, 0: 'x', 1: 'y', [Symbol.isConcatSpreadable]: true }; var r = [0].concat(a, o); [r.length, r[1] === a, r[2], r[3]]`,
  'concat: Symbol.isConcatSpreadable on large arrays': `var big = []; for (var i = 0; i < 300; i++) big.push(i); var a = big.slice(); a[Symbol.isConcatSpreadable] = false; var o = { length: 200, 0: 'x', 199: 'y', [Symbol.isConcatSpreadable]: true }; var r = big.concat(a, o, big); [r.length, r[300] === a, r[301], r[500], r[501], r[801]]`,
  'concat: a getter for Symbol.isConcatSpreadable runs once per item': `var n = 0; var a = []; for (var i = 0; i < 300; i++) a.push(i); Object.defineProperty(a, Symbol.isConcatSpreadable, { get() { n++; return true; } }); [[0].concat(a, a).length, n]`,
  'concat: Symbol.isConcatSpreadable on Array.prototype': `var big = []; for (var i = 0; i < 300; i++) big.push(i); Array.prototype[Symbol.isConcatSpreadable] = false; var r = big.concat(big); delete Array.prototype[Symbol.isConcatSpreadable]; [r.length, Array.isArray(r[0]), Array.isArray(r[1])]`,
  'concat: element getters run in order': `var log = []; var a = []; for (var i = 0; i < 300; i++) a.push(i); Object.defineProperty(a, 1, { get() { log.push('a1'); return 'A'; } }); var b = [0]; Object.defineProperty(b, 0, { get() { log.push('b0'); return 'B'; } }); [[9].concat(a, b), log]`,
  'concat: a species constructor is used': `class MyArray extends Array {} var m = MyArray.from([1, 2]); var r = m.concat([3]); [r instanceof MyArray, r.length]`,
  'concat: a proxy of an array': `var log = []; var big = []; for (var i = 0; i < 200; i++) big.push(i); var p = new Proxy(big, { get(t, k, r) { log.push(String(k)); return Reflect.get(t, k, r); } }); [[0].concat(p), log]`,
  'concat: big arrays': `var a = ${numbers(100000)}; var r = a.concat(a, [1]); [r.length, r[5], r[100005], r[200000]]`,

  // split
  'split: a long string, string separators and limits': `var s = 'ab,cd,,e;'.repeat(500); [s.split(',').length, s.split(',')[3], s.split(',', 7), s.split(';;').length, s.split('zz').length, s.split(',', 0).length, s.split('ab,').length, s.split(',') instanceof Array]`,
  'split: surrogate pairs and a lone surrogate': `var s = ('a\\ud83d\\ude00b\\ud800c').repeat(100); [s.split('\\ud83d').length, s.split('b').length, s.split('\\ude00')[1]]`,
  'split: an object separator with Symbol.split': `'x'.repeat(1000).split({ [Symbol.split](s, l) { return 'custom ' + s.length + ' ' + l; } }, 3)`,
  'split: a separator converted once': `var n = 0; var sep = { toString() { n++; return ','; } }; [('a,b,'.repeat(100)).split(sep).length, n]`,

  // replaceAll
  'replaceAll: a long string, string search and template': `var s = 'the fox and the dog, '.repeat(300); var r = s.replaceAll('the', 'a'); var r2 = s.replaceAll('o', 'OO'); [r.length, r.slice(0, 40), r2.length, s.replaceAll('zz', 'y') === s, s.replaceAll(', ', '').length]`,
  'replaceAll: $ patterns take the general path': `var s = 'ab'.repeat(200); [s.replaceAll('b', '[$&]').slice(0, 12), s.replaceAll('a', '$$').slice(0, 6), s.replaceAll('b', "$'").length, s.replaceAll('a', '$' + String.fromCharCode(96)).length]`,
  'replaceAll: a function, an empty search, a RegExp': `var s = 'ab'.repeat(200); [s.replaceAll('a', function (m, p) { return p % 7 ? '' : 'x'; }).length, s.replaceAll('', '-').length, s.replaceAll(/b/g, 'c').slice(0, 6)]`,

  // JSON.stringify
  'JSON.stringify: records': `var rs = []; for (var i = 0; i < 300; i++) rs.push({ id: i, name: 'item' + i, tags: ['a', 'b'], pos: { x: i * 1.5, y: -i, ok: i % 2 === 0 }, note: null }); JSON.stringify(rs)`,
  'JSON.stringify: strings and keys to escape': `JSON.stringify({ 'a"b': 'x"y', 'c\\\\d': 'e\\\\f', 'nl\\n': 'tab\\t', ctl: '\\u0001\\u001f', lone: '\\ud800x\\udc00', pair: '\\ud83d\\ude00', long: 'y'.repeat(300) + '"', empty: '' })`,
  'JSON.stringify: the same key names in many objects, and many distinct names': `var o = {}; for (var i = 0; i < 3000; i++) o['k' + i] = { k: i, 'q"': i }; JSON.stringify(o).length`,
  'JSON.stringify: indentation': `JSON.stringify([{ a: 1, b: [1, [], {}], c: { d: 'e' } }, []], null, '--')`,
  'JSON.stringify: toJSON gets the key, also an index': `JSON.stringify({ a: { toJSON(k) { return 'a:' + k; } }, b: [{ toJSON(k) { return typeof k + k; } }] })`,
  'JSON.stringify: a replacer function sees string keys and holders': `var log = []; JSON.stringify({ a: [5, { b: 1 }] }, function (k, v) { log.push(typeof k + ':' + k + ':' + Array.isArray(this)); return v; }); log`,
  'JSON.stringify: a replacer list and wrappers': `JSON.stringify({ a: new Number(1), b: new String('s'), c: Object(false), d: [Object(2)] }, ['b', 'a', new String('d'), 'zz'])`,
  'JSON.stringify: undefined, functions and symbols': `[JSON.stringify({ a: undefined, b() {}, c: Symbol(), d: 1 }), JSON.stringify([undefined, function () {}, Symbol()]), JSON.stringify(undefined), JSON.stringify(() => 1)]`,
  'JSON.stringify: getters and a proxy': `var log = []; var o = { get a() { log.push('a'); return 1; } }; var p = new Proxy({ x: 1, y: 2 }, { ownKeys(t) { log.push('keys'); return Reflect.ownKeys(t); }, get(t, k) { log.push('get ' + String(k)); return t[k]; } }); [JSON.stringify([o, p]), log]`,
  'JSON.stringify: a circular structure is a TypeError of the realm': `var a = { x: [] }; a.x.push({ y: a }); try { JSON.stringify(a); 'no' } catch (e) { [e instanceof TypeError, e.message] }`,
  'JSON.stringify: a BigInt is a TypeError, unless it has toJSON': `var r = []; try { JSON.stringify({ a: 1n }); } catch (e) { r.push(e instanceof TypeError, e.message); } BigInt.prototype.toJSON = function () { return 'big' + this; }; r.push(JSON.stringify([2n])); delete BigInt.prototype.toJSON; r`,

  // JSON.parse with a reviver (the walk and its parse records)
  'JSON.parse reviver: replaced, deleted and escaped entries': `JSON.stringify(JSON.parse('{"a":[1,2,{"b":"x\\\\"y"}],"c":"\\u00e9","d":null,"e\\\\nf":true}', function (k, v) { if (k === '0') return undefined; if (typeof v === 'number') return v * 10; return v; }))`,
  'JSON.parse reviver: the order of calls and holders': `var log = []; JSON.parse('{"a":[1,{"b":2}],"c":{}}', function (k, v) { log.push(k + ':' + Array.isArray(this) + ':' + typeof v); return v; }); log`,
  'JSON.parse reviver: a frozen holder keeps its values': `JSON.stringify(JSON.parse('[1,2,3]', function (k, v) { if (k === '0') Object.freeze(this); return v === 2 ? 20 : v; }))`,
  'JSON.parse reviver: a Proxy trap error is a TypeError of the realm': `try { JSON.parse('{"a":1,"b":2}', function (k, v) { if (k === 'a') this.b = new Proxy({}, { ownKeys() { return ['x', 'x']; } }); return v; }); 'no' } catch (e) { [e instanceof TypeError, e.constructor === TypeError] }`,
  'JSON.parse reviver: duplicate keys, the last wins': `JSON.stringify(JSON.parse('{"a":1,"a":2,"b":{"c":1,"c":[3]}}', function (k, v) { return v; }))`,
};

describe('builtin fast paths: the same answers as node:vm', () => {
  for (const [name, source] of Object.entries(cases)) {
    it(name, () => {
      const { node, vmjs: mine } = both(source);
      expect(mine).to.equal(node);
    });
  }
});

describe('builtin fast paths: where node 20 is older than the spec', () => {
  // ES2025 (sec-string.prototype.split, sec-string.prototype.replaceall) looks up @@split/@@replace on
  // an object only; V8 11 (node 20) still looks them up on a primitive, through String.prototype. The
  // host's split and replaceAll, used for long strings, are given only primitives, and only while the
  // host's String.prototype chain has no such method.
  it('split: String.prototype[Symbol.split] is not consulted for a primitive separator', () => {
    const r = vmjs.runInNewContext(`String.prototype[Symbol.split] = function () { return 'looked up'; };
      [('a,b'.repeat(200)).split(',').length, 'a,b'.split(',').length]`);
    expect(r).to.deep.equal([201, 2]);
  });
  it('replaceAll: String.prototype[Symbol.replace] is not consulted for a primitive search string', () => {
    const r = vmjs.runInNewContext(`String.prototype[Symbol.replace] = function () { return 'looked up'; };
      ['ab'.repeat(200).replaceAll('b', 'c').length, 'ab'.replaceAll('b', 'c')]`);
    expect(r).to.deep.equal([400, 'ac']);
  });
});

describe('builtin fast paths: timeouts and the memory budget still stop them', function () {
  this.timeout(60000);
  const expectTimeout = (source) => {
    const ctx = vmjs.createContext({});
    const started = Date.now();
    expect(() => vmjs.runInContext(source, ctx, { timeout: 200 })).to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(Date.now() - started).to.be.below(5000);
  };
  const setup = 'var a = []; for (var i = 0; i < 1000000; i++) a.push(i % 1000);';
  it('indexOf, includes and lastIndexOf of a large array in an endless loop', () => {
    expectTimeout(`${setup} for (;;) { a.indexOf(-1); a.includes(-1); a.lastIndexOf(-1); }`);
  });
  it('concat of large arrays in an endless loop', () => {
    expectTimeout(`${setup} for (;;) a.concat(a);`);
  });
  it('split of a long string in an endless loop', () => {
    expectTimeout(`var s = 'ab '.repeat(1000000); for (;;) s.split(' ');`);
  });
  it('sort of numbers in an endless loop', () => {
    expectTimeout(`var b = []; for (var i = 0; i < 100000; i++) b.push((i * 7919) % 100003); for (;;) b.slice().sort();`);
  });
  it('JSON.parse of a large text in an endless loop', () => {
    expectTimeout(`var t = JSON.stringify(new Array(200000).fill({ a: 1 })); for (;;) JSON.parse(t);`);
  });
  it('JSON.stringify of records in an endless loop', () => {
    expectTimeout(`var r = []; for (var i = 0; i < 20000; i++) r.push({ id: i, name: 'n' + i }); for (;;) JSON.stringify(r);`);
  });

  const expectMemoryLimit = (source) => {
    const ctx = vmjs.createContext({}, { memoryLimit: 16 * 1024 * 1024 });
    expect(() => vmjs.runInContext(source, ctx, { timeout: 20000 })).to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
  };
  it('concat results kept', () => {
    expectMemoryLimit(`var a = []; for (var i = 0; i < 100000; i++) a.push(i); var keep = []; for (;;) keep.push(a.concat(a));`);
  });
  it('split results kept', () => {
    expectMemoryLimit(`var s = 'a,'.repeat(100000); var keep = []; for (;;) keep.push(s.split(','));`);
  });
  it('JSON.stringify results kept', () => {
    expectMemoryLimit(`var r = []; for (var i = 0; i < 10000; i++) r.push({ id: i, name: 'n' + i }); var keep = []; for (;;) keep.push(JSON.stringify(r));`);
  });
});
