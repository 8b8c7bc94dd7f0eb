// A value cell: a primitive as text, an uninitialized binding greyed, a reference as the origin of an
// arrow to its object's box (the arrow itself is drawn by arrows.ts).
import type { ValueView } from '../../../../src/debug/trace-types.js';

/** Hands out the ids that tie an arrow's origin element to its path (`data-source`). */
export class OriginIds {
  private next = 0;
  take(): string { return `origin-${this.next++}`; }
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function valueCell(value: ValueView | undefined, ids: OriginIds, label: string): HTMLElement {
  if (value === undefined) return el('span', 'value primitive', 'undefined');
  switch (value.kind) {
    case 'primitive': {
      const cell = el('span', 'value primitive', value.text);
      cell.title = value.text;
      return cell;
    }
    case 'uninitialized':
      return el('span', 'value uninitialized', '<uninitialized>');
    case 'ref': {
      const cell = el('span', 'value ref');
      cell.id = ids.take();
      cell.dataset.ref = String(value.id);
      cell.dataset.label = label;
      cell.title = `${label} → object #${value.id}`;
      return cell;
    }
  }
}

/** The ids of the objects a value refers to (none for a primitive). */
export function refsOf(value: ValueView | undefined): number[] {
  return value !== undefined && value.kind === 'ref' ? [value.id] : [];
}
