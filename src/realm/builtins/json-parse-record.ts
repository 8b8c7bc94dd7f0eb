// JSON Parse Records (JSON.parse source text access, ES2026; sec-json-parse-record): what JSON.parse hands
// a reviver besides the value, the source text of each primitive. The host parser has already accepted
// the text (and given V8's SyntaxErrors) and built the values (json.ts gives them the realm's
// prototypes); this pass over the valid JSON text finds each value's record beside it: the values
// are the host's, the text gives the structure and the source positions.
import { ArrayIsArray, JSONParse } from '../primordials.js';

/** A JSON Parse Record: the value parsed, where a primitive's source text is (`start` to `end` in the
 * text; the text is read only for the primitives a reviver gets unchanged), the records of an array's
 * elements or of an object's entries (the last of duplicate keys). */
export interface JSONParseRecord {
  value: unknown;
  start: number;
  end: number;
  elements: JSONParseRecord[] | undefined;
  entries: Map<string, JSONParseRecord> | undefined;
}

/** The records of `text` (valid JSON) whose value the host's JSON.parse made as `value`. An entry
 * whose key comes again later in its object is paired with the later one's value (the one the object
 * holds): its record, which may then not fit its text, is replaced by the later one's. */
export function ParseJSONRecords(text: string, value: unknown): JSONParseRecord {
  let pos = 0;
  const skipWhiteSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else return;
    }
  };
  /** A string literal's extent; its value (the key of an entry) only when asked. */
  const scanString = (): number => {
    const start = pos;
    pos++; // the opening quote
    for (;;) {
      const c = text.charCodeAt(pos++);
      if (c === 0x22) break;
      if (c === 0x5c) pos++; // an escape: the next code unit cannot end the string (\uXXXX is plain after it)
    }
    return start;
  };
  /** A key's value: its text between the quotes when it has no escape, else the host's parse. */
  const keyAt = (start: number, end: number): string => {
    const inner = text.slice(start + 1, end - 1);
    return inner.indexOf('\\') === -1 ? inner : JSONParseString(text.slice(start, end));
  };
  const parseValue = (v: unknown): JSONParseRecord => {
    skipWhiteSpace();
    const c = text.charCodeAt(pos);
    if (c === 0x5b) { // [
      pos++;
      const array = ArrayIsArray(v) ? v as unknown[] : undefined;
      const elements: JSONParseRecord[] = [];
      skipWhiteSpace();
      if (text.charCodeAt(pos) === 0x5d) pos++;
      else {
        for (;;) {
          elements.push(parseValue(array === undefined ? undefined : array[elements.length]));
          skipWhiteSpace();
          if (text.charCodeAt(pos++) === 0x5d) break; // ] (else a comma)
        }
      }
      return { value: v, start: 0, end: 0, elements, entries: undefined };
    }
    if (c === 0x7b) { // {
      pos++;
      const object = typeof v === 'object' && v !== null && !ArrayIsArray(v) ? v as Record<string, unknown> : undefined;
      const entries = new Map<string, JSONParseRecord>();
      skipWhiteSpace();
      if (text.charCodeAt(pos) === 0x7d) pos++;
      else {
        for (;;) {
          skipWhiteSpace();
          const key = keyAt(scanString(), pos);
          skipWhiteSpace();
          pos++; // :
          // An own property of the host's object (a "__proto__" key is one: JSON.parse defines it).
          entries.set(key, parseValue(object === undefined ? undefined : object[key]));
          skipWhiteSpace();
          if (text.charCodeAt(pos++) === 0x7d) break; // } (else a comma)
        }
      }
      return { value: v, start: 0, end: 0, elements: undefined, entries };
    }
    const start = pos;
    if (c === 0x22) scanString();
    else if (c === 0x74 || c === 0x6e) pos += 4; // true, null
    else if (c === 0x66) pos += 5; // false
    else {
      // A number: -? digits (. digits)? ([eE] [+-]? digits)?
      for (;;) {
        const d = text.charCodeAt(pos);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2d || d === 0x2b || d === 0x2e || d === 0x45 || d === 0x65) pos++;
        else break;
      }
    }
    return { value: v, start, end: pos, elements: undefined, entries: undefined };
  };
  return parseValue(value);
}

/** A JSON string literal's value (the host's parse of valid JSON). */
function JSONParseString(literal: string): string {
  return JSONParse(literal) as string;
}
