// vmjs's cachedData: the checked parse of a source (tree-codec.ts) behind a header that ties it to
// that source, to this vmjs and to the kind of code it was parsed as. Loading matching data skips
// acorn; data that does not match, or is truncated or corrupt, is rejected (null), never an error.
//
// Header (little-endian):
//   "VMJS"                      magic
//   u16                         FORMAT_VERSION (the codec's layout)
//   u8 + ASCII                  the producer: vmjs, acorn and ECMAScript versions
//   u8                          the kind of code (CachedDataKind)
//   u32                         the source's length in UTF-16 code units
//   u32 u32                     the source's hash: FNV-1a over its code units from two offset bases
//   u32 u32                     the payload's length and its FNV-1a checksum
//   payload
// Functions' params and bodies are lazy sections of the payload (tree-codec.ts): decoding data decodes
// a tree's top level; each function's contents decode when first read, from a copy of the data taken
// before its checks (so an embedder changing its buffer later changes nothing), covered by the
// checksum checked up front.
import { version as acornVersion } from 'acorn';
import { VMJS_VERSION } from '../version.js';
import { ECMA_VERSION } from './parse.js';
import { encodeTree, decodeTree } from './tree-codec.js';

/** What the tree was parsed as: the goal decides which tree a source gives. */
export const CachedDataKind = { Script: 1, Module: 2, FunctionBody: 3 } as const;
export type CachedDataKind = typeof CachedDataKind[keyof typeof CachedDataKind];

/** Raise when the codec's layout changes. 2: functions' params and bodies as lazy sections. */
export const FORMAT_VERSION = 2;

const MAGIC = [0x56, 0x4d, 0x4a, 0x53]; // "VMJS"
const PRODUCER = `vmjs ${VMJS_VERSION}; acorn ${acornVersion}; es${ECMA_VERSION}`;

const FNV_PRIME = 0x01000193;
const FNV_BASIS = 0x811c9dc5;
const FNV_BASIS_2 = 0x050c5d1f; // a second offset basis, so that the two hashes make 64 bits

/** Two FNV-1a hashes over a string's UTF-16 code units (each unit one step), from FNV_BASIS and
 * FNV_BASIS_2, in one pass. */
function hashSource(source: string): [number, number] {
  let h1 = FNV_BASIS, h2 = FNV_BASIS_2;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, FNV_PRIME);
    h2 = Math.imul(h2 ^ c, FNV_PRIME);
  }
  return [h1 >>> 0, h2 >>> 0];
}

/** FNV-1a over bytes. */
function checksum(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

/** The data each tree decodeCachedData returned was read from (a private copy): encoding that tree
 * again gives the same bytes (tested), and copying them decodes none of its undecoded functions. */
const readFrom = new WeakMap<object, { readonly kind: CachedDataKind; readonly source: string; readonly data: Uint8Array }>();

/** The cachedData for `tree`, which `source` parsed to as `kind`. */
export function encodeCachedData(kind: CachedDataKind, source: string, tree: object): Uint8Array {
  const known = readFrom.get(tree);
  if (known !== undefined && known.kind === kind && known.source === source) return known.data.slice();
  const payload = encodeTree(tree, source);
  const headerLength = 4 + 2 + 1 + PRODUCER.length + 1 + 4 * 5;
  const out = new Uint8Array(headerLength + payload.length);
  const view = new DataView(out.buffer);
  let p = 0;
  for (const b of MAGIC) out[p++] = b;
  view.setUint16(p, FORMAT_VERSION, true); p += 2;
  out[p++] = PRODUCER.length;
  for (let i = 0; i < PRODUCER.length; i++) out[p++] = PRODUCER.charCodeAt(i);
  out[p++] = kind;
  view.setUint32(p, source.length, true); p += 4;
  const [h1, h2] = hashSource(source);
  view.setUint32(p, h1, true); p += 4;
  view.setUint32(p, h2, true); p += 4;
  view.setUint32(p, payload.length, true); p += 4;
  view.setUint32(p, checksum(payload, 0, payload.length), true); p += 4;
  out.set(payload, p);
  return out;
}

/** The tree stored in `data` if it was made for `source` as `kind` by this vmjs and is intact;
 * null otherwise (the caller parses the source and reports cachedDataRejected). Never throws. */
export function decodeCachedData(kind: CachedDataKind, source: string, data: ArrayBufferView): object | null {
  try {
    // A copy: functions decode from it later, and the embedder may change (or share) its buffer.
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    const view = new DataView(bytes.buffer);
    const headerLength = 4 + 2 + 1 + PRODUCER.length + 1 + 4 * 5;
    if (bytes.length < headerLength) return null;
    let p = 0;
    for (const b of MAGIC) if (bytes[p++] !== b) return null;
    if (view.getUint16(p, true) !== FORMAT_VERSION) return null;
    p += 2;
    if (bytes[p++] !== PRODUCER.length) return null;
    for (let i = 0; i < PRODUCER.length; i++) if (bytes[p++] !== PRODUCER.charCodeAt(i)) return null;
    if (bytes[p++] !== kind) return null;
    if (view.getUint32(p, true) !== source.length) return null;
    p += 4;
    const payloadLength = view.getUint32(p + 8, true);
    const payloadSum = view.getUint32(p + 12, true);
    // Cheap checks first: the length, then the payload's checksum, then the source's hash.
    if (payloadLength !== bytes.length - headerLength) return null;
    if (checksum(bytes, headerLength, bytes.length) !== payloadSum) return null;
    const [h1, h2] = hashSource(source);
    if (view.getUint32(p, true) !== h1 || view.getUint32(p + 4, true) !== h2) return null;
    const tree = decodeTree(bytes, headerLength, bytes.length, source);
    const program = tree as { type?: unknown; body?: unknown } | null;
    if (typeof program !== 'object' || program === null || program.type !== 'Program' || !Array.isArray(program.body)) return null;
    readFrom.set(program, { kind, source, data: bytes });
    return program;
  } catch {
    // Malformed data (MalformedTree), or nesting deeper than the host's stack (RangeError).
    return null;
  }
}
