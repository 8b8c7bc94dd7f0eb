// End to end: the vmjs-test262 CLI on the fixture corpus in fixtures/test262, with node's own vm
// (--engine node: checks the harness independently of the interpreter) and with vmjs.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'bin', 'vmjs-test262.js');
const fixtures = join(here, 'fixtures', 'test262');
const features = join(here, 'fixtures', 'unsupported-features.json');
const tmp = mkdtempSync(join(tmpdir(), 'vmjs-t262-cli-'));

function cli(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, '--test262', fixtures, '--features', features, '--progress', 'none', ...args], { env: { ...process.env, CI: '' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : error.code, stdout, stderr });
    });
  });
}

async function runJson(args) {
  const json = join(tmp, `r${Math.random().toString(36).slice(2)}.json`);
  const out = await cli([...args, '--json', json]);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  const byFile = Object.fromEntries(report.results.map((r) => [r.file.replace(/^test\//, ''), r]));
  return { ...out, report, byFile };
}

describe('test262 runner: CLI on fixtures (node engine)', function () {
  this.timeout(60000);
  let run;
  before(async () => {
    run = await runJson(['--engine', 'node', '--timeout', '1500', '--worker-heap-mb', '96', '-j', '2']);
  });

  it('runs every test file once, never a _FIXTURE file', () => {
    expect(Object.keys(run.byFile)).to.not.include('module/dep_FIXTURE.js');
    expect(Object.keys(run.byFile)).to.have.length(28);
  });
  it('expands flags into the right scenarios', () => {
    const modes = (f) => run.byFile[f].scenarios.map((s) => s.mode);
    expect(modes('pass/simple.js')).to.deep.equal(['sloppy', 'strict']);
    expect(modes('pass/only-strict.js')).to.deep.equal(['strict']);
    expect(modes('pass/no-strict.js')).to.deep.equal(['sloppy']);
    expect(modes('pass/raw.js')).to.deep.equal(['raw']);
    expect(modes('module/import.js')).to.deep.equal(['module']);
  });
  it('passes what should pass', () => {
    for (const f of ['pass/simple.js', 'pass/only-strict.js', 'pass/no-strict.js', 'pass/raw.js', 'pass/includes.js', 'pass/host-bindings.js',
      'negative/parse.js', 'negative/runtime.js', 'async/complete.js', 'realm/create-realm.js', 'realm/detach.js',
      'module/import.js', 'module/missing-export.js', 'sandbox/after-hang.js', 'agent/wait-notify.js']) {
      expect(run.byFile[f].status, `${f}: ${run.byFile[f].message}`).to.equal('pass');
    }
  });
  it('fails what should fail, with the reason', () => {
    const msg = (f) => { expect(run.byFile[f].status, f).to.equal('fail'); return run.byFile[f].message; };
    expect(msg('fail/strict-mismatch.js')).to.match(/^\[strict\] uncaught Test262Error: sloppy this/);
    expect(run.byFile['fail/strict-mismatch.js'].scenarios[0].pass).to.equal(true);
    expect(msg('fail/throws.js')).to.equal('[sloppy] uncaught Test262Error: deliberate failure');
    expect(msg('negative/parse-but-runtime.js')).to.equal('[sloppy] expected SyntaxError at parse phase, but the test parsed without one');
    expect(msg('negative/runtime-wrong-type.js')).to.match(/uncaught ReferenceError: .* \(expected TypeError at runtime phase\)$/);
    expect(msg('negative/runtime-none.js')).to.equal('[sloppy] expected TypeError at runtime phase, but the test ran without one');
    expect(msg('async/failure.js')).to.match(/^\[sloppy\] async failure: .*async boom/);
    expect(msg('async/never.js')).to.match(/async test did not complete within 1500 ms \(print was never called\)/);
  });
  it('sandboxes: a hang fails by timeout, a hung worker is replaced, a crashed worker is replaced', () => {
    expect(run.byFile['sandbox/loop.js'].message).to.equal('[sloppy] timed out after 1500 ms');
    expect(run.byFile['sandbox/loop.js'].scenarios, 'no second full timeout').to.have.length(1);
    expect(run.byFile['sandbox/microtask-hang.js'].message).to.match(/^hung: no answer within \d+ ms; its worker was terminated and replaced/);
    expect(run.byFile['sandbox/oom.js'].message).to.match(/^crashed: .*memory/);
  });
  it('skips only unsupported features and [[CanBlock]] mismatches, and says so', () => {
    expect(run.byFile['skip/feature.js']).to.include({ status: 'skip', skipKind: 'feature' });
    expect(run.byFile['skip/canblock.js']).to.include({ status: 'skip', skipKind: 'canblock' });
    expect(Object.values(run.byFile).filter((r) => r.status === 'skip')).to.have.length(2);
    expect(run.stdout).to.match(/overall: [\d.]+% passing \(15 of 26 run; 2 skipped;/);
    expect(run.stdout).to.match(/skipped: 1 for unsupported features, 1 for \[\[CanBlock\]\]/);
    expect(run.stdout).to.match(/\$262 capabilities missing: \$262\.IsHTMLDDA/);
  });
  it('exits 1 when tests fail (without --check)', () => {
    expect(run.code).to.equal(1);
  });
});

describe('test262 runner: CLI options and expectations', function () {
  this.timeout(60000);
  const quick = ['--engine', 'node', 'test/pass', 'test/fail', 'test/negative'];

  it('--update writes real passes only; --check passes, then catches a regression and prints new passes', async () => {
    const file = join(tmp, 'expectations.json');
    const upd = await cli([...quick, '--update', '--expectations', file]);
    expect(upd.code, upd.stderr).to.equal(0);
    const listed = JSON.parse(readFileSync(file, 'utf8')).passing;
    expect(listed).to.include('test/pass/simple.js');
    expect(listed).to.include('test/negative/parse.js');
    expect(listed).to.not.include('test/fail/throws.js');
    expect(listed).to.have.length(8);

    const ok = await cli([...quick, '--check', '--expectations', file]);
    expect(ok.code, ok.stdout).to.equal(0);
    expect(ok.stdout).to.match(/expectations hold: all 8 listed tests of this run pass/);

    // Pretend fail/throws.js used to pass and pass/simple.js did not.
    writeFileSync(file, JSON.stringify({ passing: [...listed.filter((f) => f !== 'test/pass/simple.js'), 'test/fail/throws.js'] }));
    const bad = await cli([...quick, '--check', '--expectations', file]);
    expect(bad.code).to.equal(1);
    expect(bad.stdout).to.match(/1 REGRESSIONS/);
    expect(bad.stdout).to.match(/- test\/fail\/throws\.js \[fail\] failed twice \(second try with a doubled timeout\): \[sloppy\] uncaught Test262Error: deliberate failure/);
    expect(bad.stdout).to.match(/1 newly passing[^\n]*\n {2}\+ test\/pass\/simple\.js/);
  });

  it('--check gives a failing listed test a second try with twice the timeout before calling it a regression', async () => {
    const file = join(tmp, 'slow-expectations.json');
    writeFileSync(file, JSON.stringify({ passing: ['test/slow/busy.js'] }));
    const out = await cli(['--engine', 'node', 'test/slow', '--timeout', '1400', '--check', '--expectations', file]);
    expect(out.code, out.stdout + out.stderr).to.equal(0);
    expect(out.stdout).to.match(/slow or flaky \(passed on the second try\): test\/slow\/busy\.js/);
    const hopeless = await cli(['--engine', 'node', 'test/slow', '--timeout', '500', '--check', '--expectations', file]);
    expect(hopeless.code).to.equal(1);
    expect(hopeless.stdout).to.match(/- test\/slow\/busy\.js \[fail\] failed twice \(second try with a doubled timeout\): \[sloppy\] timed out after 1000 ms/);
  });

  it('writes an HTML report with each failure and its message', async () => {
    const html = join(tmp, 'report.html');
    await cli([...quick, '--html', html]);
    const page = readFileSync(html, 'utf8');
    expect(page).to.match(/<title>vmjs test262 report<\/title>/);
    expect(page).to.include('test/fail/throws.js');
    expect(page).to.include('uncaught Test262Error: deliberate failure');
  });

  it('--sample keeps one test in N of every directory', async () => {
    const { report } = await runJson(['--engine', 'node', 'test/pass', 'test/negative', '--sample', '100']);
    expect(report.results.map((r) => r.file)).to.deep.equal(['test/negative/parse-but-runtime.js', 'test/pass/host-bindings.js']);
  });

  it('rejects bad usage with exit code 2 and explains paths that do not exist', async () => {
    const bad = await cli(['--jobs', 'zero']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/--jobs needs a positive integer/);
    const missing = await cli(['test/nowhere']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(/no such test file or directory: test\/nowhere/);
  });
});

describe('test262 runner: CLI on fixtures (vmjs engine)', function () {
  this.timeout(60000);
  it('runs tests on vmjs through its public API, with timeouts and $262.createRealm', async () => {
    const { byFile } = await runJson(['--timeout', '1500', 'test/pass', 'test/negative', 'test/realm/create-realm.js', 'test/sandbox/loop.js']);
    for (const f of ['pass/simple.js', 'pass/only-strict.js', 'pass/no-strict.js', 'pass/raw.js', 'pass/includes.js', 'pass/host-bindings.js', 'negative/parse.js', 'negative/runtime.js', 'realm/create-realm.js']) {
      expect(byFile[f].status, `${f}: ${byFile[f].message}`).to.equal('pass');
    }
    expect(byFile['negative/runtime-wrong-type.js'].status).to.equal('fail');
    expect(byFile['sandbox/loop.js'].message).to.equal('[sloppy] timed out after 1500 ms');
  });

  it('gives vmjs test contexts [[CanBlock]] true (they run in worker threads): a CanBlockIsFalse test is skipped', async () => {
    const { byFile } = await runJson(['test/skip/canblock.js']);
    expect(byFile['skip/canblock.js']).to.include({ status: 'skip', skipKind: 'canblock' });
  });

  it('runs $262.agent agents in worker threads: broadcast, Atomics.wait in the agents, notify, reports', async () => {
    const { byFile } = await runJson(['test/agent']);
    expect(byFile['agent/wait-notify.js'].status, byFile['agent/wait-notify.js'].message).to.equal('pass');
  });

  it('--generator-form runs the same tests in the generator form, and only checks', async () => {
    const { byFile, stderr } = await runJson(['--generator-form', 'test/pass', 'test/negative']);
    expect(stderr).to.include('on vmjs (generator form everywhere)');
    for (const f of ['pass/simple.js', 'pass/includes.js', 'negative/parse.js', 'negative/runtime.js']) {
      expect(byFile[f].status, `${f}: ${byFile[f].message}`).to.equal('pass');
    }
    const bad = await cli(['--generator-form', '--update']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/--generator-form checks the expectations/);
  });

  it('--debug-hooks runs the same tests debug-compiled (the stepping debugger\'s hooks), and only checks', async () => {
    const { byFile, stderr } = await runJson(['--debug-hooks', 'test/pass', 'test/negative']);
    expect(stderr).to.include('on vmjs (debug hooks everywhere)');
    for (const f of ['pass/simple.js', 'pass/includes.js', 'negative/parse.js', 'negative/runtime.js']) {
      expect(byFile[f].status, `${f}: ${byFile[f].message}`).to.equal('pass');
    }
    const bad = await cli(['--debug-hooks', '--update']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/--debug-hooks checks the expectations/);
  });
});
