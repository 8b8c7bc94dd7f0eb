// Shared helpers for the data-builtin tests: a fresh realm, its intrinsics, and checks that a value
// belongs to the realm (not the host).
import { expect } from 'chai';
import nodeVm from 'node:vm';
import { createRealm, prepareScript, runScript } from '../../dist/esm/internal.js';

export function newRealm() {
  const realm = createRealm();
  const G = realm.globalObject;
  return { realm, G, I: realm.intrinsics };
}

/** Calls `fn` and returns what it threw (fails if it did not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  expect.fail('expected an exception');
}

/** Asserts `fn` throws an instance of the realm's `type` (and not the host's) with `message` if given. */
export function expectRealmError(G, type, fn, message) {
  const e = thrown(fn);
  expect(e, `${e && e.message}`).to.be.instanceOf(G[type]);
  expect(e).not.to.be.instanceOf(globalThis[type]);
  if (message !== undefined) expect(e.message).to.equal(message);
  return e;
}

/** The own property descriptor of `o[key]`, with functions' name/length folded in. */
export function describeMethod(o, key) {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return { writable: d.writable, enumerable: d.enumerable, configurable: d.configurable, name: d.value.name, length: d.value.length };
}

/** Runs `code` as a script in `realm`. */
export function run(realm, code) {
  return runScript(prepareScript(code, { filename: 'x.js', lineOffset: 0, columnOffset: 0 }), realm);
}

/** Runs `code` in a new node:vm context (the reference behaviour). */
export function runNode(code) {
  return nodeVm.runInNewContext(code);
}
