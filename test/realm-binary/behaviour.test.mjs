// Binary data side by side with node:vm (values, errors, property shapes), and what vmjs has that
// node 20 lacks (transfer, detached, Float16 in DataView, Atomics.waitAsync) or does differently
// (Atomics.wait cannot suspend a vmjs agent).
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';
import { shape } from '../realm-stdlib/helpers.mjs';

/** Runs `code` in a new context of each and returns [vmjs, node] results. */
function both(code) {
  return [vm.runInNewContext(code), nodeVm.runInNewContext(code)];
}

/** A snippet that returns a JSON string of what it observed, errors included as [name, message]. */
const snippets = {
  'typed array construction': `
    var r = [];
    r.push([...new Uint8Array([1, 2, 300])], [...new Int8Array(3)], [...new Float32Array([1.5, 0.1])]);
    r.push([...new Uint8ClampedArray([-5, 300, 1.5, 2.5])], new Uint16Array(new Uint8Array([1, 2])).length);
    r.push([...new Int16Array(new Set([1, 2, 3]))], [...new Uint32Array({ length: 2, 0: 7, 1: '8' })]);
    var buf = new ArrayBuffer(8);
    r.push(new Int16Array(buf, 2).length, new Int16Array(buf, 2, 1).byteOffset, new Uint8Array(buf).byteLength);
    r.push(String(new BigInt64Array([1n, -1n])), String(new BigUint64Array([-1n])));
    JSON.stringify(r)`,
  'construction errors': `
    var r = [];
    for (var f of [() => new Uint8Array(-1), () => Uint8Array(1), () => new Int32Array(new ArrayBuffer(3)),
      () => new Int32Array(new ArrayBuffer(8), 1), () => new Int32Array(new ArrayBuffer(8), 4, 2), () => new BigInt64Array([1]),
      () => new Uint8Array([1n]), () => new ArrayBuffer(-1), () => new DataView({}), () => new DataView(new ArrayBuffer(1), 2),
      () => new DataView(new ArrayBuffer(1), 0, 2), () => Object.getPrototypeOf(Int8Array).call()]) {
      try { f(); r.push('no error'); } catch (e) { r.push([e.constructor === globalThis[e.name], e.name]); }
    }
    JSON.stringify(r)`,
  'prototype methods': `
    var a = new Int16Array([5, -3, 9, 0, 2]);
    var r = [a.at(-1), a.indexOf(9), a.lastIndexOf(0), a.includes(2), a.join('|'), a.toString(), String(a.map((x) => x * 2)),
      String(a.filter((x) => x > 0)), String(a.slice(1, 3)), String(a.subarray(2)), a.subarray(2).byteOffset,
      String(a.toSorted()), String(a.toReversed()), String(a.with(1, 7)), a.find((x) => x > 5), a.findIndex((x) => x < 0),
      a.findLast((x) => x > 0), a.findLastIndex((x) => x > 100), a.every((x) => x > -5), a.some((x) => x > 8),
      a.reduce((s, x) => s + x, 0), a.reduceRight((s, x) => s + String(x), ''), [...a.keys()], [...a.entries()][1]];
    var b = new Float64Array([3, 1, NaN, -0, 2]);
    b.sort(); r.push(String(b), Object.is(b[0], -0));
    b.sort((x, y) => y - x); r.push(String(b));
    var c = new Uint8Array(6); c.set([1, 2], 1); c.set(new Uint8Array([9]), 5); c.copyWithin(0, 1, 3); c.fill(4, -1);
    r.push(String(c), String(c.reverse()));
    r.push(Object.prototype.toString.call(a), a[Symbol.toStringTag], Object.getPrototypeOf(Int8Array.prototype)[Symbol.toStringTag]);
    r.push(String(Uint8Array.from('123', (x) => x * 2)), String(Float32Array.of(1, 2.5)), a.toLocaleString());
    JSON.stringify(r)`,
  'species and subclassing': `
    var log = [];
    class MyTA extends Uint8Array { static get [Symbol.species]() { log.push('species'); return Uint8ClampedArray; } }
    var m = new MyTA([1, 2, 3]);
    var r = [m instanceof MyTA, m.map((x) => x + 1).constructor.name, m.slice(1).constructor.name, m.subarray(1).constructor.name];
    r.push(m.filter(() => true).constructor.name, log.length, m.toReversed().constructor.name);
    var u = new Uint8Array(2); u.constructor = undefined; r.push(u.map((x) => x).constructor === Uint8Array);
    JSON.stringify(r)`,
  'element access and the integer-indexed exotic behaviour': `
    var a = new Uint8Array(4);
    a[0] = 257; a[1] = -1; a[10] = 5; a['-0'] = 1; a[1.5] = 1; a.foo = 2;
    var r = [a[0], a[1], a[10], 10 in a, '-0' in a, 1.5 in a, Object.keys(a), Reflect.defineProperty(a, 5, { value: 1 }),
      Reflect.defineProperty(a, 0, { value: 9, writable: true, enumerable: true, configurable: true }), a[0],
      delete a[0], Object.isFrozen(new Uint8Array(0)), JSON.stringify(Object.getOwnPropertyDescriptor(a, 0))];
    try { Object.freeze(a); } catch (e) { r.push(e.name); }
    JSON.stringify(r)`,
  'ArrayBuffer and resizable buffers': `
    var b = new ArrayBuffer(8, { maxByteLength: 16 });
    var fixed = new Uint8Array(b, 0, 4), tracking = new Uint16Array(b, 2);
    var r = [b.resizable, b.maxByteLength, tracking.length];
    b.resize(12); r.push(b.byteLength, tracking.length, fixed.length);
    b.resize(2); r.push(tracking.length, fixed.length, tracking.byteOffset, fixed.byteLength);
    try { fixed.fill(1); } catch (e) { r.push(e.name); }
    try { b.resize(17); } catch (e) { r.push(e.name); }
    r.push(new ArrayBuffer(5).slice(1, -1).byteLength, ArrayBuffer.isView(fixed), ArrayBuffer.isView(b), new ArrayBuffer(3).resizable);
    var s = new SharedArrayBuffer(4, { maxByteLength: 8 }); s.grow(6);
    r.push(s.growable, s.byteLength, s.maxByteLength, new SharedArrayBuffer(2).slice(1).byteLength);
    JSON.stringify(r)`,
  'DataView': `
    var v = new DataView(new ArrayBuffer(16), 2, 12);
    v.setInt16(0, -2); v.setUint32(2, 0xdeadbeef, true); v.setFloat32(6, 1.5); v.setBigInt64(4, -5n, true);
    var r = [v.getInt16(0), v.getUint16(0), v.getUint8(1), v.getInt8(0), v.getFloat32(6), String(v.getBigInt64(4, true)),
      String(v.getBigUint64(4)), v.byteOffset, v.byteLength, v.buffer.byteLength];
    try { v.getInt32(10); } catch (e) { r.push(e.name); }
    try { DataView.prototype.getInt8.call(new Uint8Array(2), 0); } catch (e) { r.push(e.name); }
    JSON.stringify(r)`,
  // Not Atomics.wait: node's main thread may block; a vmjs agent cannot (below).
  'Atomics on shared and unshared memory': `
    var i32 = new Int32Array(new SharedArrayBuffer(16)), u8 = new Uint8Array(4), big = new BigInt64Array(new SharedArrayBuffer(16));
    var r = [Atomics.add(i32, 0, 5), Atomics.sub(i32, 0, 2), Atomics.and(i32, 0, 2), Atomics.or(i32, 1, 12), Atomics.xor(i32, 1, 5),
      Atomics.exchange(i32, 2, 7), Atomics.compareExchange(i32, 2, 7, 8), Atomics.load(i32, 2), Atomics.store(u8, 1, 300), u8[1],
      String(Atomics.add(big, 1, 3n)), String(Atomics.load(big, 1)), Atomics.isLockFree(4), Atomics.notify(i32, 0, 1), Atomics.notify(new Int32Array(4), 0)];
    for (var f of [() => Atomics.add(new Float64Array(1), 0, 1), () => Atomics.load(i32, 4), () => Atomics.wait(new Int32Array(4), 0, 0),
      () => Atomics.store(new Uint8ClampedArray(1), 0, 1)]) {
      try { f(); r.push('no error'); } catch (e) { r.push(e.name); }
    }
    JSON.stringify(r)`,
};

describe('realm-binary: behaviour as node:vm has it', () => {
  for (const [title, code] of Object.entries(snippets)) {
    it(title, () => {
      const [mine, node] = both(code);
      expect(JSON.parse(mine)).to.deep.equal(JSON.parse(node));
    });
  }

  it('throws node\'s errors: the same class and message', () => {
    const cases = ['new Uint8Array(-1)', 'Uint8Array(1)', 'new ArrayBuffer(-1)', 'new DataView(new ArrayBuffer(1), 2)', 'new DataView({})',
      'Uint8Array.prototype.map.call({}, x => x)', 'new Int32Array(new ArrayBuffer(3))', 'new Int32Array(new ArrayBuffer(8), 1)',
      'new Uint8Array(2).set([1,2,3])', 'new DataView(new ArrayBuffer(1)).getInt32(0)', 'Atomics.load(new Float64Array(1), 0)',
      'Atomics.load(new Int32Array(1), 3)', 'new BigInt64Array([1])', 'new Uint8Array([1n])', 'Object.getPrototypeOf(Int8Array).call()',
      'new (Object.getPrototypeOf(Int8Array))()', 'ArrayBuffer.prototype.slice.call(1)', 'new Uint8Array(1).with(5, 1)',
      'Uint8Array.from.call({}, [])', 'new Uint8Array(2).map(1)', 'new Uint8Array(2).toSorted(1)', 'new ArrayBuffer(2, {maxByteLength: 1})',
      'Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array).prototype, "length").get.call([])'];
    for (const code of cases) {
      const [mine, node] = both(`try { ${code}; 'no error' } catch (e) { [e.constructor === globalThis[e.name], e.name, e.message].join() }`);
      expect(mine, code).to.equal(node);
    }
  });

  it('has node\'s property shapes (names, lengths, attributes) for what both have', () => {
    const names = ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Uint8Array', 'Float64Array', 'BigInt64Array', 'Atomics'];
    const code = (expr) => `(${expr})`;
    for (const expr of [...names, ...names.filter((n) => n !== 'Atomics').map((n) => `${n}.prototype`), 'Object.getPrototypeOf(Uint8Array)',
      'Object.getPrototypeOf(Uint8Array).prototype']) {
      const mine = shape(vm.runInNewContext(code(expr)));
      const node = shape(nodeVm.runInNewContext(code(expr)));
      for (const k of Object.keys(node)) {
        if (k === 'Symbol(Symbol.toStringTag)' && expr === 'Atomics') continue;
        expect(mine[k], `${expr}.${k}`).to.deep.equal(node[k]);
      }
      // What vmjs has beyond node 20: ES2024/2025 additions and immutable ArrayBuffers only.
      const extra = Object.keys(mine).filter((k) => !(k in node));
      expect(extra.every((k) => ['transfer', 'transferToFixedLength', 'detached', 'immutable', 'sliceToImmutable', 'transferToImmutable', 'getFloat16',
        'setFloat16', 'waitAsync', 'pause', 'fromBase64', 'fromHex', 'toBase64', 'toHex', 'setFromBase64', 'setFromHex'].includes(k)), `${expr}: ${extra}`).to.equal(true);
    }
  });
});

describe('realm-binary: beyond node 20', () => {
  it('transfers and detaches ArrayBuffers', () => {
    const r = vm.runInNewContext(`
      var b = new ArrayBuffer(4, { maxByteLength: 8 }); var v = new Uint8Array(b); v.set([1, 2, 3, 4]);
      var t = b.transfer(); var r = [b.detached, b.byteLength, v.length, t.byteLength, t.resizable, t.maxByteLength, [...new Uint8Array(t)]];
      var f = t.transferToFixedLength(6); r.push(t.detached, f.resizable, [...new Uint8Array(f)], f.transfer(2).byteLength, f.detached);
      try { b.transfer(); } catch (e) { r.push(e.name); }
      try { v.fill(0); } catch (e) { r.push(e.name); }
      try { [...v]; } catch (e) { r.push(e.name); }
      try { new DataView(b); } catch (e) { r.push(e.name); }
      r.push(Object.getPrototypeOf(t) === ArrayBuffer.prototype, new ArrayBuffer(0).detached);
      JSON.stringify(r)`);
    expect(JSON.parse(r)).to.deep.equal([true, 0, 0, 4, true, 8, [1, 2, 3, 4], true, false, [1, 2, 3, 4, 0, 0], 2, true,
      'TypeError', 'TypeError', 'TypeError', 'TypeError', true, false]);
  });

  it('reads and writes Float16 through DataView, rounding as Math.f16round does', () => {
    const r = vm.runInNewContext(`
      var v = new DataView(new ArrayBuffer(4)); var r = [];
      for (var x of [1.337, 65504, 65520, -1e-8, 5.960464477539063e-8, NaN, -0]) {
        v.setFloat16(0, x); r.push([Object.is(v.getFloat16(0), Math.f16round(x)), v.getUint16(0)]);
      }
      v.setFloat16(2, 1.5, true); r.push(v.getUint8(2), v.getUint8(3), v.getFloat16(2, true));
      JSON.stringify(r)`);
    expect(JSON.parse(r)).to.deep.equal([[true, 0x3d59], [true, 0x7bff], [true, 0x7c00], [true, 0x8000], [true, 1], [true, 0x7e00],
      [true, 0x8000], 0x00, 0x3e, 1.5]);
  });

  it('resolves Atomics.waitAsync on notify and on timeout, and Atomics.wait throws (a vmjs agent cannot suspend)', async () => {
    const ctx = vm.createContext({});
    const p = vm.runInContext(`
      var i32 = new Int32Array(new SharedArrayBuffer(8));
      var a = Atomics.waitAsync(i32, 0, 0), b = Atomics.waitAsync(i32, 0, 0, 10), c = Atomics.waitAsync(i32, 0, 1);
      var woken = Atomics.notify(i32, 0, 1);
      var waitError; try { Atomics.wait(i32, 0, 0); } catch (e) { waitError = e.constructor === TypeError && e.message; }
      Promise.all([a.value, b.value]).then((v) => [a.async, b.async, c.async, c.value, woken, waitError, ...v])`, ctx);
    expect(await p).to.deep.equal([true, true, false, 'not-equal', 1, 'Atomics.wait cannot be called in this context', 'ok', 'timed-out']);
  });

  it('converts Uint8Arrays to and from base64 and hex', () => {
    const r = vm.runInNewContext(`
      var bytes = new Uint8Array([0xfb, 0xff, 0x01, 0x02]);
      var r = [bytes.toBase64(), bytes.toBase64({ alphabet: 'base64url', omitPadding: true }), bytes.toHex(),
        [...Uint8Array.fromBase64(' +/8B\\nAg== ')], [...Uint8Array.fromBase64('-_8BAg', { alphabet: 'base64url' })], [...Uint8Array.fromHex('00Ff')],
        Object.getPrototypeOf(Uint8Array.fromHex('00')) === Uint8Array.prototype];
      var into = new Uint8Array(3); var res = into.setFromBase64('AQIDBA=='); r.push(res.read, res.written, [...into]);
      res = into.setFromHex('0a0b'); r.push(res.read, res.written, [...into]);
      for (var f of [() => Uint8Array.fromBase64('A'), () => Uint8Array.fromBase64('AQ=', { lastChunkHandling: 'strict' }),
        () => Uint8Array.fromHex('abc'), () => Uint8Array.fromBase64(1), () => Uint8Array.fromBase64('', { alphabet: 'x' }),
        () => Uint8Array.prototype.toHex.call(new Int8Array(1))]) {
        try { f(); r.push('no error'); } catch (e) { r.push(e.constructor === globalThis[e.name] && e.name); }
      }
      JSON.stringify(r)`);
    expect(JSON.parse(r)).to.deep.equal(['+/8BAg==', '-_8BAg', 'fbff0102', [0xfb, 0xff, 1, 2], [0xfb, 0xff, 1, 2], [0, 255], true,
      4, 3, [1, 2, 3], 4, 2, [10, 11, 3], 'SyntaxError', 'SyntaxError', 'SyntaxError', 'TypeError', 'TypeError', 'TypeError']);
  });

  it('stops a long typed array loop at the timeout', () => {
    let error;
    try {
      vm.runInNewContext('var a = new Float64Array(1024); for (;;) for (var i = 0; i < a.length; i++) a[i] += i;', {}, { timeout: 50 });
    } catch (e) { error = e; }
    expect(error && error.code).to.equal('ERR_SCRIPT_EXECUTION_TIMEOUT');
  });
});
