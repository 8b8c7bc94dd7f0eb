// %Error%, the NativeError constructors and %AggregateError% (ECMA-262 §20.5), with V8's
// `stack` own property and Error.captureStackTrace / Error.stackTraceLimit.
import { newHostErrorWithoutTrace, type NativeErrorName, type Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import {
  CreateArrayFromList, GetIterator, GetPrototypeFromConstructor, IteratorToList, ToString, describeValue, isObject,
} from '../abstract-ops.js';
import {
  ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, ObjectSetPrototypeOf,
} from '../primordials.js';

/** Supplies the frames of `stack` ("\n    at …" lines) for the current guest call stack. */
export type StackFramesProvider = (realm: Realm) => string;
let stackFrames: StackFramesProvider = () => '\n    at <anonymous>';

/** Lets the interpreter give errors real guest frames. */
export function setStackFramesProvider(p: StackFramesProvider): void {
  stackFrames = p;
}

// Reads a property along the prototype chain without running getters (a message must not run guest code).
function quietGet(o: object, key: string): unknown {
  let cur: object | null = o;
  for (let i = 0; cur !== null && i < 64; i++) {
    const d = ObjectGetOwnPropertyDescriptor(cur, key);
    if (d !== undefined) return 'value' in d ? d.value : undefined;
    cur = ObjectGetPrototypeOf(cur) as object | null;
  }
  return undefined;
}

/** The header line of V8's `stack`: Error.prototype.toString without running guest code. */
function stackHeader(o: object): string {
  const n = quietGet(o, 'name');
  const m = quietGet(o, 'message');
  const name = n === undefined ? 'Error' : typeof n === 'string' ? n : typeof n === 'symbol' ? 'Error' : String(n);
  const msg = m === undefined ? '' : typeof m === 'string' ? m : typeof m === 'symbol' ? '' : String(m);
  if (name === '') return msg;
  if (msg === '') return name;
  return `${name}: ${msg}`;
}

/** Defines V8's `stack` own data property on `o`. */
export function installStack(realm: Realm, o: object): void {
  ObjectDefineProperty(o, 'stack', { value: stackHeader(o) + stackFrames(realm), writable: true, enumerable: false, configurable: true });
}

// A host error gets [[ErrorData]] (so host tools and the host's Object.prototype.toString see an
// Error), then exactly the prototype we computed. Not Reflect.construct with a carrier new.target:
// V8 then walks the whole stack looking for the carrier while capturing the trace.
function createErrorObject(realm: Realm, newTarget: Function, intrinsicProto: string): Error {
  const proto = GetPrototypeFromConstructor(realm, newTarget, intrinsicProto);
  const O = newHostErrorWithoutTrace();
  ObjectSetPrototypeOf(O, proto);
  return O;
}

/** InstallErrorCause (§20.5.8.1). */
function InstallErrorCause(O: object, options: unknown): void {
  if (isObject(options) && 'cause' in options) {
    const cause = (options as { cause?: unknown }).cause;
    ObjectDefineProperty(O, 'cause', { value: cause, writable: true, enumerable: false, configurable: true });
  }
}

function setMessage(realm: Realm, O: object, message: unknown): void {
  if (message !== undefined) {
    const msg = ToString(realm, message);
    ObjectDefineProperty(O, 'message', { value: msg, writable: true, enumerable: false, configurable: true });
  }
}

const nativeErrorNames: readonly Exclude<NativeErrorName, 'Error'>[] = ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];

export function installError(realm: Realm): void {
  const I = realm.intrinsics;
  const ErrorPrototype = Object.create(I.ObjectPrototype) as object;
  I.ErrorPrototype = ErrorPrototype;

  // §20.5.1.1 Error ( message [ , options ] )
  const ErrorCtor = createBuiltinConstructor(realm, function Error(this: unknown, message: unknown, options: unknown): Error {
    const O = createErrorObject(realm, new.target ?? ErrorCtor, 'ErrorPrototype');
    setMessage(realm, O, message);
    InstallErrorCause(O, options);
    installStack(realm, O);
    return O;
  }, 'Error', 1, ErrorPrototype);
  I.Error = ErrorCtor;

  const statics = {
    captureStackTrace(targetObject: unknown, constructorOpt?: unknown): void {
      void constructorOpt;
      if (!isObject(targetObject)) realm.throwTypeError('invalid_argument');
      installStack(realm, targetObject);
    },
  };
  defineTable(realm, ErrorCtor, [
    method('captureStackTrace', 2, statics.captureStackTrace),
    value('stackTraceLimit', 10, { enumerable: true }),
  ]);

  const protoMethods = {
    // §20.5.3.4 Error.prototype.toString ( )
    toString(this: unknown): string {
      const O = this;
      if (!isObject(O)) realm.throwTypeError(`Method Error.prototype.toString called on incompatible receiver ${describeValue(O)}`);
      const n = (O as { name?: unknown }).name;
      const name = n === undefined ? 'Error' : ToString(realm, n);
      const m = (O as { message?: unknown }).message;
      const msg = m === undefined ? '' : ToString(realm, m);
      if (name === '') return msg;
      if (msg === '') return name;
      return `${name}: ${msg}`;
    },
  };
  defineTable(realm, ErrorPrototype, [
    value('message', ''),
    value('name', 'Error'),
    method('toString', 0, protoMethods.toString),
  ]);

  // §20.5.6 NativeError object structure
  for (const name of nativeErrorNames) {
    const proto = Object.create(ErrorPrototype) as object;
    const protoName = `${name}Prototype`;
    const ctor: Function = createBuiltinConstructor(realm, function NativeError(this: unknown, message: unknown, options: unknown): Error {
      const O = createErrorObject(realm, new.target ?? ctor, protoName);
      setMessage(realm, O, message);
      InstallErrorCause(O, options);
      installStack(realm, O);
      return O;
    }, name, 1, proto, ErrorCtor);
    defineTable(realm, proto, [value('message', ''), value('name', name)]);
    I[name] = ctor;
    I[protoName] = proto;
  }

  // §20.5.7.1 AggregateError ( errors, message [ , options ] )
  const AggregateErrorPrototype = Object.create(ErrorPrototype) as object;
  const AggregateErrorCtor: Function = createBuiltinConstructor(realm, function AggregateError(this: unknown, errors: unknown, message: unknown, options: unknown): Error {
    const O = createErrorObject(realm, new.target ?? AggregateErrorCtor, 'AggregateErrorPrototype');
    setMessage(realm, O, message);
    InstallErrorCause(O, options);
    const errorsList = IteratorToList(realm, GetIterator(realm, errors, 'sync'));
    ObjectDefineProperty(O, 'errors', { value: CreateArrayFromList(realm, errorsList), writable: true, enumerable: false, configurable: true });
    installStack(realm, O);
    return O;
  }, 'AggregateError', 2, AggregateErrorPrototype, ErrorCtor);
  defineTable(realm, AggregateErrorPrototype, [value('message', ''), value('name', 'AggregateError')]);
  I.AggregateError = AggregateErrorCtor;
  I.AggregateErrorPrototype = AggregateErrorPrototype;
}
