// import() in code that belongs to no Script or Module (made by the Function constructor, or by
// indirect eval): node uses the context's own `importModuleDynamically` (createContext's option),
// with the context object as the referrer; without one, import() rejects with
// ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING. A ShadowRealm's code, and its importValue, use the context
// that created the ShadowRealm.
import type { Realm } from '../realm/realm.js';
import { setRealmImportHost, type ScriptOrModuleHost } from '../interpreter/runtime/host-defined.js';
import type { VmContextRecord } from './context.js';
import { VmImportHost } from './dynamic-import.js';

const hosts = new WeakMap<Realm, ScriptOrModuleHost>();

setRealmImportHost((realm) => {
  let host = hosts.get(realm);
  if (host === undefined) {
    // A ShadowRealm's realm loads modules with the importModuleDynamically of the context its
    // outermost creator belongs to (node has no loader of its own for realms).
    let owner = realm;
    while (owner.creatorRealm !== null) owner = owner.creatorRealm;
    const record = owner.hostDefined as VmContextRecord | undefined;
    host = new VmImportHost(record?.contextObject, record?.importModuleDynamically);
    hosts.set(realm, host);
  }
  return host;
});
