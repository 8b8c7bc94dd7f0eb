// `displayErrors` (default true): node prefixes the stack of an error that
// leaves a run or a compilation with where it was thrown — `file:line`, the
// source line and a caret — as V8's "arrow message".
import { syntaxErrorLocation } from '../interpreter/script.js';
import { errorLocation, type ErrorLocation } from '../interpreter/runtime/error-location.js';
import { hasCapturedStack, setStackValue, stackValue } from '../realm/stack-trace.js';

const decorated = new WeakSet<object>();

/** The caret line under `column` of `sourceLine`, tabs kept so that it lines up. */
export function caretLine(sourceLine: string, column: number): string {
  let pad = '';
  for (let i = 0; i < column && i < sourceLine.length; i++) pad += sourceLine[i] === '\t' ? '\t' : ' ';
  return `${pad}^`;
}

/** Where `thrown` was thrown: the interpreter's record for runtime errors, or, for the SyntaxError of
 * prepareScript, the `vmjsLocation` it carries, completed with the line of `source` (the script's text). */
export function thrownLocation(thrown: unknown, source?: string, lineOffset = 0, columnOffset = 0): ErrorLocation | undefined {
  const loc = errorLocation(thrown);
  if (loc !== undefined || source === undefined || typeof thrown !== 'object' || thrown === null) return loc;
  const v = syntaxErrorLocation(thrown);
  if (v === undefined) return undefined;
  const sourceLine = source.split(/\r\n|[\n\r\u2028\u2029]/)[v.line - 1 - lineOffset];
  if (sourceLine === undefined) return undefined;
  const sourceColumn = v.line === lineOffset + 1 ? v.column - columnOffset : v.column;
  return { filename: v.filename, line: v.line, column: v.column, sourceLine, sourceColumn };
}

/** Decorates `thrown`'s stack once (the caret, as V8's, ignores `columnOffset`), if its location is known
 * (see thrownLocation) and its `stack` is a string: node does it for any object, errors or not. Only an
 * own data property or the stack vmjs captured (an error's inherited Error.prototype.stack, the own
 * accessor of Error.captureStackTrace) is read and changed: no guest getter runs. */
export function decorateErrorStack(thrown: unknown, source?: string, lineOffset = 0, columnOffset = 0): void {
  if (typeof thrown !== 'object' || thrown === null || decorated.has(thrown)) return;
  const d = Object.getOwnPropertyDescriptor(thrown, 'stack');
  let stack: unknown;
  if (d === undefined) {
    if (!hasCapturedStack(thrown)) return;
    stack = stackValue(thrown);
  } else if ('value' in d) {
    if (!d.writable) return;
    stack = d.value;
  } else {
    if (!hasCapturedStack(thrown) || d.get === undefined) return;
    stack = Reflect.apply(d.get, thrown, []);
  }
  if (typeof stack !== 'string') return;
  const loc = thrownLocation(thrown, source, lineOffset, columnOffset);
  if (loc === undefined) return;
  decorated.add(thrown);
  const arrow = `${loc.filename}:${loc.line}\n${loc.sourceLine}\n${caretLine(loc.sourceLine, loc.sourceColumn)}\n`;
  const now = Object.getOwnPropertyDescriptor(thrown, 'stack');
  if (now === undefined) {
    setStackValue(thrown, `${arrow}\n${stack}`);
  } else if ('value' in now) {
    if (now.writable === true) Object.defineProperty(thrown, 'stack', { ...now, value: `${arrow}\n${stack}` });
  } else if (now.configurable === true) {
    Object.defineProperty(thrown, 'stack', { value: `${arrow}\n${stack}`, writable: true, enumerable: false, configurable: true });
  }
}
