// %Number% and %Number.prototype% (ECMA-262 §20.1), and the global parseFloat/parseInt (§19.2.4-5),
// which are the same function objects as Number.parseFloat/Number.parseInt.
import type { Realm } from '../realm.js';
import { constant, createBuiltinConstructor, createBuiltinFunction, defineTable, m, wrap } from '../builtin.js';
import { toRealmError } from '../host-errors.js';
import {
  GetPrototypeFromConstructor, IsIntegralNumber, MAX_SAFE_INTEGER, ToInt32, ToIntegerOrInfinity, ToNumeric, ToString,
  setFunctionRealm,
} from '../abstract-ops.js';
import {
  GlobalParseFloat, GlobalParseInt, HostNumber, NumberIsFinite, NumberPrototypeToExponential, NumberPrototypeToFixed,
  NumberPrototypeToLocaleString, NumberPrototypeToPrecision, NumberPrototypeToString, NumberPrototypeValueOf,
  ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectSetPrototypeOf, ReflectApply,
} from '../primordials.js';

/** thisNumberValue (§21.1.3.7.1): a number, or a Number wrapper's [[NumberData]]. */
function thisNumberValue(realm: Realm, v: unknown, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null) {
    // The host's valueOf reads [[NumberData]] without running guest code, and throws without it.
    try { return ReflectApply(NumberPrototypeValueOf, v, []) as number; } catch { /* not a Number wrapper */ }
  }
  return realm.throwTypeError(`Number.prototype.${name} requires that 'this' be a Number`);
}

function toStringImpl(realm: Realm, t: unknown, args: unknown[]): unknown {
  const x = thisNumberValue(realm, t, 'toString');
  const radix = args[0];
  const r = radix === undefined ? 10 : ToIntegerOrInfinity(realm, radix);
  if (r < 2 || r > 36) realm.throwRangeError('toString() radix argument must be between 2 and 36');
  return ReflectApply(NumberPrototypeToString, x, [r]);
}

function toFixed(realm: Realm, t: unknown, args: unknown[]): unknown {
  const x = thisNumberValue(realm, t, 'toFixed');
  const f = ToIntegerOrInfinity(realm, args[0]);
  if (f < 0 || f > 100) realm.throwRangeError('toFixed() digits argument must be between 0 and 100');
  return ReflectApply(NumberPrototypeToFixed, x, [f]);
}

function toExponential(realm: Realm, t: unknown, args: unknown[]): unknown {
  const x = thisNumberValue(realm, t, 'toExponential');
  const fractionDigits = args[0];
  const f = ToIntegerOrInfinity(realm, fractionDigits);
  if (!NumberIsFinite(x)) return ToString(realm, x);
  if (f < 0 || f > 100) realm.throwRangeError('toExponential() argument must be between 0 and 100');
  return ReflectApply(NumberPrototypeToExponential, x, [fractionDigits === undefined ? undefined : f]);
}

function toPrecision(realm: Realm, t: unknown, args: unknown[]): unknown {
  const x = thisNumberValue(realm, t, 'toPrecision');
  const precision = args[0];
  if (precision === undefined) return ToString(realm, x);
  const p = ToIntegerOrInfinity(realm, precision);
  if (!NumberIsFinite(x)) return ToString(realm, x);
  if (p < 1 || p > 100) realm.throwRangeError('toPrecision() argument must be between 1 and 100');
  return ReflectApply(NumberPrototypeToPrecision, x, [p]);
}

/** %parseFloat% and %parseInt% of `realm`: the ones already made if any (global object or
 * intrinsics), else new ones, recorded as intrinsics for installGlobalProperties to put on the global. */
function globalParsers(realm: Realm): [Function, Function] {
  const existing = (name: string): Function | undefined => {
    const v = ObjectGetOwnPropertyDescriptor(realm.globalObject, name)?.value ?? realm.intrinsics[name];
    return typeof v === 'function' ? v : undefined;
  };
  // §19.2.4 parseFloat ( string ): the prefix rule of StrDecimalLiteral is the host's parseFloat.
  const pf = existing('parseFloat') ?? wrap(realm, (r, _t, a) => GlobalParseFloat(ToString(r, a[0])));
  // §19.2.5 parseInt ( string, radix )
  const pi = existing('parseInt') ?? wrap(realm, (r, _t, a) => {
    const inputString = ToString(r, a[0]);
    return GlobalParseInt(inputString, ToInt32(r, a[1]));
  });
  if (realm.intrinsics.parseFloat !== pf) createBuiltinFunction(realm, pf as () => unknown, 'parseFloat', 1);
  if (realm.intrinsics.parseInt !== pi) createBuiltinFunction(realm, pi as () => unknown, 'parseInt', 2);
  realm.intrinsics.parseFloat = pf;
  realm.intrinsics.parseInt = pi;
  return [pf, pi];
}

/** Creates %Number% and %Number.prototype% for `realm`; defines `Number` on its global object. */
export function installNumber(realm: Realm): void {
  // %Number.prototype% is itself a Number object whose [[NumberData]] is +0 (§21.1.3).
  const proto = new HostNumber(0) as object;
  ObjectSetPrototypeOf(proto, realm.intrinsics.ObjectPrototype);

  const NumberCtor = function Number(this: unknown, ...args: unknown[]): unknown {
    try {
      let n = 0;
      if (args.length > 0) {
        const prim = ToNumeric(realm, args[0]);
        n = typeof prim === 'bigint' ? HostNumber(prim) : prim;
      }
      if (new.target === undefined) return n;
      const p = GetPrototypeFromConstructor(realm, new.target, 'NumberPrototype');
      const o = new HostNumber(n) as object;
      ObjectSetPrototypeOf(o, p);
      return o;
    } catch (e) {
      throw toRealmError(realm, e);
    }
  };
  createBuiltinConstructor(realm, NumberCtor, 'Number', 1, proto);
  setFunctionRealm(NumberCtor, realm);
  realm.intrinsics.Number = NumberCtor;
  realm.intrinsics.NumberPrototype = proto;

  const [pf, pi] = globalParsers(realm);
  defineTable(realm, NumberCtor, [
    constant('EPSILON', Number.EPSILON),
    constant('MAX_SAFE_INTEGER', MAX_SAFE_INTEGER),
    constant('MAX_VALUE', Number.MAX_VALUE),
    constant('MIN_SAFE_INTEGER', -MAX_SAFE_INTEGER),
    constant('MIN_VALUE', Number.MIN_VALUE),
    constant('NaN', NaN),
    constant('NEGATIVE_INFINITY', -Infinity),
    constant('POSITIVE_INFINITY', Infinity),
    m(realm, 'isFinite', 1, (_r, _t, a) => typeof a[0] === 'number' && NumberIsFinite(a[0])),
    m(realm, 'isInteger', 1, (_r, _t, a) => IsIntegralNumber(a[0])),
    m(realm, 'isNaN', 1, (_r, _t, a) => typeof a[0] === 'number' && a[0] !== a[0]),
    m(realm, 'isSafeInteger', 1, (_r, _t, a) => IsIntegralNumber(a[0]) && (a[0] as number) <= MAX_SAFE_INTEGER && (a[0] as number) >= -MAX_SAFE_INTEGER),
  ]);
  ObjectDefineProperty(NumberCtor, 'parseFloat', { value: pf, writable: true, enumerable: false, configurable: true });
  ObjectDefineProperty(NumberCtor, 'parseInt', { value: pi, writable: true, enumerable: false, configurable: true });

  defineTable(realm, proto, [
    m(realm, 'toExponential', 1, toExponential),
    m(realm, 'toFixed', 1, toFixed),
    m(realm, 'toLocaleString', 0, (r, t, a) => ReflectApply(NumberPrototypeToLocaleString, thisNumberValue(r, t, 'toLocaleString'), a)),
    m(realm, 'toPrecision', 1, toPrecision),
    m(realm, 'toString', 1, toStringImpl),
    m(realm, 'valueOf', 0, (r, t) => thisNumberValue(r, t, 'valueOf')),
  ]);

  ObjectDefineProperty(realm.globalObject, 'Number', { value: NumberCtor, writable: true, enumerable: false, configurable: true });
}

