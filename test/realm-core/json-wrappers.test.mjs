// JSON.stringify unwraps Number, String, Boolean and BigInt objects (§25.5.2.2 step 4) by their
// internal slots, found without running guest code (src/realm/abstract-ops/primitive-wrapper.ts).
// Each case is compared with node:vm.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import vm from '../../dist/esm/index.js';

const cases = {
  'plain wrappers': 'JSON.stringify([new Number(1), new String("s"), new Boolean(false), Object(2), {}])',
  'a wrapper with another prototype': 'JSON.stringify([Object.setPrototypeOf(new Number(3), Object.prototype), Object.setPrototypeOf(new String("q"), null)])',
  'a wrapper with a Symbol.toStringTag': 'var n = new Number(4); n[Symbol.toStringTag] = "Nope"; var o = { [Symbol.toStringTag]: "Number" }; JSON.stringify([n, o])',
  'a toStringTag getter is never called': 'var calls = 0; var s = new String("x"); Object.defineProperty(s, Symbol.toStringTag, { get() { calls++; return "String" } }); [JSON.stringify(s), calls]',
  'a Proxy is not a wrapper, and its traps run as the spec says': 'var log = []; var p = new Proxy(new Number(5), { get(t, k) { log.push(String(k)); return Reflect.get(t, k) }, getPrototypeOf(t) { log.push("proto"); return Reflect.getPrototypeOf(t) }, ownKeys(t) { log.push("keys"); return Reflect.ownKeys(t) }, getOwnPropertyDescriptor(t, k) { log.push("gopd " + String(k)); return Reflect.getOwnPropertyDescriptor(t, k) } }); [JSON.stringify(p), log]',
  'valueOf of a Number wrapper is called (ToNumber)': 'var n = new Number(6); n.valueOf = function () { return 60 }; JSON.stringify(n)',
  'toString of a String wrapper is called (ToString)': 'var s = new String("a"); s.toString = function () { return "b" }; JSON.stringify({ s })',
  'BigInt wrappers throw': 'try { JSON.stringify(Object(1n)) } catch (e) { e.constructor.name + ": " + e.message }',
  'wrappers in the replacer array and space': 'JSON.stringify({ a: 1, b: 2, 1: 3 }, [new String("a"), new Number(1)], new Number(2))',
  'a String wrapper as space': 'JSON.stringify([1], null, new String("--"))',
  'an object inheriting from a wrapper is not one': 'JSON.stringify(Object.create(new Number(7)))',
};

function run(runInNewContext, src) {
  try { return runInNewContext(src); } catch (e) { return `threw ${e.constructor.name}: ${e.message}`; }
}

describe('JSON.stringify and primitive wrappers', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      expect(run(vm.runInNewContext, src)).to.deep.equal(run(nodeVm.runInNewContext, src));
    });
  }
});
