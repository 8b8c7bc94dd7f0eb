// JSON.stringify's two fast paths (issue 12; src/realm/builtins/json.ts): without a timeout or a memory
// budget the host's JSON.stringify serialises the guest's value (hostMayStringify); with one, the
// realm's own walk, which serialises ordinary objects and arrays of the realm without the wrapper
// probes. Each case runs in node:vm and in vmjs in both modes and must give node's answer, including
// the order of getter, toJSON and Proxy trap calls, wrappers, BigInts, cycles and JSON.rawJSON.
// The mode without a timeout runs in a child process of its own: the host's JSON.stringify is not
// used once any JSON.rawJSON object was made in the process (other test files make some).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

const cases = {
  'records': `var rs = []; for (var i = 0; i < 60; i++) rs.push({ id: i, name: 'item' + i, tags: ['a', 'b'], pos: { x: i * 1.5, y: -i, ok: i % 2 === 0 }, note: null }); [JSON.stringify(rs), JSON.stringify(rs, null, 2), JSON.stringify(rs, ['id', 'pos', 'x'], '\\t')]`,
  'numbers, -0, NaN, Infinity, strings to escape': `JSON.stringify([0, -0, 1e21, 1e-7, NaN, Infinity, -Infinity, 'a"b\\\\c\\n\\u0001', '\\ud800', '\\ud83d\\ude00', 'x'.repeat(40) + '"', 'y'.repeat(300)])`,
  'undefined, functions and symbols': `[JSON.stringify({ a: undefined, b() {}, c: Symbol(), d: 1, [Symbol()]: 2 }), JSON.stringify([undefined, function () {}, Symbol()]), JSON.stringify(undefined), JSON.stringify(function () {}), JSON.stringify(Symbol())]`,
  'non-enumerable and inherited properties': `var o = Object.create({ inherited: 1 }); Object.defineProperty(o, 'hidden', { value: 2 }); o.own = 3; JSON.stringify(o)`,
  'a hole reads Array.prototype, a getter there runs in order': `var log = []; Object.defineProperty(Array.prototype, 1, { get() { log.push('proto 1'); return 'p'; }, configurable: true }); var a = [0, , 2]; var r = [JSON.stringify(a), JSON.stringify({ a: a })]; delete Array.prototype[1]; [r, log]`,
  'getters run once each, in order, and may change what follows': `var log = []; var o = { get a() { log.push('a'); delete this.c; this.d = 4; return 1; }, b: 2, c: 3 }; [JSON.stringify(o), log]`,
  'toJSON: own, inherited, on Object.prototype, on a getter': `var log = []; var r = [JSON.stringify({ a: { toJSON(k) { log.push('own ' + k); return [k]; } } })]; Object.prototype.toJSON = function (k) { log.push('proto ' + k + ' ' + Array.isArray(this)); return Array.isArray(this) ? 'arr' : this.v; }; r.push(JSON.stringify({ v: { v: 2 } })); delete Object.prototype.toJSON; Object.defineProperty(Array.prototype, 'toJSON', { get() { log.push('get toJSON'); return undefined; }, configurable: true }); r.push(JSON.stringify([[1]])); delete Array.prototype.toJSON; [r, log]`,
  'toJSON gets an index as a string': `JSON.stringify([{ toJSON(k) { return typeof k + k; } }])`,
  'a Date uses the realm Date.prototype.toJSON': `JSON.stringify({ d: new Date(0), e: new Date(NaN) })`,
  'Proxy traps in order': `var log = []; var h = { ownKeys(t) { log.push('ownKeys'); return Reflect.ownKeys(t); }, getOwnPropertyDescriptor(t, k) { log.push('gopd ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); }, get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r); } }; var p = new Proxy({ x: 1, y: [2] }, h); var q = new Proxy([1, { z: 2 }], h); [JSON.stringify({ p: p, q: q }), log]`,
  'a revoked Proxy is a TypeError of the realm': `var r = Proxy.revocable({}, {}); r.revoke(); try { JSON.stringify({ a: r.proxy }); 'no' } catch (e) { [e instanceof TypeError, e.constructor === TypeError] }`,
  'wrappers, also with another prototype': `var n = new Number(3); var s = new String('ab'); var b = new Boolean(false); var m = new Number(4); Object.setPrototypeOf(m, Object.prototype); var t = new String('cd'); Object.setPrototypeOf(t, Array.prototype); [JSON.stringify([n, s, b, m, t]), JSON.stringify({ n: n, s: s })]`,
  'a wrapper valueOf and toString are called': `var log = []; var n = new Number(1); n.valueOf = function () { log.push('valueOf'); return 7; }; var s = new String('x'); s.toString = function () { log.push('toString'); return 'y'; }; [JSON.stringify([n, s]), log]`,
  'BigInt: a TypeError, unless the realm BigInt.prototype has toJSON': `var r = []; try { JSON.stringify({ a: 1n }); } catch (e) { r.push(e instanceof TypeError, e.constructor === TypeError, e.message); } BigInt.prototype.toJSON = function () { return 'big' + this; }; r.push(JSON.stringify([2n, Object(3n)])); delete BigInt.prototype.toJSON; Object.prototype.toJSON = function () { return typeof this; }; r.push(JSON.stringify([4n])); delete Object.prototype.toJSON; r`,
  'a cycle: the realm TypeError with the path': `class Foo {} function Bar() {} var f = new Foo(); var g = { a: [f] }; f.x = g; var b = new Bar(); b.y = b; var n = Object.create(null); n.z = n; var r = []; [g, [b], n, { k: [1, [2, [3, n]]] }].forEach(function (v) { try { JSON.stringify(v); r.push('no'); } catch (e) { r.push(e instanceof TypeError, e.constructor === TypeError, e.message); } }); r`,
  'a cycle through a property list': `var a = { x: {}, y: 1 }; a.x.a = a; try { JSON.stringify(a, ['x', 'a']); 'no' } catch (e) { [e.constructor === TypeError, e.message] }`,
  'an object met twice is not a cycle': `var o = { v: 1 }; JSON.stringify([o, o, { a: o, b: [o] }])`,
  'a getter that throws, and a toJSON that throws': `var r = []; try { JSON.stringify({ get a() { throw new RangeError('g'); } }); } catch (e) { r.push(e.constructor === RangeError, e.message); } try { JSON.stringify([{ toJSON() { throw 5; } }]); } catch (e) { r.push(e); } r`,
  'space: numbers, strings, wrappers, clamping': `[JSON.stringify({ a: [1] }, null, 20), JSON.stringify({ a: [1] }, null, 'abcdefghijklmn'), JSON.stringify({ a: [1] }, null, new Number(2)), JSON.stringify({ a: [1] }, null, new String('--')), JSON.stringify({ a: [] }, null, 0), JSON.stringify([], null, 2), JSON.stringify({}, null, 2)]`,
  'a property list: numbers, wrappers, duplicates, getters on the list': `var log = []; var list = ['b', 1, new String('a'), 'b']; Object.defineProperty(list, 4, { get() { log.push('list 4'); return 'c'; }, enumerable: true }); [JSON.stringify({ a: 1, b: 2, c: 3, 1: 4, d: 5 }, list), log]`,
  'nesting deeper than the host stack: a RangeError of the realm': `var a = []; for (var i = 0; i < 100000; i++) a = [a]; try { JSON.stringify(a).length; } catch (e) { [e instanceof RangeError, e.constructor === RangeError, e.message] }`,
  'a replacer function sees string keys and the realm holders': `var log = []; var s = JSON.stringify({ a: [5, { b: 1 }] }, function (k, v) { log.push(typeof k + ':' + k + ':' + Array.isArray(this) + ':' + (Object.getPrototypeOf(this) === Object.prototype || Object.getPrototypeOf(this) === Array.prototype)); return v; }); [s, log]`,
};

/** Runs every case with `vm` (`options` for runInContext); returns name → JSON of the result or the throw. */
function runAll(vm, options) {
  const out = {};
  for (const [name, source] of Object.entries(cases)) {
    try {
      out[name] = JSON.stringify(vm.runInContext(source, vm.createContext({}), options));
    } catch (e) {
      out[name] = `threw ${e && e.name}: ${e && e.message}`;
    }
  }
  return out;
}

const nodeResults = runAll(nodeVm, undefined);

/** The cases run in a fresh process, with no timeout (the host's JSON.stringify) unless `options`. */
function inChild(options) {
  const script = `
    const vm = await import(${JSON.stringify(new URL('../../dist/esm/index.js', import.meta.url).href)});
    const cases = ${JSON.stringify(cases)};
    const out = {};
    for (const [name, source] of Object.entries(cases)) {
      try { out[name] = JSON.stringify(vm.runInContext(source, vm.createContext({}), ${JSON.stringify(options)})); }
      catch (e) { out[name] = 'threw ' + (e && e.name) + ': ' + (e && e.message); }
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('JSON.stringify fast paths: the same answers as node:vm', function () {
  this.timeout(60000);
  const modes = {
    'the host JSON.stringify (no timeout)': () => inChild(undefined),
    'the realm walk (a timeout)': () => runAll(vmjs, { timeout: 20000 }),
    'the realm walk (a memory budget)': () => {
      const out = {};
      for (const [name, source] of Object.entries(cases)) {
        try {
          out[name] = JSON.stringify(vmjs.runInContext(source, vmjs.createContext({}, { memoryLimit: 64 * 1024 * 1024 })));
        } catch (e) {
          out[name] = `threw ${e && e.name}: ${e && e.message}`;
        }
      }
      return out;
    },
  };
  for (const [mode, run] of Object.entries(modes)) {
    describe(mode, () => {
      let results;
      before(() => { results = run(); });
      for (const name of Object.keys(cases)) {
        it(name, () => {
          expect(results[name]).to.equal(nodeResults[name]);
        });
      }
    });
  }
});

describe('JSON.stringify fast paths: objects of the host, through the membrane', () => {
  const sandbox = () => ({ h: { a: 1, nested: { b: [1, 2, { c: 'x' }] }, d: new Date(0), f() {}, u: undefined, n: null, get g() { return 'gv'; } } });
  const source = `var r = [JSON.stringify(h), JSON.stringify([h.nested, h.d], null, 1)]; h.nested.loop = h; try { JSON.stringify(h); } catch (e) { r.push(e instanceof TypeError, e.message); } delete h.nested.loop; r`;
  const expected = JSON.stringify(nodeVm.runInNewContext(source, sandbox()));
  it('without a timeout (the host JSON.stringify)', () => {
    expect(JSON.stringify(vmjs.runInNewContext(source, sandbox()))).to.equal(expected);
  });
  it('with a timeout (the realm walk)', () => {
    expect(JSON.stringify(vmjs.runInNewContext(source, sandbox(), { timeout: 20000 }))).to.equal(expected);
  });
});

describe('JSON.stringify fast paths: where the host walk differs from node:vm', () => {
  it('a cycle through a getter: the path and the realm TypeError, names of the host', () => {
    // The path is found again without running guest code only through data properties; through a
    // getter it keeps the host's message (its constructor names are the host functions'), still a
    // TypeError of the realm.
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
      const vm = await import(${JSON.stringify(new URL('../../dist/esm/index.js', import.meta.url).href)});
      const r = vm.runInNewContext("var q = { get a() { return q; } }; try { JSON.stringify(q); 'no' } catch (e) { [e.constructor === TypeError, e.message.split('\\\\n')[0], e.message.split('\\\\n').pop()] }");
      process.stdout.write(JSON.stringify(r));`], { encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal([true, 'Converting circular structure to JSON', "    --- property 'a' closes the circle"]);
  });
});

// JSON.parse with a reviver: the host's values given the realm's prototypes, their parse records
// found beside them, a definition left out where it would change nothing.
const reviverCases = {
  'the order of calls, holders and values': `var log = []; var r = JSON.parse('{"a":[1,{"b":2}],"c":{},"d":"x"}', function (k, v) { log.push(k + ':' + Array.isArray(this) + ':' + typeof v + ':' + (Object.getPrototypeOf(this) === Object.prototype || Object.getPrototypeOf(this) === Array.prototype)); return v; }); [JSON.stringify(r), log, Object.getPrototypeOf(r.a) === Array.prototype]`,
  'duplicate keys, also of nested objects and arrays': `var log = []; var r = JSON.parse('{"a":{"x":1,"y":[1,2]},"b":0,"a":[3,{"z":4}],"b":{"w":5}}', function (k, v) { log.push(k + '=' + JSON.stringify(v)); return v; }); [JSON.stringify(r), log]`,
  'a __proto__ key is an own property': `var r = JSON.parse('{"__proto__":{"p":1},"a":[{"__proto__":2}]}', function (k, v) { return v; }); [Object.keys(r), Object.getPrototypeOf(r) === Object.prototype, JSON.stringify(Object.getOwnPropertyDescriptor(r, '__proto__')), r.a[0].hasOwnProperty('__proto__')]`,
  'a value made non-enumerable then returned is defined again': `var r = JSON.parse('{"a":1,"b":2}', function (k, v) { if (k === 'a') Object.defineProperty(this, 'a', { enumerable: false }); return v; }); [Object.keys(r), JSON.stringify(Object.getOwnPropertyDescriptor(r, 'a'))]`,
  'a sibling replaced before it is visited; -0 for 0': `var log = []; var r = JSON.parse('{"a":1,"b":0,"c":[5,6]}', function (k, v) { if (k === 'a') { this.b = -0; this.c = [7]; } log.push(k + ':' + JSON.stringify(v)); return v; }); [Object.is(r.b, -0), JSON.stringify(r), log]`,
  'deleted entries and elements': `var r = JSON.parse('{"a":[1,2,3],"b":{"c":1,"d":2}}', function (k, v) { return k === '1' || k === 'c' ? undefined : v; }); [JSON.stringify(r), Object.keys(r.a), r.a.length]`,
  'a frozen holder: the definitions fail quietly': `var r = JSON.parse('{"a":{"x":1,"y":2}}', function (k, v) { if (k === 'x') Object.freeze(this); return typeof v === 'number' ? v + 1 : v; }); JSON.stringify(r)`,
  'a Proxy put in the tree sees its defineProperty traps': `var log = []; var r = JSON.parse('{"a":1,"b":{"c":2}}', function (k, v) { if (k === 'a') this.b = new Proxy({ c: 3 }, { defineProperty(t, p, d) { log.push('define ' + p + ' ' + d.value); return Reflect.defineProperty(t, p, d); }, deleteProperty(t, p) { log.push('delete ' + p); return Reflect.deleteProperty(t, p); } }); return v; }); [JSON.stringify(r), log]`,
  'escapes in keys and strings': `JSON.stringify(JSON.parse('{"a\\\\b":"x\\"y","\\u00e9":["\\n",1e2,-0.5e-3,true,false,null]}', function (k, v) { return typeof v === 'number' ? v * 2 : v; }))`,
  'a primitive root': `[JSON.parse('12', function (k, v) { return [k, v]; }), JSON.parse(' "s" ', function (k, v) { return typeof this; })]`,
};

describe('JSON.parse with a reviver: the same answers as node:vm', () => {
  for (const [name, source] of Object.entries(reviverCases)) {
    it(name, () => {
      const run = (vm) => { try { return JSON.stringify(vm.runInNewContext(source)); } catch (e) { return `threw ${e && e.name}: ${e && e.message}`; } };
      expect(run(vmjs)).to.equal(run(nodeVm));
    });
  }
});

describe('JSON.parse with a reviver: the source text of each primitive (newer than node 20)', () => {
  it('gives the source of unchanged primitives only, through duplicates and nesting', () => {
    const r = vmjs.runInNewContext(String.raw`var log = []; JSON.parse('{"a": -0.50 ,"b":[1E2, "x\\u0041", true, null, {"c": 10}],"a":7,"d":{"e":1},"d":[2]}', function (k, v, ctx) {
      if (k === 'b') this.d = [3];
      log.push(k + ':' + (ctx && Object.getPrototypeOf(ctx) === Object.prototype ? (ctx.hasOwnProperty('source') ? ctx.source : '-') : 'no context'));
      return v;
    }); log`);
    // "a" is visited first (its place is its first entry's) with its last value; "d" was replaced.
    expect(r).to.deep.equal(['a:7', '0:1E2', '1:"x\\u0041"', '2:true', '3:null', 'c:10', '4:-', 'b:-', '0:-', 'd:-', ':-']);
  });
});

describe('JSON.parse with a reviver: the context object', () => {
  it('gets its source as an own data property (a setter of Object.prototype does not run)', () => {
    const r = vmjs.runInNewContext(`var log = []; Object.defineProperty(Object.prototype, 'source', { set(v) { log.push('set ' + v); }, get() { return 'inherited'; }, configurable: true });
      var seen = []; JSON.parse('[1,{"a":"x"}]', function (k, v, ctx) { seen.push(k + ':' + JSON.stringify(Object.getOwnPropertyDescriptor(ctx, 'source'))); return v; });
      delete Object.prototype.source; [log, seen]`);
    expect(r).to.deep.equal([[], [
      '0:{"value":"1","writable":true,"enumerable":true,"configurable":true}',
      'a:{"value":"\\"x\\"","writable":true,"enumerable":true,"configurable":true}',
      '1:undefined', ':undefined',
    ]]);
  });
});

describe('JSON.stringify fast paths: JSON.rawJSON (newer than node 20)', () => {
  it('once a raw JSON object exists, the host JSON.stringify is not used', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
      const vm = await import(${JSON.stringify(new URL('../../dist/esm/index.js', import.meta.url).href)});
      const r = vm.runInNewContext("var before = JSON.stringify({ a: [1] }); var raw = JSON.rawJSON('1e1000'); [before, JSON.stringify({ a: raw, b: [JSON.rawJSON('\\"x\\"')] }), JSON.stringify(raw), JSON.isRawJSON(raw)]");
      process.stdout.write(JSON.stringify(r));`], { encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal(['{"a":[1]}', '{"a":1e1000,"b":["x"]}', '1e1000', true]);
  });
});

describe('JSON.stringify fast paths: timeouts and the memory budget', function () {
  this.timeout(60000);
  it('a structure sharing its parts (2^40 values) stops at the timeout', () => {
    const ctx = vmjs.createContext({});
    const started = Date.now();
    expect(() => vmjs.runInContext('var a = [1, 2]; for (var i = 0; i < 40; i++) a = [a, a]; JSON.stringify(a)', ctx, { timeout: 200 }))
      .to.throw().with.property('code', 'ERR_SCRIPT_EXECUTION_TIMEOUT');
    expect(Date.now() - started).to.be.below(5000);
  });
  it('records kept under a memory budget', () => {
    const ctx = vmjs.createContext({}, { memoryLimit: 16 * 1024 * 1024 });
    expect(() => vmjs.runInContext('var r = []; for (var i = 0; i < 10000; i++) r.push({ id: i, tags: ["a"], pos: { x: i } }); var keep = []; for (;;) keep.push(JSON.stringify(r));', ctx))
      .to.throw().with.property('code', 'ERR_VMJS_MEMORY_LIMIT');
  });
});
