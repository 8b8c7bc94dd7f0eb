// Shared by the realm-core tests.
import { expect } from 'chai';

/** Runs `fn`, expecting it to throw an instance of `Ctor` (a realm's constructor) whose message
 * equals `message` (a string) or matches it (a RegExp). Returns the error. */
export function expectThrow(fn, Ctor, message) {
  let thrown;
  let threw = false;
  try { fn(); } catch (e) { thrown = e; threw = true; }
  expect(threw, 'expected a throw').to.equal(true);
  expect(thrown instanceof Ctor, `expected an instance of the realm's ${Ctor.name}, got ${Object.prototype.toString.call(thrown)}: ${thrown && thrown.message}`).to.equal(true);
  if (typeof message === 'string') expect(thrown.message).to.equal(message);
  else if (message instanceof RegExp) expect(thrown.message).to.match(message);
  return thrown;
}
