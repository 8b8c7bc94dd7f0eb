// A contextified context installs its rarely used builtin families (binary data, Date, Math, Map…) on
// first use (src/realm/lazy-families.ts). Guest code must not be able to tell: every observation is
// compared with an eager realm (a DONT_CONTEXTIFY context, whose global object is guest-visible) and,
// where node defines it, with node:vm.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

const eager = () => vm.createContext(vm.constants.DONT_CONTEXTIFY);
const lazy = () => vm.createContext();
const run = (src, ctx) => vm.runInContext(src, ctx);

// Every own property of the global (minus globalThis, which names the proxy in one and the global in
// the other) with its attributes and the shape of its value: own keys, their attributes and names.
const SHAPE = `JSON.stringify(Reflect.ownKeys(globalThis).filter((k) => k !== 'globalThis').map((k) => {
  const d = Object.getOwnPropertyDescriptor(globalThis, k);
  const v = d.value;
  const keys = (typeof v === 'object' && v !== null) || typeof v === 'function'
    ? Reflect.ownKeys(v).map((p) => { const e = Object.getOwnPropertyDescriptor(v, p); return [String(p), e.writable, e.enumerable, e.configurable, typeof e.value, typeof e.get, typeof e.value === 'function' ? [e.value.name, e.value.length] : null]; })
    : [];
  const proto = v && v.prototype && typeof v.prototype === 'object'
    ? Reflect.ownKeys(v.prototype).map((p) => { const e = Object.getOwnPropertyDescriptor(v.prototype, p); return [String(p), e.enumerable, typeof e.value, typeof e.get]; })
    : [];
  return [String(k), typeof v, 'get' in d, d.writable, d.enumerable, d.configurable, keys, proto];
}))`;

const FAMILY_GLOBALS = ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Float64Array', 'BigInt64Array',
  'Atomics', 'Date', 'Reflect', 'Math', 'Proxy', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'DisposableStack', 'AsyncDisposableStack', 'ShadowRealm', 'Promise', 'JSON'];

describe('lazily installed builtin families of a contextified context', () => {
  it('the global has the same own keys, in the same order, before anything is used', () => {
    const keys = 'Reflect.ownKeys(globalThis).map(String).join()';
    expect(run(keys, lazy())).to.equal(run(keys, eager()));
    expect(run('Object.getOwnPropertyNames(globalThis).join()', lazy())).to.equal(run('Object.getOwnPropertyNames(globalThis).join()', eager()));
  });

  it('every global property and every builtin of the families has the eager shape', () => {
    expect(run(SHAPE, lazy())).to.equal(run(SHAPE, eager()));
  });

  for (const name of FAMILY_GLOBALS) {
    it(`${name}: its descriptor on the global is a data property, read first or used first`, () => {
      const desc = `(() => { const d = Object.getOwnPropertyDescriptor(globalThis, '${name}'); return [typeof d.value, 'get' in d, d.writable, d.enumerable, d.configurable, d.value === ${name}].join(); })()`;
      const expected = run(desc, eager());
      expect(expected).to.equal('function,false,true,false,true,true'.replace(/^function/, run(`typeof ${name}`, eager())));
      expect(run(desc, lazy())).to.equal(expected);
      const used = lazy();
      run(`typeof ${name}; void ${name}`, used);
      expect(run(desc, used)).to.equal(expected);
      // node 20 lacks some of them; where it has them, the same attributes.
      const nodeHas = nodeVm.runInNewContext(`typeof ${name} !== 'undefined'`);
      if (nodeHas) expect(nodeVm.runInNewContext(desc)).to.equal(expected);
    });
  }

  it('the families work from first use, with the realm\'s intrinsics and identities', () => {
    const ctx = lazy();
    expect(run(`[
      new Date(0).toISOString(), Math.max(1, 2), new Map([[1, 2]]).get(1), new Set([1]).has(1),
      new Uint8Array([1, 2, 3]).subarray(1).length, Object.getPrototypeOf(Int8Array) === Object.getPrototypeOf(Float64Array),
      new Uint8Array(2).buffer instanceof ArrayBuffer, Reflect.ownKeys({ a: 1 }).join(), typeof new Proxy({}, {}),
      new WeakMap() instanceof WeakMap, typeof Atomics.add, new DataView(new ArrayBuffer(2)).byteLength,
      Object.getPrototypeOf(new Map().entries())[Symbol.toStringTag], new ShadowRealm().evaluate('1 + 2'),
    ].join()`, ctx)).to.equal('1970-01-01T00:00:00.000Z,2,2,true,2,true,true,a,object,true,function,2,Map Iterator,3');
    // No host intrinsic leaks through them.
    expect(run('Date === this.Date && Date.prototype.constructor === Date && (function () {}).constructor === Function', ctx)).to.equal(true);
    expect(run('Math', ctx)).to.not.equal(Math);
    expect(run('Object.getPrototypeOf(Map.prototype) === Object.prototype', ctx)).to.equal(true);
    expect(run('new Map()', ctx)).to.not.be.instanceOf(Map);
  });

  it('a global deleted or redeclared before its family was used stays as guest code left it', () => {
    const deleted = lazy();
    expect(run('delete globalThis.Date', deleted)).to.equal(true);
    run('new Int8Array(1); new Map(); Math.abs(1)', deleted);
    expect(run('typeof Date + " " + Object.getOwnPropertyNames(globalThis).includes("Date")', deleted)).to.equal('undefined false');
    // Eager: the same.
    const e = eager();
    run('delete globalThis.Date', e);
    expect(run('typeof Date', e)).to.equal('undefined');

    const redeclared = lazy();
    expect(run('function Map() { return 5 } new Set(); Map()', redeclared)).to.equal(5);
    expect(run('Map()', redeclared)).to.equal(5);
    const nodeCtx = nodeVm.createContext();
    expect(nodeVm.runInContext('function Map() { return 5 } new Set(); Map()', nodeCtx)).to.equal(5);

    const nonConfigurable = lazy();
    run('Object.defineProperty(globalThis, "Set", { value: 1, writable: false, enumerable: true, configurable: false })', nonConfigurable);
    run('new Map()', nonConfigurable);
    expect(run('JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, "Set"))', nonConfigurable))
      .to.equal('{"value":1,"writable":false,"enumerable":true,"configurable":false}');
  });

  it('an assignment through an object inheriting from the global defines on that object, as with an eager realm', () => {
    const src = '"use strict"; var o = Object.create(globalThis); o.Date = 7; [o.Date, typeof globalThis.Date, Object.keys(o).join()].join()';
    expect(run(src, lazy())).to.equal(run(src, eager()));
    expect(run(src, lazy())).to.equal('7,function,Date');
    const frozen = 'var o = Object.preventExtensions(Object.create(globalThis)); try { (function () { "use strict"; o.Map = 1; })(); "no error" } catch (e) { e.constructor === TypeError }';
    expect(run(frozen, lazy())).to.equal(run(frozen, eager()));
  });

  it('for-in, Object.keys and descriptor snapshots of the global see every global', () => {
    const src = 'var all = Object.getOwnPropertyDescriptors(globalThis); Object.keys(all).filter((k) => k !== "globalThis").map((k) => k + ":" + ("value" in all[k])).join()';
    expect(run(src, lazy())).to.equal(run(src, eager()));
    const forIn = 'var n = []; for (var k in globalThis) n.push(k); n.join()';
    expect(run(forIn, lazy())).to.equal('n,k');
  });

  it('a host value of a deferred family handed in comes through the membrane with the realm\'s prototypes', () => {
    const ctx = vm.createContext({ hostDate: new Date(0), hostMap: new Map([[1, 2]]) });
    expect(run('typeof hostDate.getTime()', ctx)).to.equal('number');
    expect(run('hostMap.get(1)', ctx)).to.equal(2);
  });

  it('measureMemory sees the families of a context that never used them', async () => {
    const ctx = lazy();
    const m = await vm.measureMemory({ mode: 'detailed' });
    expect(m.total.jsMemoryEstimate).to.be.greaterThan(0);
    expect(run('typeof DataView', ctx)).to.equal('function');
  });
});
