// WeakRef and FinalizationRegistry (ECMA-262 §26): the realm's own, on the host's weak machinery;
// cleanup callbacks run as guest jobs and never throw into the host.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nodeVm from 'node:vm';
import * as vm from '../../dist/esm/index.js';

const index = fileURLToPath(new URL('../../dist/esm/index.js', import.meta.url));

describe('WeakRef and FinalizationRegistry', () => {
  it('have the realm\'s shapes, and node\'s errors', () => {
    const code = `[
      typeof WeakRef, WeakRef.length, WeakRef.prototype[Symbol.toStringTag], Object.getPrototypeOf(new WeakRef({})) === WeakRef.prototype,
      FinalizationRegistry.length, FinalizationRegistry.prototype.register.length, FinalizationRegistry.prototype.unregister.length,
      new FinalizationRegistry(() => {}).unregister({}),
      ...['new WeakRef(1)', 'WeakRef({})', 'WeakRef.prototype.deref.call({})', 'new FinalizationRegistry(1)',
        'new FinalizationRegistry(() => {}).register(1)', 'var o = {}; new FinalizationRegistry(() => {}).register(o, o)',
        'new FinalizationRegistry(() => {}).register({}, 1, 1)', 'FinalizationRegistry.prototype.register.call({}, {})',
      ].map((c) => { try { eval(c); return 'ok'; } catch (e) { return (e instanceof TypeError) + ' ' + e.message; } }),
    ]`;
    expect(vm.runInNewContext(code)).to.deep.equal(nodeVm.runInNewContext(code));
    const ref = vm.runInNewContext('const t = { v: 1 }; globalThis.t = t; new WeakRef(t)');
    expect(ref.deref().v).to.equal(1);
  });

  it('runs cleanup callbacks as guest jobs after collection; a throwing one never reaches the host', () => {
    const script = `
      import * as vm from ${JSON.stringify(index)};
      const ctx = vm.createContext({});
      vm.runInContext(\`
        var log = [];
        const r = new FinalizationRegistry((held) => { log.push(held); if (held === 'b') throw new Error('cleanup failed'); });
        (function () { r.register({}, 'a'); r.register({}, 'b'); const kept = {}; r.register(kept, 'c', kept); r.unregister(kept); })();
      \`, ctx);
      process.on('uncaughtException', (e) => { console.log('HOST SAW', e.message); process.exitCode = 2; });
      for (let i = 0; i < 10 && vm.runInContext('log.length', ctx) < 2; i++) {
        globalThis.gc();
        await new Promise((r) => setTimeout(r, 20));
      }
      console.log(JSON.stringify(vm.runInContext('log.slice().sort()', ctx)));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20000 });
    expect(r.stdout.trim()).to.equal('["a","b"]');
    expect(r.status).to.equal(0);
  });
});
