// The disposal methods of the iterator prototypes (ES2026 §27.1.4.15 %Iterator.prototype% [ @@dispose ],
// §27.1.3.1 %AsyncIteratorPrototype% [ @@asyncDispose ]): `using it = iter` closes the iterator.
import type { Realm } from '../realm.js';
import { createBuiltinFunction, defineTable, method } from '../builtin.js';
import { Call, GetMethod, NewPromiseCapability, PerformPromiseThen, PromiseResolve } from '../abstract-ops.js';
import { toRealmError } from '../host-errors.js';
import { Termination } from '../agent.js';
import { ReflectApply, SymbolAsyncDispose, SymbolDispose } from '../primordials.js';

export function installIteratorDisposal(realm: Realm): void {
  const I = realm.intrinsics;
  const methods = {
    // %Iterator.prototype% [ @@dispose ] ( ) (sec-%iteratorprototype%-@@dispose)
    [SymbolDispose](this: unknown): undefined {
      const O = this;
      const ret = GetMethod(realm, O, 'return');
      if (ret !== undefined) Call(ret, O);
      return undefined;
    },
    // %AsyncIteratorPrototype% [ @@asyncDispose ] ( ) (sec-%asynciteratorprototype%-@@asyncdispose)
    [SymbolAsyncDispose](this: unknown): object {
      const O = this;
      const promiseCapability = NewPromiseCapability(realm, I.Promise);
      const reject = (e: unknown): object => {
        if (e instanceof Termination) throw e;
        ReflectApply(promiseCapability.reject, undefined, [toRealmError(realm, e)]);
        return promiseCapability.promise;
      };
      let ret: Function | undefined;
      try { ret = GetMethod(realm, O, 'return'); } catch (e) { return reject(e); }
      if (ret === undefined) {
        ReflectApply(promiseCapability.resolve, undefined, [undefined]);
        return promiseCapability.promise;
      }
      let resultWrapper: object;
      try {
        const result = Call(ret, O);
        resultWrapper = PromiseResolve(realm, I.Promise as Function, result);
      } catch (e) {
        return reject(e);
      }
      const onFulfilled = createBuiltinFunction(realm, { unwrap: (): undefined => undefined }.unwrap, '', 1);
      PerformPromiseThen(realm, resultWrapper, onFulfilled, undefined, promiseCapability);
      return promiseCapability.promise;
    },
  };
  defineTable(realm, I.IteratorPrototype, [method(SymbolDispose, 0, methods[SymbolDispose])]);
  defineTable(realm, I.AsyncIteratorPrototype as object, [method(SymbolAsyncDispose, 0, methods[SymbolAsyncDispose])]);
}
