// %AsyncDisposableStack% and %AsyncDisposableStack.prototype% (ES2026 §27.4,
// sec-asyncdisposablestack-objects). disposeAsync runs DisposeResources with its Awaits as promise
// continuations (abstract-ops/disposal.ts). Its internal slots live in a WeakMap.
import type { Realm } from '../realm.js';
import { recordOpaque } from '../hidden-referents.js';
import { createBuiltinConstructor, createBuiltinFunction, defineTable, accessor, method, value } from '../builtin.js';
import { Call, IsCallable, NewPromiseCapability, OrdinaryCreateFromConstructor, describeValue, isObject } from '../abstract-ops.js';
import { AddDisposableResource, DisposeResourcesAsync, NewDisposeCapability, type DisposeCapability } from '../abstract-ops/disposal.js';
import { ObjectDefineProperty, ReflectApply, SymbolAsyncDispose } from '../primordials.js';

/** [[AsyncDisposableState]] and [[DisposeCapability]]. */
interface AsyncDisposableStackSlots {
  state: 'pending' | 'disposed';
  capability: DisposeCapability;
}

const slots = new WeakMap<object, AsyncDisposableStackSlots>();

export function installAsyncDisposableStack(realm: Realm): void {
  const I = realm.intrinsics;
  const AsyncDisposableStackPrototype = Object.create(I.ObjectPrototype) as object;
  I.AsyncDisposableStackPrototype = AsyncDisposableStackPrototype;

  const incompatible = (O: unknown, name: string): string =>
    `Method AsyncDisposableStack.prototype.${name} called on incompatible receiver ${describeValue(O)}`;
  /** RequireInternalSlot(asyncDisposableStack, [[AsyncDisposableState]]) (§7.3.31). */
  const thisStack = (O: unknown, name: string): AsyncDisposableStackSlots => {
    const s = isObject(O) ? slots.get(O) : undefined;
    if (s === undefined) realm.throwTypeError(incompatible(O, name));
    return s;
  };
  const pendingStack = (O: unknown, name: string): AsyncDisposableStackSlots => {
    const s = thisStack(O, name);
    if (s.state === 'disposed') realm.throwReferenceError(`Cannot call AsyncDisposableStack.prototype.${name} on an already-disposed AsyncDisposableStack`);
    return s;
  };
  const create = (newTarget: Function, capability: DisposeCapability): object => {
    const O = OrdinaryCreateFromConstructor(realm, newTarget, 'AsyncDisposableStackPrototype');
    slots.set(O, { state: 'pending', capability });
    // Its [[DisposeCapability]] (the resources and callbacks adopted) is not seen by the walk.
    recordOpaque(realm, O, 'an AsyncDisposableStack');
    return O;
  };

  // §27.4.1.1 AsyncDisposableStack ( )
  const AsyncDisposableStackCtor: Function = createBuiltinConstructor(realm, function AsyncDisposableStack(this: unknown): object {
    if (new.target === undefined) realm.throwTypeError("Constructor AsyncDisposableStack requires 'new'");
    return create(new.target, NewDisposeCapability());
  }, 'AsyncDisposableStack', 0, AsyncDisposableStackPrototype);
  I.AsyncDisposableStack = AsyncDisposableStackCtor;

  const proto = {
    // §27.4.3.1 AsyncDisposableStack.prototype.adopt ( value, onDisposeAsync )
    adopt(this: unknown, value: unknown, onDisposeAsync: unknown): unknown {
      const s = pendingStack(this, 'adopt');
      if (!IsCallable(onDisposeAsync)) realm.throwTypeError(`${describeValue(onDisposeAsync)} is not a function`);
      const F = createBuiltinFunction(realm, { closure: (): unknown => Call(onDisposeAsync, undefined, [value]) }.closure, '', 0);
      AddDisposableResource(realm, s.capability, undefined, 'async-dispose', F);
      return value;
    },
    // §27.4.3.2 AsyncDisposableStack.prototype.defer ( onDisposeAsync )
    defer(this: unknown, onDisposeAsync: unknown): undefined {
      const s = pendingStack(this, 'defer');
      if (!IsCallable(onDisposeAsync)) realm.throwTypeError(`${describeValue(onDisposeAsync)} is not a function`);
      AddDisposableResource(realm, s.capability, undefined, 'async-dispose', onDisposeAsync);
      return undefined;
    },
    // §27.4.3.3 AsyncDisposableStack.prototype.disposeAsync ( )
    disposeAsync(this: unknown): object {
      const promiseCapability = NewPromiseCapability(realm, I.Promise);
      const s = isObject(this) ? slots.get(this) : undefined;
      if (s === undefined) {
        ReflectApply(promiseCapability.reject, undefined, [realm.newError('TypeError', incompatible(this, 'disposeAsync'))]);
      } else if (s.state === 'disposed') {
        ReflectApply(promiseCapability.resolve, undefined, [undefined]);
      } else {
        s.state = 'disposed';
        DisposeResourcesAsync(realm, s.capability, promiseCapability);
      }
      return promiseCapability.promise;
    },
    // §27.4.3.4 get AsyncDisposableStack.prototype.disposed
    disposed(this: unknown): boolean {
      return thisStack(this, 'disposed').state === 'disposed';
    },
    // §27.4.3.5 AsyncDisposableStack.prototype.move ( )
    move(this: unknown): object {
      const s = pendingStack(this, 'move');
      const newAsyncDisposableStack = create(AsyncDisposableStackCtor, s.capability);
      s.capability = NewDisposeCapability();
      s.state = 'disposed';
      return newAsyncDisposableStack;
    },
    // §27.4.3.6 AsyncDisposableStack.prototype.use ( value )
    use(this: unknown, value: unknown): unknown {
      const s = pendingStack(this, 'use');
      AddDisposableResource(realm, s.capability, value, 'async-dispose');
      return value;
    },
  };
  defineTable(realm, AsyncDisposableStackPrototype, [
    method('adopt', 2, proto.adopt),
    method('defer', 1, proto.defer),
    method('disposeAsync', 0, proto.disposeAsync),
    accessor('disposed', proto.disposed),
    method('move', 0, proto.move),
    method('use', 1, proto.use),
    value(Symbol.toStringTag, 'AsyncDisposableStack', { writable: false }),
  ]);
  // §27.4.3.7 AsyncDisposableStack.prototype [ @@asyncDispose ] ( ): the same function object as disposeAsync.
  ObjectDefineProperty(AsyncDisposableStackPrototype, SymbolAsyncDispose, {
    value: (AsyncDisposableStackPrototype as { disposeAsync: unknown }).disposeAsync, writable: true, enumerable: false, configurable: true,
  });
}
