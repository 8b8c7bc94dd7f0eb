// node's argument validators (lib/internal/validators.js) as node:vm uses them:
// the same checks in the same order, so bad input gets node's exact error.
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE } from './errors.js';

const { isInteger } = Number;
const { isArray } = Array;

export function validateString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw ERR_INVALID_ARG_TYPE(name, 'string', value);
}

export function validateBoolean(value: unknown, name: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}

export function validateFunction(value: unknown, name: string): asserts value is Function {
  if (typeof value !== 'function') throw ERR_INVALID_ARG_TYPE(name, 'Function', value);
}

export interface ValidateObjectOptions { nullable?: boolean; allowArray?: boolean; allowFunction?: boolean }

/** An object; by default neither null, an array nor a function. */
export function validateObject(value: unknown, name: string, options?: ValidateObjectOptions): asserts value is Record<PropertyKey, unknown> {
  const nullable = options?.nullable ?? false;
  const allowArray = options?.allowArray ?? false;
  const allowFunction = options?.allowFunction ?? false;
  if ((!nullable && value === null) || (!allowArray && isArray(value)) ||
      (typeof value !== 'object' && (!allowFunction || typeof value !== 'function'))) {
    throw ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}

export function validateArray(value: unknown, name: string, minLength = 0): asserts value is unknown[] {
  if (!isArray(value)) throw ERR_INVALID_ARG_TYPE(name, 'Array', value);
  if (value.length < minLength) throw ERR_INVALID_ARG_VALUE(name, value, `must be longer than ${minLength}`);
}

export function validateInt32(value: unknown, name: string, min = -2147483648, max = 2147483647): asserts value is number {
  if (typeof value !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!isInteger(value)) throw ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}

/** An integer in [0, 2^32-1], or [1, 2^32-1] when `positive`. */
export function validateUint32(value: unknown, name: string, positive = false): asserts value is number {
  if (typeof value !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!isInteger(value)) throw ERR_OUT_OF_RANGE(name, 'an integer', value);
  const min = positive ? 1 : 0;
  const max = 4294967295;
  if (value < min || value > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}

/** vmjs's `memoryLimit` option: a number of bytes, a positive safe integer (node's validateInteger). */
export function validateMemoryLimit(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!isInteger(value)) throw ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < 1 || value > Number.MAX_SAFE_INTEGER) throw ERR_OUT_OF_RANGE(name, `>= 1 && <= ${Number.MAX_SAFE_INTEGER}`, value);
}

/** One of the listed values (compared with SameValueZero, as Array.prototype.includes does). */
export function validateOneOf(value: unknown, name: string, oneOf: readonly unknown[]): void {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw ERR_INVALID_ARG_VALUE(name, value, `must be one of: ${allowed}`);
  }
}

export function validateStringArray(value: unknown, name: string): asserts value is string[] {
  validateArray(value, name);
  for (let i = 0; i < value.length; ++i) {
    if (typeof value[i] !== 'string') throw ERR_INVALID_ARG_TYPE(`${name}[${i}]`, 'string', value[i]);
  }
}

/** A Buffer, TypedArray or DataView (any ArrayBufferView), as node's cachedData options require. */
export function validateBuffer(value: unknown, name: string): asserts value is ArrayBufferView {
  if (!ArrayBuffer.isView(value)) throw ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], value);
}
