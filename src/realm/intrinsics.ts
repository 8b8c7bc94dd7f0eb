// Creating realms (ECMA-262 §9.3.1 CreateRealm, §9.3.2 CreateIntrinsics, §9.3.3
// SetDefaultGlobalBindings): fresh intrinsics for a new context, or the host's own for the main one.
import { installHostGeneratorPrototypes } from './builtins/host-generator-prototypes.js';
import { Realm, type Intrinsics } from './realm.js';
import { registerGuestRealm } from './membrane.js';
import { markImmutablePrototype } from './abstract-ops.js';
import { createBuiltinFunction } from './builtin.js';
import { installObject } from './builtins/object.js';
import { installFunction } from './builtins/function.js';
import { installError } from './builtins/error.js';
import { installSymbol } from './builtins/symbol.js';
import { installBoolean } from './builtins/boolean.js';
import { installAsyncFunctions, installGenerators, installIteratorPrototype } from './builtins/iterator.js';
import { installIteratorConcat } from './builtins/iterator-concat.js';
import { installIteratorZip } from './builtins/iterator-zip.js';
import { installIteratorChunking } from './builtins/iterator-chunking.js';
import { installIteratorIncludes } from './builtins/iterator-includes.js';
import { installIteratorJoin } from './builtins/iterator-join.js';
import { installAsyncGenerators } from './builtins/async-generator.js';
import { installReflect } from './builtins/reflect.js';
import { installJSON } from './builtins/json.js';
import { installMath } from './builtins/math.js';
import { installMathSumPrecise } from './builtins/math-sum-precise.js';
import { GLOBAL_FUNCTION_NAMES, GLOBAL_INTRINSIC_NAMES, installGlobalFunctions, installGlobalProperties } from './builtins/global.js';
import { installArray } from './builtins/array.js';
import { installString } from './builtins/string.js';
import { installNumber } from './builtins/number.js';
import { installBigInt } from './builtins/bigint.js';
import { installRegExp } from './builtins/regexp.js';
import { installDate } from './builtins/date.js';
import { installMap } from './builtins/map.js';
import { installSet } from './builtins/set.js';
import { installWeakMap } from './builtins/weakmap.js';
import { installWeakSet } from './builtins/weakset.js';
import { installWeakRef } from './builtins/weakref.js';
import { installFinalizationRegistry } from './builtins/finalization-registry.js';
import { installProxy } from './builtins/proxy.js';
import { installPromise } from './builtins/promise.js';
import { installAsyncFromSyncIteratorPrototype } from './builtins/async-from-sync-iterator.js';
import { installArrayBuffer } from './builtins/array-buffer.js';
import { installSharedArrayBuffer } from './builtins/shared-array-buffer.js';
import { installDataView } from './builtins/data-view.js';
import { installTypedArray } from './builtins/typed-array.js';
import { installTypedArrayConstructors } from './builtins/typed-array-constructors.js';
import { installAtomics } from './builtins/atomics.js';
import { installUint8ArrayBase64 } from './builtins/uint8array-base64.js';
import { installSuppressedError } from './builtins/suppressed-error.js';
import { installDisposableStack } from './builtins/disposable-stack.js';
import { installAsyncDisposableStack } from './builtins/async-disposable-stack.js';
import { installIteratorDisposal } from './builtins/iterator-dispose.js';
import { installShadowRealm } from './builtins/shadow-realm.js';
import { deferFamily, familiesKnown, globalPlaceholder, installFamily, lazyFamily, type Installer, type LazyFamily } from './lazy-families.js';

const { create, setPrototypeOf, getPrototypeOf, getOwnPropertyDescriptor } = Object;

// Families only the global object and the intrinsics record lead to (lazy-families.ts): a contextified
// realm installs each on first use. Measured with bench/startup.mjs (see ARCHITECTURE.md).
// Binary data (§25, §23.2): buffers, views, typed arrays (after Array: %TypedArray.prototype%.toString
// is %Array.prototype.toString%, and the iterators are the realm's array iterators).
const BINARY_DATA = lazyFamily(installArrayBuffer, installSharedArrayBuffer, installDataView, installTypedArray,
  installTypedArrayConstructors, installUint8ArrayBase64, installAtomics);
const DATE = lazyFamily(installDate);
const REFLECT = lazyFamily(installReflect);
const JSON_FAMILY = lazyFamily(installJSON);
const PROMISE = lazyFamily(installPromise);
const MATH = lazyFamily(installMath, installMathSumPrecise);
const PROXY = lazyFamily(installProxy);
const MAP = lazyFamily(installMap);
const SET = lazyFamily(installSet);
const WEAK_COLLECTIONS = lazyFamily(installWeakMap, installWeakSet);
const WEAK_REFS = lazyFamily(installWeakRef, installFinalizationRegistry);
// Explicit resource management (ES2026 §27.3, §27.4): the stacks, after Promise and SuppressedError.
const DISPOSABLE_STACKS = lazyFamily(installDisposableStack, installAsyncDisposableStack);
const SHADOW_REALM = lazyFamily(installShadowRealm);
const LAZY_FAMILIES: readonly LazyFamily[] = [
  BINARY_DATA, DATE, REFLECT, JSON_FAMILY, MATH, PROMISE, PROXY, MAP, SET, WEAK_COLLECTIONS, WEAK_REFS, DISPOSABLE_STACKS, SHADOW_REALM,
];

/** The order in which CreateIntrinsics installs the builtins: each step may use what earlier ones made. */
const STEPS: readonly (Installer | LazyFamily)[] = [
  // Errors first: from here on every builtin may throw the realm's errors.
  installError,
  installObject,
  installFunction,
  installSymbol,
  installBoolean,
  installIteratorPrototype,
  // Iterator proposals test262 carries: sequencing, joint iteration, chunking, includes, join.
  installIteratorConcat,
  installIteratorZip,
  installIteratorChunking,
  installIteratorIncludes,
  installIteratorJoin,
  installGenerators,
  installAsyncFunctions,
  installAsyncGenerators,
  installAsyncFromSyncIteratorPrototype,
  // The data builtins (builtins-data) need the base prototypes and %IteratorPrototype%.
  installArray,
  installString,
  installNumber,
  installBigInt,
  installRegExp,
  REFLECT,
  JSON_FAMILY,
  MATH,
  installGlobalFunctions,
  DATE,
  PROXY,
  MAP,
  SET,
  WEAK_COLLECTIONS,
  WEAK_REFS,
  PROMISE,
  BINARY_DATA,
  installSuppressedError,
  DISPOSABLE_STACKS,
  installIteratorDisposal,
  SHADOW_REALM,
];

/** Runs STEPS; with `lazy`, the families are deferred where they stand (their intrinsics record entries
 * appear at that point, as accessors that install them). */
function runSteps(realm: Realm, lazy: boolean): void {
  for (const step of STEPS) {
    if (typeof step === 'function') step(realm);
    else if (lazy) deferFamily(realm, step);
    else installFamily(realm, step);
  }
}

/** CreateIntrinsics (§9.3.2): every intrinsic of a new, non-host realm; with `lazy`, the families of
 * LAZY_FAMILIES on first use (only when they are known, i.e. after one eager realm). */
export function installIntrinsics(realm: Realm, lazy = false): void {
  const I = {} as Intrinsics;
  realm.intrinsics = I;
  // %Object.prototype% is an immutable prototype exotic object (§10.4.7) with a null [[Prototype]].
  const ObjectPrototype = create(null) as object;
  markImmutablePrototype(ObjectPrototype);
  I.ObjectPrototype = ObjectPrototype;
  // Some installers also put their constructor on the global object; it must exist from the start.
  if (realm.globalObject === undefined) {
    const global = create(ObjectPrototype) as Record<PropertyKey, unknown>;
    realm.globalObject = global;
    realm.globalThisValue = global;
  }
  // %Function.prototype% is itself a builtin function that accepts any arguments and returns
  // undefined (§20.2.3); an arrow, so it has no [[Construct]] and no `prototype`.
  const FunctionPrototype = (() => undefined) as Function;
  setPrototypeOf(FunctionPrototype, ObjectPrototype);
  I.FunctionPrototype = FunctionPrototype;

  runSteps(realm, lazy && familiesKnown(LAZY_FAMILIES));
  // Registers %Function.prototype% as a builtin (its toString is the NativeFunction form).
  createBuiltinFunction(realm, FunctionPrototype as () => undefined, '', 0, ObjectPrototype);
}

/** CreateRealm + SetRealmGlobalObject + SetDefaultGlobalBindings for a new context. With `lazy`, the
 * families of LAZY_FAMILIES are installed on first use (see lazy-families.ts): only for a realm whose
 * global object guest code reaches through the contextified global proxy (src/vm/global-proxy.ts). */
export function createRealm(lazy = false): Realm {
  const realm = new Realm(false);
  // The families' names are learnt from an eager realm: made once, for that purpose, if need be.
  if (lazy && !familiesKnown(LAZY_FAMILIES)) installIntrinsics(new Realm(false), false);
  installIntrinsics(realm, lazy);
  installGlobalProperties(realm, realm.globalObject, lazy ? (name) => globalPlaceholder(realm, name) : undefined);
  registerGuestRealm(realm);
  return realm;
}

let hostIntrinsics: Intrinsics | undefined;

/** The host's own intrinsics, under the names a new realm's have. */
function collectHostIntrinsics(): Intrinsics {
  const g = globalThis as unknown as Record<string, unknown>;
  const I = {} as Intrinsics;
  for (const name of [...GLOBAL_INTRINSIC_NAMES, ...GLOBAL_FUNCTION_NAMES]) {
    const v = g[name];
    if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
      I[name] = v as object;
      const proto = (v as { prototype?: unknown }).prototype;
      if (typeof v === 'function' && typeof proto === 'object' && proto !== null) I[`${name}Prototype`] = proto;
    }
  }
  I.ObjectPrototype = Object.prototype;
  I.FunctionPrototype = Function.prototype;
  I.ArrayPrototype = Array.prototype;
  I.StringPrototype = String.prototype;
  I.NumberPrototype = Number.prototype;
  I.BooleanPrototype = Boolean.prototype;
  I.SymbolPrototype = Symbol.prototype;
  I.BigIntPrototype = BigInt.prototype;
  I.ErrorPrototype = Error.prototype;
  const arrayIteratorPrototype = getPrototypeOf([][Symbol.iterator]()) as object;
  I.ArrayIteratorPrototype = arrayIteratorPrototype;
  I.StringIteratorPrototype = getPrototypeOf(''[Symbol.iterator]()) as object;
  I.IteratorPrototype = getPrototypeOf(arrayIteratorPrototype) as object;
  const GeneratorFunctionPrototype = getPrototypeOf(function* () {}) as object;
  I.GeneratorFunctionPrototype = GeneratorFunctionPrototype;
  I.GeneratorPrototype = (GeneratorFunctionPrototype as { prototype: object }).prototype;
  I.GeneratorFunction = (GeneratorFunctionPrototype as { constructor: Function }).constructor;
  const AsyncGeneratorFunctionPrototype = getPrototypeOf(async function* () {}) as object;
  I.AsyncGeneratorFunctionPrototype = AsyncGeneratorFunctionPrototype;
  I.AsyncGeneratorPrototype = (AsyncGeneratorFunctionPrototype as { prototype: object }).prototype;
  I.AsyncGeneratorFunction = (AsyncGeneratorFunctionPrototype as { constructor: Function }).constructor;
  I.AsyncIteratorPrototype = getPrototypeOf(I.AsyncGeneratorPrototype) as object;
  const AsyncFunctionPrototype = getPrototypeOf(async function () {}) as object;
  I.AsyncFunctionPrototype = AsyncFunctionPrototype;
  I.AsyncFunction = (AsyncFunctionPrototype as { constructor: Function }).constructor;
  I.ThrowTypeError = getOwnPropertyDescriptor(Function.prototype, 'caller')!.get as Function;
  I.ObjectPrototypeToString = Object.prototype.toString;
  I.TypedArray = getPrototypeOf(Uint8Array) as Function;
  I.TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
  return I;
}

/** The realm of vm.runInThisContext: its intrinsics ARE the host's, its global object is globalThis. */
export function createHostRealm(): Realm {
  const realm = new Realm(true);
  hostIntrinsics ??= collectHostIntrinsics();
  // Its own record: the generator prototypes are the dispatching ones of this realm.
  realm.intrinsics = { ...hostIntrinsics };
  realm.globalObject = globalThis as unknown as Record<PropertyKey, unknown>;
  realm.globalThisValue = globalThis;
  installHostGeneratorPrototypes(realm);
  return realm;
}
