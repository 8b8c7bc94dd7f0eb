// %Symbol% and %Symbol.prototype% (ECMA-262 §20.4). Symbols are host primitives: the well-known
// symbols and the Symbol.for registry are the agent's, shared with the host (BRIEF decision 2).
import type { Realm } from '../realm.js';
import { accessor, constant, createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import { ToString, describeValue } from '../abstract-ops.js';
import { HostSymbol, ReflectApply, SymbolAsyncDispose, SymbolDispose, SymbolFor, SymbolKeyFor, SymbolPrototypeValueOf } from '../primordials.js';

const wellKnown = [
  'asyncIterator', 'hasInstance', 'isConcatSpreadable', 'iterator', 'match', 'matchAll', 'replace', 'search',
  'species', 'split', 'toPrimitive', 'toStringTag', 'unscopables',
] as const;

/** SymbolDescriptiveString (§20.4.3.3.1). */
export function SymbolDescriptiveString(sym: symbol): string {
  const d = sym.description;
  return `Symbol(${d === undefined ? '' : d})`;
}

/** ThisSymbolValue (§20.4.3.4.1); the host's valueOf is a side-effect-free [[SymbolData]] check. */
function thisSymbolValue(realm: Realm, v: unknown, methodName: string): symbol {
  if (typeof v === 'symbol') return v;
  if (typeof v === 'object' && v !== null) {
    try {
      return ReflectApply(SymbolPrototypeValueOf, v, []) as symbol;
    } catch {
      // not a Symbol wrapper: fall through to the realm's TypeError
    }
  }
  return realm.throwTypeError(`${methodName} requires that 'this' be a Symbol`);
}

export function installSymbol(realm: Realm): void {
  const I = realm.intrinsics;
  const SymbolPrototype = Object.create(I.ObjectPrototype) as object;
  I.SymbolPrototype = SymbolPrototype;

  // §20.4.1.1 Symbol ( [ description ] )
  const SymbolCtor = createBuiltinConstructor(realm, function Symbol(this: unknown, description: unknown): symbol {
    if (new.target !== undefined) realm.throwTypeError('Symbol is not a constructor');
    const descString = description === undefined ? undefined : ToString(realm, description);
    return HostSymbol(descString);
  }, 'Symbol', 0, SymbolPrototype);
  I.Symbol = SymbolCtor;

  const statics = {
    for(key: unknown): symbol {
      return SymbolFor(ToString(realm, key));
    },
    keyFor(sym: unknown): string | undefined {
      if (typeof sym !== 'symbol') realm.throwTypeError(`${describeValue(sym)} is not a symbol`);
      return SymbolKeyFor(sym);
    },
  };
  defineTable(realm, SymbolCtor, [
    ...wellKnown.map((name) => constant(name, HostSymbol[name])),
    constant('asyncDispose', SymbolAsyncDispose),
    constant('dispose', SymbolDispose),
    method('for', 1, statics.for),
    method('keyFor', 1, statics.keyFor),
  ]);

  const proto = {
    description(this: unknown): string | undefined {
      return thisSymbolValue(realm, this, 'Symbol.prototype.description').description;
    },
    toString(this: unknown): string {
      return SymbolDescriptiveString(thisSymbolValue(realm, this, 'Symbol.prototype.toString'));
    },
    valueOf(this: unknown): symbol {
      return thisSymbolValue(realm, this, 'Symbol.prototype.valueOf');
    },
    [HostSymbol.toPrimitive](this: unknown, hint: unknown): symbol {
      void hint;
      return thisSymbolValue(realm, this, 'Symbol.prototype [ @@toPrimitive ]');
    },
  };
  defineTable(realm, SymbolPrototype, [
    method('toString', 0, proto.toString),
    method('valueOf', 0, proto.valueOf),
    accessor('description', proto.description),
    value(HostSymbol.toStringTag, 'Symbol', { writable: false }),
  ]);
  defineTable(realm, SymbolPrototype, [method(HostSymbol.toPrimitive, 1, proto[HostSymbol.toPrimitive])]);
  Object.defineProperty(SymbolPrototype, HostSymbol.toPrimitive, { writable: false });
}
