// import() (§13.3.10.1 EvaluateImportCall): the specifier and the `with` attributes are read here,
// every failure rejecting the returned promise; loading, linking and evaluating the module belong to
// the host hook of the running Script or Module (runtime/host-defined.ts).
import type { Frame } from './frame.js';
import type { Realm } from '../../realm/realm.js';
import { Termination } from '../../realm/agent.js';
import { toRealmError } from '../../realm/host-errors.js';
import { ToString } from '../../realm/abstract-ops/type-conversion.js';
import { NewPromiseCapability, type PromiseCapability } from '../../realm/abstract-ops/promise-operations.js';
import { ReflectApply } from '../../realm/primordials.js';
import { realmImportHost, type ImportAttributes, type ImportPhase } from './host-defined.js';

/** EvaluateImportCall steps 4 onward, with the specifier and options already evaluated. */
export function EvaluateImportCall(f: Frame, specifier: unknown, options: unknown, phase: ImportPhase = 'evaluation'): object {
  const realm = f.realm;
  const capability = NewPromiseCapability(realm, realm.intrinsics.Promise);
  let specifierString: string;
  let attributes: ImportAttributes;
  try {
    specifierString = ToString(realm, specifier);
    attributes = importAttributesOf(realm, options);
  } catch (e) {
    rejectWith(realm, capability, e);
    return capability.promise;
  }
  const host = f.source?.host ?? realmImportHost(realm);
  if (host === undefined || host === null) {
    rejectWith(realm, capability, realm.newError('TypeError', `Cannot import '${specifierString}': no module loader for this code`));
    return capability.promise;
  }
  host.importDynamically(realm, specifierString, attributes, capability, phase);
  return capability.promise;
}

/** Steps 10–11: the `with` object's own enumerable string-keyed properties, every value a string. */
function importAttributesOf(realm: Realm, options: unknown): ImportAttributes {
  if (options === undefined) return [];
  if ((typeof options !== 'object' && typeof options !== 'function') || options === null) {
    realm.throwTypeError('The second argument to import() must be an object');
  }
  const attributesObj = (options as { with?: unknown }).with;
  if (attributesObj === undefined) return [];
  if ((typeof attributesObj !== 'object' && typeof attributesObj !== 'function') || attributesObj === null) {
    realm.throwTypeError("The 'with' option must be an object");
  }
  const out: Array<[string, string]> = [];
  for (const key of Reflect.ownKeys(attributesObj)) {
    if (typeof key !== 'string') continue;
    const desc = Reflect.getOwnPropertyDescriptor(attributesObj, key);
    if (desc === undefined || !desc.enumerable) continue;
    const value = (attributesObj as Record<string, unknown>)[key];
    if (typeof value !== 'string') realm.throwTypeError('Import attribute value must be a string');
    out.push([key, value]);
  }
  return out;
}

function rejectWith(realm: Realm, capability: PromiseCapability, e: unknown): void {
  if (e instanceof Termination) throw e;
  ReflectApply(capability.reject, undefined, [toRealmError(realm, e)]);
}
