// The generator form everywhere (src/interpreter/compile/generator-form.ts): every body prepared in
// the form async code runs in gives the same results as the synchronous preparation.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { isDrivenBody, prepareScript, setGeneratorFormEverywhere } from '../../dist/esm/internal.js';

const programs = {
  closures: 'function counter() { let n = 0; return () => ++n; } const c = counter(); c(); c(); c()',
  labels: 'let out = []; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; out.push(i + "" + j); } } out.join()',
  finally: 'function f() { try { return "try"; } finally { log = "finally ran"; } } var log; [f(), log].join()',
  destructuring: 'const { a, b: [c, ...d] = [], ...rest } = { a: 1, b: [2, 3, 4], e: 5 }; JSON.stringify([a, c, d, rest])',
  classes: 'class A { #x = 1; static s = 2; get x() { return this.#x; } static { A.t = 3; } } class B extends A { constructor() { super(); this.y = super.x; } } const b = new B(); [b.x, b.y, A.s, A.t].join()',
  eval: 'var v = 1; function g() { var v = 2; return eval("v + 1") + (0, eval)("v"); } g()',
  generators: 'function* g() { const x = yield 1; yield x * 2; } const it = g(); it.next(); it.next(21).value',
  switches: 'function s(x) { switch (x) { case 1: return "one"; case 2: default: return "many"; } } s(1) + s(2) + s(7)',
  errors: 'try { null.x } catch (e) { e instanceof TypeError }',
};

describe('the generator form everywhere', () => {
  afterEach(() => setGeneratorFormEverywhere(false));

  it('the switch changes how bodies are prepared from then on', () => {
    const options = { filename: 'x.js', lineOffset: 0, columnOffset: 0 };
    expect(isDrivenBody(prepareScript('1', options).code.body)).to.equal(false);
    setGeneratorFormEverywhere(true);
    expect(isDrivenBody(prepareScript('1', options).code.body)).to.equal(true);
    setGeneratorFormEverywhere(false);
    expect(isDrivenBody(prepareScript('1', options).code.body)).to.equal(false);
  });

  for (const [name, code] of Object.entries(programs)) {
    it(`${name}: same result as the synchronous form`, () => {
      const plain = new vm.Script(code).runInNewContext();
      setGeneratorFormEverywhere(true);
      const generatorForm = new vm.Script(code).runInNewContext();
      expect(generatorForm).to.deep.equal(plain);
    });
  }

  it('async functions prepared that way still suspend and resume', async () => {
    setGeneratorFormEverywhere(true);
    const ctx = vm.createContext({});
    const p = vm.runInContext('(async () => { const a = await 1; const b = await Promise.resolve(2); return a + b; })()', ctx);
    expect(await p).to.equal(3);
  });
});
