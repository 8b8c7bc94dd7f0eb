// OrdinaryCallBindThis (§10.2.1.2) for sloppy functions: a primitive `this` is
// boxed with the callee realm's prototypes.
import type { Realm } from '../../realm/realm.js';
import { primitiveProto } from './operations.js';

const { setPrototypeOf } = Object;

export function toObjectForThis(realm: Realm, v: unknown): object {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') return v as object;
  return toObject(realm, v);
}

/** ToObject (§7.1.18) with the realm's wrapper prototypes. */
export function toObject(realm: Realm, v: unknown): object {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') return v as object;
  if (v === undefined || v === null) realm.throwTypeError('Cannot convert undefined or null to object');
  const o = Object(v) as object;
  if (!realm.isHost) setPrototypeOf(o, primitiveProto(realm, v));
  return o;
}
