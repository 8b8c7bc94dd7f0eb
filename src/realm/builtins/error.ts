// %Error%, the NativeError constructors and %AggregateError% (ECMA-262 §20.5), with the
// Error.prototype.stack accessor of the TC39 error-stacks proposal (the text V8 makes, from the frames
// src/realm/stack-trace.ts captures), V8's Error.captureStackTrace, Error.stackTraceLimit and
// Error.prepareStackTrace, and Error.isError (ES2026).
import { recordOpaque } from '../hidden-referents.js';
import { newErrorWithoutStack, newHostErrorWithoutTrace, type NativeErrorName, type Realm } from '../realm.js';
import { accessor, createBuiltinConstructor, createBuiltinFunction, defineTable, method, value } from '../builtin.js';
import {
  CreateArrayFromList, GetIterator, GetPrototypeFromConstructor, IteratorToList, SetterThatIgnoresPrototypeProperties, ToString,
  describeValue, isObject,
} from '../abstract-ops.js';
import { ObjectDefineProperty, ObjectIsExtensible, ObjectSetPrototypeOf } from '../primordials.js';
import {
  captureStack, hasCapturedStack, installOwnStack, ownStackGetter, ownStackSetter, stackHeader, stackValue,
} from '../stack-trace.js';
import { installCallSite } from './call-site.js';
import { hasErrorData } from '../error-data.js';

// A host error gets [[ErrorData]] (so host tools and the host's Object.prototype.toString see an
// Error), then exactly the prototype we computed; no own `stack` but in the host realm (see
// captureErrorStack). Not Reflect.construct with a carrier new.target:
// V8 then walks the whole stack looking for the carrier while capturing the trace.
function createErrorObject(realm: Realm, newTarget: Function, intrinsicProto: string): Error {
  const proto = GetPrototypeFromConstructor(realm, newTarget, intrinsicProto);
  const O = newErrorObject(realm);
  ObjectSetPrototypeOf(O, proto);
  return O;
}

/** A new error object of `realm` (host prototype, no message yet): a realm's error has no own `stack`
 * (it inherits Error.prototype.stack); the host realm's keeps the one the host gives it. */
export function newErrorObject(realm: Realm, message?: string): Error {
  return realm.isHost ? newHostErrorWithoutTrace(message) : newErrorWithoutStack(message);
}

/** The stack of an error its constructor made: V8 skips the frames down to the topmost call of
 * new.target, so a subclass's constructors do not appear. The error has no own `stack`: it inherits
 * Error.prototype.stack, which makes the text on first read. The host realm's %Error.prototype% is
 * node's own, without that accessor: there (SuppressedError, which node 20 lacks) `stack` is an own
 * data property, as V8 gives its errors. */
export function captureErrorStack(realm: Realm, O: object, newTarget: Function | undefined, ctor: Function): void {
  captureStack(realm, O, newTarget === undefined || newTarget === ctor ? undefined : newTarget);
  if (realm.isHost) ObjectDefineProperty(O, 'stack', { value: stackValue(O), writable: true, enumerable: false, configurable: true });
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
      captureStack(realm, targetObject, typeof constructorOpt === 'function' ? constructorOpt : undefined);
      installOwnStack(realm, targetObject);
      // The captured frames (and the functions in them) are kept where the walk cannot see them.
      recordOpaque(realm, targetObject, 'an object given frames by Error.captureStackTrace');
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
  // The own `stack` accessor Error.captureStackTrace installs (stack-trace.ts, installOwnStack).
  const ownStackAccessor = {
    stack(this: unknown): unknown {
      return isObject(this) ? ownStackGetter(this, I.ErrorOwnStackGetter as Function) : undefined;
    },
    setStack(this: unknown, v: unknown): void {
      if (isObject(this) && !ownStackSetter(this, v)) realm.throwTypeError("Cannot assign to read only property 'stack' of object");
    },
  };
  I.ErrorOwnStackGetter = createBuiltinFunction(realm, ownStackAccessor.stack, 'stack', 0);
  I.ErrorOwnStackSetter = createBuiltinFunction(realm, ownStackAccessor.setStack, 'stack', 1);

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
  // Error.prototype.stack, the accessor of the TC39 error-stacks proposal (test262 feature
  // error-stack-accessor). Errors have no own `stack`; the text is V8's, made on first read.
  const stackAccessor = {
    // get Error.prototype.stack (sec-get-error.prototype.stack)
    getStack(this: unknown): unknown {
      const E = this;
      if (!isObject(E)) realm.throwTypeError(`Method get Error.prototype.stack called on incompatible receiver ${describeValue(E)}`);
      if (!hasErrorData(E)) return undefined;
      // An error made by no constructor of a realm (none captured a stack for it): its header.
      return hasCapturedStack(E) ? stackValue(E) : stackHeader(E);
    },
    // set Error.prototype.stack (sec-set-error.prototype.stack)
    setStack(this: unknown, v: unknown): undefined {
      const E = this;
      if (!isObject(E)) realm.throwTypeError(`Method set Error.prototype.stack called on incompatible receiver ${describeValue(E)}`);
      if (typeof v !== 'string') realm.throwTypeError(`Error.prototype.stack must be set to a string, not ${describeValue(v)}`);
      SetterThatIgnoresPrototypeProperties(realm, E, ErrorPrototype, 'stack', v, 'Error');
      return undefined;
    },
  };
  defineTable(realm, ErrorPrototype, [
    value('name', 'Error'),
    value('message', ''),
    method('toString', 0, protoMethods.toString),
    accessor('stack', stackAccessor.getStack, stackAccessor.setStack),
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
