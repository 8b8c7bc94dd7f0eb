// Module namespace exotic objects (§10.4.6, sec-module-namespace-exotic-objects) and
// GetModuleNamespace (§16.2.1.12, sec-getmodulenamespace). Guest objects are host objects, so the
// exotic behaviour is a host Proxy over a frozen-shape target: a null-prototype, non-extensible
// object holding every export name as a non-configurable writable property and @@toStringTag, which
// keeps every Proxy invariant true while the traps report the live binding values.
import type { Realm } from '../realm/realm.js';
import { markGuestObject } from '../realm/membrane.js';
import { UNINIT } from '../interpreter/compile/scope.js';
import { Env, ImportCell } from '../interpreter/runtime/environment.js';
import { ScopeInfo } from '../interpreter/compile/scope.js';
import { AMBIGUOUS, NAMESPACE, type ModuleRecord } from './module-record.js';
import { CyclicModuleRecord, EvaluateSync, ReadyForSyncExecution } from './cyclic-module-record.js';

/** GetModuleNamespace (§16.2.1.12): the module's namespace object, made once; with import-defer's
 * phase defer, its deferred namespace, also made once. */
export function GetModuleNamespace(module: ModuleRecord, phase: 'evaluation' | 'defer' = 'evaluation'): object {
  const existing = phase === 'defer' ? module.deferredNamespace : module.namespace;
  if (existing !== null) return existing;
  const exportedNames = module.getExportedNames();
  const unambiguousNames: string[] = [];
  for (const name of exportedNames) {
    const resolution = module.resolveExport(name);
    if (resolution !== null && resolution !== AMBIGUOUS) unambiguousNames.push(name);
  }
  const ns = ModuleNamespaceCreate(module, unambiguousNames, phase === 'defer');
  if (phase === 'defer') module.deferredNamespace = ns;
  else module.namespace = ns;
  return ns;
}

const namespaces = new WeakMap<object, ModuleRecord>();

/** Whether `x` is a module namespace exotic object (node's util.types.isModuleNamespaceObject). */
export function isModuleNamespace(x: unknown): boolean {
  return typeof x === 'object' && x !== null && namespaces.has(x);
}

/** The [[Module]] of a namespace object. */
export function namespaceModule(ns: object): ModuleRecord | undefined {
  return namespaces.get(ns);
}

const namespaceScope = new ScopeInfo('module', null, true);

/** A cell holding a fixed value (a namespace object reached by `import * as` or `export * as`). */
export function valueCell(value: unknown): ImportCell {
  return new ImportCell(new Env(null, [value], namespaceScope), 0);
}

/** ModuleNamespaceCreate (§10.4.6.12): [[Exports]] sorted by code unit order. A deferred namespace
 * (import-defer) evaluates its module when a string key other than "then" is looked at, and
 * "then" is none of its exports (IsSymbolLikeNamespaceKey). */
export function ModuleNamespaceCreate(module: ModuleRecord, exports: string[], deferred = false): object {
  const realm: Realm = module.realm;
  const names = [...exports].filter((n) => !deferred || n !== 'then').sort();
  const exportSet = new Set(names);
  const target = Object.create(null) as Record<PropertyKey, unknown>;
  for (const name of names) Object.defineProperty(target, name, { value: undefined, writable: true, enumerable: true, configurable: false });
  // §28.3.1 @@toStringTag
  Object.defineProperty(target, Symbol.toStringTag, { value: deferred ? 'Deferred Module' : 'Module', writable: false, enumerable: false, configurable: false });
  Object.preventExtensions(target);
  const cells = new Map<string, ImportCell>();
  const cellOf = (name: string): ImportCell => {
    let cell = cells.get(name);
    if (cell === undefined) {
      const binding = module.resolveExport(name);
      if (binding === null || binding === AMBIGUOUS) realm.throwReferenceError(`${name} is not defined`);
      cell = binding.bindingName === NAMESPACE ? valueCell(GetModuleNamespace(binding.module)) : binding.module.bindingCell(binding.bindingName);
      cells.set(name, cell);
    }
    return cell;
  };
  // §10.4.6.8 [[Get]]: the binding's current value; an uninitialized one throws a ReferenceError.
  const valueOf = (name: string): unknown => {
    const cell = cellOf(name);
    const v = cell.env.slots[cell.slot];
    if (v === UNINIT) realm.throwReferenceError(`Cannot access '${name}' before initialization`);
    return v;
  };
  /** IsSymbolLikeNamespaceKey: keys answered by the ordinary object, without evaluation. */
  const symbolLike = (key: PropertyKey): key is symbol => typeof key === 'symbol' || (deferred && key === 'then');
  /** GetModuleExportsList: a deferred namespace first evaluates its module, if it can synchronously. */
  const ensureEvaluated = deferred ? (): void => {
    const m = module as ModuleRecord & { status?: string };
    if (m instanceof CyclicModuleRecord && m.status !== 'evaluated' && !ReadyForSyncExecution(m)) {
      realm.throwTypeError('Cannot evaluate a deferred module while it or one of its dependencies is evaluating or has top-level await');
    }
    EvaluateSync(m);
  } : (): void => {};
  const handler: ProxyHandler<Record<PropertyKey, unknown>> = {
    getPrototypeOf: () => null,
    setPrototypeOf: (_t, proto) => proto === null,
    isExtensible: () => false,
    preventExtensions: () => true,
    getOwnPropertyDescriptor(t, key) {
      if (symbolLike(key)) return Reflect.getOwnPropertyDescriptor(t, key);
      ensureEvaluated();
      if (!exportSet.has(key)) return undefined;
      return { value: valueOf(key), writable: true, enumerable: true, configurable: false };
    },
    defineProperty(t, key, desc) {
      if (symbolLike(key)) return Reflect.defineProperty(t, key, desc);
      ensureEvaluated();
      if (!exportSet.has(key)) return false;
      const value = valueOf(key);
      if (desc.configurable === true || desc.enumerable === false || desc.get !== undefined || desc.set !== undefined || desc.writable === false) return false;
      if ('get' in desc || 'set' in desc) return false;
      if ('value' in desc) return Object.is(desc.value, value);
      return true;
    },
    has(t, key) {
      if (symbolLike(key)) return Reflect.has(t, key);
      ensureEvaluated();
      return exportSet.has(key);
    },
    get(t, key) {
      if (symbolLike(key)) return Reflect.get(t, key);
      ensureEvaluated();
      if (!exportSet.has(key)) return undefined;
      return valueOf(key);
    },
    set: () => false,
    deleteProperty(t, key) {
      if (symbolLike(key)) return Reflect.deleteProperty(t, key);
      ensureEvaluated();
      return !exportSet.has(key);
    },
    ownKeys(t) {
      ensureEvaluated();
      return [...names, ...Object.getOwnPropertySymbols(t)];
    },
  };
  const ns = new Proxy(target, handler);
  namespaces.set(ns, module);
  // A context's namespace is a guest object: the membrane lets it cross to guest code as itself.
  if (!realm.isHost) markGuestObject(ns);
  return ns;
}
