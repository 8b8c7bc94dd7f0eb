// IEEE 754-2019 binary16 conversions for Float16 data: Math.f16round (§21.3.2.17), and the byte
// encodings of NumericToRawBytes / RawBytesToNumeric (§25.1.3.15, §25.1.3.13) for Float16 elements.
import { MathAbs, MathFloor, MathLog2, MathPow } from '../primordials.js';

function roundTiesToEven(v: number): number {
  const f = MathFloor(v);
  const d = v - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** The nearest IEEE 754 binary16 value to `x`, ties to even, rounded once from the double (going
 * through float32 would round twice). */
export function toFloat16(x: number): number {
  if (x !== x || x === 0 || x === Infinity || x === -Infinity) return x;
  const sign = x < 0 ? -1 : 1;
  const a = MathAbs(x);
  if (a >= 65520) return sign * Infinity; // half of the way from 65504 to 2^16 rounds up (to even)
  if (a < 2 ** -14) return sign * roundTiesToEven(a * 2 ** 24) * 2 ** -24; // subnormal: quantum 2^-24
  let e = MathFloor(MathLog2(a));
  if (MathPow(2, e) > a) e--;
  else if (MathPow(2, e + 1) <= a) e++;
  const q = MathPow(2, e - 10);
  return sign * roundTiesToEven(a / q) * q;
}

/** The binary16 bit pattern of toFloat16(x); NaN is the quiet NaN 0x7e00. */
export function numberToFloat16Bits(x: number): number {
  if (x !== x) return 0x7e00;
  const h = toFloat16(x);
  const sign = h < 0 || (h === 0 && 1 / h < 0) ? 0x8000 : 0;
  const a = MathAbs(h);
  if (a === Infinity) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | (a * 2 ** 24); // subnormal or zero: an exact multiple of 2^-24
  let e = MathFloor(MathLog2(a));
  if (MathPow(2, e) > a) e--;
  else if (MathPow(2, e + 1) <= a) e++;
  return sign | ((e + 15) << 10) | ((a / MathPow(2, e) - 1) * 1024);
}

/** The Number a binary16 bit pattern denotes. */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * MathPow(2, exp - 15);
}
