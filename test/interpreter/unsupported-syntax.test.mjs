// Syntax the evaluator does not implement yet is a SyntaxError before anything runs, as in node 20,
// never a half-working construct: `using` declarations parsed as plain bindings once leaked the
// evaluator's uninitialised-binding marker to guest code and never called Symbol.dispose.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

function outcome(vm, code) {
  try {
    return { value: vm.runInNewContext(code) };
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}` };
  }
}

describe('unsupported syntax says so', () => {
  for (const code of [
    '{ let r = typeof x; using x = null; r }',
    '{ using x = null; x = 1; x }',
    'Function("using x = null")',
    'eval("{ using x = null }")',
    'var using = 1; using',
  ]) {
    it(code, () => {
      const expected = outcome(nodeVm, code);
      expect(outcome(vmjs, code)).to.deep.equal(expected);
    });
  }
  it('a using declaration is a realm SyntaxError from new Script', () => {
    const context = vmjs.createContext();
    const SyntaxErrorOfRealm = vmjs.runInContext('SyntaxError', context);
    expect(() => new vmjs.Script('{ using x = null }')).to.throw(SyntaxError);
    expect(() => vmjs.runInContext('{ using x = null }', context)).to.throw(SyntaxErrorOfRealm);
  });
});
