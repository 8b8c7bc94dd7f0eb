// Array.fromAsync ( asyncItems [ , mapfn [ , thisArg ] ] ) (ES2026 §23.1.2.2, sec-array.fromasync).
//
// The spec writes it as an Abstract Closure run by AsyncFunctionStart, with Awaits in its loops. A
// builtin is host code and cannot suspend, so the closure is written here in continuation-passing
// style: each Await is PromiseResolve + PerformPromiseThen on the realm's %Promise% (exactly what
// Await does, §27.7.5.3), and what follows it is the continuation. The job queue, the order of
// observable operations and the number of ticks are the spec's.
import type { Realm } from '../realm.js';
import { recordOpaque } from '../hidden-referents.js';
import { Termination } from '../agent.js';
import { toRealmError } from '../host-errors.js';
import {
  Call, Construct, CreateDataPropertyOrThrow, Get, GetIteratorFromMethod, GetMethod, IsCallable, IsConstructor,
  IteratorComplete, IteratorValue, LengthOfArrayLike, MAX_SAFE_INTEGER, NewPromiseCapability, PerformPromiseThen,
  PromiseResolve, SetProperty, ToObject, describeValue, isObject, type IteratorRecord, type PromiseCapability,
} from '../abstract-ops.js';
import { CreateAsyncFromSyncIterator } from './async-from-sync-iterator.js';
import { arrayCreate } from './array.js';
import { ReflectApply, SymbolAsyncIterator, SymbolIterator } from '../primordials.js';

type Continuation = (value: unknown) => void;

/** Array.fromAsync: returns the promise at once; everything else runs as the closure would. */
export function arrayFromAsync(realm: Realm, C: unknown, args: unknown[]): object {
  const [asyncItems, mapfn, thisArg] = args;
  const capability = NewPromiseCapability(realm, realm.intrinsics.Promise);
  // Its pending work is held by host closures on the promises it awaits, which any guest value may
  // keep: the realm is opaque from then on (as with a module).
  recordOpaque(realm, realm, 'a context that called Array.fromAsync');
  new FromAsync(realm, capability, C, asyncItems, mapfn, thisArg).start();
  return capability.promise;
}

/** One run of the fromAsync closure: its captured values and its loop state. */
class FromAsync {
  private A: object = undefined as unknown as object;
  private k = 0;
  private iteratorRecord: IteratorRecord | undefined = undefined;
  private arrayLike: object | undefined = undefined;
  private len = 0;
  private readonly mapping: boolean;

  constructor(
    private readonly realm: Realm,
    private readonly capability: PromiseCapability,
    private readonly C: unknown,
    private readonly asyncItems: unknown,
    private readonly mapfn: unknown,
    private readonly thisArg: unknown,
  ) {
    this.mapping = mapfn !== undefined;
  }

  /** AsyncFunctionStart: the closure's synchronous part, up to its first Await. */
  start(): void {
    this.guard(() => {
      const { realm, asyncItems } = this;
      // Step 3.b
      if (this.mapping && !IsCallable(this.mapfn)) realm.throwTypeError(`${describeValue(this.mapfn)} is not a function`);
      // Steps 3.c-g
      const usingAsyncIterator = GetMethod(realm, asyncItems, SymbolAsyncIterator);
      const usingSyncIterator = usingAsyncIterator === undefined ? GetMethod(realm, asyncItems, SymbolIterator) : undefined;
      if (usingAsyncIterator !== undefined) {
        this.iteratorRecord = GetIteratorFromMethod(realm, asyncItems, usingAsyncIterator);
      } else if (usingSyncIterator !== undefined) {
        this.iteratorRecord = CreateAsyncFromSyncIterator(realm, GetIteratorFromMethod(realm, asyncItems, usingSyncIterator));
      }
      if (this.iteratorRecord !== undefined) {
        // Step 3.h: from an iterator.
        this.A = IsConstructor(this.C) ? Construct(this.C) : arrayCreate(realm, 0);
        this.iteratorStep();
        return;
      }
      // Step 3.i: an array-like (asyncItems is neither async-iterable nor iterable).
      this.arrayLike = ToObject(realm, asyncItems);
      this.len = LengthOfArrayLike(realm, this.arrayLike);
      this.A = IsConstructor(this.C) ? Construct(this.C, [this.len]) : arrayCreate(realm, this.len);
      this.arrayLikeStep();
    });
  }

  /** Step 3.h.iv: one turn of the iterator loop, up to its Await of the next result. */
  private iteratorStep(): void {
    const { realm } = this;
    const rec = this.iteratorRecord!;
    if (this.k >= MAX_SAFE_INTEGER) {
      this.closeThenReject(realm.newError('TypeError', 'Array.fromAsync: too many elements'));
      return;
    }
    const nextResult = Call(rec.nextMethod as Function, rec.iterator);
    this.await(nextResult, (awaited) => {
      if (!isObject(awaited)) realm.throwTypeError(`Iterator result ${describeValue(awaited)} is not an object`);
      const result = awaited as object;
      if (IteratorComplete(result)) {
        SetProperty(realm, this.A, 'length', this.k);
        this.resolve(this.A);
        return;
      }
      const nextValue = IteratorValue(result);
      if (!this.mapping) { this.defineFromIterator(nextValue); return; }
      // Steps 9.a-d: IfAbruptCloseAsyncIterator around the call and around its Await.
      let mapped: unknown;
      try {
        mapped = Call(this.mapfn as Function, this.thisArg, [nextValue, this.k]);
      } catch (e) {
        this.closeThenReject(e);
        return;
      }
      this.await(mapped, (v) => this.defineFromIterator(v), (e) => this.closeThenReject(e));
    });
  }

  /** Steps 3.h.iv.11-13: CreateDataPropertyOrThrow, closing the iterator if it fails, and the next turn. */
  private defineFromIterator(value: unknown): void {
    try {
      CreateDataPropertyOrThrow(this.realm, this.A, this.k, value);
    } catch (e) {
      this.closeThenReject(e);
      return;
    }
    this.k++;
    this.iteratorStep();
  }

  /** Step 3.i.vii: one turn of the array-like loop (Get, Await, map, Await, define), or its end. */
  private arrayLikeStep(): void {
    const { realm } = this;
    if (this.k >= this.len) {
      SetProperty(realm, this.A, 'length', this.len);
      this.resolve(this.A);
      return;
    }
    const kValue = Get(this.arrayLike!, String(this.k));
    this.await(kValue, (v) => {
      if (!this.mapping) { this.defineFromArrayLike(v); return; }
      const mapped = Call(this.mapfn as Function, this.thisArg, [v, this.k]);
      this.await(mapped, (m) => this.defineFromArrayLike(m));
    });
  }

  private defineFromArrayLike(value: unknown): void {
    CreateDataPropertyOrThrow(this.realm, this.A, this.k, value);
    this.k++;
    this.arrayLikeStep();
  }

  /** AsyncIteratorClose (§7.4.13, sec-asynciteratorclose) with a throw completion, then the rejection:
   * the completion wins over anything `return` does, but a `return` result is still awaited. */
  private closeThenReject(error: unknown): void {
    const iterator = this.iteratorRecord!.iterator;
    let returnResult: unknown;
    try {
      const ret = GetMethod(this.realm, iterator, 'return');
      if (ret === undefined) { this.reject(error); return; }
      returnResult = Call(ret, iterator);
    } catch (e) {
      if (e instanceof Termination) throw e;
      this.reject(error);
      return;
    }
    const rejectWithError = (): void => this.reject(error);
    this.await(returnResult, rejectWithError, rejectWithError);
  }

  /** Await(value) (§27.7.5.3, sec-await), then `onFulfilled` or `onRejected` (default: the closure's
   * abrupt completion, which rejects). A PromiseResolve that throws is an abrupt Await. */
  private await(value: unknown, onFulfilled: Continuation, onRejected: Continuation = (e) => this.reject(e)): void {
    let promise: object;
    try {
      promise = PromiseResolve(this.realm, this.realm.intrinsics.Promise as Function, value);
    } catch (e) {
      if (e instanceof Termination) throw e;
      this.guard(() => onRejected(toRealmError(this.realm, e)));
      return;
    }
    PerformPromiseThen(
      this.realm, promise,
      (v: unknown) => this.guard(() => onFulfilled(v)),
      (e: unknown) => this.guard(() => onRejected(e)),
    );
  }

  /** Runs a piece of the closure: an exception it throws is the closure's abrupt completion. */
  private guard(piece: () => void): void {
    try {
      piece();
    } catch (e) {
      if (e instanceof Termination) throw e;
      this.reject(toRealmError(this.realm, e));
    }
  }

  private resolve(value: unknown): void { ReflectApply(this.capability.resolve, undefined, [value]); }
  private reject(reason: unknown): void { ReflectApply(this.capability.reject, undefined, [reason]); }
}
