// IEEE 754-2019 binary16 conversions for Float16 data (ECMA-262 §25.1.3.15 NumericToRawBytes with
// Float16, §25.1.3.13 RawBytesToNumeric, §21.3.2.17 Math.f16round): roundTiesToEven from a Number.
import { MathAbs, MathFloor, MathLog2, MathPow } from '../primordials.js';

function roundHalfEven(v: number): number {
  const f = MathFloor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The binary16 bit pattern nearest to `x` (ties to even); NaN is the quiet NaN 0x7e00. */
export function numberToFloat16Bits(x: number): number {
  if (x !== x) return 0x7e00;
  const sign = x < 0 || (x === 0 && 1 / x < 0) ? 0x8000 : 0;
  const a = MathAbs(x);
  if (a >= 65520) return sign | 0x7c00; // halfway between 65504 and 2^16, and beyond: rounds to Infinity
  if (a < 6.103515625e-5) {
    // Subnormal (or zero): a multiple of 2^-24; a result of 1024 is the smallest normal's encoding.
    return sign | roundHalfEven(a * 16777216);
  }
  let e = MathFloor(MathLog2(a));
  if (MathPow(2, e) > a) e--;
  else if (MathPow(2, e + 1) <= a) e++;
  let m = roundHalfEven((a / MathPow(2, e) - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}

/** The Number a binary16 bit pattern denotes. */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * MathPow(2, -24);
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * MathPow(2, exp - 15);
}
