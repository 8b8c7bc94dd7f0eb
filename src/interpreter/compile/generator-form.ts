// The generator form everywhere: a preparation switch for vmjs's own tools, not a public option.
// Async code runs the generator form on every path that reaches an `await`, so that form must be as
// correct as the synchronous one for every construct, not only for those today's generators reach.
// With the switch on, every body (scripts, eval code, every function) is prepared in the generator
// form for every node; the test262 runner's --generator-form runs the language tests that way, and CI
// checks that they pass as they do in the normal preparation.
import type { Frame } from '../runtime/frame.js';

export const generatorForm = { everywhere: false };

/** Turns the switch on or off for everything prepared from now on (already prepared code keeps its form). */
export function setGeneratorFormEverywhere(on: boolean): void {
  generatorForm.everywhere = on;
}

/** A generator-form body with no suspension point, run to its end as a synchronous body is. */
export function driven<T>(body: (f: Frame) => Generator<unknown, T, unknown>): (f: Frame) => T {
  const run = (f: Frame): T => {
    const r = body(f).next();
    if (r.done !== true) throw new Error('vmjs internal error: a body with no suspension point suspended');
    return r.value;
  };
  drivenBodies.add(run);
  return run;
}

const drivenBodies = new WeakSet<Function>();

/** Whether a prepared body is a driven generator-form one (for the tests of the switch itself). */
export function isDrivenBody(body: Function): boolean {
  return drivenBodies.has(body);
}
