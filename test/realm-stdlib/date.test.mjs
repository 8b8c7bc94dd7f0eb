// The realm's Date (ECMA-262 §21.4, Annex B.2.3): instances, constructor forms, every prototype method,
// names/lengths/attributes, brand checks, and the spec's argument-conversion order.
import { expect } from 'chai';
import * as vm from '../../dist/esm/index.js';
import { expectRealmError, newRealm, run, runNode, shape } from './helpers.mjs';

describe('realm-stdlib: Date', () => {
  it('constructs realm Dates (not host Date.prototype) whose methods compute as the host does', () => {
    expect(vm.runInNewContext('new Date(0).toISOString()')).to.equal('1970-01-01T00:00:00.000Z');
    const { realm, G, I } = newRealm();
    const d = run(realm, 'new Date(86400000)');
    expect(Object.getPrototypeOf(d)).to.equal(I.DatePrototype);
    expect(d).to.be.instanceOf(G.Date);
    expect(d).not.to.be.instanceOf(Date);
    expect(run(realm, 'new Date(86400000) instanceof Date')).to.equal(true);
    // The instance still has [[DateValue]]: the host's own methods accept it.
    expect(Date.prototype.getTime.call(d)).to.equal(86400000);
  });

  it('gives what node:vm gives for the constructor forms and the statics', () => {
    const programs = [
      'new Date(2020, 1, 3, 4, 5, 6, 7).getTime()',
      'new Date(99, 0).getFullYear()',
      'new Date(2020, 0).getTime()',
      'new Date("2020-01-01").getTime()',
      'new Date("2020-01-01T10:20:30Z").getTime()',
      'new Date("Tue, 01 Jan 2019 00:00:00 GMT").getTime()',
      'new Date("nonsense").getTime()',
      'new Date(new Date(5)).getTime()',
      'new Date(8.64e15).getTime() + " " + new Date(8.64e15 + 1).getTime()',
      'Object.is(new Date(-0).getTime(), 0)',
      'new Date(true).getTime() + new Date(null).getTime()',
      'new Date({ valueOf() { return 7; } }).getTime()',
      'new Date({ [Symbol.toPrimitive](h) { return h === "default" ? "1970-01-01T00:00:00.010Z" : 1; } }).getTime()',
      'new Date(2020, 0, 1, 0, 0, 0, 0, "ignored").getTime()',
      'typeof Date() + " " + typeof Date(0) + " " + (Date(0) === Date())',
      'Date.UTC() + " " + Date.UTC(2000) + " " + Date.UTC(2000, 1, 2, 3, 4, 5, 6) + " " + Date.UTC(99)',
      'Date.parse("2000-01-01T00:00:00.000Z") + " " + Date.parse({ toString() { return "2001-01-01"; } })',
      'typeof Date.now() === "number" && Date.now() > 1.5e12',
      'class D extends Date { twice() { return this.getTime() * 2; } } var x = new D(21); [x instanceof D, x instanceof Date, x.twice()].join()',
      'Object.prototype.toString.call(new Date(0)) + Object.prototype.toString.call(Date.prototype)',
    ];
    for (const p of programs) expect(vm.runInNewContext(p), p).to.deep.equal(runNode(p));
  });

  it('gives what node:vm gives for every formatting, getter and setter', () => {
    const programs = [
      'var d = new Date(2021, 5, 15, 13, 45, 30, 123); [d.toString(), d.toDateString(), d.toTimeString(), d.toISOString(), d.toUTCString(), d.toGMTString(), d.toJSON()]',
      'var d = new Date(2021, 5, 15, 13, 45, 30, 123); [d.getDate(), d.getDay(), d.getFullYear(), d.getHours(), d.getMilliseconds(), d.getMinutes(), d.getMonth(), d.getSeconds(), d.getTime(), d.getTimezoneOffset(), d.getYear(), d.valueOf()]',
      'var d = new Date(Date.UTC(2021, 5, 15, 13, 45, 30, 123)); [d.getUTCDate(), d.getUTCDay(), d.getUTCFullYear(), d.getUTCHours(), d.getUTCMilliseconds(), d.getUTCMinutes(), d.getUTCMonth(), d.getUTCSeconds()]',
      'var d = new Date(2000, 0, 1); [d.setDate(15), d.setFullYear(2001, 2, 3), d.setHours(4, 5, 6, 7), d.setMilliseconds(8), d.setMinutes(9, 10, 11), d.setMonth(11, 12), d.setSeconds(13, 14), d.setTime(1e12), d.setYear(95), d.getFullYear()]',
      'var d = new Date(0); [d.setUTCDate(15), d.setUTCFullYear(2001, 2, 3), d.setUTCHours(4, 5, 6, 7), d.setUTCMilliseconds(8), d.setUTCMinutes(9, 10, 11), d.setUTCMonth(11, 12), d.setUTCSeconds(13, 14)]',
      'var d = new Date(0); [d.setHours(1, undefined), d.getTime(), d.setMinutes(), d.getTime()]',
      'var d = new Date(NaN); [d.setDate(1), d.setFullYear(2000), d.getTime()]',
      'var d = new Date(NaN); [d.setYear(2000), d.getTime(), new Date(NaN).setUTCFullYear(1999)]',
      'var d = new Date(NaN); [String(d), d.toDateString(), d.toTimeString(), d.toUTCString(), d.toJSON(), d.getDay()]',
      'new Date(0).toLocaleString("en-US", { timeZone: "UTC" }) + "|" + new Date(0).toLocaleDateString("en-GB", { timeZone: "UTC" }) + "|" + new Date(0).toLocaleTimeString("en-US", { timeZone: "UTC" })',
      'typeof new Date(0).toLocaleString() + typeof new Date(0).toLocaleDateString() + typeof new Date(0).toLocaleTimeString()',
      'var d = new Date(0); [d + 1, d - 1, `${d}`, d[Symbol.toPrimitive]("number"), d[Symbol.toPrimitive]("default"), d[Symbol.toPrimitive]("string")]',
      'JSON.stringify([new Date(0), new Date(NaN)]) + Date.prototype.toJSON.call({ valueOf() { return 1; }, toISOString() { return "iso"; } })',
      'Date.prototype.toJSON.call({ valueOf() { return Infinity; }, toISOString() { throw 1; } })',
      'Date.prototype[Symbol.toPrimitive].call({ toString() { return "s"; }, valueOf() { return 2; } }, "number")',
    ];
    for (const p of programs) expect(vm.runInNewContext(p), p).to.deep.equal(runNode(p));
  });

  it('has the names, lengths and attributes of node\'s Date, prototype members in V8\'s order', () => {
    const { G } = newRealm();
    expect(shape(G.Date)).to.deep.equal(shape(Date));
    expect(Reflect.ownKeys(G.Date.prototype)).to.deep.equal(Reflect.ownKeys(Date.prototype));
    const realmShape = shape(G.Date.prototype);
    const hostShape = shape(Date.prototype);
    delete realmShape.constructor.fn; delete hostShape.constructor.fn;
    expect(realmShape).to.deep.equal(hostShape);
    expect(G.Date.prototype.toGMTString).to.equal(G.Date.prototype.toUTCString);
    expect(G.Date.prototype.constructor).to.equal(G.Date);
    expect(Object.getPrototypeOf(G.Date)).to.equal(G.Function.prototype);
    expect(Object.getPrototypeOf(G.Date.prototype)).to.equal(G.Object.prototype);
  });

  it('makes builtins that are not constructors, except Date itself', () => {
    const { realm } = newRealm();
    const names = run(realm, `Reflect.ownKeys(Date.prototype).filter((k) => k !== 'constructor' && (() => {
      try { Reflect.construct(function () {}, [], Date.prototype[k]); return true; } catch { return false; } })()).map(String)`);
    expect([...names]).to.deep.equal([]);
    expect(run(realm, 'try { new Date.now(); "constructed" } catch (e) { e.constructor === TypeError }')).to.equal(true);
  });

  it('throws the realm\'s TypeError with V8\'s text on a receiver without [[DateValue]]', () => {
    const { G } = newRealm();
    const P = G.Date.prototype;
    expectRealmError(G, 'TypeError', () => P.getTime.call({}), 'this is not a Date object.');
    expectRealmError(G, 'TypeError', () => P.valueOf.call(Object.create(P)), 'this is not a Date object.');
    expectRealmError(G, 'TypeError', () => P.setHours.call({}, 1), 'Method Date.prototype.setHours called on incompatible receiver #<Object>');
    expectRealmError(G, 'TypeError', () => P.toString.call(1), 'Method Date.prototype.toString called on incompatible receiver 1');
    expectRealmError(G, 'TypeError', () => P.toISOString.call({}), 'Method Date.prototype.toISOString called on incompatible receiver #<Object>');
    expectRealmError(G, 'TypeError', () => P.toLocaleString.call('x'), 'Method Date.prototype.toLocaleString called on incompatible receiver x');
    expectRealmError(G, 'TypeError', () => P[Symbol.toPrimitive].call(1, 'number'), 'Method Date.prototype [ @@toPrimitive ] called on incompatible receiver 1');
    expectRealmError(G, 'TypeError', () => new G.Date(0)[Symbol.toPrimitive]('x'), 'Invalid hint: x');
    expectRealmError(G, 'TypeError', () => P.toJSON.call({}), 'toISOString is not a function');
    expectRealmError(G, 'TypeError', () => P.toJSON.call(null), 'Cannot convert undefined or null to object');
    expectRealmError(G, 'RangeError', () => new G.Date(NaN).toISOString(), 'Invalid time value');
    expectRealmError(G, 'TypeError', () => new G.Date(Symbol()), 'Cannot convert a Symbol value to a number');
    expectRealmError(G, 'TypeError', () => G.Date.UTC(1, Symbol()), 'Cannot convert a Symbol value to a number');
    // The receiver is checked before any argument is converted.
    let converted = false;
    thrownQuietly(() => P.setMinutes.call({}, { valueOf() { converted = true; return 1; } }));
    expect(converted).to.equal(false);
  });

  it('reads [[DateValue]] before converting the arguments of a setter (§21.4.4.20 ff.)', () => {
    const { realm } = newRealm();
    // node 20's V8 converts first; the spec (and test262) read the time value first.
    expect(run(realm, 'var d = new Date(0); d.setHours({ valueOf() { d.setTime(5e12); return 3; } }); d.getTime()')).to.equal(new Date(0).setHours(3));
    expect(run(realm, 'var d = new Date(NaN); [d.setUTCMinutes({ valueOf() { d.setTime(0); return 1; } }), d.getTime()].join()')).to.equal('NaN,0');
    expect(run(realm, 'var d = new Date(NaN); [d.setUTCFullYear({ valueOf() { d.setTime(5); return 1970; } }), d.getTime()].join()')).to.equal('0,0');
    expect(run(realm, 'var d = new Date(0); d.setTime({ valueOf() { d.setTime(9); return 4; } })')).to.equal(4);
    // Each present argument is converted once, in order, even when an earlier one is NaN.
    expect(run(realm, `var log = []; var v = (n) => ({ valueOf() { log.push(n); return n; } });
      new Date(NaN).setUTCHours(v(1), v(2), v(3), v(4)); new Date(0).setMonth(v(5)); log.join()`)).to.equal('1,2,3,4,5');
    // The constructor converts year..ms (at most 7 arguments) in order.
    expect(run(realm, `var log = []; var v = (n) => ({ valueOf() { log.push(n); return n; } });
      new Date(v(2000), v(1), v(2), v(3), v(4), v(5), v(6), v(7)); log.join()`)).to.equal('2000,1,2,3,4,5,6');
  });

  it('applies GetPrototypeFromConstructor through newTarget, falling back to the realm\'s Date.prototype', () => {
    const { realm, G, I } = newRealm();
    expect(run(realm, 'function F() {} F.prototype = 1; Object.getPrototypeOf(Reflect.construct(Date, [0], F)) === Date.prototype')).to.equal(true);
    const hostF = function () {};
    hostF.prototype = null;
    const o = Reflect.construct(G.Date, [0], hostF);
    expect(Object.getPrototypeOf(o)).to.equal(I.DatePrototype);
    const P = {};
    function withProto() {}
    withProto.prototype = P;
    expect(Object.getPrototypeOf(Reflect.construct(G.Date, [], withProto))).to.equal(P);
    // The prototype is read after the arguments are converted (§21.4.2.1 step 5). (The host engine also
    // reads it once on entry, allocating a `this` the builtin never uses: hence only the tail is checked.)
    expect(run(realm, `var log = []; var nt = function () {}.bind();
      Object.defineProperty(nt, 'prototype', { get() { log.push('prototype'); return Date.prototype; } });
      Reflect.construct(Date, [{ valueOf() { log.push('valueOf'); return 0; } }], nt); log.slice(-2).join()`)).to.equal('valueOf,prototype');
  });

  it('keeps Date errors and values inside the realm when called from guest code', () => {
    expect(vm.runInNewContext('try { Date.prototype.getTime.call({}) } catch (e) { e instanceof TypeError && e.message }')).to.equal('this is not a Date object.');
    expect(vm.runInNewContext('try { new Date(NaN).toISOString() } catch (e) { e instanceof RangeError }')).to.equal(true);
    expect(vm.runInNewContext('Object.getPrototypeOf(Date.prototype.toJSON) === Function.prototype')).to.equal(true);
  });
});

function thrownQuietly(fn) {
  try { fn(); } catch { /* expected */ }
}
