// The node:vm API without Node-only options: contexts, scripts, options, timeouts and node's errors.
// The expected messages are node 20's, written out.
export default function ({ describe, it, expect, vm }) {
  /** What a call throws: class name, code, message, String(e); or 'returned'. */
  const thrown = (fn) => {
    try { fn(); } catch (e) { return { class: e.constructor.name, code: e.code, message: e.message, string: String(e) }; }
    return 'returned';
  };

  describe('exports', () => {
    it('the names node:vm exports (with --experimental-vm-modules), named and on the default object', () => {
      const names = ['Module', 'Script', 'SourceTextModule', 'SyntheticModule', 'compileFunction', 'constants', 'createContext', 'createScript', 'isContext', 'measureMemory', 'runInContext', 'runInNewContext', 'runInThisContext'];
      // …and vmjs's own extension, the stepping debugger: vm.debug and its Trace.
      expect(Object.keys(vm.default).sort()).to.deep.equal(['Trace', 'debug', ...names].sort());
      for (const name of names) expect(vm[name], name).to.equal(vm.default[name]);
    });

    it('functions have node\'s lengths', () => {
      const lengths = { Script: 1, createContext: 0, runInContext: 3, runInNewContext: 3, runInThisContext: 2, isContext: 1, compileFunction: 2, createScript: 2, measureMemory: 0 };
      for (const [name, length] of Object.entries(lengths)) expect(vm[name].length, name).to.equal(length);
    });

    it('constants: a frozen null-prototype object with two symbols', () => {
      expect(Object.getPrototypeOf(vm.constants)).to.equal(null);
      expect(Object.isFrozen(vm.constants)).to.equal(true);
      expect(Object.keys(vm.constants)).to.deep.equal(['USE_MAIN_CONTEXT_DEFAULT_LOADER', 'DONT_CONTEXTIFY']);
      expect(vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER.description).to.equal('vm_dynamic_import_main_context_default');
    });

    it('Script must be called with new', () => {
      expect(() => vm.Script('1')).to.throw(TypeError);
    });
  });

  describe('contexts', () => {
    it('createContext returns its argument, contextified; isContext tells', () => {
      const o = { a: 1 };
      expect(vm.isContext(o)).to.equal(false);
      expect(vm.createContext(o)).to.equal(o);
      expect(vm.isContext(o)).to.equal(true);
      expect(vm.createContext(o)).to.equal(o);
      expect(o).to.deep.equal({ a: 1 });
    });

    it('createContext() makes a new empty context', () => {
      const c = vm.createContext();
      expect(vm.isContext(c)).to.equal(true);
      expect(Object.keys(c)).to.deep.equal([]);
    });

    it('node\'s documentation example: x += 40; var y = 17', () => {
      const context = { x: 2 };
      vm.createContext(context);
      vm.runInContext('x += 40; var y = 17;', context);
      expect(context).to.deep.equal({ x: 42, y: 17 });
    });

    it('runInNewContext: count += 1; name = "kitty"', () => {
      const contextObject = { animal: 'cat', count: 2 };
      vm.runInNewContext('count += 1; name = "kitty"', contextObject);
      expect(contextObject).to.deep.equal({ animal: 'cat', count: 3, name: 'kitty' });
    });

    it('DONT_CONTEXTIFY gives an ordinary global object that is a context', () => {
      const g = vm.createContext(vm.constants.DONT_CONTEXTIFY);
      expect(vm.isContext(g)).to.equal(true);
      expect(vm.runInContext('var q = 1; this === globalThis', g)).to.equal(true);
      expect(g.q).to.equal(1);
      expect(typeof g.Array).to.equal('function');
      expect(g.Array).to.not.equal(Array);
    });

    it('a context keeps its state across runs and after a guest exception', () => {
      const ctx = vm.createContext({ n: 0 });
      vm.runInContext('var list = []; function push(x) { list.push(x); n++; }', ctx);
      vm.runInContext('push(1); push(2)', ctx);
      expect(() => vm.runInContext('push(3); throw new Error("x")', ctx)).to.throw('x');
      expect(vm.runInContext('list.join()', ctx)).to.equal('1,2,3');
      expect(ctx.n).to.equal(3);
    });

    it('host functions can be called from guest code and guest functions from the host', () => {
      const calls = [];
      const ctx = vm.createContext({ record: (x) => { calls.push(x); return x * 2; } });
      expect(vm.runInContext('record(21)', ctx)).to.equal(42);
      const guest = vm.runInContext('(function (a, b) { return a + b + this.k; })', ctx);
      expect(guest.call({ k: 1 }, 2, 3)).to.equal(6);
      expect(calls).to.deep.equal([21]);
    });

    it('runInThisContext runs in the host realm', () => {
      expect(vm.runInThisContext('[]') instanceof Array).to.equal(true);
      expect(vm.runInThisContext('typeof globalThis')).to.equal('object');
      expect(vm.runInThisContext('var h = 1; h + 1')).to.equal(2);
    });

    it('arrays can be contexts, as in node', () => {
      const a = [1, 2];
      expect(vm.runInContext('length', vm.createContext(a))).to.equal(2);
    });
  });

  describe('Script', () => {
    it('one Script runs again and again in one context', () => {
      const context = vm.createContext({ animal: 'cat', count: 2 });
      const script = new vm.Script('count += 1; name = "kitty";');
      for (let i = 0; i < 10; ++i) script.runInContext(context);
      expect(context).to.deep.equal({ animal: 'cat', count: 12, name: 'kitty' });
    });

    it('one Script runs in many contexts, each with its own globals and built-ins', () => {
      const script = new vm.Script('var made = [1, 2]; globalVar = made.length; made');
      const contexts = [{}, {}, {}].map((c) => vm.createContext(c));
      const arrays = contexts.map((c) => script.runInContext(c));
      expect(contexts.map((c) => c.globalVar)).to.deep.equal([2, 2, 2]);
      expect(arrays[0]).to.not.equal(arrays[1]);
      expect(arrays[0] instanceof vm.runInContext('Array', contexts[0])).to.equal(true);
      expect(arrays[0] instanceof vm.runInContext('Array', contexts[1])).to.equal(false);
      expect(script.runInNewContext({ x: 1 })).to.deep.equal([1, 2]);
      expect(script.runInThisContext() instanceof Array).to.equal(true);
    });

    it('functions defined by a Script close over the context they ran in', () => {
      const script = new vm.Script('var tag; function get() { return tag; }');
      const a = vm.createContext({});
      const b = vm.createContext({});
      script.runInContext(a);
      script.runInContext(b);
      a.tag = 'A';
      b.tag = 'B';
      expect([a.get(), b.get()]).to.deep.equal(['A', 'B']);
    });

    it('string options are the filename; code is converted to a string', () => {
      expect(new vm.Script('1 + 1', 'named.js').runInNewContext()).to.equal(2);
      expect(vm.runInNewContext('2 + 2', {}, 'named.js')).to.equal(4);
      expect(new vm.Script(12).runInNewContext()).to.equal(12);
      expect(new vm.Script({ toString() { return '"obj"'; } }).runInNewContext()).to.equal('obj');
    });

    it('sourceMapURL; cachedData produced, used, and rejected when it does not match', () => {
      expect(new vm.Script('1').sourceMapURL).to.equal(undefined);
      expect(new vm.Script('1 //# sourceMappingURL=foo.map\n').sourceMapURL).to.equal('foo.map');
      expect(new vm.Script('1', { cachedData: new Uint8Array(4) }).cachedDataRejected).to.equal(true);
      const produced = new vm.Script('var a = [1, "b", /c/]; a.length', { produceCachedData: true });
      expect(produced.cachedDataProduced).to.equal(true);
      // A Buffer where the host has one, a Uint8Array otherwise.
      const data = produced.cachedData;
      if (typeof globalThis.Buffer === 'function') expect(globalThis.Buffer.isBuffer(data)).to.equal(true);
      else expect(data.constructor).to.equal(Uint8Array);
      const used = new vm.Script('var a = [1, "b", /c/]; a.length', { cachedData: data });
      expect(used.cachedDataRejected).to.equal(false);
      expect(used.runInNewContext()).to.equal(3);
      expect(new vm.Script('var a = [1, "b", /d/]; a.length', { cachedData: data }).cachedDataRejected).to.equal(true);
      expect(vm.compileFunction('return 1', [], { produceCachedData: true }).cachedData.length > 0).to.equal(true);
    });

    it('a syntax error from new Script is a host SyntaxError; from runInContext the context\'s', () => {
      expect(() => new vm.Script('x +')).to.throw(SyntaxError, 'Unexpected end of input');
      const ctx = vm.createContext({});
      let e;
      try { vm.runInContext('x +', ctx); } catch (err) { e = err; }
      expect(e.name).to.equal('SyntaxError');
      expect(e instanceof SyntaxError).to.equal(false);
      expect(e instanceof vm.runInContext('SyntaxError', ctx)).to.equal(true);
    });

    it('with displayErrors the stack starts with file:line, the source line and a caret', () => {
      let e;
      try { vm.runInNewContext('1;\nthrow new TypeError("boom")', {}, { filename: 'f.js' }); } catch (err) { e = err; }
      expect(e.stack.split('\n').slice(0, 5)).to.deep.equal(['f.js:2', 'throw new TypeError("boom")', '^', '', 'TypeError: boom']);
      try { vm.runInNewContext('1;\nthrow new TypeError("boom")', {}, { filename: 'f.js', displayErrors: false }); } catch (err) { e = err; }
      expect(e.stack.split('\n')[0]).to.equal('TypeError: boom');
    });
  });

  describe('timeouts', () => {
    const timeoutError = (ms) => ({ class: 'Error', code: 'ERR_SCRIPT_EXECUTION_TIMEOUT', message: `Script execution timed out after ${ms}ms`, string: `Error: Script execution timed out after ${ms}ms` });

    it('while (true) {} is stopped with node\'s error', () => {
      const started = Date.now();
      expect(thrown(() => vm.runInNewContext('while (true) {}', {}, { timeout: 50 }))).to.deep.equal(timeoutError(50));
      const elapsed = Date.now() - started;
      expect(elapsed).to.be.at.least(45);
      expect(elapsed).to.be.below(5000);
    });

    it('fires in every entry point: Script methods, runInContext, runInThisContext', () => {
      const script = new vm.Script('for (;;) {}');
      const ctx = vm.createContext();
      expect(thrown(() => script.runInContext(ctx, { timeout: 20 }))).to.deep.equal(timeoutError(20));
      expect(thrown(() => script.runInNewContext({}, { timeout: 20 }))).to.deep.equal(timeoutError(20));
      expect(thrown(() => script.runInThisContext({ timeout: 20 }))).to.deep.equal(timeoutError(20));
      expect(thrown(() => vm.runInContext('do {} while (1)', ctx, { timeout: 20 }))).to.deep.equal(timeoutError(20));
      expect(thrown(() => vm.runInThisContext('while (true) {}', { timeout: 20 }))).to.deep.equal(timeoutError(20));
    });

    it('guest code cannot catch it, nor loop again in finally', () => {
      const code = 'try { while (true) {} } catch (e) { "caught" } finally { while (true) {} }';
      expect(thrown(() => vm.runInNewContext(code, {}, { timeout: 30 }))).to.deep.equal(timeoutError(30));
    });

    it('fires in recursion, generators, callbacks and builtins that call back', () => {
      const cases = [
        'function f() { for (;;) {} } f()',
        'function* g() { for (;;) yield 1; } for (const x of g()) {}',
        '[1, 2, 3].forEach(function spin() { for (;;) {} })',
        '[3, 2, 1].sort(() => { for (;;) {} })',
        'JSON.parse("[1]", () => { for (;;) {} })',
        'new Proxy({}, { get() { for (;;) {} } }).x',
        'var o = { get x() { for (;;) {} } }; o.x',
        'class A { constructor() { for (;;) {} } } new A()',
        'eval("while (true) {}")',
        'new Function("while (true) {}")()',
      ];
      for (const code of cases) expect(thrown(() => vm.runInNewContext(code, {}, { timeout: 20 })), code).to.deep.equal(timeoutError(20));
    });

    it('the context stays usable after a timeout; a run that finishes in time is unaffected', () => {
      const ctx = vm.createContext({ n: 0 });
      expect(thrown(() => vm.runInContext('n = 1; while (true) {}', ctx, { timeout: 20 }))).to.deep.equal(timeoutError(20));
      expect(vm.runInContext('n + 1', ctx, { timeout: 1000 })).to.equal(2);
      expect(vm.runInContext('var s = 0; for (var i = 0; i < 1e4; i++) s += i; s', ctx, { timeout: 5000 })).to.equal(49995000);
    });

    it('nested runs: the inner timeout fires inside the outer run, which continues', () => {
      const ctx = vm.createContext({});
      ctx.inner = () => thrown(() => vm.runInNewContext('while (true) {}', {}, { timeout: 20 })).code;
      expect(vm.runInContext('inner() + "/after"', ctx, { timeout: 5000 })).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT/after');
    });
  });

  describe('argument errors: node\'s class, code and message', () => {
    const cases = [
      [() => vm.createContext(1), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "object" argument must be of type object. Received type number (1)'],
      [() => vm.runInNewContext('1', {}, { timeout: 0 }), 'RangeError', 'ERR_OUT_OF_RANGE', 'The value of "options.timeout" is out of range. It must be >= 1 && <= 4294967295. Received 0'],
      [() => vm.runInNewContext('1', {}, { timeout: '50' }), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "options.timeout" property must be of type number. Received type string (\'50\')'],
      [() => vm.runInNewContext('1', {}, { displayErrors: 'yes' }), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "options.displayErrors" property must be of type boolean. Received type string (\'yes\')'],
      [() => vm.runInNewContext('1', {}, { breakOnSigint: 0 }), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "options.breakOnSigint" property must be of type boolean. Received type number (0)'],
      [() => new vm.Script('1').runInContext({}), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "contextifiedObject" argument must be an vm.Context. Received an instance of Object'],
      [() => vm.runInNewContext('1', {}, { microtaskMode: 'never' }), 'TypeError', 'ERR_INVALID_ARG_VALUE', 'The property \'options.microtaskMode\' must be one of: \'afterEvaluate\', undefined. Received \'never\''],
      [() => vm.runInThisContext('1', 5), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "options" argument must be of type object. Received type number (5)'],
      [() => new vm.Script('1', { filename: 1 }), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "options.filename" property must be of type string. Received type number (1)'],
    ];
    for (const [fn, cls, code, message] of cases) {
      it(String(fn).replace(/^\(\) => /, ''), () => {
        expect(thrown(fn)).to.deep.equal({ class: cls, code, message, string: `${cls} [${code}]: ${message}` });
      });
    }
  });

  describe('compileFunction', () => {
    it('a function of the parsing context with parameters and extension scopes', () => {
      const ctx = vm.createContext({ y: 5 });
      const f = vm.compileFunction('return a + b + x + y', ['a', 'b'], { parsingContext: ctx, contextExtensions: [{ x: 1 }, { x: 10 }] });
      expect(f(100, 1000)).to.equal(1115);
      expect([f.name, f.length]).to.deep.equal(['', 2]);
      expect(f.toString()).to.equal('function (a, b) {\nreturn a + b + x + y\n}');
      expect(Object.getPrototypeOf(f)).to.equal(vm.runInContext('Function.prototype', ctx));
    });

    it('a SyntaxError of the parsing context, with V8\'s message', () => {
      const ctx = vm.createContext({});
      let caught;
      try { vm.compileFunction('return (', [], { parsingContext: ctx }); } catch (e) { caught = e; }
      expect(caught instanceof vm.runInContext('SyntaxError', ctx)).to.equal(true);
      expect(caught.message).to.equal('Unexpected end of input');
    });
  });

  describe('measureMemory', () => {
    it('node\'s result shape; a context\'s estimate grows with what it keeps', async () => {
      const ctx = vm.createContext({});
      const last = async () => { const r = await vm.measureMemory({ mode: 'detailed', execution: 'eager' }); return r.other[r.other.length - 1]; };
      const before = await last();
      expect(Object.keys(before)).to.deep.equal(['jsMemoryEstimate', 'jsMemoryRange']);
      expect(before.jsMemoryRange[0]).to.equal(before.jsMemoryEstimate);
      vm.runInContext('var kept = []; for (let i = 0; i < 1000; i++) kept.push({ i });', ctx);
      expect((await last()).jsMemoryEstimate - before.jsMemoryEstimate >= 32000).to.equal(true);
      expect(Object.keys(await vm.measureMemory())).to.deep.equal(['total']);
    });
  });

  describe('createCachedData', () => {
    it('the data a new Script of the same source uses', () => {
      const data = new vm.Script('1 + 1').createCachedData();
      expect(data instanceof Uint8Array).to.equal(true);
      expect(new vm.Script('1 + 1', { cachedData: data }).cachedDataRejected).to.equal(false);
      expect(thrown(() => vm.Script.prototype.createCachedData.call({}))).to.include({ class: 'TypeError', message: 'Illegal invocation' });
    });
  });
}
