// Shared helpers for the Date and keyed-collection tests: a fresh realm, running guest code in it,
// the reference behaviour of node:vm, and the host's intrinsics (for the isolation checks).
import { expect } from 'chai';
import nodeVm from 'node:vm';
import { createRealm, prepareScript, runScript } from '../../dist/esm/internal.js';

export function newRealm() {
  const realm = createRealm();
  return { realm, G: realm.globalObject, I: realm.intrinsics };
}

/** Runs `code` as a script in `realm`. */
export function run(realm, code) {
  return runScript(prepareScript(code, { filename: 'x.js', lineOffset: 0, columnOffset: 0 }), realm);
}

/** Runs `code` in a new node:vm context (the reference behaviour). */
export function runNode(code) {
  return nodeVm.runInNewContext(code);
}

/** Calls `fn` and returns what it threw (fails if it did not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return expect.fail('expected an exception');
}

/** Asserts `fn` throws an instance of the realm's `type` (not the host's), with `message` if given. */
export function expectRealmError(G, type, fn, message) {
  const e = thrown(fn);
  expect(e, `${e && e.message}`).to.be.instanceOf(G[type]);
  expect(e).not.to.be.instanceOf(globalThis[type]);
  if (message !== undefined) expect(e.message).to.equal(message);
  return e;
}

/** Own properties of `o` as comparable records: attributes, and name/length of function values and accessors. */
export function shape(o) {
  const out = {};
  for (const k of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, k);
    const r = { enumerable: d.enumerable, configurable: d.configurable };
    if ('value' in d) {
      r.writable = d.writable;
      if (typeof d.value === 'function') r.fn = [d.value.name, d.value.length];
      else if (typeof d.value !== 'object' || d.value === null) r.value = d.value;
    } else {
      r.get = d.get && [d.get.name, d.get.length];
      r.set = d.set && [d.set.name, d.set.length];
    }
    out[String(k)] = r;
  }
  return out;
}

// Every host intrinsic reachable from the host's global object one level down, its prototypes' members,
// and the host's iterator prototypes: none of them may be reachable from a new realm.
const hostIntrinsics = new Map();
function addHost(name, v) {
  if (((typeof v === 'object' && v !== null) || typeof v === 'function') && !hostIntrinsics.has(v)) hostIntrinsics.set(v, name);
}
function addMembers(name, o) {
  for (const k of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, k);
    for (const x of [d.value, d.get, d.set]) addHost(`${name}.${String(k)}`, x);
  }
}
for (const name of Object.getOwnPropertyNames(globalThis)) {
  const d = Object.getOwnPropertyDescriptor(globalThis, name);
  if (!('value' in d)) continue;
  const v = d.value;
  addHost(name, v);
  if (typeof v === 'function' || (typeof v === 'object' && v !== null)) {
    addMembers(name, v);
    const proto = v.prototype;
    if (proto && typeof proto === 'object') {
      addHost(`${name}.prototype`, proto);
      addMembers(`${name}.prototype`, proto);
    }
  }
}
for (const [name, it] of [['%MapIteratorPrototype%', new Map().entries()], ['%SetIteratorPrototype%', new Set().values()], ['%ArrayIteratorPrototype%', [].values()]]) {
  const p = Object.getPrototypeOf(it);
  addHost(name, p);
  addMembers(name, p);
  addHost('%IteratorPrototype%', Object.getPrototypeOf(p));
}
export { hostIntrinsics };

/** Every object reachable from `root` through own property values, getters, setters and [[Prototype]],
 * with a path for messages. */
export function reachable(root, rootName = 'root') {
  const seen = new Map([[root, rootName]]);
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

/** The host intrinsics reachable from `roots` (an object of name → value), as readable paths. */
export function leaks(roots) {
  const out = [];
  for (const [name, v] of Object.entries(roots)) {
    for (const [o, path] of reachable(v, name)) if (hostIntrinsics.has(o)) out.push(`${path} is the host's ${hostIntrinsics.get(o)}`);
  }
  return out;
}
