// Realm builtins that host code calls directly outside a run (src/realm/membrane.ts callBuiltinFromHost):
// a guest hands the embedder an object whose toString / valueOf is a builtin of its realm, bound or
// not, over a size it chose, and the embedder converts it (`String(result)`, a template literal,
// `+result`). In a context with a timeout or memory limit each such call runs as an entry of its own
// under them. Each case runs in a child process with a watchdog, so that a regression fails (the child
// is killed) instead of hanging mocha, and with a small heap, so that an allocation the budget misses
// takes the child down instead of passing.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as vm from '../../dist/esm/index.js';

const distUrl = new URL('../../dist/esm/index.js', import.meta.url).href;

/** Runs, in a child, `guest` (code whose completion value the host then converts with `convert`, a
 * function of `r`) in `makeContext`; returns the child's status and what it wrote: the error's code, how
 * long the conversion took, and what the context answers to `1 + 1` afterwards. */
function hostCall(makeContext, guest, convert) {
  const program = `import * as vm from ${JSON.stringify(distUrl)};
    const ctx = ${makeContext};
    const r = vm.runInContext(${JSON.stringify(guest)}, ctx);
    const start = Date.now();
    let code = 'returned', message = '';
    try { const v = (${convert})(r); code = 'returned ' + String(v).slice(0, 20); } catch (e) { code = e.code ?? String(e); message = String(e.message); }
    const ms = Date.now() - start;
    let answer; try { answer = vm.runInContext('1 + 1', ctx); } catch (e) { answer = e.code; }
    process.stdout.write(JSON.stringify({ code, message, ms, answer }));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=160', '--input-type=module', '-e', program], {
    encoding: 'utf8', timeout: 30000, maxBuffer: 1 << 20,
  });
  return { status: r.status, signal: r.signal, stderr: (r.stderr ?? '').slice(-1500), out: r.status === 0 ? JSON.parse(r.stdout) : null };
}

const TIMEOUT = `vm.createContext({}, { timeout: 50 })`;
const SANDBOX = `vm.createSandbox({}, { timeout: 2000 })`;
const BLOCKING = `vm.createContext({}, { timeout: 50, canBlock: true })`;

// [context, guest code, the host's conversion, the error expected]
const cases = {
  'Array.prototype.join over a 2**40 array-like, as toString (String(r))':
    [TIMEOUT, `({ toString: Array.prototype.join, length: 2 ** 40 })`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'Array.prototype.toString of a 2**40 array-like (a template literal)':
    [TIMEOUT, `({ toString: Array.prototype.toString, join: Array.prototype.join, length: 2 ** 40 })`, '(r) => `${r}`', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'Array.prototype.join, bound, as valueOf (+r)':
    [TIMEOUT, `({ valueOf: Array.prototype.join.bind({ length: 2 ** 40 }) })`, '(r) => +r', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'Array.prototype.fill of a 2**40 array-like':
    [TIMEOUT, `({ toString: Array.prototype.fill.bind({ length: 2 ** 40 }, 0) })`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'Array.prototype.indexOf over a 2**40 array-like':
    [TIMEOUT, `({ valueOf: Array.prototype.indexOf.bind({ length: 2 ** 40 }, 1) })`, '(r) => +r', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'Array.prototype.includes over a 2**40 array-like':
    [TIMEOUT, `({ valueOf: Array.prototype.includes.bind({ length: 2 ** 40 }, 1) })`, '(r) => +r', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'Array.prototype.lastIndexOf over a 2**40 array-like':
    [TIMEOUT, `({ valueOf: Array.prototype.lastIndexOf.bind({ length: 2 ** 40 }, 1) })`, '(r) => +r', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'Array.from of a 1e9 array-like (charged)':
    [SANDBOX, `({ toString: Array.from.bind(null, { length: 1e9 }) })`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
  'a %TypedArray% method whose callback the host engine calls 2**26 times':
    [TIMEOUT, `({ toString: Uint8Array.prototype.every.bind(new Uint8Array(2 ** 26), () => true) })`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  '%TypedArray%.from a 2**26 array-like (a loop of its own)':
    [TIMEOUT, `({ toString: Uint8Array.from.bind(Uint8Array, { length: 2 ** 26 }) })`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'a %TypedArray% constructor given a 2**26 array-like (through Reflect.construct)':
    [TIMEOUT, `({ toString: Reflect.construct.bind(null, Uint8Array, [{ length: 2 ** 26 }]) })`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  '%TypedArray%.from a 2**31 array-like (charged)':
    [SANDBOX, `({ toString: Uint8Array.from.bind(Uint8Array, { length: 2 ** 31 }) })`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
  'Atomics.wait in a context that can block':
    [BLOCKING, `({ toString: Atomics.wait.bind(null, new Int32Array(new SharedArrayBuffer(4)), 0, 0) })`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'JSON.stringify of a structure of 2**30 leaves':
    [TIMEOUT, `{ let a = [1]; for (let i = 0; i < 30; i++) a = [a, a]; ({ toString: JSON.stringify.bind(null, a) }) }`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'],
  'JSON.stringify of a structure of 2**30 leaves (memory)':
    [SANDBOX, `{ let a = ['x'.repeat(1000)]; for (let i = 0; i < 30; i++) a = [a, a]; ({ toString: JSON.stringify.bind(null, a) }) }`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
  'String.prototype.repeat to 2**28 characters':
    [SANDBOX, `({ toString: String.prototype.repeat.bind('x', 2 ** 28) })`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
  'String.prototype.padStart to 2**28 characters':
    [SANDBOX, `({ toString: String.prototype.padStart.bind('x', 2 ** 28) })`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
  'String.prototype.padEnd to 2**28 characters':
    [SANDBOX, `({ toString: String.prototype.padEnd.bind('x', 2 ** 28, 'ab') })`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
  'Function.prototype.apply with a 2**32 - 1 array-like':
    [SANDBOX, `({ toString: Function.prototype.apply.bind(Math.max, null, { length: 2 ** 32 - 1 }) })`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
  'Reflect.apply with a 2**32 - 1 array-like':
    [SANDBOX, `({ toString: Reflect.apply.bind(null, Math.max, null, { length: 2 ** 32 - 1 }) })`, '(r) => String(r)', 'ERR_VMJS_MEMORY_LIMIT'],
};

// Builtins that call guest code in a loop: each guest call would otherwise be an entry of its own, each
// within the timeout, and the loop endless. An endless iterable of the guest's:
const ENDLESS = `({ [Symbol.iterator]() { return { next() { return { done: false, value: [1, 1] }; } }; } })`;
const looping = {
  'Object.fromEntries over an endless iterable': `Object.fromEntries.bind(null, ${ENDLESS})`,
  'Object.groupBy over an endless iterable': `Object.groupBy.bind(null, ${ENDLESS}, () => 'k')`,
  'Map.groupBy over an endless iterable': `Map.groupBy.bind(null, ${ENDLESS}, () => 'k')`,
  'Promise.all over an endless iterable': `Promise.all.bind(Promise, ${ENDLESS})`,
  'Promise.race over an endless iterable': `Promise.race.bind(Promise, ${ENDLESS})`,
  'Iterator.prototype.toArray over an endless iterable': `Iterator.prototype.toArray.bind(Iterator.from(${ENDLESS}[Symbol.iterator]()))`,
  'Iterator.prototype.forEach over an endless iterable': `Iterator.prototype.forEach.bind(Iterator.from(${ENDLESS}[Symbol.iterator]()), () => {})`,
  'new Map (through Reflect.construct) over an endless iterable': `Reflect.construct.bind(null, Map, [${ENDLESS}])`,
  'Array.prototype.forEach over a 2**40 array-like': `Array.prototype.forEach.bind({ length: 2 ** 40, 0: 1 }, () => {})`,
  'Set.prototype.union with a set-like whose keys never end': `Set.prototype.union.bind(new Set(), { size: 1, has() { return false; }, keys: () => ${ENDLESS}[Symbol.iterator]() })`,
};
for (const [name, bound] of Object.entries(looping)) {
  cases[`${name}, as toString`] = [TIMEOUT, `({ toString: ${bound} })`, '(r) => String(r)', 'ERR_SCRIPT_EXECUTION_TIMEOUT'];
}

describe('realm builtins the host calls outside a run run under the context\'s timeout and memory limit (child, watchdog)', function () {
  this.timeout(60000);
  for (const [name, [makeContext, guest, convert, expected]] of Object.entries(cases)) {
    it(`${name}: ${expected}, and the context answers 1 + 1 after`, () => {
      const r = hostCall(makeContext, guest, convert);
      expect(r.signal, `the child was killed (hung or crashed): ${r.stderr}`).to.equal(null);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.out.code, r.out.message).to.equal(expected);
      expect(r.out.answer).to.equal(2);
    });
  }
});

describe('realm builtins the host calls: what does not change', () => {
  it('a context without a timeout or memory limit runs them as node would (no entry, the result as is)', () => {
    const ctx = vm.createContext({});
    const r = vm.runInContext('({ toString: Array.prototype.join, length: 3, 0: "a", 2: "c" })', ctx);
    expect(String(r)).to.equal('a,,c');
    expect(vm.runInContext('[3, 1, 2]', ctx).map((x) => x * 2).join('-')).to.equal('6-2-4');
  });

  it('in a limited context the host gets the same results, with host values through the membrane', () => {
    const ctx = vm.createContext({}, { timeout: 1000, memoryLimit: 16 * 2 ** 20 });
    const arr = vm.runInContext('[3, 1, 2]', ctx);
    expect(arr.map((x) => x * 2).join('-')).to.equal('6-2-4');
    expect(arr.indexOf(2)).to.equal(2);
    expect(arr.includes(4)).to.equal(false);
    expect(String(vm.runInContext('({ toString: Array.prototype.join, length: 2, 0: "x" })', ctx))).to.equal('x,');
    expect(vm.runInContext('JSON', ctx).stringify({ a: [1, 2] })).to.equal('{"a":[1,2]}');
    expect(vm.runInContext('"ab"', ctx).padStart(4, '-')).to.equal('--ab');
    // A host callback a realm builtin calls gets guest values, and its own values through the membrane:
    // the host Error it returns reaches the guest array as the context sees host objects (not the host's
    // Error.prototype: its constructor is the context's Function).
    const mapped = arr.map(() => new Error('host'));
    expect(vm.runInContext('(a) => a[0].constructor.constructor === Function', ctx)(mapped)).to.equal(true);
    expect(vm.runInContext('1 + 1', ctx)).to.equal(2);
  });

  it('guest code calling the same builtins inside a run is not entered again (the run\'s own timeout applies)', () => {
    const ctx = vm.createContext({}, { timeout: 10000 });
    const start = Date.now();
    expect(() => vm.runInContext('Array.prototype.join.call({ length: 2 ** 40 })', ctx, { timeout: 50 }))
      .to.throw('Script execution timed out after 50ms');
    // A builtin loop's iterations are steps: the clock is read every few thousand, not every 4M (it took
    // 2.3 s, and 45 s under coverage on a loaded machine, for lastIndexOf to hear a 50 ms timeout).
    expect(() => vm.runInContext('Array.prototype.lastIndexOf.call({ length: 2 ** 40 }, 1)', ctx, { timeout: 50 }))
      .to.throw('Script execution timed out after 50ms');
    expect(Date.now() - start).to.be.below(5000);
  });
});
