// The debug mode is a preparation-time choice (BRIEF decision 12): code prepared without it contains
// no debug wrappers at all. Every wrapper bumps a counter when it runs (even with no recorder
// installed), so a normal run of a program with statements, calls, a generator and an async function
// must leave it at 0, and a debug-prepared one must not.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { debugHooks, prepareScript, runScript, createRealm } from '../../dist/esm/internal.js';

const program = `
function f(n) { let s = 0; for (let i = 0; i < n; i++) { s += i; } return s; }
function* g() { yield 1; yield 2; }
async function a() { await null; return 1; }
class C { m() { return f(3); } }
let total = f(10) + [...g()].length + new C().m();
a();
try { null.x; } catch (e) { total++; }
total;
`;

describe('vm.debug: code compiled without the debug mode has no hooks', () => {
  it('a normal run leaves the wrapper counter at 0; a debug-prepared run (no recorder) bumps it', () => {
    debugHooks.wrapperRuns = 0;
    expect(vm.runInNewContext(program)).to.equal(51);
    const script = new vm.Script(program);
    expect(script.runInNewContext()).to.equal(51);
    expect(debugHooks.wrapperRuns).to.equal(0);

    const prepared = prepareScript(program, { filename: 'p.js', lineOffset: 0, columnOffset: 0, debug: true });
    expect(runScript(prepared, createRealm())).to.equal(51);
    expect(debugHooks.recorder).to.equal(null);
    expect(debugHooks.wrapperRuns).to.be.greaterThan(20);

    debugHooks.wrapperRuns = 0;
    const t = vm.debug(program);
    expect(t.completion).to.deep.equal({ type: 'normal', value: { kind: 'primitive', text: '51' } });
    expect(debugHooks.wrapperRuns).to.be.greaterThan(20);
    debugHooks.wrapperRuns = 0;
    vm.runInNewContext(program);
    expect(debugHooks.wrapperRuns).to.equal(0);
  });
});
