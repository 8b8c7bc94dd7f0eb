// Rendering values in error messages the way V8 does, without running guest code.
import { ArrayIsArray, HostString, ObjectGetOwnPropertyDescriptor } from './primordials.js';
import { hooks } from './evaluator-hooks.js';

/** `1`, `abc`, `Symbol(x)`, `#<Object>`, `function f() {…}`-like: V8's %ToString for messages. */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'symbol': return SymbolDescriptiveString(v);
    case 'function': return describeFunction(v);
    case 'object': return v === null ? 'null' : isArrayQuiet(v) ? '[object Array]' : '#<Object>';
    default: return HostString(v);
  }
}

/** `number 5`, `object`, `undefined`: V8's rendering with the type, used in "… is not iterable". */
export function describeTyped(v: unknown): string {
  if (v === undefined || v === null) return HostString(v);
  const t = typeof v;
  if (t === 'object' || t === 'function') return t;
  if (t === 'string') return `string "${v as string}"`;
  return `${t} ${describeValue(v)}`;
}

/** SymbolDescriptiveString (§20.4.3.3.1, sec-symboldescriptivestring). */
export function SymbolDescriptiveString(s: symbol): string {
  const d = s.description;
  return `Symbol(${d === undefined ? '' : d})`;
}

/** An interpreted function's source text, else V8's native form `function name() { [native code] }`. */
function describeFunction(F: Function): string {
  const source = hooks.functionSourceText(F);
  if (source !== undefined) return source;
  let name = '';
  try {
    const d = ObjectGetOwnPropertyDescriptor(F, 'name');
    if (d !== undefined && typeof d.value === 'string') name = d.value;
  } catch { /* a revoked proxy: no name */ }
  return `function ${name}() { [native code] }`;
}

function isArrayQuiet(v: object): boolean {
  try { return ArrayIsArray(v); } catch { return false; }
}
