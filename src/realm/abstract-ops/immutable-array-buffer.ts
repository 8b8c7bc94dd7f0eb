// Immutable ArrayBuffers (the immutable-arraybuffer proposal: [[ArrayBufferIsImmutable]], IsImmutableBuffer).
// The host has no immutable buffers, so vmjs emulates them:
//
// - An immutable buffer is a host ArrayBuffer (fixed length, with the realm's prototype) recorded in an
//   agent-wide WeakSet. Nothing but ArrayBufferCopyAndDetach / sliceToImmutable writes its bytes: every
//   write path of the realm's builtins asks IsImmutableBuffer first, and it cannot be detached or resized.
// - A typed array viewing one is handed to guest code as an *immutable view*: a host Proxy (its handler is
//   builtins/immutable-typed-array.ts) standing for a host typed array over the buffer, which stays
//   internal. The Proxy is the TypedArray as far as the guest can tell (its [[TypedArrayName]] brand, its
//   identity, its own properties); the host typed array holds the internal slots. The realm's builtins
//   read slots through `typedArraySlots`, which sees through an immutable view.
//
// Ordinary typed arrays are untouched: they are host typed arrays, and the evaluator's element access on
// them never meets this file (a Proxy already takes the evaluator's exotic path). Lookups here happen in
// the builtins only, and for brand checks only where the host's own check has already said no.

const immutableBuffers = new WeakSet<object>();
/** immutable view (the Proxy guest code sees) → the host typed array holding its internal slots. */
const viewTargets = new WeakMap<object, object>();

/** IsImmutableBuffer (sec-isimmutablebuffer): whether the buffer has [[ArrayBufferIsImmutable]]. */
export function IsImmutableBuffer(buffer: object): boolean {
  return immutableBuffers.has(buffer);
}

/** Gives a freshly allocated buffer, not yet seen by guest code, [[ArrayBufferIsImmutable]]. */
export function markImmutableBuffer(buffer: object): void {
  immutableBuffers.add(buffer);
}

/** Whether any immutable view was ever made in this process: until one is, the typed-array getters skip
 * looking for one (their receivers are host typed arrays). */
export let immutableViewsExist = false;

/** Records `view` (a Proxy) as the guest's face of the host typed array `target`. */
export function recordImmutableView(view: object, target: object): void {
  immutableViewsExist = true;
  viewTargets.set(view, target);
}

/** The host typed array behind an immutable view, or undefined when `o` is not one. */
export function immutableViewTarget(o: unknown): object | undefined {
  return typeof o === 'object' && o !== null ? viewTargets.get(o) : undefined;
}

/** The object whose host internal slots are `ta`'s: the host typed array behind an immutable view,
 * else `ta` itself. */
export function typedArraySlots<T extends object>(ta: T): T {
  return (viewTargets.get(ta) as T | undefined) ?? ta;
}
