// Uint8Array to and from base64 and hex (ECMA-262 2026, §23.3.2 and §23.3.3.1–4:
// Uint8Array.fromBase64/fromHex, Uint8Array.prototype.toBase64/toHex/setFromBase64/setFromHex).
// The decoders run no guest code; options are read in the spec's order before anything is decoded.
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import {
  CreateDataPropertyOrThrow, IsTypedArrayOutOfBounds, ToBoolean, TypedArrayLength, isObject, typedArrayByteOffset, typedArrayName,
  IsImmutableBuffer, viewedArrayBuffer,
} from '../abstract-ops.js';
import { toRealmError } from '../host-errors.js';
import {
  HostTypedArrayConstructors, ObjectCreate, ReflectApply, ReflectConstruct, StringFromCharCode, StringPrototypeCharCodeAt,
} from '../primordials.js';

const HostUint8Array = HostTypedArrayConstructors.Uint8Array as Uint8ArrayConstructor;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';
/** The value of each standard base64 character by char code, -1 elsewhere. */
const BASE64_VALUE: readonly number[] = (() => {
  const t: number[] = [];
  for (let c = 0; c < 128; c++) t.push(BASE64.indexOf(StringFromCharCode(c)));
  return t;
})();

type LastChunkHandling = 'loose' | 'strict' | 'stop-before-partial';
interface DecodeResult { read: number; bytes: number[]; error: string | null }

const charAt = (s: string, i: number): number => ReflectApply(StringPrototypeCharCodeAt, s, [i]) as number;

/** SkipAsciiWhitespace: tab, line feed, form feed, carriage return, space. */
function SkipAsciiWhitespace(s: string, index: number): number {
  for (; index < s.length; index++) {
    const c = charAt(s, index);
    if (c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x20) break;
  }
  return index;
}

/** DecodeBase64Chunk: 2, 3 or 4 standard-alphabet values; null when throwOnExtraBits finds bits set. */
function DecodeBase64Chunk(chunk: number[], throwOnExtraBits: boolean): number[] | null {
  const n = chunk.length;
  const v = (chunk[0]! << 18) | (chunk[1]! << 12) | ((chunk[2] ?? 0) << 6) | (chunk[3] ?? 0);
  const b0 = (v >> 16) & 0xff, b1 = (v >> 8) & 0xff, b2 = v & 0xff;
  if (n === 2) return throwOnExtraBits && b1 !== 0 ? null : [b0];
  if (n === 3) return throwOnExtraBits && b2 !== 0 ? null : [b0, b1];
  return [b0, b1, b2];
}

/** FromBase64 (§23.3.2.x): decodes up to maxLength bytes; an error leaves the bytes decoded before it. */
function FromBase64(string: string, alphabet: 'base64' | 'base64url', lastChunkHandling: LastChunkHandling, maxLength = 2 ** 53 - 1): DecodeResult {
  const bytes: number[] = [];
  if (maxLength === 0) return { read: 0, bytes, error: null };
  let read = 0;
  let chunk: number[] = [];
  let index = 0;
  const length = string.length;
  const push = (decoded: number[]): void => { for (const b of decoded) bytes.push(b); };
  for (;;) {
    index = SkipAsciiWhitespace(string, index);
    if (index === length) {
      if (chunk.length > 0) {
        if (lastChunkHandling === 'stop-before-partial') return { read, bytes, error: null };
        if (lastChunkHandling === 'strict') return { read, bytes, error: 'Invalid base64: incomplete final chunk' };
        if (chunk.length === 1) return { read, bytes, error: 'Invalid base64: a lone final character' };
        push(DecodeBase64Chunk(chunk, false)!);
      }
      return { read: length, bytes, error: null };
    }
    let c = charAt(string, index);
    index++;
    if (c === 0x3d /* = */) {
      if (chunk.length < 2) return { read, bytes, error: 'Invalid base64: misplaced padding' };
      index = SkipAsciiWhitespace(string, index);
      if (chunk.length === 2) {
        if (index === length) {
          if (lastChunkHandling === 'stop-before-partial') return { read, bytes, error: null };
          return { read, bytes, error: 'Invalid base64: incomplete padding' };
        }
        if (charAt(string, index) === 0x3d) index = SkipAsciiWhitespace(string, index + 1);
      }
      if (index < length) return { read, bytes, error: 'Invalid base64: characters after padding' };
      const decoded = DecodeBase64Chunk(chunk, lastChunkHandling === 'strict');
      if (decoded === null) return { read, bytes, error: 'Invalid base64: non-zero padding bits' };
      push(decoded);
      return { read: length, bytes, error: null };
    }
    if (alphabet === 'base64url') {
      if (c === 0x2b || c === 0x2f) return { read, bytes, error: 'Invalid base64url character' };
      if (c === 0x2d) c = 0x2b;
      else if (c === 0x5f) c = 0x2f;
    }
    const value = c < 128 ? BASE64_VALUE[c]! : -1;
    if (value < 0) return { read, bytes, error: 'Invalid base64 character' };
    const remaining = maxLength - bytes.length;
    if ((remaining === 1 && chunk.length === 2) || (remaining === 2 && chunk.length === 3)) return { read, bytes, error: null };
    chunk.push(value);
    if (chunk.length === 4) {
      push(DecodeBase64Chunk(chunk, false)!);
      chunk = [];
      read = index;
      if (bytes.length === maxLength) return { read, bytes, error: null };
    }
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** FromHex (§23.3.2.x) */
function FromHex(string: string, maxLength = 2 ** 53 - 1): DecodeResult {
  const length = string.length;
  const bytes: number[] = [];
  let read = 0;
  if (length % 2 !== 0) return { read: 0, bytes, error: 'Invalid hex: odd length' };
  while (read < length && bytes.length < maxLength) {
    const hi = hexValue(charAt(string, read));
    const lo = hexValue(charAt(string, read + 1));
    if (hi < 0 || lo < 0) return { read, bytes, error: 'Invalid hex character' };
    read += 2;
    bytes.push((hi << 4) | lo);
  }
  return { read, bytes, error: null };
}

export function installUint8ArrayBase64(realm: Realm): void {
  const I = realm.intrinsics;
  const Uint8ArrayCtor = I.Uint8Array as Function | undefined;
  const Uint8ArrayPrototype = I.Uint8ArrayPrototype as object | undefined;
  if (Uint8ArrayCtor === undefined || Uint8ArrayPrototype === undefined) return;

  /** ValidateUint8Array, with the immutable-arraybuffer proposal's check for a target that is written. */
  const ValidateUint8Array = (ta: unknown, use: 'read' | 'write' = 'read'): Uint8Array => {
    if (typedArrayName(ta) !== 'Uint8Array') realm.throwTypeError(`${typedArrayName(ta) ?? 'this value'} is not a Uint8Array`);
    if (use === 'write' && IsImmutableBuffer(viewedArrayBuffer(ta as Uint8Array))) realm.throwTypeError('Cannot write into a Uint8Array over an immutable ArrayBuffer');
    return ta as Uint8Array;
  };
  /** GetOptionsObject */
  const GetOptionsObject = (options: unknown): object => {
    if (options === undefined) return ObjectCreate(null) as object;
    if (isObject(options)) return options;
    return realm.throwTypeError('The options argument must be an object');
  };
  const getAlphabet = (opts: object): 'base64' | 'base64url' => {
    const alphabet = (opts as { alphabet?: unknown }).alphabet;
    if (alphabet === undefined) return 'base64';
    if (alphabet !== 'base64' && alphabet !== 'base64url') realm.throwTypeError('The alphabet option must be "base64" or "base64url"');
    return alphabet;
  };
  const getLastChunkHandling = (opts: object): LastChunkHandling => {
    const h = (opts as { lastChunkHandling?: unknown }).lastChunkHandling;
    if (h === undefined) return 'loose';
    if (h !== 'loose' && h !== 'strict' && h !== 'stop-before-partial') {
      realm.throwTypeError('The lastChunkHandling option must be "loose", "strict" or "stop-before-partial"');
    }
    return h;
  };
  /** The view's bytes, as a host Uint8Array over its buffer (no copy). */
  const bytesView = (ta: Uint8Array, length: number): Uint8Array =>
    new HostUint8Array(viewedArrayBuffer(ta), typedArrayByteOffset(ta), length);
  /** GetUint8ArrayBytes */
  const GetUint8ArrayBytes = (ta: Uint8Array): Uint8Array => {
    const len = TypedArrayLength(ta);
    if (len === 0 && IsTypedArrayOutOfBounds(ta)) realm.throwTypeError('Cannot perform this operation on a detached ArrayBuffer');
    return bytesView(ta, len);
  };
  const newUint8Array = (bytes: number[]): object => {
    const ta = ReflectConstruct(Uint8ArrayCtor, [bytes.length]) as Record<number, number>;
    for (let i = 0; i < bytes.length; i++) ta[i] = bytes[i]!;
    return ta;
  };
  /** Writes `bytes` into `into`, then returns { read, written } or throws the decoder's SyntaxError. */
  const finishSet = (into: Uint8Array, result: DecodeResult): object => {
    const view = bytesView(into, result.bytes.length);
    for (let i = 0; i < result.bytes.length; i++) view[i] = result.bytes[i]!;
    if (result.error !== null) realm.throwSyntaxError(result.error);
    const resultObject = ObjectCreate(I.ObjectPrototype) as object;
    CreateDataPropertyOrThrow(realm, resultObject, 'read', result.read);
    CreateDataPropertyOrThrow(realm, resultObject, 'written', result.bytes.length);
    return resultObject;
  };
  const intoLength = (into: Uint8Array): number => {
    const len = TypedArrayLength(into);
    if (len === 0 && IsTypedArrayOutOfBounds(into)) realm.throwTypeError('Cannot perform this operation on a detached ArrayBuffer');
    return len;
  };

  const statics = {
    // Uint8Array.fromBase64 ( string [ , options ] )
    fromBase64(this: unknown, string: unknown, options: unknown): object {
      if (typeof string !== 'string') realm.throwTypeError('The first argument must be a string');
      const opts = GetOptionsObject(options);
      const alphabet = getAlphabet(opts);
      const lastChunkHandling = getLastChunkHandling(opts);
      const result = FromBase64(string, alphabet, lastChunkHandling);
      if (result.error !== null) realm.throwSyntaxError(result.error);
      return newUint8Array(result.bytes);
    },
    // Uint8Array.fromHex ( string )
    fromHex(this: unknown, string: unknown): object {
      if (typeof string !== 'string') realm.throwTypeError('The first argument must be a string');
      const result = FromHex(string);
      if (result.error !== null) realm.throwSyntaxError(result.error);
      return newUint8Array(result.bytes);
    },
  };
  const proto = {
    // Uint8Array.prototype.setFromBase64 ( string [ , options ] )
    setFromBase64(this: unknown, string: unknown, options: unknown): object {
      const into = ValidateUint8Array(this, 'write');
      if (typeof string !== 'string') realm.throwTypeError('The first argument must be a string');
      const opts = GetOptionsObject(options);
      const alphabet = getAlphabet(opts);
      const lastChunkHandling = getLastChunkHandling(opts);
      return finishSet(into, FromBase64(string, alphabet, lastChunkHandling, intoLength(into)));
    },
    // Uint8Array.prototype.setFromHex ( string )
    setFromHex(this: unknown, string: unknown): object {
      const into = ValidateUint8Array(this, 'write');
      if (typeof string !== 'string') realm.throwTypeError('The first argument must be a string');
      return finishSet(into, FromHex(string, intoLength(into)));
    },
    // Uint8Array.prototype.toBase64 ( [ options ] )
    toBase64(this: unknown, options: unknown): string {
      const O = ValidateUint8Array(this);
      const opts = GetOptionsObject(options);
      const alphabet = getAlphabet(opts);
      const omitPadding = ToBoolean((opts as { omitPadding?: unknown }).omitPadding);
      const bytes = GetUint8ArrayBytes(O);
      const table = alphabet === 'base64' ? BASE64 : BASE64URL;
      let out = '';
      let i = 0;
      for (; i + 2 < bytes.length; i += 3) {
        const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
        out += table[v >> 18]! + table[(v >> 12) & 63]! + table[(v >> 6) & 63]! + table[v & 63]!;
      }
      const rest = bytes.length - i;
      if (rest === 1) {
        const v = bytes[i]! << 16;
        out += table[v >> 18]! + table[(v >> 12) & 63]! + (omitPadding ? '' : '==');
      } else if (rest === 2) {
        const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
        out += table[v >> 18]! + table[(v >> 12) & 63]! + table[(v >> 6) & 63]! + (omitPadding ? '' : '=');
      }
      return out;
    },
    // Uint8Array.prototype.toHex ( )
    toHex(this: unknown): string {
      const bytes = GetUint8ArrayBytes(ValidateUint8Array(this));
      let out = '';
      for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
      return out;
    },
  };
  const guarded = <F extends Function>(f: F): F => ({
    method(this: unknown, ...args: unknown[]): unknown {
      try { return ReflectApply(f, this, args); } catch (e) { throw toRealmError(realm, e); }
    },
  }.method as unknown as F);
  defineTable(realm, Uint8ArrayCtor, [
    method('fromBase64', 1, guarded(statics.fromBase64)),
    method('fromHex', 1, guarded(statics.fromHex)),
  ]);
  defineTable(realm, Uint8ArrayPrototype, [
    method('setFromBase64', 1, guarded(proto.setFromBase64)),
    method('setFromHex', 1, guarded(proto.setFromHex)),
    method('toBase64', 0, guarded(proto.toBase64)),
    method('toHex', 0, guarded(proto.toHex)),
  ]);
}
