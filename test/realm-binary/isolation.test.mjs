// The isolation invariant for binary data: buffers, views and typed arrays of a context are host
// objects with the realm's prototypes, and nothing reachable from them, from what their methods
// return, or from the errors they throw is a host intrinsic.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { hostIntrinsics, newRealm, reachable, run, thrown } from '../realm-stdlib/helpers.mjs';

// %TypedArray%, %TypedArray.prototype% and their members are not globals: add them to what must not leak.
const hostTypedArray = Object.getPrototypeOf(Uint8Array);
const extra = new Map(hostIntrinsics);
for (const [name, o] of [['%TypedArray%', hostTypedArray], ['%TypedArray.prototype%', hostTypedArray.prototype]]) {
  extra.set(o, name);
  for (const k of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, k);
    for (const x of [d.value, d.get, d.set]) if (x && !extra.has(x)) extra.set(x, `${name}.${String(k)}`);
  }
}

function leaks(roots) {
  const out = [];
  for (const [name, v] of Object.entries(roots)) {
    for (const [o, path] of reachable(v, name)) if (extra.has(o)) out.push(`${path} is the host's ${extra.get(o)}`);
  }
  return out;
}

const BINARY = ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Float32Array', 'Float64Array'];

describe('realm-binary: isolation', () => {
  it('knows the host intrinsics the checks look for', () => {
    for (const o of [ArrayBuffer.prototype, Uint8Array.prototype, hostTypedArray, hostTypedArray.prototype, hostTypedArray.prototype.map,
      DataView.prototype.getInt8, SharedArrayBuffer.prototype, Atomics, Atomics.add]) {
      expect(extra.has(o)).to.equal(true);
    }
  });

  it('reaches no host intrinsic from the constructors, prototypes and Atomics', () => {
    const { I, G } = newRealm();
    const roots = { '%TypedArray%': I.TypedArray, '%TypedArray.prototype%': I.TypedArrayPrototype, Atomics: G.Atomics };
    for (const name of BINARY) {
      expect(typeof G[name], name).to.equal('function');
      expect(G[name]).to.equal(I[name]);
      roots[name] = G[name];
    }
    expect(leaks(roots)).to.deep.equal([]);
    expect(Object.getPrototypeOf(G.Uint8Array)).to.equal(I.TypedArray);
    expect(Object.getPrototypeOf(G.Uint8Array.prototype)).to.equal(I.TypedArrayPrototype);
  });

  it('reaches no host intrinsic from what guest code gets back', () => {
    const { realm } = newRealm();
    const values = run(realm, `
      var a = new Uint8Array([3, 1, 2]);
      var u = new Uint8Array([1, 2]); u.constructor = undefined;  // species falls back to the default
      var rab = new ArrayBuffer(4, { maxByteLength: 8 });
      var sab = new SharedArrayBuffer(8);
      var i32 = new Int32Array(sab);
      var im = new Uint8Array(new Uint8Array([1, 2]).buffer.transferToImmutable());
      [
        a, a.buffer, new Uint8Array(100).buffer, new Float64Array(2).buffer, a.map((x) => x), a.filter(() => true), a.slice(1),
        a.subarray(1), a.toSorted(), a.toReversed(), a.with(0, 9), a.keys(), a.values(), a.entries(), a.entries().next(),
        a[Symbol.iterator]().next(), u.map((x) => x), u.map((x) => x).buffer, u.filter(() => true), u.slice(), u.subarray(0),
        Uint8Array.from([1]), Int16Array.of(1), new Uint8Array(a), new Uint8Array(a).buffer, new Uint8Array(new Set([1])),
        new BigInt64Array(2), new BigUint64Array([1n]).buffer, new DataView(new ArrayBuffer(2)), new DataView(rab).buffer,
        new ArrayBuffer(8).slice(2), rab, rab.slice(1), rab.transfer(), new ArrayBuffer(3).transferToFixedLength(5), sab, sab.slice(0),
        new Uint16Array(rab.transfer ? new ArrayBuffer(4) : 0), Atomics.waitAsync(i32, 0, 1), Atomics.waitAsync(i32, 0, 0, 1),
        Atomics.waitAsync(i32, 0, 0, 1).value, Object.getPrototypeOf(new Uint8Array(1)).constructor,
        new Uint8Array(1).buffer.constructor, Uint8Array.fromBase64('AQID'), Uint8Array.fromHex('0102').buffer,
        new Uint8Array(2).setFromHex('0102'), new Float32Array(2).toSorted((x, y) => y - x), new Int8Array(2).toReversed().buffer,
        im, im.buffer, im.subarray(1), im.slice(1), im.map((x) => x), im.entries(), Object.getOwnPropertyDescriptor(im, '0'),
        new ArrayBuffer(2).sliceToImmutable(1), new DataView(im.buffer),
      ]`);
    const roots = {};
    for (const [i, v] of [...values].entries()) roots[`value#${i}`] = v;
    expect(Object.keys(roots).length).to.be.greaterThan(40);
    expect(leaks(roots)).to.deep.equal([]);
  });

  it('reaches no host intrinsic from the errors the builtins throw', () => {
    const { G, realm } = newRealm();
    const detached = run(realm, 'var d = new ArrayBuffer(8); var t = new Uint8Array(d); d.transfer(); t');
    const errors = {
      ctorLength: thrown(() => new G.Uint8Array(-1)),
      ctorNoNew: thrown(() => G.Uint8Array(1)),
      abstract: thrown(() => new G.Uint8Array.__proto__()),
      brand: thrown(() => G.Uint8Array.prototype.map.call({}, (x) => x)),
      getterBrand: thrown(() => Object.getOwnPropertyDescriptor(G.Uint8Array.__proto__.prototype, 'length').get.call({})),
      detached: thrown(() => detached.fill(1)),
      detachedIter: thrown(() => detached.values()),
      alignment: thrown(() => new G.Int32Array(new G.ArrayBuffer(3))),
      bufferLength: thrown(() => new G.ArrayBuffer(-1)),
      bufferBrand: thrown(() => G.ArrayBuffer.prototype.slice.call(new G.SharedArrayBuffer(1))),
      resize: thrown(() => new G.ArrayBuffer(1, { maxByteLength: 2 }).resize(3)),
      dataView: thrown(() => new G.DataView(new G.ArrayBuffer(1), 2)),
      dataViewGet: thrown(() => new G.DataView(new G.ArrayBuffer(1)).getInt32(0)),
      dataViewBrand: thrown(() => G.DataView.prototype.getInt8.call({}, 0)),
      bigintMix: thrown(() => new G.BigInt64Array(1).fill(1)),
      set: thrown(() => new G.Uint8Array(1).set([1, 2])),
      atomics: thrown(() => G.Atomics.add(new G.Float64Array(1), 0, 1)),
      atomicsIndex: thrown(() => G.Atomics.load(new G.Int32Array(1), 5)),
      wait: thrown(() => G.Atomics.wait(new G.Int32Array(new G.SharedArrayBuffer(4)), 0, 0)),
      base64: thrown(() => G.Uint8Array.fromBase64('A')),
      hexBrand: thrown(() => G.Uint8Array.prototype.toHex.call([])),
    };
    const leaksFound = leaks(errors);
    expect(leaksFound).to.deep.equal([]);
    for (const [name, e] of Object.entries(errors)) {
      expect(e instanceof G.Error, `${name}: ${e && e.message}`).to.equal(true);
      expect(e instanceof Error, name).to.equal(false);
    }
  });

  it('gives the host a typed array it can use, as node:vm does', () => {
    const ta = vm.runInNewContext('new Uint8Array([1, 2, 255])');
    expect(ArrayBuffer.isView(ta)).to.equal(true);
    expect(ta instanceof Uint8Array).to.equal(false); // the other context's Uint8Array, as with node:vm
    expect([...ta]).to.deep.equal([1, 2, 255]);
    expect(Buffer.from(ta).toString('hex')).to.equal('0102ff');
    expect(Buffer.from(ta.buffer).length).to.equal(3);
    const host = new Uint8Array(3);
    host.set(ta);
    expect([...host]).to.deep.equal([1, 2, 255]);
    expect(Object.prototype.toString.call(ta)).to.equal('[object Uint8Array]');
  });

  it('keeps host typed arrays behind the membrane: element access works, the constructors are the context\'s', () => {
    const ta = new Uint8Array([1, 2, 3]);
    const ctx = vm.createContext({ ta });
    expect(vm.runInContext('[ta[1], ta.length, [...ta].join(), ta.constructor === Uint8Array, ta.constructor.constructor === Function]', ctx))
      .to.deep.equal([2, 3, '1,2,3', true, true]);
    expect(Object.getPrototypeOf(ta)).to.equal(Uint8Array.prototype);
  });

  it('leaves a buffer the embedder passed through with its prototype', () => {
    const buffer = new ArrayBuffer(4);
    const ctx = vm.createContext({ buffer }, { passThrough: [buffer] });
    expect(vm.runInContext('var v = new Uint8Array(buffer); v[0] = 7; v.buffer === buffer', ctx)).to.equal(true);
    expect(Object.getPrototypeOf(buffer)).to.equal(ArrayBuffer.prototype);
    expect(new Uint8Array(buffer)[0]).to.equal(7);
    // A species constructor that returns the embedder's buffer: slice fills it and leaves its prototype.
    expect(vm.runInContext(`var src = new ArrayBuffer(4); new Uint8Array(src)[1] = 9;
      src.constructor = { [Symbol.species]: function () { return buffer; } }; src.slice(1, 2) === buffer`, ctx)).to.equal(true);
    expect(Object.getPrototypeOf(buffer)).to.equal(ArrayBuffer.prototype);
    expect(new Uint8Array(buffer)[0]).to.equal(9);
  });
});
