// A Realm (ECMA-262 §9.3): one per context, with its own intrinsics and global
// object (BRIEF decisions 2 and 3). The host realm (runInThisContext) uses the
// host's own intrinsics and globalThis.
import { captureStack, stackValue } from './stack-trace.js';
import { markErrorData } from './error-data.js';
import { agent, type Agent } from './agent.js';
import { agentJobQueue, type JobQueue } from './job-queue.js';
import type { UnhandledRejectionHandler } from './rejection-tracker.js';
import type { Membrane } from './membrane.js';
import type { RetainedAccount } from './retained-memory.js';

/** The intrinsics the interpreter itself reaches for. Builtin tables may add more under other names. */
export interface Intrinsics {
  ObjectPrototype: object;
  FunctionPrototype: object;
  ArrayPrototype: object;
  StringPrototype: object;
  NumberPrototype: object;
  BooleanPrototype: object;
  SymbolPrototype: object;
  BigIntPrototype: object;
  ErrorPrototype: object;
  IteratorPrototype: object;
  ArrayIteratorPrototype: object;
  /** %GeneratorFunction.prototype% — the [[Prototype]] of generator function objects. */
  GeneratorFunctionPrototype: object;
  /** %GeneratorFunction.prototype.prototype% — the [[Prototype]] of generator objects. */
  GeneratorPrototype: object;
  /** %ThrowTypeError% */
  ThrowTypeError: Function;
  Object: Function;
  Function: Function;
  Array: Function;
  Error: Function;
  TypeError: Function;
  RangeError: Function;
  ReferenceError: Function;
  SyntaxError: Function;
  EvalError: Function;
  URIError: Function;
  AggregateError: Function;
  eval: Function;
  [name: string]: object | undefined;
}

export type NativeErrorName = 'Error' | 'TypeError' | 'RangeError' | 'ReferenceError' | 'SyntaxError' | 'EvalError' | 'URIError';

/** A binding of the global declarative environment (top-level let/const/class). */
export interface GlobalLexicalBinding {
  value: unknown;
  readonly mutable: boolean;
  initialized: boolean;
}

export class Realm {
  readonly agent: Agent = agent;
  /** Filled by installIntrinsics (src/realm/intrinsics.ts) or, for the host realm, from the host. */
  intrinsics!: Intrinsics;
  /** The realm's own global object, holding its builtins (`Array`, `Math`, `globalThis`…). */
  globalObject!: Record<PropertyKey, unknown>;
  /** What guest code sees as `globalThis` and top-level `this`. Equal to globalObject unless contextified. */
  globalThisValue!: object;
  /** The contextified object (vm.createContext's argument): global var/function declarations and
   * assignments to undeclared names land here, and global reads look here first. Null for a realm
   * whose global object is its own. */
  sandbox: Record<PropertyKey, unknown> | null = null;
  /** The global declarative environment record's bindings (§9.1.1.4). */
  readonly globalLexicals = new Map<string, GlobalLexicalBinding>();
  /** [[TemplateMap]] (§9.3): template objects per tagged-template site. */
  readonly templateMap = new Map<object, unknown[]>();
  /** True for the realm whose intrinsics are the host's own (vm.runInThisContext). */
  readonly isHost: boolean;
  /** Where HostEnqueuePromiseJob puts this realm's promise jobs: the agent-wide queue drained at the
   * host's microtask checkpoint, unless the embedder gave the realm its own (afterEvaluate contexts). */
  jobQueue: JobQueue = agentJobQueue;
  /** Told about this realm's promises rejected with no handler (src/realm/rejection-tracker.ts);
   * null: nobody listens, and nothing is tracked. */
  onUnhandledRejection: UnhandledRejectionHandler | null = null;
  /** The membrane between this realm and the host (src/realm/membrane.ts), made on first use. */
  membrane: Membrane | null = null;
  /** For the realm of a ShadowRealm: the realm whose code created it. Its embedder (module loading,
   * vm's context record) is that realm's, found by following this to a realm that has none. */
  creatorRealm: Realm | null = null;
  /** Embedder data (e.g. vm's context object); never reachable from guest code. */
  hostDefined: unknown = undefined;
  /** Whether the embedder lets this realm compile strings into code (vm's `codeGeneration.strings`):
   * HostEnsureCanCompileStrings reads it. */
  canCompileStrings = true;
  /** [[CanBlock]] as this realm's code sees it (AgentCanSuspend, §9.7.1): whether Atomics.wait may block
   * the host thread. vmjs contexts share their thread's agent, so the embedder says it per context
   * (createContext's vmjs option `canBlock`); false by default, as on a browser's main thread. */
  canBlock = false;
  /** The allocation budget in bytes of each run of this realm's code, its jobs included (vm's
   * `memoryLimit`, a vmjs option; Infinity: none). See Agent.allocated. */
  memoryLimit = Infinity;
  /** The bound on what this realm's guest retains across runs, kept while `memoryLimit` is set
   * (src/realm/retained-memory.ts); null until its first run. */
  retained: RetainedAccount | null = null;
  /** The timeout in ms of every entry into this realm's code from the host while no run is active (a
   * guest function, getter or callback the embedder calls, a generator it resumes, a promise job of the
   * host's checkpoint): vm's `timeout` option of createContext, a vmjs extension. undefined: none. */
  entryTimeout: number | undefined = undefined;

  constructor(isHost: boolean) {
    this.isHost = isHost;
  }

  /** A new error of the given native type, created in this realm (an instance of its constructor). */
  newError(type: NativeErrorName, message: string): Error {
    const ctor = this.intrinsics[type] as Function;
    // Not Reflect.construct(HostError, [message], ctor): with a new.target that is not on the stack, V8
    // walks the whole stack looking for it while capturing the trace (measured 0.7 ms at depth 5000).
    if (this.isHost) {
      // The main context: V8's trace would be the evaluator's host frames; the interpreted ones are
      // given instead, as the own data property V8 makes (nothing can rename this error before then).
      const h = newHostErrorWithoutTrace(message);
      Object.setPrototypeOf(h, (ctor as { prototype: object }).prototype);
      captureStack(this, h);
      Object.defineProperty(h, 'stack', { value: stackValue(h), writable: true, enumerable: false, configurable: true });
      return h;
    }
    const e = newErrorWithoutStack(message);
    Object.setPrototypeOf(e, (ctor as { prototype: object }).prototype);
    captureStack(this, e);
    return e;
  }

  throwTypeError(message: string): never { throw this.newError('TypeError', message); }
  throwRangeError(message: string): never { throw this.newError('RangeError', message); }
  throwReferenceError(message: string): never { throw this.newError('ReferenceError', message); }
  throwSyntaxError(message: string): never { throw this.newError('SyntaxError', message); }
}

/** HostEnsureCanCompileStrings (§19.2.1.2, sec-hostensurecancompilestrings), as V8 implements it for
 * a context whose embedder disallows code generation from strings: the callee realm's EvalError. V8
 * asks before looking at the argument, so every call of eval throws there, even `eval(1)`. */
export function HostEnsureCanCompileStrings(calleeRealm: Realm): void {
  if (!calleeRealm.canCompileStrings) throw calleeRealm.newError('EvalError', 'Code generation from strings disallowed for this context');
}

const HostError = Error;

// V8 captures Error.stackTraceLimit host frames for every error made (mocha sets the limit to
// Infinity; then each realm error cost O(host stack depth), and a catch-and-retry storm at the stack's
// end took seconds). A realm error's trace would only show host frames of the interpreter, so it is
// made with none; only where the host lets the limit be written.
const limitWritable = (() => {
  const d = Object.getOwnPropertyDescriptor(HostError, 'stackTraceLimit');
  return d !== undefined && d.writable === true;
})();

/** A host Error object (with [[ErrorData]], recorded in error-data.ts) whose creation captured no host
 * stack frames. */
export function newHostErrorWithoutTrace(message?: string): Error {
  if (!limitWritable) {
    const e = new HostError(message);
    markErrorData(e);
    return e;
  }
  const E = HostError as { stackTraceLimit?: number };
  const saved = E.stackTraceLimit;
  E.stackTraceLimit = 0;
  try {
    const e = new HostError(message);
    markErrorData(e);
    return e;
  } finally {
    E.stackTraceLimit = saved;
  }
}

/** A host Error object (with [[ErrorData]], recorded in error-data.ts) with no own `stack`: the error of
 * a realm, which inherits Error.prototype.stack (builtins/error.ts). The host makes no trace for it (a
 * non-number limit is cheaper for V8 than 0) and its own `stack` property, which V8 and JavaScriptCore
 * give every error, is deleted. */
export function newErrorWithoutStack(message?: string): Error {
  let e: Error;
  if (!limitWritable) {
    e = new HostError(message);
  } else {
    const E = HostError as { stackTraceLimit?: number };
    const saved = E.stackTraceLimit;
    E.stackTraceLimit = undefined;
    try {
      e = new HostError(message);
    } finally {
      E.stackTraceLimit = saved;
    }
  }
  delete (e as { stack?: unknown }).stack;
  markErrorData(e);
  return e;
}
