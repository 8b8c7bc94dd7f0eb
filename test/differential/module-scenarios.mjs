// Module scenarios run side by side: each is an async function of a vm module (node:vm under
// `node --experimental-vm-modules`, or vmjs) that returns a JSON-safe observation. modules.test.mjs
// runs them all in a node child process with the flag and in vmjs, and compares the results.

/** What an error looks like to a user: class, code, message. */
export function describeError(e) {
  if (e === null || typeof e !== 'object') return { thrown: String(e) };
  return { class: e.constructor?.name ?? null, code: e.code ?? null, message: e.message };
}

async function settle(p) {
  try {
    return { value: await p };
  } catch (e) {
    return { error: describeError(e) };
  }
}

function attempt(fn) {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return describeError(e);
  }
}

const noLinker = () => { throw new Error('no imports expected'); };

export const scenarios = {
  // node's documentation: the linker resolving 'foo' to a module that exports the context's `secret`.
  async linkerWithSecret(vm) {
    const out = [];
    const contextifiedObject = vm.createContext({ secret: 42, print: (x) => { out.push(x); } });
    const bar = new vm.SourceTextModule(`
      import s from 'foo';
      s;
      print(s);
    `, { context: contextifiedObject });
    const seen = [];
    async function linker(specifier, referencingModule) {
      seen.push([specifier, referencingModule === bar, referencingModule.status]);
      if (specifier === 'foo') return new vm.SourceTextModule('export default secret;', { context: referencingModule.context });
      throw new Error(`Unable to resolve dependency: ${specifier}`);
    }
    const statuses = [bar.status];
    const linking = bar.link(linker);
    statuses.push(bar.status);
    await linking;
    statuses.push(bar.status);
    await bar.evaluate();
    statuses.push(bar.status);
    return { out, seen, statuses, dependencySpecifiers: [...bar.dependencySpecifiers] };
  },

  // node's documentation: import.meta through initializeImportMeta (with an object of the context).
  async importMeta(vm) {
    const contextifiedObject = vm.createContext({ secret: 42 });
    let calls = 0;
    const module = new vm.SourceTextModule('Object.getPrototypeOf(import.meta.prop).secret = secret; export const same = import.meta === import.meta; export const proto = Object.getPrototypeOf(import.meta);', {
      context: contextifiedObject,
      initializeImportMeta(meta, m) {
        calls++;
        meta.prop = vm.runInContext('({})', contextifiedObject);
        meta.isModule = m === module;
      },
    });
    await module.link(noLinker);
    await module.evaluate();
    return {
      calls,
      secretInContext: vm.runInContext('Object.prototype.secret', contextifiedObject),
      hostUntouched: Object.prototype.secret === undefined,
      same: module.namespace.same,
      proto: module.namespace.proto,
    };
  },

  // node's documentation: a SyntheticModule whose default export is an object, imported by a module.
  async syntheticModule(vm) {
    const context = vm.createContext({});
    const synth = new vm.SyntheticModule(['default', 'n'], function () {
      const obj = { a: 1 };
      this.setExport('default', obj);
      this.setExport('n', 1);
    }, { context });
    const main = new vm.SourceTextModule('import obj, { n } from "synth"; export const seen = obj.a + n; export { n };', { context });
    await main.link(() => synth);
    const before = synth.status;
    await main.evaluate();
    return {
      before, after: synth.status, seen: main.namespace.seen, n: main.namespace.n,
      keys: Object.keys(synth.namespace), identifier: synth.identifier,
      setBeforeLink: attempt(() => new vm.SyntheticModule(['x'], () => {}, { context }).setExport('x', 1)),
      unknownExport: attempt(() => synth.setExport('nope', 1)),
      duplicate: attempt(() => new vm.SyntheticModule(['a', 'a'], () => {})),
      notArray: attempt(() => new vm.SyntheticModule('a', () => {})),
      notFunction: attempt(() => new vm.SyntheticModule([], 1)),
    };
  },

  // A cycle: a imports b, b imports a; hoisted functions callable across the cycle, live bindings.
  async cyclicGraph(vm) {
    const context = vm.createContext({ log: [] });
    const sources = {
      a: 'import { b, bump } from "b"; log.push("a runs, b = " + b); export function fa() { return "fa"; } export let counter = 0; bump(); log.push("a sees b = " + b);',
      b: 'import { fa, counter } from "a"; log.push("b runs, fa() = " + fa()); try { counter; } catch (e) { log.push(e.constructor.name + ": " + e.message); } export let b = 1; export function bump() { b++; }',
    };
    const modules = {};
    const get = (name) => modules[name] ??= new vm.SourceTextModule(sources[name], { context, identifier: name });
    const linkerCalls = [];
    await get('a').link((specifier, ref) => { linkerCalls.push(`${ref.identifier}->${specifier}`); return get(specifier); });
    await get('a').evaluate();
    return { log: vm.runInContext('log', context), linkerCalls, statuses: [get('a').status, get('b').status], b: get('b').namespace.b };
  },

  // Top-level await: evaluation order of a graph with async modules (GatherAvailableAncestors).
  async topLevelAwaitGraph(vm) {
    const context = vm.createContext({ log: [] });
    const sources = {
      main: 'import "a"; import "b"; log.push("main");',
      a: 'import "c"; log.push("a start"); await null; log.push("a end");',
      b: 'import "c"; log.push("b");',
      c: 'log.push("c start"); await Promise.resolve(); log.push("c end"); export const c = 1;',
    };
    const modules = {};
    const get = (name) => modules[name] ??= new vm.SourceTextModule(sources[name], { context, identifier: name });
    await get('main').link((specifier) => get(specifier));
    const p = get('main').evaluate();
    const statusDuring = get('main').status;
    await p;
    return {
      log: vm.runInContext('log', context), statusDuring, status: get('main').status,
    };
  },

  // A rejected top-level await errors the module and its importers; the error is cached.
  async topLevelAwaitRejection(vm) {
    const context = vm.createContext({});
    const dep = new vm.SourceTextModule('await 0; throw new RangeError("late");', { context });
    const main = new vm.SourceTextModule('import "dep"; export const x = 1;', { context });
    await main.link(() => dep);
    const first = await settle(main.evaluate());
    const second = await settle(main.evaluate());
    return { first, second, main: main.status, dep: dep.status, same: main.error === dep.error, errorClass: main.error.constructor.name };
  },

  // Errors thrown by the module body are cached: evaluate again rejects with the same error.
  async errorCached(vm) {
    const context = vm.createContext({});
    const m = new vm.SourceTextModule('throw new TypeError("boom")', { context });
    await m.link(noLinker);
    const first = await settle(m.evaluate());
    const e1 = m.error;
    const second = await settle(m.evaluate());
    return { first, second, status: m.status, same: e1 === m.error, realmError: e1 instanceof vm.runInContext('TypeError', context) };
  },

  // The statuses and node's errors around link() and evaluate().
  async apiErrors(vm) {
    const context = vm.createContext({});
    const m = new vm.SourceTextModule('import "dep"; export let x = 1;', { context });
    const r = {};
    r.identifier = m.identifier;
    r.namespaceUnlinked = attempt(() => m.namespace);
    r.errorNotErrored = attempt(() => m.error);
    r.evaluateUnlinked = await settle(m.evaluate());
    r.moduleCtor = attempt(() => new vm.Module());
    r.badSource = attempt(() => new vm.SourceTextModule(1));
    r.badContext = attempt(() => new vm.SourceTextModule('', { context: {} }));
    r.badIdentifier = attempt(() => new vm.SourceTextModule('', { identifier: 1 }));
    r.syntaxError = attempt(() => new vm.SourceTextModule('export {', { context }));
    r.badLinker = await settle(m.link(1));
    r.notModule = await settle(new vm.SourceTextModule('import "q"', { context }).link(() => ({})));
    r.differentContext = await settle(new vm.SourceTextModule('import "q"', { context }).link(() => new vm.SourceTextModule('')));
    const bad = new vm.SourceTextModule('throw new Error("boom")', { context });
    await bad.link(noLinker);
    await settle(bad.evaluate());
    const failing = new vm.SourceTextModule('import "q"', { context });
    r.linkFailure = await settle(failing.link(() => bad));
    r.linkFailureStatus = failing.status;
    r.linkFailureCause = describeError(failing.error.cause);
    await m.link(() => new vm.SourceTextModule('', { context }));
    r.alreadyLinked = await settle(m.link(noLinker));
    r.badOptions = await settle(m.evaluate(1));
    r.badTimeout = await settle(m.evaluate({ timeout: -1 }));
    r.missingExport = await settle(new vm.SourceTextModule('import { nope } from "x";', { context }).link(() => new vm.SourceTextModule('export const y = 1', { context })));
    return r;
  },

  // Namespace objects: keys, descriptors, TDZ, immutability.
  async namespaceObject(vm) {
    const context = vm.createContext({});
    const m = new vm.SourceTextModule('export let b = 1; export const a = 2; export default function () {} export var z; export { b as "string name" };', { context });
    await m.link(noLinker);
    const ns = m.namespace;
    const r = { keys: Reflect.ownKeys(ns).map(String), tdz: attempt(() => ns.b) };
    await m.evaluate();
    r.tag = Object.prototype.toString.call(ns);
    r.descriptor = Object.getOwnPropertyDescriptor(ns, 'a');
    r.proto = Object.getPrototypeOf(ns);
    r.extensible = Object.isExtensible(ns);
    r.set = vm.runInContext('"use strict"; (ns) => { try { ns.a = 3; } catch (e) { return [e.constructor.name, e.message]; } }', context)(ns);
    r.add = vm.runInContext('"use strict"; (ns) => { try { ns.fresh = 3; } catch (e) { return [e.constructor.name, e.message]; } }', context)(ns);
    r.setResult = Reflect.set(ns, 'a', 3);
    r.deleteExport = Reflect.deleteProperty(ns, 'a');
    r.deleteOther = Reflect.deleteProperty(ns, 'other');
    r.defineSame = Reflect.defineProperty(ns, 'a', { value: 2 });
    r.defineOther = Reflect.defineProperty(ns, 'a', { value: 5 });
    r.defaultName = ns.default.name;
    r.stringName = ns['string name'];
    r.inGuest = vm.runInContext('(ns) => [Object.keys(ns).join(), typeof ns, ns instanceof Object, Object.prototype.toString.call(ns)]', context)(ns);
    return r;
  },

  // export default of anonymous functions, classes and arrows is named "default".
  async defaultExportNames(vm) {
    const context = vm.createContext({});
    const names = {};
    for (const [key, code] of Object.entries({
      fn: 'export default function () {}',
      namedFn: 'export default function f() {}',
      cls: 'export default class {}',
      arrow: 'export default () => {}',
      expr: 'export default (function () {})',
      value: 'export default 1 + 1',
      gen: 'export default function* () {}',
      asyncFn: 'export default async function () {}',
    })) {
      const m = new vm.SourceTextModule(code, { context });
      await m.link(noLinker);
      await m.evaluate();
      const v = m.namespace.default;
      names[key] = typeof v === 'function' ? v.name : v;
    }
    return names;
  },

  // export * with ambiguous names: left out of the namespace, a SyntaxError when imported by name.
  async starExports(vm) {
    const context = vm.createContext({});
    const a = new vm.SourceTextModule('export const y = 1; export const onlyA = 2;', { context });
    const b = new vm.SourceTextModule('export const y = 3;', { context });
    const star = new vm.SourceTextModule('export * from "a"; export * from "b"; export * as nsA from "a";', { context });
    const linker = (s) => (s === 'a' ? a : b);
    await star.link(linker);
    await star.evaluate();
    const importer = new vm.SourceTextModule('import { y } from "star";', { context });
    return {
      keys: Object.keys(star.namespace),
      nsA: star.namespace.nsA === a.namespace,
      ambiguous: await settle(importer.link(() => star)),
      importerStatus: importer.status,
    };
  },

  // import() from a Script, from a module and without a callback.
  async dynamicImport(vm) {
    const context = vm.createContext({});
    const target = new vm.SourceTextModule('export const answer = 42;', { context });
    await target.link(noLinker);
    await target.evaluate();
    const calls = [];
    const script = new vm.Script('import("t").then((ns) => ns.answer)', {
      importModuleDynamically(specifier, referrer, attributes) {
        calls.push([specifier, referrer === script, Object.getPrototypeOf(attributes), { ...attributes }]);
        return target;
      },
    });
    const fromScript = await script.runInContext(context);
    const mod = new vm.SourceTextModule('export const p = import("t", { with: { type: "x" } });', {
      context,
      importModuleDynamically: (specifier, referrer, attributes) => { calls.push([specifier, referrer === mod, { ...attributes }]); return target.namespace; },
    });
    await mod.link(noLinker);
    await mod.evaluate();
    const fromModule = (await mod.namespace.p).answer;
    const missing = await settle(vm.runInContext('import("x")', context));
    const missingInModule = new vm.SourceTextModule('export const p = import("x").catch((e) => [e.code, e.message]);', { context });
    await missingInModule.link(noLinker);
    await missingInModule.evaluate();
    return { fromScript, fromModule, calls, missing, missingInModule: await missingInModule.namespace.p };
  },

  // import() in a function made by vm.compileFunction: the function is the referrer.
  async compileFunctionImport(vm) {
    const context = vm.createContext({});
    const target = new vm.SyntheticModule(['v'], function () { this.setExport('v', 3); }, { context });
    await target.link(noLinker);
    await target.evaluate();
    let referrerIsFunction;
    const fn = vm.compileFunction('return import("x").then((ns) => ns.v)', [], {
      parsingContext: context,
      importModuleDynamically(specifier, referrer) { referrerIsFunction = referrer === fn; return target; },
    });
    const v = await fn();
    const missing = await settle(vm.compileFunction('return import("x")', [], { parsingContext: context })());
    return { v, referrerIsFunction, missing };
  },

  // The evaluate timeout ends a runaway module body with node's error; the module is errored.
  async evaluateTimeout(vm) {
    const context = vm.createContext({});
    const m = new vm.SourceTextModule('while (true) {}', { context });
    await m.link(noLinker);
    const result = await settle(m.evaluate({ timeout: 20 }));
    return { result, status: m.status, stillUsable: vm.runInContext('1 + 1', context) };
  },

  // util.inspect of modules.
  async inspected(vm) {
    const { inspect } = await import('node:util');
    const context = vm.createContext({ a: 1 });
    const m = new vm.SourceTextModule('export const x = 1;', { context, identifier: 'm' });
    const s = new vm.SyntheticModule(['y'], () => {}, { identifier: 's' });
    await m.link(noLinker);
    return [inspect(m), inspect(s), inspect({ x: { y: { z: m } } })];
  },

  // Default identifiers count per context, SyntheticModules included.
  async identifiers(vm) {
    const c1 = vm.createContext({});
    const c2 = vm.createContext({});
    return [
      new vm.SourceTextModule('', { context: c1 }).identifier,
      new vm.SyntheticModule([], () => {}, { context: c1 }).identifier,
      new vm.SourceTextModule('', { context: c2 }).identifier,
      new vm.SourceTextModule('', { context: c1 }).identifier,
      new vm.SourceTextModule('', { context: c1, identifier: 'named' }).identifier,
    ];
  },

  // Assigning an import binding is a TypeError; typeof of one in its TDZ throws.
  async importBindings(vm) {
    const context = vm.createContext({});
    const dep = new vm.SourceTextModule('export let x = 1; export function setX(v) { x = v; }', { context });
    const assign = new vm.SourceTextModule('import { x } from "dep"; x = 2;', { context });
    await assign.link(() => dep);
    const assigned = await settle(assign.evaluate());
    const live = new vm.SourceTextModule('import { x, setX } from "dep"; const before = x; setX(5); export const seen = [before, x];', { context });
    await live.link(() => dep);
    await live.evaluate();
    return { assigned, seen: live.namespace.seen };
  },
};
