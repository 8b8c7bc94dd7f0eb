// The stepping debugger in every runtime: vm.debug records, Trace navigates, with no host API
// (src/debug is portable). Literal expectations only.
export default function ({ describe, it, expect, vm }) {
  describe('the stepping debugger', () => {
    it('records a recursive factorial and navigates it both ways', () => {
      const trace = vm.debug('function fact(n) {\n  if (n <= 1) return 1;\n  return n * fact(n - 1);\n}\nconsole.log(fact(3));\n', undefined, { filename: 'fact.js' });
      expect(trace.steps).to.equal(14);
      const at = trace.continue(0, [{ line: 2, condition: 'n === 1' }]);
      const step = trace.stepAt(at);
      expect(step.stack.map((f) => f.name)).to.deep.equal(['fact', 'fact', 'fact', '(top level)']);
      expect(step.stack[0].scopes[0].bindings).to.deep.equal([{ name: 'n', value: { kind: 'primitive', text: '1' }, mutable: true }]);
      expect(trace.stepAt(trace.stepOut(at)).stack.length).to.equal(3);
      expect(trace.reverseContinue(trace.steps - 1, [{ line: 2, condition: 'n === 1' }])).to.equal(at + 1);
      expect(trace.stepAt(trace.steps - 1).output).to.deep.equal(['6']);
      const copy = vm.Trace.fromData(JSON.parse(JSON.stringify(trace.data)));
      expect(copy.stepAt(at).stack).to.deep.equal(step.stack);
    });
    it('steps an async function and stops a runaway loop at the step limit', () => {
      const trace = vm.debug('async function f() { const v = await 1; return v + 1; }\nf();\n');
      const kinds = [];
      for (let i = 0; i < trace.steps; i++) kinds.push(trace.stepAt(i).kind);
      expect(kinds).to.deep.equal(['statement', 'call', 'statement', 'await', 'statement', 'return', 'end']);
      const loop = vm.debug('while (true) {}', undefined, { stepLimit: 20 });
      expect(loop.completion).to.deep.equal({ type: 'truncated' });
      expect(loop.steps).to.equal(20);
    });
  });
}
