// Template objects (§13.2.8.4 GetTemplateObject): one frozen array per tagged-template site and
// realm, kept in the realm's [[TemplateMap]] so every evaluation of the site sees the same object.
import type { Realm } from '../../realm/realm.js';
import { ObjectDefineProperty as defineProperty, ObjectFreeze as freeze, ObjectSetPrototypeOf as setPrototypeOf } from '../../realm/primordials.js';

/** GetTemplateObject (§13.2.8.4): one frozen template object per site and realm. */
export function GetTemplateObject(realm: Realm, site: object, cooked: ReadonlyArray<string | undefined>, raw: readonly string[]): unknown[] {
  const cached = realm.templateMap.get(site);
  if (cached !== undefined) return cached;
  const rawObj = raw.slice();
  const obj: unknown[] = cooked.slice();
  if (!realm.isHost) {
    setPrototypeOf(rawObj, realm.intrinsics.ArrayPrototype);
    setPrototypeOf(obj, realm.intrinsics.ArrayPrototype);
  }
  freeze(rawObj);
  defineProperty(obj, 'raw', { value: rawObj, writable: false, enumerable: false, configurable: false });
  freeze(obj);
  realm.templateMap.set(site, obj);
  return obj;
}
