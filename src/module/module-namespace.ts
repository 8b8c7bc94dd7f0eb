// Module namespace exotic objects (§10.4.6, sec-module-namespace-exotic-objects) and
// GetModuleNamespace (§16.2.1.12, sec-getmodulenamespace). Guest objects are host objects, so the
// exotic behaviour is a host Proxy over a frozen-shape target: a null-prototype, non-extensible
// object holding every export name as a non-configurable writable property and @@toStringTag, which
// keeps every Proxy invariant true while the traps report the live binding values.
import type { Realm } from '../realm/realm.js';
import { UNINIT } from '../interpreter/compile/scope.js';
import { Env, ImportCell } from '../interpreter/runtime/environment.js';
import { ScopeInfo } from '../interpreter/compile/scope.js';
import { AMBIGUOUS, NAMESPACE, type ModuleRecord } from './module-record.js';

/** GetModuleNamespace (§16.2.1.12): the module's namespace object, made once. */
export function GetModuleNamespace(module: ModuleRecord): object {
  if (module.namespace !== null) return module.namespace;
  const exportedNames = module.getExportedNames();
  const unambiguousNames: string[] = [];
  for (const name of exportedNames) {
    const resolution = module.resolveExport(name);
    if (resolution !== null && resolution !== AMBIGUOUS) unambiguousNames.push(name);
  }
  module.namespace = ModuleNamespaceCreate(module, unambiguousNames);
  return module.namespace;
}

const namespaces = new WeakSet<object>();

/** Whether `x` is a module namespace exotic object (node's util.types.isModuleNamespaceObject). */
export function isModuleNamespace(x: unknown): boolean {
  return typeof x === 'object' && x !== null && namespaces.has(x);
}

const namespaceScope = new ScopeInfo('module', null, true);

/** A cell holding a fixed value (a namespace object reached by `import * as` or `export * as`). */
export function valueCell(value: unknown): ImportCell {
  return new ImportCell(new Env(null, [value], namespaceScope), 0);
}

/** ModuleNamespaceCreate (§10.4.6.12): [[Exports]] sorted by code unit order. */
export function ModuleNamespaceCreate(module: ModuleRecord, exports: string[]): object {
  const realm: Realm = module.realm;
  const names = [...exports].sort();
  const exportSet = new Set(names);
  const target = Object.create(null) as Record<PropertyKey, unknown>;
  for (const name of names) Object.defineProperty(target, name, { value: undefined, writable: true, enumerable: true, configurable: false });
  // §28.3.1 @@toStringTag
  Object.defineProperty(target, Symbol.toStringTag, { value: 'Module', writable: false, enumerable: false, configurable: false });
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
  const handler: ProxyHandler<Record<PropertyKey, unknown>> = {
    getPrototypeOf: () => null,
    setPrototypeOf: (_t, proto) => proto === null,
    isExtensible: () => false,
    preventExtensions: () => true,
    getOwnPropertyDescriptor(t, key) {
      if (typeof key === 'symbol') return Reflect.getOwnPropertyDescriptor(t, key);
      if (!exportSet.has(key)) return undefined;
      return { value: valueOf(key), writable: true, enumerable: true, configurable: false };
    },
    defineProperty(t, key, desc) {
      if (typeof key === 'symbol') return Reflect.defineProperty(t, key, desc);
      if (!exportSet.has(key)) return false;
      const value = valueOf(key);
      if (desc.configurable === true || desc.enumerable === false || desc.get !== undefined || desc.set !== undefined || desc.writable === false) return false;
      if ('get' in desc || 'set' in desc) return false;
      if ('value' in desc) return Object.is(desc.value, value);
      return true;
    },
    has(t, key) {
      if (typeof key === 'symbol') return Reflect.has(t, key);
      return exportSet.has(key);
    },
    get(t, key) {
      if (typeof key === 'symbol') return Reflect.get(t, key);
      if (!exportSet.has(key)) return undefined;
      return valueOf(key);
    },
    set: () => false,
    deleteProperty(t, key) {
      if (typeof key === 'symbol') return Reflect.deleteProperty(t, key);
      return !exportSet.has(key);
    },
    ownKeys(t) {
      return [...names, ...Object.getOwnPropertySymbols(t)];
    },
  };
  const ns = new Proxy(target, handler);
  namespaces.add(ns);
  return ns;
}
