// Immutable ArrayBuffers (the immutable-arraybuffer proposal), which node 20 does not have: vmjs marks a
// host buffer immutable and hands a typed array over it to guest code as an immutable view. These run
// guest code through the public API and check what it observes: the buffer methods, the view as a
// TypedArray (brand, identity, iteration, property semantics), every write path refusing it, and the
// strict/sloppy results of a refused element write.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';

/** Runs `code` in a new context and returns its JSON-parsed result. */
function observe(code) {
  return JSON.parse(vm.runInNewContext(code));
}

describe('realm-binary: immutable ArrayBuffers', () => {
  it('makes them by transferToImmutable and sliceToImmutable, and reports them by `immutable`', () => {
    expect(observe(`
      var ab = new ArrayBuffer(4);
      new Uint8Array(ab).set([1, 2, 3, 4]);
      var im = ab.transferToImmutable();
      var slice = new Uint8Array([5, 6, 7, 8]).buffer.sliceToImmutable(1, -1);
      var grown = new Uint8Array([9]).buffer.transferToImmutable(3);
      JSON.stringify([ab.detached, ab.immutable, im.immutable, im.byteLength, im.resizable, im.maxByteLength, [...new Uint8Array(im)],
        slice.immutable, [...new Uint8Array(slice)], [...new Uint8Array(grown)], im.slice(1).immutable, [...new Uint8Array(im.slice(1))],
        new ArrayBuffer(2, { maxByteLength: 4 }).transferToImmutable().resizable,
        ArrayBuffer.prototype.transferToImmutable.length, ArrayBuffer.prototype.sliceToImmutable.length])`))
      .to.deep.equal([true, false, true, 4, false, 4, [1, 2, 3, 4], true, [6, 7], [9, 0, 0], false, [2, 3, 4], false, 0, 2]);
  });

  it('refuses to detach, transfer or resize an immutable buffer, with TypeErrors of the context', () => {
    expect(observe(`
      var im = new ArrayBuffer(4).transferToImmutable();
      var r = [];
      for (var f of [() => im.transfer(), () => im.transferToFixedLength(), () => im.transferToImmutable(), () => im.resize(2),
        () => Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'immutable').get.call(new SharedArrayBuffer(1)),
        () => { var ab = new ArrayBuffer(8); ab.constructor = { [Symbol.species]: function () { return new ArrayBuffer(8).transferToImmutable(); } }; ab.slice(0, 4); }]) {
        try { f(); r.push('no error'); } catch (e) { r.push(e instanceof TypeError); }
      }
      r.push(im.detached, im.byteLength);
      JSON.stringify(r)`)).to.deep.equal([true, true, true, true, true, true, false, 4]);
  });

  it('hands a typed array over one to guest code as a TypedArray of its type', () => {
    expect(observe(`
      var ta = new Int16Array(new Int16Array([1, -2, 3]).buffer.transferToImmutable());
      class Sub extends Int16Array {}
      var sub = new Sub(ta.buffer, 2);
      JSON.stringify([typeof ta, Object.prototype.toString.call(ta), ArrayBuffer.isView(ta), ta instanceof Int16Array,
        Object.getPrototypeOf(ta) === Int16Array.prototype, ta.constructor === Int16Array, Array.isArray(ta),
        ta.length, ta.byteLength, ta.byteOffset, ta.buffer.immutable, [...ta], Array.from(ta), Object.keys(ta), JSON.stringify(ta),
        String(ta), ta.join('|'), ta.at(-1), ta.indexOf(3), ta.includes(-2), [...ta.entries()][1], ta.map((x) => x * 2).join(),
        ta.filter((x) => x > 0).join(), ta.slice(1).join(), ta.subarray(1).join(), ta.subarray(1).buffer === ta.buffer,
        ta.toSorted().join(), ta.toReversed().join(), ta.with(0, 9).join(), new Int16Array(ta).join(), new Float64Array(ta).join(),
        sub instanceof Sub, [...sub], 0 in ta, 3 in ta, '-0' in ta, Object.getOwnPropertyNames(ta)])`))
      .to.deep.equal(['object', '[object Int16Array]', true, true, true, true, false, 3, 6, 0, true, [1, -2, 3], [1, -2, 3],
        ['0', '1', '2'], '{"0":1,"1":-2,"2":3}', '1,-2,3', '1|-2|3', 3, 2, true, [1, -2], '2,-4,6', '1,3', '-2,3', '-2,3', true,
        '-2,1,3', '3,-2,1', '9,-2,3', '1,-2,3', '1,-2,3', true, [-2, 3], true, false, false, ['0', '1', '2']]);
  });

  it('gives callbacks the view itself, never the host typed array behind it', () => {
    expect(observe(`
      var ta = new Uint8Array(new Uint8Array([1, 2]).buffer.transferToImmutable());
      var r = [];
      ta.forEach((v, i, o) => r.push(o === ta));
      r.push(ta.every((v, i, o) => o === ta), ta.some((v, i, o) => o !== ta), ta.find((v, i, o) => o === ta),
        ta.reduce((acc, v, i, o) => acc && o === ta, true), ta.reduceRight((acc, v, i, o) => acc && o === ta, true),
        ta.map((v, i, o) => o === ta ? 1 : 0).join(), ta.filter((v, i, o) => o === ta).length, ta.findLastIndex((v, i, o) => o === ta));
      JSON.stringify(r)`)).to.deep.equal([true, true, true, false, 1, true, true, '1,1', 2, 1]);
  });

  it('describes elements as non-writable and non-configurable, and accepts only definitions that change nothing', () => {
    expect(observe(`
      var ta = new Uint8Array(new Uint8Array([7, 8]).buffer.transferToImmutable());
      ta.extra = 'x';
      JSON.stringify([Object.getOwnPropertyDescriptor(ta, '0'), Object.getOwnPropertyDescriptor(ta, '2'),
        Reflect.defineProperty(ta, '0', { value: 7 }), Reflect.defineProperty(ta, '0', { value: 7, writable: false, configurable: false }),
        Reflect.defineProperty(ta, '0', { value: 8 }), Reflect.defineProperty(ta, '0', { writable: true }),
        Reflect.defineProperty(ta, '0', { configurable: true }), Reflect.defineProperty(ta, '5', { value: 0 }),
        Reflect.deleteProperty(ta, '0'), Reflect.deleteProperty(ta, '5'), Reflect.set(ta, '0', 1), Reflect.set(ta, '5', 1),
        Reflect.set(ta, '1.5', 1), ta.extra, Reflect.ownKeys(ta), Object.isFrozen(ta), Object.isFrozen(Object.freeze(ta)),
        Object.isExtensible(ta), Reflect.ownKeys(ta), [...ta]])`))
      .to.deep.equal([{ value: 7, writable: false, enumerable: true, configurable: false }, null, true, true, false, false, false,
        false, false, true, false, true, true, 'x', ['0', '1', 'extra'], false, true, false, ['0', '1', 'extra'], [7, 8]]);
  });

  it('ignores an element write in sloppy code and throws the context\'s TypeError in strict code', () => {
    const context = vm.createContext({});
    vm.runInContext('var ta = new Float64Array(new Float64Array([1.5]).buffer.transferToImmutable()); var calls = 0;', context);
    expect(vm.runInContext('ta[0] = 2; ta[0]++; ta[7] = 1; ta[0]', context)).to.equal(1.5);
    expect(vm.runInContext(`'use strict'; var r;
      try { ta[0] = 2; r = 'no error'; } catch (e) { r = [e instanceof TypeError, e.constructor === TypeError]; }
      ta[7] = { valueOf() { calls++; return 1; } };  // an invalid index converts the value and succeeds
      JSON.stringify([r, ta[0], calls])`, context)).to.equal('[[true,true],1.5,1]');
  });

  it('refuses every write path, before converting any argument', () => {
    expect(observe(`
      var calls = [];
      var arg = { valueOf() { calls.push('valueOf'); return 1; } };
      var u8 = new Uint8Array(new Uint8Array([4, 3, 2, 1]).buffer.transferToImmutable());
      var i32 = new Int32Array(new Int32Array([5]).buffer.transferToImmutable());
      var dv = new DataView(u8.buffer);
      var writes = [() => u8.fill(arg), () => u8.set([arg]), () => u8.copyWithin(arg, 0), () => u8.reverse(), () => u8.sort(),
        () => u8.sort(() => calls.push('compare')), () => dv.setUint8(arg, arg), () => dv.setFloat16(arg, arg), () => dv.setBigInt64(0, 1n),
        () => Atomics.store(i32, arg, arg), () => Atomics.add(i32, 0, 1), () => Atomics.compareExchange(i32, 0, 5, 6),
        () => Atomics.exchange(i32, 0, 1), () => u8.setFromHex('00'), () => u8.setFromBase64('AA=='),
        () => Uint8Array.from.call(function () { return u8; }, [1]), () => Uint8Array.of.call(function () { return u8; }, 1),
        () => { var t = new Uint8Array(4); t.constructor = { [Symbol.species]: function () { return u8; } }; t.map((x) => x); }];
      var r = writes.map((f) => { try { f(); return 'no error'; } catch (e) { return e.constructor === TypeError; } });
      JSON.stringify([r, calls, [...u8], i32[0], Atomics.load(i32, 0), dv.getUint8(0), Atomics.notify(i32, 0)])`))
      .to.deep.equal([Array(18).fill(true), [], [4, 3, 2, 1], 5, 5, 4, 0]);
  });

  it('leaves ordinary typed arrays writable and reading an immutable view as a source', () => {
    expect(observe(`
      var src = new Uint8Array(new Uint8Array([1, 2, 3]).buffer.transferToImmutable());
      var t = new Uint8Array(4);
      t.set(src, 1);
      var copy = src.slice();
      copy[0] = 9;
      JSON.stringify([[...t], [...copy], copy.buffer.immutable, new DataView(src.buffer).getUint8(2)])`))
      .to.deep.equal([[0, 1, 2, 3], [9, 2, 3], false, 3]);
  });

  it('gives the host a view it can read but not write', () => {
    const ta = vm.runInNewContext('new Uint8Array(new Uint8Array([1, 2]).buffer.transferToImmutable())');
    expect([ta[0], ta[1], ta.length, Object.prototype.toString.call(ta)]).to.deep.equal([1, 2, 2, '[object Uint8Array]']);
    expect(Reflect.set(ta, '0', 5)).to.equal(false);
    expect(() => { 'use strict'; ta[0] = 5; }).to.throw(TypeError);
    expect(ta[0]).to.equal(1);
  });
});
