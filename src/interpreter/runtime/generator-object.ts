// Generator objects (§27.5): the guest generator body runs as a host generator
// (the evaluator's generator form); the generator object holds it and its state.
import type { Realm } from '../../realm/realm.js';
import type { Frame } from './frame.js';
import type { FunctionState } from './function-object.js';
import { agent } from '../../realm/agent.js';
import { RETURN } from './frame.js';
import { CreateIterResultObject } from '../../realm/abstract-ops/iterator-operations.js';
import { describeValue } from '../../realm/describe.js';
import { pushFrame } from './call-stack.js';

const { create } = Object;

/** A yield* passing an inner iterator's result object through unchanged yields this marker;
 * the result object waits in Frame.raw (§27.5.3.7 GeneratorYield of innerResult). */
export const RAW_RESULT = Symbol('vmjs.rawResult');

type State = 'suspendedStart' | 'suspendedYield' | 'executing' | 'completed';

class GeneratorRecord {
  state: State = 'suspendedStart';
  constructor(readonly realm: Realm, readonly frame: Frame, readonly body: Generator<unknown, number, unknown>) {}
}

const generators = new WeakMap<object, GeneratorRecord>();

export function createGeneratorObject(s: FunctionState, f: Frame, run: (f: Frame) => Generator<unknown, number, unknown>): object {
  const p = (s.fnObject as unknown as { prototype: unknown }).prototype;
  const proto = (typeof p === 'object' && p !== null) || typeof p === 'function' ? p as object : s.realm.intrinsics.GeneratorPrototype;
  const g = create(proto);
  generators.set(g, new GeneratorRecord(s.realm, f, run(f)));
  return g;
}

function validate(realm: Realm, g: unknown, method: string): GeneratorRecord {
  const r = typeof g === 'object' && g !== null ? generators.get(g) : undefined;
  if (r === undefined) realm.throwTypeError(`${method} method called on incompatible receiver ${describeValue(g)}`);
  if (r.state === 'executing') realm.throwTypeError('Generator is already running');
  return r;
}

function step(r: GeneratorRecord, kind: 'next' | 'throw' | 'return', value: unknown): IteratorResult<unknown> {
  r.state = 'executing';
  let res: IteratorResult<unknown, number>;
  const depth = agent.depth;
  if (++agent.depth > agent.maxDepth) { agent.depth--; r.state = 'suspendedYield'; throw r.realm.newError('RangeError', 'Maximum call stack size exceeded'); }
  pushFrame(r.frame);
  try {
    res = kind === 'next' ? r.body.next(value) : kind === 'throw' ? r.body.throw(value) : r.body.return(value as number);
  } catch (e) {
    r.state = 'completed';
    throw e;
  } finally {
    agent.depth = depth;
  }
  if (res.done) {
    r.state = 'completed';
    return CreateIterResultObject(r.realm, res.value === RETURN ? r.frame.retVal : undefined, true);
  }
  r.state = 'suspendedYield';
  if (res.value === RAW_RESULT) return r.frame.raw as IteratorResult<unknown>;
  return CreateIterResultObject(r.realm, res.value, false);
}

/** Whether `g` is a generator object the interpreter made. */
/** The frame of a generator object the interpreter made (its suspended activation), or undefined. */
export function generatorFrameOf(g: object): Frame | undefined {
  return generators.get(g)?.frame;
}

export function isGeneratorObject(g: unknown): boolean {
  return typeof g === 'object' && g !== null && generators.has(g);
}

/** GeneratorResume (§27.5.3.3). */
export function GeneratorResume(realm: Realm, g: unknown, value: unknown): IteratorResult<unknown> {
  const r = validate(realm, g, 'Generator.prototype.next');
  if (r.state === 'completed') return CreateIterResultObject(realm, undefined, true);
  return step(r, 'next', value);
}

/** GeneratorResumeAbrupt (§27.5.3.4). */
export function GeneratorResumeAbrupt(realm: Realm, g: unknown, kind: 'return' | 'throw', value: unknown): IteratorResult<unknown> {
  const r = validate(realm, g, kind === 'return' ? 'Generator.prototype.return' : 'Generator.prototype.throw');
  if (r.state === 'suspendedStart') {
    r.state = 'completed';
    r.body.return(0);
  }
  if (r.state === 'completed') {
    if (kind === 'throw') throw value;
    return CreateIterResultObject(realm, value, true);
  }
  if (kind === 'throw') return step(r, 'throw', value);
  // return: unwinds through the body's finally blocks, which may yield again.
  r.frame.retVal = value;
  return step(r, 'return', RETURN);
}
