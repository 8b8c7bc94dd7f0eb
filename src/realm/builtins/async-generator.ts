// %AsyncGeneratorFunction% (§27.4), %AsyncGeneratorFunction.prototype% and %AsyncGeneratorPrototype%
// (§27.6.1). The generator objects and their request queue belong to the evaluator, which runs their
// bodies; the prototype's methods reach it through the evaluator hooks.
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import { hooks } from '../evaluator-hooks.js';
import { ObjectCreate, ObjectDefineProperty } from '../primordials.js';

export function installAsyncGenerators(realm: Realm): void {
  const I = realm.intrinsics;
  // §27.4.3 %AsyncGeneratorFunction.prototype%: an ordinary object, not a function.
  const AsyncGeneratorFunctionPrototype = ObjectCreate(I.FunctionPrototype) as object;
  // §27.6.1 %AsyncGeneratorPrototype%, whose [[Prototype]] is %AsyncIteratorPrototype%.
  const AsyncGeneratorPrototype = ObjectCreate(I.AsyncIteratorPrototype as object) as object;
  I.AsyncGeneratorFunctionPrototype = AsyncGeneratorFunctionPrototype;
  I.AsyncGeneratorPrototype = AsyncGeneratorPrototype;

  // §27.4.1.1 AsyncGeneratorFunction ( ...parameterArgs, bodyArg )
  const AsyncGeneratorFunction = createBuiltinConstructor(realm, function AsyncGeneratorFunction(this: unknown, ...args: unknown[]): Function {
    return hooks.CreateDynamicFunction(realm, new.target, 'asyncGenerator', args);
  }, 'AsyncGeneratorFunction', 1, AsyncGeneratorFunctionPrototype, I.Function);
  I.AsyncGeneratorFunction = AsyncGeneratorFunction;
  // §27.4.3.1: AsyncGeneratorFunction.prototype.constructor is non-writable.
  ObjectDefineProperty(AsyncGeneratorFunctionPrototype, 'constructor', { writable: false });
  defineTable(realm, AsyncGeneratorFunctionPrototype, [
    value('prototype', AsyncGeneratorPrototype, { writable: false }),
    value(Symbol.toStringTag, 'AsyncGeneratorFunction', { writable: false }),
  ]);

  const proto = {
    next(this: unknown, value: unknown): object { return hooks.AsyncGeneratorRequest(realm, this, 'next', value); },
    return(this: unknown, value: unknown): object { return hooks.AsyncGeneratorRequest(realm, this, 'return', value); },
    throw(this: unknown, exception: unknown): object { return hooks.AsyncGeneratorRequest(realm, this, 'throw', exception); },
  };
  defineTable(realm, AsyncGeneratorPrototype, [
    value('constructor', AsyncGeneratorFunctionPrototype, { writable: false }),
    method('next', 1, proto.next),
    method('return', 1, proto.return),
    method('throw', 1, proto.throw),
    value(Symbol.toStringTag, 'AsyncGenerator', { writable: false }),
  ]);
}
