// Call(F, thisArg, «…») (§7.3.14, sec-call) of a callback a builtin calls once per element: made once
// per builtin call, before its loop. An interpreted function is entered without its host wrapper
// (the evaluator's `repeatedGuestCall`: no argument object, a compiled body's direct entry); any
// other callable (a builtin, a bound function, a Proxy, a host function) is called as a host call,
// which is [[Call]] for every one of them.
import { hooks, type RepeatedCall } from '../evaluator-hooks.js';
import { ReflectApply } from '../primordials.js';

type F2 = (a: unknown, b: unknown) => unknown;
type F3 = (a: unknown, b: unknown, c: unknown) => unknown;
type F4 = (a: unknown, b: unknown, c: unknown, d: unknown) => unknown;

/** Any callable, through a host call (a plain call when `this` is undefined: no argument list; `f` read
 * into a local first, so that the call is not a method call of this record). */
class HostRepeatedCall implements RepeatedCall {
  constructor(private readonly f: Function, private readonly thisArg: unknown) {}
  call2(a: unknown, b: unknown): unknown {
    const f = this.f;
    return this.thisArg === undefined ? (f as F2)(a, b) : ReflectApply(f, this.thisArg, [a, b]);
  }
  call3(a: unknown, b: unknown, c: unknown): unknown {
    const f = this.f;
    return this.thisArg === undefined ? (f as F3)(a, b, c) : ReflectApply(f, this.thisArg, [a, b, c]);
  }
  call4(a: unknown, b: unknown, c: unknown, d: unknown): unknown {
    const f = this.f;
    return this.thisArg === undefined ? (f as F4)(a, b, c, d) : ReflectApply(f, this.thisArg, [a, b, c, d]);
  }
}

/** The calls of callable `f` with `thisArg`, for a builtin's loop. */
export function repeatedCall(f: Function, thisArg: unknown): RepeatedCall {
  return hooks.repeatedGuestCall(f, thisArg) ?? new HostRepeatedCall(f, thisArg);
}

/** A host function calling `f` with `this` undefined and two arguments, for the host's own sort (its
 * comparator): an interpreted `f` entered as `repeatedCall` enters it; any other `f` itself. */
export function comparatorForHost(f: Function): Function {
  const r = hooks.repeatedGuestCall(f, undefined);
  return r === null ? f : (a: unknown, b: unknown): unknown => r.call2(a, b);
}

/** A host function standing for callable `f` called with `thisArg` and `arity` arguments by a host
 * method once per element (the host's typed-array forEach, reduce, …): an interpreted `f` is entered
 * as `repeatedCall` enters it (the `this` the host passes is `thisArg`, which it already holds); any
 * other value is returned as it is, for the host to call or refuse. */
export function callbackForHost(f: unknown, thisArg: unknown, arity: 3 | 4): unknown {
  if (typeof f !== 'function') return f;
  const r = hooks.repeatedGuestCall(f, thisArg);
  if (r === null) return f;
  return arity === 3
    ? (a: unknown, b: unknown, c: unknown): unknown => r.call3(a, b, c)
    : (a: unknown, b: unknown, c: unknown, d: unknown): unknown => r.call4(a, b, c, d);
}
