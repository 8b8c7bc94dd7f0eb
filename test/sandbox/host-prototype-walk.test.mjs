// "Nothing in a context carries a host prototype" (BRIEF decision 3, issue 9). In a fresh context, guest
// code calls every builtin function reachable from the global object (as a function and as a
// constructor, on receivers of its family, with an argument table), and records every value it sees:
// results, thrown errors, what builtins pass to callbacks (with `this` and the arguments object), what
// Proxy traps receive, iterator and generator results, RegExp match arrays with groups and indices,
// JSON.parse reviver holders, getters' results, property descriptors, Promise resolving functions,
// settled values of promises, a module namespace. The host then walks everything reachable from those
// values (own property values, getters and setters, [[Prototype]]; `constructor` is an own property
// along the chain) and fails on any object that is one of the host's intrinsics.
import { expect } from 'chai';
import * as vm from '../../dist/esm/index.js';

const STANDARD_GLOBALS = [
  'AggregateError', 'Array', 'ArrayBuffer', 'Atomics', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean', 'DataView', 'Date',
  'Error', 'EvalError', 'FinalizationRegistry', 'Float16Array', 'Float32Array', 'Float64Array', 'Function', 'Int8Array',
  'Int16Array', 'Int32Array', 'Iterator', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise', 'Proxy', 'RangeError',
  'ReferenceError', 'Reflect', 'RegExp', 'Set', 'SharedArrayBuffer', 'String', 'Symbol', 'SyntaxError', 'TypeError',
  'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'URIError', 'WeakMap', 'WeakRef', 'WeakSet',
  'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
  'escape', 'unescape', 'globalThis',
];

const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';

/** The host's intrinsics: everything reachable from its standard globals and its hidden intrinsics
 * (iterator and generator prototypes, %ThrowTypeError%, %TypedArray%…), transitively; and node's
 * other globals with their members and prototype chains. */
function hostIntrinsics() {
  const forbidden = new Map();
  const work = [];
  const add = (v, name) => { if (isObject(v) && !forbidden.has(v)) { forbidden.set(v, name); work.push(v); } };
  const drain = () => {
    while (work.length) {
      const o = work.pop();
      const name = forbidden.get(o);
      for (const k of Reflect.ownKeys(o)) {
        const d = Reflect.getOwnPropertyDescriptor(o, k);
        add(d.value, `${name}.${String(k)}`);
        add(d.get, `${name}.get ${String(k)}`);
        add(d.set, `${name}.set ${String(k)}`);
      }
      add(Reflect.getPrototypeOf(o), `${name}.[[Prototype]]`);
    }
  };
  for (const name of STANDARD_GLOBALS) if (name in globalThis && name !== 'globalThis') add(globalThis[name], name);
  drain();
  const seeds = {
    '%ArrayIteratorPrototype%': [].values(), '%MapIteratorPrototype%': new Map().entries(), '%SetIteratorPrototype%': new Set().values(),
    '%StringIteratorPrototype%': ''[Symbol.iterator](), '%RegExpStringIteratorPrototype%': /x/g[Symbol.matchAll]('x'),
    '%GeneratorFunction%': function* () {}, '%AsyncGeneratorFunction%': async function* () {}, '%AsyncFunction%': async function () {},
    '%Generator%': (function* () {})(), '%AsyncGenerator%': (async function* () {})(),
    '%ThrowTypeError%': Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get,
    '%TypedArray%': Object.getPrototypeOf(Int8Array),
    '%IteratorHelperPrototype%': typeof Iterator === 'function' && Iterator.prototype.map ? [].values().map((x) => x) : null,
    '%WrapForValidIteratorPrototype%': typeof Iterator === 'function' && Iterator.from ? Iterator.from({ next() { return { done: true }; } }) : null,
    Intl: typeof Intl === 'object' ? Intl : null,
  };
  for (const [name, v] of Object.entries(seeds)) if (isObject(v)) { add(v, name); add(Object.getPrototypeOf(v), `${name}.[[Prototype]]`); }
  drain();
  // node's own globals (process, Buffer, URL, …): themselves, their members and prototype chains.
  for (const name of Reflect.ownKeys(globalThis)) {
    if (STANDARD_GLOBALS.includes(name)) continue;
    const d = Reflect.getOwnPropertyDescriptor(globalThis, name);
    for (const v of [d.value, d.get, d.set]) {
      if (!isObject(v) || forbidden.has(v)) continue;
      forbidden.set(v, String(name));
      for (let p = Reflect.getPrototypeOf(v); p !== null && !forbidden.has(p); p = Reflect.getPrototypeOf(p)) forbidden.set(p, `${String(name)}.[[Prototype]]`);
    }
  }
  forbidden.set(globalThis, 'globalThis');
  return forbidden;
}

// Guest code: calls every builtin and returns what it saw. `rec` callbacks and the traps of `proxy`
// push everything they get into `seen`.
const GUEST = String.raw`
(function () {
  'use strict';
  var seen = [];
  var origins = [];
  var current = 'setup';
  var push = function (v) { origins[seen.length] = current; seen[seen.length] = v; };
  function rec() { push(this); push(arguments); for (var i = 0; i < arguments.length; i++) push(arguments[i]); return undefined; }
  function recIdentity(k, v) { push(this); push(arguments); push(k); push(v); return v; }
  function recNumber() { push(this); push(arguments); for (var i = 0; i < arguments.length; i++) push(arguments[i]); return 0; }
  function makeHandler() {
    var h = {};
    ['getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'getOwnPropertyDescriptor', 'defineProperty', 'has',
      'get', 'set', 'deleteProperty', 'ownKeys', 'apply', 'construct'].forEach(function (trap) {
      h[trap] = function () {
        push(this); push(arguments);
        for (var i = 0; i < arguments.length; i++) push(arguments[i]);
        return Reflect[trap].apply(null, arguments);
      };
    });
    return h;
  }
  function proxy() { return new Proxy({ a: 1, b: [2], length: 2, 0: 'x', 1: 'y' }, makeHandler()); }
  function fnProxy() { return new Proxy(function target(a) { return a; }, makeHandler()); }
  function* gen() { var x = yield 1; push(x); yield 2; return 3; }
  async function* agen() { var x = yield 1; push(x); yield 2; return 3; }
  async function afn(v) { return await v; }
  function sloppyArguments() { return arguments; }
  var namedRegExp = function () { return /(?<word>[a-z])(\d)?|(?<other>_)/dg; };
  var instances = {
    Object: function () { return { a: 1, get g() { return 1; }, set s(v) {} }; },
    Function: function () { return function f(a, b) { push(this); push(arguments); return a; }; },
    Array: function () { return [3, 1, 2, [4, [5]], 'x']; },
    String: function () { return 'ab_c1'; },
    Number: function () { return 12.5; },
    Boolean: function () { return true; },
    Symbol: function () { return Symbol('s'); },
    BigInt: function () { return 10n; },
    Error: function () { return new TypeError('m', { cause: {} }); },
    AggregateError: function () { return new AggregateError([new Error('e')], 'agg'); },
    RegExp: namedRegExp,
    Date: function () { return new Date(0); },
    Map: function () { return new Map([[1, { a: 1 }], ['k', 'v']]); },
    Set: function () { return new Set([1, { a: 1 }]); },
    WeakMap: function () { var k = {}; var m = new WeakMap([[k, 1]]); return m; },
    WeakSet: function () { return new WeakSet([{}]); },
    WeakRef: function () { return new WeakRef({}); },
    FinalizationRegistry: function () { return new FinalizationRegistry(rec); },
    Promise: function () { return Promise.resolve({ v: 1 }); },
    ArrayBuffer: function () { return new ArrayBuffer(8, { maxByteLength: 16 }); },
    SharedArrayBuffer: function () { return new SharedArrayBuffer(8); },
    DataView: function () { return new DataView(new ArrayBuffer(8)); },
    Proxy: proxy,
    Iterator: function () { return [1, 2, 3].values(); },
    Generator: function () { return gen(); },
    AsyncGenerator: function () { return agen(); },
    ShadowRealm: function () { return new ShadowRealm(); },
  };
  ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array',
    'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'].forEach(function (name) {
    var C = globalThis[name];
    if (typeof C !== 'function') return;
    instances[name] = function () { var ta = new C(4); return ta; };
  });
  // A typed array over an immutable buffer (vmjs's immutable view) and the buffer.
  instances.ImmutableUint8Array = function () { return new Uint8Array(new Uint8Array([1, 2, 3]).buffer.transferToImmutable()); };
  instances.ImmutableArrayBuffer = function () { return new ArrayBuffer(8).transferToImmutable(); };
  // Hidden intrinsics, through instances.
  var hidden = {
    '%TypedArray%': Object.getPrototypeOf(Int8Array),
    '%ArrayIteratorPrototype%': [].values(), '%MapIteratorPrototype%': new Map([[1, 2]]).entries(), '%SetIteratorPrototype%': new Set([1]).values(),
    '%StringIteratorPrototype%': 'ab'[Symbol.iterator](), '%RegExpStringIteratorPrototype%': namedRegExp()[Symbol.matchAll]('a1_'),
    '%GeneratorFunction%': gen, '%AsyncGeneratorFunction%': agen, '%AsyncFunction%': afn,
    '%IteratorHelperPrototype%': [1, 2].values().map(function (x) { return x; }),
    '%WrapForValidIteratorPrototype%': Iterator.from({ next: function () { return { done: true }; } }),
    '%ThrowTypeError%': Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get,
  };
  var hiddenInstances = {
    '%ArrayIteratorPrototype%': function () { return [1, { a: 1 }].entries(); },
    '%MapIteratorPrototype%': function () { return new Map([[1, { a: 1 }]]).entries(); },
    '%SetIteratorPrototype%': function () { return new Set([{ a: 1 }]).entries(); },
    '%StringIteratorPrototype%': function () { return 'ab'[Symbol.iterator](); },
    '%RegExpStringIteratorPrototype%': function () { return namedRegExp()[Symbol.matchAll]('a1_b'); },
    '%IteratorHelperPrototype%': function () { return [1, 2].values().map(rec); },
    '%WrapForValidIteratorPrototype%': function () { var i = 0; return Iterator.from({ next: function () { return { done: i++ > 1, value: { i: i } }; } }); },
  };
  var args = [
    function () { return []; },
    function () { return [undefined]; },
    function () { return [0]; },
    function () { return [1, 2]; },
    function () { return ['ab']; },
    function () { return [rec]; },
    function () { return [recNumber, {}]; },
    function () { return [{ a: 1, b: { c: 2 } }]; },
    function () { return [[1, 2, 3], rec]; },
    function () { return [proxy()]; },
    function () { return [proxy(), 'a', { value: 1, writable: true, enumerable: true, configurable: true }]; },
    function () { return [fnProxy(), {}, [1]]; },
    function () { return [{ a: 1 }, rec]; },
    function () { return ['{"a":[1,{"b":2}],"c":"d"}', recIdentity]; },
    function () { return [namedRegExp(), rec]; },
    function () { return [namedRegExp(), '$<word>-$1']; },
    function () { return ['a1_b', rec]; },
    function () { return [new Int32Array(new SharedArrayBuffer(8)), 0, 1]; },
    function () { return [new Uint8Array([1, 2, 3]), 1]; },
    function () { return [new Uint8Array(new Uint8Array([1, 2, 3]).buffer.transferToImmutable()), rec]; },
    function () { return [new Map([[1, 2]]).entries(), rec]; },
    function () { return [gen()]; },
    function () { return [Promise.reject(new RangeError('r'))]; },
    function () { return [[Promise.resolve(1), Promise.reject(2), { then: rec }]]; },
    function () { return [{ then: rec }]; },
    function () { return [sloppyArguments(1, { a: 1 })]; },
  ];
  // Everything the realm holds: functions with the holder they were found on.
  var found = [];
  var visited = new Set();
  var holders = [];
  function collect(o, path) {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || visited.has(o)) return;
    visited.add(o);
    holders.push([o, path]);
    Reflect.ownKeys(o).forEach(function (k) {
      var d = Reflect.getOwnPropertyDescriptor(o, k);
      var name = path + '.' + String(k);
      if (typeof d.value === 'function') found.push([d.value, o, name]);
      if (typeof d.get === 'function') found.push([d.get, o, name + ' get']);
      if (typeof d.set === 'function') found.push([d.set, o, name + ' set']);
      collect(d.value, name); collect(d.get, name + ' get'); collect(d.set, name + ' set');
    });
    collect(Reflect.getPrototypeOf(o), path + '.[[Prototype]]');
  }
  collect(globalThis, 'globalThis');
  Object.keys(hidden).forEach(function (k) { collect(hidden[k], k); });

  // Receivers for a function found on its holder: a fresh instance of each family whose prototype chain
  // has the holder (an intrinsic prototype), the holder itself if it is a constructor or a namespace
  // object, and undefined.
  var factories = Object.keys(instances).map(function (k) { return instances[k]; })
    .concat(Object.keys(hiddenInstances).map(function (k) { return hiddenInstances[k]; }));
  var samples = factories.map(function (f) { return f(); });
  var genericHolders = [Object.prototype, Array.prototype, Function.prototype, String.prototype, RegExp.prototype, Iterator.prototype,
    Promise.prototype, Error.prototype, Object.getPrototypeOf(Int8Array.prototype), Date.prototype];
  function receiversFor(holder) {
    var out = [];
    samples.forEach(function (s, i) {
      var o = Object(s);
      for (var p = Object.getPrototypeOf(o), depth = 0; p !== null && depth < 2; p = Object.getPrototypeOf(p), depth++) {
        if (p === holder) { out.push(factories[i]); break; }
      }
    });
    if (holder === Object.prototype) out = out.slice(0, 3);
    // Generic methods on a recording Proxy: every internal method they use goes through a trap.
    if (genericHolders.indexOf(holder) >= 0) out.push(holder === Function.prototype ? fnProxy : proxy);
    var isPrototypeObject = holder !== globalThis && Object.prototype.hasOwnProperty.call(holder, 'constructor') && holder.constructor.prototype === holder;
    if (!isPrototypeObject) out.push(function () { return holder; });
    out.push(function () { return undefined; });
    return out;
  }
  var skip = new Set([Atomics.wait]);
  var calls = 0;
  found.forEach(function (entry) {
    var F = entry[0], holder = entry[1];
    if (skip.has(F)) return;
    var receivers = receiversFor(holder);
    receivers.forEach(function (makeReceiver) {
      args.forEach(function (makeArgs, ai) {
        calls++;
        current = entry[2] + ' (receiver ' + receivers.indexOf(makeReceiver) + ', arguments ' + ai + ')';
        try { push(Reflect.apply(F, makeReceiver(), makeArgs())); } catch (e) { push(e); }
      });
    });
    args.forEach(function (makeArgs, ai) {
      current = 'new ' + entry[2] + ' (arguments ' + ai + ')';
      try { push(Reflect.construct(F, makeArgs())); } catch (e) { push(e); }
    });
  });
  // Drive what came back: iterators and generators (next, return, throw), promises (then), getters.
  var n = seen.length;
  for (var i = 0; i < n; i++) {
    var v = seen[i];
    current = 'driving ' + origins[i];
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) continue;
    try {
      if (typeof v.next === 'function') { push(v.next()); push(v.next({ sent: 1 })); }
      if (typeof v.return === 'function') push(v.return({ r: 1 }));
      if (typeof v.throw === 'function') { try { push(v.throw(new Error('t'))); } catch (e) { push(e); } }
      if (typeof v.then === 'function') push(v.then(rec, rec));
    } catch (e) { push(e); }
  }
  // The evaluator's own operations on a recording Proxy.
  current = 'evaluator';
  var p = proxy();
  try {
    push(Object.assign({}, p)); push({ ...p }); for (var k in p) push(k); push(Object.entries(p)); push(Object.getOwnPropertyDescriptors(p));
    p.x = 1; delete p.x; push('a' in p); Object.defineProperty(p, 'y', { get: rec, configurable: true }); push(p.y);
    var { a, ...restObj } = p; push(restObj);
    class C extends Object { constructor() { super(); push(new.target); } } push(Reflect.construct(C, [], fnProxy()));
    push(fnProxy()(1)); push(new (fnProxy())(1));
  } catch (e) { push(e); }
  // What the evaluator makes: template objects, rest arrays and objects, regexp literals, its errors.
  push((function (strings) { return strings; })` + '`a${1}b`' + String.raw`);
  var [first, ...restArr] = [1, 2, 3]; push(restArr); push(/x/y); push({ __proto__: null, get a() { return 1; } });
  [function () { undefined(); }, function () { notDefined; }, function f() { f(); }, function () { null.x; },
    function () { new (function () {}.bind())(); }, function () { Symbol() + ''; }, function () { 1n + 1; },
    function () { class A { #p; static has(o) { return o.#p; } } A.has({}); }, function () { eval('('); },
    function () { new Function('('); }, function () { [].reduce(function () {}); }, function () { new Array(-1); },
  ].forEach(function (f) { try { f(); } catch (e) { push(e); } });
  push(import('./nowhere.js').then(rec, rec));
  (async function () { for await (var x of [1, Promise.resolve({ a: 1 })]) push(x); var it = agen(); push(await it.next()); push(await it.return(1)); })().then(rec, rec);
  (function* () { push(yield* [1, 2]); })().next();
  // Arguments objects, generator results, regexp results, resolving functions, JSON holders.
  current = 'the end';
  push(sloppyArguments(1, 2)); push((function () { 'use strict'; return arguments; })(1));
  var g = gen(); push(g.next()); push(g.next(5)); push(g.return(1));
  var re = namedRegExp(); push(re.exec('a1')); push('a1_b2'.match(namedRegExp())); push([...'a1_'.matchAll(namedRegExp())]);
  push('a1_'.replace(namedRegExp(), rec)); push('a1'.split(/(\d)/));
  push(new Promise(rec)); push(Promise.withResolvers()); push(JSON.parse('{"a":[1,{"b":2}]}', recIdentity));
  push(JSON.stringify({ a: [1, { b: 2 }], toJSON: undefined }, recIdentity)); push(Object.entries({ a: { b: 1 } }));
  push(Object.getOwnPropertyDescriptor({ get g() { return 1; } }, 'g'));
  push(Array.from({ length: 2 }, rec)); push([1, 2].reduce(recNumber));
  push(afn(1)); push(agen().next());
  // The ShadowRealm boundary: wrapped functions both ways, and the TypeErrors that replace what crosses.
  var shadow = new ShadowRealm();
  var wrapped = shadow.evaluate('(f) => { var r = f(1); return () => r; }');
  push(wrapped); push(wrapped(rec)); push(wrapped(rec)());
  try { shadow.evaluate('({})'); } catch (e) { push(e); }
  try { wrapped({}); } catch (e) { push(e); }
  push(shadow.importValue('./nowhere.js', 'x').then(rec, rec));
  seen.calls = calls;
  seen.origins = origins;
  seen.where = function (i) { return origins[i]; };
  return seen;
})()
`;

/** Everything reachable from `roots` (own property values, getters, setters, [[Prototype]]), with a
 * path; the walk does not go on from a forbidden object (each leak is reported where it starts). */
function reachable(roots, forbidden) {
  const paths = new Map();
  const work = [];
  const visit = (v, path) => {
    if (!isObject(v) || paths.has(v)) return;
    paths.set(v, path);
    if (!forbidden.has(v)) work.push(v);
  };
  roots.forEach((v, i) => visit(v, `seen[${i}]`));
  while (work.length) {
    const o = work.pop();
    const path = paths.get(o);
    let keys;
    try { keys = Reflect.ownKeys(o); } catch { keys = []; } // a revoked Proxy
    for (const k of keys) {
      let d;
      try { d = Reflect.getOwnPropertyDescriptor(o, k); } catch { continue; }
      if (d === undefined) continue;
      visit(d.value, `${path}.${String(k)}`);
      visit(d.get, `${path}.get ${String(k)}`);
      visit(d.set, `${path}.set ${String(k)}`);
    }
    try { visit(Reflect.getPrototypeOf(o), `${path}.[[Prototype]]`); } catch { /* a revoked Proxy */ }
  }
  return paths;
}

describe('sandbox: no host prototype in a context', function () {
  this.timeout(120000);

  it('hands Proxy traps the realm\'s descriptor and argument lists, and a missing trap costs the target no extra trap', () => {
    const out = vm.runInNewContext(`
      var got = {};
      var p = new Proxy(function () {}, {
        defineProperty(t, k, d) { got.desc = d; return Reflect.defineProperty(t, k, d); },
        apply(t, self, args) { got.applyArgs = args; return 1; },
        construct(t, args) { got.constructArgs = args; return {}; },
      });
      Object.defineProperty(p, 'x', { value: 1, configurable: true }); p(1); new p(2);
      var log = [];
      var logging = new Proxy({}, { getOwnPropertyDescriptor(t, k) { log.push('gopd ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); },
        get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r); } });
      var outer = new Proxy(logging, {});
      outer.a;
      [Object.getPrototypeOf(got.desc) === Object.prototype, got.desc.constructor.constructor === Function,
       Array.isArray(got.applyArgs) && Object.getPrototypeOf(got.applyArgs) === Array.prototype,
       Object.getPrototypeOf(got.constructArgs) === Array.prototype, log.join()]
    `);
    expect(out).to.deep.equal([true, true, true, true, 'get a']);
  });

  it('reaches no host intrinsic from anything the builtins return, throw or pass to guest code', async () => {
    const forbidden = hostIntrinsics();
    expect(forbidden.has(Object.prototype) && forbidden.has(Array.prototype.map) && forbidden.has(Object.getPrototypeOf([].values()))).to.equal(true);
    const ctx = vm.createContext({});
    const seen = vm.runInContext(GUEST, ctx, { timeout: 60000 });
    // Let promise jobs, thenables and async functions run and record what they pass.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5));
    // A module namespace and an import.meta object of the context.
    const mod = new vm.SourceTextModule('export const o = { a: 1 }; export default function f() {}; export const meta = import.meta;', { context: ctx });
    await mod.link(() => { throw new Error('no imports'); });
    await mod.evaluate();
    const roots = [...seen, mod.namespace];
    expect(seen.calls).to.be.greaterThan(10000);
    const paths = reachable(roots, forbidden);
    expect(paths.size).to.be.greaterThan(10000);
    const leaks = [];
    for (const [o, path] of paths) {
      if (!forbidden.has(o)) continue;
      const root = /^seen\[(\d+)\]/.exec(path)[1];
      leaks.push(`${path} is the host's ${forbidden.get(o)} (seen[${root}] from ${seen.origins[root] ?? 'the module namespace'})`);
    }
    expect(leaks.slice(0, 30), `${leaks.length} leaks`).to.deep.equal([]);
  });
});
