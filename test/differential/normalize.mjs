// Structural normalisation for the differential tests: turns a value from any realm (node:vm's
// or vmjs's) into plain JSON-like data, so that deep equality compares structure, not identity.
// It reads through the host's own builtins (getTime, RegExp getters, Map iterators…), which work
// on objects of any realm, and never calls guest getters.

const { getOwnPropertyDescriptor, getPrototypeOf } = Object;
const { ownKeys } = Reflect;
const toTag = (v) => Reflect.apply(Object.prototype.toString, v, []);

function protoName(o) {
  const p = getPrototypeOf(o);
  if (p === null) return 'null';
  const d = getOwnPropertyDescriptor(p, 'constructor');
  const c = d && 'value' in d ? d.value : undefined;
  if (typeof c === 'function') {
    const n = getOwnPropertyDescriptor(c, 'name');
    if (n && typeof n.value === 'string') return n.value;
  }
  return '?';
}

function keyOf(k) {
  return typeof k === 'symbol' ? `@@${k.description}` : k;
}

/** Property descriptors of `o`, values normalised; attributes listed only when not all true. */
function props(o, seen, depth) {
  const out = {};
  for (const k of ownKeys(o)) {
    const d = getOwnPropertyDescriptor(o, k);
    if (d === undefined) continue; // a proxy may list keys it then hides
    const attrs = `${'writable' in d ? (d.writable ? 'w' : '-') : ''}${d.enumerable ? 'e' : '-'}${d.configurable ? 'c' : '-'}`;
    const entry = 'value' in d ? { value: normalize(d.value, seen, depth + 1) } : { get: d.get !== undefined, set: d.set !== undefined };
    if (attrs !== 'wec') entry.attrs = attrs;
    out[keyOf(k)] = entry;
  }
  return out;
}

/** Objects given a fixed label instead of their structure: the context's global object, whose
 * builtins differ between engines (node's has `console`, WebAssembly…) and are not under test here. */
let labels = new Map();

/** Runs `fn` with `map` (object → label) in force for normalize(). */
export function withLabels(map, fn) {
  const saved = labels;
  labels = map;
  try { return fn(); } finally { labels = saved; }
}

export function normalize(v, seen = [], depth = 0) {
  if (labels.has(v)) return { $: labels.get(v) };
  switch (typeof v) {
    case 'undefined': return { $: 'undefined' };
    case 'number':
      if (Number.isNaN(v)) return { $: 'NaN' };
      if (v === 0 && 1 / v < 0) return { $: '-0' };
      if (!Number.isFinite(v)) return { $: String(v) };
      return v;
    case 'bigint': return { $: 'bigint', value: String(v) };
    case 'symbol': return { $: 'symbol', description: v.description ?? null, registered: Symbol.keyFor(v) !== undefined };
    case 'string': case 'boolean': return v;
    case 'function': {
      const name = getOwnPropertyDescriptor(v, 'name');
      const length = getOwnPropertyDescriptor(v, 'length');
      return { $: 'function', name: name && name.value, length: length && length.value };
    }
    default: break;
  }
  if (v === null) return null;
  if (seen.includes(v)) return { $: 'circular', index: seen.indexOf(v) };
  if (depth > 6) return { $: 'deep' };
  seen = [...seen, v];
  const tag = toTag(v);
  if (Array.isArray(v)) {
    const items = [];
    const len = getOwnPropertyDescriptor(v, 'length').value;
    for (let i = 0; i < len; i++) {
      const d = getOwnPropertyDescriptor(v, i);
      items.push(d === undefined ? { $: 'hole' } : 'value' in d ? normalize(d.value, seen, depth + 1) : { $: 'accessor' });
    }
    const extra = {};
    for (const k of ownKeys(v)) if (k !== 'length' && !(typeof k === 'string' && /^(0|[1-9]\d*)$/.test(k))) extra[keyOf(k)] = normalize(getOwnPropertyDescriptor(v, k).value, seen, depth + 1);
    return { $: 'array', proto: protoName(v), items, ...(Object.keys(extra).length ? { extra } : {}) };
  }
  if (tag === '[object Error]') {
    const name = getOwnPropertyDescriptor(v, 'name') ?? getOwnPropertyDescriptor(getPrototypeOf(v) ?? {}, 'name');
    const message = getOwnPropertyDescriptor(v, 'message');
    return { $: 'error', proto: protoName(v), name: name && name.value, message: message && message.value };
  }
  try {
    if (tag === '[object Date]') return { $: 'date', time: normalize(Reflect.apply(Date.prototype.getTime, v, [])) };
    if (tag === '[object RegExp]') return { $: 'regexp', source: Reflect.apply(getOwnPropertyDescriptor(RegExp.prototype, 'source').get, v, []), flags: Reflect.apply(getOwnPropertyDescriptor(RegExp.prototype, 'flags').get, v, []), lastIndex: v.lastIndex };
    if (tag === '[object Map]') return { $: 'map', proto: protoName(v), entries: [...Reflect.apply(Map.prototype.entries, v, [])].map(([k, x]) => [normalize(k, seen, depth + 1), normalize(x, seen, depth + 1)]) };
    if (tag === '[object Set]') return { $: 'set', proto: protoName(v), values: [...Reflect.apply(Set.prototype.values, v, [])].map((x) => normalize(x, seen, depth + 1)) };
    if (tag === '[object Number]') return { $: 'Number', value: normalize(Reflect.apply(Number.prototype.valueOf, v, [])) };
    if (tag === '[object String]') return { $: 'String', value: Reflect.apply(String.prototype.valueOf, v, []) };
    if (tag === '[object Boolean]') return { $: 'Boolean', value: Reflect.apply(Boolean.prototype.valueOf, v, []) };
    if (tag === '[object Promise]') return { $: 'promise' };
  } catch {
    // A tag faked with Symbol.toStringTag: fall through to the generic object form.
  }
  return { $: 'object', tag, proto: protoName(v), props: props(v, seen, depth) };
}

/** The outcome of running a snippet: its completion value or the error it threw. */
export function outcome(run) {
  try {
    return { value: normalize(run()) };
  } catch (e) {
    if (typeof e === 'object' && e !== null && toTag(e) === '[object Error]') {
      return { threw: { class: protoName(e), name: String(e.name), message: String(e.message) } };
    }
    return { threw: { value: normalize(e) } };
  }
}

/** The context object's own properties after a run (only the enumerable ones, with `enumerableOnly`). */
export function contextState(sandbox, enumerableOnly = false) {
  const all = props(sandbox, [], 0);
  if (!enumerableOnly) return all;
  const out = {};
  for (const [k, v] of Object.entries(all)) if (v.attrs === undefined || v.attrs.includes('e')) out[k] = v;
  return out;
}
