// JSON.rawJSON and JSON.isRawJSON (JSON.parse source text access, ES2026; sec-json.rawjson,
// sec-json.israwjson): frozen null-prototype objects whose `rawJSON` text JSON.stringify emits as is.
import type { Realm } from '../realm.js';
import { CreateDataPropertyOrThrow, ToString, isObject } from '../abstract-ops.js';
import { toRealmError } from '../host-errors.js';
import { markGuestObject } from '../membrane.js';
import { JSONParse, ObjectCreate, ObjectFreeze } from '../primordials.js';

/** The objects with an [[IsRawJSON]] internal slot. */
const rawJSONObjects = new WeakSet<object>();

/** Whether an object with an [[IsRawJSON]] internal slot was ever made, in any realm (the slot is
 * not the host's: its JSON.stringify would serialise such an object as an ordinary one). */
let rawJSONMade = false;

/** Whether any object with an [[IsRawJSON]] internal slot exists (or did). */
export function anyRawJSON(): boolean {
  return rawJSONMade;
}

/** Whether `O` has an [[IsRawJSON]] internal slot. */
export function hasIsRawJSON(O: object): boolean {
  return rawJSONObjects.has(O);
}

/** JSON.rawJSON ( text ) */
export function JSONRawJSON(realm: Realm, text: unknown): object {
  const jsonString = ToString(realm, text);
  const bad = (c: number): boolean => c === 0x09 || c === 0x0a || c === 0x0d || c === 0x20;
  if (jsonString === '' || bad(jsonString.charCodeAt(0)) || bad(jsonString.charCodeAt(jsonString.length - 1))) {
    realm.throwSyntaxError('Invalid value for JSON.rawJSON');
  }
  let parsed: unknown;
  try {
    parsed = JSONParse(jsonString);
  } catch (e) {
    throw toRealmError(realm, e);
  }
  if (isObject(parsed)) realm.throwSyntaxError('Invalid value for JSON.rawJSON');
  const obj = ObjectCreate(null) as object;
  markGuestObject(obj);
  CreateDataPropertyOrThrow(realm, obj, 'rawJSON', jsonString);
  ObjectFreeze(obj);
  rawJSONObjects.add(obj);
  rawJSONMade = true;
  return obj;
}

/** JSON.isRawJSON ( O ) */
export function JSONIsRawJSON(O: unknown): boolean {
  return isObject(O) && rawJSONObjects.has(O);
}
