// Running one snippet of the differential table under one vm implementation.
import { outcome, contextState, withLabels } from './normalize.mjs';

/** One snippet under one vm implementation. The context's global object is compared by identity
 * (as the label 'global'), not by its engine-specific contents. A snippet with `dontContextify` runs
 * in `vm.createContext(vm.constants.DONT_CONTEXTIFY)`, and its state afterwards is the global's
 * enumerable own properties (its builtins differ between engines); `before(context)` runs between
 * creating the context and running the code (e.g. to add properties from outside). */
export function observe(vm, snippet) {
  const sandbox = snippet.dontContextify ? vm.constants.DONT_CONTEXTIFY : snippet.sandbox();
  const context = vm.createContext(sandbox);
  const global = vm.runInContext('globalThis', context);
  if (snippet.before !== undefined) snippet.before(context);
  return withLabels(new Map([[global, 'global']]), () => {
    const result = outcome(() => vm.runInContext(snippet.code, context, { filename: 'snippet.js' }));
    const state = contextState(context, snippet.dontContextify === true);
    return { ...result, context: state };
  });
}
