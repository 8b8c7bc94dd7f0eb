// Explicit resource management (ES2026): `using` / `await using` declarations, DisposableStack,
// AsyncDisposableStack, SuppressedError and the dispose symbols, through the public API. node 20's
// vm has none of it (it rejects `using` as a SyntaxError), so the expectations are the spec's.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { setGeneratorFormEverywhere } from '../../dist/esm/internal.js';

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs `code` in a new context with a `log` array and a `res(name)` that makes a resource logging its
 * disposal; returns the log after the host's event loop turned a few times (promise jobs ran). */
async function logOf(code, { turns = 6, context = vm.createContext({}) } = {}) {
  vm.runInContext(`var log = [];
    function res(name, fail) { return { [Symbol.dispose]() { log.push('dispose ' + name); if (fail) throw new Error(name); } }; }
    function ares(name, fail) { return { async [Symbol.asyncDispose]() { log.push('start ' + name); await null; log.push('end ' + name); if (fail) throw new Error(name); } }; }`, context);
  vm.runInContext(code, context);
  for (let i = 0; i < turns; i++) await turn();
  return vm.runInContext('log', context);
}

function run(code) {
  return vm.runInNewContext(`
    var log = [];
    function res(name, fail) { return { [Symbol.dispose]() { log.push('dispose ' + name); if (fail) throw new Error(name); } }; }
    ${code}`);
}

describe('using declarations', () => {
  it('disposes a block\'s resources at its end, in reverse order, skipping null and undefined', () => {
    expect(run('{ using a = res("a"), n = null; using u = undefined, b = res("b"); log.push("body"); } log.push("after"); log.join()'))
      .to.equal('body,dispose b,dispose a,after');
  });

  it('disposes after a function body\'s return value is computed, and keeps it', () => {
    expect(run('function f() { using a = res("a"); return (log.push("return"), 42); } [f(), log.join()].join(";")'))
      .to.equal('42;return,dispose a');
  });

  it('the dispose method is called with the resource as this, and what it returns is ignored', () => {
    expect(run('var r = { [Symbol.dispose]() { log.push(this === r); return 7; } }; { using x = r; } log.join()')).to.equal('true');
  });

  it('keeps a block\'s completion value', () => {
    expect(vm.runInNewContext('{ using x = null; "value" }')).to.equal('value');
  });

  it('disposes on break, continue and return out of nested blocks', () => {
    expect(run(`
      for (var i = 0; i < 3; i++) { using r = res("i" + i); if (i === 0) continue; if (i === 1) break; }
      (function () { { using q = res("q"); return; } })();
      log.join()`)).to.equal('dispose i0,dispose i1,dispose q');
  });

  it('for (using x of …) disposes each value after its iteration, before the iterator is closed', () => {
    expect(run(`
      function* g() { try { yield res("1"); yield res("2"); yield res("3"); } finally { log.push("closed"); } }
      for (using r of g()) { log.push("body"); if (log.length >= 3) break; }
      log.join()`)).to.equal('body,dispose 1,body,dispose 2,closed');
  });

  it('for (using x = …; …; …) disposes once, when the loop ends', () => {
    expect(run('for (using r = res("loop"), i = null; log.length < 2; ) log.push("iteration"); log.join()'))
      .to.equal('iteration,iteration,dispose loop');
  });

  it('a value with no dispose method, or not an object, is a TypeError of the context', () => {
    const context = vm.createContext({});
    const TypeErrorOfContext = vm.runInContext('TypeError', context);
    expect(() => vm.runInContext('{ using x = {}; }', context)).to.throw(TypeErrorOfContext);
    expect(() => vm.runInContext('{ using x = 1; }', context)).to.throw(TypeErrorOfContext);
    expect(() => vm.runInContext('{ using x = { [Symbol.dispose]: 1 }; }', context)).to.throw(TypeErrorOfContext);
    // The resources added before the failing one are still disposed.
    expect(run('try { using a = res("a"), b = 5; } catch (e) { log.push(e.constructor.name); } log.join()')).to.equal('dispose a,TypeError');
  });

  it('the bindings are constant and have a temporal dead zone', () => {
    expect(run('try { { using x = null; x = 1; } } catch (e) { log.push(e.constructor.name); } log.join()')).to.equal('TypeError');
    expect(run('try { { x; using x = null; } } catch (e) { log.push(e.constructor.name); } log.join()')).to.equal('ReferenceError');
  });

  it('an error while disposing replaces a normal completion; errors chain in SuppressedErrors', () => {
    const out = run(`
      var e1;
      try { using a = res("a", true), b = res("b", true); throw new Error("body"); } catch (e) { e1 = e; }
      [e1 instanceof SuppressedError, e1.error.message, e1.suppressed instanceof SuppressedError,
       e1.suppressed.error.message, e1.suppressed.suppressed.message, Object.getPrototypeOf(e1) === SuppressedError.prototype,
       Object.keys(e1).length, log.join()].join()`);
    expect(out).to.equal('true,a,true,b,body,true,0,dispose b,dispose a');
    expect(run('try { using a = res("only", true); } catch (e) { log.push(e.message, e instanceof SuppressedError); } log.join()'))
      .to.equal('dispose only,only,false');
  });

  it('a generator\'s return() while suspended in the scope disposes', () => {
    expect(run('function* g() { using r = res("g"); yield 1; log.push("not reached"); } var it = g(); it.next(); it.return(5); log.join()'))
      .to.equal('dispose g');
  });

  it('using is a SyntaxError where the spec forbids it', () => {
    for (const code of ['using x = null;', '{ using {a} = null; }', 'switch (1) { case 1: using x = null; }', 'if (1) using x = null;',
      '{ using x; }', 'for (using x in {}) {}', 'function f() { await using x = null; }', 'eval("using x = null")']) {
      const context = vm.createContext({});
      const SyntaxErrorOfContext = vm.runInContext('SyntaxError', context);
      expect(() => vm.runInContext(code, context), code).to.throw(SyntaxErrorOfContext);
    }
    expect(vm.runInNewContext('var using = 1; using')).to.equal(1);
  });

  it('vm.compileFunction bodies and Function bodies may declare using at their top', () => {
    const context = vm.createContext({ log: [] });
    const fn = vm.compileFunction('using x = { [Symbol.dispose]() { log.push("disposed"); } }; log.push("body"); return 1;', [], { parsingContext: context });
    expect(fn()).to.equal(1);
    expect(context.log).to.deep.equal(['body', 'disposed']);
    expect(vm.runInContext('Function("using x = { [Symbol.dispose]() { log.push(2); } }; return 3")()', context)).to.equal(3);
    expect(() => vm.compileFunction('switch (1) { case 1: using x = null; }')).to.throw(SyntaxError);
  });

  it('a timeout inside a dispose method ends the run; no guest catch sees it', () => {
    const context = vm.createContext({ seen: [] });
    expect(() => vm.runInContext('try { using x = { [Symbol.dispose]() { for (;;) {} } }; } catch (e) { seen.push(e); }', context, { timeout: 50 }))
      .to.throw(/Script execution timed out/);
    expect(context.seen).to.deep.equal([]);
    // A run that times out in the block disposes nothing (no guest code runs after a termination).
    expect(() => vm.runInContext('{ using x = { [Symbol.dispose]() { seen.push("disposed"); } }; for (;;) {} }', context, { timeout: 50 }))
      .to.throw(/Script execution timed out/);
    expect(context.seen).to.deep.equal([]);
    expect(vm.runInContext('{ using x = { [Symbol.dispose]() { seen.push("ok"); } }; } seen.length', context)).to.equal(1);
  });

  it('works in runInThisContext with the host\'s Symbol.dispose', () => {
    globalThis.__vmjsUsingLog = [];
    vm.runInThisContext('{ using x = { [Symbol.dispose]() { __vmjsUsingLog.push("disposed"); } }; }');
    expect(globalThis.__vmjsUsingLog).to.deep.equal(['disposed']);
    const e = vm.runInThisContext(`(() => { try { using a = { [Symbol.dispose]() { throw 1; } }; throw 2; } catch (e) { return e; } })()`);
    expect([e.name, e.error, e.suppressed, e instanceof Error]).to.deep.equal(['SuppressedError', 1, 2, true]);
    delete globalThis.__vmjsUsingLog;
  });

  it('gives the same results in the generator form', () => {
    setGeneratorFormEverywhere(true);
    try {
      expect(run('function f() { using a = res("a"); { using b = res("b"); } for (using c of [res("c")]) log.push("body"); return "r"; } f() + log.join()'))
        .to.equal('rdispose b,body,dispose c,dispose a');
    } finally {
      setGeneratorFormEverywhere(false);
    }
  });
});

describe('await using declarations', () => {
  it('awaits each async disposal at the end of the scope, in reverse order', async () => {
    expect(await logOf(`(async () => { { await using a = ares("a"), b = ares("b"); log.push("body"); } log.push("after"); })();`))
      .to.deep.equal(['body', 'start b', 'end b', 'start a', 'end a', 'after']);
  });

  it('falls back to Symbol.dispose, without awaiting its result', async () => {
    expect(await logOf(`(async () => { { await using a = res("sync"); } log.push("after"); })();`))
      .to.deep.equal(['dispose sync', 'after']);
  });

  it('an await using of null still awaits once at the scope\'s end', async () => {
    expect(await logOf(`
      Promise.resolve().then(() => log.push("tick 1")).then(() => log.push("tick 2"));
      (async () => { { await using x = null; log.push("body"); } log.push("after"); })();`))
      .to.deep.equal(['body', 'tick 1', 'after', 'tick 2']);
  });

  it('a rejected disposal rejects the async function, chained with the body\'s error', async () => {
    expect(await logOf(`(async () => { await using a = ares("a", true); throw new Error("body"); })()
      .catch((e) => log.push(e.constructor.name, e.error.message, e.suppressed.message));`))
      .to.deep.equal(['start a', 'end a', 'SuppressedError', 'a', 'body']);
  });

  it('for await (await using x of …) and async generators', async () => {
    expect(await logOf(`
      async function* g() { await using r = ares("gen"); yield 1; log.push("gen resumed"); }
      (async () => {
        for await (await using x of [ares("1"), ares("2")]) log.push("body");
        for await (const v of g()) log.push("value " + v);
      })();`, { turns: 12 }))
      .to.deep.equal(['body', 'start 1', 'end 1', 'body', 'start 2', 'end 2', 'value 1', 'gen resumed', 'start gen', 'end gen']);
  });

  it('an async generator\'s return() while suspended at a yield awaits the disposal', async () => {
    expect(await logOf(`
      async function* g() { await using r = ares("gen"); yield 1; log.push("not reached"); }
      const it = g();
      it.next().then((v) => { log.push("next " + v.value); return it.return(9); }).then((v) => log.push("return " + v.value + " " + v.done));`, { turns: 10 }))
      .to.deep.equal(['next 1', 'start gen', 'end gen', 'return 9 true']);
  });

  it('at the top level of a module, which then evaluates asynchronously', async () => {
    const context = vm.createContext({ log: [] });
    const m = new vm.SourceTextModule(`
      await using a = { async [Symbol.asyncDispose]() { log.push("dispose a"); } };
      using b = { [Symbol.dispose]() { log.push("dispose b"); } };
      log.push("body");`, { context });
    await m.link(() => { throw new Error('no imports'); });
    await m.evaluate();
    expect(context.log).to.deep.equal(['body', 'dispose b', 'dispose a']);
  });
});

describe('DisposableStack, AsyncDisposableStack, SuppressedError', () => {
  it('DisposableStack: use, adopt, defer, move, dispose', () => {
    expect(run(`
      var s = new DisposableStack();
      s.use(res("used"));
      s.adopt("value", (v) => log.push("adopted " + v));
      s.defer(() => log.push("deferred"));
      var moved = s.move();
      log.push(s.disposed, moved.disposed, Object.prototype.toString.call(moved), moved[Symbol.dispose] === moved.dispose);
      { using m = moved; }
      log.push(moved.disposed);
      try { s.use(null); } catch (e) { log.push(e.constructor.name); }
      log.join()`)).to.equal('true,false,[object DisposableStack],true,deferred,adopted value,dispose used,true,ReferenceError');
  });

  it('AsyncDisposableStack: disposeAsync awaits each disposal and resolves with undefined', async () => {
    expect(await logOf(`
      var s = new AsyncDisposableStack();
      s.use(ares("a"));
      s.defer(async () => { log.push("deferred"); });
      s.disposeAsync().then((v) => log.push("resolved " + v, s.disposed));`))
      .to.deep.equal(['deferred', 'start a', 'end a', 'resolved undefined', true]);
  });

  it('are the context\'s own, with the spec\'s shapes', () => {
    const context = vm.createContext({});
    const out = vm.runInContext(`[
      typeof DisposableStack, DisposableStack.length, AsyncDisposableStack.name, SuppressedError.length,
      Object.getPrototypeOf(SuppressedError) === Error, new SuppressedError(1, 2, "m").message,
      typeof Symbol.dispose, Symbol.keyFor(Symbol.dispose), Symbol.dispose.description, Symbol.asyncDispose.description,
      typeof Iterator.prototype[Symbol.dispose], typeof Object.getPrototypeOf(Object.getPrototypeOf((async function* () {}).prototype))[Symbol.asyncDispose],
    ]`, context);
    expect(out).to.deep.equal(['function', 0, 'AsyncDisposableStack', 3, true, 'm', 'symbol', undefined, 'Symbol.dispose', 'Symbol.asyncDispose', 'function', 'function']);
    expect(vm.runInContext('DisposableStack', context)).to.not.equal(vm.runInNewContext('DisposableStack'));
    expect(vm.runInContext('Symbol.dispose', context)).to.equal(vm.runInNewContext('Symbol.dispose'));
    // Nothing they hand out leads to the host's Function.
    expect(vm.runInContext('new DisposableStack().constructor.constructor === Function', context)).to.equal(true);
    expect(vm.runInContext('try { { using a = { [Symbol.dispose]() { throw 1; } }; throw 2; } } catch (e) { e.constructor.constructor === Function && e instanceof SuppressedError }', context)).to.equal(true);
  });

  it('using an iterator closes it', () => {
    expect(run('function* g() { try { yield 1; } finally { log.push("closed"); } } { using it = g(); it.next(); } log.join()')).to.equal('closed');
  });
});
