// Generator objects (§27.5): resumption of a suspended guest generator body.
import type { Realm } from '../realm/realm.js';

/** GeneratorResume (§27.5.3.3): %GeneratorPrototype%.next. Throws the realm's TypeError for a non-generator. */
export function GeneratorResume(realm: Realm, generator: unknown, value: unknown): IteratorResult<unknown> { throw new Error("vmjs internal: GeneratorResume is not wired yet"); }

/** GeneratorResumeAbrupt (§27.5.3.4): %GeneratorPrototype%.return / .throw. */
export function GeneratorResumeAbrupt(realm: Realm, generator: unknown, kind: 'return' | 'throw', value: unknown): IteratorResult<unknown> { throw new Error("vmjs internal: GeneratorResumeAbrupt is not wired yet"); }
