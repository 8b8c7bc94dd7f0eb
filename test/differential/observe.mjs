// Running one snippet of the differential table under one vm implementation.
import { outcome, contextState, withLabels } from './normalize.mjs';

/** One snippet under one vm implementation. The context's global object is compared by identity
 * (as the label 'global'), not by its engine-specific contents. */
export function observe(vm, snippet) {
  const sandbox = snippet.sandbox();
  const context = vm.createContext(sandbox);
  const global = vm.runInContext('globalThis', context);
  return withLabels(new Map([[global, 'global']]), () => {
    const result = outcome(() => vm.runInContext(snippet.code, context, { filename: 'snippet.js' }));
    return { ...result, context: contextState(sandbox) };
  });
}
