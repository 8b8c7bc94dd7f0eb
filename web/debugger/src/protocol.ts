// The messages between the page and the worker that runs vmjs (structured-cloneable data only).
import type { TraceData } from '../../../src/debug/trace-types.js';

export interface RunRequest { type: 'run'; source: string; stepLimit: number }

export type RunReply =
  | { type: 'trace'; data: TraceData }
  /** The program could not be recorded at all (a SyntaxError, or a vmjs without the recorder). */
  | { type: 'failure'; message: string };
