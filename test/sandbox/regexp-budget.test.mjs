// Regular expressions under the budget (BRIEF decision 11, issue 13): a catastrophic pattern in any
// regexp operation ends with node's timeout error, the host alive and the context usable; vmjs's own
// matcher agrees with the host engine on a table of patterns and inputs.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm, { createSandbox } from '../../dist/esm/index.js';
import { setRegExpOwnMatcherEverywhere, regExpProgramFor } from '../../dist/esm/internal.js';

/** Patterns that backtrack exponentially (or with a high degree) on the inputs beside them. */
const catastrophic = [
  ['/(a+)+$/', '"a".repeat(40) + "b"'],
  ['/(a|a)*b/', '"a".repeat(40)'],
  ['/(x+x+)+y/', '"x".repeat(40)'],
  ['/^(\\w+\\s?)*$/', '"hello world ".repeat(8) + "!"'],
];

/** Each regexp operation a guest can start, as an expression of the regexp `R` and the string `S`. */
const operations = {
  test: 'R.test(S)',
  exec: 'R.exec(S)',
  match: 'S.match(R)',
  'match (global)': 'S.match(new RegExp(R.source, "g"))',
  'matchAll iteration': '[...S.matchAll(new RegExp(R.source, "g"))]',
  'replace with a function': 'S.replace(R, (m) => m.toUpperCase())',
  'replace with a string': 'S.replace(R, "[$&]")',
  replaceAll: 'S.replaceAll(new RegExp(R.source, "g"), "-")',
  split: 'S.split(R)',
  search: 'S.search(R)',
  'Symbol.replace called directly': 'RegExp.prototype[Symbol.replace].call(R, S, "")',
};

function expectTimeout(ctx, code) {
  const t0 = Date.now();
  let error;
  try {
    vm.runInContext(code, ctx, { timeout: 100 });
  } catch (e) {
    error = e;
  }
  const elapsed = Date.now() - t0;
  expect(error, code).to.be.an('error');
  expect(error.code, code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
  expect(error.message).to.equal('Script execution timed out after 100ms');
  expect(elapsed, code).to.be.below(2000);
}

describe('regular expressions under the budget', function () {
  this.timeout(60000);

  for (const [pattern, input] of catastrophic) {
    describe(pattern, () => {
      for (const [name, op] of Object.entries(operations)) {
        it(`${name} is stopped by timeout, and the context stays usable`, () => {
          const ctx = vm.createContext({});
          expectTimeout(ctx, `const R = ${pattern}; const S = ${input}; ${op}`);
          expect(vm.runInContext('/b+/.exec("abbc")[0] + "ok".replace(/o/, "O")', ctx)).to.equal('bbOk');
        });
      }
    });
  }

  it('a guest catch or finally never sees the termination of a match', () => {
    const ctx = vm.createContext({ seen: [] });
    expectTimeout(ctx, `try { /(a+)+$/.test("a".repeat(40) + "b"); } catch (e) { seen.push("catch"); } finally { seen.push("finally"); }`);
    expect(vm.runInContext('seen.length', ctx)).to.equal(0);
  });

  it('a match inside a callback of another builtin is stopped too', () => {
    const ctx = vm.createContext({});
    expectTimeout(ctx, `["a".repeat(40) + "b"].map((s) => /(a+)+$/.test(s))`);
    expectTimeout(ctx, `["x"].sort(() => /(a|a)*b/.test("a".repeat(40)) ? 1 : -1).concat(["y"]).sort(() => /(a|a)*b/.test("a".repeat(40)))`);
  });

  it('node:vm stops the same match (the behaviour vmjs matches)', () => {
    let error;
    try {
      nodeVm.runInNewContext('/(a+)+$/.test("a".repeat(40) + "b")', {}, { timeout: 100 });
    } catch (e) {
      error = e;
    }
    expect(error.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
  });

  it('a polynomial pattern on a long input leaves the host engine for vmjs matcher, and stops', () => {
    const ctx = vm.createContext({});
    expectTimeout(ctx, '/\\s+$/.test(" ".repeat(200000) + "x")');
    expectTimeout(ctx, '/[^"]*"/.test("a".repeat(200000))');
    expectTimeout(ctx, '/a*a*a*a*c/.test("a".repeat(5000))');
    // Short inputs of the same patterns answer as usual.
    expect(vm.runInContext('/\\s+$/.test("ab  ") && !/[^"]*"/.test("abc")', ctx)).to.equal(true);
  });
});

describe('the safety analysis', () => {
  const limit = (source, flags = '') => regExpProgramFor(source, flags).hostInputLimit;

  it('never gives the host a pattern with nested or repeated ambiguous quantifiers', () => {
    for (const source of ['(a+)+$', '(a|a)*b', '(x+x+)+y', '^(\\w+\\s?)*$', '(?:a*)*b', '(a|b|ab)*c', '(\\d+)*x', '((a{1,10}){1,10}){1,10}b']) {
      expect(limit(source), source).to.equal(-1);
    }
  });

  it('bounds the input length of polynomial patterns by their degree', () => {
    const literal = limit('foo');
    const quadratic = limit('\\s+$');
    const cubic = limit('a*a*c');
    expect(literal).to.be.above(1e6);
    expect(quadratic).to.be.within(100, 10000);
    expect(cubic).to.be.below(quadratic);
    // Anchored and sticky patterns try one start position.
    expect(limit('^\\s+$')).to.be.above(quadratic);
    expect(limit('\\s+$', 'y')).to.be.above(quadratic);
    // A trailing one-character quantifier consumes once per exec.
    expect(limit('\\d+')).to.be.above(1e6);
    expect(limit('"[^"]*"')).to.be.below(10000);
  });

  it('counts a loop the rest cannot start with once, not once per position it gives back', () => {
    // Disjoint neighbours (\d then \s or `,`; the last group before `$`): linear, anchored.
    expect(limit('^(\\d+)\\s*,\\s*(\\d+)$')).to.be.above(1e5);
    // A loop of exactly the word characters before a final \b ends the match once reached.
    expect(limit('\\b\\w+\\b')).to.be.above(1e6);
    // Overlapping neighbours keep the product: \d+ then \d, [a-z]* then [a-c].
    expect(limit('^\\d+\\d+$')).to.be.below(limit('^(\\d+)\\s*,\\s*(\\d+)$') / 100);
    expect(limit('[a-z]*[a-c]x')).to.be.below(10000);
    // In a lookbehind the rest of a loop is what precedes it.
    expect(limit('(?<=\\d+a*a*\\d+)x')).to.be.below(limit('(?=\\d+a*a*\\d+)x'));
    // Case folding joins sets: under i, [A-Z]+ and a overlap.
    expect(limit('^[A-Z]+a\\d*$', 'i')).to.be.below(limit('^[A-Z]+a\\d*$') / 100);
  });

  it('looks through optional parts after a loop to what follows them, up to the end of the match', () => {
    // [^#?]* before optional groups that start with ? and #, then the end: once per exec (linear when
    // anchored), as if the groups were required; main gave it 168 code units.
    expect(limit('^([^#?]*)(\\?([^#]*))?(#(.*))?')).to.be.above(1e5);
    // Through an enclosing optional group to what follows it (c*d cannot start with a).
    expect(limit('^(a*(b)?)?c*d')).to.be.above(1e5);
    expect(limit('^(?:a*(b)?c*)$')).to.be.above(1e5);
    // A loop before optional parts that always succeed ends the exec at its first try: Octane's URL
    // pattern (main: 11 code units).
    expect(limit('(((\\w+):\\/\\/)([^\\/:]*)(:(\\d+))?)?([^#?]*)(\\?([^#]*))?(#(.*))?')).to.be.above(400);
    // What follows may start with the loop's characters: the product stays.
    expect(limit('^a*(b)?a*d')).to.be.below(1e4);
    expect(limit('^(a*(b)?)?a*d')).to.be.below(1e4);
    // A small bounded loop before a disjoint rest keeps the smaller of its two bounds (a constant).
    expect(limit('^[ab]a+a{0,3}\\s')).to.be.above(1e5);
  });
});

/** [pattern, inputs]: vmjs's matcher must give the host engine's answers for each. */
const table = [
  [/a|ab/, ['abc']], [/((a)|(ab))((c)|(bc))/, ['abc']], [/a[a-z]{2,4}/, ['abcdefghi']], [/a[a-z]{2,4}?/, ['abcdefghi']],
  [/(aa|aabaac|ba|b|c)*/, ['aabaac']], [/(z)((a+)?(b+)?(c))*/, ['zaacbbbcac']], [/(a*)*/, ['b']], [/(a*)b\1+/, ['baaaac']],
  [/(?=(a+))/, ['baaabac']], [/(?=(a+))a*b\1/, ['baaabac']], [/(.*?)a(?!(a+)b\2c)\2(.*)/, ['baaabaac']],
  [/(?<=\$)\d+(\.\d*)?/, ['cost $10.53']], [/(?<!\$)\d+/, ['$10 20']], [/(?<=(\d+)(\d+))$/, ['1053']], [/(?<=\1(a))b/, ['aab']],
  [/(?<=a(?=b)b)c/, ['abc']], [/(?<=([ab]+)([bc]+))$/, ['abbc']],
  [/\bfoo\b/g, ['a foo b foox']], [/^abc$/m, ['x\nabc\ny']], [/^/gm, ['a\nb\r\nc']], [/$/gm, ['a\nb']], [/./s, ['\n']], [/./, ['\n\u2028a']], [/[^]/, ['\n']],
  [/\u{1F600}/u, ['a😀']], [/./u, ['😀']], [/./, ['😀']], [/^.$/u, ['😀']], [/[😀-😂]/u, ['😁']], [/\p{Lu}+/u, ['abCDEf']],
  [/\p{Script=Greek}/u, ['αβ']], [/\P{L}+/u, ['ab12😀c']], [/k/iu, ['\u212a']], [/k/i, ['\u212a']], [/ſ/i, ['S']], [/ſ/iu, ['S']],
  [/[a-z]+/i, ['HeLLo']], [/[^a-z]+/i, ['HeLLo12']], [/\u00e5/i, ['\u212b']], [/\u00e5/iu, ['\u212b']],
  [/(?<year>\d{4})-(?<month>\d{2})/d, ['on 2020-12 ok']], [/(a)|(b)/d, ['b']], [/\0/, ['\0']], [/\1(a)/, ['aa']], [/\8/, ['8']],
  [/[\b]/, ['\b']], [/\cJ/, ['\n']], [/\c1/, ['\\c1']], [/a{,5}/, ['a{,5}']], [/x{2}y/, ['xxxy']], [/]/, [']']], [/\101/, ['A']],
  [/(?:ab)+?c/, ['ababc']], [/(a|b)*?c/, ['abac']], [/(\w+)\s(\w+)/, ['John Smith']], [/(?:)/g, ['abc']], [/a??b/, ['ab']],
  [/[\q{abc|d}x]+/v, ['abcdxq']], [/[\p{L}--[a-z]]/v, ['aB']], [/[[a-z]&&[aeiou]]+/v, ['xaeb']], [/\p{RGI_Emoji}/v, ['a👨‍👩‍👧b']],
  [/[\q{abc|ab}]c/v, ['abc', 'abcc']], [/(a)(?:b\1)*/i, ['aBaBA']], [/(A)\1/i, ['aA']], [/(ß)\1/iu, ['ßẞ']], [/\w/iu, ['ſ']],
  [/\W/iu, ['ſ']], [/\bſ/iu, [' ſ']], [/(?<a>x)|(?<b>y)/, ['y']], [/\k<a>(?<a>x)/, ['xx']], [/[^\d\s]+/, ['12 ab3']],
  [/\s+$/, ['abc   ']], [/^(?:\+|-)?\d+(?:\.\d+)?$/, ['-12.5']], [/(\d+)-(\d+)/g, ['1-2 33-44']], [/\udc00/u, ['\ud800\udc00']],
  [/\udc00/, ['\ud800\udc00']], [/(?=a)*/, ['a']], [/(?=(a))?b/, ['ab']], [/[\d-z]+/, ['1-z']], [/\x41\u0042\u{43}/u, ['ABC']],
  [/^(a+)+$/, ['aaaa', 'aaab']], [/(?:a?){3}a{3}/, ['aaa']], [/(a?){3}/, ['aa']], [/(a\1)/, ['aa']], [/((a)|b)+/, ['ab']],
  [/(\d{3})(?:-(\d{4}))?/g, ['555-1234 666 777-']], [/(?:(a)|b)*/, ['ab']], [/(a)|b/g, ['ab']], [/\B\w+/, ['hello']],
  [/[\u0130]/i, ['i', 'I']], [/[\u0131]/iu, ['i', 'I']], [/\p{Lowercase}/iu, ['A']], [/[^\p{Lowercase}]/iu, ['A']],
  [/\d{1,3}abc/g, ['1abc 12abc 1234abc abc']], [/(?:x|yy)foo/g, ['xfoo yyfoo zfoo']], [/.?😀x/u, ['a😀x😀😀x']], [/[^a]foo/y, ['bfoo']],
  [/(^|[^\\])"Qngr\((-?[0-9]+)\)"/g, ['"Qngr(1)" x"Qngr(-22)"\\"Qngr(3)"']], [/ab|cd/g, ['xabcd']],
  [/x*/y, ['xxa']], [/a/gy, ['aab']], [/😀*/u, ['😀😀x']], [/(?<=😀)a/u, ['😀a']], [/(?<=.)a/u, ['😀a']], [/^.{2}$/, ['😀']],
];

function runTable(own) {
  setRegExpOwnMatcherEverywhere(own);
  try {
    const out = [];
    for (const [re, inputs] of table) {
      for (const s of inputs) {
        const code = `(() => {
          const re = ${re}; const s = ${JSON.stringify(s)}; const r = [];
          const show = (m) => m && [[...m], m.index, m.groups && { ...m.groups }, m.indices && [...m.indices].map((x) => x && [...x]),
            m.indices && m.indices.groups && { ...m.indices.groups }];
          if (re.global) { let m; let n = 0; while ((m = re.exec(s)) && n++ < 20) { r.push(show(m), re.lastIndex); if (m[0] === '') re.lastIndex++; } }
          else r.push(show(re.exec(s)), re.lastIndex);
          re.lastIndex = 0;
          r.push(s.replace(re, '[$&]'), s.split(re), s.search(re), [...s.matchAll(new RegExp(re.source, re.flags + (re.global ? '' : 'g')))].map(show));
          return JSON.stringify(r);
        })()`;
        out.push(vm.runInNewContext(code));
      }
    }
    return out;
  } finally {
    setRegExpOwnMatcherEverywhere(false);
  }
}

describe("vmjs's own matcher against the host engine", function () {
  this.timeout(30000);

  it('gives the same results on a table of patterns and inputs', () => {
    const host = runTable(false);
    const own = runTable(true);
    let i = 0;
    for (const [re, inputs] of table) {
      for (const s of inputs) {
        expect(own[i], `${re} on ${JSON.stringify(s)}`).to.equal(host[i]);
        i++;
      }
    }
    expect(i).to.be.above(100);
  });

  it('gives node:vm results for the same operations', () => {
    const code = '["x1y22z333".replace(/\\d+/g, (m) => m.length), "a,b;;c".split(/[,;]/), /(?<w>\\w+)@/.exec("me@host").groups.w]';
    setRegExpOwnMatcherEverywhere(true);
    try {
      expect(vm.runInNewContext(code)).to.deep.equal(nodeVm.runInNewContext(code));
    } finally {
      setRegExpOwnMatcherEverywhere(false);
    }
  });

  it('matches through a long repetition of a group without growing the host stack', () => {
    setRegExpOwnMatcherEverywhere(true);
    try {
      const code = '[/(?:a|b)*c/.exec("ab".repeat(1e5) + "c")[0].length, /^(?:(x)|y)+$/.exec("xy".repeat(5e4))[1], /c(?<=^(?:ab)+c)/.test("ab".repeat(5e4) + "c")]';
      // A group's captures are reset at each iteration (the last one matched y).
      expect(vm.runInNewContext(code)).to.deep.equal([200001, undefined, true]);
    } finally {
      setRegExpOwnMatcherEverywhere(false);
    }
  });
});

describe("vmjs's own matcher against the host engine, on generated patterns", function () {
  this.timeout(60000);
  const atoms = ['a', 'b', 'A', '.', '\\w', '\\W', '\\d', '\\s', '[ab]', '[^a]', '[^\\d]', '\\b', '^', '$', '\\1', '\\2',
    '(?=a)', '(?!b)', '(?<=a)', '(?<!b)', 'ſ', 'K', '\\u212a', 'ß', '😀', '[😀a]'];
  const quantifiers = ['', '', '*', '+', '?', '{1,2}', '*?', '+?', '??', '{2}'];
  const flagsList = ['', 'i', 'g', 'm', 'y', 'u', 'iu', 'd', 's'];
  const alphabet = 'abA1 \nſK\u212aß😀'; // indexing splits the emoji: lone surrogates too

  for (const seed of [1, 2, 3]) {
    it(`agrees on 400 random patterns (seed ${seed})`, () => {
      let state = seed;
      const rnd = (n) => { state = (state * 1103515245 + 12345) & 0x7fffffff; return state % n; };
      const gen = (depth) => {
        let s = '';
        for (let i = 1 + rnd(4); i > 0; i--) {
          let t = depth > 0 && rnd(3) === 0
            ? (rnd(2) ? '(' : '(?:') + gen(depth - 1) + (rnd(3) === 0 ? '|' + gen(depth - 1) : '') + ')'
            : atoms[rnd(atoms.length)];
          if (!/^\(\?<|\\b|^[\^$]$/.test(t)) t += quantifiers[rnd(quantifiers.length)];
          s += t;
        }
        return s;
      };
      const ctx = vm.createContext({});
      let compared = 0;
      for (let k = 0; k < 400; k++) {
        const source = gen(2);
        const flags = flagsList[rnd(flagsList.length)];
        try { new RegExp(source, flags); } catch { continue; }
        const inputs = [];
        for (let j = 0; j < 3; j++) {
          let s = '';
          for (let q = rnd(8); q > 0; q--) s += alphabet[rnd(alphabet.length)];
          inputs.push(s);
        }
        const code = `(() => { const re = new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)});
          return JSON.stringify(${JSON.stringify(inputs)}.map((s) => { re.lastIndex = 0; const m = re.exec(s);
            return [m && [...m], m && m.index, m && m.indices && [...m.indices], re.lastIndex, s.replace(re, '<$&>'), s.split(re)]; })); })()`;
        setRegExpOwnMatcherEverywhere(false);
        const host = vm.runInContext(code, ctx);
        setRegExpOwnMatcherEverywhere(true);
        try {
          expect(vm.runInContext(code, ctx), `/${source}/${flags} on ${JSON.stringify(inputs)}`).to.equal(host);
        } finally {
          setRegExpOwnMatcherEverywhere(false);
        }
        compared++;
      }
      expect(compared).to.be.above(300);
    });
  }
});

describe('a context\'s regexp the host calls directly is under the context\'s timeout (issue 13)', function () {
  this.timeout(30000);
  // Host calls of the context's RegExp methods, and host String methods that call them.
  const hostOperations = {
    exec: (re, s) => re.exec(s),
    test: (re, s) => re.test(s),
    'String.prototype.replace': (re, s) => s.replace(re, 'x'),
    'String.prototype.match': (re, s) => s.match(re),
    'String.prototype.search': (re, s) => s.search(re),
    'String.prototype.split': (re, s) => s.split(re),
    'matchAll iterator next': (re, s) => vm.runInContext('(r, s) => s.matchAll(new RegExp(r.source, "g"))', re.ctx)(re, s).next(),
  };
  for (const [name, call] of Object.entries(hostOperations)) {
    it(`${name}: a catastrophic match ends with node's timeout error, the context still usable`, () => {
      const ctx = vm.createContext({}, { timeout: 100 });
      const re = vm.runInContext('/(a+)+$/', ctx);
      re.ctx = ctx;
      const t0 = Date.now();
      expect(() => call(re, 'a'.repeat(40) + 'b')).to.throw('Script execution timed out after 100ms')
        .with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
      expect(Date.now() - t0).to.be.below(5000);
      expect(vm.runInContext('1 + 1', ctx)).to.equal(2);
      // A match that ends is unchanged.
      expect(re.exec('aaa')[0]).to.equal('aaa');
    });
  }

  it('createSandbox(): the sandbox\'s 1 s timeout', () => {
    const sb = createSandbox();
    const re = vm.runInContext('/(a+)+$/', sb);
    const t0 = Date.now();
    expect(() => re.exec('a'.repeat(40) + 'b')).to.throw('Script execution timed out after 1000ms');
    expect(Date.now() - t0).to.be.below(6000);
    expect(re.test('aab')).to.equal(false);
  });

  it('a context without a timeout: host calls match as before; inside a run the run\'s timeout applies', () => {
    const ctx = vm.createContext({});
    const re = vm.runInContext('/(a+)+$/', ctx);
    expect(re.exec('a'.repeat(12) + 'b')).to.equal(null);
    expect(re.exec('aaa').index).to.equal(0);
    ctx.re = re;
    expect(() => vm.runInContext('re.exec("a".repeat(40) + "b")', ctx, { timeout: 50 })).to.throw('Script execution timed out after 50ms');
    const f = vm.runInContext('(re) => re.exec("a".repeat(40) + "b")', vm.createContext({}));
    const ctx2 = vm.createContext({ re, f });
    expect(() => vm.runInContext('f(re)', ctx2, { timeout: 80 })).to.throw('Script execution timed out after 80ms');
  });
});
