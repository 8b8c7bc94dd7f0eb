// `vmjs debug <file>`: records the program with vm.debug, then steps through the trace from the
// keyboard (node:readline). Every command is navigation in the recording: nothing runs again, so
// going back is as cheap as going forwards.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import process from 'node:process';
import { debug } from '../vm/debug.js';
import type { Breakpoint, Trace } from '../debug/trace.js';
import type { StepView, ValueView } from '../debug/trace-types.js';

export const DEBUG_USAGE = `Usage: vmjs debug <file> [--step-limit <n>] [--timeout <ms>]

Records a run of <file> (a script, not a module) in a fresh context, then lets you step through
the recording forwards and backwards. Nothing runs again while you step: the
program ran once, to its end, its step limit (default 10000) or its timeout.

Commands (an empty line repeats the last one):
  n, next           step over: the next step in this frame or a caller
  s, step           step into: the very next step (into calls)
  b, back           step back: the previous step
  bn, back-next     step back over calls
  o, out            step out of the current function
  c, continue       run forwards to the next breakpoint (or the end)
  rc                reverse continue: back to the previous breakpoint (or the start)
  break N [if E]    a breakpoint on line N, optionally only where expression E holds
                    (E sees the recorded bindings of the frame, e.g. break 3 if n === 1)
  delete N          delete breakpoint number N (as 'break' with no line lists them)
  p PATH            print a recorded value: a binding or a property path (p point.x, p items[2]);
                    another expression is evaluated over the recorded values (p n * 2)
  bt, frames        the call stack
  locals            the scopes of the current frame and their bindings
  list              the source around the current line
  history           the steps you stopped at
  goto N            go to step N
  help              this help
  q, quit           leave
`;

interface Io {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

interface Parsed { file: string; stepLimit: number | undefined; timeout: number | undefined }

function parseDebugArgs(argv: string[]): Parsed | string {
  let file: string | undefined;
  let stepLimit: number | undefined;
  let timeout: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--step-limit' || name === '--timeout') {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || !/^[1-9]\d*$/.test(value)) return `${name} expects a positive integer`;
      if (name === '--step-limit') stepLimit = Number(value); else timeout = Number(value);
    } else if (file === undefined && !arg.startsWith('--')) {
      file = arg;
    } else {
      return `unexpected argument '${arg}'`;
    }
  }
  if (file === undefined) return 'debug needs a file';
  return { file, stepLimit, timeout };
}

/** `vmjs debug …`: resolves to the exit code. */
export async function debugCommand(argv: string[], io: Io = process, input: { isTTY?: boolean } = process.stdin): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { io.stdout.write(DEBUG_USAGE); return 0; }
  const parsed = parseDebugArgs(argv);
  if (typeof parsed === 'string') { io.stderr.write(`vmjs debug: ${parsed}\n\n${DEBUG_USAGE}`); return 9; }
  if (parsed.file.endsWith('.mjs')) {
    io.stderr.write('vmjs debug: modules cannot be debugged yet: the debugger records scripts (use a .js file without import/export)\n');
    return 1;
  }
  let source: string;
  try {
    source = readFileSync(parsed.file, 'utf8');
  } catch (e) {
    io.stderr.write(`vmjs debug: cannot read ${parsed.file}: ${(e as Error).message}\n`);
    return 1;
  }
  let trace: Trace;
  try {
    trace = debug(source, undefined, {
      filename: parsed.file,
      ...(parsed.stepLimit !== undefined ? { stepLimit: parsed.stepLimit } : {}),
      ...(parsed.timeout !== undefined ? { timeout: parsed.timeout } : {}),
    });
  } catch (e) {
    io.stderr.write(`${parsed.file}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
    return 1;
  }
  const session = new Session(trace, source.split(/\r?\n/), io);
  session.start();
  const rl = createInterface({ input, output: io.stdout, prompt: '(vmjs) ', terminal: input.isTTY === true });
  rl.prompt();
  for await (const line of rl) {
    if (!session.command(line)) break;
    rl.prompt();
  }
  rl.close();
  return 0;
}

/** The stepper's state: where we are, the breakpoints, the stops so far. */
export class Session {
  private at = 0;
  private readonly breakpoints: Breakpoint[] = [];
  private readonly history: number[] = [];
  private last = 'n';

  constructor(private readonly trace: Trace, private readonly lines: string[], private readonly io: Io) {}

  private say(text: string): void { this.io.stdout.write(`${text}\n`); }

  start(): void {
    const t = this.trace;
    const c = t.completion;
    const how = c.type === 'normal' ? `completed with ${this.text(t.steps - 1, c.value)}`
      : c.type === 'throw' ? `threw ${c.text}`
      : c.type === 'truncated' ? `stopped at the step limit (${t.data.stepLimit} steps)` : `timed out (${c.text})`;
    this.say(`Recorded ${t.steps} steps; the program ${how}. Type 'help' for commands.`);
    this.stop(0, true);
  }

  /** Runs one command line; false to quit. */
  command(input: string): boolean {
    let line = input.trim();
    if (line === '') line = this.last; else this.last = line;
    const [cmd = '', ...rest] = line.split(/\s+/);
    const arg = line.slice(cmd.length).trim();
    const t = this.trace;
    switch (cmd) {
      case 'n': case 'next': this.stop(t.stepOver(this.at)); break;
      case 's': case 'step': this.stop(t.next(this.at)); break;
      case 'b': case 'back': this.stop(t.previous(this.at)); break;
      case 'bn': case 'back-next': this.stop(t.stepBackOver(this.at)); break;
      case 'o': case 'out': this.stop(t.stepOut(this.at)); break;
      case 'c': case 'continue': this.stop(t.continue(this.at, this.breakpoints)); break;
      case 'rc': case 'reverse-continue': this.stop(t.reverseContinue(this.at, this.breakpoints)); break;
      case 'break': this.addBreakpoint(arg); break;
      case 'delete': {
        const n = Number(rest[0]);
        if (!Number.isInteger(n) || n < 1 || n > this.breakpoints.length) this.say(`No breakpoint ${rest[0] ?? ''}`.trimEnd());
        else { const [bp] = this.breakpoints.splice(n - 1, 1); this.say(`Deleted breakpoint ${n} (line ${bp!.line})`); }
        break;
      }
      case 'p': case 'print': this.print(arg); break;
      case 'bt': case 'frames': case 'backtrace': this.frames(); break;
      case 'locals': this.locals(); break;
      case 'list': case 'l': this.list(this.trace.stepAt(this.at).span.line, 5); break;
      case 'history': this.say(this.history.map((i) => `${i}: line ${this.trace.stepAt(i).span.line} ${this.trace.stepAt(i).kind}`).join('\n')); break;
      case 'goto': {
        const n = Number(rest[0]);
        if (!Number.isInteger(n) || n < 0 || n >= t.steps) this.say(`goto needs a step number from 0 to ${t.steps - 1}`);
        else this.stop(n);
        break;
      }
      case 'help': case 'h': case '?': this.io.stdout.write(DEBUG_USAGE); break;
      case 'q': case 'quit': case 'exit': return false;
      default: this.say(`Unknown command '${cmd}'. Type 'help' for commands.`);
    }
    return true;
  }

  private addBreakpoint(arg: string): void {
    if (arg === '') {
      if (this.breakpoints.length === 0) this.say('No breakpoints.');
      this.breakpoints.forEach((b, i) => this.say(`${i + 1}: line ${b.line}${b.condition !== undefined ? ` if ${b.condition}` : ''}`));
      return;
    }
    const m = /^(\d+)(?:\s+if\s+(.+))?$/.exec(arg);
    if (m === null) { this.say('Usage: break LINE [if EXPRESSION]'); return; }
    const bp: Breakpoint = { line: Number(m[1]) };
    if (m[2] !== undefined) bp.condition = m[2];
    this.breakpoints.push(bp);
    this.say(`Breakpoint ${this.breakpoints.length} at line ${bp.line}${bp.condition !== undefined ? ` if ${bp.condition}` : ''}`);
  }

  private text(i: number, v: ValueView): string {
    return this.trace.format(i, v, 2);
  }

  /** Stops at step i: the location, the source line with a marker, and the output since the last stop. */
  private stop(i: number, first = false): void {
    const t = this.trace;
    const from = this.at;
    this.at = i;
    this.history.push(i);
    if (!first && i > from) for (let k = from + 1; k <= i; k++) for (const line of t.outputOf(k)) this.say(`[out] ${line}`);
    if (first) for (const line of t.outputOf(0)) this.say(`[out] ${line}`);
    const s = t.stepAt(i);
    const frame = s.stack[0]?.name ?? '(top level)';
    this.say(`[step ${i}/${t.steps - 1}] ${describeKind(s)} at ${s.span.file}:${s.span.line}:${s.span.column + 1} in ${frame}`);
    if (s.value !== undefined) this.say(`  ${valueLabel(s)} ${this.text(i, s.value)}`);
    this.list(s.span.line, 0);
    if (s.kind === 'end') {
      const c = t.completion;
      this.say(c.type === 'normal' ? '  The program ended.' : c.type === 'throw' ? `  Uncaught ${c.text}` : c.type === 'truncated' ? `  Stopped at the step limit (${t.data.stepLimit} steps).` : `  ${c.text}`);
    }
    if (i === from && !first) this.say('  (no other step in that direction)');
  }

  private list(line: number, around: number): void {
    const lo = Math.max(1, line - around);
    const hi = Math.min(this.lines.length, line + around);
    const width = String(hi).length;
    for (let n = lo; n <= hi; n++) this.say(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${this.lines[n - 1] ?? ''}`);
  }

  private frames(): void {
    const s = this.trace.stepAt(this.at);
    s.stack.forEach((f, k) => this.say(`${k === 0 ? '*' : ' '} #${k} ${f.name} at ${f.span.file}:${f.span.line}:${f.span.column + 1}`));
  }

  private locals(): void {
    const s = this.trace.stepAt(this.at);
    const frame = s.stack[0];
    if (frame === undefined) { this.say('No frame.'); return; }
    for (const scope of frame.scopes) {
      this.say(`${scope.kind}${scope.name !== undefined ? ` (${scope.name})` : ''}:`);
      if (scope.bindings.length === 0) this.say('  (none)');
      for (const b of scope.bindings) this.say(`  ${b.name} = ${this.text(this.at, b.value)}`);
    }
  }

  private print(path: string): void {
    if (path === '') { this.say('Usage: p NAME or p NAME.property[index]…'); return; }
    const v = this.trace.lookup(this.at, path);
    if (v !== undefined) { this.say(`${path} = ${this.text(this.at, v)}`); return; }
    // Not a binding or a property path: an expression over the recorded values (as conditions are).
    const r = this.trace.evaluate(this.at, path);
    this.say('text' in r ? `${path} = ${r.text}` : `${path}: ${r.error}`);
  }
}

function describeKind(s: StepView): string {
  switch (s.kind) {
    case 'statement': return 'statement';
    case 'call': return 'call';
    case 'return': return 'return';
    case 'exception': return 'exception';
    case 'await': return 'await';
    case 'yield': return 'yield';
    case 'end': return 'end';
  }
}

function valueLabel(s: StepView): string {
  return s.kind === 'return' ? 'returns' : s.kind === 'exception' ? 'throws' : s.kind === 'await' ? 'awaits' : s.kind === 'yield' ? 'yields' : 'value';
}
