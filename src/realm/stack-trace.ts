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

/** Makes the realm's CallSite objects for `frames` (registered by builtins/call-site.ts). */
export type CallSiteFactory = (realm: Realm, frames: readonly CallSiteRecord[]) => object;

let makeCallSites: CallSiteFactory = () => {
  throw new Error('vmjs: no CallSite factory registered');
};

/** builtins/call-site.ts hands over how CallSite objects are made, for Error.prepareStackTrace. */
export function setCallSiteFactory(f: CallSiteFactory): void {
  makeCallSites = f;
}

/** What was captured for an object's `stack`: agent-wide, so that any realm's accessor answers for an
 * error of another realm. */
interface StackRecord {
  /** The realm where the stack was captured: its Error.prepareStackTrace makes the text, with its
   * CallSite objects. */
  readonly realm: Realm;
  /** Undefined when Error.stackTraceLimit was no number: then `stack` is undefined, as in V8. */
  readonly frames: readonly CallSiteRecord[] | undefined;
  /** Whether `value` is made (on first read). */
  made: boolean;
  value: unknown;
}

const records = new WeakMap<object, StackRecord>();
/** prepareStackTrace is running: stacks read meanwhile get the default text (as V8). */
let preparing = false;

/** Captures the guest stack for `o`: at most Error.stackTraceLimit frames, below the topmost call of
 * `skipUntil` if given. Nothing is formatted yet: V8 makes the text when `stack` is first read, with the
 * name and message the object has then, through Error.prepareStackTrace if that is a function then
 * (stackValue). Where the value is read from is the caller's choice: an error's inherited
 * Error.prototype.stack accessor (builtins/error.ts), or an own property (installOwnStack). */
export function captureStack(realm: Realm, o: object, skipUntil?: Function): void {
  const limit = stackTraceLimit(realm);
  const frames = limit === undefined ? undefined : limit === 0 ? [] : capture(limit, skipUntil);
  records.set(o, { realm, frames, made: frames === undefined, value: undefined });
}

/** Whether a stack was captured for `o`. */
export function hasCapturedStack(o: object): boolean {
  return records.has(o);
}

/** The value of the stack captured for `o` (undefined if none), made on first read and kept:
 * Error.prepareStackTrace(error, callSites) of the capturing realm if it is a function now, else V8's
 * default text. A throw of prepareStackTrace reaches the reader and leaves the value unmade. */
export function stackValue(o: object): unknown {
  const r = records.get(o);
  if (r === undefined) return undefined;
  if (r.made) return r.value;
  const frames = r.frames ?? [];
  const E = r.realm.intrinsics.Error as object;
  // The host realm (the main context) has no CallSite objects of vmjs's, and node's own
  // Error.prepareStackTrace wants V8's: its interpreted frames get the default text.
  const prepare = preparing || r.realm.isHost ? undefined : quietGet(E, 'prepareStackTrace');
  let value: unknown;
  if (typeof prepare === 'function') {
    preparing = true;
    try {
      value = ReflectApply(prepare, E, [o, makeCallSites(r.realm, frames)]);
    } finally {
      preparing = false;
    }
  } else {
    value = stackHeader(o) + framesText(frames);
  }
  r.made = true;
  r.value = value;
  return value;
}

/** Replaces the value of the stack captured for `o` (displayErrors' arrow message). */
export function setStackValue(o: object, value: unknown): void {
  const r = records.get(o);
  if (r !== undefined) {
    r.made = true;
    r.value = value;
  }
}

/** Error.captureStackTrace's `stack`, an own property as V8 makes it: an accessor of the realm
 * (ownStackGetter / ownStackSetter) that makes the value on first read and becomes a data property
 * holding it, or undefined when Error.stackTraceLimit is no number. */
export function installOwnStack(realm: Realm, o: object): void {
  const r = records.get(o);
  if (r === undefined || r.frames === undefined) {
    ObjectDefineProperty(o, 'stack', { value: undefined, writable: true, enumerable: false, configurable: true });
    return;
  }
  ObjectDefineProperty(o, 'stack', {
    get: realm.intrinsics.ErrorOwnStackGetter as () => unknown, set: realm.intrinsics.ErrorOwnStackSetter as (v: unknown) => void,
    enumerable: false, configurable: true,
  });
}

/** The getter of installOwnStack's accessor: the value, which then replaces the accessor as a data
 * property (unless the object was frozen since: then the accessor stays and answers the same value). */
export function ownStackGetter(o: object, getter: Function): unknown {
  const value = stackValue(o);
  const d = ObjectGetOwnPropertyDescriptor(o, 'stack');
  if (d !== undefined && d.get === getter && d.configurable === true) {
    ObjectDefineProperty(o, 'stack', { value, writable: true, enumerable: false, configurable: true });
  }
  return value;
}

/** The setter of installOwnStack's accessor: the value assigned replaces it as a data property, as V8
 * does (false when `o` is frozen). */
export function ownStackSetter(o: object, v: unknown): boolean {
  const d = ObjectGetOwnPropertyDescriptor(o, 'stack');
  if (d === undefined || d.configurable !== true) return false;
  ObjectDefineProperty(o, 'stack', { value: v, writable: true, enumerable: false, configurable: true });
  return true;
}
