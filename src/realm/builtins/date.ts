// %Date% and %Date.prototype% (ECMA-262 §21.4), with Annex B's getYear, setYear and toGMTString.
// A realm's Date is a host Date whose [[Prototype]] is the realm's: the host keeps [[DateValue]] and
// does the calendar arithmetic, time zones and formats. What runs guest code (the conversions of
// arguments: ToPrimitive, ToNumber, ToString) is done here, in the spec's order, with the realm's
// operations; the host then gets only primitives.
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, createBuiltinFunction, defineTable, functionNameFor, method, value, type BuiltinEntry } from '../builtin.js';
import {
  GetPrototypeFromConstructor, GetV, OrdinaryToPrimitive, ToNumber, ToObject, ToPrimitive, ToString, describeValue, isObject,
} from '../abstract-ops.js';
import { toRealmBrandError } from '../brand-error.js';
import {
  DateNow, DateParse, DatePrototype, DatePrototypeGetTime, DatePrototypeSetTime, DateUTC, HostDate, MathMin,
  NumberIsFinite, ObjectIs, ObjectSetPrototypeOf, ReflectApply, ReflectConstruct,
} from '../primordials.js';

const DP = DatePrototype as unknown as Record<string, (this: unknown, ...args: unknown[]) => unknown>;

/** How a setter treats a NaN [[DateValue]]: most return NaN and leave it (§21.4.4.20 step 6 &c.);
 * the full-year setters start from +0 (§21.4.4.21, B.2.3.2); setTime does not read it. */
type NaNRule = 'stays' | 'zero' | 'unread';

/** %Date.prototype%'s methods in V8's property order:
 * - 'read': computed from [[DateValue]] alone; the host's method makes the brand check (with V8's text)
 *   and the computation;
 * - [length, NaNRule]: a setter, converting that many arguments (its `length`, §21.4.4.20-28, B.2.3.2);
 * - 'locale': the locale-sensitive formatters (ECMA-402 when the host has Intl), arguments passed as given;
 * - 'own': written here (toJSON, toGMTString, @@toPrimitive). */
const METHODS: ReadonlyArray<readonly [string, 'read' | 'locale' | 'own' | readonly [number, NaNRule]]> = [
  ['toString', 'read'], ['toDateString', 'read'], ['toTimeString', 'read'], ['toISOString', 'read'], ['toUTCString', 'read'],
  ['toGMTString', 'own'],
  ['getDate', 'read'], ['setDate', [1, 'stays']], ['getDay', 'read'], ['getFullYear', 'read'], ['setFullYear', [3, 'zero']],
  ['getHours', 'read'], ['setHours', [4, 'stays']], ['getMilliseconds', 'read'], ['setMilliseconds', [1, 'stays']],
  ['getMinutes', 'read'], ['setMinutes', [3, 'stays']], ['getMonth', 'read'], ['setMonth', [2, 'stays']],
  ['getSeconds', 'read'], ['setSeconds', [2, 'stays']], ['getTime', 'read'], ['setTime', [1, 'unread']],
  ['getTimezoneOffset', 'read'], ['getUTCDate', 'read'], ['setUTCDate', [1, 'stays']], ['getUTCDay', 'read'],
  ['getUTCFullYear', 'read'], ['setUTCFullYear', [3, 'zero']], ['getUTCHours', 'read'], ['setUTCHours', [4, 'stays']],
  ['getUTCMilliseconds', 'read'], ['setUTCMilliseconds', [1, 'stays']], ['getUTCMinutes', 'read'], ['setUTCMinutes', [3, 'stays']],
  ['getUTCMonth', 'read'], ['setUTCMonth', [2, 'stays']], ['getUTCSeconds', 'read'], ['setUTCSeconds', [2, 'stays']],
  ['valueOf', 'read'], ['getYear', 'read'], ['setYear', [1, 'zero']], ['toJSON', 'own'],
  ['toLocaleString', 'locale'], ['toLocaleDateString', 'locale'], ['toLocaleTimeString', 'locale'],
];

/** Does `v` have a [[DateValue]] slot? The host's getTime reads it without running guest code. */
function isDate(v: unknown): boolean {
  if (!isObject(v)) return false;
  try {
    ReflectApply(DatePrototypeGetTime, v, []);
    return true;
  } catch {
    return false;
  }
}

/** thisTimeValue (§21.4.4): [[DateValue]] of `v`, or the realm's TypeError with V8's text for `hostMethod`
 * (which the host produces when called on a non-Date; it runs no guest code before its brand check). */
function thisTimeValue(realm: Realm, v: unknown, hostMethod: (this: unknown, ...args: unknown[]) => unknown): number {
  try {
    return ReflectApply(DatePrototypeGetTime, v, []) as number;
  } catch {
    try {
      ReflectApply(hostMethod, v, []);
    } catch (e) {
      throw toRealmBrandError(realm, e, v);
    }
    return realm.throwTypeError('this is not a Date object.');
  }
}

export function installDate(realm: Realm): void {
  const I = realm.intrinsics;
  // %Date.prototype% is an ordinary object, not a Date (§21.4.4).
  const DatePrototype = Object.create(I.ObjectPrototype) as object;
  I.DatePrototype = DatePrototype;

  // §21.4.2.1 Date ( ...values )
  const DateCtor = createBuiltinConstructor(realm, function Date(this: unknown, ...values: unknown[]): unknown {
    const nt = new.target;
    // Called as a function: ToDateString of the current time; the arguments are ignored.
    if (nt === undefined) return HostDate();
    const n = values.length;
    let args: number[];
    if (n === 0) {
      args = [DateNow()];
    } else if (n === 1) {
      const v = values[0];
      let tv: number;
      if (isDate(v)) {
        tv = ReflectApply(DatePrototypeGetTime, v, []) as number;
      } else {
        const prim = ToPrimitive(realm, v);
        tv = typeof prim === 'string' ? DateParse(prim) : ToNumber(realm, prim);
      }
      args = [tv];
    } else {
      // year, month[, date, hours, minutes, seconds, ms]: converted in order; the host does MakeDay,
      // MakeTime, the two-digit-year rule, UTC(…) and TimeClip on the numbers.
      args = [];
      const count = MathMin(n, 7);
      for (let i = 0; i < count; i++) args[i] = ToNumber(realm, values[i]);
    }
    const proto = GetPrototypeFromConstructor(realm, nt, 'DatePrototype');
    // Constructed with the host's own Date as newTarget (so the host never picks its own
    // %Date.prototype% for an odd newTarget), then given the prototype the spec chose.
    const O = ReflectConstruct(HostDate, args) as object;
    ObjectSetPrototypeOf(O, proto);
    return O;
  }, 'Date', 7, DatePrototype);
  I.Date = DateCtor;

  const statics = {
    // §21.4.3.1 Date.now ( )
    now(): number {
      return DateNow();
    },
    // §21.4.3.2 Date.parse ( string )
    parse(string: unknown): number {
      return DateParse(ToString(realm, string));
    },
    // §21.4.3.4 Date.UTC ( year [ , month [ , date [ , hours [ , minutes [ , seconds [ , ms ] ] ] ] ] ] )
    UTC(...args: unknown[]): number {
      const count = MathMin(args.length, 7);
      const nums: number[] = [];
      for (let i = 0; i < count; i++) nums[i] = ToNumber(realm, args[i]);
      return ReflectApply(DateUTC, undefined, nums) as number;
    },
  };
  defineTable(realm, DateCtor, [
    method('now', 0, statics.now),
    method('parse', 1, statics.parse),
    method('UTC', 7, statics.UTC),
  ]);

  const proto = {
    // §21.4.4.37 Date.prototype.toJSON ( key ): generic, works on any object with toISOString.
    toJSON(this: unknown, _key: unknown): unknown {
      const O = ToObject(realm, this);
      const tv = ToPrimitive(realm, O, 'number');
      if (typeof tv === 'number' && !NumberIsFinite(tv)) return null;
      const toISO = GetV(realm, O, 'toISOString');
      if (typeof toISO !== 'function') realm.throwTypeError('toISOString is not a function');
      return ReflectApply(toISO, O, []);
    },
    // §21.4.4.45 Date.prototype [ @@toPrimitive ] ( hint )
    toPrimitive(this: unknown, hint: unknown): unknown {
      const O = this;
      if (!isObject(O)) realm.throwTypeError(`Method Date.prototype [ @@toPrimitive ] called on incompatible receiver ${describeValue(O)}`);
      let tryFirst: 'string' | 'number';
      if (hint === 'string' || hint === 'default') tryFirst = 'string';
      else if (hint === 'number') tryFirst = 'number';
      else return realm.throwTypeError(`Invalid hint: ${describeValue(hint)}`);
      return OrdinaryToPrimitive(realm, O, tryFirst);
    },
  };
  const table: BuiltinEntry[] = [];
  let toUTCString: Function | undefined;
  for (const [name, kind] of METHODS) {
    if (kind === 'read') {
      const f = reader(realm, DP[name]!);
      if (name === 'toUTCString') toUTCString = f;
      table.push(method(name, 0, f));
    } else if (kind === 'locale') {
      table.push(method(name, 0, localeFormatter(realm, DP[name]!)));
    } else if (kind !== 'own') {
      table.push(method(name, kind[0], setter(realm, DP[name]!, kind[0], kind[1])));
    } else if (name === 'toJSON') {
      table.push(method(name, 1, proto.toJSON));
    } else {
      // B.2.3.3 Date.prototype.toGMTString is the same function object as toUTCString (listed before it).
      table.push(value(name, toUTCString));
    }
  }
  // @@toPrimitive is non-writable (§21.4.4.45), so not a method entry.
  table.push(value(Symbol.toPrimitive, createBuiltinFunction(realm, proto.toPrimitive, functionNameFor(Symbol.toPrimitive), 1), { writable: false }));
  defineTable(realm, DatePrototype, table);
}

/** A builtin for a method the host computes from [[DateValue]] alone. */
function reader(realm: Realm, hostFn: (this: unknown) => unknown): (this: unknown) => unknown {
  return {
    builtin(this: unknown): unknown {
      try {
        return ReflectApply(hostFn, this, []);
      } catch (e) {
        throw toRealmBrandError(realm, e, this);
      }
    },
  }.builtin;
}

/** A builtin for a setter (§21.4.4.20-28, B.2.3.2): thisTimeValue first, then ToNumber of each argument
 * present (up to `arity`), in order; the host computes the new value from the time value read first. */
function setter(realm: Realm, hostFn: (this: unknown, ...args: unknown[]) => unknown, arity: number, nanRule: NaNRule): (this: unknown, ...args: unknown[]) => unknown {
  return {
    builtin(this: unknown, ...args: unknown[]): unknown {
      const t = thisTimeValue(realm, this, hostFn);
      const count = MathMin(args.length, arity);
      const nums: number[] = [];
      for (let i = 0; i < count; i++) nums[i] = ToNumber(realm, args[i]);
      if (nanRule !== 'unread') {
        // The spec returns NaN here without writing [[DateValue]], whatever a guest valueOf put there.
        if (t !== t && nanRule === 'stays') return NaN;
        // A guest valueOf may have set this date meanwhile; the spec computes from t, read before.
        if (!ObjectIs(ReflectApply(DatePrototypeGetTime, this, []), t)) ReflectApply(DatePrototypeSetTime, this, [t]);
      }
      return ReflectApply(hostFn, this, nums);
    },
  }.builtin;
}

/** A builtin for toLocale*String: the host checks the receiver first, then formats (its Intl reads
 * `locales` and `options`; guest errors from their getters pass through toRealmError unchanged). */
function localeFormatter(realm: Realm, hostFn: (this: unknown, ...args: unknown[]) => unknown): (this: unknown, ...args: unknown[]) => unknown {
  return {
    builtin(this: unknown, ...args: unknown[]): unknown {
      try {
        return ReflectApply(hostFn, this, args);
      } catch (e) {
        throw toRealmBrandError(realm, e, this);
      }
    },
  }.builtin;
}
