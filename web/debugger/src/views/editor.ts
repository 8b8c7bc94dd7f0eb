// The program editor (CodeMirror 6): the current line highlighted, the previous one marked, and
// breakpoints toggled by clicking the gutter. Lines are 1-based, as the trace's spans are.
import { EditorView, basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { Decoration, type DecorationSet, gutter, GutterMarker, keymap } from '@codemirror/view';
import { EditorState, RangeSet, StateEffect, StateField, type Extension, Prec } from '@codemirror/state';

/** Where the stepper stands: the line of the current step and of the one before it (0 = none). */
export interface LineMarks { current: number; previous: number; kind: 'normal' | 'error' }

const setMarks = StateEffect.define<LineMarks>();
const toggleBreakpoint = StateEffect.define<number>();

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
  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = 'cm-breakpoint-dot';
    dot.textContent = '●';
    return dot;
  }
}
const breakpointMarker = new BreakpointMarker();

const breakpointField = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    let next = set.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(toggleBreakpoint)) continue;
      const pos = effect.value;
      let present = false;
      next.between(pos, pos, () => { present = true; });
      next = present
        ? next.update({ filter: (from) => from !== pos })
        : next.update({ add: [breakpointMarker.range(pos)] });
    }
    return next;
  },
});

function toggleAt(view: EditorView, pos: number): void {
  view.dispatch({ effects: toggleBreakpoint.of(view.state.doc.lineAt(pos).from) });
}

const breakpointGutter: Extension = [
  breakpointField,
  gutter({
    class: 'cm-breakpoint-gutter',
    markers: (view) => view.state.field(breakpointField),
    initialSpacer: () => breakpointMarker,
    renderEmptyElements: true,
    domEventHandlers: {
      mousedown(view, line) {
        toggleAt(view, line.from);
        return true;
      },
    },
  }),
];

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Ctrl/Cmd+Enter in the editor. */
  onRun: () => void;
  /** The document changed (the recorded trace no longer matches it). */
  onChange: () => void;
  /** The breakpoints changed. */
  onBreakpoints: () => void;
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
          breakpointGutter,
          basicSetup,
          javascript(),
          marksField,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) options.onChange();
            if (update.transactions.some((tr) => tr.effects.some((e) => e.is(toggleBreakpoint)))) options.onBreakpoints();
          }),
        ],
      }),
    });
  }

  get text(): string { return this.view.state.doc.toString(); }

  set text(source: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: source } });
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

  /** The 1-based lines that carry a breakpoint. */
  breakpoints(): Set<number> {
    const lines = new Set<number>();
    const state = this.view.state;
    const cursor = state.field(breakpointField).iter();
    for (; cursor.value !== null; cursor.next()) lines.add(state.doc.lineAt(cursor.from).number);
    return lines;
  }

  /** Toggles the breakpoint on a 1-based line. */
  toggleBreakpoint(line: number): void {
    const doc = this.view.state.doc;
    if (line >= 1 && line <= doc.lines) toggleAt(this.view, doc.line(line).from);
  }

  hasFocus(): boolean { return this.view.hasFocus; }
}
