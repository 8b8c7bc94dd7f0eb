// %Function%, %Function.prototype% (ECMA-262 §20.2) and %ThrowTypeError% (§10.2.4.1).
import { keepsReferents, recordsReferents } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value, calledByHost } from '../builtin.js';
import { CreateListFromArrayLike, OrdinaryHasInstance, describeValue, linkFunctionRealm } from '../abstract-ops.js';
import { hostCall } from '../host-errors.js';
import { agent } from '../agent.js';
import { callBuiltinFromHost } from '../membrane.js';
import { ELEMENT_BYTES, FUNCTION_BYTES } from '../allocation.js';
import { hooks } from '../evaluator-hooks.js';
import {
  FunctionPrototypeBind, ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectPreventExtensions, ReflectApply,
} from '../primordials.js';

const RESTRICTED_MESSAGE = "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them";

function notAFunctionReceiver(v: unknown): string {
  return `Function.prototype.apply was called on ${describeValue(v)}, which is ${typeof v === 'object' ? (v === null ? 'null' : 'an object') : `a ${typeof v}`} and not a function`;
}

/** %ThrowTypeError% (§10.2.4.1): one per realm, frozen name/length, non-extensible. */
function createThrowTypeError(realm: Realm): Function {
  const thrower = (): never => realm.throwTypeError(RESTRICTED_MESSAGE);
  Object.setPrototypeOf(thrower, realm.intrinsics.FunctionPrototype);
  ObjectDefineProperty(thrower, 'length', { value: 0, writable: false, enumerable: false, configurable: false });
  ObjectDefineProperty(thrower, 'name', { value: '', writable: false, enumerable: false, configurable: false });
  ObjectPreventExtensions(thrower);
  return thrower;
}

// Registering every builtin's [[InitialName]] (a WeakMap entry each) doubled the cost of a realm;
// the current own `name`, when it is a data property that fits NativeFunction's grammar, serves.
const identifierName = /^[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*$/u;
const symbolName = /^\[[^\]]*\]$/;
function nativeFunctionText(realm: Realm, func: Function): string {
  const desc = hostCall(realm, ObjectGetOwnPropertyDescriptor, undefined, [func, 'name']);
  const name = desc !== undefined && typeof desc.value === 'string' ? desc.value : '';
  const accessorMatch = /^([gs]et) (.*)$/.exec(name);
  const bare = accessorMatch === null ? name : accessorMatch[2]!;
  if (bare === '' || !(identifierName.test(bare) || symbolName.test(bare))) return 'function () { [native code] }';
  return `function ${name}() { [native code] }`;
}

export function installFunction(realm: Realm): void {
  const I = realm.intrinsics;
  const FunctionPrototype = I.FunctionPrototype;
  I.ThrowTypeError = createThrowTypeError(realm);

  // §20.2.1.1 Function ( ...parameterArgs, bodyArg )
  const FunctionCtor = createBuiltinConstructor(realm, function Function(this: unknown, ...args: unknown[]): Function {
    return hooks.CreateDynamicFunction(realm, new.target, 'normal', args);
  }, 'Function', 1, FunctionPrototype);
  I.Function = FunctionCtor;

  const proto = {
    // §20.2.3.1
    apply(this: unknown, thisArg: unknown, argArray: unknown): unknown {
      // Called by host code outside a run (CreateListFromArrayLike of a length the guest chose): under
      // the context's timeout and budget (callBuiltinFromHost).
      if (calledByHost(realm)) return callBuiltinFromHost(realm, proto.apply, this, [thisArg, argArray]);
      const func = this;
      if (typeof func !== 'function') realm.throwTypeError(notAFunctionReceiver(func));
      if (argArray === undefined || argArray === null) return ReflectApply(func, thisArg, []);
      return ReflectApply(func, thisArg, CreateListFromArrayLike(realm, argArray));
    },
    // §20.2.3.2: the host's bind is BoundFunctionCreate exactly (its [[Prototype]] is the
    // target's, name and length read as specified), so delegate.
    bind(this: unknown, thisArg: unknown, ...args: unknown[]): Function {
      const Target = this;
      if (typeof Target !== 'function') realm.throwTypeError('Bind must be called on a function');
      // A bound function (measured 372 bytes with two bound arguments) and its arguments: counted
      // without a check (Agent.tick checks).
      agent.allocated += FUNCTION_BYTES + ELEMENT_BYTES * args.length;
      const F = hostCall(realm, FunctionPrototypeBind, Target, [thisArg, ...args]) as Function;
      linkFunctionRealm(F, Target);
      // [[BoundTargetFunction]], [[BoundThis]], [[BoundArguments]] are the host's: the retained-memory
      // walk reads them from this record.
      if (recordsReferents(realm)) keepsReferents(F, [Target, thisArg, ...args]);
      return F;
    },
    // §20.2.3.3
    call(this: unknown, thisArg: unknown, ...args: unknown[]): unknown {
      const func = this;
      if (typeof func !== 'function') realm.throwTypeError(`${describeValue(func)} is not a function`);
      return ReflectApply(func, thisArg, args);
    },
    // §20.2.3.5
    toString(this: unknown): string {
      const func = this;
      if (typeof func !== 'function') realm.throwTypeError("Function.prototype.toString requires that 'this' be a Function");
      const source = hooks.functionSourceText(func);
      if (source !== undefined) return source;
      return nativeFunctionText(realm, func);
    },
    // §20.2.3.6
    [Symbol.hasInstance](this: unknown, V: unknown): boolean {
      return OrdinaryHasInstance(realm, this, V);
    },
  };
  defineTable(realm, FunctionPrototype, [
    value('length', 0, { writable: false }),
    value('name', '', { writable: false }),
    method('apply', 2, proto.apply),
    method('bind', 1, proto.bind),
    method('call', 1, proto.call),
    method('toString', 0, proto.toString),
  ]);
  // The evaluator passes a function's own argument list to `f.apply(t, arguments)` when the callee is
  // this exact function (src/interpreter/compile/lazy-arguments.ts).
  I.FunctionPrototypeApply = (FunctionPrototype as { apply: Function }).apply;
  const hasInstance = proto[Symbol.hasInstance];
  defineTable(realm, FunctionPrototype, [method(Symbol.hasInstance, 1, hasInstance)]);
  ObjectDefineProperty(FunctionPrototype, Symbol.hasInstance, { writable: false, configurable: false });

  // §10.2.4 AddRestrictedFunctionProperties ( F, realm )
  const thrower = I.ThrowTypeError as () => never;
  ObjectDefineProperty(FunctionPrototype, 'caller', { get: thrower, set: thrower, enumerable: false, configurable: true });
  ObjectDefineProperty(FunctionPrototype, 'arguments', { get: thrower, set: thrower, enumerable: false, configurable: true });
}
