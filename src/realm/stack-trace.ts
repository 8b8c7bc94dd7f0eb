// Error stacks as V8 makes them: the frames recorded when an error is made (CallSiteRecord, supplied by
// the interpreter through setStackCapture, guest frames only), the `stack` text V8 writes for them, the
// CallSite objects Error.prepareStackTrace receives (the realm's own, see installCallSite), and
// Error.stackTraceLimit read at capture time. Nothing here runs guest code except a guest
// Error.prepareStackTrace, and no CallSite hands out a value of another realm or of the host.
import type { Realm } from './realm.js';
import {
  ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, ReflectApply,
} from './primordials.js';

/** One guest frame of a captured stack, with what V8's CallSite reports about it. */
export interface CallSiteRecord {
  /** The frame's realm: getThis/getFunction answer only to code of that same realm. */
  readonly realm: Realm;
  /** The script's name; undefined for eval code and Function-constructor code. */
  readonly fileName: string | undefined;
  /** 1-based, with the script's lineOffset / columnOffset applied. */
  readonly line: number;
  readonly column: number;
  /** 0-based offset in the source text. */
  readonly position: number;
  /** Where the function (or script) begins, 1-based. */
  readonly enclosingLine: number;
  readonly enclosingColumn: number;
  readonly functionName: string | null;
  readonly methodName: string | null;
  readonly typeName: string | null;
  readonly isToplevel: boolean;
  readonly isEval: boolean;
  readonly isConstructor: boolean;
  readonly isAsync: boolean;
  readonly isPromiseAll: boolean;
  readonly promiseIndex: number | null;
  /** "eval at fn (file.js:2:3)" for eval code and code it defines. */
  readonly evalOrigin: string | undefined;
  readonly thisValue: unknown;
  /** The running function; undefined for script, module and eval code. */
  readonly fn: Function | undefined;
  readonly strict: boolean;
}

/** Reads the guest call stack: at most `limit` frames, below the topmost call of `skipUntil` if given
 * (none if it is not on the stack). */
export type StackCapture = (limit: number, skipUntil: Function | undefined) => CallSiteRecord[];

let capture: StackCapture = () => [];

/** The interpreter hands over its call stack reader (src/engine.ts). */
export function setStackCapture(c: StackCapture): void {
  capture = c;
}

// Reads a property along the prototype chain without running getters or proxy traps of the realm.
export function quietGet(o: object, key: PropertyKey): unknown {
  let cur: object | null = o;
  try {
    for (let i = 0; cur !== null && i < 64; i++) {
      const d = ObjectGetOwnPropertyDescriptor(cur, key);
      if (d !== undefined) return 'value' in d ? d.value : undefined;
      cur = ObjectGetPrototypeOf(cur) as object | null;
    }
  } catch {
    // A host proxy (a module namespace in its TDZ) refused: as if absent.
  }
  return undefined;
}

/** The header line of V8's `stack`: Error.prototype.toString without running guest code. */
export function stackHeader(o: object): string {
  const n = quietGet(o, 'name');
  const m = quietGet(o, 'message');
  const name = n === undefined ? 'Error' : typeof n === 'string' ? n : typeof n === 'symbol' ? 'Error' : String(n);
  const msg = m === undefined ? '' : typeof m === 'string' ? m : typeof m === 'symbol' ? '' : String(m);
  if (name === '') return msg;
  if (msg === '') return name;
  return `${name}: ${msg}`;
}

/** Error.stackTraceLimit of the realm's %Error%, as V8 reads it when an error is made: a data property
 * holding a number (clamped to ≥ 0, truncated), else no stack is captured (undefined). */
export function stackTraceLimit(realm: Realm): number | undefined {
  const E = realm.intrinsics.Error as object | undefined;
  if (E === undefined) return undefined;
  const d = ObjectGetOwnPropertyDescriptor(E, 'stackTraceLimit');
  if (d === undefined || !('value' in d) || typeof d.value !== 'number') return undefined;
  const v = d.value;
  if (!(v > 0)) return 0;
  return v === Infinity ? Infinity : Math.floor(v);
}

const IDENTIFIER = /^[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*$/u;

// V8's AppendMethodCall: `Type.fn [as method]`.
function methodCallText(r: CallSiteRecord): string {
  const typeName = r.typeName, methodName = r.methodName, functionName = r.functionName;
  if (functionName !== null && functionName !== '') {
    let s = '';
    if (typeName !== null && typeName !== '' && IDENTIFIER.test(functionName) && !functionName.startsWith(`${typeName}.`)) s = `${typeName}.`;
    s += functionName;
    if (methodName !== null && methodName !== '' && functionName !== methodName && !functionName.endsWith(`.${methodName}`)) s += ` [as ${methodName}]`;
    return s;
  }
  return `${typeName !== null && typeName !== '' ? `${typeName}.` : ''}${methodName !== null && methodName !== '' ? methodName : '<anonymous>'}`;
}

// V8's AppendFileLocation: `file.js:3:7`, or `eval at fn (file.js:2:3), <anonymous>:1:1`.
function fileLocationText(r: CallSiteRecord): string {
  let s = '';
  if (r.fileName === undefined && r.isEval && r.evalOrigin !== undefined) s = `${r.evalOrigin}, `;
  s += r.fileName !== undefined && r.fileName !== '' ? r.fileName : '<anonymous>';
  return `${s}:${r.line}:${r.column}`;
}

/** CallSite.prototype.toString: one `at` line of V8's stack, without the `    at `. */
export function callSiteText(r: CallSiteRecord): string {
  let s = '';
  if (r.isAsync) {
    s = 'async ';
    if (r.isPromiseAll) return `${s}Promise.all (index ${r.promiseIndex ?? 0})`;
  }
  const fnName = r.functionName;
  if (!r.isToplevel && !r.isConstructor) s += methodCallText(r);
  else if (r.isConstructor) s += `new ${fnName !== null && fnName !== '' ? fnName : '<anonymous>'}`;
  else if (fnName !== null && fnName !== '') s += fnName;
  else return s + fileLocationText(r);
  return `${s} (${fileLocationText(r)})`;
}

/** The frames part of V8's default stack text. */
export function framesText(frames: readonly CallSiteRecord[]): string {
  let s = '';
  for (let i = 0; i < frames.length; i++) s += `\n    at ${callSiteText(frames[i])}`;
  return s;
}

/** What the interpreter recorded for an error: its frames, for `vmjs run` and displayErrors. */
const captured = new WeakMap<object, { frames: readonly CallSiteRecord[]; stack: unknown }>();

/** The frames captured for `o` and the `stack` value installed with them (undefined if none). */
export function capturedStack(o: object): { frames: readonly CallSiteRecord[]; stack: unknown } | undefined {
  return captured.get(o);
}

/** Errors whose `stack` is still to be made by Error.prepareStackTrace, on first read. */
const pending = new WeakMap<object, readonly CallSiteRecord[]>();
/** The text of a lazy `stack` made after its object was frozen. */
const settledText = new WeakMap<object, unknown>();
/** prepareStackTrace is running: errors made meanwhile get the default text (as V8). */
let preparing = false;

/** Captures the guest stack for `o` and installs `stack` as V8 shows it.
 *
 * V8 captures the frames when the error is made and formats them on first read. Where the text cannot
 * change before it is read, `stack` is what node 20 shows, an own data property, formatted at once:
 * errors made by a native error constructor called directly and errors the evaluator throws. Elsewhere
 * the header depends on what happens after capture (a subclass sets `this.name` after super(),
 * Error.captureStackTrace(this) is followed by `this.message = …`, Error.prepareStackTrace is to be
 * called): there `stack` is an own accessor that makes the text on first read (or takes the value
 * assigned) and turns into that data property. A non-number Error.stackTraceLimit gives `stack` the
 * value undefined. */
export function captureStack(realm: Realm, o: object, skipUntil?: Function, lazy = false): void {
  const limit = stackTraceLimit(realm);
  if (limit === undefined) {
    ObjectDefineProperty(o, 'stack', { value: undefined, writable: true, enumerable: false, configurable: true });
    return;
  }
  const frames = limit === 0 ? [] : capture(limit, skipUntil);
  if (lazy || (!preparing && typeof quietGet(realm.intrinsics.Error as object, 'prepareStackTrace') === 'function')) {
    pending.set(o, frames);
    captured.set(o, { frames, stack: undefined });
    ObjectDefineProperty(o, 'stack', { get: realm.intrinsics.ErrorStackGetter as () => unknown, set: realm.intrinsics.ErrorStackSetter as (v: unknown) => void, enumerable: false, configurable: true });
    return;
  }
  const stack = stackHeader(o) + framesText(frames);
  captured.set(o, { frames, stack });
  ObjectDefineProperty(o, 'stack', { value: stack, writable: true, enumerable: false, configurable: true });
}

/** The first read of a lazy `stack`: Error.prepareStackTrace(error, callSites) if it is a function now
 * (V8 calls it on first read), else the default text; then the data property. */
export function materializeStack(realm: Realm, o: object, makeCallSites: (frames: readonly CallSiteRecord[]) => object): unknown {
  const frames = pending.get(o);
  if (frames === undefined) return undefined;
  if (settledText.has(o)) return settledText.get(o);
  pending.delete(o);
  const prepare = quietGet(realm.intrinsics.Error as object, 'prepareStackTrace');
  let stack: unknown;
  if (typeof prepare === 'function' && !preparing) {
    preparing = true;
    try {
      stack = ReflectApply(prepare, realm.intrinsics.Error, [o, makeCallSites(frames)]);
    } catch (e) {
      pending.set(o, frames);
      throw e;
    } finally {
      preparing = false;
    }
  } else {
    stack = stackHeader(o) + framesText(frames);
  }
  captured.set(o, { frames, stack });
  const d = ObjectGetOwnPropertyDescriptor(o, 'stack');
  if (d !== undefined && d.configurable === true) {
    ObjectDefineProperty(o, 'stack', { value: stack, writable: true, enumerable: false, configurable: true });
  } else {
    // Frozen since: the accessor stays and answers the same text from now on.
    pending.set(o, frames);
    settledText.set(o, stack);
  }
  return stack;
}

/** Assigning to a lazy `stack` replaces it with a data property, as V8 does (false when `o` is frozen). */
export function replaceStack(o: object, v: unknown): boolean {
  const d = ObjectGetOwnPropertyDescriptor(o, 'stack');
  if (d === undefined || d.configurable !== true) return false;
  pending.delete(o);
  settledText.delete(o);
  ObjectDefineProperty(o, 'stack', { value: v, writable: true, enumerable: false, configurable: true });
  return true;
}
