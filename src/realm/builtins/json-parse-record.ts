// JSON Parse Records (JSON.parse source text access, ES2026; sec-json-parse-record): what JSON.parse hands
// a reviver besides the value, the source text of each primitive. The host parser has already accepted
// the text (and given V8's SyntaxErrors); this second pass over valid JSON text builds the values with
// the realm's prototypes and, beside each, its record.
import type { Realm } from '../realm.js';
import { adoptArray } from '../abstract-ops.js';
import { JSONParse, ObjectCreate, ObjectDefineProperty } from '../primordials.js';

/** A JSON Parse Record: the value parsed, the source text of a primitive, the records of an array's
 * elements or of an object's entries (the last of duplicate keys). */
export interface JSONParseRecord {
  value: unknown;
  source: string | undefined;
  elements: JSONParseRecord[] | undefined;
  entries: Map<string, JSONParseRecord> | undefined;
}

/** The value of `text` (valid JSON, already checked by the host parser) with its parse records. */
export function ParseJSONWithRecords(realm: Realm, text: string): JSONParseRecord {
  let pos = 0;
  const skipWhiteSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else return;
    }
  };
  /** A string literal's value: its text between the quotes when it has no escape, else the host's parse. */
  const scanString = (): string => {
    const start = pos;
    pos++; // the opening quote
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos++);
      if (c === 0x22) break;
      if (c === 0x5c) { pos++; escaped = true; } // an escape: the next code unit cannot end the string (\uXXXX is plain after it)
    }
    return escaped ? JSONParse(text.slice(start, pos)) as string : text.slice(start + 1, pos - 1);
  };
  const parseValue = (): JSONParseRecord => {
    skipWhiteSpace();
    const c = text.charCodeAt(pos);
    if (c === 0x5b) { // [
      pos++;
      const array: unknown[] = [];
      const elements: JSONParseRecord[] = [];
      skipWhiteSpace();
      if (text.charCodeAt(pos) === 0x5d) pos++;
      else {
        for (;;) {
          const element = parseValue();
          elements.push(element);
          array.push(element.value);
          skipWhiteSpace();
          if (text.charCodeAt(pos++) === 0x5d) break; // ] (else a comma)
        }
      }
      return { value: adoptArray(realm, array), source: undefined, elements, entries: undefined };
    }
    if (c === 0x7b) { // {
      pos++;
      const object = ObjectCreate(realm.intrinsics.ObjectPrototype) as object;
      const entries = new Map<string, JSONParseRecord>();
      skipWhiteSpace();
      if (text.charCodeAt(pos) === 0x7d) pos++;
      else {
        for (;;) {
          skipWhiteSpace();
          const key = scanString();
          skipWhiteSpace();
          pos++; // :
          const entry = parseValue();
          entries.set(key, entry);
          dataDescriptor.value = entry.value;
          ObjectDefineProperty(object, key, dataDescriptor);
          skipWhiteSpace();
          if (text.charCodeAt(pos++) === 0x7d) break; // } (else a comma)
        }
      }
      return { value: object, source: undefined, elements: undefined, entries };
    }
    const start = pos;
    let value: unknown;
    if (c === 0x22) value = scanString();
    else if (text.startsWith('true', pos)) { pos += 4; value = true; }
    else if (text.startsWith('false', pos)) { pos += 5; value = false; }
    else if (text.startsWith('null', pos)) { pos += 4; value = null; }
    else {
      // A number: -? digits (. digits)? ([eE] [+-]? digits)?
      for (;;) {
        const d = text.charCodeAt(pos);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2d || d === 0x2b || d === 0x2e || d === 0x45 || d === 0x65) pos++;
        else break;
      }
      value = Number(text.slice(start, pos));
    }
    return { value, source: text.slice(start, pos), elements: undefined, entries: undefined };
  };
  const dataDescriptor: PropertyDescriptor = { value: undefined, writable: true, enumerable: true, configurable: true };
  return parseValue();
}
