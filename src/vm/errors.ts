// node's internal errors as node:vm throws them: HOST errors (TypeError,
// RangeError, Error) with an own enumerable `code`, a `toString` and a stack
// headed `Name [CODE]: message`, and message texts identical to node 20's
// (lib/internal/errors.js).
import { inspect, inspectNumber } from './inspect.js';
import type { Termination } from '../realm/agent.js';
import { RetainedOverLimit } from '../realm/retained-memory.js';
import { setHostEntryError } from '../realm/host-entry.js';

const { defineProperty } = Object;
const { isInteger } = Number;
const { isArray } = Array;

type ErrorCtor = TypeErrorConstructor | RangeErrorConstructor | ErrorConstructor;

/** A host error of class `Base` carrying node's `code`, shaped as node's NodeError. */
export interface NodeError extends Error {
  code: string;
}

function nodeError(Base: ErrorCtor, code: string, message: string): NodeError {
  const error = new Base(message) as NodeError;
  // node defines `toString` on the instance so that String(e) shows the code.
  defineProperty(error, 'toString', {
    value(this: Error) { return `${this.name} [${code}]: ${this.message}`; },
    writable: true, enumerable: false, configurable: true,
  });
  const stack = (error as { stack?: unknown }).stack;
  const head = `${error.name}: ${message}`;
  if (typeof stack === 'string' && stack.startsWith(head)) {
    defineProperty(error, 'stack', { value: `${error.name} [${code}]: ${message}${stack.slice(head.length)}`, writable: true, enumerable: false, configurable: true });
  }
  error.code = code;
  return error;
}

// Names node treats as primitive type names ("of type x") in ERR_INVALID_ARG_TYPE.
const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
// An expected value that looks like a class name is shown as "an instance of X".
const classRegExp = /^([A-Z][a-z0-9]*)+$/;

/** The "Received ..." part of node's ERR_INVALID_ARG_TYPE (determineSpecificType). */
export function determineSpecificType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'bigint': return `type bigint (${value}n)`;
    case 'number': return `type number (${inspectNumber(value)})`;
    case 'boolean': return `type boolean (${value})`;
    case 'symbol': return `type symbol (${String(value)})`;
    case 'function': return `function ${(value as { name?: unknown }).name}`;
    case 'object': {
      const ctor = (value as { constructor?: unknown }).constructor;
      if (ctor && (typeof ctor === 'object' || typeof ctor === 'function') && 'name' in ctor) {
        return `an instance of ${String((ctor as { name: unknown }).name)}`;
      }
      return inspect(value, { depth: -1 });
    }
    case 'string': {
      let s = value;
      if (s.length > 28) s = `${s.slice(0, 25)}...`;
      return s.includes("'") ? `type string (${JSON.stringify(s)})` : `type string ('${s}')`;
    }
    default: return `type ${typeof value} (${String(value)})`;
  }
}

function listWithOr(items: string[], lead: string): string {
  if (items.length > 2) return `${lead}${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;
  if (items.length === 2) return `${lead}${items[0]} or ${items[1]}`;
  return '';
}

/** ERR_INVALID_ARG_TYPE: `name` is an argument (`"code" argument`) or, when it contains a dot,
 * a property (`"options.filename" property`); `expected` lists types, class names or other words. */
export function ERR_INVALID_ARG_TYPE(name: string, expected: string | string[], actual: unknown): NodeError {
  const expectedList = isArray(expected) ? expected : [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) msg += `${name} `;
  else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  msg += 'must be ';

  const types: string[] = [];
  const instances: string[] = [];
  const other: string[] = [];
  for (const value of expectedList) {
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (classRegExp.test(value)) instances.push(value);
    else other.push(value);
  }
  // With other instances allowed, `object` reads better as "an instance of ... or Object".
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) { types.splice(pos, 1); instances.push('Object'); }
  }
  if (types.length > 0) {
    msg += types.length >= 2 ? listWithOr(types, 'one of type ') : `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    if (instances.length > 2) msg += listWithOr(instances, 'an instance of ');
    else msg += `an instance of ${instances[0]}${instances.length === 2 ? ` or ${instances[1]}` : ''}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length >= 2) msg += listWithOr(other, 'one of ');
    else msg += `${other[0]!.toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}`;
  }
  msg += `. Received ${determineSpecificType(actual)}`;
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', msg);
}

/** node's addNumericalSeparator: 4294967296 → 4_294_967_296. */
function addNumericalSeparator(val: string): string {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

/** ERR_OUT_OF_RANGE: `The value of "name" is out of range. It must be <range>. Received <input>`. */
export function ERR_OUT_OF_RANGE(name: string, range: string, input: unknown): NodeError {
  let received: string;
  if (typeof input === 'number' && isInteger(input) && Math.abs(input) > 2 ** 32) {
    received = addNumericalSeparator(String(input));
  } else if (typeof input === 'bigint') {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += 'n';
  } else {
    received = inspect(input);
  }
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

/** ERR_INVALID_ARG_VALUE: `The property 'name' <reason>. Received <inspected>`. */
export function ERR_INVALID_ARG_VALUE(name: string, value: unknown, reason = 'is invalid'): NodeError {
  let inspected = inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${type} '${name}' ${reason}. Received ${inspected}`);
}

/** The error node:vm throws when a run exceeds its `timeout`. Unlike the JS-side NodeErrors it comes
 * from C++ in node: a plain Error with an own `code`, no `[CODE]` in its stack or toString. */
export function ERR_SCRIPT_EXECUTION_TIMEOUT(timeout: number): NodeError {
  const error = new Error(`Script execution timed out after ${timeout}ms`) as NodeError;
  error.code = 'ERR_SCRIPT_EXECUTION_TIMEOUT';
  return error;
}

/** The error node:vm throws when `breakOnSigint` stops a run (also a plain Error with a `code`). */
export function ERR_SCRIPT_EXECUTION_INTERRUPTED(): NodeError {
  const error = new Error('Script execution was interrupted by `SIGINT`') as NodeError;
  error.code = 'ERR_SCRIPT_EXECUTION_INTERRUPTED';
  return error;
}

/** The error vmjs throws when a run allocates more than its `memoryLimit` (a vmjs option; node has no
 * such error). Like the timeout's, a plain Error with an own `code`, and the budget as `memoryLimit`. */
export function ERR_VMJS_MEMORY_LIMIT(memoryLimit: number, retained = 0, refused = false): NodeError {
  const message = refused
    ? `Script execution refused: the context retains ${retained} bytes, more than its memory limit of ${memoryLimit} bytes`
    : retained > 0
      ? `Script execution exceeded its memory limit of ${memoryLimit} bytes (the context held up to ${retained} bytes of it when the run began)`
      : `Script execution exceeded its memory limit of ${memoryLimit} bytes`;
  const error = new Error(message) as NodeError & { memoryLimit: number; retained?: number };
  error.code = 'ERR_VMJS_MEMORY_LIMIT';
  error.memoryLimit = memoryLimit;
  if (retained > 0) error.retained = retained;
  return error;
}

/** The error the host gets for a run its Termination ended: a timeout, an interrupt, or a spent
 * allocation budget. */
export function terminationError(t: Termination): NodeError {
  if (t.reason === 'timeout') return ERR_SCRIPT_EXECUTION_TIMEOUT(t.timeout);
  if (t instanceof RetainedOverLimit) return ERR_VMJS_MEMORY_LIMIT(t.memoryLimit, t.retained, true);
  if (t.reason === 'memory') return ERR_VMJS_MEMORY_LIMIT(t.memoryLimit, t.retained);
  return ERR_SCRIPT_EXECUTION_INTERRUPTED();
}

/** A node:vm feature vmjs does not provide yet. The code is vmjs's own: node has no equivalent. */
export function ERR_VMJS_NOT_IMPLEMENTED(feature: string): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VMJS_NOT_IMPLEMENTED', `${feature} is not implemented yet in vmjs`);
}

/** A node:vm option that only means something in a host with Node's `process` (signals, the module
 * loader); in a browser vmjs says so instead of failing with a ReferenceError. The code is vmjs's own. */
export function ERR_VMJS_NODE_ONLY(feature: string): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VMJS_NODE_ONLY', `${feature} needs Node.js (or a runtime with Node's process object); this runtime has none`);
}

/** ERR_VM_MODULE_STATUS: `Module status <reason>`. */
export function ERR_VM_MODULE_STATUS(reason: string): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VM_MODULE_STATUS', `Module status ${reason}`);
}

export function ERR_VM_MODULE_ALREADY_LINKED(): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VM_MODULE_ALREADY_LINKED', 'Module has already been linked');
}

export function ERR_VM_MODULE_NOT_MODULE(): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module');
}

export function ERR_VM_MODULE_DIFFERENT_CONTEXT(): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VM_MODULE_DIFFERENT_CONTEXT', 'Linked modules must use the same context');
}

/** ERR_VM_MODULE_LINK_FAILURE, with the errored module's error as `cause`. */
export function ERR_VM_MODULE_LINK_FAILURE(message: string, cause: unknown): NodeError {
  const error = nodeError(Error as ErrorCtor, 'ERR_VM_MODULE_LINK_FAILURE', message);
  defineProperty(error, 'cause', { value: cause, writable: true, enumerable: false, configurable: true });
  return error;
}

export function ERR_VM_MODULE_CACHED_DATA_REJECTED(): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VM_MODULE_CACHED_DATA_REJECTED', 'cachedData buffer was rejected');
}

export function ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA(): NodeError {
  return nodeError(Error as ErrorCtor, 'ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA', 'Cached data cannot be created for a module which has been evaluated');
}

export const DYNAMIC_IMPORT_CALLBACK_MISSING = 'A dynamic import callback was not specified.';

// A guest function (getter, callback, generator, promise job) the host enters outside a run ends as a
// run would: with node's error (src/realm/host-entry.ts).
setHostEntryError(terminationError);
