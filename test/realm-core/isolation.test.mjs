// The isolation invariant: nothing reachable from a new realm's global object is a host intrinsic.
import { expect } from 'chai';
import { createRealm } from '../../dist/esm/internal.js';

const hostIntrinsics = new Map();
function addHost(name, v) {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') { if (!hostIntrinsics.has(v)) hostIntrinsics.set(v, name); }
}
for (const name of Object.getOwnPropertyNames(globalThis)) {
  const d = Object.getOwnPropertyDescriptor(globalThis, name);
  if (!('value' in d)) continue;
  const v = d.value;
  addHost(name, v);
  if (typeof v === 'function' || (typeof v === 'object' && v !== null)) {
    for (const [k, pd] of Object.entries(Object.getOwnPropertyDescriptors(v))) {
      for (const x of [pd.value, pd.get, pd.set]) addHost(`${name}.${k}`, x);
    }
    const proto = v.prototype;
    if (proto && typeof proto === 'object') {
      addHost(`${name}.prototype`, proto);
      for (const k of Reflect.ownKeys(proto)) {
        const pd = Object.getOwnPropertyDescriptor(proto, k);
        for (const x of [pd.value, pd.get, pd.set]) addHost(`${name}.prototype.${String(k)}`, x);
      }
    }
  }
}
addHost('%IteratorPrototype%', Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
addHost('%ArrayIteratorPrototype%', Object.getPrototypeOf([][Symbol.iterator]()));
addHost('%GeneratorFunction.prototype%', Object.getPrototypeOf(function* () {}));
addHost('%GeneratorPrototype%', Object.getPrototypeOf(function* () {}).prototype);
addHost('%ThrowTypeError%', Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get);
addHost('globalThis', globalThis);

/** Every object reachable from `root` through own property values, getters, setters and [[Prototype]]. */
function reachable(root) {
  const seen = new Map([[root, 'global']]);
  const work = [root];
  while (work.length) {
    const o = work.pop();
    const path = seen.get(o);
    const visit = (v, p) => {
      if (((typeof v === 'object' && v !== null) || typeof v === 'function') && !seen.has(v)) { seen.set(v, p); work.push(v); }
    };
    for (const k of Reflect.ownKeys(o)) {
      const d = Reflect.getOwnPropertyDescriptor(o, k);
      visit(d.value, `${path}.${String(k)}`);
      visit(d.get, `${path}.get ${String(k)}`);
      visit(d.set, `${path}.set ${String(k)}`);
    }
    visit(Reflect.getPrototypeOf(o), `${path}.[[Prototype]]`);
  }
  return seen;
}

describe('realm-core: isolation', () => {
  it('knows enough host intrinsics for the check to mean something', () => {
    expect(hostIntrinsics.size).to.be.greaterThan(500);
    expect(hostIntrinsics.has(Object.prototype)).to.equal(true);
    expect(hostIntrinsics.has(Function)).to.equal(true);
    expect(hostIntrinsics.has(Array.prototype.map)).to.equal(true);
  });

  it('reaches no host intrinsic from a new realm\'s global object', () => {
    const realm = createRealm();
    const seen = reachable(realm.globalObject);
    expect(seen.size).to.be.greaterThan(250);
    const leaks = [];
    for (const [o, path] of seen) if (hostIntrinsics.has(o)) leaks.push(`${path} is the host's ${hostIntrinsics.get(o)}`);
    expect(leaks).to.deep.equal([]);
  });

  it('reaches no host intrinsic from the realm\'s intrinsics either', () => {
    const realm = createRealm();
    const leaks = [];
    for (const [name, v] of Object.entries(realm.intrinsics)) {
      if (v === undefined) continue;
      for (const [o, path] of reachable(v)) if (hostIntrinsics.has(o)) leaks.push(`%${name}%${path.slice(6)} is the host's ${hostIntrinsics.get(o)}`);
    }
    expect(leaks).to.deep.equal([]);
  });

  it('shares nothing between two realms but the well-known symbols', () => {
    const a = reachable(createRealm().globalObject);
    const b = reachable(createRealm().globalObject);
    const shared = [...a.keys()].filter((o) => b.has(o)).map((o) => a.get(o));
    expect(shared).to.deep.equal([]);
  });

  it('keeps results of builtins in the realm', () => {
    const realm = createRealm();
    const g = realm.globalObject;
    const I = realm.intrinsics;
    const results = [
      g.Object.keys({ a: 1 }), g.Object.entries({ a: 1 }), g.Object.entries({ a: 1 })[0], g.Object.getOwnPropertyNames({}),
      g.Object.getOwnPropertyDescriptor({ a: 1 }, 'a'), g.Object.getOwnPropertyDescriptors({ a: 1 }), g.Object.getOwnPropertyDescriptors({ a: 1 }).a,
      g.Object.fromEntries([['a', 1]]), g.Reflect.ownKeys({}), g.Reflect.getOwnPropertyDescriptor({ get a() { return 1; } }, 'a'),
      g.JSON.parse('{"a":[{}]}'), g.JSON.parse('{"a":[{}]}').a, g.JSON.parse('{"a":[{}]}').a[0], g.Object('s'), g.Object(1), g.Object(true),
      g.Object(Symbol.iterator), g.Object(1n), new g.Object(), g.Object.create(I.ObjectPrototype),
    ];
    for (const [i, r] of results.entries()) {
      let p = Object.getPrototypeOf(r);
      while (p !== null) {
        expect(hostIntrinsics.has(p), `prototype chain of result #${i}`).to.equal(false);
        p = Object.getPrototypeOf(p);
      }
    }
    expect(Object.getPrototypeOf(g.Object.keys({ a: 1 }))).to.equal(I.ArrayPrototype);
    expect(Object.getPrototypeOf(g.Object('s'))).to.equal(I.StringPrototype);
    expect(Object.getPrototypeOf(g.Object.getOwnPropertyDescriptor({ a: 1 }, 'a'))).to.equal(I.ObjectPrototype);
  });
});
