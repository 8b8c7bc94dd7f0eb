// The `vmjs` command: run a file or evaluate an expression in a fresh vmjs
// context, printing like node does.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import process from 'node:process';
import { setTimeout } from 'node:timers/promises';
import { constants, createContext, Script } from '../vm/index.js';
import { contextRecord } from '../vm/context.js';
import { createConsole, type OutputStream } from './console.js';
import { formatUncaught, formatUnhandledRejection } from './report.js';
import { thrownLocation } from '../vm/display-errors.js';
import { syntaxErrorLocation } from '../interpreter/script.js';
import { ModuleGraph } from './module-graph.js';
import { debugCommand } from './debug.js';
import { serve } from './serve.js';

const USAGE = `Usage: vmjs <command> [options]

Commands:
  vmjs run <file> [--timeout <ms>]   run a script file in a fresh context; a .mjs file (or any
                                     file with --module) runs as a module graph from disk
  vmjs eval <code> [--timeout <ms>]  evaluate code in a fresh context and print its completion value
  vmjs debug <file> [--step-limit <n>] [--timeout <ms>]
                                     record a run of a script, then step through it forwards and
                                     backwards from the keyboard (vmjs debug --help)
  vmjs serve [dir] [--port <n>]      serve the debugger page (dist/debugger/) on 127.0.0.1
  vmjs --help                        print this help
  vmjs --version                     print the version

The context has the ECMAScript builtins and a \`console\`. Errors are reported
like node's (file:line, the source line, then the error) with exit code 1, and
so is a promise rejected with no handler once the program has settled.
`;

/** Exit code for bad command-line usage (node uses 9, "Invalid Argument"). */
const EXIT_USAGE = 9;

interface Io { stdout: OutputStream; stderr: OutputStream }

function version(): string {
  // dist/esm/cli/main.js → the package root.
  const pkg = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

interface Parsed { command: 'run' | 'eval'; operand: string; timeout: number | undefined; module: boolean }

function parseArgs(argv: string[]): Parsed | string {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'eval') return command === undefined ? 'missing command' : `unknown command '${command}'`;
  let operand: string | undefined;
  let timeout: number | undefined;
  let module = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    let value: string | undefined;
    if (arg === '--module' && command === 'run') {
      module = true;
      continue;
    } else if (arg === '--timeout') {
      value = rest[++i];
      if (value === undefined) return '--timeout needs a value (milliseconds)';
    } else if (arg.startsWith('--timeout=')) {
      value = arg.slice('--timeout='.length);
    } else if (operand === undefined && (!arg.startsWith('--') || command === 'eval')) {
      operand = arg;
      continue;
    } else {
      return `unexpected argument '${arg}'`;
    }
    if (!/^\d+$/.test(value)) return `--timeout expects a positive integer (milliseconds), got '${value}'`;
    timeout = Number(value);
  }
  if (operand === undefined) return command === 'run' ? 'run needs a file' : 'eval needs code';
  return { command, operand, timeout, module };
}

/** The fresh context a program runs in: an ordinary global with the builtins and `console`. Its
 * unhandled rejections are collected in `rejections`. */
function freshContext(io: Io, rejections: unknown[]): Record<PropertyKey, unknown> {
  const context = createContext(constants.DONT_CONTEXTIFY, { onUnhandledRejection: (reason: unknown) => { rejections.push(reason); } });
  const { realm } = contextRecord(context)!;
  const start = process.hrtime.bigint();
  const console = createConsole(realm, {
    ...io,
    now: () => Number(process.hrtime.bigint() - start) / 1e6,
  });
  Object.defineProperty(realm.globalObject, 'console', { value: console, writable: true, enumerable: false, configurable: true });
  return context;
}

/** One host task later: every microtask (and so every guest job) queued before it has run. */
const nextTask = (): Promise<void> => setTimeout(0);

async function runCode(source: string, filename: string, timeout: number | undefined, io: Io, printResult: boolean): Promise<number> {
  const rejections: unknown[] = [];
  try {
    const context = freshContext(io, rejections);
    const script = new Script(source, { filename });
    // The report prints the location itself, as node's does: the stack stays undecorated.
    const result = script.runInContext(context, timeout === undefined ? { displayErrors: false } : { timeout, displayErrors: false });
    if (printResult) {
      const colors = io.stdout.isTTY === true && typeof io.stdout.hasColors === 'function' && io.stdout.hasColors();
      io.stdout.write(`${inspect(result, { colors })}\n`);
    }
  } catch (e) {
    io.stderr.write(formatUncaught(e, thrownLocation(e, source)));
    return 1;
  }
  // The program's jobs run at the host's microtask checkpoints; the tracker reports what is still
  // unhandled in a later task, scheduled at the first rejection, so possibly after our first wait.
  // The context has no timers of its own, so after two tasks the program has settled.
  await nextTask();
  await nextTask();
  if (rejections.length === 0) return 0;
  // Like node, which stops at the first one.
  io.stderr.write(formatUnhandledRejection(rejections[0], thrownLocation(rejections[0], source)));
  return 1;
}

/** Runs a module graph from disk; an uncaught error (or a missing file) is reported naming its file. */
async function runModule(filename: string, timeout: number | undefined, io: Io): Promise<number> {
  let graph: ModuleGraph | null = null;
  const rejections: unknown[] = [];
  const sourceOf = (e: unknown): string | undefined => {
    const file = syntaxErrorLocation(e)?.filename;
    return file === undefined ? undefined : graph?.sources.get(file);
  };
  try {
    const context = freshContext(io, rejections);
    graph = new ModuleGraph(context);
    const main = graph.load(filename, null);
    await graph.link(main);
    await main.evaluate(timeout === undefined ? {} : { timeout });
  } catch (e) {
    io.stderr.write(formatUncaught(e, thrownLocation(e, sourceOf(e))));
    return 1;
  }
  // As for a script: the program has settled two host tasks later; report the first unhandled rejection.
  await nextTask();
  await nextTask();
  if (rejections.length === 0) return 0;
  io.stderr.write(formatUnhandledRejection(rejections[0], thrownLocation(rejections[0], sourceOf(rejections[0]))));
  return 1;
}

/** Runs the CLI with `argv` (the arguments after the program name); resolves to the exit code. */
export async function main(argv: string[], io: Io = process): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') { io.stdout.write(USAGE); return 0; }
  if (argv[0] === '--version' || argv[0] === '-v') { io.stdout.write(`${version()}\n`); return 0; }
  if (argv[0] === 'debug') return debugCommand(argv.slice(1), io);
  if (argv[0] === 'serve') return serve(argv.slice(1), io);
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr.write(`vmjs: ${parsed}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.command === 'eval') return runCode(parsed.operand, '[eval]', parsed.timeout, io, true);
  const filename = resolve(parsed.operand);
  if (parsed.module || filename.endsWith('.mjs')) return runModule(filename, parsed.timeout, io);
  let source: string;
  try {
    source = readFileSync(filename, 'utf8');
  } catch (e) {
    io.stderr.write(`vmjs: cannot read ${filename}: ${(e as Error).message}\n`);
    return 1;
  }
  return runCode(source, filename, parsed.timeout, io, false);
}
