// A Frame is one activation of guest code (script, eval, or function call): what
// the compiled closures read besides their own captured, static data.
import type { Realm } from '../../realm/realm.js';
import type { Env } from './environment.js';
import type { FunctionState } from './function-object.js';
import type { PrivateEnv } from './private-names.js';
import type { SourceRecord } from '../compile/compile-context.js';

/** Statement completion signals (§6.2.4): statements return one of these; values travel in the Frame. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Signal = number;

/** What few frames need (script, eval and module code, generators, async functions, `arguments`,
 * a sloppy direct eval in a parameter list): kept off the Frame every call allocates. */
export class FrameExtra {
  /** The completion value of script/eval code (UpdateEmpty semantics, approximated by the last value). */
  completion: unknown = undefined;
  /** What the body passes its driver beside a marker it yields: a generator's raw inner result passed
   * through by `yield*` (RAW_RESULT, §27.5.3.7), or an await's operand (AWAIT, §27.7.5.3). */
  raw: unknown = undefined;
  /** The arguments object, once created. */
  argumentsObject: object | undefined = undefined;
  /** True while the function's parameter list is being evaluated (a direct eval there may not
   * declare `arguments`, §19.2.1.3). */
  inParameters = false;
  /** An async function's frame: the promise its body settles (async-stack.ts). */
  asyncResult: object | null = null;
  constructor(
    /** The source the running code was compiled from. */
    public source: SourceRecord | null,
    public strict: boolean,
  ) {}
}

// A function's frame gets its source and strictness from its template; the rest of FrameExtra is made
// when first written. Reading those fields is never on a hot path; writing `completion` (script code's
// expression statements) and `raw` (each await) costs one more load.
export class Frame {
  /** The running lexical environment. */
  env: Env;
  /** Target label of a pending BREAK/CONTINUE, or null for an unlabelled one. */
  label: string | null = null;
  /** The value of a pending RETURN. */
  retVal: unknown = undefined;
  /** The frame that owns `this`, `new.target`, `super` and `arguments`: itself, except in arrow
   * functions (and eval code), which see their enclosing function's. */
  thisFrame: Frame;
  /** Source offset of the statement being evaluated, or of the call in progress (calls set it before
   * calling): where an error that escapes the frame came from, and this frame's line in a stack trace. */
  pos = 0;
  /** Scratch: the this value of the call whose callee was just evaluated (see compileCallee). */
  calleeThis: unknown = undefined;
  /** The running PrivateEnvironment (§9.2): private names of the enclosing classes. */
  privateEnv: PrivateEnv | null = null;
  /** The rarely used fields (FrameExtra); null until one is written in a function's frame. */
  extra: FrameExtra | null;

  constructor(
    readonly realm: Realm,
    env: Env,
    /** The var environment: target of sloppy direct eval's var declarations; null at global level. */
    public varEnv: Env | null,
    /** `this`; UNINIT in a derived constructor before super(). */
    public thisValue: unknown,
    /** The running function, null for script and indirect-eval code. */
    readonly fn: FunctionState | null,
    readonly newTarget: unknown,
    readonly args: ArrayLike<unknown>,
    strict: boolean,
    /** The frame below this one on the guest call stack while this one runs (call-stack.ts): what an
     * error's stack is read from. Set on each entry (a resumed generator's may change). */
    public caller: Frame | null = null,
    /** The call depth this frame runs at (agent.depth): deeper than the agent's, it has returned. */
    public depth = 0,
  ) {
    this.env = env;
    this.thisFrame = this;
    this.extra = fn === null || fn.template.strict !== strict ? new FrameExtra(null, strict) : null;
  }

  /** This frame's FrameExtra, made on first use. */
  more(): FrameExtra {
    let x = this.extra;
    if (x === null) x = this.extra = new FrameExtra(this.fn!.template.source, this.fn!.template.strict);
    return x;
  }

  /** The source the running code was compiled from. */
  get source(): SourceRecord | null { const x = this.extra; return x !== null ? x.source : this.fn!.template.source; }
  set source(v: SourceRecord | null) { this.more().source = v; }
  get strict(): boolean { const x = this.extra; return x !== null ? x.strict : this.fn!.template.strict; }
  get completion(): unknown { const x = this.extra; return x !== null ? x.completion : undefined; }
  set completion(v: unknown) { this.more().completion = v; }
  get raw(): unknown { const x = this.extra; return x !== null ? x.raw : undefined; }
  set raw(v: unknown) { this.more().raw = v; }
  get argumentsObject(): object | undefined { const x = this.extra; return x !== null ? x.argumentsObject : undefined; }
  set argumentsObject(v: object | undefined) { this.more().argumentsObject = v; }
  get inParameters(): boolean { const x = this.extra; return x !== null ? x.inParameters : false; }
  set inParameters(v: boolean) { this.more().inParameters = v; }
  get asyncResult(): object | null { const x = this.extra; return x !== null ? x.asyncResult : null; }
  set asyncResult(v: object | null) { this.more().asyncResult = v; }
}
