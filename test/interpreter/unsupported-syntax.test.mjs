// Syntax the evaluator does not implement yet is a SyntaxError before anything runs, as in node 20,
// never a half-working construct (`using` declarations parsed as plain bindings once leaked the
// evaluator's uninitialised-binding marker to guest code; they are implemented now: using.test.mjs).
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
    'var using = 1; using',
    'let using = 2; using + 1',
  ]) {
    it(code, () => {
      const expected = outcome(nodeVm, code);
      expect(outcome(vmjs, code)).to.deep.equal(expected);
    });
  }
});
