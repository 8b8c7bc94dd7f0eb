// The committed seed set of the differential fuzzer: the same 300 programs every run.
import fc from 'fast-check';
import { agrees } from './differential-fuzz.mjs';

describe('differential fuzzing against node:vm (fixed seed)', function () {
  this.timeout(60000);
  it('300 random programs give the same outcome in vmjs and node:vm', () => {
    fc.assert(agrees, { seed: 20261206, numRuns: 300, verbose: false });
  });
});
