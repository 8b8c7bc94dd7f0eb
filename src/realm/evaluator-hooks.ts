// What the realm's builtins need from the evaluator, in one record. The realm layer sits below the
// interpreter (the interpreter imports realms, never the reverse), yet some builtins must run
// interpreted code or read an interpreted function's state: the Function constructors, indirect
// eval, generator resumption, [[Realm]] of interpreted functions, arguments objects. The composition
// root (src/engine.ts) installs the interpreter's implementations here once; until it has, each
// hook throws, so a missing wire is loud instead of a silent fallback.
import type { Realm } from './realm.js';
import type { PromiseCapability } from './abstract-ops/promise-operations.js';

export type DynamicFunctionKind = 'normal' | 'generator' | 'async' | 'asyncGenerator';

/** Call(F, thisArg, «a, b, …») of one function with one `this`, made once by a builtin that calls it
 * once per element (a callback, a comparator): `call2`/`call3`/`call4` pass that many arguments. */
export interface RepeatedCall {
  call2(a: unknown, b: unknown): unknown;
  call3(a: unknown, b: unknown, c: unknown): unknown;
  call4(a: unknown, b: unknown, c: unknown, d: unknown): unknown;
}

export interface EvaluatorHooks {
  /** CreateDynamicFunction (§20.2.1.1.1): `args` are the constructor's arguments (params…, body). */
  CreateDynamicFunction(realm: Realm, newTarget: Function | undefined, kind: DynamicFunctionKind, args: readonly unknown[]): Function;
  /** PerformEval (§19.2.1.1) for an indirect eval in `realm`. */
  PerformIndirectEval(realm: Realm, x: unknown): unknown;
  /** PerformShadowRealmEval's parse and evaluation (ShadowRealm proposal §3.1.1, sec-performshadowrealmeval):
   * `sourceText` parsed as an indirect eval's Script (its early errors thrown as `callerRealm`'s
   * SyntaxError), then evaluated as indirect eval code of `evalRealm`. An abrupt evaluation is returned,
   * not thrown (a Termination is thrown): the caller turns it into its own TypeError. */
  PerformShadowRealmEval(callerRealm: Realm, evalRealm: Realm, sourceText: string): { normal: true; value: unknown } | { normal: false; error: unknown };
  /** HostLoadImportedModule for a realm referrer (ShadowRealmImportValue step 6): loads, links and
   * evaluates `specifier` for `realm` and settles `capability` with its namespace, or rejects it. */
  ImportModuleForRealm(realm: Realm, specifier: string, capability: PromiseCapability): void;
  /** The source text of an interpreted function (§20.2.3.5), or undefined for any other function. */
  functionSourceText(F: Function): string | undefined;
  /** GeneratorResume (§27.5.3.3). */
  GeneratorResume(realm: Realm, generator: unknown, value: unknown): IteratorResult<unknown>;
  /** GeneratorResumeAbrupt (§27.5.3.4). */
  GeneratorResumeAbrupt(realm: Realm, generator: unknown, kind: 'return' | 'throw', value: unknown): IteratorResult<unknown>;
  /** %AsyncGeneratorPrototype%.next / return / throw (§27.6.1.2–§27.6.1.4): enqueue the request and
   * resume the generator if it is suspended; always returns a promise of `realm`. */
  AsyncGeneratorRequest(realm: Realm, generator: unknown, kind: 'next' | 'return' | 'throw', value: unknown): object;
  /** Is `O` a generator object (async: an async generator object) the interpreter made? */
  isInterpretedGenerator(O: unknown, async: boolean): boolean;
  /** [[Realm]] of an interpreted function (for GetFunctionRealm, §7.3.24); undefined for others. */
  functionRealm(F: Function): Realm | undefined;
  /** Is `O` an arguments exotic or unmapped arguments object ([[ParameterMap]], §10.4.4)? */
  isArgumentsObject(O: unknown): boolean;
  /** What the interpreter holds for `O` beyond its properties, for the retained-memory walk
   * (retained-memory.ts): for an interpreted function its closure's environments, home object, an
   * arrow's `this`, field initializers; for a generator object its suspended frame's. Pushes those
   * values onto `out`, adds each environment not yet in `seen` to it, and returns the bytes of the
   * environments it added; -1 if `O` is neither. Runs no guest code. */
  interpreterReferents(O: object, seen: Set<object>, out: unknown[]): number;
  /** For an interpreted function `F` (not a class constructor): its calls with `thisArg` entered without
   * its host wrapper (no argument object; a compiled body's direct entry called as the tier's call sites
   * call it), exactly as [[Call]] would run them; null for every other function. Made where the builtin
   * runs, whose running guest frame is the callee's caller at each call. */
  repeatedGuestCall(F: Function, thisArg: unknown): RepeatedCall | null;
}

const MISSING = new Set<Function>();

function missing(name: keyof EvaluatorHooks): () => never {
  const hook = (): never => { throw new Error(`vmjs internal: the evaluator hook ${name} is not installed (src/engine.ts installs them)`); };
  MISSING.add(hook);
  return hook;
}

/** The installed hooks; read at call time (`hooks.X(...)`), so installation order does not matter. */
export const hooks: EvaluatorHooks = {
  CreateDynamicFunction: missing('CreateDynamicFunction'),
  PerformIndirectEval: missing('PerformIndirectEval'),
  PerformShadowRealmEval: missing('PerformShadowRealmEval'),
  ImportModuleForRealm: missing('ImportModuleForRealm'),
  functionSourceText: missing('functionSourceText'),
  GeneratorResume: missing('GeneratorResume'),
  GeneratorResumeAbrupt: missing('GeneratorResumeAbrupt'),
  AsyncGeneratorRequest: missing('AsyncGeneratorRequest'),
  isInterpretedGenerator: missing('isInterpretedGenerator'),
  functionRealm: missing('functionRealm'),
  isArgumentsObject: missing('isArgumentsObject'),
  interpreterReferents: missing('interpreterReferents'),
  repeatedGuestCall: missing('repeatedGuestCall'),
};

/** Installs the evaluator's implementations (the composition root calls this once at load). */
export function installEvaluatorHooks(implementations: Partial<EvaluatorHooks>): void {
  Object.assign(hooks, implementations);
}

/** The hooks nothing has installed yet (for vmjs's own tests: the composition root installs them all). */
export function missingEvaluatorHooks(): string[] {
  return (Object.keys(hooks) as Array<keyof EvaluatorHooks>).filter((k) => MISSING.has(hooks[k]));
}
