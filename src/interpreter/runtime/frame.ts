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

export class Frame {
  /** The running lexical environment. */
  env: Env;
  /** The completion value of script/eval code (UpdateEmpty semantics, approximated by the last value). */
  completion: unknown = undefined;
  /** Target label of a pending BREAK/CONTINUE, or null for an unlabelled one. */
  label: string | null = null;
  /** The value of a pending RETURN. */
  retVal: unknown = undefined;
  /** The arguments object, once created. */
  argumentsObject: object | undefined = undefined;
  /** What the body passes its driver beside a marker it yields: a generator's raw inner result passed
   * through by `yield*` (RAW_RESULT, §27.5.3.7), or an await's operand (AWAIT, §27.7.5.3). */
  raw: unknown = undefined;
  /** The frame that owns `this`, `new.target`, `super` and `arguments`: itself, except in arrow
   * functions (and eval code), which see their enclosing function's. */
  thisFrame: Frame;
  /** Source offset of the statement being evaluated, or of the call in progress (calls set it before
   * calling): where an error that escapes the frame came from, and this frame's line in a stack trace. */
  pos = 0;
  /** The source the running code was compiled from. */
  source: SourceRecord | null = null;
  /** True while the function's parameter list is being evaluated (a direct eval there may not
   * declare `arguments`, §19.2.1.3). */
  inParameters = false;
  /** Scratch: the this value of the call whose callee was just evaluated (see compileCallee). */
  calleeThis: unknown = undefined;
  /** The running PrivateEnvironment (§9.2): private names of the enclosing classes. */
  privateEnv: PrivateEnv | null = null;

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
    readonly strict: boolean,
    /** The frame below this one on the guest call stack while this one runs (call-stack.ts): what an
     * error's stack is read from. Set on each entry (a resumed generator's may change). */
    public caller: Frame | null = null,
    /** The call depth this frame runs at (agent.depth): deeper than the agent's, it has returned. */
    public depth = 0,
  ) {
    this.env = env;
    this.thisFrame = this;
  }
}
