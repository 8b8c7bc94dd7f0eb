// JSON.stringify's TypeError for a circular structure (§25.5.2.5 SerializeJSONObject step 1,
// §25.5.2.6 SerializeJSONArray step 1) with V8's message, which names the path that closes the circle;
// and, for a serialisation the host's JSON.stringify made (json.ts, hostMayStringify), that path found
// again without running guest code, since the host's message names constructors by the host functions
// behind the realm's (its `Object` is a function of vmjs's bundle, a guest class is an interpreter closure).
import { isKnownProxy } from '../membrane.js';
import { wrapperKind } from '../abstract-ops/primitive-wrapper.js';
import { ArrayIsArray, HostTypeError, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf, ObjectKeys } from '../primordials.js';

/** V8's message for a circle: `stack[start]` is where it starts, `keys[j]` the key under which
 * `stack[j]` was reached, `closingKey` the key that leads back to `stack[start]`. */
export function circularMessage(stack: readonly object[], keys: readonly (string | number)[], start: number, closingKey: string | number): string {
  const describeKey = (o: object, k: string | number) => (ArrayIsArray(o) ? `index ${k}` : `property '${k}'`);
  let m = `Converting circular structure to JSON\n    --> starting at object with constructor '${constructorName(stack[start]!)}'`;
  for (let j = start + 1; j < stack.length; j++) {
    m += `\n    |     ${describeKey(stack[j - 1]!, keys[j]!)} -> object with constructor '${constructorName(stack[j]!)}'`;
  }
  return `${m}\n    --- ${describeKey(stack[stack.length - 1]!, closingKey)} closes the circle`;
}

function constructorName(o: object): string {
  const proto = ObjectGetPrototypeOf(o) as object | null;
  const d = proto === null ? undefined : ObjectGetOwnPropertyDescriptor(proto, 'constructor');
  const c = d !== undefined && 'value' in d ? d.value as unknown : undefined;
  const n = typeof c === 'function' ? ObjectGetOwnPropertyDescriptor(c, 'name')?.value as unknown : undefined;
  return typeof n === 'string' && n !== '' ? n : 'Object';
}

/** Thrown inside the search when the path cannot be followed without running guest code. */
const GIVE_UP: unique symbol = Symbol('give up');

/** The message SerializeJSONObject or SerializeJSONArray gave when the host's JSON.stringify of `root`
 * (with `propertyList`, no replacer function) found a circle, found again by the same walk made with
 * own-descriptor reads only; undefined where that walk would have to run guest code (a getter, a
 * toJSON, a Proxy) to go on, or cannot find the circle. */
export function findCircularMessage(root: unknown, propertyList: readonly string[] | undefined): string | undefined {
  const stack: object[] = [];
  const keys: (string | number)[] = [];
  /** Get(o, key) for an ordinary chain of data properties (GIVE_UP otherwise). */
  const get = (o: object, key: string): unknown => {
    for (let p: object | null = o; p !== null; p = ObjectGetPrototypeOf(p) as object | null) {
      if (isKnownProxy(p)) throw GIVE_UP;
      const d = ObjectGetOwnPropertyDescriptor(p, key);
      if (d !== undefined) {
        if (!('value' in d)) throw GIVE_UP;
        return d.value;
      }
    }
    return undefined;
  };
  /** SerializeJSONProperty of `value`, reached under `key`: the message if it closes a circle. */
  const visit = (value: unknown, key: string | number): string | undefined => {
    if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return undefined;
    if (isKnownProxy(value)) throw GIVE_UP;
    if (typeof get(value, 'toJSON') === 'function') throw GIVE_UP;
    if (typeof value === 'function' || wrapperKind(value) !== null) return undefined;
    for (let i = 0; i < stack.length; i++) {
      if (stack[i] === value) return circularMessage(stack, keys, i, key);
    }
    stack.push(value);
    keys.push(key);
    if (ArrayIsArray(value)) {
      const len = (value as unknown[]).length;
      for (let index = 0; index < len; index++) {
        const m = visit(get(value, String(index)), index);
        if (m !== undefined) return m;
      }
    } else {
      const K = propertyList ?? ObjectKeys(value);
      for (let i = 0; i < K.length; i++) {
        const m = visit(get(value, K[i]!), K[i]!);
        if (m !== undefined) return m;
      }
    }
    stack.pop();
    keys.pop();
    return undefined;
  };
  try {
    return visit(root, '');
  } catch {
    // GIVE_UP, or the host's own errors (its stack running out on a deep structure).
    return undefined;
  }
}

/** Whether `e`, thrown by the host's JSON.stringify, is its TypeError for a circular structure. */
export function isCircularError(e: unknown): boolean {
  return e instanceof HostTypeError && e.message.startsWith('Converting circular structure to JSON');
}
