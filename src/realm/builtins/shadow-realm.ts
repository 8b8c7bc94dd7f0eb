// %ShadowRealm% and %ShadowRealm.prototype% (the ShadowRealm proposal, stage 2.7). A ShadowRealm is a
// new vmjs Realm in the same agent: its own intrinsics and an ordinary global object (CreateRealm, as a
// context has), so its code shares the caller's step budget and timeout. It belongs to the realm that
// created it (Realm.creatorRealm): it uses that realm's job queue, rejection listener, code-generation
// setting and, for importValue and import(), the module loading of that realm's context.
import type { Realm } from '../realm.js';
import { createRealm } from '../intrinsics.js';
import { createBuiltinConstructor, createBuiltinFunction, defineTable, method, value } from '../builtin.js';
import { HasOwnProperty, NewPromiseCapability, OrdinaryCreateFromConstructor, PerformPromiseThen, ToString } from '../abstract-ops.js';
import { hooks } from '../evaluator-hooks.js';
import { GetWrappedValue, thrownDescription } from './wrapped-function.js';

/** [[ShadowRealm]] of ShadowRealm instances. */
const shadowRealms = new WeakMap<object, Realm>();

/** ValidateShadowRealmObject (sec-validateshadowrealmobject): O's [[ShadowRealm]]. */
function ValidateShadowRealmObject(realm: Realm, O: unknown, methodName: string): Realm {
  const inner = (typeof O === 'object' && O !== null) ? shadowRealms.get(O) : undefined;
  if (inner === undefined) realm.throwTypeError(`Method ShadowRealm.prototype.${methodName} called on incompatible receiver`);
  return inner;
}

/** The Realm of a new ShadowRealm (ShadowRealm ( ) steps 3–12): CreateRealm, SetDefaultGlobalBindings,
 * and HostInitializeShadowRealm, which here ties it to its creator. */
function createShadowRealmRealm(creator: Realm): Realm {
  const inner = createRealm();
  inner.creatorRealm = creator;
  inner.jobQueue = creator.jobQueue;
  inner.onUnhandledRejection = creator.onUnhandledRejection;
  inner.canCompileStrings = creator.canCompileStrings;
  inner.canBlock = creator.canBlock;
  return inner;
}

/** PerformShadowRealmEval (sec-performshadowrealmeval). */
function PerformShadowRealmEval(sourceText: string, callerRealm: Realm, evalRealm: Realm): unknown {
  const result = hooks.PerformShadowRealmEval(callerRealm, evalRealm, sourceText);
  if (!result.normal) callerRealm.throwTypeError(`ShadowRealm evaluation threw${thrownDescription(result.error)}`);
  return GetWrappedValue(callerRealm, result.value, evalRealm);
}

/** ShadowRealmImportValue (sec-shadowrealmimportvalue). */
function ShadowRealmImportValue(specifierString: string, exportNameString: string, callerRealm: Realm, evalRealm: Realm): object {
  const innerCapability = NewPromiseCapability(callerRealm, callerRealm.intrinsics.Promise);
  hooks.ImportModuleForRealm(evalRealm, specifierString, innerCapability);
  // ExportGetter functions.
  const onFulfilled = createBuiltinFunction(callerRealm, (exports: unknown): unknown => {
    const ns = exports as Record<string, unknown>;
    if (!HasOwnProperty(ns, exportNameString)) callerRealm.throwTypeError(`The module '${specifierString}' has no export named '${exportNameString}'`);
    return GetWrappedValue(callerRealm, ns[exportNameString], evalRealm);
  }, '', 1);
  // The spec rejects with callerRealm's %ThrowTypeError%; this is the same TypeError with a message
  // that says what failed.
  const onRejected = createBuiltinFunction(callerRealm, (reason: unknown): never =>
    callerRealm.throwTypeError(`Cannot import '${specifierString}' into the ShadowRealm${thrownDescription(reason)}`), '', 1);
  const promiseCapability = NewPromiseCapability(callerRealm, callerRealm.intrinsics.Promise);
  PerformPromiseThen(callerRealm, innerCapability.promise, onFulfilled, onRejected, promiseCapability);
  return promiseCapability.promise;
}

export function installShadowRealm(realm: Realm): void {
  const I = realm.intrinsics;
  const ShadowRealmPrototype = Object.create(I.ObjectPrototype) as object;
  I.ShadowRealmPrototype = ShadowRealmPrototype;

  // ShadowRealm ( )
  I.ShadowRealm = createBuiltinConstructor(realm, function ShadowRealm(this: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor ShadowRealm requires 'new'");
    const O = OrdinaryCreateFromConstructor(realm, new.target, 'ShadowRealmPrototype');
    shadowRealms.set(O, createShadowRealmRealm(realm));
    return O;
  }, 'ShadowRealm', 0, ShadowRealmPrototype);

  const proto = {
    // ShadowRealm.prototype.evaluate ( sourceText )
    evaluate(this: unknown, sourceText: unknown): unknown {
      const evalRealm = ValidateShadowRealmObject(realm, this, 'evaluate');
      if (typeof sourceText !== 'string') realm.throwTypeError('ShadowRealm.prototype.evaluate: the source text must be a string');
      return PerformShadowRealmEval(sourceText, realm, evalRealm);
    },
    // ShadowRealm.prototype.importValue ( specifier, exportName )
    importValue(this: unknown, specifier: unknown, exportName: unknown): object {
      const evalRealm = ValidateShadowRealmObject(realm, this, 'importValue');
      const specifierString = ToString(realm, specifier);
      if (typeof exportName !== 'string') realm.throwTypeError('ShadowRealm.prototype.importValue: the export name must be a string');
      return ShadowRealmImportValue(specifierString, exportName, realm, evalRealm);
    },
  };
  defineTable(realm, ShadowRealmPrototype, [
    method('evaluate', 1, proto.evaluate),
    method('importValue', 2, proto.importValue),
    value(Symbol.toStringTag, 'ShadowRealm', { writable: false }),
  ]);
}
