// The main context (runInThisContext) has the host's own Error constructors. An error they make while
// interpreted code runs would get V8's trace of the host stack, which is the evaluator's frames (and, for
// `super()` from an interpreted subclass, none: V8 skips frames up to new.target, which is not a host
// frame). The evaluator gives such errors the interpreted frames instead, as the own data property V8
// makes (see giveInterpretedStack). Only the host realm asks.
import type { NativeErrorName, Realm } from '../../realm/realm.js';
import { captureStack, ownStackGetter, ownStackSetter } from '../../realm/stack-trace.js';
import { ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ReflectConstruct } from '../../realm/primordials.js';

export type HostErrorName = NativeErrorName | 'AggregateError';
const HOST_ERROR_NAMES: readonly HostErrorName[] = ['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError'];

/** Which of the host realm's Error constructors `fn` is, or null. */
export function hostErrorConstructor(realm: Realm, fn: unknown): HostErrorName | null {
  const I = realm.intrinsics;
  for (const name of HOST_ERROR_NAMES) if (fn === I[name]) return name;
  return null;
}

// The text is made on first read, as V8 does, so that a subclass's constructor that sets `this.name`
// after super() is heard in the header: an own accessor that then becomes the data property V8 shows
// (before the first read, its descriptor is an accessor's: the one visible difference).
const stackAccessor = {
  get stack(): unknown { return ownStackGetter(this, stackGet); },
  set stack(v: unknown) { ownStackSetter(this, v); },
};
const stackDescriptor = ObjectGetOwnPropertyDescriptor(stackAccessor, 'stack') as PropertyDescriptor;
const stackGet = stackDescriptor.get as () => unknown;
const stackSet = stackDescriptor.set as (v: unknown) => void;

/** Gives `e`, just made by a host Error constructor for `newTarget`, the interpreted frames below the
 * topmost call of newTarget (V8's rule) as its `stack`. */
export function giveInterpretedStack(realm: Realm, e: object, ctor: Function, newTarget: Function | undefined): void {
  captureStack(realm, e, newTarget === undefined || newTarget === ctor ? undefined : newTarget);
  ObjectDefineProperty(e, 'stack', { get: stackGet, set: stackSet, enumerable: false, configurable: true });
}

/** `new E(...args)` or `E(...args)` of the host realm's Error constructor `name` from interpreted code
 * (called, it constructs: §20.5.1.1 step 1). */
export function constructHostError(realm: Realm, name: HostErrorName, args: readonly unknown[], newTarget: Function | undefined): object {
  const ctor = realm.intrinsics[name] as Function;
  const e = ReflectConstruct(ctor, args, newTarget ?? ctor) as object;
  giveInterpretedStack(realm, e, ctor, newTarget);
  return e;
}
