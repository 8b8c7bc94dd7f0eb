// Member expressions as destructuring assignment targets (§13.15.5.6) use the same member analysis as
// plain assignment; `super.x` targets used to fail to compile. Compared with node:vm.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

const cases = {
  'super properties': 'class A {} class B extends A { t() { [super.x] = [1]; ({ y: super["y"] } = { y: 2 }); return [this.x, this.y] } } new B().t()',
  'super setters run with this': 'class A { set x(v) { this.seen = v } } class B extends A { t() { [super.x] = [7]; return this.seen } } new B().t()',
};

function run(runInNewContext, src) {
  try { return runInNewContext(src); } catch (e) { return `threw ${e.constructor.name}: ${e.message}`; }
}

describe('member destructuring targets', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      expect(run(vm.runInNewContext, src)).to.deep.equal(run(nodeVm.runInNewContext, src));
    });
  }
});
