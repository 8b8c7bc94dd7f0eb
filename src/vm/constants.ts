// vm.constants (node 20): the symbols an embedder passes as option values.
import { validateFunction } from './validators.js';
import { ERR_VMJS_NODE_ONLY } from './errors.js';
import { hasNodeProcess } from './host.js';

/** As `importModuleDynamically`: use the main context's default loader (node). Accepted where Node's
 * process exists (vmjs has no dynamic import() yet, so the choice has no effect); elsewhere there is no
 * main context loader, and passing it throws ERR_VMJS_NODE_ONLY. */
export const USE_MAIN_CONTEXT_DEFAULT_LOADER: unique symbol = Symbol('vm_dynamic_import_main_context_default');
/** As createContext's first argument: a new context whose global is an ordinary global object. */
export const DONT_CONTEXTIFY: unique symbol = Symbol('vm_context_no_contextify');

export interface VmConstants {
  readonly USE_MAIN_CONTEXT_DEFAULT_LOADER: typeof USE_MAIN_CONTEXT_DEFAULT_LOADER;
  readonly DONT_CONTEXTIFY: typeof DONT_CONTEXTIFY;
}

const table: VmConstants = Object.create(null) as VmConstants;
Object.defineProperties(table, {
  USE_MAIN_CONTEXT_DEFAULT_LOADER: { value: USE_MAIN_CONTEXT_DEFAULT_LOADER, enumerable: true },
  DONT_CONTEXTIFY: { value: DONT_CONTEXTIFY, enumerable: true },
});
/** A frozen null-prototype object, as node's. */
export const constants: VmConstants = Object.freeze(table);

/** node's check of `importModuleDynamically` (getHostDefinedOptionId): undefined, the loader constant,
 * or a function. */
export function validateImportModuleDynamically(value: unknown): void {
  if (value === undefined) return;
  if (value === USE_MAIN_CONTEXT_DEFAULT_LOADER) {
    if (!hasNodeProcess()) throw ERR_VMJS_NODE_ONLY('vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER');
    return;
  }
  validateFunction(value, 'options.importModuleDynamically');
}
