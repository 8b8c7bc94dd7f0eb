// Judging a thrown value against a `negative:` expectation (phase + constructor name).
import { expect } from 'chai';
import vm from 'node:vm';
import { judgeThrow, constructorName } from '../../dist/esm/test262/main.js';

describe('test262 runner: negative tests', () => {
  const parse = { phase: 'parse', type: 'SyntaxError' };
  const runtime = { phase: 'runtime', type: 'ReferenceError' };

  it('passes when phase and constructor name match', () => {
    expect(judgeThrow('parse', new SyntaxError('x'), parse)).to.deep.equal({ pass: true });
    expect(judgeThrow('runtime', new ReferenceError('x'), runtime)).to.deep.equal({ pass: true });
  });
  it('compares by constructor.name, so another realm\'s error class matches', () => {
    const foreign = vm.runInNewContext('new ReferenceError("other realm")');
    expect(foreign instanceof ReferenceError).to.equal(false);
    expect(judgeThrow('runtime', foreign, runtime).pass).to.equal(true);
  });
  it('fails on the right error at the wrong phase', () => {
    const r = judgeThrow('runtime', new SyntaxError('late'), parse);
    expect(r.pass).to.equal(false);
    expect(r.message).to.equal('uncaught SyntaxError: late (expected SyntaxError at parse phase)');
  });
  it('fails on the wrong error type', () => {
    const r = judgeThrow('runtime', new TypeError('t'), runtime);
    expect(r.pass).to.equal(false);
    expect(r.message).to.match(/TypeError: t \(expected ReferenceError at runtime phase\)/);
  });
  it('fails on any throw when no error was expected, and on thrown primitives', () => {
    expect(judgeThrow('runtime', new Error('e'), null)).to.deep.equal({ pass: false, message: 'uncaught Error: e' });
    expect(judgeThrow('runtime', 'Test262: This statement should not be evaluated.', runtime).message).to.match(/^uncaught "Test262: This statement/);
    expect(judgeThrow('parse', new SyntaxError('s'), null).message).to.equal('parse error SyntaxError: s');
  });
  it('reads constructor names defensively', () => {
    expect(constructorName(null)).to.equal(null);
    expect(constructorName(42)).to.equal(null);
    expect(constructorName({ get constructor() { throw new Error('hostile'); } })).to.equal(null);
    expect(constructorName(Object.create(null))).to.equal(null);
    expect(constructorName(new RangeError())).to.equal('RangeError');
  });
});
