// The language, run by the interpreter in a fresh context: every expected value is a literal.
export default function ({ describe, it, expect, vm }) {
  const run = (code) => vm.runInNewContext(code);
  const table = (rows) => {
    for (const [code, expected] of rows) it(code.length > 90 ? `${code.slice(0, 87)}...` : code, () => expect(run(code)).to.deep.equal(expected));
  };

  describe('expressions and operators', () => table([
    ['1 + 2 * 3 - 4 / 2', 5],
    ['2 ** 10', 1024],
    ['7 % 3 + (-7 % 3)', 0],
    ['"a" + 1 + 2', 'a12'],
    ['1 + 2 + "a"', '3a'],
    ['[1 < 2, 2 <= 2, "b" > "a", null >= 0, undefined == null, NaN === NaN]', [true, true, true, true, true, false]],
    ['[0 || "x", 1 && "y", null ?? "z", 0 ?? "w"]', ['x', 'y', 'z', 0]],
    ['[~5, -(-3), +"42", !0, !!""]', [-6, 3, 42, true, false]],
    ['[5 & 3, 5 | 3, 5 ^ 3, 1 << 4, -16 >> 2, -16 >>> 28]', [1, 7, 6, 16, -4, 15]],
    ['[typeof 1, typeof "s", typeof null, typeof undefined, typeof {}, typeof function(){}, typeof Symbol(), typeof 1n]', ['number', 'string', 'object', 'undefined', 'object', 'function', 'symbol', 'bigint']],
    ['typeof notDeclaredAnywhere', 'undefined'],
    ['let a = 1; a += 2; a *= 3; a -= 1; a /= 2; a **= 2; a %= 10; a', 6],
    ['let o = {}; o.x ||= 1; o.x &&= 2; o.y ??= 3; o.x + o.y', 5],
    ['let i = 0; [i++, i++, ++i, i--, --i]', [0, 1, 3, 3, 1]],
    ['(1, 2, 3)', 3],
    ['true ? "yes" : "no"', 'yes'],
    ['var o = { a: { b: null } }; [o?.a?.b?.c, o.z?.(), o.a?.["b"]]', [undefined, undefined, null]],
    ['"x" in { x: 1 }', true],
    ['delete ({ a: 1 }).a', true],
    ['void 0', undefined],
    ['`a${1 + 1}b${"c"}`', 'a2bc'],
    ['0.1 + 0.2', 0.30000000000000004],
    ['[1 / 0, -1 / 0, 0 / 0 !== 0 / 0]', [Infinity, -Infinity, true]],
    ['2n ** 64n', 18446744073709551616n],
    ['[10n / 3n, -7n % 3n, 1n << 100n > 0n]', [3n, -1n, true]],
  ]));

  describe('statements and control flow', () => table([
    ['var s = 0; for (var i = 0; i < 10; i++) s += i; s', 45],
    ['var s = ""; for (const k in { a: 1, b: 2, c: 3 }) s += k; s', 'abc'],
    ['var s = 0; for (const v of [1, 2, 3]) s += v; s', 6],
    ['var n = 0; while (true) { if (++n === 5) break; } n', 5],
    ['var n = 0; do { n++; } while (n < 3); n', 3],
    ['var s = []; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; s.push(i + ":" + j); } } s', ['0:0', '1:0']],
    ['function f(x) { switch (x) { case 1: return "one"; case 2: case 3: return "two-three"; default: return "other"; } } [f(1), f(3), f(9)]', ['one', 'two-three', 'other']],
    ['var r = []; switch (2) { case 1: r.push(1); case 2: r.push(2); case 3: r.push(3); break; case 4: r.push(4); } r', [2, 3]],
    ['try { throw new Error("boom"); } catch (e) { e.message }', 'boom'],
    ['var log = []; function f() { try { return "try"; } finally { log.push("finally"); } } [f(), log]', ['try', ['finally']]],
    ['function f() { try { return 1; } finally { return 2; } } f()', 2],
    ['try { null.x } catch { "caught" }', 'caught'],
    ['if (0) { 1 } else if ("") { 2 } else { 3 }', 3],
    ['var x = 1; { let x = 2; } x', 1],
    ['1; if (true) {}', undefined],
    ['var fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); fs.map((f) => f())', [0, 1, 2]],
    ['var fs = []; for (var i = 0; i < 3; i++) fs.push(() => i); fs.map((f) => f())', [3, 3, 3]],
    ['with ({ a: 5 }) { a * 2 }', 10],
  ]));

  describe('functions, closures and this', () => table([
    ['function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); } fact(10)', 3628800],
    ['function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(20)', 6765],
    ['function counter() { let c = 0; return () => ++c; } var c = counter(); c(); c(); c()', 3],
    ['(function (a, b = a + 1, ...rest) { return [a, b, rest]; })(1, undefined, 3, 4)', [1, 2, [3, 4]]],
    ['(function () { return arguments.length; })(1, 2, 3)', 3],
    ['function f(a) { arguments[0] = 9; return a; } f(1)', 9],
    ['function f(a) { "use strict"; arguments[0] = 9; return a; } f(1)', 1],
    ['var o = { v: 1, get() { return this.v; } }; var g = o.get; [o.get(), typeof g.call(undefined)]', [1, 'undefined']],
    ['(function () { "use strict"; return this; })()', undefined],
    ['var o = { v: 7, f() { return [1].map(() => this.v); } }; o.f()', [7]],
    ['function f() { return this.x; } f.call({ x: 1 }) + f.apply({ x: 2 }) + f.bind({ x: 3 })()', 6],
    ['[function named() {}.name, (() => {}).name, (function () {}).length, ((a, b) => 0).length]', ['named', '', 0, 2]],
    ['var f = function () {}; var g = () => 1; [f.name, g.name]', ['f', 'g']],
    ['hoisted(); function hoisted() { return "ok"; } hoisted()', 'ok'],
    ['typeof lateVar + (function () { return typeof lateVar; })(); var lateVar = 1;', 'undefinedundefined'],
    ['new Function("a", "b", "return a * b")(6, 7)', 42],
    ['eval("var fromEval = 3; fromEval * 2") + fromEval', 9],
    ['(0, eval)("typeof Array")', 'function'],
    ['function F(x) { this.x = x; } F.prototype.get = function () { return this.x; }; new F(4).get()', 4],
    ['function F() { if (!new.target) return "called"; this.ok = true; } [F(), new F().ok]', ['called', true]],
  ]));

  describe('errors the language throws (V8 wording)', () => {
    const throws = (code, name, message) => it(code, () => {
      let e;
      try { run(code); } catch (err) { e = err; }
      expect(e, 'threw').to.not.equal(undefined);
      expect(e.name).to.equal(name);
      expect(e.message).to.equal(message);
    });
    throws('undefinedThing', 'ReferenceError', 'undefinedThing is not defined');
    throws('null.x', 'TypeError', "Cannot read properties of null (reading 'x')");
    throws('undefined.y = 1', 'TypeError', "Cannot set properties of undefined (setting 'y')");
    throws('var notF = 1; notF()', 'TypeError', 'notF is not a function');
    throws('let t = t;', 'ReferenceError', "Cannot access 't' before initialization");
    throws('const c = 1; c = 2;', 'TypeError', 'Assignment to constant variable.');
    throws('for (const x of 5) {}', 'TypeError', '5 is not iterable');
    throws('var A = () => {}; new A', 'TypeError', 'A is not a constructor');
    throws('"use strict"; undeclared = 1', 'ReferenceError', 'undeclared is not defined');
    throws('var a = [];\na.length = -1', 'RangeError', 'Invalid array length');
    throws('1n + 1', 'TypeError', 'Cannot mix BigInt and other types, use explicit conversions');
    throws('1n * 1', 'TypeError', 'Cannot mix BigInt and other types, use explicit conversions');
    throws('1n >>> 1n', 'TypeError', 'BigInts have no unsigned right shift, use >> instead');
    throws('Symbol() + ""', 'TypeError', 'Cannot convert a Symbol value to a string');
    throws('+Symbol()', 'TypeError', 'Cannot convert a Symbol value to a number');
    throws('x +', 'SyntaxError', 'Unexpected end of input');
    throws('let q; let q;', 'SyntaxError', "Identifier 'q' has already been declared");
    throws('function f() { f(); } f()', 'RangeError', 'Maximum call stack size exceeded');
  });

  describe('objects, classes and destructuring', () => table([
    ['var k = "dyn"; var o = { a: 1, [k + 1]: 2, m() { return 3; }, get g() { return 4; } }; [o.a, o.dyn1, o.m(), o.g]', [1, 2, 3, 4]],
    ['var { a, b: { c = 5 } = {}, ...rest } = { a: 1, d: 2, e: 3 }; [a, c, rest]', [1, 5, { d: 2, e: 3 }]],
    ['var [x, , y = 9, ...zs] = [1, 2, undefined, 4, 5]; [x, y, zs]', [1, 9, [4, 5]]],
    ['var a = 1, b = 2; [a, b] = [b, a]; [a, b]', [2, 1]],
    ['({ ...{ a: 1 }, b: 2, ...null })', { a: 1, b: 2 }],
    ['[...[1, 2], ...new Set([3]), ..."ab"]', [1, 2, 3, 'a', 'b']],
    ['class A { #p = 1; static s = "S"; get p() { return this.#p; } static #priv() { return 2; } static call() { return A.#priv(); } } [new A().p, A.s, A.call()]', [1, 'S', 2]],
    ['class A { constructor(x) { this.x = x; } who() { return "A" + this.x; } } class B extends A { constructor() { super(1); } who() { return "B>" + super.who(); } } new B().who()', 'B>A1'],
    ['class A { static { this.init = "done"; } } A.init', 'done'],
    ['class E extends Error { constructor(m) { super(m); this.name = "E"; } } var e = new E("m"); [e instanceof Error, e.message, String(e)]', [true, 'm', 'E: m']],
    ['class A { #x = 1; static has(o) { return #x in o; } } [A.has(new A()), A.has({})]', [true, false]],
    ['typeof class {}', 'function'],
    ['var o = { __proto__: { inherited: 1 } }; [o.inherited, Object.keys(o).length]', [1, 0]],
    ['Object.getOwnPropertyNames(class { static m() {} a() {} }).sort()', ['length', 'm', 'name', 'prototype']],
  ]));

  describe('generators and iteration protocols', () => table([
    ['function* g() { yield 1; yield 2; return 3; } [...g()]', [1, 2]],
    ['function* g() { var x = yield 1; yield x * 2; } var it = g(); [it.next().value, it.next(21).value, it.next().done]', [1, 42, true]],
    ['function* inner() { yield "a"; return "r"; } function* outer() { var r = yield* inner(); yield r; } [...outer()]', ['a', 'r']],
    ['function* nat() { for (let i = 0; ; i++) yield i; } var out = []; for (const n of nat()) { if (n > 4) break; out.push(n); } out', [0, 1, 2, 3, 4]],
    ['var log = []; function* g() { try { yield 1; } finally { log.push("cleanup"); } } for (const x of g()) break; log', ['cleanup']],
    ['var o = { *[Symbol.iterator]() { yield 1; yield 2; } }; Array.from(o)', [1, 2]],
    ['var it = { i: 0, [Symbol.iterator]() { return this; }, next() { return { done: this.i >= 2, value: this.i++ }; } }; [...it]', [0, 1]],
    ['function* g() { yield 1; } var it = g(); [it[Symbol.iterator]() === it, Object.prototype.toString.call(it)]', [true, '[object Generator]']],
    ['Iterator.from([1, 2, 3, 4]).map((x) => x * 10).filter((x) => x > 10).take(2).toArray()', [20, 30]],
  ]));

  describe('completion values (what runInContext returns)', () => table([
    ['var x = 1', undefined],
    ['x = 5', 5],
    ['1; 2; 3', 3],
    ['for (var i = 0; i < 3; i++) i * 2', 4],
    ['var r = 0; while (r < 3) { r++; }', 2],
    ['function f() {}', undefined],
    ['"last"; ;', 'last'],
    ['try { "t" } finally { "f" }', 't'],
    ['({ a: 1 })', { a: 1 }],
    ['{ a: 1 }', 1],
  ]));
}
