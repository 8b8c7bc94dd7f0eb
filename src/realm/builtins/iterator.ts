// %IteratorPrototype% (ECMA-262 §27.1.2) and the generator intrinsics: %GeneratorFunction%,
// %GeneratorFunction.prototype% and %GeneratorPrototype% (§27.3, §27.5).
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import { GeneratorResume, GeneratorResumeAbrupt } from '../../interpreter/generator.js';
import { CreateDynamicFunction } from '../../interpreter/dynamic.js';

const { create, defineProperty } = Object;

export function installIteratorPrototype(realm: Realm): void {
  const I = realm.intrinsics;
  const IteratorPrototype = create(I.ObjectPrototype) as object;
  I.IteratorPrototype = IteratorPrototype;
  const proto = {
    // §27.1.2.1 %IteratorPrototype% [ @@iterator ] ( )
    [Symbol.iterator](this: unknown): unknown {
      return this;
    },
  };
  defineTable(realm, IteratorPrototype, [method(Symbol.iterator, 0, proto[Symbol.iterator])]);
}

export function installGenerators(realm: Realm): void {
  const I = realm.intrinsics;
  // §27.3.3 %GeneratorFunction.prototype%: an ordinary object, not a function.
  const GeneratorFunctionPrototype = create(I.FunctionPrototype) as object;
  // §27.5.1 %GeneratorPrototype%
  const GeneratorPrototype = create(I.IteratorPrototype) as object;
  I.GeneratorFunctionPrototype = GeneratorFunctionPrototype;
  I.GeneratorPrototype = GeneratorPrototype;

  // §27.3.1.1 GeneratorFunction ( ...parameterArgs, bodyArg )
  const GeneratorFunction = createBuiltinConstructor(realm, function GeneratorFunction(this: unknown, ...args: unknown[]): Function {
    return CreateDynamicFunction(realm, new.target, 'generator', args);
  }, 'GeneratorFunction', 1, GeneratorFunctionPrototype, I.Function);
  I.GeneratorFunction = GeneratorFunction;
  // §27.3.3.1: GeneratorFunction.prototype.constructor is non-writable.
  defineProperty(GeneratorFunctionPrototype, 'constructor', { writable: false });
  defineTable(realm, GeneratorFunctionPrototype, [
    value('prototype', GeneratorPrototype, { writable: false }),
    value(Symbol.toStringTag, 'GeneratorFunction', { writable: false }),
  ]);

  const proto = {
    next(this: unknown, value: unknown): IteratorResult<unknown> {
      return GeneratorResume(realm, this, value);
    },
    return(this: unknown, value: unknown): IteratorResult<unknown> {
      return GeneratorResumeAbrupt(realm, this, 'return', value);
    },
    throw(this: unknown, exception: unknown): IteratorResult<unknown> {
      return GeneratorResumeAbrupt(realm, this, 'throw', exception);
    },
  };
  defineTable(realm, GeneratorPrototype, [
    value('constructor', GeneratorFunctionPrototype, { writable: false }),
    method('next', 1, proto.next),
    method('return', 1, proto.return),
    method('throw', 1, proto.throw),
    value(Symbol.toStringTag, 'Generator', { writable: false }),
  ]);
}
