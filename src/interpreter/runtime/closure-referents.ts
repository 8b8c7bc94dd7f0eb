// What a guest function retains beyond its properties, for vm.measureMemory's walk: the environments
// it closes over (their slots, `with` objects and eval-added vars), its [[HomeObject]], an arrow's
// `this`, and a class constructor's field initializers. Read only; nothing guest-defined is called.
import { functionStateOf } from './function-object.js';
import type { Env } from './environment.js';
import type { Frame } from './frame.js';
import { generatorFrameOf } from './generator-object.js';
import { asyncGeneratorFrameOf } from './async-generator-object.js';
import { ELEMENT_BYTES, OBJECT_BYTES } from '../../realm/allocation.js';

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

/** The evaluator hook interpreterReferents (src/realm/evaluator-hooks.ts), for the retained-memory walk:
 * what `o` (an interpreted function, or a generator object's suspended frame) holds, pushed onto `out`;
 * environments are counted once (`seen`): a chain met again was walked whole already. */
export function interpreterReferents(o: object, seen: Set<object>, out: unknown[]): number {
  let env: Env | null;
  if (typeof o === 'function') {
    const s = functionStateOf(o);
    if (s === undefined) return -1;
    env = s.env;
    if (s.homeObject !== undefined) out.push(s.homeObject);
    if (s.thisFrame !== null) out.push(s.thisFrame.thisValue);
    if (s.fields !== null) for (const f of s.fields) out.push(f.initializer);
  } else {
    const f: Frame | undefined = generatorFrameOf(o) ?? asyncGeneratorFrameOf(o);
    if (f === undefined) return -1;
    env = f.env;
    out.push(f.thisValue, f.argumentsObject);
    for (let i = 0; i < f.args.length; i++) out.push(f.args[i]);
  }
  let bytes = 0;
  for (let e = env; e !== null; e = e.parent) {
    if (seen.has(e)) break;
    seen.add(e);
    const slots = e.slots;
    bytes += OBJECT_BYTES + ELEMENT_BYTES * slots.length;
    for (let i = 0; i < slots.length; i++) out.push(slots[i]);
    if (e.withObject !== null) out.push(e.withObject);
    if (e.evalVars !== null) for (const v of e.evalVars.values()) { bytes += ELEMENT_BYTES; out.push(v); }
  }
  return bytes;
}
