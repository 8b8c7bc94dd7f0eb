// Flag expansion, harness selection and skip decisions.
import { expect } from 'chai';
import { parseMetadata, scenariosFor, sourceFor, harnessFiles, skipDecision, STRICT_PREFIX } from '../../dist/esm/test262/main.js';

const meta = (front) => parseMetadata(`/*---\n${front}\n---*/\nbody();`);

describe('test262 runner: flag expansion', () => {
  it('runs a test without flags twice, sloppy then strict', () => {
    expect(scenariosFor(meta('description: x'))).to.deep.equal(['sloppy', 'strict']);
  });
  it('runs onlyStrict / noStrict / raw / module once each', () => {
    expect(scenariosFor(meta('flags: [onlyStrict]'))).to.deep.equal(['strict']);
    expect(scenariosFor(meta('flags: [noStrict]'))).to.deep.equal(['sloppy']);
    expect(scenariosFor(meta('flags: [raw]'))).to.deep.equal(['raw']);
    expect(scenariosFor(meta('flags: [module]'))).to.deep.equal(['module']);
    expect(scenariosFor(meta('flags: [module, onlyStrict]')), 'module wins: never the strict transformation').to.deep.equal(['module']);
  });
  it('prefixes "use strict"; and a newline only in the strict scenario', () => {
    expect(STRICT_PREFIX).to.equal('"use strict";\n');
    expect(sourceFor('strict', 'x;')).to.equal('"use strict";\nx;');
    expect(sourceFor('sloppy', 'x;')).to.equal('x;');
    expect(sourceFor('raw', "'use strict'\n[0]")).to.equal("'use strict'\n[0]");
    expect(sourceFor('module', 'x;')).to.equal('x;');
  });
  it('selects assert.js, sta.js, doneprintHandle.js for async, then includes in order', () => {
    expect(harnessFiles(meta('description: x'), 'sloppy')).to.deep.equal(['assert.js', 'sta.js']);
    expect(harnessFiles(meta('flags: [async]\nincludes: [b.js, a.js]'), 'strict')).to.deep.equal(['assert.js', 'sta.js', 'doneprintHandle.js', 'b.js', 'a.js']);
    expect(harnessFiles(meta('includes: [a.js]\nflags: [module]'), 'module')).to.deep.equal(['assert.js', 'sta.js', 'a.js']);
    expect(harnessFiles(meta('flags: [raw]\nincludes: [a.js]'), 'raw'), 'raw: no harness at all').to.deep.equal([]);
  });
});

describe('test262 runner: skips', () => {
  const policy = { unsupported: new Map([['IsHTMLDDA', 'cannot be made']]), canBlock: true };
  it('skips a test tagged with an unsupported feature, giving the reason', () => {
    expect(skipDecision(meta('features: [Symbol, IsHTMLDDA]'), policy)).to.deep.equal({ kind: 'feature', reason: 'unsupported feature IsHTMLDDA: cannot be made' });
  });
  it('never skips for any other reason than features and [[CanBlock]]', () => {
    expect(skipDecision(meta('features: [Symbol]\nflags: [async, module]'), policy)).to.equal(null);
    expect(skipDecision(meta('flags: [CanBlockIsTrue]'), policy)).to.equal(null);
    expect(skipDecision(meta('flags: [CanBlockIsFalse]'), policy)?.kind).to.equal('canblock');
    expect(skipDecision(meta('flags: [CanBlockIsTrue]'), { ...policy, canBlock: false })?.kind).to.equal('canblock');
  });
});
