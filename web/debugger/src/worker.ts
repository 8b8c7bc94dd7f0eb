// The module worker that runs vmjs: it records the program with vm.debug and posts the trace's data
// back. Guest programs never run as page code, and a long run never freezes the tab (the page can
// terminate this worker).
import vm from '../../../src/index.js';
import type { RunReply, RunRequest } from './protocol.js';

/** A run that outlasts this is ended by vmjs (completion 'timeout'); the page's Stop ends it sooner. */
const TIMEOUT_MS = 30_000;

interface WorkerScope {
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  postMessage(message: RunReply): void;
}
const scope = self as unknown as WorkerScope;

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { name?: unknown; message?: unknown };
    return `${String(e.name ?? 'Error')}: ${String(e.message)}`;
  }
  return String(error);
}

function record(request: RunRequest): RunReply {
  try {
    // No context given: vm.debug makes a fresh one whose promise jobs run before the recording ends.
    const trace = vm.debug(request.source, undefined, { stepLimit: request.stepLimit, filename: 'program.js', timeout: TIMEOUT_MS });
    return { type: 'trace', data: trace.data };
  } catch (error) {
    // The program could not be recorded at all: a SyntaxError (a thrown guest error is in the trace).
    return { type: 'failure', message: describe(error) };
  }
}

scope.onmessage = (event) => {
  scope.postMessage(record(event.data));
};
