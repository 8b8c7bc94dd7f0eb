// A length-tracking typed array on a resizable ArrayBuffer whose length is not a multiple of the element
// size: the spec allows it (InitializeTypedArrayFromArrayBuffer checks the multiple only for a
// fixed-length buffer), node 20's V8 refuses it; vmjs makes it, and the buffer's bytes stay as they were.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';

describe('realm-binary: length-tracking views of any buffer length', () => {
  it('makes them, keeps the buffer\'s length and bytes, and tracks later resizes', () => {
    expect(JSON.parse(vm.runInNewContext(`
      var rab = new ArrayBuffer(10, { maxByteLength: 20 });
      new Uint8Array(rab).set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      var f = new Float64Array(rab), g = new Float64Array(rab, 8), b = new BigInt64Array(rab);
      var r = [f.length, g.length, b.length, rab.byteLength, [...new Uint8Array(rab)]];
      rab.resize(16);
      r.push(f.length, g.length, b.length, [...new Uint8Array(rab)].slice(8));
      rab.resize(3);
      r.push(f.length, new Float64Array(rab).length);
      for (var bad of [() => new Float64Array(rab, 4), () => new Float64Array(rab, 16), () => new Float64Array(new ArrayBuffer(10))]) {
        try { bad(); r.push('no error'); } catch (e) { r.push(e.constructor === RangeError); }
      }
      JSON.stringify(r)`))).to.deep.equal([1, 0, 1, 10, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2, 1, 2, [9, 10, 0, 0, 0, 0, 0, 0], 0, 0, true, true, true]);
  });

  it('converts the byte offset once', () => {
    expect(vm.runInNewContext(`
      var calls = 0, rab = new ArrayBuffer(12, { maxByteLength: 24 });
      var ta = new Float64Array(rab, { valueOf() { calls++; return 8; } });
      [calls, ta.length, ta.byteOffset].join()`)).to.equal('1,0,8');
  });
});
