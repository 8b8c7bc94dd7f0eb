// A parenthesised optional chain used as a callee is still a Reference (§13.2.1.1): `(a?.b)()` calls
// with this = a, and a chain that short-circuits is the value undefined. Each case is run in node:vm
// and in vmjs and the results compared; errors compare by constructor name and message.
import { expect } from 'chai';
import { sideBySide } from '../helpers/side-by-side.mjs';

const cases = {
  'member, computed member, optional call': 'var a = { b() { return this === a } }; [(a?.b)(), (a?.["b"])(), (a?.b)?.()]',
  'tagged template': 'var a = { b() { return this === a } }; (a?.b)`x`',
  'nested parentheses': 'var a = { b() { return this === a } }; ((a?.b))()',
  'longer chains keep the last base': 'var a = { b: { c() { return this === a.b } } }; [(a?.b.c)(), (a?.b?.c)(), (a.b?.c)(), (a?.["b"].c)()]',
  'a primitive base': 'var s = "abc"; [(s?.at)(0), (s?.["at"])(-1)]',
  'the getter runs once': 'var n = 0; var a = { get b() { n++; return function () { return this === a } } }; [(a?.b)(), n]',
  'optional call on a non-null chain, and a short-circuited one': 'var a = { b() { return this } }; var n = null; [(a?.b)?.() === a, (n?.b)?.()]',
  'short-circuit: the callee is undefined': 'var a = null; try { (a?.b)() } catch (e) { e }',
  'short-circuit: computed key': 'var a = null; try { (a?.["b"])() } catch (e) { e }',
  'short-circuit: tagged template': 'var a; try { (a?.b)`x` } catch (e) { e }',
  'not a function: V8 names the callee (intermediate value)': 'var a = { b: 1 }; try { (a?.b)() } catch (e) { e }',
  'not a constructor: (intermediate value)': 'var a = {}; try { new (a?.b)() } catch (e) { e }',
  'private methods': 'class C { #p() { return this } static t(o) { return [(o?.#p)() === o, (o?.#p)?.() === o] } } C.t(new C)',
  'private methods, short-circuited': 'class C { #p() {} static t(o) { try { return (o?.#p)() } catch (e) { return e } } } C.t(null)',
  'in a generator, around a yield': 'function* g() { var a = { b() { return this === a } }; yield (a?.b)(); yield (a?.[yield "k"])(); } var it = g(); [it.next().value, it.next().value, it.next("b").value]',
  'in a generator, short-circuited': 'function* g() { var a = null; yield 1; try { (a?.b)() } catch (e) { yield e } } [...g()]',
  'a tagged template names a call callee as V8 does': 'var f = () => 1; try { f(2)`x` } catch (e) { e }',
};

describe('parenthesised optional chains as callees', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      const { vmjs, node } = sideBySide(src);
      expect(vmjs).to.deep.equal(node);
    });
  }
});
