// Binary data in every runtime: a context's buffers and typed arrays are the host's with the realm's
// prototypes, so they behave as the host engine's do; where the host lacks a capability (resizable
// buffers in node 18, SharedArrayBuffer in a page that is not cross-origin isolated) vmjs says so.
// Literal expectations only.
export default function ({ describe, it, expect, vm }) {
  const run = (code) => vm.runInNewContext(code);
  const hostHasResize = typeof ArrayBuffer.prototype.resize === 'function';

  describe('binary data', () => {
    it('typed arrays: construction, element access, methods', () => {
      expect(JSON.parse(run(`var a = new Uint8Array([1, 2, 300]); a[3] = 9;
        JSON.stringify([[...a], a.length, String(a.map((x) => x * 2)), String(a.subarray(1)), String(new Int16Array(a).reverse()),
          Object.getPrototypeOf(a) === Uint8Array.prototype, a.buffer instanceof ArrayBuffer, a instanceof Object.getPrototypeOf(Int8Array),
          String(Float64Array.from([1, 2], (x) => x / 2)), Object.prototype.toString.call(a)])`)))
        .to.deep.equal([[1, 2, 44], 3, '2,4,88', '2,44', '44,2,1', true, true, true, '0.5,1', '[object Uint8Array]']);
    });
    it('typed arrays and buffers carry the context\'s prototypes; errors are the context\'s', () => {
      expect(run(`var u = new Uint8Array(2); u.constructor = undefined;
        [Object.getPrototypeOf(u.map((x) => x)) === Uint8Array.prototype, u.slice().buffer.constructor === ArrayBuffer,
          (function () { try { new Uint8Array(-1); } catch (e) { return e instanceof RangeError; } })(),
          (function () { try { Uint8Array.prototype.fill.call({}); } catch (e) { return e instanceof TypeError; } })()]`))
        .to.deep.equal([true, true, true, true]);
      const ta = run('new Uint8Array([7, 8])');
      expect(ArrayBuffer.isView(ta)).to.equal(true);
      expect(Array.from(ta)).to.deep.equal([7, 8]);
    });
    it('DataView, Float16 and transfer', () => {
      expect(run(`var v = new DataView(new ArrayBuffer(8)); v.setFloat64(0, 1.5); v.setFloat16(0, 65504);
        var b = new ArrayBuffer(4); var t = b.transfer(8);
        [v.getUint16(0), v.getFloat16(0), Math.f16round(1.337), b.detached, b.byteLength, t.byteLength]`))
        .to.deep.equal([0x7bff, 65504, 1.3369140625, true, 0, 8]);
    });
    it('resizable ArrayBuffers where the host has them, a TypeError saying so where it does not', () => {
      const r = run(`try { var b = new ArrayBuffer(2, { maxByteLength: 8 }); var t = new Uint8Array(b); b.resize(6);
        [b.resizable, t.length] } catch (e) { [e instanceof TypeError, e.message] }`);
      if (hostHasResize) expect(r).to.deep.equal([true, 6]);
      else expect(r).to.deep.equal([true, 'vmjs: resizable ArrayBuffers are not available on this host (it has no ArrayBuffer.prototype.resize)']);
    });
    it('Atomics on a SharedArrayBuffer where the host has one', () => {
      const r = run(`typeof SharedArrayBuffer === 'function' ? (function () { var i = new Int32Array(new SharedArrayBuffer(8));
        Atomics.add(i, 0, 5); var w; try { Atomics.wait(i, 0, 5); } catch (e) { w = e instanceof TypeError; }
        return [Atomics.load(i, 0), Atomics.waitAsync(i, 0, 1).value, w]; })() : 'absent'`);
      if (typeof SharedArrayBuffer === 'function') expect(r).to.deep.equal([5, 'not-equal', true]);
      else expect(r).to.equal('absent');
    });
  });
}
