// The `console` the CLI gives guest programs: a realm-side object (the realm's
// prototypes, the realm's functions) whose methods print like node's console,
// using node's util formatting (the CLI is node-only; src/vm stays portable).
import { formatWithOptions, inspect } from 'node:util';
import type { Realm } from '../realm/realm.js';
import { createBuiltinFunction } from '../realm/builtin.js';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  hasColors?(): boolean;
}

export interface ConsoleStreams {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Monotonic milliseconds, for console.time. */
  now(): number;
}

function wantsColors(stream: OutputStream): boolean {
  return stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors();
}

/** node's formatTime for console.timeEnd / timeLog: milliseconds with 3 decimals, or seconds past 1s. */
function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : `${ms.toFixed(3)}ms`;
}

/** Makes the console object for `realm`; install it as the global `console`. */
export function createConsole(realm: Realm, streams: ConsoleStreams): object {
  const { stdout, stderr } = streams;
  let indent = '';
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();

  const print = (stream: OutputStream, args: unknown[]): void => {
    let text = formatWithOptions({ colors: wantsColors(stream) }, ...args);
    if (indent !== '') text = text.replace(/^/gm, indent);
    stream.write(`${text}\n`);
  };
  const labelOf = (label: unknown): string => (label === undefined ? 'default' : String(label));

  const methods: [string, number, (...args: unknown[]) => void][] = [
    ['log', 0, (...args) => print(stdout, args)],
    ['info', 0, (...args) => print(stdout, args)],
    ['debug', 0, (...args) => print(stdout, args)],
    ['warn', 0, (...args) => print(stderr, args)],
    ['error', 0, (...args) => print(stderr, args)],
    ['dir', 0, (value, options) => {
      const depth = typeof options === 'object' && options !== null && 'depth' in options ? (options as { depth: number | null }).depth : 2;
      print(stdout, [inspect(value, { colors: wantsColors(stdout), depth })]);
    }],
    ['assert', 0, (condition, ...args) => {
      if (condition) return;
      if (typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift('Assertion failed');
      print(stderr, args);
    }],
    ['group', 0, (...args) => { if (args.length > 0) print(stdout, args); indent += '  '; }],
    ['groupCollapsed', 0, (...args) => { if (args.length > 0) print(stdout, args); indent += '  '; }],
    ['groupEnd', 0, () => { indent = indent.slice(0, -2); }],
    ['count', 0, (label) => {
      const l = labelOf(label);
      const n = (counts.get(l) ?? 0) + 1;
      counts.set(l, n);
      print(stdout, [`${l}: ${n}`]);
    }],
    ['countReset', 0, (label) => { counts.delete(labelOf(label)); }],
    ['time', 0, (label) => { timers.set(labelOf(label), streams.now()); }],
    ['timeLog', 0, (label, ...data) => {
      const l = labelOf(label);
      const start = timers.get(l);
      if (start === undefined) { print(stderr, [`Warning: No such label '${l}' for console.timeLog()`]); return; }
      print(stdout, [`${l}: ${formatDuration(streams.now() - start)}`, ...data]);
    }],
    ['timeEnd', 0, (label) => {
      const l = labelOf(label);
      const start = timers.get(l);
      if (start === undefined) { print(stderr, [`Warning: No such label '${l}' for console.timeEnd()`]); return; }
      timers.delete(l);
      print(stdout, [`${l}: ${formatDuration(streams.now() - start)}`]);
    }],
  ];

  const console = Object.create(realm.intrinsics.ObjectPrototype) as Record<string, unknown>;
  for (const [name, length, fn] of methods) {
    Object.defineProperty(console, name, {
      value: createBuiltinFunction(realm, fn, name, length), writable: true, enumerable: true, configurable: true,
    });
  }
  return console;
}
