// %TypedArray% and %TypedArray.prototype% (ECMA-262 §23.2.1–§23.2.3). A realm's typed arrays are host
// typed arrays whose [[Prototype]] is the realm's %XArray.prototype%: element access is the host's
// integer-indexed exotic behaviour, at host speed. Most methods are the host's, applied to the
// receiver: the host brand-checks by internal slot, runs guest callbacks, valueOf and species
// constructors in the spec's order, and the realm's constructors (reached through `constructor` and
// @@species) make the realm's arrays; what the host makes by itself (TypedArrayCreateSameType, the
// species default) is adopted into the realm (adoptTypedArray). Written here: the iterators (the
// realm's %ArrayIteratorPrototype%) and toLocaleString (which must call the realm's toLocaleString).
import type { Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, defineTable, method, value, type BuiltinEntry } from '../builtin.js';
import { Invoke, ToString, ValidateTypedArray, adoptTypedArray, typedArrayName } from '../abstract-ops.js';
import { agent } from '../agent.js';
import { toRealmError } from '../host-errors.js';
import { createArrayIterator, type ArrayIterationKind } from './array-iterator.js';
import { hostFunction, hostGetter, hostMethod } from './host-delegation.js';
import {
  HostTypedArrayDescriptors, HostTypedArrayPrototypeDescriptors as D, ObjectGetOwnPropertyDescriptor, SymbolIterator,
} from '../primordials.js';

const tick = (n: number): void => { if ((n & 1023) === 0 && --agent.steps <= 0) agent.tick(); };

/** Methods delegated to the host as they are, with their spec lengths. */
const HOST_METHODS: ReadonlyArray<readonly [string, number]> = [
  ['at', 1], ['copyWithin', 2], ['every', 1], ['fill', 1], ['find', 1], ['findIndex', 1], ['findLast', 1],
  ['findLastIndex', 1], ['forEach', 1], ['includes', 1], ['indexOf', 1], ['join', 1], ['lastIndexOf', 1], ['reduce', 1],
  ['reduceRight', 1], ['reverse', 0], ['set', 1], ['some', 1], ['sort', 1],
];
/** Methods that return a new typed array, which the host may have made with its own intrinsics. */
const HOST_CREATING_METHODS: ReadonlyArray<readonly [string, number]> = [
  ['filter', 1], ['map', 1], ['slice', 2], ['subarray', 2], ['toReversed', 0], ['toSorted', 1], ['with', 2],
];

export function installTypedArray(realm: Realm): void {
  const I = realm.intrinsics;
  const TypedArrayPrototype = Object.create(I.ObjectPrototype) as object;
  I.TypedArrayPrototype = TypedArrayPrototype;

  // §23.2.1.1 %TypedArray% ( ): abstract; the concrete constructors inherit from it.
  const TypedArrayCtor = createBuiltinConstructor(realm, function TypedArray(this: unknown): never {
    return realm.throwTypeError('Abstract class TypedArray not directly constructable');
  }, 'TypedArray', 0, TypedArrayPrototype);
  I.TypedArray = TypedArrayCtor;

  // §23.2.2.1 %TypedArray%.from and §23.2.2.2 %TypedArray%.of: the host's, with `this` the realm's
  // constructor (TypedArrayCreateFromConstructor constructs through it).
  defineTable(realm, TypedArrayCtor, [
    method('from', 1, hostMethod(realm, hostFunction(HostTypedArrayDescriptors, 'from'))),
    method('of', 0, hostMethod(realm, hostFunction(HostTypedArrayDescriptors, 'of'))),
    // §23.2.2.4 get %TypedArray% [ @@species ]
    accessor(Symbol.species, { species(this: unknown): unknown { return this; } }.species),
  ]);

  const iteration = (kind: ArrayIterationKind, name: string) => ({
    [name](this: unknown): object {
      ValidateTypedArray(realm, this, `%TypedArray%.prototype.${name}`);
      return createArrayIterator(realm, this as object, kind);
    },
  })[name]!;
  const values = iteration('value', 'values');
  const invokeArgs = (args: unknown[]): unknown[] => (I.Intl === undefined ? [] : [args[0], args[1]]);
  const own = {
    // §23.2.3.32 %TypedArray%.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ): Array's
    // algorithm (§23.1.3.32) on the validated length; elements' toLocaleString is the realm's.
    toLocaleString(this: unknown, ...args: unknown[]): string {
      try {
        const O = this as Record<number, unknown>;
        const len = ValidateTypedArray(realm, O, '%TypedArray%.prototype.toLocaleString');
        let R = '';
        for (let k = 0; k < len; k++) {
          tick(k);
          if (k > 0) R += ',';
          const next = O[k];
          if (next !== undefined && next !== null) R += ToString(realm, Invoke(realm, next, 'toLocaleString', invokeArgs(args)));
        }
        return R;
      } catch (e) {
        throw toRealmError(realm, e);
      }
    },
    // §23.2.3.38 get %TypedArray%.prototype [ @@toStringTag ]: undefined for anything else, never throws.
    toStringTag(this: unknown): string | undefined {
      return typedArrayName(this);
    },
  };
  const adopt = (r: unknown): unknown => adoptTypedArray(realm, r as object);
  const table: BuiltinEntry[] = [
    // §23.2.3.2–3.5, .21 get buffer, byteLength, byteOffset, length
    accessor('buffer', hostGetter(realm, hostFunction(D, 'buffer', 'get'))),
    accessor('byteLength', hostGetter(realm, hostFunction(D, 'byteLength', 'get'))),
    accessor('byteOffset', hostGetter(realm, hostFunction(D, 'byteOffset', 'get'))),
    accessor('length', hostGetter(realm, hostFunction(D, 'length', 'get'))),
    method('entries', 0, iteration('key+value', 'entries')),
    method('keys', 0, iteration('key', 'keys')),
    method('values', 0, values),
    method('toLocaleString', 0, own.toLocaleString),
    // §23.2.3.36 %TypedArray%.prototype.toString is %Array.prototype.toString%.
    value('toString', ObjectGetOwnPropertyDescriptor(I.ArrayPrototype, 'toString')!.value),
    accessor(Symbol.toStringTag, own.toStringTag),
  ];
  for (const [name, length] of HOST_METHODS) table.push(method(name, length, hostMethod(realm, hostFunction(D, name))));
  for (const [name, length] of HOST_CREATING_METHODS) table.push(method(name, length, hostMethod(realm, hostFunction(D, name), adopt)));
  defineTable(realm, TypedArrayPrototype, table);
  // §23.2.3.37 %TypedArray%.prototype [ @@iterator ] is the same function object as `values`.
  const valuesFn = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'values')!.value as unknown;
  defineTable(realm, TypedArrayPrototype, [value(SymbolIterator, valuesFn)]);
}
