// The debugger page: the editor, the controls and the drawing of the recorded state. vmjs runs in a
// module worker (worker.ts); the page only navigates the trace it posts back.
import type { TraceData } from '../../../src/debug/trace-types.js';
import { ProgramEditor } from './views/editor.js';
import { renderFrames } from './views/frames.js';
import { renderObjects } from './views/objects.js';
import { drawArrows, highlightArrowsOnHover } from './views/arrows.js';
import { OriginIds } from './views/values.js';
import { Trace } from '../../../src/debug/trace.js';
import { programFromHash, shareHash } from './share.js';
import { EXAMPLES } from './examples.js';
import type { RunReply, RunRequest } from './protocol.js';

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

const ui = {
  editor: byId('editor'),
  run: byId<HTMLButtonElement>('run'),
  stop: byId<HTMLButtonElement>('stop'),
  share: byId<HTMLButtonElement>('share'),
  shareLink: byId<HTMLInputElement>('share-link'),
  examples: byId<HTMLSelectElement>('examples'),
  stepLimit: byId<HTMLInputElement>('step-limit'),
  first: byId<HTMLButtonElement>('first'),
  back: byId<HTMLButtonElement>('back'),
  forward: byId<HTMLButtonElement>('forward'),
  last: byId<HTMLButtonElement>('last'),
  over: byId<HTMLButtonElement>('over'),
  out: byId<HTMLButtonElement>('out'),
  continue: byId<HTMLButtonElement>('continue'),
  slider: byId<HTMLInputElement>('slider'),
  stepLabel: byId('step-label'),
  status: byId('status'),
  truncated: byId('truncated'),
  error: byId('error'),
  stale: byId('stale'),
  output: byId('output'),
  area: byId('state'),
  frames: byId('frames'),
  objects: byId('objects'),
  arrows: byId('arrows') as unknown as SVGSVGElement,
  conditionForm: byId<HTMLFormElement>('condition-form'),
  conditionLine: byId('condition-line'),
  condition: byId<HTMLInputElement>('condition'),
  conditionRemove: byId<HTMLButtonElement>('condition-remove'),
};

let trace: Trace | null = null;
let index = 0;
let worker: Worker | null = null;

const editor = new ProgramEditor({
  parent: ui.editor,
  doc: programFromHash(location.hash) ?? EXAMPLES[0]!.source,
  onRun: () => run(),
  onChange: () => { if (trace !== null) ui.stale.hidden = false; },
  onBreakpoints: () => updateControls(),
  onEditCondition: (line, condition, anchor) => editCondition(line, condition, anchor),
});

// ---- Conditional breakpoints: a right-click in the gutter opens this small form ----

let conditionLine = 0;

function editCondition(line: number, condition: string, anchor: DOMRect): void {
  conditionLine = line;
  ui.conditionLine.textContent = String(line);
  ui.condition.value = condition;
  ui.conditionForm.style.left = `${anchor.right + 6}px`;
  ui.conditionForm.style.top = `${Math.max(4, anchor.top - 8)}px`;
  ui.conditionForm.hidden = false;
  ui.condition.focus();
}

ui.conditionForm.addEventListener('submit', (event) => {
  event.preventDefault();
  editor.setBreakpoint(conditionLine, ui.condition.value.trim());
  ui.conditionForm.hidden = true;
});
ui.conditionRemove.addEventListener('click', () => {
  editor.setBreakpoint(conditionLine, null);
  ui.conditionForm.hidden = true;
});
ui.condition.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') ui.conditionForm.hidden = true;
});

function setStatus(text: string, kind: 'idle' | 'running' | 'failure' = 'idle'): void {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

// ---- Running in the worker ----

function startWorker(): Worker {
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<RunReply>) => {
    ui.run.disabled = false;
    ui.stop.hidden = true;
    const reply = event.data;
    if (reply.type === 'failure') {
      showFailure(reply.message);
      return;
    }
    showTrace(reply.data);
  };
  w.onerror = (event) => {
    event.preventDefault();
    ui.run.disabled = false;
    ui.stop.hidden = true;
    showFailure(`The worker failed: ${event.message || 'it could not be loaded'}`);
  };
  return w;
}

function run(): void {
  worker ??= startWorker();
  const limit = Math.min(0xffff_ffff, Math.max(1, Math.floor(Number(ui.stepLimit.value) || 10_000)));
  const request: RunRequest = { type: 'run', source: editor.text, stepLimit: limit };
  ui.run.disabled = true;
  ui.stop.hidden = false;
  setStatus('Recording…', 'running');
  worker.postMessage(request);
}

/** Ends a run that takes too long: the worker is terminated and a fresh one made for the next. */
function stop(): void {
  worker?.terminate();
  worker = null;
  ui.run.disabled = false;
  ui.stop.hidden = true;
  setStatus('Stopped: the run was cancelled.', 'failure');
}

function showFailure(message: string): void {
  trace = null;
  setStatus(message, 'failure');
  ui.frames.replaceChildren();
  ui.objects.replaceChildren();
  ui.arrows.replaceChildren();
  ui.output.textContent = '';
  ui.truncated.hidden = true;
  ui.error.hidden = true;
  ui.stale.hidden = true;
  editor.mark({ current: 0, previous: 0, kind: 'normal' });
  updateControls();
}

function showTrace(data: TraceData): void {
  trace = Trace.fromData(data);
  ui.stale.hidden = true;
  const steps = data.steps.length;
  setStatus(`Recorded ${steps} step${steps === 1 ? '' : 's'}.`);
  ui.slider.max = String(Math.max(0, steps - 1));
  ui.truncated.hidden = !data.truncated && data.completion.type !== 'timeout';
  ui.truncated.textContent = data.completion.type === 'timeout'
    ? `The run timed out: ${data.completion.text}. The steps recorded until then are shown.`
    : `The run was stopped after ${data.stepLimit} steps (the step limit); the program had not finished. Raise the limit to record more.`;
  if (data.completion.type === 'throw') {
    ui.error.hidden = false;
    ui.error.textContent = `Uncaught ${data.completion.text}`;
  } else {
    ui.error.hidden = true;
  }
  go(0);
}

// ---- Showing a step ----

function go(target: number): void {
  if (trace === null || trace.steps === 0) return;
  index = Math.max(0, Math.min(trace.steps - 1, target));
  const step = trace.stepAt(index);
  const previous = index > 0 ? trace.data.steps[index - 1]!.span.line : 0;
  const failed = step.kind === 'exception' || (step.kind === 'end' && trace.completion.type === 'throw');
  editor.mark({ current: step.span.line, previous, kind: failed ? 'error' : 'normal' });
  const ids = new OriginIds();
  renderFrames(ui.frames, step, ids);
  renderObjects(ui.objects, ui.frames, step.heap, ids);
  drawArrows(ui.area, ui.arrows);
  ui.output.textContent = step.output.join('\n');
  ui.output.scrollTop = ui.output.scrollHeight;
  ui.slider.value = String(index);
  const where = `line ${step.span.line}`;
  ui.stepLabel.textContent = `Step ${index + 1} of ${trace.steps} · ${step.kind} · ${where}`;
  ui.stepLabel.dataset.kind = step.kind;
  updateControls();
}

function updateControls(): void {
  const n = trace?.steps ?? 0;
  const atStart = trace === null || index <= 0;
  const atEnd = trace === null || index >= n - 1;
  ui.first.disabled = ui.back.disabled = atStart;
  ui.last.disabled = ui.forward.disabled = ui.over.disabled = ui.out.disabled = ui.continue.disabled = atEnd;
  ui.slider.disabled = trace === null;
  ui.continue.title = editor.breakpoints().length === 0
    ? 'Continue to the next breakpoint (none set: to the end) [c]'
    : 'Continue to the next breakpoint [c]';
}

type Move = 'first' | 'back' | 'forward' | 'last' | 'over' | 'overBack' | 'out' | 'continue' | 'continueBack';

function move(kind: Move): void {
  if (trace === null) return;
  const t = trace;
  const targets: Record<Move, () => number> = {
    first: () => 0,
    back: () => t.previous(index),
    forward: () => t.next(index),
    last: () => t.steps - 1,
    over: () => t.stepOver(index),
    overBack: () => t.stepBackOver(index),
    out: () => t.stepOut(index),
    continue: () => t.continue(index, editor.breakpoints()),
    continueBack: () => t.reverseContinue(index, editor.breakpoints()),
  };
  go(targets[kind]());
}

// ---- Wiring ----

for (const [i, example] of EXAMPLES.entries()) {
  const option = document.createElement('option');
  option.value = String(i);
  option.textContent = example.name;
  ui.examples.append(option);
}
ui.examples.addEventListener('change', () => {
  const example = EXAMPLES[Number(ui.examples.value)];
  if (example === undefined) return;
  editor.text = example.source;
  ui.examples.value = '';
  run();
});

ui.run.addEventListener('click', () => run());
ui.stop.addEventListener('click', () => stop());
ui.first.addEventListener('click', () => move('first'));
ui.back.addEventListener('click', () => move('back'));
ui.forward.addEventListener('click', () => move('forward'));
ui.last.addEventListener('click', () => move('last'));
ui.over.addEventListener('click', () => move('over'));
ui.out.addEventListener('click', () => move('out'));
ui.continue.addEventListener('click', () => move('continue'));
ui.slider.addEventListener('input', () => go(Number(ui.slider.value)));

ui.share.addEventListener('click', () => {
  const hash = shareHash(editor.text);
  history.replaceState(null, '', hash);
  ui.shareLink.value = location.href;
  ui.shareLink.hidden = false;
  ui.shareLink.select();
  void copyToClipboard(location.href);
});

async function copyToClipboard(text: string): Promise<void> {
  try {
    await window.navigator.clipboard.writeText(text);
    setStatus('Share link copied to the clipboard.');
  } catch {
    setStatus('Share link ready: copy it from the box.');
  }
}

window.addEventListener('hashchange', () => {
  const program = programFromHash(location.hash);
  if (program !== null && program !== editor.text) {
    editor.text = program;
    run();
  }
});

const KEYS: Record<string, Move> = {
  ArrowRight: 'forward',
  ArrowLeft: 'back',
  'Shift+ArrowRight': 'over',
  'Shift+ArrowLeft': 'overBack',
  ArrowDown: 'over',
  ArrowUp: 'out',
  Home: 'first',
  End: 'last',
  c: 'continue',
  'Shift+C': 'continueBack',
};

document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') { event.preventDefault(); run(); return; }
  if (event.key === 'Escape' && editor.hasFocus()) { editor.view.contentDOM.blur(); return; }
  if (editor.hasFocus() || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target !== null && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
  const name = event.shiftKey && event.key !== 'Shift' ? `Shift+${event.key}` : event.key;
  const action = KEYS[name];
  if (action === undefined) return;
  event.preventDefault();
  move(action);
});

let redraw = 0;
const scheduleArrows = (): void => {
  cancelAnimationFrame(redraw);
  redraw = requestAnimationFrame(() => { if (trace !== null) drawArrows(ui.area, ui.arrows); });
};
new ResizeObserver(scheduleArrows).observe(ui.area);
highlightArrowsOnHover(ui.area, ui.arrows);
window.addEventListener('resize', scheduleArrows);

/** What the browser test reads and drives (and a console user may): the trace shown and the step. */
interface PageHandle {
  /** Shows a trace recorded elsewhere, with its program in the editor. */
  showTrace(data: TraceData): void;
  readonly busy: boolean;
  /** The program of the trace shown ('' when none). */
  readonly recorded: string;
  go(step: number): void;
  readonly step: number;
  readonly steps: number;
  readonly ready: boolean;
}
const handle: PageHandle = {
  showTrace(data) {
    const source = data.files[0]?.source;
    if (source !== undefined && source !== editor.text) editor.text = source;
    showTrace(data);
  },
  go,
  get busy() { return !ui.stop.hidden; },
  get recorded() { return trace?.source() ?? ''; },
  get step() { return index; },
  get steps() { return trace?.steps ?? 0; },
  get ready() { return trace !== null; },
};
(window as unknown as { vmjsDebugger: PageHandle }).vmjsDebugger = handle;

updateControls();
if (location.hash.includes('code=') && programFromHash(location.hash) === null) {
  setStatus('The link\'s program could not be read (a damaged link?): showing an example instead.', 'failure');
} else {
  run();
}
