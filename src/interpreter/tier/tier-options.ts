// The compiled tier's switches: off, on (a function compiles to host code after
// HOT_CALLS calls), or eager (at its first call: the test262 runner's --tier
// eager, so that every eligible function of every test runs compiled). Read once
// from VMJS_TIER where the host has an environment (off | on | eager), settable by
// vmjs's own tools (src/internal.ts); a preparation-time choice like the
// generator form: bodies already compiled keep their tier.
export type TierMode = 'off' | 'on' | 'eager';

/** Calls before a function's body is compiled to host code: enough to skip code run once (a
 * script's setup), few enough that a benchmark's hot functions compile early. */
export const HOT_CALLS = 2;

function initialMode(): TierMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.VMJS_TIER;
  return v === 'off' || v === 'on' || v === 'eager' ? v : 'off';
}

export const tierOptions: { mode: TierMode } = { mode: initialMode() };

/** Sets the tier for functions compiled from now on. */
export function setCompiledTier(mode: TierMode): void {
  tierOptions.mode = mode;
}
