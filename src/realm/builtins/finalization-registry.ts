// %FinalizationRegistry% and its prototype (ECMA-262 §26.2). A realm's registry is a host
// FinalizationRegistry with the realm's prototype. The host decides when a target is collected; its
// callback does not run guest code itself: it enqueues a job (HostEnqueueFinalizationRegistryCleanupJob,
// §9.10.4.1) on the realm's queue, so the cleanup callback runs as a guest job like a promise
// reaction, inside an afterEvaluate context's budget, and what it throws never reaches the host.
import { recordOpaque } from '../hidden-referents.js';
import type { Realm } from '../realm.js';
import { createBuiltinConstructor, defineTable, method, value } from '../builtin.js';
import { GetPrototypeFromConstructor, IsCallable, describeValue } from '../abstract-ops.js';
import { CanBeHeldWeakly } from './weakref.js';
import {
  FinalizationRegistryPrototypeRegister, FinalizationRegistryPrototypeUnregister, HostFinalizationRegistry, ObjectSetPrototypeOf,
  ReflectApply,
} from '../primordials.js';

export function installFinalizationRegistry(realm: Realm): void {
  const I = realm.intrinsics;
  const FinalizationRegistryPrototype = Object.create(I.ObjectPrototype) as object;
  I.FinalizationRegistryPrototype = FinalizationRegistryPrototype;

  // §26.2.1.1 FinalizationRegistry ( cleanupCallback )
  const Ctor = createBuiltinConstructor(realm, function FinalizationRegistry(this: unknown, cleanupCallback: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor FinalizationRegistry requires 'new'");
    if (!IsCallable(cleanupCallback)) realm.throwTypeError('FinalizationRegistry: cleanup must be callable');
    const proto = GetPrototypeFromConstructor(realm, new.target, 'FinalizationRegistryPrototype');
    // The job runs the callback the registry was made with ([[CleanupCallback]]), on the realm's queue
    // (read when the job is enqueued: an afterEvaluate context's own queue).
    const registry = new HostFinalizationRegistry((heldValue: unknown) => {
      realm.jobQueue.enqueue({ run: () => { ReflectApply(cleanupCallback, undefined, [heldValue]); }, realm });
    });
    ObjectSetPrototypeOf(registry, proto);
    return registry;
  }, 'FinalizationRegistry', 1, FinalizationRegistryPrototype);
  I.FinalizationRegistry = Ctor;

  // RequireInternalSlot(O, [[Cells]]) before the arguments are looked at: the host's unregister of a
  // fresh token checks the brand and changes nothing.
  const brand = (O: unknown, name: string): void => {
    try {
      ReflectApply(FinalizationRegistryPrototypeUnregister, O, [{}]);
    } catch {
      realm.throwTypeError(`Method FinalizationRegistry.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
    }
  };
  const proto = {
    // §26.2.3.2 FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] )
    register(this: unknown, target: unknown, heldValue: unknown, unregisterToken?: unknown): undefined {
      brand(this, 'register');
      if (!CanBeHeldWeakly(target)) realm.throwTypeError('FinalizationRegistry.prototype.register: invalid target');
      if (Object.is(target, heldValue)) realm.throwTypeError('FinalizationRegistry.prototype.register: target and holdings must not be same');
      if (!CanBeHeldWeakly(unregisterToken) && unregisterToken !== undefined) {
        realm.throwTypeError(`Invalid unregisterToken ('${describeValue(unregisterToken)}')`);
      }
      ReflectApply(FinalizationRegistryPrototypeRegister, this, unregisterToken === undefined ? [target, heldValue] : [target, heldValue, unregisterToken]);
      // The host keeps heldValue in a cell the retained-memory walk cannot read.
      recordOpaque(realm, this as object);
      return undefined;
    },
    // §26.2.3.3 FinalizationRegistry.prototype.unregister ( unregisterToken )
    unregister(this: unknown, unregisterToken: unknown): boolean {
      brand(this, 'unregister');
      if (!CanBeHeldWeakly(unregisterToken)) realm.throwTypeError(`Invalid unregisterToken ('${describeValue(unregisterToken)}')`);
      return ReflectApply(FinalizationRegistryPrototypeUnregister, this, [unregisterToken]) as boolean;
    },
  };
  defineTable(realm, FinalizationRegistryPrototype, [
    method('register', 2, proto.register),
    method('unregister', 1, proto.unregister),
    value(Symbol.toStringTag, 'FinalizationRegistry', { writable: false }),
  ]);
}
