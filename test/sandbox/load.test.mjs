// Many contexts at once (the fast part; `node --expose-gc scripts/churn.mjs` is the long one, with
// the heap measured across 10,000 contexts).
import { expect } from 'chai';
import * as vm from '../../dist/esm/index.js';

describe('many contexts', function () {
  this.timeout(20000);
  it('200 contexts running interleaved async work each see only their own state', async () => {
    const contexts = Array.from({ length: 200 }, (_, i) => vm.createContext({ id: i }));
    const results = await Promise.all(contexts.map((ctx) => vm.runInContext(`
      (async () => {
        const acc = [];
        for (let k = 0; k < 5; k++) { await null; acc.push(id * 10 + k); globalThis.last = id; }
        return [id, acc.join(), globalThis.last];
      })()`, ctx)));
    results.forEach((r, i) => expect(r).to.deep.equal([i, [0, 1, 2, 3, 4].map((k) => i * 10 + k).join(), i]));
  });
});
