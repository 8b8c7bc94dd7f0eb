// String operations of the regexp modules, through the host functions captured at load
// (primordials.ts): guest code in the host realm may replace String.prototype's methods.
import { ReflectApply, StringPrototypeCharCodeAt, StringPrototypeIndexOf } from '../primordials.js';

/** Whether `s` contains `part`. */
export function contains(s: string, part: string): boolean {
  return (ReflectApply(StringPrototypeIndexOf, s, [part, 0]) as number) >= 0;
}

/** `s.indexOf(part, from)`. */
export function indexIn(s: string, part: string, from: number): number {
  return ReflectApply(StringPrototypeIndexOf, s, [part, from]) as number;
}

/** `s.charCodeAt(i)`. */
export function codeUnitAt(s: string, i: number): number {
  return ReflectApply(StringPrototypeCharCodeAt, s, [i]) as number;
}

/** Whether code unit c is an ASCII hex digit. */
export function isHexUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
