// Call and `new` sites (the closure tier's calls.ts, the compiled tier's tier-runtime.ts) remember the
// last function they called, to skip the callable check and reach a guest function's state directly.

/** What a site's cache holds before its first call: no guest value is it (null was, so a site whose
 * first callee was null skipped its check and handed null to the host's Reflect, whose message leaked). */
export const NO_CALLEE: unknown = Object.freeze({});
