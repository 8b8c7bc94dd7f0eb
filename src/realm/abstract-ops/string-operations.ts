// String operations shared by the String and RegExp builtins (ECMA-262 §6.1.4, §22.1.3.19.1). They
// live apart from both so that regexp.ts needs nothing from string.ts: string.ts imports RegExpCreate
// and IsRegExp from regexp.ts, and a cycle between the two would make load order matter.
import type { Realm } from '../realm.js';
import { ToString } from '../abstract-ops.js';
import { MathMin, ReflectApply, StringPrototypeIndexOf, StringPrototypeSlice } from '../primordials.js';

/** StringIndexOf (§6.1.4.1, sec-stringindexof), by the host's indexOf captured at load. Unlike the spec's it answers
 * `s.length`, not -1, for an empty `search` with `from` past the end: callers that can search for ''
 * (replaceAll) check that bound themselves. */
export function StringIndexOf(s: string, search: string, from: number): number {
  return ReflectApply(StringPrototypeIndexOf, s, [search, from]) as number;
}

/** The substring of `s` from `start` to `end` (`s.slice`, by the host's method captured at load). */
export function substring(s: string, start: number, end?: number): string {
  return ReflectApply(StringPrototypeSlice, s, [start, end]) as string;
}

/** GetSubstitution (§22.1.3.19.1, sec-getsubstitution). `captures` are strings or undefined. */
export function GetSubstitution(realm: Realm, matched: string, str: string, position: number, captures: readonly (string | undefined)[],
  namedCaptures: unknown, replacementTemplate: string): string {
  let dollar = StringIndexOf(replacementTemplate, '$', 0);
  if (dollar < 0) return replacementTemplate;
  const stringLength = str.length;
  const templateLength = replacementTemplate.length;
  let result = substring(replacementTemplate, 0, dollar);
  let i = dollar;
  while (i < templateLength) {
    // `i` is at a '$'.
    const c = i + 1 < templateLength ? replacementTemplate[i + 1] : '';
    if (c === '$') {
      result += '$';
      i += 2;
    } else if (c === '`') {
      result += substring(str, 0, position);
      i += 2;
    } else if (c === '&') {
      result += matched;
      i += 2;
    } else if (c === "'") {
      const tailPos = position + matched.length;
      result += substring(str, MathMin(tailPos, stringLength));
      i += 2;
    } else if (c >= '0' && c <= '9') {
      const captureLen = captures.length;
      const c2 = i + 2 < templateLength ? replacementTemplate[i + 2] : '';
      let digitCount = c2 >= '0' && c2 <= '9' ? 2 : 1;
      let index = digitCount === 2 ? (+c) * 10 + (+c2) : +c;
      if (index > captureLen && digitCount === 2) {
        digitCount = 1;
        index = +c;
      }
      if (index >= 1 && index <= captureLen) {
        const capture = captures[index - 1];
        if (capture !== undefined) result += capture;
      } else {
        result += substring(replacementTemplate, i, i + 1 + digitCount);
      }
      i += 1 + digitCount;
    } else if (c === '<') {
      const gtPos = StringIndexOf(replacementTemplate, '>', i);
      if (gtPos === -1 || namedCaptures === undefined) {
        result += '$<';
        i += 2;
      } else {
        const groupName = substring(replacementTemplate, i + 2, gtPos);
        const capture = (namedCaptures as Record<string, unknown>)[groupName];
        if (capture !== undefined) result += ToString(realm, capture);
        i = gtPos + 1;
      }
    } else {
      result += '$';
      i += 1;
    }
    dollar = StringIndexOf(replacementTemplate, '$', i);
    if (dollar < 0) dollar = templateLength;
    result += substring(replacementTemplate, i, dollar);
    i = dollar;
  }
  return result;
}
