// Reading the guest call stack for an error (V8's "simple stack trace"): each frame on callStack
// becomes a CallSiteRecord (src/realm/stack-trace.ts) with what V8 reports about it — the function's
// debug name, the receiver's type name and the property the function was found under for method calls,
// `new` for constructor calls, the eval origin of eval code, the line and column of the call in
// progress (Frame.pos). Runs only when an error is made (the method and type names later, when first
// asked for); reads receivers with property descriptors only, never running getters or a guest
// Proxy's traps.
import type { CallSiteRecord } from '../../realm/stack-trace.js';
import type { Realm } from '../../realm/realm.js';
import { isRealmProxy } from '../../realm/builtins/proxy.js';
import {
  ArrayIsArray, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, ObjectKeys,
} from '../../realm/primordials.js';
import type { EvalFrom, SourceRecord } from '../compile/compile-context.js';
import { inferredName } from '../compile/inferred-names.js';
import type { Frame } from './frame.js';
import { functionStateOf, type FunctionState } from './function-object.js';
import { currentFrame } from './call-stack.js';
import { lineColumn } from './source-position.js';
import { UNINIT } from './environment.js';
import { asyncCallerOf } from './async-stack.js';

/** How many own keys a method-name search looks at, in all (V8 searches every enumerable key; a huge
 * receiver must not make every error expensive). */
const METHOD_SEARCH_KEYS = 1000;

/** The guest frames below the topmost call of `skipUntil` (all frames without it), at most `limit`,
 * then the async functions awaiting the bottom one (V8's `at async fn` frames). */
export function captureCallSites(limit: number, skipUntil: Function | undefined): CallSiteRecord[] {
  const out: CallSiteRecord[] = [];
  let fr = currentFrame();
  if (skipUntil !== undefined) {
    let g = fr;
    while (g !== null && !(g.fn !== null && g.fn.fnObject === skipUntil && !isEvalCodeFrame(g))) g = g.caller;
    if (g === null) return out;
    fr = g.caller;
  }
  let last: Frame | null = null;
  for (; fr !== null && out.length < limit; fr = fr.caller) {
    if (fr.source === null) continue;
    out.push(recordOf(fr, false));
    last = fr;
  }
  if (fr === null && last !== null) {
    // The bottom frame is an async body resumed by a job: the async functions awaiting its promise.
    // (Two async functions awaiting each other's promise never settle: stop where the chain closes.)
    const seen = new Set<Frame>([last]);
    for (let a = asyncCallerOf(last); a !== null && !seen.has(a) && out.length < limit; a = asyncCallerOf(a)) {
      seen.add(a);
      out.push(recordOf(a, true));
    }
  }
  return out;
}

/** Whether `fr` runs eval code (its own source made by eval, not a function defined there). */
function isEvalCodeFrame(fr: Frame): boolean {
  const source = fr.source;
  return source !== null && source.evalFrom !== undefined && (fr.fn === null || fr.fn.template.source !== source);
}

/** V8's eval origin: `eval at fn (file.js:2:3)`, nested for eval inside eval code. */
function evalOriginText(from: EvalFrom): string {
  let s = `eval at ${from.name === '' ? '<anonymous>' : from.name}`;
  const src = from.source;
  if (src !== null) {
    if (src.evalFrom !== undefined) s += ` (${evalOriginText(src.evalFrom)})`;
    else {
      const lc = lineColumn(src, from.pos);
      s += ` (${src.filename}:${lc.line}:${lc.column})`;
    }
  }
  return s;
}

/** The eval origin of eval code, computed once per source. */
const origins = new WeakMap<SourceRecord, string>();
function evalOriginOf(source: SourceRecord): string | undefined {
  if (source.evalFrom === undefined) return undefined;
  let o = origins.get(source);
  if (o === undefined) { o = evalOriginText(source.evalFrom); origins.set(source, o); }
  return o;
}

// Own data property of a host-visible object, never a getter or a guest trap.
function ownData(o: object, key: PropertyKey): unknown {
  if (isRealmProxy(o)) return undefined;
  try {
    const d = ObjectGetOwnPropertyDescriptor(o, key);
    return d !== undefined && 'value' in d ? d.value : undefined;
  } catch {
    return undefined;
  }
}

/** The static name of a function: its declared or property name, or the name V8 infers. */
function sharedName(s: FunctionState): string {
  const t = s.template;
  if (t.name !== undefined && t.name !== '') return t.name;
  return inferredName(t.node) ?? '';
}

/** V8's debug name of a guest function: its `name` if a non-empty string, else the static or inferred
 * name. Function-constructor code has none (V8 calls its frames `eval`). */
export function debugName(s: FunctionState): string {
  if (s.template.textOverride !== null) return '';
  const n = ownData(s.fnObject, 'name');
  if (typeof n === 'string' && n !== '') return n;
  return sharedName(s);
}

/** The debug name of any function a receiver's `constructor` holds. */
function functionDebugName(f: Function): string {
  const n = ownData(f, 'name');
  return typeof n === 'string' ? n : '';
}

/** Where a primitive receiver's properties are looked up. */
function prototypeForPrimitive(realm: Realm, v: unknown): object | null {
  const I = realm.intrinsics;
  switch (typeof v) {
    case 'number': return I.NumberPrototype;
    case 'string': return I.StringPrototype;
    case 'boolean': return I.BooleanPrototype;
    case 'symbol': return I.SymbolPrototype;
    case 'bigint': return (I.BigIntPrototype as object | undefined) ?? null;
    default: return null;
  }
}

function protoOf(o: object): object | null {
  if (isRealmProxy(o)) return null;
  try { return ObjectGetPrototypeOf(o) as object | null; } catch { return null; }
}

/** V8's JSReceiver::GetConstructorName: @@toStringTag, else the `constructor` found on the prototype
 * chain (its name, unless "Object"), else the object's class. */
function constructorName(receiver: object): string {
  for (let cur: object | null = receiver, i = 0; cur !== null && i < 64; cur = protoOf(cur), i++) {
    const tag = ownData(cur, Symbol.toStringTag);
    if (typeof tag === 'string') return tag;
    if (cur !== receiver) {
      const ctor = ownData(cur, 'constructor');
      if (typeof ctor === 'function') {
        const name = functionDebugName(ctor);
        if (name !== '' && name !== 'Object') return name;
      }
    }
  }
  if (typeof receiver === 'function') return 'Function';
  try { if (ArrayIsArray(receiver)) return 'Array'; } catch { /* a revoked proxy */ }
  return 'Object';
}

/** V8's CallSite getTypeName for a method call's receiver: a class constructor's own name, else the
 * receiver's constructor name. */
function typeNameOf(realm: Realm, receiver: unknown): string | null {
  if (typeof receiver === 'function') {
    const s = functionStateOf(receiver);
    if (s !== undefined && s.template.kind === 'classConstructor') {
      const name = debugName(s);
      if (name !== '') return name;
    }
    return constructorName(receiver);
  }
  if (typeof receiver === 'object' && receiver !== null) return constructorName(receiver);
  const proto = prototypeForPrimitive(realm, receiver);
  if (proto === null) return null;
  const tag = ownData(proto, Symbol.toStringTag);
  if (typeof tag === 'string') return tag;
  const ctor = ownData(proto, 'constructor');
  return typeof ctor === 'function' ? functionDebugName(ctor) : null;
}

// V8's CheckMethodName: `key` of `o` holds `fn` (as a value, getter or setter).
function holds(o: object, key: PropertyKey, fn: Function, chain: boolean): boolean {
  for (let cur: object | null = o, i = 0; cur !== null && i < 64; cur = chain ? protoOf(cur) : null, i++) {
    if (isRealmProxy(cur)) return false;
    let d: PropertyDescriptor | undefined;
    try { d = ObjectGetOwnPropertyDescriptor(cur, key); } catch { return false; }
    if (d !== undefined) return 'value' in d ? d.value === fn : d.get === fn || d.set === fn;
  }
  return false;
}

/** V8's CallSite getMethodName: the property of the receiver (or its prototypes) holding the function,
 * tried first under the function's own name; null when none or more than one does. */
function methodNameOf(realm: Realm, receiver: unknown, s: FunctionState): string | null {
  const start = typeof receiver === 'object' && receiver !== null ? receiver : typeof receiver === 'function' ? receiver : prototypeForPrimitive(realm, receiver);
  if (start === null) return null;
  const fn = s.fnObject;
  let name = sharedName(s);
  const own = ownData(fn, 'name');
  if (typeof own === 'string' && own !== '') name = own;
  if (name.startsWith('get ') || name.startsWith('set ')) name = name.slice(4);
  if (name !== '' && holds(start, name, fn, true)) return name;
  let result: string | null = null;
  let budget = METHOD_SEARCH_KEYS;
  for (let cur: object | null = start, i = 0; cur !== null && i < 64; cur = protoOf(cur), i++) {
    if (isRealmProxy(cur)) break;
    let keys: string[];
    try { keys = ObjectKeys(cur); } catch { break; }
    for (let k = 0; k < keys.length; k++) {
      if (--budget < 0) return result;
      if (!holds(cur, keys[k], fn, false)) continue;
      if (result !== null) return null;
      result = keys[k];
    }
  }
  return result;
}

/** The CallSiteRecord of one frame. Its method and type names are looked up when first asked for (the
 * text of a method call's frame, a CallSite's getMethodName/getTypeName), as V8 does from the receiver
 * and function it keeps: a method-name search reads every key of the receiver, which for a plain
 * sloppy call is the global object, and the text of such a frame never shows it. */
class FrameRecord implements CallSiteRecord {
  readonly realm: Realm;
  readonly fileName: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly position: number;
  readonly enclosingLine: number;
  readonly enclosingColumn: number;
  readonly functionName: string | null;
  readonly isToplevel: boolean;
  readonly isEval: boolean;
  readonly isConstructor: boolean;
  readonly isAsync: boolean;
  readonly isPromiseAll = false;
  readonly promiseIndex = null;
  readonly evalOrigin: string | undefined;
  readonly thisValue: unknown;
  readonly fn: Function | undefined;
  readonly strict: boolean;
  /** The running function's state; null for script, module and eval code. */
  private readonly state: FunctionState | null;
  private method: string | null | undefined = undefined;
  private type: string | null | undefined = undefined;

  constructor(fr: Frame, isAsync: boolean) {
    const source = fr.source!;
    const realm = fr.realm;
    const s = isEvalCodeFrame(fr) ? null : fr.fn;
    const isEval = source.evalFrom !== undefined;
    const thisValue = fr.thisValue === UNINIT ? undefined : fr.thisValue;
    const isConstructor = s !== null && fr.newTarget !== undefined;
    let functionName: string | null = s !== null ? debugName(s) : '';
    if (functionName === '') functionName = isEval ? 'eval' : null;
    const lc = lineColumn(source, fr.pos);
    const enclosing = s !== null ? lineColumn(source, s.template.node.start) : lineColumn(source, 0);
    this.realm = realm;
    this.fileName = isEval ? undefined : source.filename;
    this.line = lc.line;
    this.column = lc.column;
    this.position = fr.pos;
    this.enclosingLine = enclosing.line;
    this.enclosingColumn = enclosing.column;
    this.functionName = functionName;
    this.isToplevel = !isConstructor && (thisValue === undefined || thisValue === null || thisValue === realm.globalThisValue);
    this.isEval = isEval;
    this.isConstructor = isConstructor;
    this.isAsync = isAsync;
    this.evalOrigin = evalOriginOf(source);
    this.thisValue = thisValue;
    this.fn = s !== null ? s.fnObject : undefined;
    this.strict = fr.strict;
    this.state = s;
  }

  get methodName(): string | null {
    if (this.method === undefined) {
      const s = this.state, thisValue = this.thisValue;
      // V8 looks for it on any receiver, the global object of a plain sloppy call included.
      this.method = s !== null && !this.isConstructor && thisValue !== undefined && thisValue !== null ? methodNameOf(this.realm, thisValue, s) : null;
    }
    return this.method;
  }

  get typeName(): string | null {
    if (this.type === undefined) this.type = !this.isToplevel && !this.isConstructor ? typeNameOf(this.realm, this.thisValue) : null;
    return this.type;
  }
}

function recordOf(fr: Frame, isAsync: boolean): CallSiteRecord {
  return new FrameRecord(fr, isAsync);
}

/** V8's eval origin of code that `f` is making now (a direct eval, or a Function constructor called
 * from `f`): the caller's function name and where it is. */
export function evalFromFrame(f: Frame | null): EvalFrom {
  if (f === null || f.source === null) return { name: '', source: null, pos: 0 };
  const name = isEvalCodeFrame(f) || f.fn === null ? '' : sharedName(f.fn);
  return { name, source: f.source, pos: f.pos };
}
