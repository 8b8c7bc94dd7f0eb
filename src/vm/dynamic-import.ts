// import() and import.meta for node:vm code: the [[HostDefined]] of a Script, a SourceTextModule or a
// context (runtime/host-defined.ts). node calls the `importModuleDynamically` callback with the
// specifier, the referrer (the Script or Module) and the attributes; it may return a Module (its
// namespace is the result; an errored module's error rejects) or a namespace object. Without a
// callback import() rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING. The errors vmjs makes here
// reach guest code, so they are the realm's (node hands the guest its main context's errors).
import type { Realm } from '../realm/realm.js';
import type { PromiseCapability } from '../realm/abstract-ops/promise-operations.js';
import type { ImportAttributes, ImportPhase, ScriptOrModuleHost } from '../interpreter/runtime/host-defined.js';
import { ReflectApply } from '../realm/primordials.js';
import { membraneOf } from '../realm/membrane.js';
import { PerformPromiseThen } from '../realm/abstract-ops/promise-operations.js';
import { GetModuleNamespace, isModuleNamespace, namespaceModule } from '../module/module-namespace.js';
import { GatherAsynchronousTransitiveDependencies } from '../module/cyclic-module-record.js';
import type { ModuleRecord } from '../module/module-record.js';
import { USE_MAIN_CONTEXT_DEFAULT_LOADER } from './constants.js';
import { DYNAMIC_IMPORT_CALLBACK_MISSING, type NodeError } from './errors.js';

/** What the vm layer needs from a vm.Module without importing module.ts (which imports this file). */
export interface ModuleLike {
  readonly status: string;
  readonly error: unknown;
  readonly namespace: object;
}

let isVmModule: (x: unknown) => x is ModuleLike = (_x: unknown): _x is ModuleLike => false;
let recordOf: (m: ModuleLike) => ModuleRecord = () => { throw new Error('vmjs internal: no module layer'); };
/** Installed by module.ts. */
export function setModuleCheck(check: (x: unknown) => x is ModuleLike, record: (m: ModuleLike) => ModuleRecord): void {
  isVmModule = check;
  recordOf = record;
}

/** import.defer() (import-defer's ContinueDynamicImport with phase defer): the module's asynchronous
 * dependencies are evaluated, then the promise resolves with its deferred namespace. */
function continueDeferredImport(realm: Realm, m: unknown, resolve: (v: unknown) => void, reject: (e: unknown) => void): void {
  let record: ModuleRecord | undefined = isModuleNamespace(m) ? namespaceModule(m as object) : undefined;
  if (record === undefined) {
    if (!isVmModule(m)) {
      reject(realmNodeError(realm, 'Error', 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module'));
      return;
    }
    if (m.status === 'errored') { reject(m.error); return; }
    try {
      void m.namespace; // node's status check: linked or later
    } catch (e) {
      const ne = e as NodeError;
      reject(typeof ne?.code === 'string' ? realmNodeError(realm, 'Error', ne.code, ne.message) : e);
      return;
    }
    record = recordOf(m);
  }
  const target = record;
  // Internal reactions only: guest-visible Promise.prototype.then is never called.
  const pending = GatherAsynchronousTransitiveDependencies(target).map((d) => d.evaluate());
  let remaining = pending.length;
  if (remaining === 0) { resolve(GetModuleNamespace(target, 'defer')); return; }
  let failed = false;
  for (const p of pending) {
    PerformPromiseThen(target.realm, p, (): undefined => {
      if (--remaining === 0 && !failed) resolve(GetModuleNamespace(target, 'defer'));
      return undefined;
    }, (e: unknown): undefined => {
      if (!failed) { failed = true; reject(e); }
      return undefined;
    });
  }
}

/** A node-style error of the realm: `name`, `code` and node's message. */
export function realmNodeError(realm: Realm, name: 'TypeError' | 'Error', code: string, message: string): Error {
  const e = name === 'TypeError' ? realm.newError('TypeError', message) : realmPlainError(realm, message);
  Object.defineProperty(e, 'code', { value: code, writable: true, enumerable: true, configurable: true });
  return e;
}

function realmPlainError(realm: Realm, message: string): Error {
  const E = realm.intrinsics.Error as unknown as new (m: string) => Error;
  return new E(message);
}

/** The attributes as node passes them to the callback: a null-prototype object. */
function attributesObject(attributes: ImportAttributes): Record<string, string> {
  const o = Object.create(null) as Record<string, string>;
  for (const [k, v] of attributes) o[k] = v;
  return o;
}

export class VmImportHost implements ScriptOrModuleHost {
  constructor(
    /** The Script or Module node passes as the referrer. */
    private readonly referrer: unknown,
    private readonly callback: unknown,
    private readonly meta?: (realm: Realm) => object,
  ) {
    if (meta !== undefined) this.importMeta = meta;
  }

  importMeta?: (realm: Realm) => object;

  importDynamically(realm: Realm, specifier: string, attributes: ImportAttributes, capability: PromiseCapability, phase: ImportPhase = 'evaluation'): void {
    // What the embedder's callback gives (a host namespace, a thrown host error) crosses the membrane.
    const membrane = membraneOf(realm);
    const toGuest = (v: unknown): unknown => (membrane === null ? v : membrane.toGuest(v));
    const resolve = (v: unknown) => { ReflectApply(capability.resolve, undefined, [toGuest(v)]); };
    const reject = (e: unknown) => { ReflectApply(capability.reject, undefined, [toGuest(e)]); };
    const callback = this.callback;
    if (callback === undefined) {
      reject(realmNodeError(realm, 'TypeError', 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', DYNAMIC_IMPORT_CALLBACK_MISSING));
      return;
    }
    let result: unknown;
    try {
      if (callback === USE_MAIN_CONTEXT_DEFAULT_LOADER) {
        // node's own loader: the host's import(), resolved as the host resolves it.
        result = import(specifier);
      } else {
        // node passes the phase of import() as a fourth argument; import.defer() (import-defer) is 'defer'.
        result = ReflectApply(callback as Function, undefined, [specifier, this.referrer, attributesObject(attributes), phase]);
      }
    } catch (e) {
      reject(e);
      return;
    }
    Promise.resolve(result).then((m) => {
      if (phase === 'defer') { continueDeferredImport(realm, m, resolve, reject); return; }
      if (isModuleNamespace(m)) { resolve(m); return; }
      if (callback === USE_MAIN_CONTEXT_DEFAULT_LOADER) { resolve(m); return; }
      if (!isVmModule(m)) {
        reject(realmNodeError(realm, 'Error', 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module'));
        return;
      }
      if (m.status === 'errored') { reject(m.error); return; }
      let ns: object;
      try {
        ns = m.namespace;
      } catch (e) {
        const ne = e as NodeError;
        reject(typeof ne?.code === 'string' ? realmNodeError(realm, 'Error', ne.code, ne.message) : e);
        return;
      }
      resolve(ns);
    }, reject);
  }
}
