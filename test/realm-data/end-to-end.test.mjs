// Guest programs using Array, String, Number, BigInt and RegExp, run through vmjs's interpreter in a
// new realm and through node:vm in a new context: the JSON of their results must be equal.
import { expect } from 'chai';
import { newRealm, run, runNode } from './helpers.mjs';

// Each program's completion value is JSON-serialisable; errors are caught in the guest and rendered
// with their realm class check, so both engines' error objects are compared by what guest code sees.
const errorOf = (body) => `(() => { try { ${body}; return 'no error'; } catch (e) {
  return [e instanceof Error, e.constructor === globalThis[e.name], e.name, e.message]; } })()`;

const programs = [
  // Arrays
  `[1, 2, 3].map((x) => x * 2).filter((x) => x > 2).reduce((a, b) => a + b)`,
  `var a = []; for (var i = 0; i < 10; i++) a.push(i * i); [a.length, a.pop(), a.shift(), a.indexOf(16), a.lastIndexOf(4), a.includes(NaN), a.join('|')]`,
  `[NaN].includes(NaN) + ' ' + [NaN].indexOf(NaN)`,
  `var h = [1, , 3]; [h.length, 1 in h, h.map((x) => x + 1).hasOwnProperty(1), h.join(), h.indexOf(undefined), h.findIndex((x) => x === undefined)]`,
  `[5, 1, 10, undefined, 2].sort().concat([[3, 4]], 5).flat()`,
  `[{ k: 2, v: 'a' }, { k: 1, v: 'b' }, { k: 2, v: 'c' }, { k: 1, v: 'd' }].sort((x, y) => x.k - y.k).map((o) => o.v).join('')`,
  `var s = [1, 2, 3, 4, 5]; [s.splice(1, 2, 'x'), s, s.slice(-2), s.toSpliced(0, 1), s.with(-1, 'w'), s.toReversed(), s.at(-1)]`,
  `Array.from({ length: 3 }, (_, i) => i * 10).concat(Array.of(7, 8), Array.from('ab'), Array.from({ [Symbol.iterator]() { var n = 0; return { next: () => ({ value: n, done: n++ > 2 }) }; } }))`,
  `[Array.isArray([]), Array.isArray(Array.prototype), Array.isArray({ length: 0 }), [] instanceof Array, Object.getPrototypeOf([]) === Array.prototype]`,
  `class MyArr extends Array { sum() { return this.reduce((a, b) => a + b, 0); } }
   var m = MyArr.from([1, 2, 3]); [m instanceof MyArr, m.map((x) => x).sum(), m.filter(Boolean) instanceof MyArr, m.length, Array.prototype.concat.call(m, 4) instanceof MyArr]`,
  `[...[1, 2].entries()].concat([...[3].keys()], [...'xy'])`,
  `Object.prototype.toString.call([].values()) + ' ' + typeof [][Symbol.iterator] + ' ' + ([].values === [][Symbol.iterator])`,
  `Array.prototype.slice.call({ length: 3, 0: 'a', 2: 'c' }).concat(Array.prototype.map.call('abc', (c) => c.toUpperCase()))`,
  `[1, [2, [3, [4, [5]]]]].flat(Infinity).concat([1, 2].flatMap((x) => [x, [x * 10]]))`,
  `var cyc = [1, 2]; cyc.push(cyc); cyc.join('-') + ' ' + String(cyc)`,
  `[[3, 2, 1].toSorted(), [1, 2, 3].findLast((x) => x < 3), [1, 2, 3].findLastIndex((x) => x > 5), [0, 0, 0].fill(7, 1), [1, 2, 3, 4, 5].copyWithin(0, 3)]`,
  // V8 lists `values` before toReversed; the spec's order differs, so compare the set of names.
  `Object.keys(Array.prototype[Symbol.unscopables]).sort().join() + Object.getPrototypeOf(Array.prototype[Symbol.unscopables])`,
  `[Array.prototype.length, Array.length, Array.prototype.push.length, Array.prototype.concat.name, Object.getOwnPropertyNames(Array.prototype).length]`,
  errorOf(`new Array(-1)`),
  errorOf(`[].reduce((a, b) => a)`),
  errorOf(`Array.prototype.map.call(null, (x) => x)`),
  errorOf(`[1].forEach(42)`),
  errorOf(`Object.freeze([1, 2]).push(3)`),
  errorOf(`[].sort(1)`),
  errorOf(`[1].with(3, 0)`),
  // Strings
  `['abc'.at(-1), 'abc'.charAt(1), 'abc'.charCodeAt(0), '😀'.codePointAt(0), 'a'.concat(1, null), 'abc'.endsWith('c'), 'abc'.padStart(5, '-'), 'ab'.repeat(2)]`,
  `[' x '.trim(), ' x '.trimStart(), ' x '.trimEnd(), 'Ab'.toUpperCase(), 'Ab'.toLowerCase(), 'abcdef'.slice(-3, -1), 'abcdef'.substring(4, 1), 'abcdef'.substr(1, 2)]`,
  `['a,b,,c'.split(','), 'abc'.split(''), 'a1b2c3'.split(/\\d/), 'a1b2c3'.split(/(\\d)/, 3), ''.split(','), 'abc'.split()]`,
  `['aaa'.replace('a', 'b'), 'aaa'.replaceAll('a', 'b'), 'abc'.replace(/b/, '[$&$\`$\\']'), 'John Smith'.replace(/(\\w+)\\s(\\w+)/, '$2, $1'), 'x-y'.replace(/(?<a>\\w)-(?<b>\\w)/, '$<b>-$<a>')]`,
  `'a1b22c333'.replace(/\\d+/g, (m, off) => '<' + m.length + '@' + off + '>')`,
  `['abc'.match(/b/).index, 'a1b2'.match(/\\d/g), 'abc'.match(/z/), 'abc'.search(/c/), [...'a1b2'.matchAll(/\\d/g)].map((m) => m[0] + m.index)]`,
  `[String(Symbol('s')), String(123), String(null), typeof new String('x'), new String('ab').length, String.fromCharCode(72, 105), String.fromCodePoint(128512), String.raw\`a\\n\${1}b\`]`,
  `[...'a😀b'].length + ' ' + Object.prototype.toString.call(''[Symbol.iterator]())`,
  `['x'.anchor('"q"'), 'y'.big(), 'z'.link('u'), 'a'.localeCompare('b'), 'é'.normalize('NFD').length, 'a\\ud800'.isWellFormed(), 'a\\ud800'.toWellFormed()]`,
  errorOf(`'a'.repeat(-1)`),
  errorOf(`String.prototype.trim.call(null)`),
  errorOf(`'a'.matchAll(/a/)`),
  errorOf(`String.fromCodePoint(-1)`),
  errorOf(`'x'.normalize('bad')`),
  // Numbers and BigInts
  `[Number('0x10'), Number(''), Number(' 12 '), Number('1e3'), Number(10n), +new Number(5), Number.parseFloat === parseFloat, Number.parseInt === parseInt]`,
  `[(255).toString(16), (255).toString(2), (1.005).toFixed(2), (123.456).toPrecision(4), (123456).toExponential(2), (0.000001).toString(), (1e21).toFixed(2), (-0).toFixed(0)]`,
  `[Number.isInteger(5), Number.isSafeInteger(2 ** 53), Number.isNaN('x'), Number.isFinite('1'), Number.EPSILON > 0, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE]`,
  `[String(BigInt(10) ** 20n), String(BigInt('0x1f')), String(BigInt.asIntN(8, 255n)), String(BigInt.asUintN(8, -1n)), (255n).toString(16), typeof Object(1n), Object.prototype.toString.call(1n)]`,
  errorOf(`(1).toString(1)`),
  errorOf(`(1).toFixed(101)`),
  errorOf(`Number.prototype.toString.call('1')`),
  errorOf(`BigInt(1.5)`),
  errorOf(`BigInt('x')`),
  errorOf(`new BigInt(1)`),
  // RegExps
  `var re = /(\\d+)-(\\d+)/g; var out = []; var m; while ((m = re.exec('1-2 33-44')) !== null) out.push([m[0], m[1], m.index, re.lastIndex]); out`,
  `[/a/gimsuyd.flags, /a/.source, new RegExp('/').source, String(new RegExp('a', 'g')), RegExp.prototype.source, RegExp.prototype.flags, RegExp.prototype.global]`,
  `var r = /(?<y>\\d{4})/d.exec('in 2024'); [r.groups.y, r.indices[1], Object.getPrototypeOf(r.groups) === null, Array.isArray(r.indices)]`,
  `[/a/y.test('ba'), /a/.test('ba'), RegExp(/x/g) === RegExp(/x/g), new RegExp(/x/g, 'i').flags, Object.prototype.toString.call(/x/)]`,
  `var rx = /b/g; rx.lastIndex = 5; ['abc'.search(rx), rx.lastIndex, 'abcb'.replace(rx, 'X'), rx.lastIndex]`,
  `class R extends RegExp { exec(s) { var r = super.exec(s); if (r) r[0] = r[0].toUpperCase(); return r; } } 'abc'.replace(new R('b'), '[$&]')`,
  `Object.prototype.toString.call('a'.matchAll(/a/g)) + ' ' + [...'aXbX'.matchAll(/X/g)].length`,
  `/(\\d)(\\w)/.exec('ab1c2'); [RegExp.$1, RegExp.$2, RegExp.lastMatch, RegExp.leftContext, RegExp.rightContext, RegExp.input]`,
  errorOf(`new RegExp('(')`),
  errorOf(`new RegExp('a', 'gg')`),
  errorOf(`RegExp.prototype.exec.call({}, 'a')`),
];

describe('end to end: guest programs compared with node:vm', () => {
  for (const code of programs) {
    it(code.length > 90 ? code.slice(0, 87) + '...' : code, () => {
      const expected = JSON.stringify(runNode(code));
      const { realm } = newRealm();
      const actual = JSON.stringify(run(realm, code));
      expect(actual).to.equal(expected);
    });
  }
});
