// The interpreter's entry points for whole scripts: prepare once (parse + compile
// to closures), run many times in any realm (BRIEF decision 8).
import type { Realm } from '../realm/realm.js';

export interface ScriptSourceOptions {
  filename: string;
  lineOffset: number;
  columnOffset: number;
}

/** A parsed and prepared Script; reusable across runs and realms. */
export interface PreparedScript {
  readonly source: string;
  readonly options: ScriptSourceOptions;
}

export interface RunOptions {
  /** Milliseconds; the run ends with a Termination (thrown) once exceeded. */
  timeout?: number;
}

/** Parses and prepares `source` as a Script. Throws the host's SyntaxError on a parse or early error. */
export function prepareScript(source: string, options: ScriptSourceOptions): PreparedScript { throw new Error("vmjs internal: prepareScript is not wired yet"); }

/** ScriptEvaluation (§16.1.6): runs a prepared script in `realm`; returns its completion value.
 * Guest exceptions propagate as thrown values; a timeout throws a `Termination` (src/interpreter/agent.ts). */
export function runScript(script: PreparedScript, realm: Realm, options?: RunOptions): unknown { throw new Error("vmjs internal: runScript is not wired yet"); }
