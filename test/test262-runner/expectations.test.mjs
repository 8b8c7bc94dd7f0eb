// The expectations file: --check and --update logic; repeated runs; the deterministic sample.
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkExpectations, updateExpectations, serializeExpectations, loadExpectations, mergeRuns, sampleTests } from '../../dist/esm/test262/main.js';

const r = (file, status, message) => ({ file, status, scenarios: [], ms: 1, ...(message ? { message } : {}) });

describe('test262 runner: expectations', () => {
  const listed = new Set(['test/a.js', 'test/b.js', 'test/c.js', 'test/outside.js']);

  it('reports listed tests that no longer pass as regressions, and unlisted passes as new', () => {
    const report = checkExpectations(listed, [r('test/a.js', 'pass'), r('test/b.js', 'fail', 'boom'), r('test/c.js', 'skip', 'feature'), r('test/d.js', 'pass'), r('test/e.js', 'fail')]);
    expect(report.regressions.map((x) => x.file)).to.deep.equal(['test/b.js', 'test/c.js']);
    expect(report.newlyPassing).to.deep.equal(['test/d.js']);
    expect(report.checked).to.equal(3);
  });
  it('does not judge listed tests that were not part of the run', () => {
    const report = checkExpectations(listed, [r('test/a.js', 'pass')]);
    expect(report.regressions).to.deep.equal([]);
    expect(report.checked).to.equal(1);
  });
  it('update lists exactly this run\'s passes and keeps entries of tests outside the run', () => {
    const next = updateExpectations(listed, [r('test/a.js', 'pass'), r('test/b.js', 'fail'), r('test/c.js', 'skip'), r('test/d.js', 'pass')]);
    expect([...next].sort()).to.deep.equal(['test/a.js', 'test/d.js', 'test/outside.js']);
  });
  it('round-trips through the file, sorted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmjs-t262-'));
    const file = join(dir, 'expectations.json');
    expect(loadExpectations(file).size, 'a missing file lists nothing').to.equal(0);
    writeFileSync(file, serializeExpectations(new Set(['test/z.js', 'test/a.js'])));
    expect([...loadExpectations(file)]).to.deep.equal(['test/a.js', 'test/z.js']);
    writeFileSync(file, '{"passing": [1]}');
    expect(() => loadExpectations(file)).to.throw(/expected/);
  });
});

describe('test262 runner: repeated runs', () => {
  it('a test passes only if it passed every time; mixed outcomes are flaky failures', () => {
    const merged = mergeRuns([
      [r('test/a.js', 'pass'), r('test/b.js', 'pass'), r('test/c.js', 'fail', 'x')],
      [r('test/a.js', 'pass'), r('test/b.js', 'fail', 'timed out'), r('test/c.js', 'fail', 'x')],
    ]);
    expect(merged.map((x) => x.status)).to.deep.equal(['pass', 'fail', 'fail']);
    expect(merged[1].message).to.equal('flaky: passed 1 of 2 runs; otherwise timed out');
    expect(merged[2].message).to.equal('x');
  });
});

describe('test262 runner: sample', () => {
  it('keeps one in N of each directory, always the first, deterministically', () => {
    const ids = ['test/a/1.js', 'test/a/2.js', 'test/a/3.js', 'test/a/4.js', 'test/a/b/1.js', 'test/c/1.js', 'test/c/2.js'];
    expect(sampleTests(ids, 3)).to.deep.equal(['test/a/1.js', 'test/a/4.js', 'test/a/b/1.js', 'test/c/1.js']);
    expect(sampleTests(ids, 1)).to.deep.equal(ids);
  });
});
