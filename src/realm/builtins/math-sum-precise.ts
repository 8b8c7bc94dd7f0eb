// Math.sumPrecise (ECMA-262 2026 §21.3.2.34, sec-math.sumprecise): the exact sum of the numbers an
// iterable yields, rounded once. Finite values are summed exactly as integers in units of 2^-1074 (the
// least subnormal), so no intermediate result overflows or loses bits; the total is rounded to the
// nearest Number, ties to even, at the end.
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import { DONE, GetIterator, IteratorCloseOnThrow, IteratorStepValue, MAX_SAFE_INTEGER, RequireObjectCoercible, describeTyped } from '../abstract-ops.js';
import { HostBigInt } from '../primordials.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = little ? 0 : 1;
const HI = little ? 1 : 0;

/** A finite Number, exactly, as an integer count of 2^-1074. */
function toUnits(n: number): bigint {
  f64[0] = n;
  const hi = u32[HI];
  const lo = u32[LO];
  const biasedExponent = (hi >>> 20) & 0x7ff;
  let mantissa = HostBigInt(hi & 0xfffff) * 0x100000000n + HostBigInt(lo);
  if (biasedExponent !== 0) mantissa = (mantissa + 0x10000000000000n) << HostBigInt(biasedExponent - 1);
  return n < 0 ? -mantissa : mantissa;
}

/** 𝔽(units × 2^-1074): round to the nearest Number, ties to even (overflowing to ±∞). */
function fromUnits(units: bigint): number {
  if (units === 0n) return 0;
  const negative = units < 0n;
  const a = negative ? -units : units;
  const bits = a.toString(2).length;
  let result: number;
  if (bits <= 64) {
    // Below 2^53 units the value is exact (subnormal or small normal); from 2^53 on it is normal and
    // Number() rounds it once, the scaling below being exact.
    result = Number(a) * 2 ** -1074;
  } else {
    // Keep 64 bits and a sticky bit for what is cut off: Number() then rounds to 53 bits as the whole would.
    const k = bits - 64;
    let top = a >> HostBigInt(k);
    if ((a & ((1n << HostBigInt(k)) - 1n)) !== 0n) top |= 1n;
    const e = k - 1074;
    // Scale by 2^e in two exact steps (2^e alone may not be representable).
    const half = Math.trunc(e / 2);
    result = Number(top) * 2 ** half * 2 ** (e - half);
  }
  return negative ? -result : result;
}

export function installMathSumPrecise(realm: Realm): void {
  const statics = {
    // Math.sumPrecise ( items )
    sumPrecise(items: unknown): number {
      RequireObjectCoercible(realm, items, 'Math.sumPrecise');
      const iteratorRecord = GetIterator(realm, items, 'sync');
      let state: 'minus-zero' | 'finite' | 'plus-infinity' | 'minus-infinity' | 'not-a-number' = 'minus-zero';
      let sum = 0n;
      let count = 0;
      for (;;) {
        const next = IteratorStepValue(realm, iteratorRecord);
        if (next === DONE) break;
        count++;
        if (count > MAX_SAFE_INTEGER) IteratorCloseOnThrow(iteratorRecord, realm.newError('RangeError', 'Math.sumPrecise: too many values'));
        if (typeof next !== 'number') IteratorCloseOnThrow(iteratorRecord, realm.newError('TypeError', `Math.sumPrecise: ${describeTyped(next)} is not a number`));
        if (state === 'not-a-number') continue;
        if (next !== next) state = 'not-a-number';
        else if (next === Infinity) state = state === 'minus-infinity' ? 'not-a-number' : 'plus-infinity';
        else if (next === -Infinity) state = state === 'plus-infinity' ? 'not-a-number' : 'minus-infinity';
        else if (!(next === 0 && 1 / next < 0) && (state === 'minus-zero' || state === 'finite')) {
          state = 'finite';
          if (next !== 0) sum += toUnits(next);
        }
      }
      if (state === 'not-a-number') return NaN;
      if (state === 'plus-infinity') return Infinity;
      if (state === 'minus-infinity') return -Infinity;
      if (state === 'minus-zero') return -0;
      return fromUnits(sum);
    },
  };
  defineTable(realm, realm.intrinsics.Math as object, [method('sumPrecise', 1, statics.sumPrecise)]);
}
