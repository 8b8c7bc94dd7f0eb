// The Math object (ECMA-262 §21.3). The host's Math is exact for numbers; the realm does the
// argument conversions (ToNumber may run guest valueOf and must throw the realm's errors).
import type { Realm } from '../realm.js';
import { constant, defineTable, method, value, type BuiltinEntry } from '../builtin.js';
import { ToNumber } from '../abstract-ops.js';
import { HostMath, MathAbs, MathFloor, MathLog2, MathPow } from '../primordials.js';

const unary = [
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'ceil', 'clz32', 'cos', 'cosh', 'exp', 'expm1', 'floor',
  'fround', 'log', 'log1p', 'log10', 'log2', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc',
] as const;
const binary = ['atan2', 'imul', 'pow'] as const;
const constants = ['E', 'LN10', 'LN2', 'LOG10E', 'LOG2E', 'PI', 'SQRT1_2', 'SQRT2'] as const;

function roundTiesToEven(v: number): number {
  const f = MathFloor(v);
  const d = v - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** Math.f16round's conversion (§21.3.2.17): the nearest IEEE 754 binary16 value, ties to even,
 * rounded once from the double (going through float32 would round twice). */
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

export function installMath(realm: Realm): void {
  const I = realm.intrinsics;
  const MathObject = Object.create(I.ObjectPrototype) as object;
  I.Math = MathObject;
  const table: BuiltinEntry[] = [];
  for (const name of constants) table.push(constant(name, HostMath[name]));
  for (const name of unary) {
    const f = HostMath[name] as (x: number) => number;
    const m = { [name](x: unknown): number { return f(ToNumber(realm, x)); } };
    table.push(method(name, 1, m[name]!));
  }
  for (const name of binary) {
    const f = HostMath[name] as (x: number, y: number) => number;
    const m = { [name](x: unknown, y: unknown): number {
      const nx = ToNumber(realm, x);
      return f(nx, ToNumber(realm, y));
    } };
    table.push(method(name, 2, m[name]!));
  }
  const variadic = {
    hypot(...args: unknown[]): number {
      const coerced: number[] = [];
      for (let i = 0; i < args.length; i++) coerced.push(ToNumber(realm, args[i]));
      return HostMath.hypot(...coerced);
    },
    max(...args: unknown[]): number {
      const coerced: number[] = [];
      for (let i = 0; i < args.length; i++) coerced.push(ToNumber(realm, args[i]));
      return HostMath.max(...coerced);
    },
    min(...args: unknown[]): number {
      const coerced: number[] = [];
      for (let i = 0; i < args.length; i++) coerced.push(ToNumber(realm, args[i]));
      return HostMath.min(...coerced);
    },
    random(): number {
      return HostMath.random();
    },
    f16round(x: unknown): number {
      return toFloat16(ToNumber(realm, x));
    },
  };
  table.push(
    method('f16round', 1, variadic.f16round),
    method('hypot', 2, variadic.hypot),
    method('max', 2, variadic.max),
    method('min', 2, variadic.min),
    method('random', 0, variadic.random),
    value(Symbol.toStringTag, 'Math', { writable: false }),
  );
  defineTable(realm, MathObject, table);
}
