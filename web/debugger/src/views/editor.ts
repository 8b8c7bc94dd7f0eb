// The program editor (CodeMirror 6): the current line highlighted, the previous one marked, and
// breakpoints toggled by clicking the gutter (a right-click gives one a condition). Lines are 1-based, as the trace's spans are.
import { EditorView, basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { Decoration, type DecorationSet, gutter, GutterMarker, keymap } from '@codemirror/view';
import { EditorState, RangeSet, StateEffect, StateField, type Extension, Prec } from '@codemirror/state';
import type { Breakpoint } from '../../../../src/debug/trace.js';

/** Where the stepper stands: the line of the current step and of the one before it (0 = none). */
export interface LineMarks { current: number; previous: number; kind: 'normal' | 'error' }

const setMarks = StateEffect.define<LineMarks>();
/** Sets (condition: a string, '' for none) or clears (condition: null) the breakpoint at a line start. */
const setBreakpoint = StateEffect.define<{ pos: number; condition: string | null }>({
  map: (value, changes) => ({ pos: changes.mapPos(value.pos), condition: value.condition }),
});
const clearBreakpoints = StateEffect.define<null>();

const currentLine = Decoration.line({ class: 'cm-current-step' });
const currentErrorLine = Decoration.line({ class: 'cm-current-step cm-error-step' });
const previousLine = Decoration.line({ class: 'cm-previous-step' });

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setMarks)) continue;
      const { current, previous, kind } = effect.value;
      const doc = tr.state.doc;
      const ranges = [];
      if (previous >= 1 && previous <= doc.lines && previous !== current) ranges.push(previousLine.range(doc.line(previous).from));
      if (current >= 1 && current <= doc.lines) ranges.push((kind === 'error' ? currentErrorLine : currentLine).range(doc.line(current).from));
      ranges.sort((a, b) => a.from - b.from);
      next = Decoration.set(ranges);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

class BreakpointMarker extends GutterMarker {
  /** '' for an unconditional breakpoint. */
  readonly condition: string;

  constructor(condition: string) {
    super();
    this.condition = condition;
  }

  override eq(other: GutterMarker): boolean {
    return other instanceof BreakpointMarker && other.condition === this.condition;
  }

  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = this.condition === '' ? 'cm-breakpoint-dot' : 'cm-breakpoint-dot conditional';
    dot.textContent = this.condition === '' ? '●' : '◆';
    dot.title = this.condition === '' ? 'Breakpoint (right-click to add a condition)' : `Breakpoint when ${this.condition}`;
    return dot;
  }
}

const breakpointField = StateField.define<RangeSet<BreakpointMarker>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    let next = set.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(clearBreakpoints)) next = RangeSet.empty;
      if (!effect.is(setBreakpoint)) continue;
      const { pos, condition } = effect.value;
      next = next.update({ filter: (from) => from !== pos });
      if (condition !== null) next = next.update({ add: [new BreakpointMarker(condition).range(pos)] });
    }
    return next;
  },
});

function breakpointAt(state: EditorState, pos: number): BreakpointMarker | null {
  let found: BreakpointMarker | null = null;
  state.field(breakpointField).between(pos, pos, (from, _to, marker) => { if (from === pos) found = marker; });
  return found;
}

function toggleAt(view: EditorView, pos: number): void {
  const from = view.state.doc.lineAt(pos).from;
  view.dispatch({ effects: setBreakpoint.of({ pos: from, condition: breakpointAt(view.state, from) === null ? '' : null }) });
}

function breakpointGutter(onCondition: (line: number, condition: string, anchor: DOMRect) => void): Extension {
  return [
    breakpointField,
    gutter({
      class: 'cm-breakpoint-gutter',
      markers: (view) => view.state.field(breakpointField),
      initialSpacer: () => new BreakpointMarker(''),
      renderEmptyElements: true,
      domEventHandlers: {
        mousedown(view, line, event) {
          if ((event as MouseEvent).button !== 0) return false;
          toggleAt(view, line.from);
          return true;
        },
        contextmenu(view, line, event) {
          event.preventDefault();
          const number = view.state.doc.lineAt(line.from).number;
          const anchor = (event.target as HTMLElement).getBoundingClientRect();
          onCondition(number, breakpointAt(view.state, line.from)?.condition ?? '', anchor);
          return true;
        },
      },
    }),
  ];
}

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Ctrl/Cmd+Enter in the editor. */
  onRun: () => void;
  /** The document changed (the recorded trace no longer matches it). */
  onChange: () => void;
  /** The breakpoints changed. */
  onBreakpoints: () => void;
  /** A right-click in the gutter: the page asks for the line's breakpoint condition. */
  onEditCondition: (line: number, condition: string, anchor: DOMRect) => void;
}

/** The editor as the page uses it. */
export class ProgramEditor {
  readonly view: EditorView;

  constructor(options: EditorOptions) {
    const runKey = Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { options.onRun(); return true; } }]));
    this.view = new EditorView({
      parent: options.parent,
      state: EditorState.create({
        doc: options.doc,
        extensions: [
          runKey,
          breakpointGutter(options.onEditCondition),
          basicSetup,
          javascript(),
          marksField,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) options.onChange();
            if (update.transactions.some((tr) => tr.effects.some((e) => e.is(setBreakpoint) || e.is(clearBreakpoints)))) options.onBreakpoints();
          }),
        ],
      }),
    });
  }

  get text(): string { return this.view.state.doc.toString(); }

  /** Replaces the program (its breakpoints go with it). */
  set text(source: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: source }, effects: clearBreakpoints.of(null) });
  }

  /** Highlights the current line and marks the previous one; scrolls the current one into view. */
  mark(marks: LineMarks): void {
    const doc = this.view.state.doc;
    const effects: StateEffect<unknown>[] = [setMarks.of(marks)];
    if (marks.current >= 1 && marks.current <= doc.lines) {
      effects.push(EditorView.scrollIntoView(doc.line(marks.current).from, { y: 'nearest' }));
    }
    this.view.dispatch({ effects });
  }

  /** The breakpoints, as Trace.continue takes them (1-based lines, with their conditions). */
  breakpoints(): Breakpoint[] {
    const list: Breakpoint[] = [];
    const state = this.view.state;
    for (const cursor = state.field(breakpointField).iter(); cursor.value !== null; cursor.next()) {
      const line = state.doc.lineAt(cursor.from).number;
      list.push(cursor.value.condition === '' ? { line } : { line, condition: cursor.value.condition });
    }
    return list;
  }

  /** Sets the breakpoint on a 1-based line (condition '' for none), or clears it (null). */
  setBreakpoint(line: number, condition: string | null): void {
    const doc = this.view.state.doc;
    if (line >= 1 && line <= doc.lines) this.view.dispatch({ effects: setBreakpoint.of({ pos: doc.line(line).from, condition }) });
  }

  hasFocus(): boolean { return this.view.hasFocus; }
}
