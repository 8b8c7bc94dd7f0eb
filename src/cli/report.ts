// How the CLI reports an uncaught exception or an unhandled rejection, after node's own report: the
// location `file:line`, the source line with a caret under the column, a blank line, then the error as
// node's util.inspect shows it (its stack with guest frames, then its own extra properties); a thrown
// value that is no error follows the caret directly, after a blank line above the location, as node
// prints it. Node's last line (`Node.js v20…`) and its `--trace-uncaught` hint are node's own: vmjs
// prints neither.
import { inspect } from 'node:util';
import type { ErrorLocation } from '../interpreter/runtime/error-location.js';
import { caretLine } from '../vm/display-errors.js';
import { describeValue } from '../realm/describe.js';
import { hasCapturedStack } from '../realm/stack-trace.js';

const ObjectToString = Object.prototype.toString;

function isErrorObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Reflect.apply(ObjectToString, value, []) === '[object Error]';
}

/** Error.prototype.toString (§20.5.3.4) over the error's name and message. */
function errorHeadline(error: object): string {
  const name = Reflect.get(error, 'name');
  const message = Reflect.get(error, 'message');
  const n = name === undefined ? 'Error' : String(name);
  const m = message === undefined ? '' : String(message);
  if (n === '') return m;
  if (m === '') return n;
  return `${n}: ${m}`;
}

/** The code frame: `file:line`, the line, the caret. */
export function formatFrame(location: ErrorLocation): string {
  return `${location.filename}:${location.line}\n${location.sourceLine}\n${caretLine(location.sourceLine, location.column)}\n`;
}

/** What node prints for an error: util.inspect of it, whose first lines are its `stack` (V8 makes the
 * text on first read, with the name and message the error has then). */
function describeError(error: object): string {
  // vmjs's own errors (a timeout) carry host frames only: their name and message.
  if (!hasCapturedStack(error)) return errorHeadline(error);
  const stack = Reflect.get(error, 'stack');
  if (typeof stack !== 'string') return errorHeadline(error);
  return inspect(error);
}

/** The whole report for a thrown value. */
export function formatUncaught(thrown: unknown, location: ErrorLocation | undefined): string {
  const frame = location === undefined ? '' : formatFrame(location);
  if (isErrorObject(thrown)) return `${frame}${frame === '' ? '' : '\n'}${describeError(thrown)}\n`;
  const shown = typeof thrown === 'string' ? thrown : inspect(thrown);
  return `${frame === '' ? '' : '\n'}${frame}${shown}\n`;
}

/** The report for a promise rejected with no handler: an error is reported as if thrown (with where it
 * was thrown, when the guest threw it); any other reason in node's ERR_UNHANDLED_REJECTION words. */
export function formatUnhandledRejection(reason: unknown, location: ErrorLocation | undefined): string {
  if (isErrorObject(reason)) return formatUncaught(reason, location);
  return 'UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, ' +
    'or by rejecting a promise which was not handled with .catch(). ' +
    `The promise rejected with the reason "${describeValue(reason)}".\n` +
    "{\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n";
}
