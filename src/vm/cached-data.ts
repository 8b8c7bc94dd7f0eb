// cachedData at the node:vm surface: reading a Script's, a compileFunction body's or a module's
// checked parse from the embedder's bytes, and handing produced data back as the host's Buffer
// where it has one (node, Bun, Deno's node compatibility), a Uint8Array elsewhere.
import { decodeCachedData, encodeCachedData, type CachedDataKind } from '../parser/cached-data.js';

interface BufferConstructor {
  from(buffer: ArrayBufferLike, byteOffset?: number, length?: number): Uint8Array;
}

/** The host's Buffer, found on the global object (the core imports nothing from node). */
function hostBuffer(): BufferConstructor | undefined {
  const B = (globalThis as { Buffer?: unknown }).Buffer;
  return typeof B === 'function' && typeof (B as { from?: unknown }).from === 'function' ? B as unknown as BufferConstructor : undefined;
}

/** The cachedData of a tree parsed from `source` as `kind`: a Buffer where the host has one. */
export function hostCachedData(kind: CachedDataKind, source: string, tree: object): Uint8Array {
  const bytes = encodeCachedData(kind, source, tree);
  const B = hostBuffer();
  return B === undefined ? bytes : B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The tree stored in `cachedData` for `source` as `kind`, or undefined when the data is rejected. */
export function cachedTree<T>(kind: CachedDataKind, source: string, cachedData: ArrayBufferView): T | undefined {
  return (decodeCachedData(kind, source, cachedData) ?? undefined) as T | undefined;
}
