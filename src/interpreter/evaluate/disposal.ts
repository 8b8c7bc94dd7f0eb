// Explicit resource management in the evaluator (ES2026 §14.3.1 `using` / `await using` declarations):
// a scope with such declarations keeps its Environment Record's [[DisposeCapability]] in a hidden slot
// (compile/scope.ts DISPOSE_CAPABILITY), a declaration adds each value to it (AddDisposableResource,
// before InitializeBinding), and the scope's end runs DisposeResources with the scope's completion.
// Only scopes that declare `using` get these forms, decided at preparation: others pay nothing.
// Generator form; the synchronous form is derived (there only sync-dispose resources exist, since an
// `await using` is a suspension point and its scope always runs in this form).
import type { Ev, Stmt } from './mode.js';
import { NORMAL, type Frame, type Signal } from '../runtime/frame.js';
import { agent, Termination } from '../../realm/agent.js';
import {
  AddDisposableResource, DisposeResourcesSync, NewDisposeCapability, type DisposeCapability, type DisposeHint,
} from '../../realm/abstract-ops/disposal.js';
import { catchValue } from '../runtime/catch-value.js';
// @gen-only
import { DisposeResources } from '../../realm/abstract-ops/disposal.js';
import { AWAIT } from '../runtime/async-function.js';
// @end-gen-only

/** InitializeReferencedBinding with a dispose hint (§9.1.1.1.2 InitializeBinding step 1): records `v`
 * in the running environment's DisposeCapability, made on first use. Throws before the binding is
 * initialized when `v` is not disposable. */
export function addDisposableResource(f: Frame, slot: number, v: unknown, hint: DisposeHint): void {
  const slots = f.env.slots;
  let capability = slots[slot] as DisposeCapability | undefined;
  if (capability === undefined) slots[slot] = capability = NewDisposeCapability();
  AddDisposableResource(f.realm, capability, v, hint);
}

/** DisposeResources (§7.5.7) of a scope's capability, each Await a suspension of the running body. */
function* disposeResources(f: Frame, capability: DisposeCapability, threw: boolean, thrown: unknown): Ev<void> {
  // @gen-only
  const steps = DisposeResources(f.realm, capability, threw, thrown);
  let r = steps.next();
  while (r.done !== true) {
    f.raw = r.value;
    let awaited: unknown;
    try {
      awaited = yield AWAIT;
    } catch (e) {
      if (e instanceof Termination || agent.terminating !== null) throw e;
      r = steps.throw(e);
      continue;
    }
    r = steps.next(awaited);
  }
  return;
  // @end-gen-only
  DisposeResourcesSync(f.realm, capability, threw, thrown);
}

/** Runs `body` in the environment it starts in, then disposes that environment's resources (slot
 * `slot`) with the body's completion: a Block's, a FunctionBody's or a module body's steps after their
 * StatementList, or the part of a for statement after its environment is made. A generator's return()
 * while suspended in `body` disposes too; a termination disposes nothing (no guest code runs). */
export function withDisposal(body: Stmt, slot: number): Stmt {
  return function* (f) {
    const env = f.env;
    let s: Signal = NORMAL;
    let completed = false, threw = false;
    try {
      s = yield* body(f);
      completed = true;
    } catch (e) {
      threw = true;
      if (e instanceof Termination || agent.terminating !== null) throw e;
      const capability = env.slots[slot] as DisposeCapability | undefined;
      if (capability === undefined) throw e;
      f.env = env;
      yield* disposeResources(f, capability, true, catchValue(f.realm, e));
    } finally {
      if (!completed && !threw && agent.terminating === null) {
        const capability = env.slots[slot] as DisposeCapability | undefined;
        f.env = env;
        if (capability !== undefined) yield* disposeResources(f, capability, false, undefined);
      }
    }
    const capability = env.slots[slot] as DisposeCapability | undefined;
    if (capability !== undefined) {
      f.env = env;
      yield* disposeResources(f, capability, false, undefined);
    }
    return s;
  };
}
