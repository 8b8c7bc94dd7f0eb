// The objects column: a box for every heap object reachable from the frames shown, laid out in
// sub-columns by distance (the objects a binding refers to first, then what those refer to, …), each
// in the order the frames first reach them, so arrows mostly run left to right.
import type { HeapObjectView, PropertyView, ValueView } from '../../../../src/debug/trace-types.js';
import { el, refsOf, valueCell, type OriginIds } from './values.js';

/** More boxes than this would not help a reader; the column says how many were left out. */
const MAX_OBJECTS = 150;

function propertyRefs(property: PropertyView): number[] {
  return 'accessor' in property ? [...refsOf(property.get), ...refsOf(property.set)] : refsOf(property.value);
}

function objectRefs(object: HeapObjectView): number[] {
  const refs = object.properties.flatMap(propertyRefs);
  for (const entry of object.entries ?? []) refs.push(...refsOf(entry.key), ...refsOf(entry.value));
  return refs;
}

/** The objects reachable from `roots`, each root's in turn, breadth first, with their distance from
 * that root (0 for the object it refers to), so a structure is laid out whole, left to right, before
 * the next root's; at most MAX_OBJECTS, `missing` counts the rest. */
export function reachable(roots: number[], heap: ReadonlyMap<number, HeapObjectView>): { objects: { object: HeapObjectView; level: number }[]; missing: number } {
  const seen = new Set<number>();
  const order: { object: HeapObjectView; level: number }[] = [];
  let missing = 0;
  for (const root of roots) {
    const queue = [{ id: root, level: 0 }];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const { id, level } = next;
      if (seen.has(id)) continue;
      seen.add(id);
      const object = heap.get(id);
      if (object === undefined) continue;
      if (order.length >= MAX_OBJECTS) { missing++; continue; }
      order.push({ object, level });
      for (const ref of objectRefs(object)) queue.push({ id: ref, level: level + 1 });
    }
  }
  return { objects: order, missing };
}

function row(table: HTMLTableElement, key: string, value: HTMLElement, className = 'property'): void {
  const tr = table.insertRow();
  tr.className = className;
  tr.dataset.key = key;
  const k = tr.insertCell();
  k.className = 'property-key';
  k.textContent = key;
  const v = tr.insertCell();
  v.className = 'property-value';
  v.append(value);
}

function keyText(value: ValueView): string {
  return value.kind === 'primitive' ? value.text : value.kind === 'ref' ? `#${value.id}` : '<uninitialized>';
}

function objectBox(object: HeapObjectView, ids: OriginIds): HTMLElement {
  const box = el('section', `object kind-${object.kind}`);
  box.id = `object-${object.id}`;
  box.dataset.objectId = String(object.id);
  box.dataset.label = object.label;
  const head = el('header', 'object-head');
  head.append(el('span', 'object-label', object.label), el('span', 'object-id', `#${object.id}`));
  box.append(head);
  const table = el('table', 'properties');
  for (const property of object.properties) {
    if ('accessor' in property) {
      const cell = el('span', 'accessor');
      if (property.get !== undefined) cell.append(el('span', 'accessor-part', 'get '), valueCell(property.get, ids, `get ${property.key}`));
      if (property.set !== undefined) cell.append(el('span', 'accessor-part', ' set '), valueCell(property.set, ids, `set ${property.key}`));
      if (property.get === undefined && property.set === undefined) cell.textContent = '[Getter/Setter]';
      row(table, property.key, cell, 'property accessor-property');
    } else {
      row(table, property.key, valueCell(property.value, ids, property.key));
    }
  }
  for (const entry of object.entries ?? []) {
    const label = keyText(entry.key);
    if (entry.value === undefined) {
      row(table, '', valueCell(entry.key, ids, label), 'entry');
    } else if (entry.key.kind === 'ref') {
      const cell = el('span', 'entry-pair');
      cell.append(valueCell(entry.key, ids, 'key'), el('span', 'entry-arrow', ' ⇒ '), valueCell(entry.value, ids, 'value'));
      row(table, '', cell, 'entry');
    } else {
      row(table, `${label} ⇒`, valueCell(entry.value, ids, label), 'entry');
    }
  }
  if (table.rows.length > 0) box.append(table);
  return box;
}

/** Renders the objects reachable from the origins already in `from` into `column`. */
export function renderObjects(column: HTMLElement, from: HTMLElement, heap: ReadonlyMap<number, HeapObjectView>, ids: OriginIds): void {
  const roots = [...from.querySelectorAll<HTMLElement>('[data-ref]')].map((node) => Number(node.dataset.ref));
  const { objects, missing } = reachable(roots, heap);
  const levels: HTMLElement[] = [];
  // Boxes are made in breadth-first order, so origin ids (and arrows) follow the reading order.
  for (const { object, level } of objects) {
    while (levels.length <= level) levels.push(el('div', 'object-level'));
    levels[level]!.append(objectBox(object, ids));
  }
  if (missing > 0) (levels[0] ?? column).append(el('p', 'objects-missing', `${missing} more object${missing === 1 ? '' : 's'} not drawn`));
  column.replaceChildren(...levels);
}
