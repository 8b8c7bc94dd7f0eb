// The module worker that runs vmjs: it records the program with vm.debug and posts the trace back.
// Guest programs never run as page code, and a long run never freezes the tab (the page can
// terminate this worker).
import vm from '../../../src/index.js';
import type { TraceData } from '../../../src/debug/trace-types.js';
import type { RunReply, RunRequest } from './protocol.js';

interface DebugOptions { stepLimit?: number; filename?: string }
type Debug = (source: string, context: object, options?: DebugOptions) => { data: TraceData };

interface WorkerScope {
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  postMessage(message: RunReply): void;
}
const scope = self as unknown as WorkerScope;

function describe(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { name?: unknown; message?: unknown };
    return `${String(e.name ?? 'Error')}: ${String(e.message)}`;
  }
  return String(error);
}

function record(request: RunRequest): RunReply {
  const debug = (vm as unknown as { debug?: Debug }).debug;
  if (typeof debug !== 'function') {
    return { type: 'failure', message: 'This vmjs build has no vm.debug (the recorder): the page cannot record a run.' };
  }
  try {
    const trace = debug(request.source, vm.createContext(), { stepLimit: request.stepLimit, filename: 'program.js' });
    return { type: 'trace', data: trace.data };
  } catch (error) {
    return { type: 'failure', message: describe(error) };
  }
}

scope.onmessage = (event) => {
  scope.postMessage(record(event.data));
};
