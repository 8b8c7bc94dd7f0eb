// The tree of a regular expression pattern (ECMA-262 §22.2.1 Patterns), for vmjs's own matcher
// (./matcher.ts) and the safety analysis (./safety.ts).
//
// The parser reads only patterns the host's RegExp constructor has already accepted with the same
// flags, so it reports no errors: the host gives the early errors (and their V8 wording). What it
// decides itself is what the grammar leaves to the whole pattern: whether `\N` is a backreference
// or (Annex B, without u/v) a legacy octal escape, whether `\k` starts a named reference, and where
// each atom ends. Atoms that match one character through a set (classes, `.`, `\d`, `\p{…}`, and
// any character under the `i` flag) keep their source text: the matcher asks the host engine
// whether one code point is in the set (./char-set.ts), a question bounded in time.
import { codeUnitAt, contains, indexIn } from './text.js';
import { HostNumber, ReflectApply, StringPrototypeCodePointAt, StringPrototypeSlice } from '../primordials.js';

const NumberParseInt = HostNumber.parseInt;

export type PatternNode =
  | { readonly type: 'empty' }
  | { readonly type: 'disjunction'; readonly alternatives: PatternNode[] }
  | { readonly type: 'sequence'; readonly terms: PatternNode[] }
  /** A character matched by value: a code point with u/v, a code unit otherwise. */
  | { readonly type: 'char'; readonly value: number }
  /** A set of characters (or, with v, of strings) given by its source text. */
  | { readonly type: 'set'; readonly source: string; readonly strings: boolean }
  | { readonly type: 'group'; readonly index: number; readonly body: PatternNode }
  | { readonly type: 'lookaround'; readonly behind: boolean; readonly negate: boolean; readonly body: PatternNode }
  | { readonly type: 'assertion'; readonly kind: 'start' | 'end' | 'boundary' | 'notBoundary' }
  /** `\N` or `\k<name>`: every group index the reference may denote (duplicate names). */
  | { readonly type: 'backreference'; readonly indices: number[] }
  | {
    readonly type: 'quantifier'; readonly min: number; readonly max: number; readonly greedy: boolean;
    readonly body: PatternNode;
    /** The capture groups inside `body`: indices firstGroup .. firstGroup + groupCount - 1. */
    readonly firstGroup: number; readonly groupCount: number;
  };

export interface ParsedPattern {
  readonly root: PatternNode;
  /** Number of capturing groups (NcapturingParens). */
  readonly groupCount: number;
  /** Group names by index (undefined for unnamed groups); index 0 unused. */
  readonly groupNames: (string | undefined)[];
  readonly hasNamedGroups: boolean;
}

/** Property names that denote properties of strings (§22.2.2.9, table-binary-unicode-properties-of-strings). */
const stringProperties = ['Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence', 'RGI_Emoji_Flag_Sequence',
  'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence', 'RGI_Emoji'];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean =>
  c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

function hexValue(s: string): number {
  return NumberParseInt(s, 16);
}

/** Parses `source`, a pattern the host accepted with `flags`. */
export function parsePattern(source: string, flags: string): ParsedPattern {
  return new PatternParser(source, flags).parse();
}

class PatternParser {
  private pos = 0;
  private readonly unicode: boolean;
  private readonly unicodeSets: boolean;
  private readonly ignoreCase: boolean;
  private groupIndex = 0;
  private readonly groupNames: (string | undefined)[] = [undefined];
  private totalGroups = 0;
  /** Each named group's index and where its name starts (prescanGroups). */
  private readonly namedGroupStarts: [index: number, nameStart: number][] = [];
  private namedGroups = false;

  constructor(private readonly src: string, flags: string) {
    this.unicodeSets = contains(flags, 'v');
    this.unicode = this.unicodeSets || contains(flags, 'u');
    this.ignoreCase = contains(flags, 'i');
  }

  parse(): ParsedPattern {
    this.prescanGroups();
    const root = this.disjunction();
    return { root, groupCount: this.groupIndex, groupNames: this.groupNames, hasNamedGroups: this.namedGroups };
  }

  /** Counts the capturing groups and notes where the named ones start, before parsing: `\N` and
   * `\k<name>` may refer to a group that comes later. */
  private prescanGroups(): void {
    const s = this.src;
    let inClass = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') { i++; continue; }
      if (inClass > 0) {
        if (c === ']') inClass--;
        else if (c === '[' && this.unicodeSets) inClass++;
        continue;
      }
      if (c === '[') { inClass = 1; continue; }
      if (c !== '(') continue;
      if (s[i + 1] !== '?') { this.totalGroups++; continue; }
      if (s[i + 2] === '<' && s[i + 3] !== '=' && s[i + 3] !== '!') {
        this.totalGroups++;
        this.namedGroups = true;
        this.namedGroupStarts[this.namedGroupStarts.length] = [this.totalGroups, i + 3];
      }
    }
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private slice(from: number, to: number): string {
    return ReflectApply(StringPrototypeSlice, this.src, [from, to]) as string;
  }

  private disjunction(): PatternNode {
    const alternatives: PatternNode[] = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives[alternatives.length] = this.alternative();
    }
    return alternatives.length === 1 ? alternatives[0] : { type: 'disjunction', alternatives };
  }

  private alternative(): PatternNode {
    const terms: PatternNode[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      terms[terms.length] = this.term();
    }
    if (terms.length === 0) return { type: 'empty' };
    return terms.length === 1 ? terms[0] : { type: 'sequence', terms };
  }

  private term(): PatternNode {
    const c = this.peek()!;
    const groupsBefore = this.groupIndex;
    switch (c) {
      case '^': this.pos++; return { type: 'assertion', kind: 'start' };
      case '$': this.pos++; return { type: 'assertion', kind: 'end' };
      case '\\':
        if (this.peek(1) === 'b') { this.pos += 2; return { type: 'assertion', kind: 'boundary' }; }
        if (this.peek(1) === 'B') { this.pos += 2; return { type: 'assertion', kind: 'notBoundary' }; }
        break;
      case '(':
        if (this.peek(1) === '?') {
          const k = this.peek(2);
          const behind = k === '<' && (this.peek(3) === '=' || this.peek(3) === '!');
          if (k === '=' || k === '!' || behind) {
            this.pos += behind ? 4 : 3;
            const negate = (behind ? this.peek(-1) : k) === '!';
            const body = this.disjunction();
            this.pos++; // ')'
            const node: PatternNode = { type: 'lookaround', behind, negate, body };
            // Annex B (QuantifiableAssertion): without u/v a lookahead may take a quantifier.
            if (!behind && !this.unicode) return this.quantified(node, groupsBefore);
            return node;
          }
        }
        break;
    }
    return this.quantified(this.atom(), groupsBefore);
  }

  private quantified(atom: PatternNode, groupsBefore: number): PatternNode {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') { min = 0; max = Infinity; this.pos++; }
    else if (c === '+') { min = 1; max = Infinity; this.pos++; }
    else if (c === '?') { min = 0; max = 1; this.pos++; }
    else if (c === '{') {
      const q = this.braceQuantifier();
      if (q === null) return atom;
      [min, max] = q;
    } else {
      return atom;
    }
    let greedy = true;
    if (this.peek() === '?') { greedy = false; this.pos++; }
    return { type: 'quantifier', min, max, greedy, body: atom, firstGroup: groupsBefore + 1, groupCount: this.groupIndex - groupsBefore };
  }

  /** `{n}`, `{n,}`, `{n,m}` at pos, or null (then, without u/v, `{` is a literal character). */
  private braceQuantifier(): [number, number] | null {
    let i = this.pos + 1;
    const s = this.src;
    const start = i;
    while (isDigit(s[i])) i++;
    if (i === start) return null;
    const min = NumberParseInt(this.slice(start, i), 10);
    let max = min;
    if (s[i] === ',') {
      i++;
      const start2 = i;
      while (isDigit(s[i])) i++;
      max = i === start2 ? Infinity : NumberParseInt(this.slice(start2, i), 10);
    }
    if (s[i] !== '}') return null;
    this.pos = i + 1;
    return [min, max];
  }

  private atom(): PatternNode {
    const c = this.peek()!;
    switch (c) {
      case '.': this.pos++; return this.setNode('.', false);
      case '[': return this.characterClass();
      case '\\': return this.atomEscape();
      case '(': return this.group();
      default: return this.literal(this.readSourceCharacter());
    }
  }

  /** The next SourceCharacter: a code point with u/v, a code unit otherwise. */
  private readSourceCharacter(): number {
    const cp = ReflectApply(StringPrototypeCodePointAt, this.src, [this.pos]) as number;
    if (this.unicode && cp > 0xffff) { this.pos += 2; return cp; }
    this.pos++;
    return codeUnitAt(this.src, this.pos - 1);
  }

  private literal(value: number): PatternNode {
    if (!this.ignoreCase) return { type: 'char', value };
    return this.setNode(this.escapeCharacter(value), false);
  }

  /** A character as pattern source that means that character alone under the pattern's flags. */
  private escapeCharacter(value: number): string {
    if (this.unicode) return '\\u{' + value.toString(16) + '}';
    let h = value.toString(16);
    while (h.length < 4) h = '0' + h;
    return '\\u' + h;
  }

  private setNode(source: string, strings: boolean): PatternNode {
    return { type: 'set', source, strings };
  }

  private group(): PatternNode {
    this.pos++; // '('
    if (this.peek() === '?') {
      if (this.peek(1) === ':') {
        this.pos += 2;
        const body = this.disjunction();
        this.pos++;
        return body;
      }
      // (?<name>
      const close = indexIn(this.src, '>', this.pos);
      const name = this.decodeGroupName(this.slice(this.pos + 2, close));
      this.pos = close + 1;
      const index = ++this.groupIndex;
      this.groupNames[index] = name;
      const body = this.disjunction();
      this.pos++;
      return { type: 'group', index, body };
    }
    const index = ++this.groupIndex;
    this.groupNames[index] = undefined;
    const body = this.disjunction();
    this.pos++;
    return { type: 'group', index, body };
  }

  /** A RegExpIdentifierName's string value: `\uXXXX` and `\u{…}` escapes decoded. */
  private decodeGroupName(raw: string): string {
    if (!contains(raw, '\\')) return raw;
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '\\' && raw[i + 1] === 'u') {
        if (raw[i + 2] === '{') {
          const end = indexIn(raw, '}', i);
          out += String.fromCodePoint(hexValue(ReflectApply(StringPrototypeSlice, raw, [i + 3, end]) as string));
          i = end;
        } else {
          out += String.fromCharCode(hexValue(ReflectApply(StringPrototypeSlice, raw, [i + 2, i + 6]) as string));
          i += 5;
        }
      } else {
        out += raw[i];
      }
    }
    return out;
  }

  private characterClass(): PatternNode {
    const start = this.pos;
    let depth = 0;
    let i = this.pos;
    const s = this.src;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') { i++; continue; }
      if (c === '[' && (depth === 0 || this.unicodeSets)) { depth++; continue; }
      if (c === ']') {
        depth--;
        if (depth === 0) break;
      }
    }
    this.pos = i + 1;
    const source = this.slice(start, this.pos);
    return this.setNode(source, this.unicodeSets && this.mayMatchStrings(source));
  }

  /** Whether a v-mode class may contain strings: `\q{…}` or a property of strings. Conservative:
   * a class that cannot is still matched correctly by the string-capable path. */
  private mayMatchStrings(source: string): boolean {
    if (contains(source, '\\q{')) return true;
    for (const p of stringProperties) if (contains(source, '\\p{' + p + '}')) return true;
    return false;
  }

  private atomEscape(): PatternNode {
    const c = this.peek(1)!;
    switch (c) {
      case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        this.pos += 2;
        return this.setNode('\\' + c, false);
      case 'p': case 'P':
        if (this.unicode) {
          const end = indexIn(this.src, '}', this.pos);
          const source = this.slice(this.pos, end + 1);
          this.pos = end + 1;
          return this.setNode(source, this.unicodeSets && c === 'p' && this.isStringProperty(source));
        }
        break;
      case 'k':
        if (this.unicode || this.namedGroups) {
          const close = indexIn(this.src, '>', this.pos);
          const name = this.decodeGroupName(this.slice(this.pos + 3, close));
          this.pos = close + 1;
          const indices: number[] = [];
          for (let g = 1; g < this.groupNames.length || g <= this.totalGroups; g++) {
            if (this.groupNames[g] === name) indices[indices.length] = g;
          }
          if (indices.length === 0) indices[0] = this.forwardNamedGroup(name);
          return { type: 'backreference', indices };
        }
        break;
      case 'c':
        if (isAsciiLetter(this.peek(2))) {
          this.pos += 3;
          return this.literal(codeUnitAt(this.src, this.pos - 1) % 32);
        }
        if (!this.unicode) {
          // Annex B: `\c` not followed by a letter is a backslash, and `c` is read next.
          this.pos += 1;
          return this.literal(0x5c);
        }
        break;
      case '0':
        if (!isDigit(this.peek(2)) || this.unicode) { this.pos += 2; return this.literal(0); }
        return this.legacyOctal();
      case 't': this.pos += 2; return this.literal(9);
      case 'n': this.pos += 2; return this.literal(10);
      case 'v': this.pos += 2; return this.literal(11);
      case 'f': this.pos += 2; return this.literal(12);
      case 'r': this.pos += 2; return this.literal(13);
      case 'x':
        if (isHex(this.peek(2)) && isHex(this.peek(3))) {
          this.pos += 4;
          return this.literal(hexValue(this.slice(this.pos - 2, this.pos)));
        }
        break;
      case 'u': {
        const v = this.unicodeEscape();
        if (v >= 0) return this.literal(v);
        break;
      }
    }
    if (isDigit(c)) {
      // DecimalEscape: a backreference if it names an existing group, else (Annex B) octal or identity.
      let i = this.pos + 1;
      while (isDigit(this.src[i])) i++;
      const n = NumberParseInt(this.slice(this.pos + 1, i), 10);
      if (this.unicode || n <= this.totalGroups) {
        this.pos = i;
        return { type: 'backreference', indices: [n] };
      }
      if (c === '8' || c === '9') { this.pos += 2; return this.literal(codeUnitAt(c, 0)); }
      return this.legacyOctal();
    }
    // IdentityEscape
    this.pos++;
    return this.literal(this.readSourceCharacter());
  }

  /** Annex B LegacyOctalEscapeSequence at `\` (pos). */
  private legacyOctal(): PatternNode {
    const s = this.src;
    let i = this.pos + 1;
    const first = s[i];
    const maxDigits = first <= '3' ? 3 : 2;
    const start = i;
    while (i - start < maxDigits && s[i] >= '0' && s[i] <= '7') i++;
    this.pos = i;
    return this.literal(NumberParseInt(this.slice(start, i), 8));
  }

  /** `\uXXXX`, a surrogate pair of them (u/v), or `\u{…}` (u/v) at pos; -1 if none (then `u` is an identity escape). */
  private unicodeEscape(): number {
    const s = this.src;
    const p = this.pos;
    if (this.unicode && s[p + 2] === '{') {
      const end = indexIn(s, '}', p);
      this.pos = end + 1;
      return hexValue(this.slice(p + 3, end));
    }
    if (!(isHex(s[p + 2]) && isHex(s[p + 3]) && isHex(s[p + 4]) && isHex(s[p + 5]))) return -1;
    const lead = hexValue(this.slice(p + 2, p + 6));
    this.pos = p + 6;
    if (this.unicode && lead >= 0xd800 && lead <= 0xdbff && s[p + 6] === '\\' && s[p + 7] === 'u' &&
      isHex(s[p + 8]) && isHex(s[p + 9]) && isHex(s[p + 10]) && isHex(s[p + 11])) {
      const trail = hexValue(this.slice(p + 8, p + 12));
      if (trail >= 0xdc00 && trail <= 0xdfff) {
        this.pos = p + 12;
        return (lead - 0xd800) * 0x400 + (trail - 0xdc00) + 0x10000;
      }
    }
    return lead;
  }

  private isStringProperty(source: string): boolean {
    const name = ReflectApply(StringPrototypeSlice, source, [3, source.length - 1]) as string;
    for (const p of stringProperties) if (p === name) return true;
    return false;
  }

  /** The index of a named group not parsed yet (a forward reference), from the prescan; past the
   * last group when there is none of that name (as the scan it replaces answered). */
  private forwardNamedGroup(name: string): number {
    const starts = this.namedGroupStarts;
    for (let k = 0; k < starts.length; k++) {
      const [index, start] = starts[k];
      const close = indexIn(this.src, '>', start);
      if (this.decodeGroupName(ReflectApply(StringPrototypeSlice, this.src, [start, close]) as string) === name) return index;
    }
    return this.totalGroups;
  }
}
