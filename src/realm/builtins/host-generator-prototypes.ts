// The main context's generator prototypes. Its intrinsics are the host's (decision 2), but V8's
// %GeneratorPrototype% and %AsyncGeneratorPrototype% methods drive only V8's own generators, and a
// generator object the interpreter makes is not one ("incompatible receiver"). So the host realm's
// generator functions give their objects a prototype chain through one more object, inheriting from
// the host's, whose next/return/throw drive an interpreted generator and hand any other receiver to
// the host's method. Visible only as that extra link in the main context's chains.
import type { Realm } from '../realm.js';
import { hooks } from '../evaluator-hooks.js';
import { ObjectCreate, ObjectDefineProperty, ReflectApply } from '../primordials.js';

type Kind = 'next' | 'return' | 'throw';
type Resume = (g: unknown, kind: Kind, value: unknown) => unknown;

/** An object inheriting from `host` whose next/return/throw (name and length as the host's) resume
 * interpreted generators of the given kind and pass any other receiver to `host`'s own method. */
function dispatching(host: Record<Kind, Function>, async: boolean, resume: Resume): object {
  const o = ObjectCreate(host) as object;
  for (const kind of ['next', 'return', 'throw'] as const) {
    const hostMethod = host[kind];
    const method = {
      [kind](this: unknown, value: unknown): unknown {
        return hooks.isInterpretedGenerator(this, async) ? resume(this, kind, value) : ReflectApply(hostMethod, this, [value]);
      },
    }[kind];
    ObjectDefineProperty(o, kind, { value: method, writable: true, enumerable: false, configurable: true });
  }
  return o;
}

/** Replaces the host realm's GeneratorPrototype and AsyncGeneratorPrototype intrinsics (what its
 * interpreted generator functions' `prototype` objects inherit from) by the dispatching objects. */
export function installHostGeneratorPrototypes(realm: Realm): void {
  const I = realm.intrinsics;
  I.GeneratorPrototype = dispatching(I.GeneratorPrototype as Record<Kind, Function>, false, (g, kind, value) =>
    (kind === 'next' ? hooks.GeneratorResume(realm, g, value) : hooks.GeneratorResumeAbrupt(realm, g, kind, value)));
  if (I.AsyncGeneratorPrototype === undefined) return;
  I.AsyncGeneratorPrototype = dispatching(I.AsyncGeneratorPrototype as Record<Kind, Function>, true, (g, kind, value) =>
    hooks.AsyncGeneratorRequest(realm, g, kind, value));
}
