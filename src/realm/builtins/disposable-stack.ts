// %DisposableStack% and %DisposableStack.prototype% (ES2026 §27.3, sec-disposablestack-objects): a
// DisposeCapability a program fills and disposes itself. Its internal slots live in a WeakMap.
import type { Realm } from '../realm.js';
import { recordOpaque } from '../hidden-referents.js';
import { createBuiltinConstructor, createBuiltinFunction, defineTable, accessor, method, value } from '../builtin.js';
import { Call, IsCallable, OrdinaryCreateFromConstructor, describeValue, isObject } from '../abstract-ops.js';
import { AddDisposableResource, DisposeResourcesSync, NewDisposeCapability, type DisposeCapability } from '../abstract-ops/disposal.js';
import { ObjectDefineProperty, SymbolDispose } from '../primordials.js';

/** [[DisposableState]] and [[DisposeCapability]]. */
interface DisposableStackSlots {
  state: 'pending' | 'disposed';
  capability: DisposeCapability;
}

const slots = new WeakMap<object, DisposableStackSlots>();

export function installDisposableStack(realm: Realm): void {
  const I = realm.intrinsics;
  const DisposableStackPrototype = Object.create(I.ObjectPrototype) as object;
  I.DisposableStackPrototype = DisposableStackPrototype;

  /** RequireInternalSlot(disposableStack, [[DisposableState]]) (§7.3.31), with the method's name in the error. */
  const thisStack = (O: unknown, name: string): DisposableStackSlots => {
    const s = isObject(O) ? slots.get(O) : undefined;
    if (s === undefined) realm.throwTypeError(`Method DisposableStack.prototype.${name} called on incompatible receiver ${describeValue(O)}`);
    return s;
  };
  const pendingStack = (O: unknown, name: string): DisposableStackSlots => {
    const s = thisStack(O, name);
    if (s.state === 'disposed') realm.throwReferenceError(`Cannot call DisposableStack.prototype.${name} on an already-disposed DisposableStack`);
    return s;
  };
  const create = (newTarget: Function, capability: DisposeCapability): object => {
    const O = OrdinaryCreateFromConstructor(realm, newTarget, 'DisposableStackPrototype');
    slots.set(O, { state: 'pending', capability });
    // Its [[DisposeCapability]] (the resources and callbacks adopted) is not seen by the walk.
    recordOpaque(realm, O, 'a DisposableStack');
    return O;
  };

  // §27.3.1.1 DisposableStack ( )
  const DisposableStackCtor: Function = createBuiltinConstructor(realm, function DisposableStack(this: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor DisposableStack requires 'new'");
    return create(new.target, NewDisposeCapability());
  }, 'DisposableStack', 0, DisposableStackPrototype);
  I.DisposableStack = DisposableStackCtor;

  const proto = {
    // §27.3.3.1 DisposableStack.prototype.adopt ( value, onDispose )
    adopt(this: unknown, value: unknown, onDispose: unknown): unknown {
      const s = pendingStack(this, 'adopt');
      if (!IsCallable(onDispose)) realm.throwTypeError(`${describeValue(onDispose)} is not a function`);
      const F = createBuiltinFunction(realm, { closure: (): unknown => Call(onDispose, undefined, [value]) }.closure, '', 0);
      AddDisposableResource(realm, s.capability, undefined, 'sync-dispose', F);
      return value;
    },
    // §27.3.3.2 DisposableStack.prototype.defer ( onDispose )
    defer(this: unknown, onDispose: unknown): undefined {
      const s = pendingStack(this, 'defer');
      if (!IsCallable(onDispose)) realm.throwTypeError(`${describeValue(onDispose)} is not a function`);
      AddDisposableResource(realm, s.capability, undefined, 'sync-dispose', onDispose);
      return undefined;
    },
    // §27.3.3.3 DisposableStack.prototype.dispose ( )
    dispose(this: unknown): undefined {
      const s = thisStack(this, 'dispose');
      if (s.state === 'disposed') return undefined;
      s.state = 'disposed';
      DisposeResourcesSync(realm, s.capability, false, undefined);
      return undefined;
    },
    // §27.3.3.4 get DisposableStack.prototype.disposed
    disposed(this: unknown): boolean {
      return thisStack(this, 'disposed').state === 'disposed';
    },
    // §27.3.3.5 DisposableStack.prototype.move ( )
    move(this: unknown): object {
      const s = pendingStack(this, 'move');
      const newDisposableStack = create(DisposableStackCtor, s.capability);
      s.capability = NewDisposeCapability();
      s.state = 'disposed';
      return newDisposableStack;
    },
    // §27.3.3.6 DisposableStack.prototype.use ( value )
    use(this: unknown, value: unknown): unknown {
      const s = pendingStack(this, 'use');
      AddDisposableResource(realm, s.capability, value, 'sync-dispose');
      return value;
    },
  };
  defineTable(realm, DisposableStackPrototype, [
    method('adopt', 2, proto.adopt),
    method('defer', 1, proto.defer),
    method('dispose', 0, proto.dispose),
    accessor('disposed', proto.disposed),
    method('move', 0, proto.move),
    method('use', 1, proto.use),
    value(Symbol.toStringTag, 'DisposableStack', { writable: false }),
  ]);
  // §27.3.3.7 DisposableStack.prototype [ @@dispose ] ( ): the same function object as `dispose`.
  ObjectDefineProperty(DisposableStackPrototype, SymbolDispose, {
    value: (DisposableStackPrototype as { dispose: unknown }).dispose, writable: true, enumerable: false, configurable: true,
  });
}
