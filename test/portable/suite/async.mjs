// Promises, async functions, async generators and for await in every runtime: guest jobs go to the
// interpreter's queue, drained at the host's microtask checkpoint (queueMicrotask), so the order of
// jobs must be V8's everywhere. Literal expectations only.
export default function ({ describe, it, expect, vm }) {
  const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
  async function logOf(code, options) {
    const context = vm.createContext({}, options);
    vm.runInContext('var log = [];', context);
    vm.runInContext(code, context);
    for (let i = 0; i < 4; i++) await turn();
    return vm.runInContext('log', context);
  }

  describe('promise jobs', () => {
    it('then callbacks and thenable adoption run in V8\'s order', async () => {
      expect(await logOf(
        'var a = Promise.resolve(); a.then(() => log.push(1)).then(() => log.push(4));' +
        'Promise.resolve({ then(r) { log.push(2); r(); } }).then(() => log.push(5)); a.then(() => log.push(3));',
      )).to.deep.equal([1, 2, 3, 4, 5]);
    });
    it('Promise.all and allSettled with the realm\'s arrays', async () => {
      expect(await logOf('Promise.all([1, Promise.resolve(2)]).then(v => log.push(v, Array.isArray(v), v instanceof Array));' +
        'Promise.allSettled([Promise.reject(3)]).then(r => log.push(r[0].status, r[0].reason));'))
        .to.deep.equal([[1, 2], true, true, 'rejected', 3]);
    });
    it('a host await of a guest promise', async () => {
      expect(await vm.runInNewContext('new Promise(r => r(41)).then(v => v + 1)')).to.equal(42);
    });
    it('microtaskMode afterEvaluate drains the context\'s jobs before runInContext returns', () => {
      const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
      expect(vm.runInContext('var out = []; Promise.resolve().then(() => out.push("job")); out.push("sync"); out', context)).to.deep.equal(['sync', 'job']);
    });
    it('microtaskMode afterEvaluate: an endless job chain times out', () => {
      const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
      let code;
      try { vm.runInContext('function loop() { return Promise.resolve().then(loop); } loop()', context, { timeout: 50 }); } catch (e) { code = e.code; }
      expect(code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
    });
  });

  describe('async functions', () => {
    it('await suspends; other jobs interleave as in V8', async () => {
      expect(await logOf(
        'Promise.resolve().then(() => log.push("p1")); (async () => { log.push("a0"); await undefined; log.push("a1"); await undefined; log.push("a2"); })();' +
        'Promise.resolve().then(() => log.push("p2")).then(() => log.push("p3")).then(() => log.push("p4"));',
      )).to.deep.equal(['a0', 'p1', 'a1', 'p2', 'a2', 'p3', 'p4']);
    });
    it('a rejected await throws into the body', async () => {
      expect(await logOf('(async () => { try { await Promise.reject(new TypeError("t")); } catch (e) { log.push(e instanceof TypeError, e.message); } })();'))
        .to.deep.equal([true, 't']);
    });
    it('the host awaits a guest async function', async () => {
      expect(await vm.runInNewContext('(async (a) => { await null; return a * 2; })(21)')).to.equal(42);
    });
  });

  describe('async generators and for await', () => {
    it('for await over an async generator and over an array of promises', async () => {
      expect(await logOf(
        'async function* g() { yield 1; await null; yield 2; }' +
        '(async () => { for await (const x of g()) log.push(x); for await (const y of [Promise.resolve(3), 4]) log.push(y); log.push("end"); })();',
      )).to.deep.equal([1, 2, 3, 4, 'end']);
    });
    it('requests queue while the body runs; return() runs finally blocks', async () => {
      expect(await logOf(
        'async function* g() { try { yield 1; yield 2; } finally { log.push("finally"); } }' +
        'var it = g(); Promise.all([it.next(), it.return(7), it.next()]).then(rs => log.push(JSON.stringify(rs)));',
      )).to.deep.equal(['finally', '[{"value":1,"done":false},{"value":7,"done":true},{"done":true}]']);
    });
    it('the host iterates a guest async generator', async () => {
      const values = [];
      for await (const v of vm.runInNewContext('(async function* () { yield "a"; yield "b"; })()')) values.push(v);
      expect(values).to.deep.equal(['a', 'b']);
    });
  });
}
