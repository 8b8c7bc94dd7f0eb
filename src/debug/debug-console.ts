// The `console` a debugged program gets: the realm's object with the realm's functions, whose output
// (formatted as util.format would, src/debug/inspect-safe.ts) goes into the trace.
import type { Realm } from '../realm/realm.js';
import { createBuiltinFunction } from '../realm/builtin.js';
import { formatLog } from './inspect-safe.js';

export function createDebugConsole(realm: Realm, sink: (line: string) => void): object {
  const console = Object.create(realm.intrinsics.ObjectPrototype) as Record<string, unknown>;
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    const fn = createBuiltinFunction(realm, { [name](...args: unknown[]): undefined { sink(formatLog(args)); return undefined; } }[name]!, name, 0);
    Object.defineProperty(console, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  return console;
}
