// The main context (runInThisContext) has the host's intrinsics, so its eval and Function family are
// the host's: called from interpreted code they would compile host code that no timeout reaches. The
// evaluator's call and `new` sites run them as the interpreter's instead (src/interpreter/runtime/
// dynamic.ts, hostCodeGenerator). Each case runs in a child process, so a timeout that failed to fire
// fails the test instead of hanging the suite.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/esm/index.js', import.meta.url));

function runChild(code) {
  const script = `import vm from ${JSON.stringify(dist)};
let out;
try { out = { value: vm.runInThisContext(${JSON.stringify(code)}, { timeout: 100 }) }; } catch (e) { out = { code: e.code, name: e.name, message: e.message }; }
process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 15000 });
  if (r.error) throw new Error(`the child did not finish: ${r.error.message}`);
  return JSON.parse(r.stdout);
}

const loops = {
  'direct eval': 'eval("while (true) {}")',
  'indirect eval': '(0, eval)("while (true) {}")',
  'Function called': 'Function("while (true) {}")()',
  'new Function': 'new Function("while (true) {}")()',
  'an async function from AsyncFunction': '(Object.getPrototypeOf(async function () {}).constructor)("while (true) {}")()',
};

describe('runInThisContext: code made by eval and the Function family is under the timeout', function () {
  this.timeout(60000);
  for (const [name, code] of Object.entries(loops)) {
    it(name, () => {
      expect(runChild(code)).to.deep.equal({ code: 'ERR_SCRIPT_EXECUTION_TIMEOUT', name: 'Error', message: 'Script execution timed out after 100ms' });
    });
  }

  it('what they make still behaves as the host\'s would', () => {
    const r = runChild('var f = new Function("a", "b", "return a + b"); var g = Function("return this")(); ' +
      '[f(1, 2), f.name, f.length, g === globalThis, (0, eval)("typeof Function"), f instanceof Function]');
    expect(r.value).to.deep.equal([3, 'anonymous', 2, true, 'function', true]);
  });
});
