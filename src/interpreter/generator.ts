// Generator objects (§27.5): resumption of a suspended guest generator body.
import type { Realm } from '../realm/realm.js';

/** GeneratorResume (§27.5.3.3): %GeneratorPrototype%.next. Throws the realm's TypeError for a non-generator. */
export declare function GeneratorResume(realm: Realm, generator: unknown, value: unknown): IteratorResult<unknown>;

/** GeneratorResumeAbrupt (§27.5.3.4): %GeneratorPrototype%.return / .throw. */
export declare function GeneratorResumeAbrupt(realm: Realm, generator: unknown, kind: 'return' | 'throw', value: unknown): IteratorResult<unknown>;
