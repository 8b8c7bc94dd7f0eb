// Messages between the runner's main thread and its worker threads.
import type { EngineName } from './engine.js';
import type { TestResult } from './result.js';

export interface WorkerConfig {
  engine: EngineName;
  test262Dir: string;
  /** feature → reason */
  unsupported: [string, string][];
  canBlock: boolean;
  timeout: number;
  /** Turn on vmjs's generator form everywhere before loading (--generator-form). */
  generatorForm: boolean;
  /** Run every regexp match on vmjs's own matcher (--regexp-own-matcher). */
  regexpOwnMatcher: boolean;
  /** Debug-compile every script, with a recorder that records nothing (--debug-hooks). */
  debugHooks: boolean;
  /** vmjs's compiled tier mode (--tier), or null for the engine's default. */
  tier: 'off' | 'on' | 'eager' | null;
}

export type ToWorker = { type: 'run'; id: number; file: string };

export type FromWorker =
  | { type: 'ready' }
  /** The worker cannot run any test (e.g. the engine does not load): the run stops. */
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: TestResult };
