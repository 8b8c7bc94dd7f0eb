// ES modules through vm.SourceTextModule / vm.SyntheticModule in every runtime: linking, live
// bindings, cycles, top-level await order, namespaces, import() and import.meta. Literal
// expectations only (node's results with --experimental-vm-modules).
export default function ({ describe, it, expect, vm }) {
  const noLinker = () => { throw new Error('no imports expected'); };

  describe('modules', () => {
    it('links with an async linker and evaluates; the namespace has live bindings', async () => {
      const context = vm.createContext({ secret: 42 });
      const main = new vm.SourceTextModule('import s, { inc, n } from "dep"; inc(); export const seen = [s, n];', { context });
      const dep = new vm.SourceTextModule('export default secret; export let n = 0; export function inc() { n++; }', { context });
      await main.link(async () => dep);
      expect(main.status).to.equal('linked');
      await main.evaluate();
      expect(main.status).to.equal('evaluated');
      expect(main.namespace.seen).to.deep.equal([42, 1]);
      expect(Object.keys(dep.namespace)).to.deep.equal(['default', 'inc', 'n']);
      expect(Object.prototype.toString.call(dep.namespace)).to.equal('[object Module]');
    });
    it('a cycle runs dependencies first and sees hoisted functions', async () => {
      const context = vm.createContext({ log: [] });
      const a = new vm.SourceTextModule('import { b } from "b"; log.push("a:" + b); export function f() { return "f"; }', { context });
      const b = new vm.SourceTextModule('import { f } from "a"; log.push("b:" + f()); export const b = 1;', { context });
      await a.link((s) => (s === 'b' ? b : a));
      await a.evaluate();
      expect(vm.runInContext('log', context)).to.deep.equal(['b:f', 'a:1']);
    });
    it('top-level await evaluates an async graph in the spec\'s order', async () => {
      const context = vm.createContext({ log: [] });
      const src = {
        main: 'import "a"; import "b"; log.push("main");',
        a: 'import "c"; log.push("a start"); await null; log.push("a end");',
        b: 'import "c"; log.push("b");',
        c: 'log.push("c start"); await Promise.resolve(); log.push("c end");',
      };
      const m = {};
      const get = (k) => (m[k] ??= new vm.SourceTextModule(src[k], { context, identifier: k }));
      await get('main').link((s) => get(s));
      await get('main').evaluate();
      expect(vm.runInContext('log', context)).to.deep.equal(['c start', 'c end', 'a start', 'b', 'a end', 'main']);
    });
    it('errors: a thrown error is cached; node\'s codes for link misuse', async () => {
      const context = vm.createContext({});
      const bad = new vm.SourceTextModule('throw new TypeError("boom")', { context });
      await bad.link(noLinker);
      let first;
      try { await bad.evaluate(); } catch (e) { first = e; }
      expect(first.message).to.equal('boom');
      expect(bad.status).to.equal('errored');
      expect(bad.error).to.equal(first);
      let code;
      try { await bad.link(noLinker); } catch (e) { code = e.code; }
      expect(code).to.equal('ERR_VM_MODULE_STATUS');
      const m = new vm.SourceTextModule('import "x"', { context });
      try { await m.link(() => ({})); } catch (e) { code = e.code; }
      expect(code).to.equal('ERR_VM_MODULE_NOT_MODULE');
      expect(m.status).to.equal('errored');
    });
    it('SyntheticModule exports what its callback sets', async () => {
      const context = vm.createContext({});
      const s = new vm.SyntheticModule(['default'], function () { this.setExport('default', 'hi'); }, { context });
      const main = new vm.SourceTextModule('import v from "s"; export const out = v + "!";', { context });
      await main.link(() => s);
      await main.evaluate();
      expect(main.namespace.out).to.equal('hi!');
    });
    it('import() through importModuleDynamically, and its error without one; import.meta', async () => {
      const context = vm.createContext({});
      const target = new vm.SourceTextModule('export const answer = 42;', { context });
      await target.link(noLinker);
      await target.evaluate();
      const script = new vm.Script('import("t").then((ns) => ns.answer)', { importModuleDynamically: () => target });
      expect(await script.runInContext(context)).to.equal(42);
      let code;
      try { await vm.runInContext('import("t")', context); } catch (e) { code = e.code; }
      expect(code).to.equal('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING');
      const meta = new vm.SourceTextModule('export const url = import.meta.url;', { context, initializeImportMeta(m) { m.url = 'vm:test'; } });
      await meta.link(noLinker);
      await meta.evaluate();
      expect(meta.namespace.url).to.equal('vm:test');
    });
    it('evaluate({ timeout }) stops a runaway module body', async () => {
      const context = vm.createContext({});
      const m = new vm.SourceTextModule('while (true) {}', { context });
      await m.link(noLinker);
      let code;
      try { await m.evaluate({ timeout: 30 }); } catch (e) { code = e.code; }
      expect(code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
      expect(m.status).to.equal('errored');
    });
  });
}
