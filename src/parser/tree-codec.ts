// The checked parse as bytes: the ESTree acorn returned for a source, written in pre-order and read
// back as an identical tree (same keys in the same order, same values) without running acorn. This is
// the payload of vmjs's cachedData (cached-data.ts adds the header that ties it to its source).
//
// Layout (every integer a LEB128 varint unless said otherwise):
//   strings:  count, then each string as its length and its UTF-16 code units
//   shapes:   count, then each shape as its key count and, per key, the key's string index and its
//             field class (u8); a TYPE field is followed by the index of the shape's constant `type`
//   root:     one value
// A shape is an object's list of keys in order (acorn sets keys in different orders for one node type
// depending on the parse path, so the shape, not the type, decides the order). Field classes:
//   TYPE   the shape's constant string (a node's `type`): no bytes
//   START  a position: zigzag delta from the previous START read
//   END    a position: its distance from this object's START
//   LOC    acorn's `loc` ({ start: { line, column }, end: { line, column } }), derived from START and END
//   VALUE  a tagged value (TAG_* below)
//   PARAMS a function's `params` and `body` (the next key, class BODY: no bytes of its own) as a lazy
//          section: u8 flags (FACT_*), its ExpectedArgumentCount, the section's byte length (u32 LE),
//          then params and body as two values, START deltas counted from the function's own start.
//          A decoder skips the section and defines both keys as accessors that decode it on first
//          read (then data properties, in the same place among the keys): decoding a tree decodes
//          its functions' contents only when something reads them (the compiler, on a first call).
// Strings are mostly not stored: an Identifier's name or a Literal's raw text is its own range of the
// source (TAG_OWN), a string literal's value its range without the quotes (TAG_INNER), other text a
// slice of the source near the node (TAG_SLICE); the rest (escaped names, operators, kinds) go in the
// string table. The source is the one the header's hash checked, so slices are its text.

const TYPE = 1, START = 2, END = 3, LOC = 4, VALUE = 5, PARAMS = 6, BODY = 7;

/** Facts of a lazy section, stored before it so that preparation need not decode it. */
const FACT_USE_STRICT = 1, FACT_DIRECT_EVAL = 2;

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

const TAG_NULL = 0, TAG_UNDEFINED = 1, TAG_FALSE = 2, TAG_TRUE = 3, TAG_OBJECT = 4, TAG_ARRAY = 5, TAG_UINT = 6,
  TAG_F64 = 7, TAG_OWN = 8, TAG_INNER = 9, TAG_SLICE = 10, TAG_TABLE = 11, TAG_REGEXP = 12, TAG_BIGINT = 13;

/** Data that does not decode: the cachedData is rejected. */
export class MalformedTree extends Error {}

// ---------------------------------------------------------------------------------------------------
// Encoding

class ByteWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  /** An unsigned integer below 2^31 as LEB128. */
  varint(n: number): void {
    this.reserve(5);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.bytes[this.length++] = n;
  }

  zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  float64(n: number): void {
    this.reserve(8);
    new DataView(this.bytes.buffer).setFloat64(this.length, n, true);
    this.length += 8;
  }

  /** Four bytes to be written later by patchUint32; returns their position. */
  reserveUint32(): number {
    this.reserve(4);
    const at = this.length;
    this.length += 4;
    return at;
  }

  patchUint32(at: number, n: number): void {
    this.bytes[at] = n & 0xff;
    this.bytes[at + 1] = (n >>> 8) & 0xff;
    this.bytes[at + 2] = (n >>> 16) & 0xff;
    this.bytes[at + 3] = n >>> 24;
  }

  append(other: ByteWriter): void {
    this.reserve(other.length);
    this.bytes.set(other.bytes.subarray(0, other.length), this.length);
    this.length += other.length;
  }
}

interface EncodeShape {
  readonly index: number;
  readonly classes: number[];
}

const MAX_VARINT = 0x7fffffff;

class TreeEncoder {
  readonly body = new ByteWriter();
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  readonly shapes: Array<{ keys: string[]; classes: number[]; type: string | undefined }> = [];
  private readonly shapeIndex = new Map<string, EncodeShape>();
  private lastStart = 0;
  private curStart = 0;
  private curEnd = 0;
  private lineStarts: number[] | null = null;
  /** Whether a direct eval call (`eval(…)`) was written since the innermost open section began. */
  private sawEval = false;

  constructor(private readonly source: string) {}

  string(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  value(v: unknown): void {
    const w = this.body;
    if (v === null) return w.byte(TAG_NULL);
    switch (typeof v) {
      case 'undefined': return w.byte(TAG_UNDEFINED);
      case 'boolean': return w.byte(v ? TAG_TRUE : TAG_FALSE);
      case 'number':
        if (Number.isInteger(v) && v >= 0 && v <= MAX_VARINT && !Object.is(v, -0)) {
          w.byte(TAG_UINT);
          return w.varint(v);
        }
        w.byte(TAG_F64);
        return w.float64(v);
      case 'string': return this.stringValue(v);
      case 'bigint':
        w.byte(TAG_BIGINT);
        return this.stringValue(v.toString());
      case 'object':
        if (Array.isArray(v)) {
          w.byte(TAG_ARRAY);
          w.varint(v.length);
          for (let i = 0; i < v.length; i++) {
            if (!(i in v)) throw new TypeError('cachedData: a tree with an array hole cannot be encoded');
            this.value(v[i]);
          }
          return;
        }
        if (v instanceof RegExp) {
          w.byte(TAG_REGEXP);
          this.stringValue(v.source);
          return this.stringValue(v.flags);
        }
        w.byte(TAG_OBJECT);
        return this.object(v as Record<string, unknown>);
      default:
        throw new TypeError(`cachedData: a tree value of type ${typeof v} cannot be encoded`);
    }
  }

  private stringValue(s: string): void {
    const w = this.body;
    const src = this.source;
    const start = this.curStart, end = this.curEnd;
    if (end > start) {
      if (s.length === end - start && src.startsWith(s, start)) return w.byte(TAG_OWN);
      if (s.length === end - start - 2 && src.startsWith(s, start + 1)) return w.byte(TAG_INNER);
      // Searched within the range only (a search of the rest of the source would make encoding
      // quadratic); longer ranges are rare here and their other strings go in the table.
      if (s.length > 2 && end - start <= 4096) {
        const at = src.substring(start, end).indexOf(s);
        if (at >= 0) {
          w.byte(TAG_SLICE);
          w.varint(at);
          return w.varint(s.length);
        }
      }
    }
    w.byte(TAG_TABLE);
    w.varint(this.string(s));
  }

  private object(o: Record<string, unknown>): void {
    const keys = Object.keys(o);
    if (Object.getOwnPropertySymbols(o).length > 0) throw new TypeError('cachedData: a tree object with symbol keys cannot be encoded');
    const classes: number[] = [];
    let hasStart = false, hasEnd = false, type: string | undefined;
    let start = this.curStart, end = this.curEnd;
    for (const k of keys) {
      if (k === '__proto__') throw new TypeError('cachedData: a tree key "__proto__" cannot be encoded');
      const v = o[k];
      if (k === 'type' && typeof v === 'string' && type === undefined) {
        type = v;
        classes.push(TYPE);
      } else if (k === 'start' && !hasStart && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= this.source.length) {
        hasStart = true;
        start = v;
        classes.push(START);
      } else if (k === 'end' && hasStart && !hasEnd && typeof v === 'number' && Number.isInteger(v) && v >= start && v <= this.source.length) {
        hasEnd = true;
        end = v;
        classes.push(END);
      } else if (k === 'loc' && hasEnd && this.isDerivedLoc(v, start, end)) {
        classes.push(LOC);
      } else {
        classes.push(VALUE);
      }
    }
    // A function's params and body, after its start and end: a lazy section.
    if (type !== undefined && FUNCTION_TYPES.has(type) && hasEnd) {
      const i = keys.indexOf('params');
      if (i > classes.indexOf(END) && keys[i + 1] === 'body' && Array.isArray(o.params) && typeof o.body === 'object' && o.body !== null && !Array.isArray(o.body)) {
        classes[i] = PARAMS;
        classes[i + 1] = BODY;
      }
    }
    if (type === 'CallExpression' && isEvalCallee(o.callee)) this.sawEval = true;
    const signature = `${type ?? ''}\u0000${keys.join('\u0000')}\u0000${classes.join('')}`;
    let shape = this.shapeIndex.get(signature);
    if (shape === undefined) {
      shape = { index: this.shapes.length, classes };
      this.shapes.push({ keys, classes, type });
      for (const k of keys) this.string(k);
      if (type !== undefined) this.string(type);
      this.shapeIndex.set(signature, shape);
    }
    const w = this.body;
    w.varint(shape.index);
    const savedStart = this.curStart, savedEnd = this.curEnd;
    for (let i = 0; i < keys.length; i++) {
      switch (classes[i]) {
        case TYPE: case LOC: case BODY: break;
        case PARAMS:
          this.section(o.params as unknown[], o.body as object, start);
          break;
        case START:
          w.zigzag(start - this.lastStart);
          this.lastStart = start;
          this.curStart = start;
          this.curEnd = start;
          break;
        case END:
          w.varint(end - start);
          this.curEnd = end;
          break;
        default:
          this.value(o[keys[i]]);
      }
    }
    this.curStart = savedStart;
    this.curEnd = savedEnd;
  }

  /** A function's params and body as a lazy section (see PARAMS above). */
  private section(params: unknown[], body: object, fnStart: number): void {
    const w = this.body;
    const flagsAt = w.length;
    w.byte(0);
    w.varint(expectedArgumentCount(params));
    const lengthAt = w.reserveUint32();
    const savedLast = this.lastStart, savedEval = this.sawEval;
    this.lastStart = fnStart;
    this.sawEval = false;
    this.value(params);
    this.value(body);
    const sectionEval = this.sawEval;
    this.sawEval = savedEval || sectionEval;
    this.lastStart = savedLast;
    w.bytes[flagsAt] = (hasUseStrictDirective(body) ? FACT_USE_STRICT : 0) | (sectionEval ? FACT_DIRECT_EVAL : 0);
    w.patchUint32(lengthAt, w.length - lengthAt - 4);
  }

  /** Whether `v` is exactly acorn's SourceLocation for [start, end) (no `source` field). */
  private isDerivedLoc(v: unknown, start: number, end: number): boolean {
    if (typeof v !== 'object' || v === null) return false;
    const loc = v as { start?: unknown; end?: unknown };
    const keys = Object.keys(loc);
    if (keys.length !== 2 || keys[0] !== 'start' || keys[1] !== 'end') return false;
    this.lineStarts ??= lineStartsOf(this.source);
    return samePosition(loc.start, this.lineStarts, start) && samePosition(loc.end, this.lineStarts, end);
  }
}

/** Whether a call's callee makes it a direct eval candidate: the identifier `eval`. */
function isEvalCallee(callee: unknown): boolean {
  const c = callee as { type?: unknown; name?: unknown } | null;
  return typeof c === 'object' && c !== null && c.type === 'Identifier' && c.name === 'eval';
}

/** Whether a function body's directive prologue has "use strict" (§11.2.1). */
function hasUseStrictDirective(body: object): boolean {
  const b = body as { type?: unknown; body?: unknown };
  if (b.type !== 'BlockStatement' || !Array.isArray(b.body)) return false;
  for (const s of b.body as Array<{ type?: unknown; directive?: unknown }>) {
    if (s === null || typeof s !== 'object' || s.type !== 'ExpressionStatement' || typeof s.directive !== 'string') return false;
    if (s.directive === 'use strict') return true;
  }
  return false;
}

/** ExpectedArgumentCount of a parameter list (§15.1.5). */
function expectedArgumentCount(params: readonly unknown[]): number {
  let n = 0;
  for (const p of params as Array<{ type?: unknown } | null>) {
    if (p !== null && typeof p === 'object' && (p.type === 'AssignmentPattern' || p.type === 'RestElement')) break;
    n++;
  }
  return n;
}

function samePosition(v: unknown, lineStarts: number[], offset: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const keys = Object.keys(v);
  if (keys.length !== 2 || keys[0] !== 'line' || keys[1] !== 'column') return false;
  const p = v as { line: unknown; column: unknown };
  const line = lineOf(lineStarts, offset);
  return p.line === line + 1 && p.column === offset - lineStarts[line];
}

/** The offsets where each line starts, as acorn counts lines (\n, \r, \r\n, U+2028, U+2029). */
function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
    else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The 0-based line holding `offset` (the last line start at or before it). */
function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0, hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The tree `root` (parsed from `source`) as payload bytes. Throws a TypeError for a value that a
 * parse never produces (symbols, functions, array holes). */
export function encodeTree(root: object, source: string): Uint8Array {
  const e = new TreeEncoder(source);
  e.value(root); // interns every string, shape keys and types included
  const out = new ByteWriter();
  out.varint(e.strings.length);
  for (const s of e.strings) {
    out.varint(s.length);
    for (let i = 0; i < s.length; i++) out.varint(s.charCodeAt(i));
  }
  out.varint(e.shapes.length);
  for (const shape of e.shapes) {
    out.varint(shape.keys.length);
    for (let i = 0; i < shape.keys.length; i++) {
      out.varint(e.string(shape.keys[i]));
      out.byte(shape.classes[i]);
      if (shape.classes[i] === TYPE) out.varint(e.string(shape.type!));
    }
  }
  out.append(e.body);
  return out.bytes.slice(0, out.length);
}

// ---------------------------------------------------------------------------------------------------
// Decoding

interface DecodeShape {
  readonly keys: readonly string[];
  readonly classes: Uint8Array;
  readonly type: string | undefined;
}

/** What every decoder of one payload shares: its bytes (which the caller must not change while a
 * section is still undecoded), its source, its tables, and the line starts `loc` needs. */
interface Payload {
  readonly bytes: Uint8Array;
  readonly source: string;
  readonly strings: string[];
  readonly shapes: DecodeShape[];
  lineStarts: number[] | null;
}

/** A function whose params and body are still an undecoded section of its payload. */
export interface UndecodedFunction {
  /** Whether the body's directive prologue has "use strict". */
  readonly useStrict: boolean;
  /** ExpectedArgumentCount of its parameters (§15.1.5). */
  readonly expectedArgumentCount: number;
  /** Whether its parameters or body (nested functions included) hold a call `eval(…)`. */
  readonly containsDirectEval: boolean;
}

interface LazySection extends UndecodedFunction {
  readonly payload: Payload;
  readonly flags: number;
  readonly start: number;
  readonly end: number;
  readonly fnStart: number;
  readonly fnEnd: number;
}

/** Function nodes whose params and body are not decoded yet, with their sections. */
const undecoded = new WeakMap<object, LazySection>();

/** The facts stored for `node`'s params and body while they are not decoded; undefined for any other
 * node, and once they are. Preparation reads these instead of the contents, so that it decodes none. */
export function undecodedFunction(node: object): UndecodedFunction | undefined {
  return undecoded.get(node);
}

/** Decodes `node`'s params and body now if they are not yet (reading either does the same). Throws
 * MalformedTree if the section does not decode, which the payload's checksum makes unreachable except
 * by a codec bug: the node then stays undecoded, and every later read throws the same. */
export function decodeFunctionContents(node: object): void {
  decodeSection(node);
}

/** decodeFunctionContents, answering the decoded params and body (undefined if `node` had none). */
function decodeSection(node: object): [unknown, unknown] | undefined {
  const s = undecoded.get(node);
  if (s === undefined) return undefined;
  const d = new TreeDecoder(s.payload, s.start, s.end);
  d.startSection(s.fnStart, s.fnEnd);
  const params = d.readValue();
  const body = d.readValue();
  // The stored facts are checked against the contents: data cannot make preparation see other facts
  // than the decoded tree has, once it is decoded.
  if (d.offset !== s.end || !Array.isArray(params) || typeof body !== 'object' || body === null || Array.isArray(body)
    || expectedArgumentCount(params) !== s.expectedArgumentCount || hasUseStrictDirective(body) !== s.useStrict
    || d.sawEval !== s.containsDirectEval) {
    throw new MalformedTree(`malformed cachedData (the function at offset ${s.fnStart} of the source)`);
  }
  undecoded.delete(node);
  Object.defineProperty(node, 'params', { value: params, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(node, 'body', { value: body, writable: true, enumerable: true, configurable: true });
  return [params, body];
}

// The accessors of an undecoded function's params and body: one pair for all nodes (the section is
// found by the node), replaced by data properties when either is read or written.
function readParams(this: object): unknown {
  return decodeSection(this)?.[0];
}
function readBody(this: object): unknown {
  return decodeSection(this)?.[1];
}
function writeParams(this: object, v: unknown): void {
  decodeSection(this);
  Object.defineProperty(this, 'params', { value: v, writable: true, enumerable: true, configurable: true });
}
function writeBody(this: object, v: unknown): void {
  decodeSection(this);
  Object.defineProperty(this, 'body', { value: v, writable: true, enumerable: true, configurable: true });
}
const LAZY_PARAMS: PropertyDescriptor = { get: readParams, set: writeParams, enumerable: true, configurable: true };
const LAZY_BODY: PropertyDescriptor = { get: readBody, set: writeBody, enumerable: true, configurable: true };

class TreeDecoder {
  private pos: number;
  private readonly bytes: Uint8Array;
  private readonly source: string;
  private readonly strings: string[];
  private readonly shapes: DecodeShape[];
  private lastStart = 0;
  private curStart = 0;
  private curEnd = 0;
  /** Whether a direct eval call was decoded (or a skipped section holds one). */
  sawEval = false;

  constructor(private readonly payload: Payload, start: number, private readonly limit: number) {
    this.pos = start;
    this.bytes = payload.bytes;
    this.source = payload.source;
    this.strings = payload.strings;
    this.shapes = payload.shapes;
  }

  get offset(): number { return this.pos; }

  /** Positions inside a section count from its function's start and end. */
  startSection(fnStart: number, fnEnd: number): void {
    this.lastStart = this.curStart = fnStart;
    this.curEnd = fnEnd;
  }

  private fail(): never {
    throw new MalformedTree('malformed cachedData');
  }

  private byte(): number {
    if (this.pos >= this.limit) this.fail();
    return this.bytes[this.pos++];
  }

  private varint(): number {
    const b = this.bytes;
    let p = this.pos;
    if (p >= this.limit) this.fail();
    let x = b[p++];
    if (x < 0x80) {
      this.pos = p;
      return x;
    }
    x &= 0x7f;
    for (let shift = 7; ; shift += 7) {
      if (p >= this.limit || shift > 28) this.fail();
      const c = b[p++];
      x += (c & 0x7f) * 2 ** shift;
      if (c < 0x80) break;
    }
    if (x > MAX_VARINT) this.fail();
    this.pos = p;
    return x;
  }

  /** A count of items that take at least one byte each: never more than the bytes left. */
  private count(): number {
    const n = this.varint();
    if (n > this.limit - this.pos) this.fail();
    return n;
  }

  private stringIndex(): string {
    const i = this.varint();
    if (i >= this.strings.length) this.fail();
    return this.strings[i];
  }

  readTables(): void {
    const stringCount = this.count();
    for (let i = 0; i < stringCount; i++) {
      const n = this.count();
      let s = '';
      const units: number[] = [];
      for (let j = 0; j < n; j++) {
        const u = this.varint();
        if (u > 0xffff) this.fail();
        units.push(u);
        if (units.length === 4096) {
          s += String.fromCharCode(...units);
          units.length = 0;
        }
      }
      this.strings.push(s + String.fromCharCode(...units));
    }
    const shapeCount = this.count();
    for (let i = 0; i < shapeCount; i++) {
      const n = this.count();
      const keys: string[] = [];
      const classes = new Uint8Array(n);
      let type: string | undefined;
      let hasStart = false, hasEnd = false;
      for (let j = 0; j < n; j++) {
        const key = this.stringIndex();
        // Keys are set with [[Set]] on plain objects: "__proto__" would set the prototype.
        if (key === '__proto__' || keys.includes(key)) this.fail();
        keys.push(key);
        const cls = this.byte();
        // The order the encoder guarantees: one TYPE; END after START; LOC after END; PARAMS after
        // END and right before BODY.
        if (cls === TYPE) {
          if (type !== undefined) this.fail();
          type = this.stringIndex();
        } else if (cls === START) {
          if (hasStart) this.fail();
          hasStart = true;
        } else if (cls === END) {
          if (!hasStart || hasEnd) this.fail();
          hasEnd = true;
        } else if (cls === LOC) {
          if (!hasEnd) this.fail();
        } else if (cls === PARAMS) {
          if (!hasEnd || key !== 'params') this.fail();
        } else if (cls === BODY) {
          if (j === 0 || classes[j - 1] !== PARAMS || key !== 'body') this.fail();
        } else if (cls !== VALUE) this.fail();
        if (j > 0 && classes[j - 1] === PARAMS && cls !== BODY) this.fail();
        classes[j] = cls;
      }
      if (n > 0 && classes[n - 1] === PARAMS) this.fail();
      // Lazy sections are a function's; a function has one (keys are unique).
      if (classes.includes(PARAMS) && (type === undefined || !FUNCTION_TYPES.has(type))) this.fail();
      this.shapes.push({ keys, classes, type });
    }
  }

  readRoot(): unknown {
    const v = this.value();
    if (this.pos !== this.limit) this.fail();
    return v;
  }

  readValue(): unknown {
    return this.value();
  }

  private value(): unknown {
    if (this.pos >= this.limit) this.fail();
    const tag = this.bytes[this.pos++];
    switch (tag) {
      case TAG_OBJECT: return this.object();
      case TAG_OWN: return this.source.slice(this.curStart, this.curEnd);
      case TAG_FALSE: return false;
      case TAG_TRUE: return true;
      case TAG_NULL: return null;
      case TAG_ARRAY: {
        const n = this.count();
        const a: unknown[] = []; // packed, as acorn's arrays are
        for (let i = 0; i < n; i++) a.push(this.value());
        return a;
      }
      case TAG_UINT: return this.varint();
      case TAG_UNDEFINED: return undefined;
      case TAG_F64: {
        if (this.pos + 8 > this.limit) this.fail();
        const n = new DataView(this.bytes.buffer, this.bytes.byteOffset).getFloat64(this.pos, true);
        this.pos += 8;
        return n;
      }
      case TAG_REGEXP: {
        const pattern = this.string();
        const flags = this.string();
        try {
          return new RegExp(pattern, flags); // as acorn makes a regular expression literal's `value`
        } catch {
          this.fail();
        }
      }
      // eslint-disable-next-line no-fallthrough
      case TAG_BIGINT: {
        const digits = this.string();
        if (!/^(?:0|[1-9][0-9]*)$/.test(digits)) this.fail();
        return BigInt(digits);
      }
      default:
        return this.stringTagged(tag);
    }
  }

  private string(): string {
    if (this.pos >= this.limit) this.fail();
    return this.stringTagged(this.bytes[this.pos++]);
  }

  private stringTagged(tag: number): string {
    switch (tag) {
      case TAG_OWN: return this.source.slice(this.curStart, this.curEnd);
      case TAG_INNER:
        if (this.curEnd - this.curStart < 2) this.fail();
        return this.source.slice(this.curStart + 1, this.curEnd - 1);
      case TAG_SLICE: {
        const at = this.curStart + this.varint();
        const end = at + this.varint();
        if (end > this.curEnd) this.fail();
        return this.source.slice(at, end);
      }
      case TAG_TABLE: return this.stringIndex();
      default: this.fail();
    }
  }

  private object(): Record<string, unknown> {
    const i = this.varint();
    if (i >= this.shapes.length) this.fail();
    const { keys, classes, type } = this.shapes[i];
    const o: Record<string, unknown> = {};
    const savedStart = this.curStart, savedEnd = this.curEnd;
    for (let k = 0; k < keys.length; k++) {
      switch (classes[k]) {
        case TYPE:
          o[keys[k]] = type;
          break;
        case START: {
          const d = this.varint();
          const start = this.lastStart + (d & 1 ? -(d + 1) / 2 : d / 2);
          if (start < 0 || start > this.source.length) this.fail();
          this.lastStart = this.curStart = this.curEnd = start;
          o[keys[k]] = start;
          break;
        }
        case END: {
          const end = this.curStart + this.varint();
          if (end > this.source.length) this.fail();
          this.curEnd = end;
          o[keys[k]] = end;
          break;
        }
        case LOC:
          o[keys[k]] = this.loc();
          break;
        case PARAMS:
          this.skipSection(o);
          k++; // BODY: in the section
          break;
        default:
          o[keys[k]] = this.value();
      }
    }
    this.curStart = savedStart;
    this.curEnd = savedEnd;
    if (type === 'CallExpression' && isEvalCallee(o.callee)) this.sawEval = true;
    return o;
  }

  /** A lazy section (PARAMS): its facts and bounds recorded for `o`, `params` and `body` made
   * accessors (in their place among the keys). */
  private skipSection(o: object): void {
    const flags = this.byte();
    if (flags > (FACT_USE_STRICT | FACT_DIRECT_EVAL)) this.fail();
    const argc = this.varint();
    if (this.pos + 4 > this.limit) this.fail();
    const b = this.bytes, p = this.pos;
    const length = (b[p] | b[p + 1] << 8 | b[p + 2] << 16 | b[p + 3] << 24) >>> 0;
    // A section holds two values, so at least two bytes.
    if (length < 2 || length > this.limit - p - 4) this.fail();
    const start = p + 4;
    this.pos = start + length;
    const containsDirectEval = (flags & FACT_DIRECT_EVAL) !== 0;
    if (containsDirectEval) this.sawEval = true;
    undecoded.set(o, {
      payload: this.payload, flags, start, end: this.pos, fnStart: this.curStart, fnEnd: this.curEnd,
      useStrict: (flags & FACT_USE_STRICT) !== 0, expectedArgumentCount: argc, containsDirectEval,
    });
    Object.defineProperty(o, 'params', LAZY_PARAMS);
    Object.defineProperty(o, 'body', LAZY_BODY);
  }

  private loc(): { start: { line: number; column: number }; end: { line: number; column: number } } {
    const starts = this.payload.lineStarts ??= lineStartsOf(this.source);
    const a = lineOf(starts, this.curStart), b = lineOf(starts, this.curEnd);
    return {
      start: { line: a + 1, column: this.curStart - starts[a] },
      end: { line: b + 1, column: this.curEnd - starts[b] },
    };
  }
}

/** The tree that `bytes[start, end)` encodes for `source`. Throws MalformedTree (or a RangeError when
 * nesting is deeper than the host's stack) for data that is not a complete, well-formed encoding of
 * the tree's top level. Functions' params and body are decoded when first read (an accessor on the
 * node) or by decodeFunctionContents: `bytes` must not change until then (the caller passes a copy of
 * data it does not own), and a section that does not decode throws MalformedTree then. */
export function decodeTree(bytes: Uint8Array, start: number, end: number, source: string): unknown {
  const payload: Payload = { bytes, source, strings: [], shapes: [], lineStarts: null };
  const d = new TreeDecoder(payload, start, end);
  d.readTables();
  return d.readRoot();
}
