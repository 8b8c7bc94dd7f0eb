// A small, portable rendition of node's util.inspect, only for the values that
// node:vm's error messages quote ("Received ..."). src/vm may not import
// node:util (BRIEF decision 9), so this covers what those messages show:
// primitives exactly as util.inspect prints them, and functions, arrays and
// plain objects on one line to a limited depth. Maps, Sets, typed arrays and
// errors get a short form rather than util.inspect's full one.

const { getPrototypeOf, getOwnPropertyDescriptor, keys: objectKeys, getOwnPropertySymbols, prototype: ObjectPrototype } = Object;
const { isArray } = Array;
const { apply } = Reflect;
const FunctionToString = Function.prototype.toString;
const SymbolToString = Symbol.prototype.toString;
const ObjectToString = ObjectPrototype.toString;

export interface InspectOptions {
  /** How many levels of nesting to show before printing `[Object]`/`[Array]`; -1 shows none. Default 2. */
  depth?: number;
}

/** util.inspect(value, { depth }) for the cases node:vm's error messages need. */
export function inspect(value: unknown, options: InspectOptions = {}): string {
  return formatValue(value, options.depth ?? 2, []);
}

// util.inspect's escapes for C0 controls and DEL: '\b', '\t', '\n', '\f', '\r' by name, the rest as \xHH.
const namedEscapes: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** util.inspect's string quoting: single quotes unless the string contains them, then double quotes,
 * then backticks; the chosen quote, backslashes, control characters and lone surrogates are escaped. */
export function inspectString(s: string): string {
  let quote = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) quote = '"';
    else if (!s.includes('`') && !s.includes('${')) quote = '`';
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === quote.charCodeAt(0) || c === 0x5c) out += '\\' + s[i];
    else if (c < 0x20 || c === 0x7f) out += namedEscapes[c] ?? '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) { out += s[i]! + s[i + 1]!; i++; }
      else out += '\\u' + c.toString(16);
    } else out += s[i];
  }
  return quote + out + quote;
}

/** How util.inspect prints a number: like String() except that -0 keeps its sign. */
export function inspectNumber(n: number): string {
  return n === 0 && 1 / n < 0 ? '-0' : String(n);
}

function formatPrimitive(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string': return inspectString(value);
    case 'number': return inspectNumber(value);
    case 'bigint': return `${value}n`;
    case 'boolean': return value ? 'true' : 'false';
    case 'undefined': return 'undefined';
    case 'symbol': return apply(SymbolToString, value, []) as string;
    default: return value === null ? 'null' : undefined;
  }
}

function formatFunction(fn: Function): string {
  let source = '';
  try { source = apply(FunctionToString, fn, []) as string; } catch { /* a revoked proxy or similar: not a class */ }
  const name = typeof safeGet(fn, 'name') === 'string' ? safeGet(fn, 'name') as string : '';
  if (source.startsWith('class') && /^class\b/.test(source)) {
    const ext = /^class\s*[\w$]*\s+extends\s+([\w$.]+)/.exec(source);
    return `[class ${name || '(anonymous)'}${ext ? ` extends ${ext[1]}` : ''}]`;
  }
  const kind = /^async\s+function\s*\*/.test(source) ? 'AsyncGeneratorFunction'
    : /^async\b/.test(source) ? 'AsyncFunction'
    : /^function\s*\*/.test(source) ? 'GeneratorFunction' : 'Function';
  return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
}

function safeGet(o: object, key: PropertyKey): unknown {
  try { return Reflect.get(o, key); } catch { return undefined; }
}

/** The constructor name util.inspect prefixes an object with, or null for a null-prototype chain. */
function constructorName(o: object): string | null {
  let p: object | null = o;
  while (p !== null) {
    const d = getOwnPropertyDescriptor(p, 'constructor');
    if (d !== undefined && typeof d.value === 'function' && typeof d.value.name === 'string' && d.value.name !== '') return d.value.name;
    p = getPrototypeOf(p);
  }
  return null;
}

function formatKey(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${apply(SymbolToString, key, []) as string}]`;
  return /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key) ? key : inspectString(key);
}

function formatValue(value: unknown, depth: number, seen: object[]): string {
  const prim = formatPrimitive(value);
  if (prim !== undefined) return prim;
  const o = value as object;
  if (typeof o === 'function') return formatFunction(o);
  if (seen.includes(o)) return '[Circular *1]';
  const ctor = constructorName(o);
  if (isArray(o)) {
    if (depth < 0) return o.length === 0 ? '[]' : '[Array]';
    const items: string[] = [];
    let holes = 0;
    const flushHoles = () => { if (holes > 0) { items.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`); holes = 0; } };
    for (let i = 0; i < o.length; i++) {
      if (!(i in o)) { holes++; continue; }
      flushHoles();
      items.push(formatValue(o[i], depth - 1, [...seen, o]));
    }
    flushHoles();
    const prefix = ctor === 'Array' ? '' : ctor === null ? '[Array(' + o.length + '): null prototype] ' : `${ctor}(${o.length}) `;
    return items.length === 0 ? `${prefix}[]` : `${prefix}[ ${items.join(', ')} ]`;
  }
  const tag = apply(ObjectToString, o, []) as string;
  if (tag === '[object Error]' || o instanceof Error) {
    const name = safeGet(o, 'name'), message = safeGet(o, 'message');
    return message ? `${String(name)}: ${String(message)}` : String(name);
  }
  if (ctor !== null && ctor !== 'Object') {
    // Maps, Sets, class instances and the rest: a short form (util.inspect would list contents).
    const own = [...objectKeys(o)];
    if (own.length === 0) return `${ctor} {}`;
    if (depth < 0) return `[${ctor}]`;
    return `${ctor} { ${own.map((k) => `${formatKey(k)}: ${formatValue((o as Record<string, unknown>)[k], depth - 1, [...seen, o])}`).join(', ')} }`;
  }
  const prefix = ctor === null ? '[Object: null prototype] ' : '';
  const keys: (string | symbol)[] = [...objectKeys(o), ...getOwnPropertySymbols(o).filter((s) => getOwnPropertyDescriptor(o, s)?.enumerable)];
  if (keys.length === 0) return `${prefix}{}`;
  if (depth < 0) return ctor === null ? '[Object: null prototype]' : '[Object]';
  const parts = keys.map((k) => {
    const d = getOwnPropertyDescriptor(o, k)!;
    const shown = 'value' in d ? formatValue(d.value, depth - 1, [...seen, o])
      : d.get && d.set ? '[Getter/Setter]' : d.get ? '[Getter]' : '[Setter]';
    return `${formatKey(k)}: ${shown}`;
  });
  return `${prefix}{ ${parts.join(', ')} }`;
}
