// Character sets of vmjs's own matcher: which characters a class, `.`, `\d`, `\p{…}`, or a character
// under the `i` flag (Canonicalize, ECMA-262 §22.2.2.7.3) matches. The host engine answers for one
// character at a time, on a pattern that is a single set anchored at both ends: that match runs in
// time bounded by the set's size, so it cannot hang, and it gives exactly the host's Unicode data
// (properties, simple case folding, v-mode set operations). Answers are cached per set.
import { codeUnitAt, contains } from './text.js';
import {
  HostMap, HostRegExp, MapPrototypeGet, MapPrototypeGetSize, MapPrototypeSet, ReflectApply, RegExpPrototypeExec,
  StringFromCharCode, StringFromCodePoint,
} from '../primordials.js';

/** Whether a character (a code point with u/v, a code unit otherwise) is in the set. */
export type CharPredicate = (c: number) => boolean;

const MAP_CACHE_LIMIT = 4096;

/** The flags that change what a single-character pattern matches. */
function setFlags(flags: string): string {
  let f = '';
  for (const ch of ['i', 's', 'u', 'v']) if (contains(flags, ch)) f += ch;
  return f;
}

function anchored(source: string, flags: string): RegExp {
  return new HostRegExp('^(?:' + source + ')$', setFlags(flags));
}

const blockCodes: number[] = [];

/** The predicate of the set written `source` (an atom of a pattern with `flags`). Answers come a
 * block of 256 characters at a time: a sticky host regexp of the set alone, tried at each
 * character of a string of the block's characters. */
export function hostCharPredicate(source: string, flags: string): CharPredicate {
  const fullUnicode = contains(flags, 'u') || contains(flags, 'v');
  const sticky = new HostRegExp('(?:' + source + ')', setFlags(flags) + 'y');
  const blockCount = fullUnicode ? 0x1100 : 0x100;
  /** 0 unknown, 1 known. */
  const known = new Uint8Array(blockCount);
  /** One bit per character, made when the first block is asked. */
  let bits: Int32Array | null = null;
  const fill = (block: number): void => {
    if (bits === null) bits = new Int32Array(blockCount * 8);
    const first = block * 256;
    for (let i = 0; i < 256; i++) blockCodes[i] = first + i;
    const text = ReflectApply(fullUnicode ? StringFromCodePoint : StringFromCharCode, undefined, blockCodes) as string;
    // Every character of the block is one code unit, or (astral blocks) two.
    const width = fullUnicode && first >= 0x10000 ? 2 : 1;
    for (let i = 0; i < 256; i++) {
      sticky.lastIndex = i * width;
      if (ReflectApply(RegExpPrototypeExec, sticky, [text]) !== null) bits[(first + i) >> 5] |= 1 << ((first + i) & 31);
    }
    known[block] = 1;
  };
  return (c: number): boolean => {
    const block = c >> 8;
    if (known[block] === 0) fill(block);
    return (bits![c >> 5] & (1 << (c & 31))) !== 0;
  };
}

/** A v-mode class that may contain strings: whether `s` (one candidate string) is in it. */
export function hostStringPredicate(source: string, flags: string): (s: string) => boolean {
  const rx = anchored(source, flags);
  return (s: string): boolean => ReflectApply(RegExpPrototypeExec, rx, [s]) !== null;
}

/** Canonicalize (§22.2.2.7.3) equality of two characters under `i`: with u/v, simple case folding
 * (asked of the host, one character); otherwise toUppercase, kept only when it is a single code
 * unit that does not map a non-ASCII character to ASCII. */
export function canonicalEquals(fullUnicode: boolean, a: number, b: number): boolean {
  if (a === b) return true;
  if (!fullUnicode) return nonUnicodeCanonicalize(a) === nonUnicodeCanonicalize(b);
  let rx = ReflectApply(MapPrototypeGet, foldCache, [a]) as RegExp | undefined;
  if (rx === undefined) {
    rx = new HostRegExp('^\\u{' + a.toString(16) + '}$', 'iu');
    if ((ReflectApply(MapPrototypeGetSize, foldCache, []) as number) < MAP_CACHE_LIMIT) ReflectApply(MapPrototypeSet, foldCache, [a, rx]);
  }
  return ReflectApply(RegExpPrototypeExec, rx, [StringFromCodePoint(b)]) !== null;
}

const foldCache = new HostMap<number, RegExp>();
/** Canonicalize's results plus one, made on first use (0: not computed yet). */
let upperCache: Int32Array | null = null;

function nonUnicodeCanonicalize(ch: number): number {
  if (upperCache === null) upperCache = new Int32Array(0x10000);
  const known = upperCache[ch];
  if (known !== 0) return known - 1;
  const u = StringFromCharCode(ch).toUpperCase();
  let result = ch;
  if (u.length === 1) {
    const cu = codeUnitAt(u, 0);
    if (!(ch >= 128 && cu < 128)) result = cu;
  }
  upperCache[ch] = result + 1;
  return result;
}
