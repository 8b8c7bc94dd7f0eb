// The ES2025/ES2026 additions and stage proposals test262 carries, through the public API: the Iterator
// proposals (concat, zip/zipKeyed, chunks/windows, includes, join), Math.sumPrecise, RegExp.escape, JSON
// source text access (rawJSON, isRawJSON, the reviver's context), methods' source text, Array "length"
// definitions, and the objects a Proxy's traps receive.
import { expect } from 'chai';
import * as vm from '../../dist/esm/index.js';
import { expectRealmError, newRealm, run } from './helpers.mjs';

const json = (code) => JSON.parse(vm.runInNewContext(`JSON.stringify(eval(${JSON.stringify(code)}))`));

describe('realm-stdlib: proposals in test262 (iterators, sumPrecise, RegExp.escape, JSON source text)', () => {
  it('Iterator.concat yields each iterable in turn, opening it lazily, and return() closes only the open one', () => {
    expect(json('Iterator.concat([1, 2], new Set([3]), "ab".split("")).toArray()')).to.deep.equal([1, 2, 3, 'a', 'b']);
    expect(json(`var log = [];
      var mk = (n) => ({ [Symbol.iterator]() { log.push('open ' + n); return { next() { return { done: false, value: n }; }, return() { log.push('close ' + n); return {}; } }; } });
      var it = Iterator.concat(mk(1), mk(2)); log.push('made'); it.next(); it.return(); it.next(); log`)).to.deep.equal(['made', 'open 1', 'close 1']);
    const { realm, G } = newRealm();
    expectRealmError(G, 'TypeError', () => run(realm, 'Iterator.concat([1], 2)'));
    expect(run(realm, 'Object.getPrototypeOf(Iterator.concat()) === Object.getPrototypeOf([].values().map(x => x))')).to.equal(true);
  });

  it('Iterator.zip and zipKeyed follow the three modes, with padding, and close what is open', () => {
    expect(json('Iterator.zip([[1, 2, 3], "ab".split("")]).toArray()')).to.deep.equal([[1, 'a'], [2, 'b']]);
    expect(json('Iterator.zip([[1, 2, 3], ["a"]], { mode: "longest", padding: [0, "z"] }).toArray()')).to.deep.equal([[1, 'a'], [2, 'z'], [3, 'z']]);
    expect(json('Iterator.zipKeyed({ a: [1, 2], b: [3, 4] }).toArray()')).to.deep.equal([{ a: 1, b: 3 }, { a: 2, b: 4 }]);
    expect(vm.runInNewContext('Object.getPrototypeOf(Iterator.zipKeyed({ a: [1] }).next().value)')).to.equal(null);
    const { realm, G } = newRealm();
    expectRealmError(G, 'TypeError', () => run(realm, 'Iterator.zip([[1, 2], [1]], { mode: "strict" }).toArray()'));
    expectRealmError(G, 'TypeError', () => run(realm, 'Iterator.zip([], { mode: "sideways" })'));
    expect(run(realm, `var closed = 0; var it = { next() { return { done: false, value: 1 }; }, return() { closed++; return {}; } };
      var z = Iterator.zip([it, [5]]); z.next(); z.next(); closed`)).to.equal(1);
  });

  it('chunks, windows, includes and join', () => {
    expect(json('[0, 1, 2, 3, 4].values().chunks(2).toArray()')).to.deep.equal([[0, 1], [2, 3], [4]]);
    expect(json('[0, 1, 2, 3].values().windows(3).toArray()')).to.deep.equal([[0, 1, 2], [1, 2, 3]]);
    expect(json('[0, 1].values().windows(3, "allow-partial").toArray()')).to.deep.equal([[0, 1]]);
    expect(json('[0, 1].values().windows(3).toArray()')).to.deep.equal([]);
    expect(json('[[1, NaN].values().includes(NaN), [4, 5].values().includes(4, 1), [1, 2].values().includes(2, Infinity)]')).to.deep.equal([true, false, false]);
    expect(json('[["a", null, 1].values().join(), [1, 2].values().join("-"), [].values().join()]')).to.deep.equal(['a,,1', '1-2', '']);
    const { realm, G } = newRealm();
    expectRealmError(G, 'TypeError', () => run(realm, '[].values().chunks(1.5)'));
    expectRealmError(G, 'RangeError', () => run(realm, '[].values().windows(0)'));
    expectRealmError(G, 'RangeError', () => run(realm, '[].values().includes(1, -1)'));
  });

  it('Math.sumPrecise sums exactly and rounds once', () => {
    const sums = json(`[Math.sumPrecise([0.1, 0.2, 0.3]), Math.sumPrecise([1e308, 1e308, -1e308]), Math.sumPrecise([1, 1e100, 1, -1e100]),
      Math.sumPrecise([2 ** 53, 1, 1]), Math.sumPrecise([5e-324, 5e-324]), Math.sumPrecise([1e308, 1e308]) === Infinity,
      Object.is(Math.sumPrecise([]), -0), Object.is(Math.sumPrecise([-0, 0]), 0), Number.isNaN(Math.sumPrecise([Infinity, -Infinity])),
      Math.sumPrecise([2 ** 53, 1]), Math.sumPrecise(new Set([3, 4]))]`);
    expect(sums).to.deep.equal([0.6, 1e308, 2, 2 ** 53 + 2, 1e-323, true, true, true, true, 2 ** 53, 7]);
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 when added one by one.
    expect(0.1 + 0.2 + 0.3).not.to.equal(0.6);
    const { realm, G } = newRealm();
    expectRealmError(G, 'TypeError', () => run(realm, 'Math.sumPrecise([1, "2"])'));
  });

  it('RegExp.escape escapes what a pattern would read as syntax', () => {
    const escaped = vm.runInNewContext('RegExp.escape("1.5*x (a|b) ,-\\n")');
    expect(escaped).to.equal('\\x31\\.5\\*x\\x20\\(a\\|b\\)\\x20\\x2c\\x2d\\n');
    expect(vm.runInNewContext(`new RegExp(RegExp.escape("a.b[c]")).test("a.b[c]") && !new RegExp(RegExp.escape("a.b")).test("axb")`)).to.equal(true);
    expect(vm.runInNewContext('RegExp.escape("\\ud800")')).to.equal('\\ud800');
    const { realm, G } = newRealm();
    expectRealmError(G, 'TypeError', () => run(realm, 'RegExp.escape(1)'));
  });

  it('JSON: rawJSON/isRawJSON and the reviver\'s context.source', () => {
    expect(vm.runInNewContext('JSON.stringify({ big: JSON.rawJSON("12345678901234567890"), s: [JSON.rawJSON("\\"x\\"")] })')).to.equal('{"big":12345678901234567890,"s":["x"]}');
    expect(json('[JSON.isRawJSON(JSON.rawJSON("1")), JSON.isRawJSON({ rawJSON: "1" }), Object.isFrozen(JSON.rawJSON("null")), Object.getPrototypeOf(JSON.rawJSON("1")) === null]')).to.deep.equal([true, false, true, true]);
    const { realm, G } = newRealm();
    expectRealmError(G, 'SyntaxError', () => run(realm, 'JSON.rawJSON("{}")'));
    expectRealmError(G, 'SyntaxError', () => run(realm, 'JSON.rawJSON(" 1")'));
    expect(json(`var log = []; JSON.parse('{"a": 1.50, "b": [true, "x"], "a": 2e0}', function (k, v, ctx) { log.push([k, ctx.source]); return v; }); log`))
      .to.deep.equal([['a', '2e0'], ['0', 'true'], ['1', '"x"'], ['b', null], ['', null]]);
    // A value the reviver replaced has no source; objects and arrays never have one.
    expect(json(`var log = []; JSON.parse('[1, 2]', function (k, v, ctx) { if (k === '0') this[1] = 3; log.push(ctx.source); return v; }); log`)).to.deep.equal(['1', null, null]);
    expect(run(realm, 'var c; JSON.parse("1", (k, v, ctx) => { c = ctx; return v; }); Object.getPrototypeOf(c) === Object.prototype')).to.equal(true);
    expect(run(realm, 'JSON.parse(\'{"__proto__": 1}\', (k, v) => v).__proto__')).to.equal(1);
  });

  it('a method\'s source text is its whole MethodDefinition, as in node:vm', () => {
    for (const code of [
      '({ get /* a */ f() { return 1; } }).__lookupGetter__("f").toString()',
      '({ async *g() {} }).g.toString()',
      '({ ["x" + 1]() {} }).x1.toString()',
      '(class { static /* s */ m(a) {} }).m.toString()',
      'Object.getOwnPropertyDescriptor((class { static set v(x) {} }), "v").set.toString()',
    ]) {
      expect(vm.runInNewContext(code), code).to.equal(nodeRun(code));
    }
  });

  it('an Array\'s "length" is coerced twice and range-checked before writability (ArraySetLength)', () => {
    const { realm, G } = newRealm();
    expectRealmError(G, 'RangeError', () => run(realm, 'var a = []; Object.defineProperty(a, "length", { writable: false }); Object.defineProperty(a, "length", { value: -1 })'));
    expect(run(realm, 'var n = 0; var a = [1, 2, 3]; Reflect.defineProperty(a, "length", { value: { valueOf() { n++; return 1; } } }) && [n, a.length].join()')).to.equal('2,1');
  });

  it('the arguments list and descriptor a Proxy trap receives are the realm\'s, never the host\'s', () => {
    const { realm, G, I } = newRealm();
    const args = run(realm, 'new Proxy(function () {}, { apply(t, th, args) { return args; } })(1, 2)');
    expect(Object.getPrototypeOf(args)).to.equal(I.ArrayPrototype);
    expect(run(realm, 'new Proxy(function () {}, { apply(t, th, args) { return args.constructor.constructor("return typeof process")(); } })()')).to.equal('undefined');
    const ctorArgs = run(realm, 'var P = new Proxy(function () {}, { construct(t, args) { return args; } }); new P(1)');
    expect(Object.getPrototypeOf(ctorArgs)).to.equal(I.ArrayPrototype);
    const desc = run(realm, 'var d; Object.defineProperty(new Proxy({}, { defineProperty(t, k, desc) { d = desc; return Reflect.defineProperty(t, k, desc); } }), "x", { value: 1 }); d');
    expect(Object.getPrototypeOf(desc)).to.equal(I.ObjectPrototype);
    // Traps are still read from the handler at each operation, and an absent trap forwards to the target.
    expect(run(realm, 'var h = {}; var p = new Proxy({ a: 1 }, h); var r = [p.a]; h.get = () => 2; r.push(p.a); delete h.get; r.push(p.a); r.join()')).to.equal('1,2,1');
    expectRealmError(G, 'TypeError', () => run(realm, 'var r = Proxy.revocable(function () {}, {}); r.revoke(); r.proxy()'));
  });
});

function nodeRun(code) {
  // eslint-disable-next-line no-new-func
  return new Function(`return ${code}`)();
}

describe('realm-stdlib: GetFunctionRealm through bound functions and Proxies; typed arrays that are not fixed-length', () => {
  it('a bound function or a Proxy has the realm of its target (GetPrototypeFromConstructor\'s fallback)', () => {
    const a = vm.createContext();
    const b = vm.createContext();
    b.nt = vm.runInContext('var f = function () {}; f.prototype = 1; f', a);
    const arrayProtoA = vm.runInContext('Array.prototype', a);
    expect(Object.getPrototypeOf(vm.runInContext('Reflect.construct(Array, [], nt.bind())', b))).to.equal(arrayProtoA);
    expect(Object.getPrototypeOf(vm.runInContext('Reflect.construct(Array, [], new Proxy(new Proxy(nt, {}), {}))', b))).to.equal(arrayProtoA);
    expect(Object.getPrototypeOf(vm.runInContext('Reflect.construct(Date, [], nt)', b))).to.equal(vm.runInContext('Date.prototype', a));
    // A revoked Proxy has no realm: GetFunctionRealm throws.
    expect(vm.runInContext('var r = Proxy.revocable(nt, {}); r.revoke(); try { Reflect.construct(Array, [], r.proxy); "no error" } catch (e) { e instanceof TypeError }', b)).to.equal(true);
  });

  it('a view on a resizable buffer refuses [[PreventExtensions]]; a fixed one does not', () => {
    const { realm, G } = newRealm();
    expectRealmError(G, 'TypeError', () => run(realm, 'Object.freeze(new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 }), 0, 0))'));
    expectRealmError(G, 'TypeError', () => run(realm, 'Object.preventExtensions(new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 })))'));
    expect(run(realm, 'var t = new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 })); [Reflect.preventExtensions(t), Object.isExtensible(t)].join()')).to.equal('false,true');
    expect(run(realm, 'Object.isFrozen(Object.freeze(new Uint8Array(0))) && !Object.isExtensible(Object.preventExtensions(new Uint8Array(new ArrayBuffer(4))))')).to.equal(true);
  });

  it('Reflect.set on a typed array with another receiver and an invalid index succeeds without coercing the value', () => {
    const { realm } = newRealm();
    expect(run(realm, 'var n = 0; var v = { valueOf() { n++; return 1; } }; var ta = new Int8Array(2); [Reflect.set(ta, "5", v, {}), Reflect.set(ta, "-0", v, 1), Reflect.set(ta, "1.5", v, ta.slice()), n].join()'))
      .to.equal('true,true,true,0');
    expect(run(realm, 'var ta = new Int8Array(2); [Reflect.set(ta, "1", 7), ta[1], Reflect.set(ta, "1", 8, ta), ta[1]].join()')).to.equal('true,7,true,8');
  });
});
