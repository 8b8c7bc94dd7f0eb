// The isolation invariant for Date and the keyed collections: nothing reachable from them, from the
// objects they make, or from the errors they throw is a host intrinsic.
import { expect } from 'chai';
import { hostIntrinsics, leaks, newRealm, run, thrown } from './helpers.mjs';

describe('realm-stdlib: isolation', () => {
  it('knows the host intrinsics the checks look for', () => {
    for (const o of [Date.prototype, Date.prototype.getTime, Map.prototype, Set.prototype.add, WeakMap.prototype, WeakSet,
      Object.getPrototypeOf(new Map().entries()), Object.getPrototypeOf(new Set().values()), Object.prototype, Array.prototype]) {
      expect(hostIntrinsics.has(o)).to.equal(true);
    }
  });

  it('reaches no host intrinsic from the new constructors, prototypes and iterator prototypes', () => {
    const { I } = newRealm();
    const roots = {};
    for (const name of ['Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'DatePrototype', 'MapPrototype', 'SetPrototype', 'WeakMapPrototype',
      'WeakSetPrototype', 'MapIteratorPrototype', 'SetIteratorPrototype']) {
      expect(['object', 'function'], name).to.include(typeof I[name]);
      roots[`%${name}%`] = I[name];
    }
    expect(leaks(roots)).to.deep.equal([]);
  });

  it('puts the constructors on the global object', () => {
    const { G, I } = newRealm();
    for (const name of ['Date', 'Map', 'Set', 'WeakMap', 'WeakSet']) {
      expect(G[name]).to.equal(I[name]);
      const d = Object.getOwnPropertyDescriptor(G, name);
      expect([d.writable, d.enumerable, d.configurable]).to.deep.equal([true, false, true]);
    }
  });

  it('reaches no host intrinsic from what guest code gets back', () => {
    const { realm, G } = newRealm();
    const values = run(realm, `var m = new Map([[1, 2]]); var s = new Set([1, 2]); [
      new Date(0), Date(), Date.UTC(2000), new Date(0).toJSON(), new Date(0)[Symbol.toPrimitive]('number'),
      m, m.entries(), m.entries().next(), m.entries().next().value, m.keys(), m.values(), m[Symbol.iterator](),
      s, s.values(), s.entries().next().value, s.union(new Set([3])), s.intersection(s), s.difference(s), s.symmetricDifference(s),
      Map.groupBy([1, 2], (x) => x), Map.groupBy([1], (x) => x).get(1), new WeakMap([[{}, 1]]), new WeakSet([{}]),
      new Map().entries().map((x) => x), new Set([1]).values().toArray(),
    ]`);
    const roots = {};
    for (const [i, v] of [...values].entries()) if ((typeof v === 'object' && v !== null) || typeof v === 'function') roots[`value#${i}`] = v;
    expect(Object.keys(roots).length).to.be.greaterThan(20);
    expect(leaks(roots)).to.deep.equal([]);
  });

  it('reaches no host intrinsic from the errors the builtins throw', () => {
    const { G } = newRealm();
    const errors = {
      dateBrand: thrown(() => G.Date.prototype.getTime.call({})),
      dateSetterBrand: thrown(() => G.Date.prototype.setHours.call({}, 1)),
      dateRange: thrown(() => new G.Date(NaN).toISOString()),
      dateLocale: thrown(() => new G.Date(0).toLocaleString('not a locale!')),
      dateSymbol: thrown(() => new G.Date(Symbol())),
      mapBrand: thrown(() => G.Map.prototype.get.call({})),
      mapIterBrand: thrown(() => new G.Map().entries().next.call({})),
      setBrand: thrown(() => G.Set.prototype.has.call(1)),
      setRecord: thrown(() => new G.Set().union([])),
      weakMapKey: thrown(() => new G.WeakMap().set(1, 1)),
      weakSetValue: thrown(() => new G.WeakSet().add(1)),
      notIterable: thrown(() => new G.Map(1)),
    };
    for (const [name, e] of Object.entries(errors)) {
      expect(e, name).to.be.instanceOf(G.Error);
      expect(e, name).not.to.be.instanceOf(Error);
    }
    expect(leaks(errors)).to.deep.equal([]);
  });

  it('shares no object between two realms', () => {
    const a = newRealm().I;
    const b = newRealm().I;
    for (const name of ['Date', 'DatePrototype', 'Map', 'MapPrototype', 'MapIteratorPrototype', 'Set', 'SetPrototype', 'SetIteratorPrototype', 'WeakMap', 'WeakSet']) {
      expect(a[name], name).not.to.equal(b[name]);
    }
    expect(a.Date.prototype.getTime).not.to.equal(b.Date.prototype.getTime);
    expect(a.MapIteratorPrototype.next).not.to.equal(b.MapIteratorPrototype.next);
  });
});
