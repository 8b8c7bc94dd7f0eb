// What a guest function retains beyond its properties, for vm.measureMemory's walk: the environments
// it closes over (their slots, `with` objects and eval-added vars), its [[HomeObject]], an arrow's
// `this`, and a class constructor's field initializers. Read only; nothing guest-defined is called.
import { functionStateOf } from './function-object.js';
import type { Env } from './environment.js';

/** The closure environments of `fn` (outermost last), or an empty list for a function the interpreter
 * did not make. */
export function closureEnvironments(fn: unknown): Env[] {
  const s = functionStateOf(fn);
  const out: Env[] = [];
  for (let e = s?.env ?? null; e !== null; e = e.parent) out.push(e);
  return out;
}

/** The values one environment holds. */
export function environmentValues(env: Env): unknown[] {
  const out: unknown[] = [...env.slots];
  if (env.withObject !== null) out.push(env.withObject);
  if (env.evalVars !== null) for (const v of env.evalVars.values()) out.push(v);
  return out;
}

/** The objects `fn`'s interpreter state retains other than through its environments. */
export function functionStateReferents(fn: unknown): unknown[] {
  const s = functionStateOf(fn);
  if (s === undefined) return [];
  const out: unknown[] = [];
  if (s.homeObject !== undefined) out.push(s.homeObject);
  if (s.thisFrame !== null) out.push(s.thisFrame.thisValue);
  if (s.fields !== null) for (const f of s.fields) out.push(f.initializer);
  return out;
}
