// The main context's generator prototypes. Its intrinsics are the host's (decision 2), but V8's
// %GeneratorPrototype% and %AsyncGeneratorPrototype% methods drive only V8's own generators, and a
// generator object the interpreter makes is not one ("incompatible receiver"). So the host realm's
// generator functions give their objects a prototype chain through one more object, inheriting from
// the host's, whose next/return/throw drive an interpreted generator and hand any other receiver to
// the host's method. Visible only as that extra link in the main context's chains.
import type { Realm } from '../realm.js';
import { hooks } from '../evaluator-hooks.js';
import { ObjectCreate, ObjectDefineProperty, ReflectApply } from '../primordials.js';

type Method = (this: unknown, value: unknown) => unknown;

function define(o: object, name: string, fn: Method): void {
  ObjectDefineProperty(o, name, { value: fn, writable: true, enumerable: false, configurable: true });
}

/** Replaces the host realm's GeneratorPrototype and AsyncGeneratorPrototype intrinsics (what its
 * interpreted generator functions' `prototype` objects inherit from) by the dispatching objects. */
export function installHostGeneratorPrototypes(realm: Realm): void {
  const I = realm.intrinsics;
  const hostGen = I.GeneratorPrototype as Record<string, Method>;
  const gen = ObjectCreate(hostGen) as object;
  const { next: gNext, return: gReturn, throw: gThrow } = hostGen;
  const sync = {
    next(this: unknown, value: unknown): unknown {
      return hooks.isInterpretedGenerator(this, false) ? hooks.GeneratorResume(realm, this, value) : ReflectApply(gNext, this, [value]);
    },
    return(this: unknown, value: unknown): unknown {
      return hooks.isInterpretedGenerator(this, false) ? hooks.GeneratorResumeAbrupt(realm, this, 'return', value) : ReflectApply(gReturn, this, [value]);
    },
    throw(this: unknown, value: unknown): unknown {
      return hooks.isInterpretedGenerator(this, false) ? hooks.GeneratorResumeAbrupt(realm, this, 'throw', value) : ReflectApply(gThrow, this, [value]);
    },
  };
  define(gen, 'next', sync.next);
  define(gen, 'return', sync.return);
  define(gen, 'throw', sync.throw);
  I.GeneratorPrototype = gen;

  const hostAsync = I.AsyncGeneratorPrototype as Record<string, Method> | undefined;
  if (hostAsync === undefined) return;
  const agen = ObjectCreate(hostAsync) as object;
  const { next: aNext, return: aReturn, throw: aThrow } = hostAsync;
  const async = {
    next(this: unknown, value: unknown): unknown {
      return hooks.isInterpretedGenerator(this, true) ? hooks.AsyncGeneratorRequest(realm, this, 'next', value) : ReflectApply(aNext, this, [value]);
    },
    return(this: unknown, value: unknown): unknown {
      return hooks.isInterpretedGenerator(this, true) ? hooks.AsyncGeneratorRequest(realm, this, 'return', value) : ReflectApply(aReturn, this, [value]);
    },
    throw(this: unknown, value: unknown): unknown {
      return hooks.isInterpretedGenerator(this, true) ? hooks.AsyncGeneratorRequest(realm, this, 'throw', value) : ReflectApply(aThrow, this, [value]);
    },
  };
  define(agen, 'next', async.next);
  define(agen, 'return', async.return);
  define(agen, 'throw', async.throw);
  I.AsyncGeneratorPrototype = agen;
}
