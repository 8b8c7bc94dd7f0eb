// vm.debug end to end: the programs recorded, then stepped forwards and backwards through the
// Trace API, checking lines, frame names, binding values and heap references at specific steps.
import { expect } from 'chai';
import vm, { Trace } from '../../dist/esm/index.js';

/** The frames' names at step i, innermost first. */
const names = (t, i) => t.stepAt(i).stack.map((f) => f.name);
/** A binding visible in the current frame at step i, rendered ('<tdz>' in its TDZ, '#id' for objects). */
function binding(t, i, name, frame = 0) {
  for (const scope of t.stepAt(i).stack[frame].scopes) {
    for (const b of scope.bindings) {
      if (b.name === name) return b.value.kind === 'primitive' ? b.value.text : b.value.kind === 'ref' ? `#${b.value.id}` : '<tdz>';
    }
  }
  return undefined;
}
/** The first step index (from `from`) matching kind and line. */
function find(t, kind, line, from = 0) {
  for (let i = from; i < t.steps; i++) {
    const s = t.stepAt(i);
    if (s.kind === kind && (line === undefined || s.span.line === line)) return i;
  }
  throw new Error(`no ${kind} step on line ${line}`);
}

const factorial = `function fact(n) {
  if (n <= 1) return 1;
  return n * fact(n - 1);
}
const result = fact(3);
console.log('fact(3) =', result);
`;

describe('vm.debug: recording and navigating a trace', () => {
  it('records a recursive factorial: calls, returns, frames and arguments at each depth', () => {
    const t = vm.debug(factorial, undefined, { filename: 'fact.js' });
    expect(t).to.be.instanceOf(Trace);
    expect(t.completion).to.deep.equal({ type: 'normal', value: { kind: 'primitive', text: 'undefined' } });
    expect(t.stepAt(0)).to.include({ kind: 'statement', index: 0 });
    expect(t.stepAt(0).span).to.deep.equal({ file: 'fact.js', line: 5, column: 0, endLine: 5, endColumn: 23 });
    expect(binding(t, 0, 'result')).to.equal('<tdz>');
    expect(binding(t, 0, 'fact')).to.match(/^#\d+$/);
    // The deepest call: fact(1) over fact(2) over fact(3) over the top level.
    const deepest = find(t, 'statement', 2, find(t, 'call', 1, find(t, 'call', 1, find(t, 'call', 1) + 1) + 1));
    expect(names(t, deepest)).to.deep.equal(['fact', 'fact', 'fact', '(top level)']);
    expect(binding(t, deepest, 'n')).to.equal('1');
    expect(binding(t, deepest, 'n', 1)).to.equal('2');
    expect(binding(t, deepest, 'n', 2)).to.equal('3');
    expect(t.stepAt(deepest).stack[1].span.line).to.equal(3); // the caller waits at its call site
    // Returns carry their values: 1, 2, 6.
    const returns = [];
    for (let i = 0; i < t.steps; i++) if (t.stepAt(i).kind === 'return') returns.push(t.stepAt(i).value.text);
    expect(returns).to.deep.equal(['1', '2', '6']);
    // Backwards: previous from the first return is the `return 1` statement, in the same frame.
    const firstReturn = find(t, 'return');
    expect(t.stepAt(t.previous(firstReturn))).to.include({ kind: 'statement' });
    expect(t.stepAt(t.previous(firstReturn)).span.line).to.equal(2);
    // The console line is output of the step after the log statement, and in the end step's output.
    const last = t.stepAt(t.steps - 1);
    expect(last.kind).to.equal('end');
    expect(last.output).to.deep.equal(['fact(3) = 6']);
    expect(binding(t, t.steps - 1, 'result')).to.equal('6');
  });

  it('steps over, out, back over, to a line and to breakpoints (conditional ones too)', () => {
    const t = vm.debug(factorial);
    const first = 0;
    // Step over the top-level call: the next top-level statement.
    const over = t.stepOver(first);
    expect(names(t, over)).to.deep.equal(['(top level)']);
    expect(t.stepAt(over).span.line).to.equal(6);
    expect(t.stepBackOver(over)).to.equal(first);
    // Into: the call step of fact(3).
    expect(t.stepAt(t.next(first)).kind).to.equal('call');
    // Out of fact(1): the next step in fact(2), its return.
    const inOne = find(t, 'statement', 2, find(t, 'call', 1, find(t, 'call', 1, 2) + 1));
    expect(binding(t, inOne, 'n')).to.equal('1');
    const out = t.stepOut(inOne);
    expect(names(t, out)).to.deep.equal(['fact', 'fact', '(top level)']);
    expect(binding(t, out, 'n')).to.equal('2');
    // Run to line 3: the first `return n * fact(n - 1)`.
    const l3 = t.runToLine(0, 3);
    expect(t.stepAt(l3).span.line).to.equal(3);
    expect(binding(t, l3, 'n')).to.equal('3');
    // Breakpoints: line 2 when n === 1, forwards then backwards.
    const bp = [{ line: 2, condition: 'n === 1' }];
    const hit = t.continue(0, bp);
    expect(binding(t, hit, 'n')).to.equal('1');
    // The consequent `return 1` is a statement on the same line: a hit too; then none until the end.
    const again = t.continue(hit, bp);
    expect(again).to.equal(hit + 1);
    expect(t.continue(again, bp)).to.equal(t.steps - 1);
    expect(t.reverseContinue(again, bp)).to.equal(hit);
    expect(t.reverseContinue(hit, [{ line: 2 }])).to.be.below(hit);
    expect(binding(t, t.reverseContinue(hit, [{ line: 2 }]), 'n')).to.equal('2');
    // A condition that throws is false; one over an object reads the recorded heap.
    expect(t.continue(0, [{ line: 2, condition: 'nope.x' }])).to.equal(t.steps - 1);
  });

  it('records a closure counter: the captured binding in a closure scope named for its function', () => {
    const t = vm.debug(`function makeCounter() {
  let count = 0;
  return function increment() {
    count++;
    return count;
  };
}
const c = makeCounter();
c();
c();
`);
    const returns = [];
    for (let i = 0; i < t.steps; i++) if (t.stepAt(i).kind === 'return') returns.push(i);
    expect(returns.map((i) => names(t, i)[0])).to.deep.equal(['makeCounter', 'increment', 'increment']);
    const second = returns[2];
    expect(t.stepAt(second).value).to.deep.equal({ kind: 'primitive', text: '2' });
    const closure = t.stepAt(second).stack[0].scopes.find((s) => s.kind === 'closure');
    expect(closure).to.deep.include({ kind: 'closure', name: 'makeCounter' });
    expect(closure.bindings).to.deep.equal([{ name: 'count', value: { kind: 'primitive', text: '2' }, mutable: true }]);
    // The function makeCounter returned is the object `c` refers to: the same id.
    const made = t.stepAt(returns[0]).value;
    expect(made.kind).to.equal('ref');
    expect(binding(t, t.steps - 1, 'c')).to.equal(`#${made.id}`);
    expect(t.stepAt(t.steps - 1).heap.get(made.id)).to.include({ kind: 'function', label: '[Function: increment]' });
    // Backwards from the end, count goes down again.
    const firstIncrement = returns[1];
    expect(t.stepAt(firstIncrement).stack[0].scopes.find((s) => s.kind === 'closure').bindings[0].value.text).to.equal('1');
  });

  it('records a class with a method: `new Point`, `Counter.increment`, `this` and the instance in the heap; getters never run', () => {
    const t = vm.debug(`let getterRuns = 0;
class Counter {
  constructor(start) {
    this.n = start;
  }
  increment() {
    this.n += 1;
    return this.n;
  }
  get sideEffect() { getterRuns++; throw new Error('the recorder ran a getter'); }
}
const k = new Counter(5);
Object.defineProperty(k, 'own', { get() { getterRuns++; return 1; }, enumerable: true });
k.increment();
getterRuns;
`);
    expect(t.completion).to.deep.equal({ type: 'normal', value: { kind: 'primitive', text: '0' } });
    const ctor = find(t, 'statement', 4);
    expect(names(t, ctor)).to.deep.equal(['new Counter', '(top level)']);
    const inc = find(t, 'statement', 8);
    expect(names(t, inc)).to.deep.equal(['Counter.increment', '(top level)']);
    const self = binding(t, inc, 'this');
    expect(self).to.equal(binding(t, inc, 'k'));
    const heap = t.stepAt(inc).heap;
    const instance = heap.get(Number(self.slice(1)));
    expect(instance.label).to.equal('Counter');
    expect(instance.properties).to.deep.include({ key: 'n', value: { kind: 'primitive', text: '6' } });
    const own = instance.properties.find((p) => p.key === 'own');
    expect(own).to.include({ accessor: true });
    const proto = heap.get(instance.proto.id);
    expect(proto.label).to.equal('Counter.prototype');
    expect(proto.properties.find((p) => p.key === 'sideEffect')).to.include({ accessor: true });
    expect(heap.get(proto.properties.find((p) => p.key === 'increment').value.id).label).to.equal('[Function: increment]');
    // Before the constructor assigned it, the instance has no `n`; after, 5.
    const before = t.stepAt(ctor).heap.get(Number(binding(t, ctor, 'this').slice(1)));
    expect(before.properties).to.deep.equal([]);
  });

  it('records an array sort with a comparator: the comparator frames over the top level, the array changing', () => {
    const t = vm.debug(`const nums = [3, 1, 2];
nums.sort(function byValue(a, b) {
  return a - b;
});
nums;
`);
    const calls = [];
    for (let i = 0; i < t.steps; i++) if (t.stepAt(i).kind === 'call') calls.push(i);
    expect(calls.length).to.be.greaterThan(1);
    for (const i of calls) expect(names(t, i)).to.deep.equal(['byValue', '(top level)']);
    expect(binding(t, calls[0] + 1, 'a')).to.match(/^\d$/);
    expect(binding(t, 0, 'nums')).to.equal('<tdz>');
    const id = Number(binding(t, 1, 'nums').slice(1));
    const elements = (i) => t.stepAt(i).heap.get(id).properties.map((p) => p.value.text);
    expect(elements(1)).to.deep.equal(['3', '1', '2']);
    expect(elements(t.steps - 1)).to.deep.equal(['1', '2', '3']);
    // The heap is rebuilt both ways: back at step 1 after visiting the end.
    expect(elements(1)).to.deep.equal(['3', '1', '2']);
  });

  it('steps through a generator: yield steps, and its frame shows again when resumed', () => {
    const t = vm.debug(`function* range(n) {
  for (let i = 0; i < n; i++) {
    yield i;
  }
}
const out = [];
for (const x of range(2)) {
  out.push(x);
}
out;
`);
    const kinds = [];
    for (let i = 0; i < t.steps; i++) kinds.push(`${t.stepAt(i).kind}:${t.stepAt(i).span.line}`);
    // The loop's test is a step at each iteration (line 2), the last one (i === 2) before the return.
    expect(kinds).to.deep.equal([
      'statement:6', 'statement:7', 'call:1', 'statement:2', 'statement:3', 'yield:3', 'statement:8',
      'statement:2', 'statement:3', 'yield:3', 'statement:8', 'statement:2', 'return:2', 'statement:10', 'end:10',
    ]);
    expect(t.stepAt(5).value).to.deep.equal({ kind: 'primitive', text: '0' });
    expect(names(t, 6)).to.deep.equal(['(top level)']);
    expect(binding(t, 6, 'x')).to.equal('0');
    expect(names(t, 7)).to.deep.equal(['range', '(top level)']);
    expect(binding(t, 7, 'i')).to.equal('1');
    expect(binding(t, 7, 'n')).to.equal('2');
    expect(binding(t, 11, 'i')).to.equal('2');
    expect(t.stepOver(4)).to.equal(5);
    expect(t.stepOut(4)).to.equal(6);
  });

  it('shows the value yield* passes through, and no step for an async generator\'s internal return', () => {
    const t = vm.debug(`function* inner() { yield 'i1'; return 'r'; }
function* outer() { const r = yield* inner(); yield r; }
const a = [...outer()];
async function* ai() { yield 1; }
async function* ao() { try { yield* ai(); } finally { console.log('fin'); } }
(async () => { const g = ao(); await g.next(); await g.return(7); })();
`);
    const yields = [];
    for (let i = 0; i < t.steps; i++) {
      const s = t.stepAt(i);
      if (s.kind === 'yield') yields.push(`${s.stack[0].name}:${s.value.text}`);
    }
    expect(yields).to.deep.equal(["inner:'i1'", "outer:'i1'", "outer:'r'", 'ai:1', 'ao:1']);
    expect(t.stepAt(t.steps - 1).output).to.deep.equal(['fin']);
  });

  it('steps through async functions: await steps, and continuations after the script recorded before the end', () => {
    const t = vm.debug(`async function twice(x) {
  const a = await x;
  return a * 2;
}
async function main() {
  const r = await twice(21);
  console.log('r', r);
}
main();
console.log('sync done');
`);
    const kinds = [];
    for (let i = 0; i < t.steps; i++) kinds.push(`${t.stepAt(i).kind}:${t.stepAt(i).span.line}:${names(t, i)[0]}`);
    expect(kinds).to.deep.equal([
      'statement:9:(top level)', 'call:5:main', 'statement:6:main', 'call:1:twice', 'statement:2:twice',
      'await:2:twice', 'await:6:main', 'statement:10:(top level)', 'statement:3:twice', 'return:3:twice',
      'statement:7:main', 'return:7:main', 'end:10:(top level)',
    ]);
    expect(names(t, 4)).to.deep.equal(['twice', 'main', '(top level)']);
    expect(binding(t, 4, 'a')).to.equal('<tdz>');
    expect(binding(t, 8, 'a')).to.equal('21');
    expect(names(t, 8)).to.deep.equal(['twice']); // resumed from a job: nothing under it
    expect(t.stepAt(9).value).to.deep.equal({ kind: 'primitive', text: '42' });
    expect(binding(t, 10, 'r')).to.equal('42');
    expect(t.stepAt(8).output).to.deep.equal(['sync done']);
    expect(t.stepAt(t.steps - 1).output).to.deep.equal(['sync done', 'r 42']);
    // The awaited promise of twice(21) is in the heap at main's await.
    const p = t.stepAt(6).value;
    expect(t.stepAt(6).heap.get(p.id).kind).to.equal('promise');
  });

  it('ends at the step limit, truncated, not with an error', () => {
    const t = vm.debug('let i = 0;\nwhile (true) {\n  i++;\n}\n', undefined, { stepLimit: 50 });
    expect(t.steps).to.equal(50);
    expect(t.truncated).to.equal(true);
    expect(t.completion).to.deep.equal({ type: 'truncated' });
    expect(t.data.stepLimit).to.equal(50);
    expect(t.stepAt(49).kind).to.equal('end');
    expect(t.stepAt(48).span.line).to.equal(3);
    // Step 0 is `let`, then the test (line 2) and `i++` (line 3) for each iteration.
    expect(binding(t, 48, 'i')).to.equal('23');
    expect(t.stepAt(47).span.line).to.equal(2);
    // The next run is not interrupted by the limit of this one.
    expect(vm.runInNewContext('let j = 0; for (let k = 0; k < 100; k++) j++; j')).to.equal(100);
    expect(vm.debug('1 + 1').steps).to.equal(2);
    // At the boundary: three statements and the end need four steps.
    expect(vm.debug('1;\n2;\n3;', undefined, { stepLimit: 4 }).completion).to.deep.equal({ type: 'normal', value: { kind: 'primitive', text: '3' } });
    const short = vm.debug('1;\n2;\n3;', undefined, { stepLimit: 3 });
    expect([short.steps, short.truncated, short.completion.type]).to.deep.equal([3, true, 'truncated']);
  });

  it('ends at the timeout', () => {
    const t = vm.debug('for (;;) {}', undefined, { timeout: 50, stepLimit: 1e9 });
    expect(t.completion).to.deep.equal({ type: 'timeout', text: 'Script execution timed out after 50ms' });
    expect(t.truncated).to.equal(false);
  });

  it('records an uncaught error: the exception step in the throwing frame and the completion', () => {
    const t = vm.debug(`function check(v) {
  if (v < 0) throw new RangeError('negative: ' + v);
  return v;
}
try {
  check(-1);
} catch (e) {
  e.message;
}
check(-2);
`);
    expect(t.completion.type).to.equal('throw');
    expect(t.completion.text).to.equal('RangeError: negative: -2');
    const exceptions = [];
    for (let i = 0; i < t.steps; i++) if (t.stepAt(i).kind === 'exception') exceptions.push(i);
    expect(exceptions.length).to.equal(2); // once per throw, not once per frame it leaves
    expect(names(t, exceptions[0])).to.deep.equal(['check', '(top level)']);
    expect(t.stepAt(exceptions[0]).span.line).to.equal(2);
    const afterCatch = exceptions[0] + 1;
    expect(t.stepAt(afterCatch).span.line).to.equal(8);
    expect(binding(t, afterCatch, 'e')).to.equal(`#${t.stepAt(exceptions[0]).value.id}`);
    const end = t.stepAt(t.steps - 1);
    expect(end.value).to.deep.equal(t.completion.value);
    expect(end.heap.get(end.value.id)).to.include({ kind: 'error', label: 'RangeError: negative: -2' });
  });

  it('shows a Proxy without calling its traps, Maps and Sets with entries, intrinsics by label only', () => {
    const t = vm.debug(`const trapped = new Proxy({}, { ownKeys() { throw new Error('trap ran'); }, getPrototypeOf() { throw new Error('trap ran'); } });
const m = new Map([['k', [1]]]);
const s = new Set(['a']);
const push = [].push;
const pi = Math.PI;
`);
    expect(t.completion.type).to.equal('normal');
    const end = t.steps - 1;
    const heap = t.stepAt(end).heap;
    const get = (name) => heap.get(Number(binding(t, end, name).slice(1)));
    expect(get('trapped')).to.deep.include({ kind: 'proxy', label: 'Proxy', properties: [] });
    expect(get('m').label).to.equal('Map(1)');
    expect(get('m').entries[0].key).to.deep.equal({ kind: 'primitive', text: "'k'" });
    expect(heap.get(get('m').entries[0].value.id).label).to.equal('Array(1)');
    expect(get('s').entries).to.deep.equal([{ key: { kind: 'primitive', text: "'a'" } }]);
    expect(get('push')).to.deep.include({ label: '[Function: push]', properties: [] });
    expect(binding(t, end, 'pi')).to.equal('3.141592653589793');
    // The global scope holds the program's own names only.
    const global = t.stepAt(end).stack[0].scopes.find((s) => s.kind === 'global');
    expect(global.bindings.map((b) => b.name)).to.deep.equal(['trapped', 'm', 's', 'push', 'pi']);
  });

  it('steps into a disposer at the end of a `using` scope; the scope\'s hidden bookkeeping is not a binding', () => {
    const t = vm.debug(`{
  using r = { [Symbol.dispose]() { console.log('disposed'); } };
  r;
}
`);
    const call = find(t, 'call');
    expect(names(t, call)).to.deep.equal(['Object.[Symbol.dispose]', '(top level)']);
    for (let i = 0; i < t.steps; i++) {
      for (const scope of t.stepAt(i).stack[0].scopes) for (const b of scope.bindings) expect(b.name).to.not.include('%');
    }
    expect(t.stepAt(t.steps - 1).output).to.deep.equal(['disposed']);
  });

  it('renders values as util.inspect does', () => {
    const t = vm.debug(`const values = ['it\\'s', -0, 1n, Symbol('s'), undefined, null, NaN];
console.log('%s is %d', 'x', 42, { a: [1, { b: 'c' }] }, [1, , 3], new Map([[1, 2]]));
`);
    const end = t.steps - 1;
    const arr = t.stepAt(end).heap.get(Number(binding(t, end, 'values').slice(1)));
    expect(arr.properties.map((p) => p.value.text)).to.deep.equal(['"it\'s"', '-0', '1n', 'Symbol(s)', 'undefined', 'null', 'NaN']);
    expect(t.stepAt(end).output).to.deep.equal(["x is 42 { a: [ 1, { b: 'c' } ] } [ 1, <1 empty item>, 3 ] Map(1) { 1 => 2 }"]);
  });

  it('records changes only: an unchanged object is not recorded again, a removed one is listed', () => {
    const t = vm.debug(`let o = { a: 1 };
let x = 1;
o.a = 2;
o = null;
x;
`);
    const id = Number(binding(t, 1, 'o').slice(1));
    expect(t.data.steps[0].heapChanges.map((h) => h.id)).to.deep.equal([]); // `o` in its TDZ
    expect(t.data.steps[1].heapChanges.map((h) => h.id)).to.deep.equal([id]);
    expect(t.data.steps[2].heapChanges).to.deep.equal([]);
    expect(t.data.steps[3].heapChanges.map((h) => h.properties[0].value.text)).to.deep.equal(['2']);
    expect(t.data.steps[4].removed).to.deep.equal([id]);
    expect(t.stepAt(4).heap.has(id)).to.equal(false);
    expect(t.stepAt(3).heap.get(id).properties[0].value.text).to.equal('2');
  });

  it('is plain data: JSON round trip through Trace.fromData navigates the same', () => {
    const t = vm.debug(factorial);
    const copy = Trace.fromData(JSON.parse(JSON.stringify(t.data)));
    expect(copy.steps).to.equal(t.steps);
    for (let i = 0; i < t.steps; i += 3) {
      expect(copy.stepAt(i).stack).to.deep.equal(t.stepAt(i).stack);
      expect([...copy.stepAt(i).heap]).to.deep.equal([...t.stepAt(i).heap]);
    }
    expect(copy.continue(0, [{ line: 2, condition: 'n === 1' }])).to.equal(t.continue(0, [{ line: 2, condition: 'n === 1' }]));
    expect(() => Trace.fromData({ version: 2 })).to.throw(TypeError);
  });

  it('takes a Script, a context and a filename; a Script keeps running normally afterwards', () => {
    const script = new vm.Script('var total = 0;\nfor (var i = 0; i < 3; i++) total += i;\ntotal;', { filename: 'sum.js' });
    const context = vm.createContext({ extra: 1 }, { microtaskMode: 'afterEvaluate' });
    const t = vm.debug(script, context);
    expect(t.stepAt(0).span.file).to.equal('sum.js');
    expect(t.completion.value).to.deep.equal({ kind: 'primitive', text: '3' });
    expect(context.total).to.equal(3);
    expect(binding(t, t.steps - 1, 'extra')).to.equal('1');
    expect(script.runInNewContext()).to.equal(3);
    expect(() => vm.debug('let;;; (')).to.throw(SyntaxError);
    expect(() => vm.debug('1', undefined, { stepLimit: 0 })).to.throw(RangeError);
  });

  it('evaluates conditions against the recorded objects', () => {
    const t = vm.debug(`const items = [];
for (let i = 0; i < 5; i++) {
  items.push({ i, big: i > 2 });
}
`);
    const hit = t.continue(0, [{ line: 3, condition: 'items.length === 3 && items[2].big === false' }]);
    expect(binding(t, hit, 'i')).to.equal('3');
    expect(t.lookup(hit, 'items[2].i')).to.deep.equal({ kind: 'primitive', text: '2' });
    expect(t.lookup(hit, 'items.length')).to.deep.equal({ kind: 'primitive', text: '3' });
    expect(t.format(hit, t.lookup(hit, 'items'))).to.equal('[ { i: 0, big: false }, { i: 1, big: false }, { i: 2, big: false } ]');
    expect(t.evaluate(hit, 'items.map((x) => x.i * i)')).to.deep.equal({ text: '[ 0, 3, 6 ]' });
    expect(t.evaluate(hit, 'missing')).to.deep.equal({ error: 'ReferenceError: missing is not defined' });
    expect(t.conditionHolds(hit, 'i === 3')).to.equal(true);
  });
});
