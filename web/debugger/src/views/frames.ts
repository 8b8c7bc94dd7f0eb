// The frames column: one box per frame, outermost first (as Python Tutor stacks them), the current
// frame last and highlighted; each frame's scopes with their bindings. The global (or module) scope
// appears once, in the outermost frame that has it.
import type { FrameView, StepData } from '../../../../src/debug/trace-types.js';

/** What the column needs of a step. */
type StepFrames = Pick<StepData, 'kind' | 'stack' | 'value'>;
import { el, valueCell, type OriginIds } from './values.js';

const SHARED_SCOPES = new Set(['global', 'module']);

/** The row a step's value gets in the current frame, by step kind. */
const STEP_VALUE: Partial<Record<StepData['kind'], string>> = {
  return: 'Return value', yield: 'Yielded', await: 'Awaiting', exception: 'Thrown',
};

function scopeTitle(kind: string, name: string | undefined): string {
  switch (kind) {
    case 'closure': return name === undefined ? 'closure' : `closure (${name})`;
    case 'function': return 'local';
    default: return name === undefined ? kind : `${kind} (${name})`;
  }
}

function frameBox(frame: FrameView, index: number, current: boolean, shown: Set<string>, ids: OriginIds, step: StepFrames): HTMLElement {
  const box = el('section', current ? 'frame current' : 'frame');
  box.dataset.frame = frame.name;
  box.dataset.depth = String(index);
  const head = el('header', 'frame-head');
  head.append(el('span', 'frame-name', frame.name), el('span', 'frame-line', `line ${frame.span.line}`));
  box.append(head);
  for (const scope of frame.scopes) {
    if (SHARED_SCOPES.has(scope.kind)) {
      if (shown.has(scope.kind)) continue;
      shown.add(scope.kind);
    }
    const table = el('table', 'scope');
    table.dataset.scope = scope.kind;
    const caption = el('caption', 'scope-kind', scopeTitle(scope.kind, scope.name));
    table.append(caption);
    if (scope.bindings.length === 0) {
      const row = table.insertRow();
      const cell = row.insertCell();
      cell.colSpan = 2;
      cell.className = 'empty';
      cell.textContent = '(no bindings)';
    }
    for (const binding of scope.bindings) {
      const row = table.insertRow();
      row.className = 'binding';
      row.dataset.name = binding.name;
      const name = row.insertCell();
      name.className = binding.mutable ? 'binding-name' : 'binding-name const';
      name.textContent = binding.name;
      const value = row.insertCell();
      value.className = 'binding-value';
      value.append(valueCell(binding.value, ids, binding.name));
    }
    box.append(table);
  }
  const label = current ? STEP_VALUE[step.kind] : undefined;
  if (label !== undefined && step.value !== undefined) {
    const table = el('table', 'scope step-value');
    const row = table.insertRow();
    row.className = 'binding step-value';
    row.dataset.name = label;
    const name = row.insertCell();
    name.className = 'binding-name';
    name.textContent = label;
    row.insertCell().append(valueCell(step.value, ids, label));
    box.append(table);
  }
  return box;
}

/** Renders the stack of a step into `column` (replacing what was there). */
export function renderFrames(column: HTMLElement, step: StepFrames, ids: OriginIds): void {
  const shown = new Set<string>();
  const outermostFirst = step.stack.slice().reverse();
  const boxes = outermostFirst.map((frame, i) => frameBox(frame, i, i === outermostFirst.length - 1, shown, ids, step));
  column.replaceChildren(...boxes);
}
