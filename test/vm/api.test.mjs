// The node:vm surface of vmjs: exports, contexts, scripts, options and their errors, compared
// with node 20's node:vm side by side where node defines the behaviour.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import { createRequire } from 'node:module';
import vm, * as named from '../../dist/esm/index.js';

const require = createRequire(import.meta.url);

/** What a call throws: class, code, message and String(e); or 'returned'. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return { class: e.constructor.name, code: e.code, message: e.message, string: String(e), ownKeys: Object.keys(e) };
  }
  return 'returned';
}

describe('vm API: exports', () => {
  it('exports the names node:vm exports, as named exports and on the default object', () => {
    // node exports the module classes only with --experimental-vm-modules; vmjs always does.
    const nodeNames = [...new Set([...Object.keys(nodeVm), 'Module', 'SourceTextModule', 'SyntheticModule'])].sort();
    // …plus vmjs's own extension, the stepping debugger (vm.debug and its Trace).
    expect(Object.keys(vm).sort()).to.deep.equal([...nodeNames, 'Trace', 'debug'].sort());
    for (const name of nodeNames) expect(named[name], name).to.equal(vm[name]);
  });

  it('is loadable with require() from the CommonJS build', () => {
    const cjs = require('../../dist/cjs/index.cjs');
    expect(typeof cjs.Script).to.equal('function');
    expect(typeof cjs.runInNewContext).to.equal('function');
    expect(typeof cjs.default.createContext).to.equal('function');
  });

  it('functions have node\'s lengths', () => {
    for (const name of ['Script', 'createContext', 'runInContext', 'runInNewContext', 'runInThisContext', 'isContext', 'compileFunction', 'measureMemory', 'createScript']) {
      expect(vm[name].length, name).to.equal(nodeVm[name].length);
    }
    for (const m of ['runInContext', 'runInNewContext', 'runInThisContext']) {
      expect(vm.Script.prototype[m].length, m).to.equal(nodeVm.Script.prototype[m].length);
    }
  });

  it('constants is a frozen null-prototype object with the two symbols', () => {
    expect(Object.getPrototypeOf(vm.constants)).to.equal(null);
    expect(Object.isFrozen(vm.constants)).to.equal(true);
    expect(Object.keys(vm.constants)).to.deep.equal(Object.keys(nodeVm.constants));
    expect(typeof vm.constants.DONT_CONTEXTIFY).to.equal('symbol');
    expect(vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER.description).to.equal(nodeVm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER.description);
  });

  it('Script must be called with new', () => {
    expect(() => vm.Script('1')).to.throw(TypeError);
  });
});

describe('vm API: argument errors equal node\'s (class, code, message)', () => {
  // Each case runs against node:vm and vmjs; both must throw the same error.
  const cases = [
    (v) => v.createContext(1),
    (v) => v.createContext(null),
    (v) => v.createContext(Symbol('s')),
    (v) => v.createContext({}, null),
    (v) => v.createContext({}, 'name'),
    (v) => v.createContext({}, { name: 1 }),
    (v) => v.createContext({}, { origin: {} }),
    (v) => v.createContext({}, { codeGeneration: 1 }),
    (v) => v.createContext({}, { codeGeneration: { strings: 1 } }),
    (v) => v.createContext({}, { codeGeneration: { wasm: 'no' } }),
    (v) => v.createContext({}, { microtaskMode: 'x' }),
    (v) => v.createContext({}, { microtaskMode: { a: 1 } }),
    (v) => v.createContext({}, { importModuleDynamically: 1 }),
    (v) => v.createContext({}, { importModuleDynamically: Symbol('other') }),
    (v) => v.createContext(v.constants.DONT_CONTEXTIFY, 1),
    (v) => v.isContext(1),
    (v) => v.isContext(null),
    (v) => v.isContext(undefined),
    (v) => v.isContext(function f() {}),
    (v) => new v.Script('1', 5),
    (v) => new v.Script('1', null),
    (v) => new v.Script('1', []),
    (v) => new v.Script('1', function named() {}),
    (v) => new v.Script('1', { filename: 3 }),
    (v) => new v.Script('1', { filename: null }),
    (v) => new v.Script('1', { lineOffset: 1.5 }),
    (v) => new v.Script('1', { lineOffset: '1' }),
    (v) => new v.Script('1', { lineOffset: 2 ** 31 }),
    (v) => new v.Script('1', { columnOffset: -(2 ** 31) - 1 }),
    (v) => new v.Script('1', { columnOffset: NaN }),
    (v) => new v.Script('1', { cachedData: 'data' }),
    (v) => new v.Script('1', { cachedData: new ArrayBuffer(2) }),
    (v) => new v.Script('1', { produceCachedData: 1 }),
    (v) => new v.Script('1', { importModuleDynamically: 'f' }),
    (v) => new v.Script(Symbol('code')),
    (v) => v.runInContext('1', {}),
    (v) => v.runInContext('1', []),
    (v) => v.runInContext('1', null),
    (v) => v.runInContext('1', 5),
    (v) => v.runInContext('1'),
    (v) => v.runInNewContext('1', 5),
    (v) => v.runInNewContext('1', null),
    (v) => v.runInNewContext('1', {}, { contextName: 1 }),
    (v) => v.runInNewContext('1', {}, { contextOrigin: 1 }),
    (v) => v.runInNewContext('1', {}, { contextCodeGeneration: 1 }),
    (v) => v.runInNewContext('1', {}, { contextCodeGeneration: { strings: 'x' } }),
    (v) => v.runInNewContext('1', {}, { contextCodeGeneration: { wasm: 1 } }),
    (v) => v.runInNewContext('1', {}, { microtaskMode: 1 }),
    (v) => v.runInNewContext('1', {}, { microtaskMode: 'never' }),
    (v) => v.runInNewContext('1', {}, { timeout: 0 }),
    (v) => v.runInNewContext('1', {}, { timeout: -1 }),
    (v) => v.runInNewContext('1', {}, { timeout: 1.5 }),
    (v) => v.runInNewContext('1', {}, { timeout: '50' }),
    (v) => v.runInNewContext('1', {}, { timeout: 2 ** 32 }),
    (v) => v.runInNewContext('1', {}, { timeout: 2 ** 40 }),
    (v) => v.runInNewContext('1', {}, { timeout: Infinity }),
    (v) => v.runInNewContext('1', {}, { timeout: 10n }),
    (v) => v.runInNewContext('1', {}, { displayErrors: 'yes' }),
    (v) => v.runInNewContext('1', {}, { breakOnSigint: 0 }),
    (v) => v.runInThisContext('1', { timeout: 0 }),
    (v) => v.runInThisContext('1', null),
    (v) => v.runInThisContext('1', 5),
    (v) => new v.Script('1').runInContext({}),
    (v) => new v.Script('1').runInContext(v.createContext(), 'file.js'),
    (v) => new v.Script('1').runInContext(v.createContext(), { timeout: 0 }),
    (v) => new v.Script('1').runInNewContext({}, 'file.js'),
    (v) => new v.Script('1').runInNewContext(1),
    (v) => new v.Script('1').runInThisContext('file.js'),
    (v) => new v.Script('1').runInThisContext({ timeout: 1e21 }),
    (v) => v.compileFunction(1),
    (v) => v.compileFunction('1', 1),
    (v) => v.compileFunction('1', ['a', 2]),
    (v) => v.compileFunction('1', [], null),
    (v) => v.compileFunction('1', [], { filename: 1 }),
    (v) => v.compileFunction('1', [], { lineOffset: 0.5 }),
    (v) => v.compileFunction('1', [], { cachedData: 1 }),
    (v) => v.compileFunction('1', [], { parsingContext: {} }),
    (v) => v.compileFunction('1', [], { contextExtensions: {} }),
    (v) => v.compileFunction('1', [], { contextExtensions: [null, 1] }),
    (v) => v.measureMemory(1),
    (v) => v.measureMemory({ mode: 'full' }),
    (v) => v.measureMemory({ execution: 'lazy' }),
  ];
  for (const c of cases) {
    it(c.toString().replace(/^\(v\) => /, ''), () => {
      const expected = thrown(() => { const r = c(nodeVm); if (r instanceof Promise) r.catch(() => {}); });
      expect(expected, 'node throws').to.not.equal('returned');
      expect(thrown(() => c(vm))).to.deep.equal(expected);
    });
  }
});

describe('vm API: contexts', () => {
  it('createContext returns its argument, contextified; isContext tells', () => {
    const o = { a: 1 };
    expect(vm.isContext(o)).to.equal(false);
    expect(vm.createContext(o)).to.equal(o);
    expect(vm.isContext(o)).to.equal(true);
    expect(vm.createContext(o)).to.equal(o);
    expect(o).to.deep.equal({ a: 1 });
  });

  it('createContext() makes a new empty object', () => {
    const c = vm.createContext();
    expect(vm.isContext(c)).to.equal(true);
    expect(Object.keys(c)).to.deep.equal([]);
  });

  it('arrays can be contexts (node allows them)', () => {
    const a = [1, 2];
    expect(vm.isContext(vm.createContext(a))).to.equal(true);
    expect(vm.runInContext('length', a)).to.equal(2);
  });

  it('each context has its own intrinsics: instanceof fails across realms, isArray does not', () => {
    const arr = vm.runInNewContext('[1, 2]');
    expect(arr instanceof Array).to.equal(false);
    expect(Array.isArray(arr)).to.equal(true);
    const a = vm.runInNewContext('Array');
    const b = vm.runInNewContext('Array');
    expect(a).to.not.equal(b);
    expect(a).to.not.equal(Array);
  });

  it('DONT_CONTEXTIFY gives an ordinary global object that is a context', () => {
    const g = vm.createContext(vm.constants.DONT_CONTEXTIFY);
    expect(vm.isContext(g)).to.equal(true);
    expect(vm.runInContext('var q = 1; this === globalThis', g)).to.equal(true);
    expect(g.q).to.equal(1);
    expect(typeof g.Array).to.equal('function');
    expect(g.Array).to.not.equal(Array);
  });

  it('a context stays usable after a guest exception', () => {
    const ctx = vm.createContext({ n: 0 });
    expect(() => vm.runInContext('n++; throw new Error("x")', ctx)).to.throw('x');
    expect(vm.runInContext('n', ctx)).to.equal(1);
  });

  it('guest exceptions are the context\'s own error objects', () => {
    const ctx = vm.createContext({});
    let e;
    try { vm.runInContext('null.x', ctx); } catch (err) { e = err; }
    expect(e instanceof TypeError).to.equal(false);
    expect(e instanceof vm.runInContext('TypeError', ctx)).to.equal(true);
    expect(e.message).to.equal("Cannot read properties of null (reading 'x')");
  });

  it('a syntax error from vm.runInContext belongs to the context; from new Script to the host', () => {
    const ctx = vm.createContext({});
    let e;
    try { vm.runInContext('x +', ctx); } catch (err) { e = err; }
    expect(e.name).to.equal('SyntaxError');
    expect(e instanceof SyntaxError).to.equal(false);
    expect(e instanceof vm.runInContext('SyntaxError', ctx)).to.equal(true);
    expect(() => new vm.Script('x +')).to.throw(SyntaxError);
  });
});

describe('vm API: codeGeneration', () => {
  /** What `code` gives in a context made with `options`, under one implementation. */
  const run = (v, code, options) => {
    const ctx = v.createContext({}, options);
    try {
      const value = v.runInContext(code, ctx);
      return { value: typeof value === 'function' ? `function ${value.name}` : value };
    } catch (e) {
      return { threw: e.name, message: e.message, realmError: e instanceof v.runInContext(e.name, ctx), hostError: e instanceof Error };
    }
  };
  const codes = [
    'eval("1 + 1")', 'eval(1)', 'eval()', '(0, eval)("1")', '(0, eval)({})', 'var e = eval; e("1")',
    'function f() { return eval("1") } f()', '(() => eval(1))()',
    'Function("return 1")', 'new Function()', 'new Function("a", "b", "return a")', 'Reflect.construct(Function, [])',
    'Function(Symbol())',
    'new (function* () {}).constructor("yield 1")', 'new (async function () {}).constructor("")',
    'new (async function* () {}).constructor("")',
    'try { eval("1") } catch (e) { [e instanceof EvalError, e.constructor === EvalError, Object.keys(e).length, e.name] }',
  ];
  for (const code of codes) {
    it(`strings: false: ${code}`, () => {
      const options = { codeGeneration: { strings: false } };
      expect(run(vm, code, options)).to.deep.equal(run(nodeVm, code, options));
    });
    it(`strings: true: ${code}`, () => {
      const options = { codeGeneration: { strings: true } };
      expect(run(vm, code, options)).to.deep.equal(run(nodeVm, code, options));
    });
  }

  it('runInNewContext\'s contextCodeGeneration', () => {
    const r = (v) => { try { return v.runInNewContext('eval("2")', {}, { contextCodeGeneration: { strings: false } }); } catch (e) { return e.message; } };
    expect(r(vm)).to.equal(r(nodeVm));
    expect(r(vm)).to.equal('Code generation from strings disallowed for this context');
  });

  it('only the disallowing context is affected; the context stays usable', () => {
    const closed = vm.createContext({}, { codeGeneration: { strings: false } });
    const open = vm.createContext({});
    expect(() => vm.runInContext('eval("1")', closed)).to.throw();
    expect(vm.runInContext('eval("1 + 2")', open)).to.equal(3);
    expect(vm.runInContext('[1, 2].map((x) => x * 2).join()', closed)).to.equal('2,4');
    // An open context's Function called with a closed context's code runs: the callee realm decides.
    closed.F = vm.runInContext('Function', open);
    expect(vm.runInContext('F("return 5")()', closed)).to.equal(5);
    open.E = vm.runInContext('eval', closed);
    expect(() => vm.runInContext('E("5")', open)).to.throw('Code generation from strings disallowed for this context');
  });

  it('wasm: vmjs contexts have no WebAssembly global (node\'s do); wasm: false is accepted', () => {
    expect(vm.runInContext('typeof WebAssembly', vm.createContext({}, { codeGeneration: { wasm: false } }))).to.equal('undefined');
    expect(vm.runInContext('typeof WebAssembly', vm.createContext({}))).to.equal('undefined');
  });
});

describe('vm API: Script', () => {
  it('a compile error has node\'s own properties (stack and message, nothing enumerable)', () => {
    for (const compile of [(v) => new v.Script('x +'), (v) => v.runInNewContext('x +')]) {
      const keys = (v) => { try { compile(v); } catch (e) { return [Object.keys(e), Object.getOwnPropertyNames(e).sort()]; } return 'returned'; };
      expect(keys(vm)).to.deep.equal(keys(nodeVm));
    }
  });

  it('with displayErrors (the default) the stack starts with file:line, the line and a caret, as node\'s', () => {
    const head = (v, code, opts) => { try { v.runInNewContext(code, {}, opts); } catch (e) { return e.stack.split('\n').slice(0, 5).join('\n'); } return 'returned'; };
    const code = '1;\nthrow new TypeError("boom")';
    expect(head(vm, code, { filename: 'f.js' })).to.equal(head(nodeVm, code, { filename: 'f.js' }));
    expect(head(vm, code, { filename: 'f.js', displayErrors: false }).split('\n')[0]).to.equal('TypeError: boom');
  });

  it('has node\'s own properties: sourceMapURL always; cachedData flags only when asked', () => {
    const s = new vm.Script('1');
    expect(Object.keys(s)).to.deep.equal(Object.keys(new nodeVm.Script('1')));
    expect(s.sourceMapURL).to.equal(undefined);
    expect(new vm.Script('1 //# sourceMappingURL=foo.map\n').sourceMapURL).to.equal('foo.map');
    const withCache = new vm.Script('1', { cachedData: new Uint8Array(4) });
    expect(withCache.cachedDataRejected).to.equal(true);
    const produce = new vm.Script('1', { produceCachedData: true });
    expect(produce.cachedDataProduced).to.equal(true);
    expect(Object.keys(produce)).to.deep.equal(Object.keys(new nodeVm.Script('1', { produceCachedData: true })));
  });

  it('string options are the filename', () => {
    expect(new vm.Script('1 + 1', 'named.js').runInNewContext()).to.equal(2);
    expect(vm.runInNewContext('2 + 2', {}, 'named.js')).to.equal(4);
    expect(vm.runInThisContext('3 + 3', 'named.js')).to.equal(6);
  });

  it('the code is converted to a string as node does', () => {
    expect(new vm.Script(12).runInNewContext()).to.equal(12);
    expect(new vm.Script({ toString() { return '"obj"'; } }).runInNewContext()).to.equal('obj');
  });

  it('createCachedData returns the data a new Script uses (more in cached-data.test.mjs)', () => {
    const data = new vm.Script('1 + 1').createCachedData();
    expect(new vm.Script('1 + 1', { cachedData: data }).cachedDataRejected).to.equal(false);
  });

});

describe('vm API: node documentation examples', () => {
  it('vm.runInContext: x += 40; var y = 17;', () => {
    const context = { x: 2 };
    vm.createContext(context);
    vm.runInContext('x += 40; var y = 17;', context);
    expect(context.x).to.equal(42);
    expect(context.y).to.equal(17);
  });

  it('new vm.Script run 10 times in one context', () => {
    const context = { animal: 'cat', count: 2 };
    const script = new vm.Script('count += 1; name = "kitty";');
    vm.createContext(context);
    for (let i = 0; i < 10; ++i) script.runInContext(context);
    expect(context).to.deep.equal({ animal: 'cat', count: 12, name: 'kitty' });
  });

  it('one Script in several new contexts', () => {
    const script = new vm.Script('globalVar = "set"');
    const contexts = [{}, {}, {}];
    contexts.forEach((context) => { script.runInNewContext(context); });
    expect(contexts).to.deep.equal([{ globalVar: 'set' }, { globalVar: 'set' }, { globalVar: 'set' }]);
  });

  it('vm.runInNewContext: count += 1; name = "kitty"', () => {
    const contextObject = { animal: 'cat', count: 2 };
    vm.runInNewContext('count += 1; name = "kitty"', contextObject);
    expect(contextObject).to.deep.equal({ animal: 'cat', count: 3, name: 'kitty' });
  });

  it('vm.runInContext repeated: globalVar *= 2', () => {
    const contextObject = { globalVar: 1 };
    vm.createContext(contextObject);
    for (let i = 0; i < 10; ++i) vm.runInContext('globalVar *= 2;', contextObject);
    expect(contextObject).to.deep.equal({ globalVar: 1024 });
  });

  it('vm.createContext: the host global is untouched', () => {
    globalThis.vmjsDocGlobalVar = 3;
    try {
      const context = { vmjsDocGlobalVar: 1 };
      vm.createContext(context);
      vm.runInContext('vmjsDocGlobalVar *= 2;', context);
      expect(context).to.deep.equal({ vmjsDocGlobalVar: 2 });
      expect(globalThis.vmjsDocGlobalVar).to.equal(3);
    } finally {
      delete globalThis.vmjsDocGlobalVar;
    }
  });

  it('script.runInThisContext 1000 times increments a host global', () => {
    globalThis.vmjsDocCounter = 0;
    try {
      const script = new vm.Script('vmjsDocCounter += 1', { filename: 'myfile.vm' });
      for (let i = 0; i < 1000; ++i) script.runInThisContext();
      expect(globalThis.vmjsDocCounter).to.equal(1000);
    } finally {
      delete globalThis.vmjsDocCounter;
    }
  });

  it('vm.runInThisContext vs eval: no access to the local scope', () => {
    // eslint-disable-next-line prefer-const
    let localVar = 'initial value';
    try {
      const vmResult = vm.runInThisContext('localVar = "vm";');
      expect(`vmResult: '${vmResult}', localVar: '${localVar}'`).to.equal("vmResult: 'vm', localVar: 'initial value'");
      const evalResult = eval('localVar = "eval";');
      expect(`evalResult: '${evalResult}', localVar: '${localVar}'`).to.equal("evalResult: 'eval', localVar: 'eval'");
    } finally {
      delete globalThis.localVar;
    }
  });
});

describe('vm API: timeouts', () => {
  function timeoutError(fn) {
    const t = thrown(fn);
    return t === 'returned' ? t : { class: t.class, code: t.code, message: t.message };
  }
  const expected = { class: 'Error', code: 'ERR_SCRIPT_EXECUTION_TIMEOUT', message: 'Script execution timed out after 50ms' };

  it('while (true) {} with timeout 50 throws node\'s error, and the context is usable afterwards', () => {
    const ctx = vm.createContext({ before: 1 });
    const t0 = Date.now();
    expect(timeoutError(() => vm.runInContext('while (true) {}', ctx, { timeout: 50 }))).to.deep.equal(expected);
    expect(Date.now() - t0).to.be.below(2000);
    expect(vm.runInContext('before + 1', ctx)).to.equal(2);
  });

  it('node:vm gives the same error', () => {
    expect(timeoutError(() => nodeVm.runInNewContext('while (true) {}', {}, { timeout: 50 }))).to.deep.equal(expected);
  });

  it('guest catch and finally do not see the timeout', () => {
    const ctx = vm.createContext({ log: [] });
    expect(timeoutError(() => vm.runInContext('try { for (;;) {} } catch (e) { log.push("catch") } finally { log.push("finally") }', ctx, { timeout: 50 }))).to.deep.equal(expected);
    expect(ctx.log).to.deep.equal([]);
  });

  it('covers deep recursion loops and runInThisContext / Script methods', () => {
    expect(timeoutError(() => vm.runInNewContext('function f() { try { f() } catch { f() } } f()', {}, { timeout: 50 }))).to.deep.equal(expected);
    expect(timeoutError(() => new vm.Script('for (;;) {}').runInThisContext({ timeout: 50 }))).to.deep.equal(expected);
    expect(timeoutError(() => new vm.Script('for (;;) {}').runInNewContext({}, { timeout: 50 }))).to.deep.equal(expected);
  });

  it('fires in a catch-and-retry storm wherever the host stack ends (host stack overflows mid-tick)', () => {
    // At several host depths, so that both the guest depth limit and the host stack's end are reached.
    for (const hostDepth of [0, 300, 3000]) {
      const deep = (n) => (n === 0
        ? timeoutError(() => vm.runInNewContext('function f() { try { f() } catch { f() } } f()', {}, { timeout: 50 }))
        : deep(n - 1));
      expect(deep(hostDepth), `host depth ${hostDepth}`).to.deep.equal(expected);
    }
  });

  it('a script that finishes in time returns its value', () => {
    expect(vm.runInNewContext('let s = 0; for (let i = 0; i < 1000; i++) s += i; s', {}, { timeout: 1000 })).to.equal(499500);
  });
});
