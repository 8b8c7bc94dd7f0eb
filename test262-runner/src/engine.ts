// The engines a test runs on: vmjs through its public node:vm-compatible API (the default), or
// node's own node:vm (a hidden developer option that validates the harness independently of vmjs).
// Only the node:vm surface is used, so both engines go through identical runner code.

export interface RunOptions { timeout?: number }

export interface VmScript {
  runInContext(context: object, options?: RunOptions): unknown;
}

export type ModuleLinker = (specifier: string, referencingModule: VmModule, extra: { attributes?: Record<string, string>; assert?: Record<string, string> }) => Promise<VmModule>;
export type DynamicImporter = (specifier: string, referrer: unknown, attributes?: Record<string, string>, phase?: string) => Promise<VmModule>;

export interface VmModule {
  readonly identifier: string;
  readonly status: string;
  link(linker: ModuleLinker): Promise<void>;
  evaluate(options?: RunOptions): Promise<unknown>;
}

export interface VmSyntheticModule extends VmModule {
  setExport(name: string, value: unknown): void;
}

export interface ScriptOptions {
  filename?: string;
  importModuleDynamically?: DynamicImporter;
}

export interface ModuleOptions {
  context: object;
  identifier: string;
  importModuleDynamically?: DynamicImporter;
}

/** The part of node:vm the runner relies on. */
export interface VmApi {
  createContext(sandbox?: object, options?: { importModuleDynamically?: DynamicImporter; canBlock?: boolean }): object;
  Script: new (code: string, options?: ScriptOptions) => VmScript;
  SourceTextModule?: new (code: string, options: ModuleOptions) => VmModule;
  SyntheticModule?: new (exportNames: string[], evaluate: (this: VmSyntheticModule) => void, options: { context: object; identifier: string }) => VmSyntheticModule;
}

export type EngineName = 'vmjs' | 'node';

export interface Engine {
  name: EngineName;
  vm: VmApi;
  /** The host's garbage collector, when it can be reached (for $262.gc). */
  gc: (() => void) | null;
  /** Whether evaluate() may be called on a module that was already evaluated (the spec's Evaluate()
   * returns the cycle root's promise). node:vm aborts the process on some of these calls (V8 check
   * "module->status() == kLinked || kEvaluated" for members of an errored async cycle). */
  reevaluateIsSafe: boolean;
}

/** `vmjsIndexUrl` is dist/esm/index.js, computed by the bundled entry that knows where it lives. */
export async function loadEngine(name: EngineName, vmjsIndexUrl: string): Promise<Engine> {
  const gc = await hostGc();
  if (name === 'node') {
    const vm = (await import('node:vm')) as unknown as VmApi;
    return { name, vm, gc, reevaluateIsSafe: false };
  }
  const mod: unknown = await import(vmjsIndexUrl);
  const vm = mod as Partial<VmApi>;
  const missing = (['createContext', 'Script'] as const).filter((k) => typeof vm[k] !== 'function');
  if (missing.length > 0) throw new Error(`vmjs's public API (${vmjsIndexUrl}) does not export ${missing.join(' and ')} yet`);
  return { name, vm: vm as VmApi, gc, reevaluateIsSafe: true };
}

/** node hides gc() unless --expose-gc; the flag can be turned on at run time and the function
 * then appears on the global of contexts created afterwards. */
async function hostGc(): Promise<(() => void) | null> {
  try {
    const v8 = await import('node:v8');
    const vm = await import('node:vm');
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** node:vm's timeout error (ERR_SCRIPT_EXECUTION_TIMEOUT); vmjs gives the same. node creates it
 * in the context's realm, so it is recognised by its code, not by `instanceof Error`. A guest value
 * forging the code can only make its own test fail as timed out. */
export function isTimeoutError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  try {
    return (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
  } catch {
    return false;
  }
}
