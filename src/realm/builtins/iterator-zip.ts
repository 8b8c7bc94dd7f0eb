// Iterator.zip and Iterator.zipKeyed (the Joint Iteration proposal, test262 feature joint-iteration;
// https://tc39.es/proposal-joint-iteration/, sec-iterator.zip, sec-iterator.zipkeyed).
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import {
  CreateArrayFromList, CreateDataPropertyOrThrow, DONE, Get, GetIterator, IteratorClose, IteratorCloseAll, IteratorStep,
  IteratorStepValue, describeValue, isObject, type IteratorRecord,
} from '../abstract-ops.js';
import { CreateIteratorHelper, GetIteratorFlattenable } from './iterator.js';
import { markGuestObject } from '../membrane.js';
import { ObjectCreate, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys } from '../primordials.js';

type ZipMode = 'shortest' | 'longest' | 'strict';

/** IfAbruptCloseIterators: runs `f`; if it throws, closes `iters` (IteratorCloseAll) and throws. */
function closingAll<T>(realm: Realm, iters: readonly IteratorRecord[], f: () => T): T {
  try {
    return f();
  } catch (e) {
    IteratorCloseAll(realm, iters, { value: e });
    throw e;
  }
}

/** Steps 1-7 shared by zip and zipKeyed: the iterables check, GetOptionsObject, `mode` and `padding`. */
function readZipOptions(realm: Realm, name: string, iterables: unknown, options: unknown): { mode: ZipMode; paddingOption: unknown } {
  if (!isObject(iterables)) realm.throwTypeError(`Iterator.${name}: ${describeValue(iterables)} is not an object`);
  // GetOptionsObject (sec-getoptionsobject)
  if (options === undefined) options = ObjectCreate(null);
  else if (!isObject(options)) realm.throwTypeError(`Iterator.${name}: options ${describeValue(options)} is not an object`);
  let mode = Get(options as object, 'mode');
  if (mode === undefined) mode = 'shortest';
  if (mode !== 'shortest' && mode !== 'longest' && mode !== 'strict') {
    realm.throwTypeError(`Iterator.${name}: mode must be "shortest", "longest" or "strict", not ${describeValue(mode)}`);
  }
  let paddingOption: unknown;
  if (mode === 'longest') {
    paddingOption = Get(options as object, 'padding');
    if (paddingOption !== undefined && !isObject(paddingOption)) realm.throwTypeError(`Iterator.${name}: padding ${describeValue(paddingOption)} is not an object`);
  }
  return { mode, paddingOption };
}

/** IteratorZip (sec-iteratorzip): the helper yielding finishResults of one value (or padding) per iterator. */
function IteratorZip(realm: Realm, iters: (IteratorRecord | null)[], mode: ZipMode, padding: readonly unknown[], finishResults: (results: unknown[]) => unknown): object {
  const iterCount = iters.length;
  const openIters = iters.slice() as IteratorRecord[];
  const remove = (iter: IteratorRecord): void => {
    const i = openIters.indexOf(iter);
    if (i >= 0) openIters.splice(i, 1);
  };
  const step = (): unknown => {
    if (iterCount === 0) return DONE;
    const results: unknown[] = [];
    for (let i = 0; i < iterCount; i++) {
      const iter = iters[i];
      let result: unknown;
      if (iter === null) {
        result = padding[i];
      } else {
        try {
          result = IteratorStepValue(realm, iter);
        } catch (e) {
          remove(iter);
          IteratorCloseAll(realm, openIters, { value: e });
          throw e;
        }
        if (result === DONE) {
          remove(iter);
          if (mode === 'shortest') {
            IteratorCloseAll(realm, openIters);
            return DONE;
          }
          if (mode === 'strict') {
            if (i !== 0) IteratorCloseAll(realm, openIters, { value: realm.newError('TypeError', 'Iterator.zip: iterators of different lengths in "strict" mode') });
            for (let k = 1; k < iterCount; k++) {
              const other = iters[k] as IteratorRecord;
              let open: unknown;
              try {
                open = IteratorStep(realm, other);
              } catch (e) {
                remove(other);
                IteratorCloseAll(realm, openIters, { value: e });
                throw e;
              }
              if (open === DONE) remove(other);
              else IteratorCloseAll(realm, openIters, { value: realm.newError('TypeError', 'Iterator.zip: iterators of different lengths in "strict" mode') });
            }
            return DONE;
          }
          // longest
          if (openIters.length === 0) return DONE;
          iters[i] = null;
          result = padding[i];
        }
      }
      results.push(result);
    }
    return finishResults(results);
  };
  // [[UnderlyingIterators]] is openIters; a return completion at the Yield closes them too.
  return CreateIteratorHelper(realm, null, step, () => IteratorCloseAll(realm, openIters));
}

export function installIteratorZip(realm: Realm): void {
  const statics = {
    // Iterator.zip ( iterables [ , options ] )
    zip(iterables: unknown, options: unknown): object {
      const { mode, paddingOption } = readZipOptions(realm, 'zip', iterables, options);
      const iters: IteratorRecord[] = [];
      const padding: unknown[] = [];
      const inputIter = GetIterator(realm, iterables, 'sync');
      for (;;) {
        const next = closingAll(realm, iters, () => IteratorStepValue(realm, inputIter));
        if (next === DONE) break;
        const iter = closingAll(realm, [inputIter, ...iters], () => GetIteratorFlattenable(realm, next, 'reject-primitives'));
        iters.push(iter);
      }
      const iterCount = iters.length;
      if (mode === 'longest') {
        if (paddingOption === undefined) {
          for (let i = 0; i < iterCount; i++) padding.push(undefined);
        } else {
          const paddingIter = closingAll(realm, iters, () => GetIterator(realm, paddingOption, 'sync'));
          let usingIterator = true;
          for (let i = 0; i < iterCount; i++) {
            if (usingIterator) {
              const next = closingAll(realm, iters, () => IteratorStepValue(realm, paddingIter));
              if (next === DONE) usingIterator = false;
              else padding.push(next);
            }
            if (!usingIterator) padding.push(undefined);
          }
          if (usingIterator) closingAll(realm, iters, () => IteratorClose(realm, paddingIter));
        }
      }
      return IteratorZip(realm, iters, mode, padding, (results) => CreateArrayFromList(realm, results));
    },
    // Iterator.zipKeyed ( iterables [ , options ] )
    zipKeyed(iterables: unknown, options: unknown): object {
      const { mode, paddingOption } = readZipOptions(realm, 'zipKeyed', iterables, options);
      const source = iterables as object;
      const iters: IteratorRecord[] = [];
      const padding: unknown[] = [];
      const allKeys = ReflectOwnKeys(source);
      const keys: PropertyKey[] = [];
      for (const key of allKeys) {
        const desc = closingAll(realm, iters, () => ReflectGetOwnPropertyDescriptor(source, key));
        if (desc === undefined || !desc.enumerable) continue;
        const value = closingAll(realm, iters, () => Get(source, key));
        if (value === undefined) continue;
        const iter = closingAll(realm, iters, () => GetIteratorFlattenable(realm, value, 'reject-primitives'));
        keys.push(key);
        iters.push(iter);
      }
      const iterCount = iters.length;
      if (mode === 'longest') {
        if (paddingOption === undefined) {
          for (let i = 0; i < iterCount; i++) padding.push(undefined);
        } else {
          for (const key of keys) padding.push(closingAll(realm, iters, () => Get(paddingOption as object, key)));
        }
      }
      return IteratorZip(realm, iters, mode, padding, (results) => {
        const obj = ObjectCreate(null) as object;
        markGuestObject(obj);
        for (let i = 0; i < iterCount; i++) CreateDataPropertyOrThrow(realm, obj, keys[i], results[i]);
        return obj;
      });
    },
  };
  defineTable(realm, realm.intrinsics.Iterator as Function, [method('zip', 1, statics.zip), method('zipKeyed', 1, statics.zipKeyed)]);
}
