// The regexp builtins' fast paths (issue 12): @@split searching once per match instead of a sticky
// exec per position, the pattern, flags and program kept on each RegExp, the flag getters and exec/test
// without `wrap`. Each is checked against node:vm on the host's engine and on vmjs's own matcher, and
// against what guest code can observe (subclasses, exec overrides, getters, legacy statics, timeouts).
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';
import { setRegExpOwnMatcherEverywhere } from '../../dist/esm/internal.js';

/** Runs `code` in a new context of vmjs and of node:vm; the JSON of both results. */
function both(code) {
  return [JSON.stringify(vm.runInNewContext(code)), JSON.stringify(nodeVm.runInNewContext(code))];
}

function expectSameAsNode(code) {
  const [ours, node] = both(code);
  expect(ours, code).to.equal(node);
}

/** Each case runs on the host's engine, then with every match on vmjs's matcher. */
function onBothMatchers(body) {
  for (const own of [false, true]) {
    setRegExpOwnMatcherEverywhere(own);
    try {
      body(own);
    } finally {
      setRegExpOwnMatcherEverywhere(false);
    }
  }
}

const splits = [
  '"a, b ;c; d".split(/\\s?;\\s?/)',
  '"abc".split(/(?:)/)',
  '"abc".split(/()/)',
  '"a1b22c".split(/(\\d)(\\d)?/)',
  '"a1b22c".split(/(\\d)(\\d)?/, 3)',
  '"a1b22c".split(/(\\d)(\\d)?/, 0)',
  '"".split(/x/)',
  '"".split(/(?:)/)',
  '"xax".split(/x/)',
  '"\\ud83d\\ude00a\\ud83d\\ude00".split(/(?:)/u)',
  '"\\ud83d\\ude00a\\ud83d\\ude00".split(/(?:)/)',
  '"\\ud83d\\ude00a\\ud83d\\ude00".split(/(?:)/v)',
  '"aXbxc".split(/x/i)',
  '"a\\nb\\nc".split(/^/m)',
  '"abcabc".split(/(?<=b)/)',
  '"abcabc".split(/b*/)',
  '"aaa".split(/a*?/)',
  '"aaa".split(/a*/)',
  '"a,b,c".split(/,/y)',
  '"a,b,c".split(/,/g)',
  '"A<B>bold</B>and<CODE>coded</CODE>".split(/<(\\/)?([^<>]+)>/)',
  '"x".repeat(300).split(/(x)(x)/).length',
  '("ab".repeat(200) + "c").split(/(?:a|b)(?=c)/)',
  '"test".split(/(?:)/, 2)',
  '"a b  c".split(/\\s*/)',
  '"a-b_c".split(/[-_]/, 2)',
  '"2024-01-02".split(/(?<sep>-)/)',
  '"x".split(/$/)',
  '"a\\nb".split(/$/m)',
  '"ab".split(/(?:)$/)',
  '"ab".split(/b|$/)',
  '"ab".split(/(?=$)/)',
];

describe('RegExp @@split searching once per match', function () {
  this.timeout(20000);

  it('gives node:vm results, on both matchers', () => {
    onBothMatchers(() => {
      for (const code of splits) expectSameAsNode(code);
    });
  });

  it('leaves the legacy static properties at the last match, as a sticky exec per position would', () => {
    onBothMatchers(() => {
      expectSameAsNode('"abc".split(/b/); [RegExp.lastMatch, RegExp["$`"], RegExp["$\'"], RegExp.input]');
      expectSameAsNode('"a1b2c3".split(/(\\d)/); [RegExp.$1, RegExp.lastMatch, RegExp.leftContext, RegExp.rightContext, RegExp.lastParen]');
      expectSameAsNode('/z(.)/.exec("zq"); "abc".split(/x/); [RegExp.$1, RegExp.lastMatch]');
      expectSameAsNode('"aXbXc".split(/X/, 1); [RegExp.lastMatch, RegExp.leftContext]');
      expectSameAsNode('/(q)/.exec("q"); "ab".split(/$/); [RegExp.$1, RegExp.lastMatch]');
    });
  });

  it('still runs an overridden exec once per position, in order', () => {
    const code = `
      const seen = [];
      const exec = RegExp.prototype.exec;
      RegExp.prototype.exec = function (s) { seen.push(this.lastIndex); return exec.call(this, s); };
      const parts = "a,b,,c".split(/,/);
      [parts, seen]`;
    onBothMatchers(() => expectSameAsNode(code));
  });

  it('still runs an exec getter on %RegExp.prototype% at each position', () => {
    const code = `
      let gets = 0;
      const exec = RegExp.prototype.exec;
      Object.defineProperty(RegExp.prototype, 'exec', { get() { gets++; return exec; }, configurable: true });
      ["a1b2".split(/\\d/), gets]`;
    expectSameAsNode(code);
  });

  it('goes through a subclass (its @@species constructor and exec) as the spec says', () => {
    const code = `
      const log = [];
      class R extends RegExp {
        exec(s) { log.push(this.lastIndex); return super.exec(s); }
        static get [Symbol.species]() { log.push('species'); return R; }
      }
      const parts = "x1y2z".split(new R("\\\\d"));
      [parts, log]`;
    onBothMatchers(() => expectSameAsNode(code));
  });

  it('a split of a long input under a timeout ends with the timeout', () => {
    const ctx = vm.createContext({});
    const t0 = Date.now();
    let error;
    try {
      vm.runInContext('const s = "a,".repeat(100000); for (;;) s.split(/,/);', ctx, { timeout: 100 });
    } catch (e) {
      error = e;
    }
    expect(error && error.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(Date.now() - t0).to.be.below(2000);
    expect(vm.runInContext('"a,b".split(/,/).join("+")', ctx)).to.equal('a+b');
  });
});

describe('RegExp state kept on each RegExp', () => {
  it('compile gives a RegExp a new pattern and flags for every later match', () => {
    const code = `
      const r = /a/g;
      const before = r.exec("xaa");
      r.compile("b+", "y");
      r.lastIndex = 1;
      const after = r.exec("abbb");
      r.compile(/(c)/i);
      [before && before[0], after && after[0], r.exec("xC"), r.flags, r.source, "ab".split(r)]`;
    onBothMatchers(() => expectSameAsNode(code));
  });

  it('the same pattern made by a literal, by RegExp and from another RegExp matches alike', () => {
    const code = `
      const out = [];
      for (let i = 0; i < 3; i++) out.push(/(\\d+)-(\\d+)/.exec("a 12-34 b"), new RegExp("/(\\\\d)/", "g").exec("x/1/"), new RegExp(/a\\/b/).test("a/b"));
      out.push(new RegExp("\\n").test("a\\nb"), new RegExp("").exec("abc"), new RegExp("[/]").exec("x/"));
      out`;
    onBothMatchers(() => expectSameAsNode(code));
  });
});

describe('RegExp flag getters, flags, exec and test', () => {
  it('have their spec names, lengths, receivers and errors', () => {
    const code = `
      const names = ['global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'unicodeSets', 'sticky', 'hasIndices'];
      const out = names.map((n) => {
        const get = Object.getOwnPropertyDescriptor(RegExp.prototype, n).get;
        let nonRegExp, primitive, constructed;
        try { get.call({}); } catch (e) { nonRegExp = e.constructor === TypeError; }
        try { get.call(1); } catch (e) { primitive = e.constructor === TypeError; }
        try { new get(); } catch (e) { constructed = e.constructor === TypeError; }
        return [get.name, get.length, get.call(RegExp.prototype), get.call(/x/dgimsy), get.call(/x/v), nonRegExp, primitive, constructed, 'prototype' in get];
      });
      const flags = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
      let flagsError;
      try { flags.call(1); } catch (e) { flagsError = e.constructor === TypeError; }
      out.push([flags.name, flags.length, flags.call(/x/gimsuyd), flags.call({ global: 1, sticky: {}, hasIndices: 0, unicodeSets: 'v' }), flagsError]);
      out.push([RegExp.prototype.exec.name, RegExp.prototype.exec.length, RegExp.prototype.test.name, RegExp.prototype.test.length]);
      let execError, testError;
      try { RegExp.prototype.exec.call({}, 'a'); } catch (e) { execError = e.constructor === TypeError; }
      try { RegExp.prototype.test.call(1, 'a'); } catch (e) { testError = e.constructor === TypeError; }
      out.push([execError, testError, RegExp.prototype.test.call({ exec() { return {}; } }, 'x')]);
      out`;
    expectSameAsNode(code);
  });

  it('flags reads each flag through the receiver\'s getters, in spec order', () => {
    // The spec's order (§22.2.6.4; node 20's V8 still reads unicodeSets last), and @@replace reads
    // `flags` once (node 20 reads `global` and `unicode` instead).
    const code = `
      const log = [];
      const r = /x/g;
      for (const n of ['hasIndices', 'global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'unicodeSets', 'sticky']) {
        Object.defineProperty(r, n, { get() { log.push(n); return n === 'multiline'; } });
      }
      [r.flags, log.splice(0), "aXb".replace(r, "-"), log]`;
    const order = ['hasIndices', 'global', 'ignoreCase', 'multiline', 'dotAll', 'unicode', 'unicodeSets', 'sticky'];
    expect(vm.runInNewContext(code)).to.deep.equal(['m', order, 'aXb', order]);
  });

  it('a flag getter of one realm answers for a RegExp of another, and refuses the other realm\'s prototype', () => {
    const ctx = vm.createContext({});
    const other = vm.runInNewContext('/a/gi');
    const get = vm.runInContext('Object.getOwnPropertyDescriptor(RegExp.prototype, "global").get', ctx);
    expect(get.call(other)).to.equal(true);
    const otherProto = vm.runInNewContext('RegExp.prototype');
    expect(() => get.call(otherProto)).to.throw(vm.runInContext('TypeError', ctx));
  });
});
