// Builtins calling a guest callback once per element (src/realm/builtins/repeated-call.ts): Array's
// every/some/forEach/map/filter/find*/reduce*/flatMap/from, sort and toSorted with a comparator (our
// merge sort, merge-sort.ts), %TypedArray%'s callbacks and comparators (handed to the host's methods)
// and from/map/filter. An interpreted callback is entered without its host wrapper (the evaluator's
// repeatedGuestCall: a compiled body's direct entry, or invoke). Each case runs in node:vm and in
// vmjs, with the compiled tier off, on and eager (closures, entries after a few calls, entries from
// the first call), and must give node's answer; then errors, stacks, timeouts and the memory budget.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';
import { setCompiledTier, tierOptions, tierStats } from '../../dist/esm/internal.js';

const MODES = ['off', 'on', 'eager'];

/** Runs `f` with the compiled tier in `mode`. */
function inMode(mode, f) {
  const saved = tierOptions.mode;
  setCompiledTier(mode);
  try {
    return f();
  } finally {
    setCompiledTier(saved);
  }
}

/** `source` (an expression whose value is JSON-able) in a new context of `vm`, as JSON or the error. */
function run(vm, source) {
  try {
    return JSON.stringify(vm.runInNewContext(source));
  } catch (e) {
    return `threw ${e && e.name}: ${e && e.message}`;
  }
}

/** A source making `n` pseudo-random integers (deterministic), some repeated. */
const numbers = (n) => `(function () { var s = 7, a = []; for (var i = 0; i < ${n}; i++) { s = (s * 1103515245 + 12345) % 2147483648; a.push(s % 1000 - 500); } return a; })()`;

const cases = {
  // Array.prototype: every kind of callee, more calls than the tier's threshold
  'forEach: a sloppy function sees this as an object, the global for undefined': `var a = ${numbers(40)}; var r = []; a.forEach(function (x, i, o) { r.push(typeof this, this === globalThis, x + i, o === a); }); a.forEach(function () { r.push(typeof this, this instanceof Number); }, 5); r`,
  'forEach: a strict function sees thisArg as it is': `var r = []; ${numbers(30)}.forEach(function (x) { 'use strict'; r.push(this === undefined ? 'u' : typeof this); }); ${numbers(30)}.forEach(function () { 'use strict'; r.push(this); }, 7); r`,
  'forEach: an arrow ignores thisArg': `var r = []; var o = { go() { ${numbers(30)}.forEach((x) => r.push(this === o, x), { other: 1 }); } }; o.go(); r`,
  'forEach: a method and a getter-free object method': `var r = []; var o = { m(x) { r.push(x * 2, this === o); } }; ${numbers(30)}.forEach(o.m, o); r`,
  'forEach: callbacks of 0, 1, 2, 3, 5 parameters, and arguments': `var r = []; var a = ${numbers(20)}; a.forEach(function () { r.push(arguments.length, arguments[2] === a); }); a.forEach(function (x) { r.push(x); }); a.forEach(function (x, i) { r.push(i); }); a.forEach(function (x, i, o) { r.push(o.length); }); a.forEach(function (x, i, o, d, e) { r.push(d === undefined, e === undefined); }); r`,
  'forEach: a callback with a loop, default parameters, a rest parameter, destructuring': `var r = []; var a = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16], [17, 18], [19, 20]]; a.forEach(function ([p, q], i = 9, ...rest) { var s = 0; for (var j = 0; j < p; j++) s += q; r.push(s, i, rest.length); }); r`,
  'forEach: a class constructor is not callable': `var r = []; class K {} try { [1, 2].forEach(K); } catch (e) { r.push(e instanceof TypeError, e.constructor === TypeError); } r`,
  'forEach: generator, async function and async arrow callbacks': `var r = []; var a = ${numbers(12)}; a.forEach(function* (x) { r.push('never'); }); var ps = []; a.forEach(async function (x) { ps.push(x); }); a.forEach(async (x) => ps.push(-x)); [r, ps.length]`,
  'forEach: bound functions, builtins and proxies as callbacks': `var r = []; var a = ${numbers(20)}; a.forEach(function (x) { r.push(this.k + x); }.bind({ k: 1 })); var p = new Proxy(function (x) { r.push('p' + x); }, {}); a.forEach(p); r.push(a.map(Math.abs).join(), a.map(String).join()); r`,
  'forEach, map, reduce, sort: callable proxies and builtins see the this value Call gives them': `var r = []; var a = ${numbers(12)}; var strictP = new Proxy(function () { 'use strict'; r.push(this === undefined ? 'u' : typeof this); }, {}); var sloppyP = new Proxy(function () { r.push(this === globalThis); }, {}); var trapP = new Proxy(function () {}, { apply(t, th, args) { r.push(th === undefined ? 'u' : th.tag, args.length); return 0; } }); a.forEach(strictP); a.forEach(strictP, 3); a.forEach(sloppyP); a.forEach(trapP); a.forEach(trapP, { tag: 't' }); a.map(trapP); a.filter(trapP, { tag: 'f' }); a.some(trapP); a.every(strictP); a.find(trapP); a.reduce(trapP, 0); a.reduce(trapP); var sortSeen = new Set(); var sortP = new Proxy(function () {}, { apply(t, th, args) { sortSeen.add((th === undefined ? 'u' : 'this') + args.length); return 0; } }); a.slice().sort(sortP); Array.from(a, trapP); Array.from(a, trapP, { tag: 'from' }); a.flatMap(trapP); new Int8Array(a).forEach(trapP, { tag: 'ta' }); new Int8Array(a).map(trapP); new Int8Array(a).sort(sortP); r.push(Array.from(sortSeen).join()); r.push([1, 2, 3].map(Object.prototype.valueOf.call.bind(Object.prototype.toString)).join()); r`,
  'forEach: holes skipped, array-likes, elements added and deleted during the walk': `var r = []; var a = [1, , 3, , 5, 6, 7, 8, 9, 10, 11, 12]; a.forEach(function (x, i) { r.push(i); if (i === 2) { delete a[4]; a.push(99); } }); Array.prototype.forEach.call({ length: 12, 0: 'a', 5: 'b', 11: 'c' }, function (x, i) { r.push(x + i); }); r`,
  'forEach: a callback of another context': `var other = new (function () { return this; })(); var r = []; ${numbers(20)}.forEach(function (x) { r.push(x); }); r.length`,
  'map, filter, some, every: results and early ends': `var a = ${numbers(60)}; var calls = 0; [a.map(function (x, i) { return x * i; }), a.filter(function (x) { return x % 3 === 0; }), a.some(function (x) { calls++; return x > 400; }), calls, a.every(function (x) { calls++; return x > -490; }), calls, a.map((x) => [x]).length]`,
  'map and filter: thisArg, species, a frozen result': `var a = ${numbers(30)}; class MyArray extends Array {} var m = MyArray.from(a); [a.map(function (x) { return this.k + x; }, { k: 3 }), m.map((x) => x) instanceof MyArray, m.filter((x) => x > 0) instanceof MyArray, a.filter(function () { return this.ok; }, { ok: true }).length]`,
  'find, findIndex, findLast, findLastIndex': `var a = ${numbers(80)}; var seen = []; [a.find(function (x, i) { seen.push(i); return x > 450; }), a.findIndex((x) => x < -450), a.findLast(function (x) { return x % 7 === 0; }), a.findLastIndex((x) => x === a[3]), a.find(function () { return this.no; }, { no: false }), seen.length]`,
  'reduce and reduceRight: accumulators, no initial value, empty': `var a = ${numbers(50)}; var r = []; r.push(a.reduce(function (s, x, i, o) { return s + x * i + (o === a ? 1 : 0); }, 0)); r.push(a.reduce((s, x) => s + x)); r.push(a.reduceRight(function (s, x, i) { return s + '' + i; }, '')); r.push(a.reduce(function () { 'use strict'; return this === undefined; }, 0)); try { [].reduce((s, x) => s); } catch (e) { r.push(e instanceof TypeError); } r.push([, , 3, , 5].reduce((s, x, i) => s + i)); r`,
  'flatMap and Array.from with a mapper': `var a = ${numbers(30)}; [a.flatMap(function (x, i) { return i % 2 ? [x, [x]] : x + this.k; }, { k: 1 }), Array.from(a, function (x, i) { return x * i + this.k; }, { k: 2 }), Array.from(new Set(a), (x, i) => x + i), Array.from({ length: 12 }, (x, i) => i * i)]`,

  // sort and toSorted with a comparator (merge-sort.ts)
  'sort(cmp): numbers ascending and descending, larger than one run': `var a = ${numbers(3000)}; [a.slice().sort(function (x, y) { return x - y; }), a.slice().sort((x, y) => y - x)]`,
  'sort(cmp): stable for equal keys': `var a = ${numbers(500)}.map(function (x, i) { return { k: x % 10, i: i }; }); a.sort(function (p, q) { return p.k - q.k; }); a.map(function (o) { return o.k + ':' + o.i; })`,
  'sort(cmp): undefined last, never passed; holes deleted': `var seen = false; var a = [3, undefined, , 1, , 2, undefined, 9, 8, 7, 6, 5, 4, 30, 20, 10, 0]; a.sort(function (x, y) { if (x === undefined || y === undefined) seen = true; return x - y; }); [a.length, Object.keys(a), a.map(String), seen]`,
  'sort(cmp): results that are not numbers (booleans, strings, objects, NaN, undefined)': `var a = ${numbers(100)}; [a.slice().sort(function (x, y) { return x > y; }), a.slice().sort(function (x, y) { return String(x - y); }), a.slice().sort(function (x, y) { return { valueOf() { return x - y; } }; }), a.slice().sort(function () { return NaN; }), a.slice().sort(function () {})]`,
  "sort(cmp): a symbol or bigint result is the realm's TypeError": `var r = []; try { [1, 2, 3].sort(function () { return Symbol(); }); } catch (e) { r.push(e instanceof TypeError); } try { [1, 2, 3].sort(function () { return 1n; }); } catch (e) { r.push(e instanceof TypeError); } r`,
  'sort(cmp): a throwing comparator leaves the array as it was': `var a = ${numbers(100)}; var b = a.slice(); var n = 0; try { a.sort(function (x, y) { if (++n === 50) throw new RangeError('stop'); return x - y; }); } catch (e) { n = e.message; } [n, a.join() === b.join()]`,
  'sort(cmp): strings, objects, bound and builtin comparators, this': `var w = ['pear', 'fig', 'apple', 'kiwi', 'date', 'plum', 'lime', 'cherry', 'grape', 'melon', 'nut', 'yam', 'pea']; var r = []; r.push(w.slice().sort(function (x, y) { return x < y ? -1 : x > y ? 1 : 0; })); r.push(w.slice().sort(function (x, y) { return this.sign * (x.length - y.length); }.bind({ sign: -1 }))); var thisSeen = []; r.push(w.slice().sort(function () { 'use strict'; thisSeen.push(this === undefined); return 0; }).join()); r.push(thisSeen.length > 0 && thisSeen.every(Boolean)); r.push([3, 1, 2].sort(Math.max)); r`,
  'sort(cmp): an array-like, a proxy, getters': `var o = { length: 20 }; for (var i = 0; i < 20; i++) o[i] = (i * 7) % 20; Array.prototype.sort.call(o, (x, y) => x - y); var log = []; var p = new Proxy([5, 3, 4, 1, 2], { get(t, k, r) { if (typeof k === 'string') log.push(k); return Reflect.get(t, k, r); } }); Array.prototype.sort.call(p, (x, y) => x - y); [Array.from(o), Array.from(p), log.join()]`,
  'toSorted(cmp): holes read as undefined, the original untouched': `var a = [10, , 9, 1, 30, 2, 8, 7, 6, 5, 4, 3, 20]; [a.toSorted(function (x, y) { return x - y; }).map(String), a.map(String)]`,
  'sort(cmp): a comparator that modifies the array': `var a = ${numbers(60)}; a.sort(function (x, y) { a.length = 10; return x - y; }); [a.length, a]`,

  // %TypedArray%
  'TypedArray: forEach, every, some, find*, reduce* with interpreted callbacks': `var t = new Int16Array(${numbers(60)}); var r = []; t.forEach(function (x, i, o) { r.push(x + i, o === t, typeof this); }, 'k'); r.push(t.every((x) => x > -501), t.some(function (x) { return x > this.m; }, { m: 450 }), t.find((x) => x > 300), t.findIndex((x) => x < -300), t.findLast((x) => x % 5 === 0), t.findLastIndex((x) => x === 0)); r.push(t.reduce(function (s, x, i, o) { return s + x * i + (o === t); }, 0), t.reduceRight((s, x) => s + x), t.reduce(function () { 'use strict'; return this === undefined; }, 0)); r`,
  'TypedArray: map, filter and from with a mapper': `var t = new Float64Array(${numbers(50)}); [Array.from(t.map(function (x, i) { return x / 2 + this.k + i; }, { k: 1 })), Array.from(t.filter((x, i) => i % 3 === 0)), Array.from(Int8Array.from(${numbers(20)}, function (x, i) { return x + i + this.k; }, { k: 1 })), Array.from(Uint8Array.from({ length: 20 }, (x, i) => i * 3))]`,
  'TypedArray: sort and toSorted with a comparator': `var t = new Int32Array(${numbers(500)}); var u = t.toSorted(function (x, y) { return y - x; }); t.sort((x, y) => x - y); [Array.from(t), Array.from(u), Array.from(new Float32Array([3, NaN, 1, -0, 0, 2]).sort(function (x, y) { return x - y; })).map(String)]`,
  'TypedArray: a callback that detaches or throws': `var t = new Uint8Array(40); var r = []; try { t.forEach(function (x, i) { if (i === 20) throw new Error('at ' + i); }); } catch (e) { r.push(e.message, e instanceof Error); } r`,
};

describe('builtins calling guest callbacks: the same answers as node:vm', () => {
  for (const [name, source] of Object.entries(cases)) {
    it(name, () => {
      const node = run(nodeVm, source);
      for (const mode of MODES) {
        expect(inMode(mode, () => run(vmjs, source)), `tier ${mode}`).to.equal(node);
      }
    });
  }

  it('callbacks and comparators are compiled to direct entries and entered through them', () => {
    const before = tierStats.entries;
    const source = `var a = ${numbers(200)}; a.forEach(function (x) { return x; }); a.slice().sort(function (x, y) { return x - y; }); a.reduce(function (s, x) { return s + x; }, 0)`;
    expect(inMode('on', () => run(vmjs, source))).to.equal(run(nodeVm, source));
    // The three callbacks, and numbers()'s function (a body with a loop: a split entry, tier/compile-to-host.ts).
    expect(tierStats.entries - before).to.equal(4);
  });
});

describe('builtins calling guest callbacks: errors and stacks', () => {
  /** The stack of an Error made (or thrown) in a callback, without the host's frames. */
  const stackOf = (source, mode) => inMode(mode, () => {
    const ctx = vmjs.createContext({});
    const s = vmjs.runInContext(source, ctx, { filename: 'cb.js' });
    return s;
  });

  it('an Error made in a callback has the callback, its caller and the script in its stack, in every tier', () => {
    for (const [name, call] of [['forEach', 'a.forEach(function cb(x) { if (x === 9) r = new Error("x").stack; })'],
      ['sort', 'a.sort(function cb(x, y) { if (x === 9 || y === 9) r = new Error("x").stack; return x - y; })'],
      ['reduce', 'a.reduce(function cb(s, x) { if (x === 9) r = new Error("x").stack; return s; }, 0)'],
      ['typed', 'new Int8Array(a).forEach(function cb(x) { if (x === 9) r = new Error("x").stack; })']]) {
      const source = `function outer() { var r; var a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]; ${call}; return r; }\nouter();`;
      const stacks = MODES.map((mode) => stackOf(source, mode));
      for (const s of stacks) {
        const lines = s.split('\n');
        expect(lines[0], name).to.equal('Error: x');
        expect(lines[1], name).to.match(/^ {4}at cb \(cb\.js:1:\d+\)$/);
        expect(lines[2], name).to.match(/^ {4}at outer \(cb\.js:1:\d+\)$/);
        expect(lines[3], name).to.match(/^ {4}at cb\.js:2:1$/);
      }
      expect(stacks[1], name).to.equal(stacks[0]);
      expect(stacks[2], name).to.equal(stacks[0]);
    }
  });

  it('an error thrown by a callback reaches the caller, a catch around the builtin sees it', () => {
    for (const mode of MODES) {
      const r = inMode(mode, () => vmjs.runInNewContext(`var a = []; for (var i = 0; i < 50; i++) a.push(i);
        var got = []; try { a.forEach(function (x) { if (x === 30) throw new TypeError('at ' + x); }); } catch (e) { got.push(e.message, e instanceof TypeError); }
        try { a.sort(function (x, y) { if (x === 40) null.f; return x - y; }); } catch (e) { got.push(e instanceof TypeError); }
        got`));
      expect(r, mode).to.deep.equal(['at 30', true, true]);
    }
  });

  it('guest stack overflow through callbacks is the realm\'s RangeError', () => {
    for (const mode of MODES) {
      const r = inMode(mode, () => vmjs.runInNewContext(`function f(n) { [n].forEach(function (x) { f(x + 1); }); }
        try { f(0); 'no' } catch (e) { e instanceof RangeError }`));
      expect(r, mode).to.equal(true);
    }
  });
});

describe('builtins calling guest callbacks: timeouts and the memory budget', function () {
  this.timeout(60000);
  const expectTimeout = (source, mode) => inMode(mode, () => {
    const ctx = vmjs.createContext({});
    const started = Date.now();
    expect(() => vmjs.runInContext(source, ctx, { timeout: 200 })).to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(Date.now() - started).to.be.below(5000);
    // Termination is not an exception: no guest catch saw it, and the context still runs.
    expect(vmjs.runInContext('typeof caught', ctx)).to.equal('undefined');
  });
  for (const mode of MODES) {
    it(`a callback that loops forever (tier ${mode})`, () => {
      expectTimeout('try { [1, 2, 3].forEach(function (x) { for (;;) {} }); } catch (e) { var caught = e; }', mode);
    });
    it(`a callback that recurses without end through the builtin (tier ${mode})`, () => {
      expectTimeout('function f() { try { [1].forEach(f); } catch (e) {} f(); } try { f(); } catch (e) { var caught = e; }', mode);
    });
    it(`a comparator called forever, and sorts in an endless loop (tier ${mode})`, () => {
      expectTimeout('var a = []; for (var i = 0; i < 1000; i++) a.push(i % 97); try { for (;;) a.slice().sort(function (x, y) { return x - y; }); } catch (e) { var caught = e; }', mode);
    });
    it(`forEach, map and reduce over a 2**32-1 array-like (tier ${mode})`, () => {
      expectTimeout('try { Array.prototype.forEach.call({ length: 2 ** 32 - 1 }, function () {}); } catch (e) { var caught = e; }', mode);
      expectTimeout('try { Array.prototype.reduce.call({ length: 2 ** 32 - 1, 0: 1 }, function (s) { return s; }); } catch (e) { var caught = e; }', mode);
      expectTimeout('var o = { length: 2 ** 32 - 1 }; for (var i = 0; i < 2 ** 32 - 1; i += 1000) o[i] = i; try { Array.prototype.filter.call(o, function () { return false; }); } catch (e) { var caught = e; }', mode);
    });
  }
  it('map results kept stop at the memory limit', () => {
    const ctx = vmjs.createContext({}, { memoryLimit: 16 * 1024 * 1024 });
    expect(() => vmjs.runInContext('var a = []; for (var i = 0; i < 100000; i++) a.push(i); var keep = []; for (;;) keep.push(a.map(function (x) { return x + 1; }));', ctx, { timeout: 20000 }))
      .to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
  });
  it('objects a callback makes count against the memory limit', () => {
    const ctx = vmjs.createContext({}, { memoryLimit: 16 * 1024 * 1024 });
    expect(() => vmjs.runInContext('var a = []; for (var i = 0; i < 1000; i++) a.push(i); var keep = []; for (;;) a.forEach(function (x) { keep.push({ x: x }); });', ctx, { timeout: 20000 }))
      .to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
  });
});

describe('builtins calling guest callbacks: called by host code', function () {
  this.timeout(30000);
  it('a realm forEach the host calls after the run enters the callback under the context\'s timeout', () => {
    const ctx = vmjs.createContext({}, { timeout: 100 });
    const { arr, loop, add } = vmjs.runInContext('var t = 0; ({ arr: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], loop: function (x) { for (;;) {} }, add: function (x) { t += x; } })', ctx);
    arr.forEach(add);
    arr.forEach(add);
    expect(vmjs.runInContext('t', ctx)).to.equal(110);
    expect(() => arr.forEach(loop)).to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    const sorted = arr.slice().sort(function (x, y) { return y - x; });
    expect(Array.from(sorted)).to.deep.equal([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(vmjs.runInContext('1 + 1', ctx)).to.equal(2);
  });
  it('a host function as the callback gets host values through the membrane', () => {
    const ctx = vmjs.createSandbox ? vmjs.createSandbox({}) : vmjs.createContext({});
    const arr = vmjs.runInContext('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]', ctx);
    const seen = [];
    arr.forEach((x, i) => seen.push(x * i));
    expect(seen).to.deep.equal([0, 2, 6, 12, 20, 30, 42, 56, 72, 90]);
  });
});
