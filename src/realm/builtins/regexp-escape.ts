// RegExp.escape (ECMA-262 2025 §22.2.5.1, sec-regexp.escape) and EncodeForRegExpEscape (§22.2.5.1.1,
// sec-encodeforregexpescape).
import type { Realm } from '../realm.js';
import { defineTable, method } from '../builtin.js';
import { describeTyped } from '../abstract-ops.js';

const SYNTAX_CHARACTERS = '^$\\.*+?()[]{}|/';
const CONTROL_ESCAPES: Readonly<Record<number, string>> = { 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r' };
const OTHER_PUNCTUATORS = ',-=<>#&!%:;@~\'`"';

/** WhiteSpace (§12.2) or LineTerminator (§12.3): TAB, VT, FF, ZWNBSP, the Zs code points, LF, CR, LS, PS. */
function isWhiteSpaceOrLineTerminator(c: number): boolean {
  return c === 0x09 || c === 0x0b || c === 0x0c || c === 0xfeff || c === 0x20 || c === 0xa0 || c === 0x1680
    || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000
    || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
/** UnicodeEscape (§22.1.3.17.3, sec-unicodeescape) */
const UnicodeEscape = (cu: number): string => `\\u${cu.toString(16).padStart(4, '0')}`;

/** EncodeForRegExpEscape (§22.2.5.1.1) */
function EncodeForRegExpEscape(c: number): string {
  const s = String.fromCodePoint(c);
  if (c < 0x80 && SYNTAX_CHARACTERS.includes(s)) return `\\${s}`;
  const control = CONTROL_ESCAPES[c];
  if (control !== undefined) return `\\${control}`;
  if ((c < 0x80 && OTHER_PUNCTUATORS.includes(s)) || isWhiteSpaceOrLineTerminator(c) || (c >= 0xd800 && c <= 0xdfff)) {
    if (c <= 0xff) return `\\x${hex2(c)}`;
    let escaped = '';
    for (let i = 0; i < s.length; i++) escaped += UnicodeEscape(s.charCodeAt(i));
    return escaped;
  }
  return s;
}

export function installRegExpEscape(realm: Realm): void {
  const statics = {
    // RegExp.escape ( S )
    escape(S: unknown): string {
      if (typeof S !== 'string') realm.throwTypeError(`RegExp.escape: ${describeTyped(S)} is not a string`);
      let escaped = '';
      // StringToCodePoints: a lone surrogate is its own code point.
      for (let i = 0; i < S.length; ) {
        const c = S.codePointAt(i) as number;
        i += c > 0xffff ? 2 : 1;
        const isDigitOrLetter = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
        if (escaped === '' && isDigitOrLetter) escaped = `\\x${hex2(c)}`;
        else escaped += EncodeForRegExpEscape(c);
      }
      return escaped;
    },
  };
  defineTable(realm, realm.intrinsics.RegExp as Function, [method('escape', 1, statics.escape)]);
}
