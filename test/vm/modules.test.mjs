// vm.SourceTextModule, vm.SyntheticModule and import(), side by side with node:vm: every scenario of
// test/differential/module-scenarios.mjs runs in a node child process started with
// --experimental-vm-modules (node offers the module API only behind that flag) and in vmjs, which
// offers it always; the observations must be equal.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import vm from '../../dist/esm/index.js';
import { scenarios } from '../differential/module-scenarios.mjs';

const scenariosUrl = new URL('../differential/module-scenarios.mjs', import.meta.url).href;

/** Every scenario's observation under node:vm, from one child process. */
function runInNode() {
  const program = `
    import vm from 'node:vm';
    import { scenarios } from ${JSON.stringify(scenariosUrl)};
    const out = {};
    for (const [name, run] of Object.entries(scenarios)) {
      try { out[name] = { ok: await run(vm) }; } catch (e) { out[name] = { threw: String(e && e.stack || e) }; }
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const text = execFileSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', '--input-type=module', '-e', program], { encoding: 'utf8' });
  return JSON.parse(text);
}

describe('vm modules: side by side with node --experimental-vm-modules', function () {
  this.timeout(30000);
  let node;
  before(() => { node = runInNode(); });

  for (const [name, run] of Object.entries(scenarios)) {
    it(name, async () => {
      let actual;
      try { actual = { ok: await run(vm) }; } catch (e) { actual = { threw: String(e && e.stack || e) }; }
      expect(JSON.parse(JSON.stringify(actual))).to.deep.equal(node[name]);
    });
  }
});

describe('vm modules: vmjs specifics', () => {
  it('offers the module classes without a flag', () => {
    expect(typeof vm.SourceTextModule).to.equal('function');
    expect(typeof vm.SyntheticModule).to.equal('function');
    expect(new vm.SourceTextModule('') instanceof vm.Module).to.equal(true);
    expect([vm.Module.name, vm.SourceTextModule.name, vm.SyntheticModule.name]).to.deep.equal(['Module', 'SourceTextModule', 'SyntheticModule']);
  });

  it('rejects import() without a callback with the context\'s own TypeError', async () => {
    const context = vm.createContext({});
    const e = await vm.runInContext('import("x").catch((e) => e)', context);
    expect(e).to.be.instanceOf(vm.runInContext('TypeError', context));
    expect(e.code).to.equal('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING');
  });

  it('moduleRequests, linkRequests(), instantiate(), hasTopLevelAwait() and hasAsyncGraph()', async () => {
    const context = vm.createContext({});
    const dep = new vm.SourceTextModule('await 1; export const v = 1;', { context });
    const main = new vm.SourceTextModule('import { v } from "dep" with { type: "x" }; export const w = v + 1;', { context });
    expect(main.moduleRequests.map((r) => [r.specifier, { ...r.attributes }])).to.deep.equal([['dep', { type: 'x' }]]);
    expect(main.hasTopLevelAwait()).to.equal(false);
    expect(dep.hasTopLevelAwait()).to.equal(true);
    expect(() => main.hasAsyncGraph()).to.throw().with.property('code', 'ERR_VM_MODULE_STATUS');
    dep.linkRequests([]);
    main.linkRequests([dep]);
    main.instantiate();
    expect(main.status).to.equal('linked');
    expect(main.hasAsyncGraph()).to.equal(true);
    await main.evaluate();
    expect(main.namespace.w).to.equal(2);
  });

  it('imports are live across re-entrant evaluation and keep compile-once: one module record per SourceTextModule', async () => {
    const context = vm.createContext({});
    const m = new vm.SourceTextModule('export let n = 0; export function inc() { return ++n; }', { context });
    await m.link(() => {});
    await m.evaluate();
    expect(m.namespace.inc()).to.equal(1);
    expect(m.namespace.n).to.equal(1);
    await m.evaluate();
    expect(m.namespace.n).to.equal(1);
  });

  it('import defer (stage 3): the deferred module runs on first use of its namespace, not before', async () => {
    const context = vm.createContext({ log: [] });
    const dep = new vm.SourceTextModule('log.push("dep"); export const x = 1; export function then() {}', { context });
    const main = new vm.SourceTextModule(`
      import defer * as ns from "dep";
      log.push("main", Object.prototype.toString.call(ns), typeof ns.then);
      log.push(ns.x);
      export { ns };
    `, { context });
    await main.link(() => dep);
    await main.evaluate();
    expect(vm.runInContext('log', context)).to.deep.equal(['main', '[object Deferred Module]', 'undefined', 'dep', 1]);
    expect(main.namespace.ns).to.not.equal(dep.namespace);
    expect(Object.keys(main.namespace.ns)).to.deep.equal(['x']);
  });

  it('import defer: an asynchronous dependency is evaluated eagerly; a module that cannot run synchronously throws', async () => {
    const context = vm.createContext({ log: [] });
    const tla = new vm.SourceTextModule('log.push("tla"); await 0; export const t = 1;', { context });
    const dep = new vm.SourceTextModule('import "tla"; log.push("dep"); export const y = 2;', { context });
    const main = new vm.SourceTextModule('import defer * as ns from "dep"; log.push("main"); export const read = () => ns.y;', { context });
    await main.link((s) => (s === 'dep' ? dep : tla));
    await main.evaluate();
    expect(vm.runInContext('log', context)).to.deep.equal(['tla', 'main']);
    expect(main.namespace.read()).to.equal(2);
    expect(vm.runInContext('log', context)).to.deep.equal(['tla', 'main', 'dep']);

    const slow = new vm.SourceTextModule('await 0; export const z = 3;', { context });
    const user = new vm.SourceTextModule('import defer * as ns from "slow"; export const read = () => ns.z;', { context });
    await user.link(() => slow);
    const evaluating = user.evaluate();
    await evaluating;
    expect(user.namespace.read()).to.equal(3);
    // A deferred module that needs the module evaluating it cannot run synchronously: a TypeError.
    const a = new vm.SourceTextModule('import defer * as nsB from "b"; let r; try { nsB.x; } catch (e) { r = [e.constructor.name, e instanceof TypeError]; } export const result = r;', { context });
    const b = new vm.SourceTextModule('import "a"; export const x = 1;', { context });
    await a.link((s) => (s === 'a' ? a : b));
    await a.evaluate();
    expect(a.namespace.result).to.deep.equal(['TypeError', true]);
  });

  it('import.defer() hands importModuleDynamically the phase and resolves with the deferred namespace', async () => {
    const context = vm.createContext({ log: [] });
    const dep = new vm.SourceTextModule('log.push("dep"); export const v = 5;', { context });
    await dep.link(() => {});
    const phases = [];
    const main = new vm.SourceTextModule('export const p = import.defer("dep").then((ns) => { log.push("resolved"); return ns.v; });', {
      context, importModuleDynamically: (specifier, referrer, attributes, phase) => { phases.push(phase); return dep; },
    });
    await main.link(() => {});
    await main.evaluate();
    expect(await main.namespace.p).to.equal(5);
    expect(phases).to.deep.equal(['defer']);
    expect(vm.runInContext('log', context)).to.deep.equal(['resolved', 'dep']);
  });

  it('the membrane: a context\'s namespaces cross to its guest code as themselves; setExport values and callback errors are the guest\'s view', async () => {
    const context = vm.createContext({});
    const m = new vm.SourceTextModule('export const x = 1; export const meta = import.meta; export const p = import("h").catch((e) => e.constructor === Error);', {
      context, importModuleDynamically() { throw new Error('host error'); },
    });
    await m.link(() => {});
    await m.evaluate();
    const same = vm.runInContext('(a, b) => a === b', context);
    expect(same(m.namespace, m.namespace)).to.equal(true);
    expect(vm.runInContext('(ns) => Object.getPrototypeOf(ns) === null && Object.prototype.toString.call(ns)', context)(m.namespace)).to.equal('[object Module]');
    expect(await m.namespace.p).to.equal(true);
    const s = new vm.SyntheticModule(['f'], function () { this.setExport('f', function hostFn() {}); }, { context });
    const u = new vm.SourceTextModule('import { f } from "s"; export const r = [f.constructor === Function, f.constructor("return typeof process")()];', { context });
    await u.link(() => s);
    await u.evaluate();
    expect(u.namespace.r).to.deep.equal([true, 'undefined']);
  });

  it('is usable from the CommonJS build', async () => {
    const { createRequire } = await import('node:module');
    const cjs = createRequire(fileURLToPath(import.meta.url))('../../dist/cjs/index.cjs');
    const m = new cjs.SourceTextModule('export default 7');
    await m.link(() => {});
    await m.evaluate();
    expect(m.namespace.default).to.equal(7);
  });
});
