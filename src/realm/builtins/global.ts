// The global object's function properties (ECMA-262 §19.2, Annex B.2.1) and %eval%; and the
// global object's properties themselves (§19.1, §19.3, §19.4).
import type { Realm } from '../realm.js';
import { createBuiltinFunction } from '../builtin.js';
import { ToInt32, ToNumber, ToString } from '../abstract-ops.js';
import { hostCall } from '../host-errors.js';
import { hooks } from '../evaluator-hooks.js';
import {
  GlobalDecodeURI, GlobalDecodeURIComponent, GlobalEncodeURI, GlobalEncodeURIComponent, GlobalEscape,
  GlobalParseFloat, GlobalParseInt, GlobalUnescape, NumberIsFinite, ObjectDefineProperty,
} from '../primordials.js';

/** The constructors of §19.3 and namespace objects of §19.4, in spec order: installed as global
 * properties when the realm has them. */
export const GLOBAL_INTRINSIC_NAMES: readonly string[] = [
  'AggregateError', 'Array', 'ArrayBuffer', 'AsyncDisposableStack', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean', 'DataView', 'Date', 'DisposableStack',
  'Error', 'EvalError', 'FinalizationRegistry', 'Float16Array', 'Float32Array', 'Float64Array', 'Function', 'Int8Array', 'Int16Array',
  'Int32Array', 'Iterator', 'Map', 'Number', 'Object', 'Promise', 'Proxy', 'RangeError', 'ReferenceError', 'RegExp', 'Set',
  'ShadowRealm', 'SharedArrayBuffer', 'String', 'SuppressedError', 'Symbol', 'SyntaxError', 'TypeError', 'Uint8Array', 'Uint8ClampedArray', 'Uint16Array',
  'Uint32Array', 'URIError', 'WeakMap', 'WeakRef', 'WeakSet',
  'Atomics', 'JSON', 'Math', 'Reflect',
];

/** The function properties of the global object (§19.2), kept as intrinsics (%parseInt% …). */
export const GLOBAL_FUNCTION_NAMES: readonly string[] = [
  'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
  'escape', 'unescape',
];

export function installGlobalFunctions(realm: Realm): void {
  const I = realm.intrinsics;
  const fns = {
    // §19.2.1 eval ( x ): %eval% is always an indirect eval when called as a function.
    eval(x: unknown): unknown {
      return hooks.PerformIndirectEval(realm, x);
    },
    isFinite(number: unknown): boolean {
      return NumberIsFinite(ToNumber(realm, number));
    },
    isNaN(number: unknown): boolean {
      const num = ToNumber(realm, number);
      return num !== num;
    },
    parseFloat(string: unknown): number {
      return GlobalParseFloat(ToString(realm, string));
    },
    parseInt(string: unknown, radix: unknown): number {
      const inputString = ToString(realm, string);
      return GlobalParseInt(inputString, ToInt32(realm, radix));
    },
    decodeURI(encodedURI: unknown): string {
      return hostCall(realm, GlobalDecodeURI, undefined, [ToString(realm, encodedURI)]);
    },
    decodeURIComponent(encodedURIComponent: unknown): string {
      return hostCall(realm, GlobalDecodeURIComponent, undefined, [ToString(realm, encodedURIComponent)]);
    },
    encodeURI(uri: unknown): string {
      return hostCall(realm, GlobalEncodeURI, undefined, [ToString(realm, uri)]);
    },
    encodeURIComponent(uriComponent: unknown): string {
      return hostCall(realm, GlobalEncodeURIComponent, undefined, [ToString(realm, uriComponent)]);
    },
    escape(string: unknown): string {
      if (GlobalEscape === undefined) throw new Error('vmjs: escape is not available on this host');
      return GlobalEscape(ToString(realm, string));
    },
    unescape(string: unknown): string {
      if (GlobalUnescape === undefined) throw new Error('vmjs: unescape is not available on this host');
      return GlobalUnescape(ToString(realm, string));
    },
  };
  for (const name of GLOBAL_FUNCTION_NAMES) {
    if ((name === 'escape' && GlobalEscape === undefined) || (name === 'unescape' && GlobalUnescape === undefined)) continue;
    // Number.parseFloat/parseInt are the same objects as the globals (§21.1.2.12–13); Number may be installed first.
    if ((name === 'parseFloat' || name === 'parseInt') && I[name] !== undefined) continue;
    I[name] = createBuiltinFunction(realm, fns[name as keyof typeof fns], name, name === 'parseInt' ? 2 : 1);
  }
}

/** Puts the global properties of §19 on `global`: value properties, function properties,
 * constructors and namespace objects that the realm has, and globalThis. */
export function installGlobalProperties(realm: Realm, global: object, placeholder?: (name: string) => PropertyDescriptor | undefined): void {
  const I = realm.intrinsics;
  ObjectDefineProperty(global, 'globalThis', { value: realm.globalThisValue ?? global, writable: true, enumerable: false, configurable: true });
  ObjectDefineProperty(global, 'Infinity', { value: Infinity, writable: false, enumerable: false, configurable: false });
  ObjectDefineProperty(global, 'NaN', { value: NaN, writable: false, enumerable: false, configurable: false });
  ObjectDefineProperty(global, 'undefined', { value: undefined, writable: false, enumerable: false, configurable: false });
  // Names in spec order; `placeholder` gives the accessor of a name whose family the realm installs on
  // first use (src/realm/lazy-families.ts), so that the intrinsics record is not read for it.
  for (const names of [GLOBAL_FUNCTION_NAMES, GLOBAL_INTRINSIC_NAMES]) {
    for (const name of names) {
      const p = placeholder?.(name);
      if (p !== undefined) { ObjectDefineProperty(global, name, p); continue; }
      const v = I[name];
      if (v !== undefined) ObjectDefineProperty(global, name, { value: v, writable: true, enumerable: false, configurable: true });
    }
  }
}
