// The compiled tier's switches: on (the default: a function compiles to host code
// after HOT_CALLS calls), off (closures only: for A/B measurements), or eager (at
// its first call: the test262 runner's --tier eager, so that every eligible
// function of every test runs compiled). Read once from VMJS_TIER where the host
// has an environment (off | on | eager), settable by vmjs's own tools
// (src/internal.ts); a preparation-time choice like the generator form: bodies
// already compiled keep their tier.
export type TierMode = 'off' | 'on' | 'eager';

/** Calls before a function's body is compiled to host code: enough to skip code run a few times (a
 * program's setup), few enough that hot functions compile early. Measured (CPU time, Octane box2d,
 * earley-boyer, raytrace at half size): 6 beat 2 (compiling lukewarm functions) and 20 (running hot
 * ones longer in closures) by 5-15% on box2d and earley-boyer; richards and deltablue do not care. */
export const HOT_CALLS = 6;

function initialMode(): TierMode {
  let v: string | undefined;
  try {
    v = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.VMJS_TIER;
  } catch {
    // A runtime that guards its environment (Deno without --allow-env) throws: the default applies.
  }
  return v === 'off' || v === 'on' || v === 'eager' ? v : 'on';
}

export const tierOptions: { mode: TierMode } = { mode: initialMode() };

/** Sets the tier for functions compiled from now on. */
export function setCompiledTier(mode: TierMode): void {
  tierOptions.mode = mode;
}
