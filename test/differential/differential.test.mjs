// Runs every snippet of snippets.mjs through node:vm and through vmjs, each in a fresh context,
// and compares the normalised outcome and the context object's own properties afterwards.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';
import { snippets, differences } from './snippets.mjs';
import { observe } from './observe.mjs';

describe('differential: node:vm vs vmjs', () => {
  const byGroup = new Map();
  for (const s of snippets) {
    if (!byGroup.has(s.group)) byGroup.set(s.group, []);
    byGroup.get(s.group).push(s);
  }
  it(`has a table of ${snippets.length} snippets`, () => {
    expect(snippets.length).to.be.at.least(150);
  });
  describe('deliberate differences (README: Differences from node:vm)', () => {
    for (const d of differences) {
      it(`${d.code}: ${d.reason}`, () => {
        expect(observe(vmjs, d)).to.not.deep.equal(observe(nodeVm, d));
      });
    }
  });
  for (const [group, list] of byGroup) {
    describe(group, () => {
      for (const snippet of list) {
        it(snippet.code, () => {
          const expected = observe(nodeVm, snippet);
          const actual = observe(vmjs, snippet);
          expect(actual).to.deep.equal(expected);
        });
      }
    });
  }
});
