// A guest function a builtin calls once per element (Array.prototype.forEach's callback, sort's
// comparator, …), entered the way the compiled tier's call sites enter a callee: without the host
// wrapper, its `arguments` object and a second pass through invoke. The realm's builtins reach it
// through the evaluator hooks (src/realm/evaluator-hooks.ts: `repeatedGuestCall`).
//
// Each call is [[Call]] (§10.2.1, sec-ecmascript-function-objects-call-thisargument-argumentslist)
// as invoke runs it: a body with a direct entry (tier/compile-to-host.ts) is entered through it (the
// entry counts the step, checks the depth, pushes the Frame, binds `this`, records a thrown value's
// location and answers host code calling, as invoke does), every other body through invoke with the
// arguments as a list. The wrapper's only work on a call is to pass `this` (none for an arrow) and its
// arguments to invoke; a class constructor's wrapper throws, so classes are not taken here.
import { directCallState, invoke, type FunctionState } from './function-object.js';
import { currentFrame } from './call-stack.js';
import type { Frame } from './frame.js';
import type { RepeatedCall } from '../../realm/evaluator-hooks.js';

class RepeatedGuestCall implements RepeatedCall {
  /** The function's parameter count: an entry is called with exactly its parameters (a call with more
   * arguments than a host function declares measured slower in V8). */
  private readonly arity: number;

  constructor(
    private readonly s: FunctionState,
    private readonly thisArg: unknown,
    /** The running guest frame where the builtin runs: the caller of every call it makes (the calls
     * return to that depth, so invoke's walk of agent.top finds this frame each time). */
    private readonly caller: Frame | null,
  ) {
    this.arity = s.template.node.params.length;
  }

  call2(a: unknown, b: unknown): unknown {
    const s = this.s;
    const e = s.template.directEntry;
    if (e === null) return invoke(s, this.thisArg, [a, b], undefined);
    switch (this.arity) {
      case 0: return e(s, this.caller, this.thisArg, undefined);
      case 1: return e(s, this.caller, this.thisArg, undefined, a);
      default: return e(s, this.caller, this.thisArg, undefined, a, b);
    }
  }

  call3(a: unknown, b: unknown, c: unknown): unknown {
    const s = this.s;
    const e = s.template.directEntry;
    if (e === null) return invoke(s, this.thisArg, [a, b, c], undefined);
    switch (this.arity) {
      case 0: return e(s, this.caller, this.thisArg, undefined);
      case 1: return e(s, this.caller, this.thisArg, undefined, a);
      case 2: return e(s, this.caller, this.thisArg, undefined, a, b);
      default: return e(s, this.caller, this.thisArg, undefined, a, b, c);
    }
  }

  call4(a: unknown, b: unknown, c: unknown, d: unknown): unknown {
    const s = this.s;
    const e = s.template.directEntry;
    if (e === null) return invoke(s, this.thisArg, [a, b, c, d], undefined);
    switch (this.arity) {
      case 0: return e(s, this.caller, this.thisArg, undefined);
      case 1: return e(s, this.caller, this.thisArg, undefined, a);
      case 2: return e(s, this.caller, this.thisArg, undefined, a, b);
      case 3: return e(s, this.caller, this.thisArg, undefined, a, b, c);
      default: return e(s, this.caller, this.thisArg, undefined, a, b, c, d);
    }
  }
}

/** The calls of interpreted function `F` with `thisArg` (an arrow's wrapper passes no `this`), or null
 * when `F` is not one the wrapper would hand straight to invoke. */
export function repeatedGuestCall(F: Function, thisArg: unknown): RepeatedCall | null {
  const s = directCallState(F);
  if (s === null) return null;
  return new RepeatedGuestCall(s, s.template.isArrow ? undefined : thisArg, currentFrame());
}
