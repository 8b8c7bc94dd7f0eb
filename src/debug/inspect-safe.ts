// Looking at guest values without running guest code (the recorder's rule): own property descriptors
// read with the host's reflection (guest objects are host objects, BRIEF decision 1), accessors shown
// as accessors and never called, Proxies never asked (their traps are guest code), and rendering as
// node's util.inspect would, written here because the core runs in any runtime (no node:util).
import { inspectNumber, inspectString } from '../vm/inspect.js';
import { isRealmProxy } from '../realm/builtins/proxy.js';
import { functionStateOf } from '../interpreter/runtime/function-object.js';
import { IsPromise, PromiseResultOf, PromiseStateOf } from '../realm/abstract-ops/promise-operations.js';
import { hasErrorData } from '../realm/error-data.js';

const { getPrototypeOf, getOwnPropertyDescriptor } = Object;
const { ownKeys, apply } = Reflect;
const { isArray } = Array;
const SymbolToString = Symbol.prototype.toString;
const SymbolDescription = getOwnPropertyDescriptor(Symbol.prototype, 'description')!.get!;
const MapSize = getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
const SetSize = getOwnPropertyDescriptor(Set.prototype, 'size')!.get!;
const MapForEach = Map.prototype.forEach;
const SetForEach = Set.prototype.forEach;
const DateGetTime = Date.prototype.getTime;
const DateToISOString = Date.prototype.toISOString;
const RegExpSource = getOwnPropertyDescriptor(RegExp.prototype, 'source')!.get!;
const RegExpFlags = getOwnPropertyDescriptor(RegExp.prototype, 'flags')!.get!;
const WeakMapHas = WeakMap.prototype.has;
const WeakSetHas = WeakSet.prototype.has;

export function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** A Proxy made by guest code: shown as `Proxy`, never asked anything. */
export function isGuestProxy(o: object): boolean {
  return isRealmProxy(o);
}

/** util.inspect's rendering of a primitive, or undefined for an object. */
export function renderPrimitive(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return inspectString(v);
    case 'number': return inspectNumber(v);
    case 'bigint': return `${v}n`;
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return 'undefined';
    case 'symbol': return apply(SymbolToString, v, []) as string;
    default: return v === null ? 'null' : undefined;
  }
}

/** The description of a symbol (host getter: no guest code). */
export function symbolDescription(s: symbol): string | undefined {
  return apply(SymbolDescription, s, []) as string | undefined;
}

/** An own data property's value, or undefined (accessors are not called). */
export function ownData(o: object, key: PropertyKey): unknown {
  if (isGuestProxy(o)) return undefined;
  const d = getOwnPropertyDescriptor(o, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

/** [[GetPrototypeOf]] of an ordinary object (null for a Proxy: its trap is guest code). */
export function protoOf(o: object): object | null {
  if (isGuestProxy(o)) return null;
  return getPrototypeOf(o) as object | null;
}

/** The own keys of `o` in [[OwnPropertyKeys]] order (none for a Proxy). */
export function ownKeysOf(o: object): (string | symbol)[] {
  if (isGuestProxy(o)) return [];
  return ownKeys(o);
}

export function descriptorOf(o: object, key: PropertyKey): PropertyDescriptor | undefined {
  if (isGuestProxy(o)) return undefined;
  return getOwnPropertyDescriptor(o, key);
}

/** A function's own `name` data property ('' when absent or not a string). */
export function functionNameOf(fn: object): string {
  const n = ownData(fn, 'name');
  return typeof n === 'string' ? n : '';
}

export function isClassConstructor(fn: object): boolean {
  const s = functionStateOf(fn);
  return s !== undefined && s.template.kind === 'classConstructor';
}

/** The name util.inspect heads an object with: the nearest own `constructor` data property's name. */
export function constructorNameOf(o: object): string | null {
  let p: object | null = o;
  for (let i = 0; p !== null && i < 100; i++) {
    if (isGuestProxy(p)) return null;
    const c = ownData(p, 'constructor');
    if (typeof c === 'function') {
      const n = functionNameOf(c);
      if (n !== '') return n;
    }
    p = getPrototypeOf(p) as object | null;
  }
  return null;
}

function tryApply(fn: Function, o: object): { ok: true; value: unknown } | { ok: false } {
  try { return { ok: true, value: apply(fn, o, []) }; } catch { return { ok: false }; }
}

export function mapSize(o: object): number | undefined {
  const r = tryApply(MapSize, o);
  return r.ok ? r.value as number : undefined;
}

export function setSize(o: object): number | undefined {
  const r = tryApply(SetSize, o);
  return r.ok ? r.value as number : undefined;
}

export function mapEntries(o: object): [unknown, unknown][] {
  const out: [unknown, unknown][] = [];
  apply(MapForEach, o, [(v: unknown, k: unknown) => { out.push([k, v]); }]);
  return out;
}

export function setValues(o: object): unknown[] {
  const out: unknown[] = [];
  apply(SetForEach, o, [(v: unknown) => { out.push(v); }]);
  return out;
}

export function dateText(o: object): string | undefined {
  const r = tryApply(DateGetTime, o);
  if (!r.ok) return undefined;
  if (Number.isNaN(r.value)) return 'Invalid Date';
  return apply(DateToISOString, o, []) as string;
}

export function regExpText(o: object): string | undefined {
  const r = tryApply(RegExpSource, o);
  if (!r.ok) return undefined;
  return `/${r.value as string}/${apply(RegExpFlags, o, []) as string}`;
}

export function isWeakMap(o: object): boolean { return tryApply(WeakMapHas, o).ok; }
export function isWeakSet(o: object): boolean { return tryApply(WeakSetHas, o).ok; }

export function isErrorObject(o: object, errorPrototypes: readonly object[]): boolean {
  for (let p = protoOf(o), i = 0; p !== null && i < 100; p = protoOf(p), i++) if (errorPrototypes.includes(p)) return true;
  return false;
}

/** The kind of an object (HeapObjectView.kind). */
export function kindOf(o: object, errorPrototypes: readonly object[], generatorPrototypes: readonly object[]): string {
  if (isGuestProxy(o)) return 'proxy';
  if (typeof o === 'function') return isClassConstructor(o) ? 'class' : 'function';
  if (isArray(o)) return 'array';
  if (mapSize(o) !== undefined) return 'map';
  if (setSize(o) !== undefined) return 'set';
  if (IsPromise(o)) return 'promise';
  if (dateText(o) !== undefined) return 'date';
  if (regExpText(o) !== undefined) return 'regexp';
  if (isWeakMap(o)) return 'weakmap';
  if (isWeakSet(o)) return 'weakset';
  if (isErrorObject(o, errorPrototypes)) return 'error';
  for (let p = protoOf(o), i = 0; p !== null && i < 100; p = protoOf(p), i++) if (generatorPrototypes.includes(p)) return 'generator';
  return 'object';
}

/** The label util.inspect heads a function with: `[Function: f]`, `[class A]`, `[GeneratorFunction: g]`. */
export function functionLabel(fn: object): string {
  const name = functionNameOf(fn);
  const s = functionStateOf(fn);
  if (s !== undefined) {
    const k = s.template.kind;
    if (k === 'classConstructor') {
      const parent = protoOf(fn);
      const ext = s.template.isDerived && parent !== null && typeof parent === 'function' ? functionNameOf(parent) : '';
      return `[class ${name || '(anonymous)'}${ext !== '' ? ` extends ${ext}` : ''}]`;
    }
    const kind = k === 'generator' ? 'GeneratorFunction' : k === 'asyncGenerator' ? 'AsyncGeneratorFunction'
      : k === 'async' || k === 'asyncArrow' ? 'AsyncFunction' : 'Function';
    return name !== '' ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
  }
  return name !== '' ? `[Function: ${name}]` : '[Function (anonymous)]';
}

export function formatKey(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${apply(SymbolToString, key, []) as string}]`;
  return /^[a-zA-Z_$][a-zA-Z_$0-9]*$/.test(key) ? key : inspectString(key);
}

/** util.inspect(value) on one line, depth 2, for console output: no getter or trap is run. */
export function inspectInline(value: unknown, depth = 2, seen: object[] = []): string {
  const prim = renderPrimitive(value);
  if (prim !== undefined) return prim;
  const o = value as object;
  if (isGuestProxy(o)) return 'Proxy [ ]';
  if (typeof o === 'function') {
    const own = ownKeysOf(o).filter((k) => k !== 'length' && k !== 'name' && k !== 'prototype' && descriptorOf(o, k)?.enumerable === true);
    const label = functionLabel(o);
    return own.length === 0 || depth < 0 ? label : `${label} { ${props(o, own, depth, seen)} }`;
  }
  if (seen.includes(o)) return '[Circular *1]';
  const inner = [...seen, o];
  const ctor = constructorNameOf(o);
  if (isArray(o)) {
    const len = o.length;
    if (depth < 0) return len === 0 ? '[]' : '[Array]';
    const items: string[] = [];
    let holes = 0;
    const flush = (): void => { if (holes > 0) { items.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`); holes = 0; } };
    const shown = Math.min(len, 100);
    for (let i = 0; i < shown; i++) {
      const d = descriptorOf(o, String(i));
      if (d === undefined) { holes++; continue; }
      flush();
      items.push('value' in d ? inspectInline(d.value, depth - 1, inner) : accessorText(d));
    }
    flush();
    if (len > shown) items.push(`... ${len - shown} more item${len - shown > 1 ? 's' : ''}`);
    const extra = ownKeysOf(o).filter((k) => typeof k === 'symbol' ? descriptorOf(o, k)?.enumerable === true : !isIndex(k) && k !== 'length' && descriptorOf(o, k)?.enumerable === true);
    if (extra.length > 0) items.push(props(o, extra, depth, seen));
    const prefix = ctor === 'Array' ? '' : `${ctor ?? '[Array: null prototype]'}(${len}) `;
    return items.length === 0 ? `${prefix}[]` : `${prefix}[ ${items.join(', ')} ]`;
  }
  const size = mapSize(o);
  if (size !== undefined) {
    if (depth < 0) return `[Map]`;
    const es = mapEntries(o).map(([k, v]) => `${inspectInline(k, depth - 1, inner)} => ${inspectInline(v, depth - 1, inner)}`);
    return es.length === 0 ? `Map(0) {}` : `Map(${size}) { ${es.join(', ')} }`;
  }
  const ssize = setSize(o);
  if (ssize !== undefined) {
    if (depth < 0) return `[Set]`;
    const es = setValues(o).map((v) => inspectInline(v, depth - 1, inner));
    return es.length === 0 ? `Set(0) {}` : `Set(${ssize}) { ${es.join(', ')} }`;
  }
  const date = dateText(o);
  if (date !== undefined) return date;
  const re = regExpText(o);
  if (re !== undefined) return re;
  if (IsPromise(o)) {
    const state = PromiseStateOf(o);
    if (state === 'pending') return 'Promise { <pending> }';
    const result = depth < 0 ? '[Object]' : inspectInline(PromiseResultOf(o), depth - 1, inner);
    return state === 'fulfilled' ? `Promise { ${result} }` : `Promise { <rejected> ${result} }`;
  }
  // An error: a realm's inherits its `stack` (Error.prototype.stack), the host's has its own.
  if ((hasErrorData(o) || typeof ownData(o, 'stack') === 'string') && ownData(o, 'message') !== undefined) {
    const name = ownData(o, 'name') ?? inheritedData(o, 'name');
    const message = ownData(o, 'message');
    return message !== '' ? `${String(name)}: ${String(message)}` : String(name);
  }
  const keys = ownKeysOf(o).filter((k) => descriptorOf(o, k)?.enumerable === true);
  const prefix = ctor === null ? '[Object: null prototype] ' : ctor === 'Object' ? '' : `${ctor} `;
  if (keys.length === 0) return `${prefix}{}`;
  if (depth < 0) return ctor === null || ctor === 'Object' ? '[Object]' : `[${ctor}]`;
  return `${prefix}{ ${props(o, keys, depth, seen)} }`;
}

function inheritedData(o: object, key: string): unknown {
  for (let p = protoOf(o), i = 0; p !== null && i < 100; p = protoOf(p), i++) {
    const d = descriptorOf(p, key);
    if (d !== undefined) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

function isIndex(k: string): boolean {
  return /^(0|[1-9]\d*)$/.test(k) && Number(k) < 4294967295;
}

function accessorText(d: PropertyDescriptor): string {
  return d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]';
}

function props(o: object, keys: (string | symbol)[], depth: number, seen: object[]): string {
  const inner = [...seen, o];
  return keys.map((k) => {
    const d = descriptorOf(o, k)!;
    return `${formatKey(k)}: ${'value' in d ? inspectInline(d.value, depth - 1, inner) : accessorText(d)}`;
  }).join(', ');
}

/** util.format for the common cases: %s %d %i %f %j %o %O %c %%, the rest joined with spaces;
 * strings as they are, other values as inspectInline. */
export function formatLog(args: readonly unknown[]): string {
  if (args.length === 0) return '';
  const first = args[0];
  let out = '';
  let next = 1;
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    for (let i = 0; i < first.length; i++) {
      const ch = first[i];
      if (ch !== '%' || i + 1 >= first.length) { out += ch; continue; }
      const spec = first[i + 1];
      if (spec === '%') { out += '%'; i++; continue; }
      if (next >= args.length || !'sdifjoOc'.includes(spec!)) { out += ch; continue; }
      const a = args[next++];
      i++;
      switch (spec) {
        case 's': out += typeof a === 'string' ? a : typeof a === 'bigint' ? `${a}n` : typeof a === 'symbol' ? renderPrimitive(a)! : isObject(a) ? inspectInline(a, 1) : renderPrimitive(a)!; break;
        case 'd': case 'i': {
          if (typeof a === 'bigint') { out += `${a}n`; break; }
          if (isObject(a) || typeof a === 'symbol') { out += 'NaN'; break; }
          const n = Number(a);
          out += inspectNumber(spec === 'i' ? Math.trunc(n) : n);
          break;
        }
        case 'f': out += typeof a === 'symbol' || isObject(a) ? 'NaN' : inspectNumber(Number(a)); break;
        case 'j': out += jsonText(a); break;
        case 'o': case 'O': out += inspectInline(a, spec === 'o' ? 4 : 2); break;
        case 'c': break;
      }
    }
  } else {
    out = inspectInline(first);
  }
  for (; next < args.length; next++) {
    const a = args[next];
    out += ' ' + (typeof a === 'string' ? a : inspectInline(a));
  }
  return out;
}

function jsonText(a: unknown): string {
  if (!isObject(a)) { const t = JSON.stringify(a); return t === undefined ? 'undefined' : t; }
  // JSON.stringify would call toJSON and getters (guest code): the console shows the inspected form.
  return inspectInline(a, 4);
}
