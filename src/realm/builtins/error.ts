// %Error%, the NativeError constructors and %AggregateError% (ECMA-262 §20.5), with V8's `stack` own
// property (src/realm/stack-trace.ts), Error.captureStackTrace, Error.stackTraceLimit and
// Error.isError (ES2026).
import { newHostErrorWithoutTrace, type NativeErrorName, type Realm } from '../realm.js';
import { createBuiltinConstructor, createBuiltinFunction, defineTable, method, value } from '../builtin.js';
import {
  CreateArrayFromList, GetIterator, GetPrototypeFromConstructor, IteratorToList, ToString, describeValue, isObject,
} from '../abstract-ops.js';
import { ObjectDefineProperty, ObjectIsExtensible, ObjectSetPrototypeOf } from '../primordials.js';
import { captureStack, materializeStack, replaceStack } from '../stack-trace.js';
import { installCallSite, makeCallSites } from './call-site.js';
import { hasErrorData } from '../error-data.js';

// A host error gets [[ErrorData]] (so host tools and the host's Object.prototype.toString see an
// Error), then exactly the prototype we computed. Not Reflect.construct with a carrier new.target:
// V8 then walks the whole stack looking for the carrier while capturing the trace.
function createErrorObject(realm: Realm, newTarget: Function, intrinsicProto: string): Error {
  const proto = GetPrototypeFromConstructor(realm, newTarget, intrinsicProto);
  const O = newHostErrorWithoutTrace();
  ObjectSetPrototypeOf(O, proto);
  return O;
}

/** The stack of an error its constructor made: V8 skips the frames down to the topmost call of
 * new.target, so a subclass's constructors do not appear; a subclass instance's text is made on first
 * read (its constructor usually sets `name` after super()). */
export function captureErrorStack(realm: Realm, O: object, newTarget: Function | undefined, ctor: Function): void {
  if (newTarget === undefined || newTarget === ctor) captureStack(realm, O);
  else captureStack(realm, O, newTarget, true);
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
    captureErrorStack(realm, O, new.target, ErrorCtor);
    return O;
  }, 'Error', 1, ErrorPrototype);
  I.Error = ErrorCtor;

  const statics = {
    // V8's Error.captureStackTrace(targetObject[, constructorOpt]): the frames below the topmost call of
    // constructorOpt (all frames without it), as `stack`, whatever targetObject is.
    captureStackTrace(targetObject: unknown, constructorOpt?: unknown): void {
      if (!isObject(targetObject)) realm.throwTypeError('invalid_argument');
      if (!ObjectIsExtensible(targetObject)) realm.throwTypeError('Cannot define property stack, object is not extensible');
      captureStack(realm, targetObject, typeof constructorOpt === 'function' ? constructorOpt : undefined, true);
    },
    // Error.isError ( arg ) (ES2026, sec-error.iserror): whether arg has an [[ErrorData]] internal slot.
    isError(arg: unknown): boolean {
      return isObject(arg) && hasErrorData(arg);
    },
  };
  defineTable(realm, ErrorCtor, [
    method('captureStackTrace', 2, statics.captureStackTrace),
    method('isError', 1, statics.isError),
    value('stackTraceLimit', 10, { enumerable: true }),
  ]);
  installCallSite(realm);
  // The accessor `stack` of an error made while Error.prepareStackTrace is a function (stack-trace.ts).
  I.ErrorStackGetter = createBuiltinFunction(realm, {
    stack(this: unknown): unknown {
      return isObject(this) ? materializeStack(realm, this, (frames) => makeCallSites(realm, frames)) : undefined;
    },
  }.stack, 'stack', 0);
  I.ErrorStackSetter = createBuiltinFunction(realm, {
    stack(this: unknown, v: unknown): void {
      if (isObject(this) && !replaceStack(this, v)) realm.throwTypeError("Cannot assign to read only property 'stack' of object");
    },
  }.stack, 'stack', 1);

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
    value('name', 'Error'),
    value('message', ''),
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
      captureErrorStack(realm, O, new.target, ctor);
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
    captureErrorStack(realm, O, new.target, AggregateErrorCtor);
    return O;
  }, 'AggregateError', 2, AggregateErrorPrototype, ErrorCtor);
  defineTable(realm, AggregateErrorPrototype, [value('message', ''), value('name', 'AggregateError')]);
  I.AggregateError = AggregateErrorCtor;
  I.AggregateErrorPrototype = AggregateErrorPrototype;
}
