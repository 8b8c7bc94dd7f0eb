// Errors made by interpreted code in the main context (runInThisContext) come from the host's own Error
// constructors; V8 would give them the evaluator's host frames (or none, for super() from an interpreted
// subclass). They get the interpreted frames, as node:vm shows them (node's also go on into the
// embedder's host frames, which vmjs does not list: those are compared up to the first non-guest line).
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

const CASES = [
  ['new Error', 'function f(){ return new Error("x").stack } f()'],
  ['Error called', 'function g(){ return Error("y").stack } g()'],
  ['a runtime TypeError', 'function h(){ try { null.x } catch (e) { return e.stack } } h()'],
  ['a subclass through super()', 'class E2 extends Error {}; function k(){ return new E2("z").stack } k()'],
  ['a subclass with its own constructor', 'class E3 extends RangeError { constructor(m) { super(m); this.name = "E3" } }; function k3(){ return new E3("q").stack } k3()'],
  ['AggregateError', 'function a(){ return new AggregateError([1], "agg").stack } a()'],
  ['nested calls', 'function inner(){ return new TypeError("t").stack } function outer(){ return inner() } outer()'],
  ['in a hot loop', 'function loop(){ let s; for (let i = 0; i < 50; i++) s = new Error("w" + i).stack; return s } loop()'],
];

/** The lines of a stack up to the first frame not in the guest file. */
function guestLines(stack) {
  const lines = stack.split('\n');
  const out = [lines[0]];
  for (const l of lines.slice(1)) {
    if (!l.includes('guest.js')) break;
    out.push(l);
  }
  return out;
}

describe('runInThisContext: error stacks show the interpreted frames', () => {
  for (const [name, src] of CASES) {
    it(name, () => {
      const mine = vm.runInThisContext(src, { filename: 'guest.js' });
      const theirs = nodeVm.runInThisContext(src, { filename: 'guest.js' });
      expect(mine).to.not.match(/dist|chunk-|invoke/);
      expect(mine.split('\n').length).to.be.greaterThan(1);
      expect(guestLines(mine)).to.deep.equal(guestLines(theirs));
    });
  }

  it('stack becomes an own writable, non-enumerable data property once read, as V8 shows it', () => {
    const e = vm.runInThisContext('new Error("d")', { filename: 'guest.js' });
    expect(e).to.be.instanceOf(Error);
    expect(e.stack).to.match(/^Error: d\n    at guest\.js:1:1$/);
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    expect(d).to.include({ writable: true, enumerable: false, configurable: true });
    e.stack = 'replaced';
    expect(e.stack).to.equal('replaced');
    const f = vm.runInThisContext('new Error("s")', { filename: 'guest.js' });
    f.stack = 'set first';
    expect(Object.getOwnPropertyDescriptor(f, 'stack')).to.include({ value: 'set first', writable: true, enumerable: false });
  });
});
