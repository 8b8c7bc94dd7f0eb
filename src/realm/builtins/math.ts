// The Math object (ECMA-262 §21.3). The host's Math is exact for numbers; the realm does the
// argument conversions (ToNumber may run guest valueOf and must throw the realm's errors).
import type { Realm } from '../realm.js';
import { constant, defineTable, method, value, type BuiltinEntry } from '../builtin.js';
import { ToNumber, toFloat16 } from '../abstract-ops.js';
import { HostMath } from '../primordials.js';

const unary = [
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'ceil', 'clz32', 'cos', 'cosh', 'exp', 'expm1', 'floor',
  'fround', 'log', 'log1p', 'log10', 'log2', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc',
] as const;
const binary = ['atan2', 'imul', 'pow'] as const;
const constants = ['E', 'LN10', 'LN2', 'LOG10E', 'LOG2E', 'PI', 'SQRT1_2', 'SQRT2'] as const;

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
