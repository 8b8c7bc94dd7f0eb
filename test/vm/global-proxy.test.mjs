// The contextified global (src/vm/global-proxy.ts): the object guest code sees as globalThis.
// First the proxy alone, over a stand-in realm global (no interpreter needed); then guest code
// touching globalThis, compared with node:vm.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';
import { Realm, createGlobalProxy } from '../../dist/esm/internal.js';
import { outcome, contextState } from '../differential/normalize.mjs';

/** A realm whose global holds a few builtins shaped like the real ones. */
function standIn(sandbox) {
  const realm = new Realm(false);
  const global = {};
  Object.defineProperty(global, 'Array', { value: function Array() {}, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(global, 'NaN', { value: NaN, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(global, 'undefined', { value: undefined, writable: false, enumerable: false, configurable: false });
  realm.globalObject = global;
  realm.sandbox = sandbox;
  const proxy = createGlobalProxy(realm, sandbox);
  realm.globalThisValue = proxy;
  return { realm, global, proxy };
}

describe('global proxy: traps', () => {
  it('reads the sandbox first, then the realm global', () => {
    const sandbox = { a: 1, Array: 'shadowed' };
    const { proxy, global } = standIn(sandbox);
    expect(proxy.a).to.equal(1);
    expect(proxy.Array).to.equal('shadowed');
    delete sandbox.Array;
    expect(proxy.Array).to.equal(global.Array);
    expect(proxy.missing).to.equal(undefined);
  });

  it('reads inherited sandbox properties, with the sandbox as getter receiver', () => {
    const sandbox = Object.create({ inherited: 'yes', get who() { return this; } });
    const { proxy } = standIn(sandbox);
    expect(proxy.inherited).to.equal('yes');
    expect(proxy.who).to.equal(sandbox);
    expect('inherited' in proxy).to.equal(true);
  });

  it('writes go to the sandbox; read-only builtins of the global are not shadowed', () => {
    const sandbox = {};
    const { proxy, global } = standIn(sandbox);
    proxy.x = 5;
    expect(sandbox).to.deep.equal({ x: 5 });
    proxy.Array = 1;
    expect(sandbox.Array).to.equal(1);
    expect(typeof global.Array).to.equal('function');
    expect(Reflect.set(proxy, 'undefined', 1)).to.equal(false);
    expect(Object.keys(sandbox)).to.deep.equal(['x', 'Array']);
  });

  it('has / delete consult the sandbox first', () => {
    const sandbox = { a: 1 };
    const { proxy, global } = standIn(sandbox);
    expect('a' in proxy && 'Array' in proxy && !('zzz' in proxy)).to.equal(true);
    expect(delete proxy.a).to.equal(true);
    expect('a' in sandbox).to.equal(false);
    expect(delete proxy.Array).to.equal(true);
    expect('Array' in global).to.equal(false);
    expect(Reflect.deleteProperty(proxy, 'NaN')).to.equal(false);
  });

  it('own keys: sandbox keys first, then the global\'s; only sandbox keys are enumerable', () => {
    const { proxy } = standIn({ b: 2, a: 1 });
    expect(Reflect.ownKeys(proxy)).to.deep.equal(['b', 'a', 'Array', 'NaN', 'undefined']);
    expect(Object.keys(proxy)).to.deep.equal(['b', 'a']);
    expect(Object.getOwnPropertyDescriptor(proxy, 'a')).to.deep.equal({ value: 1, writable: true, enumerable: true, configurable: true });
    expect(Object.getOwnPropertyDescriptor(proxy, 'Array').enumerable).to.equal(false);
  });

  it('defineProperty defines on the sandbox; non-configurable ones keep the Proxy invariants', () => {
    const sandbox = {};
    const { proxy } = standIn(sandbox);
    Object.defineProperty(proxy, 'x', { value: 3 });
    expect(Object.getOwnPropertyDescriptor(sandbox, 'x')).to.deep.equal({ value: 3, writable: false, enumerable: false, configurable: false });
    expect(proxy.x).to.equal(3);
    expect(Object.getOwnPropertyDescriptor(proxy, 'x')).to.deep.equal({ value: 3, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(proxy, 'w', { value: 1, writable: true, enumerable: true, configurable: false });
    proxy.w = 2;
    expect(sandbox.w).to.equal(2);
    expect(Object.getOwnPropertyDescriptor(proxy, 'w').value).to.equal(2);
    Object.defineProperty(proxy, 'w', { writable: false });
    expect(Object.getOwnPropertyDescriptor(proxy, 'w')).to.deep.equal({ value: 2, writable: false, enumerable: true, configurable: false });
    expect(Reflect.ownKeys(proxy)).to.include.members(['x', 'w']);
  });

  it('a non-configurable property the embedder put on the sandbox can be described', () => {
    const sandbox = {};
    Object.defineProperty(sandbox, 'fixed', { value: 'f', enumerable: true });
    const { proxy } = standIn(sandbox);
    expect(Object.getOwnPropertyDescriptor(proxy, 'fixed')).to.deep.equal({ value: 'f', writable: false, enumerable: true, configurable: false });
    expect(Object.keys(proxy)).to.deep.equal(['fixed']);
  });

  it('sandbox properties named like pinned builtins do not break invariants', () => {
    const sandbox = { NaN: 5, undefined: 6 };
    const { proxy } = standIn(sandbox);
    expect(Number.isNaN(proxy.NaN)).to.equal(true);
    expect(Object.getOwnPropertyDescriptor(proxy, 'undefined').configurable).to.equal(false);
    expect(Reflect.ownKeys(proxy)).to.deep.equal(['NaN', 'undefined', 'Array']);
    expect(Reflect.set(proxy, 'NaN', 1)).to.equal(false);
  });

  it('cannot be made non-extensible (node: "Cannot prevent extensions")', () => {
    const { proxy } = standIn({});
    expect(() => Object.preventExtensions(proxy)).to.throw(TypeError);
    expect(Object.isExtensible(proxy)).to.equal(true);
  });

  it('sets through an object inheriting from the global define on that object', () => {
    const sandbox = {};
    const { proxy } = standIn(sandbox);
    const child = Object.create(proxy);
    child.own = 1;
    expect(Object.keys(child)).to.deep.equal(['own']);
    expect(sandbox).to.deep.equal({});
  });
});

describe('global proxy: guest code, compared with node:vm', () => {
  const cases = [
    ['this === globalThis', () => ({})],
    ['Object.keys(globalThis)', () => ({ a: 1 })],
    ["'a' in globalThis", () => ({ a: 1 })],
    ["'Array' in globalThis", () => ({})],
    ['delete globalThis.a; typeof a', () => ({ a: 1 })],
    ['delete Array; typeof Array', () => ({})],
    ["Object.defineProperty(globalThis, 'x', { value: 3 }); x", () => ({})],
    ["Object.defineProperty(globalThis, 'y', { get() { return 4 }, configurable: true }); y", () => ({})],
    ['this.z = 6; z', () => ({})],
    ['globalThis.Array === Array', () => ({})],
    ["Object.getOwnPropertyDescriptor(globalThis, 'a')", () => ({ a: 1 })],
    ["Object.getOwnPropertyDescriptor(globalThis, 'Array').enumerable", () => ({})],
    ["globalThis.hasOwnProperty('Array')", () => ({})],
    ['Object.isExtensible(globalThis)', () => ({})],
    ['Object.preventExtensions(globalThis)', () => ({})],
    ['Object.freeze(globalThis)', () => ({})],
    ['var q; "q" in this', () => ({})],
    ['let m = 1; this.m', () => ({})],
    ['inh', () => Object.create({ inh: 1 })],
    ['var inh = 2; inh', () => Object.create({ inh: 1 })],
    ['x', () => Object.defineProperty({}, 'x', { get() { return 'got'; }, enumerable: true })],
    ['x = 9; x', () => Object.defineProperty({}, 'x', { value: 1, writable: false, enumerable: true })],
    ['typeof globalThis', () => ({})],
    ['Object.prototype.toString.call(globalThis)', () => ({})],
  ];
  for (const [code, sandbox] of cases) {
    it(code, () => {
      const run = (vm) => {
        const sb = sandbox();
        const ctx = vm.createContext(sb);
        return { ...outcome(() => vm.runInContext(code, ctx)), context: contextState(sb) };
      };
      expect(run(vmjs)).to.deep.equal(run(nodeVm));
    });
  }
});
