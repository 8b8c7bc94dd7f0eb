// V8's CallSite objects, what Error.prepareStackTrace(error, callSites) receives: one per captured guest
// frame, each an object of the realm with the realm's own %CallSite.prototype% (V8 has no global
// CallSite; its prototype's `constructor` throws). They describe guest frames only; getThis and
// getFunction answer undefined for strict code (as V8) and for frames of another realm, so no host
// value or other realm's function is reachable through them.
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method } from '../builtin.js';
import { CreateArrayFromList } from '../abstract-ops.js';
import { ObjectCreate } from '../primordials.js';
import { callSiteText, setCallSiteFactory, type CallSiteRecord } from '../stack-trace.js';

const records = new WeakMap<object, CallSiteRecord>();

function recordOf(realm: Realm, o: unknown, name: string): CallSiteRecord {
  const r = typeof o === 'object' && o !== null ? records.get(o) : undefined;
  if (r === undefined) realm.throwTypeError(`CallSite method ${name} expects CallSite as receiver`);
  return r;
}

/** The realm's CallSite objects for `frames`, in a realm array. */
export function makeCallSites(realm: Realm, frames: readonly CallSiteRecord[]): object {
  const proto = realm.intrinsics.CallSitePrototype as object;
  const list: object[] = [];
  for (const r of frames) {
    const cs = ObjectCreate(proto) as object;
    records.set(cs, r);
    list.push(cs);
  }
  return CreateArrayFromList(realm, list);
}

/** Installs %CallSite.prototype% (reachable only through the CallSite objects). */
setCallSiteFactory(makeCallSites);

export function installCallSite(realm: Realm): void {
  const proto = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;
  realm.intrinsics.CallSitePrototype = proto;
  createBuiltinConstructor(realm, function CallSite(): never {
    return realm.throwTypeError('Illegal constructor');
  }, 'CallSite', 0, proto);
  const visible = (r: CallSiteRecord): boolean => r.realm === realm && !r.strict;
  const get = <T>(name: string, read: (r: CallSiteRecord) => T) => method(name, 0, {
    [name](this: unknown): T { return read(recordOf(realm, this, name)); },
  }[name]);
  defineTable(realm, proto, [
    get('getThis', (r) => (visible(r) ? r.thisValue : undefined)),
    get('getTypeName', (r) => r.typeName),
    get('getFunction', (r) => (visible(r) ? r.fn : undefined)),
    get('getFunctionName', (r) => r.functionName),
    get('getMethodName', (r) => r.methodName),
    get('getFileName', (r) => r.fileName),
    get('getLineNumber', (r) => r.line),
    get('getColumnNumber', (r) => r.column),
    get('getEvalOrigin', (r) => r.evalOrigin),
    get('isToplevel', (r) => r.isToplevel),
    get('isEval', (r) => r.isEval),
    get('isNative', () => false),
    get('isConstructor', (r) => r.isConstructor),
    get('isAsync', (r) => r.isAsync),
    get('isPromiseAll', (r) => r.isPromiseAll),
    get('getPromiseIndex', (r) => r.promiseIndex),
    get('getScriptNameOrSourceURL', (r) => r.fileName),
    get('getScriptHash', () => ''),
    get('getEnclosingColumnNumber', (r) => r.enclosingColumn),
    get('getEnclosingLineNumber', (r) => r.enclosingLine),
    get('getPosition', (r) => r.position),
    get('toString', (r) => callSiteText(r)),
  ]);
}
