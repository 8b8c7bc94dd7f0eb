// The heap as the trace shows it: every object reachable from the recorded frames gets a stable id
// (a WeakMap, so ids never keep objects alive) and a HeapObjectView; a step records only the views
// that changed since the previous step (compared by a fingerprint of the view) and the ids that are no
// longer reachable. The realm's intrinsics are shown by label only, never expanded.
import type { Realm } from '../realm/realm.js';
import { materializeAll } from '../realm/lazy-families.js';
import type { HeapObjectView, PropertyView, ValueView } from './trace-types.js';
import {
  constructorNameOf, dateText, descriptorOf, functionLabel, functionNameOf, isGuestProxy, isObject, kindOf,
  mapEntries, mapSize, ownData, ownKeysOf, protoOf, regExpText, renderPrimitive, setSize, setValues, inspectInline,
} from './inspect-safe.js';
import { PromiseStateOf, PromiseResultOf } from '../realm/abstract-ops/promise-operations.js';
import { sameState } from './frames.js';

/** Most objects recorded per step, and most properties / entries per object. */
export const HEAP_OBJECTS_PER_STEP = 1000;
export const PROPERTIES_PER_OBJECT = 200;

const UNINITIALIZED: ValueView = { kind: 'uninitialized' };
const { isArray } = Array;

export class HeapRecorder {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private readonly intrinsics = new WeakSet<object>();
  private readonly errorPrototypes: object[];
  private readonly generatorPrototypes: object[];
  /** The views recorded last, by id (what the page's heap holds now), and this step's. */
  private previous = new Map<number, HeapObjectView | null>();
  private current = new Map<number, HeapObjectView | null>();
  private queue: object[] = [];
  private changes: HeapObjectView[] = [];
  /** Per object: what its view showed (compared by identity, item by item) and the view itself, so an
   * unchanged object costs a few reads per step and no new view. */
  private readonly views = new WeakMap<object, { state: unknown[]; view: HeapObjectView; refs: object[] }>();
  /** An object's kind never changes: its brand checks run once. */
  private readonly kinds = new WeakMap<object, string>();

  constructor(realm: Realm, alsoIntrinsic: readonly object[]) {
    materializeAll(realm); // every intrinsic is the realm's own, deferred families included
    const roots: object[] = [realm.globalObject, ...alsoIntrinsic];
    for (const v of Object.values(realm.intrinsics)) if (isObject(v)) roots.push(v);
    this.markIntrinsics(roots);
    const i = realm.intrinsics;
    this.errorPrototypes = [i.ErrorPrototype, Error.prototype];
    this.generatorPrototypes = [i.GeneratorPrototype, ...(isObject(i.AsyncGeneratorPrototype) ? [i.AsyncGeneratorPrototype] : [])];
  }

  /** Everything reachable from the realm's intrinsics before the program runs is the realm's own. */
  private markIntrinsics(roots: object[]): void {
    const work = roots.slice();
    while (work.length > 0) {
      const o = work.pop()!;
      if (this.intrinsics.has(o)) continue;
      this.intrinsics.add(o);
      if (isGuestProxy(o)) continue;
      const p = protoOf(o);
      if (p !== null) work.push(p);
      for (const k of ownKeysOf(o)) {
        const d = descriptorOf(o, k);
        if (d === undefined) continue;
        if (isObject(d.value)) work.push(d.value);
        if (isObject(d.get)) work.push(d.get);
        if (isObject(d.set)) work.push(d.set);
      }
    }
  }

  isIntrinsic(o: object): boolean {
    return this.intrinsics.has(o);
  }

  /** A stable id for `o`. */
  idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) { id = this.nextId++; this.ids.set(o, id); }
    return id;
  }

  /** Starts a step's walk. */
  begin(): void {
    this.current = new Map();
    this.queue = [];
    this.changes = [];
  }

  /** The view of a value; an object is queued for the step's heap. */
  value(v: unknown): ValueView {
    const text = renderPrimitive(v);
    if (text !== undefined) return { kind: 'primitive', text };
    const o = v as object;
    const id = this.idOf(o);
    if (!this.current.has(id)) {
      this.current.set(id, null);
      this.queue.push(o);
    }
    return { kind: 'ref', id };
  }

  uninitialized(): ValueView {
    return UNINITIALIZED;
  }

  /** Ends a step's walk: the views that changed, and the ids no longer reachable. */
  finish(): { heapChanges: HeapObjectView[]; removed: number[] } {
    const queue = this.queue;
    for (let k = 0; k < queue.length; k++) {
      const o = queue[k]!;
      const view = k < HEAP_OBJECTS_PER_STEP ? this.viewOf(o) : this.labelOnly(o, '…');
      this.current.set(view.id, view);
      if (this.previous.get(view.id) !== view) this.changes.push(view);
    }
    const removed: number[] = [];
    for (const id of this.previous.keys()) if (!this.current.has(id)) removed.push(id);
    this.previous = this.current;
    return { heapChanges: this.changes, removed };
  }

  private kindOf(o: object): string {
    let k = this.kinds.get(o);
    if (k === undefined) { k = kindOf(o, this.errorPrototypes, this.generatorPrototypes); this.kinds.set(o, k); }
    return k;
  }

  /** The object's view: the last one while what it shows is unchanged (its references marked again). */
  private viewOf(o: object): HeapObjectView {
    const state = this.stateOf(o);
    const c = this.views.get(o);
    if (c !== undefined && sameState(c.state, state)) {
      for (const r of c.refs) this.value(r);
      return c.view;
    }
    const refs: object[] = [];
    const view = this.view(o, (v) => { if (isObject(v)) refs.push(v); return this.value(v); });
    this.views.set(o, { state, view, refs });
    return view;
  }

  /** Everything the view of `o` shows, as a flat list compared item by item. */
  private stateOf(o: object): unknown[] {
    const out: unknown[] = [];
    if (this.intrinsics.has(o) || isGuestProxy(o)) return out;
    const kind = this.kindOf(o);
    out.push(protoOf(o));
    let n = 0;
    for (const k of shownKeys(o)) {
      if (n++ > PROPERTIES_PER_OBJECT) break;
      const d = descriptorOf(o, k);
      if (d === undefined) continue;
      if ('value' in d) out.push(k, d.value); else out.push(k, d.get, d.set);
    }
    switch (kind) {
      case 'map': out.push(mapSize(o)); for (const [k, v] of mapEntries(o).slice(0, PROPERTIES_PER_OBJECT)) out.push(k, v); break;
      case 'set': out.push(setSize(o)); for (const v of setValues(o).slice(0, PROPERTIES_PER_OBJECT)) out.push(v); break;
      case 'array': out.push((o as unknown[]).length); break;
      case 'promise': out.push(PromiseStateOf(o), PromiseResultOf(o)); break;
      case 'date': out.push(dateText(o)); break;
    }
    return out;
  }

  private labelOnly(o: object, suffix = ''): HeapObjectView {
    const id = this.idOf(o);
    const c = this.views.get(o);
    if (c !== undefined && c.state.length === 0 && c.view.label.endsWith(suffix)) return c.view;
    const view = { id, kind: this.kindOf(o), label: this.intrinsicLabel(o) + suffix, properties: [] };
    this.views.set(o, { state: [], view, refs: [] });
    return view;
  }

  private intrinsicLabel(o: object): string {
    if (typeof o === 'function') return functionLabel(o);
    const tag = ownData(o, Symbol.toStringTag);
    if (typeof tag === 'string') return `Object [${tag}]`;
    const c = ownData(o, 'constructor');
    if (typeof c === 'function' && functionNameOf(c) !== '') return `${functionNameOf(c)}.prototype`;
    return constructorNameOf(o) ?? 'Object';
  }

  private view(o: object, value: (v: unknown) => ValueView): HeapObjectView {
    const id = this.idOf(o);
    if (this.intrinsics.has(o)) return { id, kind: this.kindOf(o), label: this.intrinsicLabel(o), properties: [] };
    if (isGuestProxy(o)) return { id, kind: 'proxy', label: 'Proxy', properties: [] };
    const kind = this.kindOf(o);
    const ctor = constructorNameOf(o);
    let label: string;
    let skip: (k: string | symbol) => boolean = () => false;
    let entries: { key: ValueView; value?: ValueView }[] | undefined;
    switch (kind) {
      case 'function': case 'class':
        label = functionLabel(o);
        skip = (k) => k === 'length' || k === 'name' || k === 'prototype' || k === 'arguments' || k === 'caller';
        break;
      case 'array':
        label = `${ctor === 'Array' || ctor === null ? 'Array' : ctor}(${(o as unknown[]).length})`;
        skip = (k) => k === 'length';
        break;
      case 'map': {
        label = `Map(${mapSize(o)!})`;
        entries = mapEntries(o).slice(0, PROPERTIES_PER_OBJECT).map(([k, v]) => ({ key: value(k), value: value(v) }));
        break;
      }
      case 'set':
        label = `Set(${setSize(o)!})`;
        entries = setValues(o).slice(0, PROPERTIES_PER_OBJECT).map((v) => ({ key: value(v) }));
        break;
      case 'date': label = dateText(o)!; break;
      case 'regexp': label = regExpText(o)!; skip = (k) => k === 'lastIndex'; break;
      case 'error':
        label = inspectInline(o);
        skip = (k) => k === 'stack' || k === 'message';
        break;
      case 'promise': {
        const state = PromiseStateOf(o);
        label = state === 'pending' ? 'Promise { <pending> }'
          : state === 'fulfilled' ? `Promise { ${shortText(PromiseResultOf(o))} }` : `Promise { <rejected> ${shortText(PromiseResultOf(o))} }`;
        break;
      }
      case 'generator': label = 'Object [Generator] {}'; break;
      default: {
        const c = ownData(o, 'constructor');
        label = typeof c === 'function' && ownData(c, 'prototype') === o ? `${functionNameOf(c) || '(anonymous)'}.prototype`
          : ctor === null ? '[Object: null prototype]' : ctor;
      }
    }
    const properties: PropertyView[] = [];
    for (const k of shownKeys(o)) {
      if (skip(k)) continue;
      if (properties.length >= PROPERTIES_PER_OBJECT) break;
      const d = descriptorOf(o, k);
      if (d === undefined) continue;
      const key = typeof k === 'symbol' ? `[${renderPrimitive(k)!}]` : k;
      if ('value' in d) properties.push({ key, value: value(d.value) });
      else {
        const p: PropertyView = { key, accessor: true };
        if (d.get !== undefined) p.get = value(d.get);
        if (d.set !== undefined) p.set = value(d.set);
        properties.push(p);
      }
    }
    const view: HeapObjectView = { id, kind, label, properties };
    if (entries !== undefined) view.entries = entries;
    const proto = protoOf(o);
    if (proto !== null && !this.intrinsics.has(proto)) view.proto = value(proto);
    return view;
  }
}

/** The keys a view shows: own keys, but for an array longer than the cap only its first indices (its
 * other own keys would cost a list of every index at each step). */
function shownKeys(o: object): (string | symbol)[] {
  if (isArray(o) && !isGuestProxy(o) && (o as unknown[]).length > PROPERTIES_PER_OBJECT) {
    const keys: string[] = [];
    for (let i = 0; i < PROPERTIES_PER_OBJECT; i++) keys.push(String(i));
    return keys;
  }
  return ownKeysOf(o);
}

function shortText(v: unknown): string {
  return renderPrimitive(v) ?? inspectInline(v, 0);
}
