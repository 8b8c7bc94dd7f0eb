// The Function constructor family (§20.2.1.1.1 CreateDynamicFunction): the realm's builtins reach it
// through the evaluator hooks (src/realm/evaluator-hooks.ts).
import { currentFrame } from './call-stack.js';
import { evalFromFrame } from './stack-trace.js';
import type { SourceRecord } from '../compile/compile-context.js';
import type { FunctionExpression } from 'acorn';
import { HostEnsureCanCompileStrings, type Realm } from '../../realm/realm.js';
import { parseWith, ParseError, ECMA_VERSION } from '../../parser/parse.js';
import { agent } from '../../realm/agent.js';
import { PARSE_BYTES_PER_CHAR } from '../../realm/allocation.js';
import { ScopeInfo } from '../compile/scope.js';
import { FunctionTemplate, type FunctionKind } from '../compile/function-template.js';
import { makeFunction } from './function-object.js';
import { globalFrame } from '../script.js';
import { performIndirectEval } from './eval-code.js';
import { GetPrototypeFromConstructor } from '../../realm/abstract-ops.js';
import type { Intrinsics } from '../../realm/realm.js';
import { constructHostError, hostErrorConstructor, type HostErrorName } from './host-error-stack.js';
import type { DynamicFunctionKind } from '../../realm/evaluator-hooks.js';

const PREFIX: Record<DynamicFunctionKind, string> = { normal: 'function', generator: 'function*', async: 'async function', asyncGenerator: 'async function*' };
const FALLBACK: Record<DynamicFunctionKind, keyof Intrinsics> = {
  normal: 'FunctionPrototype', generator: 'GeneratorFunctionPrototype', async: 'AsyncFunctionPrototype', asyncGenerator: 'AsyncGeneratorFunctionPrototype',
};

/** CreateDynamicFunction (§20.2.1.1.1). `args` are the constructor's arguments (params…, body). */
export function CreateDynamicFunction(realm: Realm, newTarget: Function | undefined, kind: DynamicFunctionKind, args: readonly unknown[]): Function {
  const strs: string[] = [];
  for (const a of args) {
    if (typeof a === 'symbol') realm.throwTypeError('Cannot convert a Symbol value to a string');
    strs.push(`${a}`);
  }
  HostEnsureCanCompileStrings(realm);
  const bodyText = strs.length === 0 ? '' : strs[strs.length - 1];
  const params = strs.slice(0, -1).join(',');
  const prefix = `${PREFIX[kind]} anonymous(`;
  const text = `${prefix}${params}\n) {\n${bodyText}\n}`;
  const wrapped = `(${text})`;
  // The tree and its compiled form are allocations the guest sizes with its strings.
  agent.charge(wrapped.length * PARSE_BYTES_PER_CHAR);
  let fnNode: FunctionExpression;
  try {
    const program = parseWith(wrapped, { ecmaVersion: ECMA_VERSION, sourceType: 'script', locations: true }, { filename: 'anonymous', lineOffset: 0, columnOffset: 0 });
    if (program.body.length !== 1 || program.body[0].type !== 'ExpressionStatement') realm.throwSyntaxError('Unexpected token');
    fnNode = program.body[0].expression as FunctionExpression; // checked just below
    // The parameters and the body must each parse on their own: nothing may close one early.
    const bodyStart = 1 + prefix.length + params.length + '\n) '.length;
    if (fnNode.type !== 'FunctionExpression' || fnNode.body.start !== bodyStart || fnNode.end !== wrapped.length - 1) realm.throwSyntaxError('Unexpected token in function body or parameters');
  } catch (e) {
    if (e instanceof ParseError) realm.throwSyntaxError(e.failure.message);
    throw e;
  }
  const source: SourceRecord = { text: wrapped, filename: 'anonymous', lineOffset: 0, columnOffset: 0, evalFrom: evalFromFrame(currentFrame()) };
  const scope = new ScopeInfo('script', null, false);
  const fkind: FunctionKind = kind === 'normal' ? 'normal' : kind;
  const t = new FunctionTemplate(fnNode, fkind, 'anonymous', scope, false, source, null);
  t.textOverride = text;
  const f = globalFrame(realm, scope, false, source);
  const F = makeFunction(t, f, f.env, 'anonymous');
  if (newTarget !== undefined && newTarget !== realm.intrinsics[kind === 'normal' ? 'Function' : kind === 'generator' ? 'GeneratorFunction' : kind === 'async' ? 'AsyncFunction' : 'AsyncGeneratorFunction']) {
    Object.setPrototypeOf(F, GetPrototypeFromConstructor(realm, newTarget, FALLBACK[kind] as 'FunctionPrototype'));
  }
  return F;
}

/** Host functions the main context (runInThisContext), whose intrinsics are the host's own, must not
 * run as themselves when interpreted code calls them: the code generators (eval and the Function family,
 * whose code no timeout could stop) run as the interpreter's, and the Error constructors, whose V8 trace
 * would show the evaluator's host frames, get the interpreted frames. The evaluator's call and `new`
 * sites (and the tier's) ask once per callee, and only in the host realm. */
export type HostCodeGenerator = DynamicFunctionKind | 'eval' | HostErrorName;

/** The kind of host function `fn` is in the host realm `realm` (see HostCodeGenerator), or null. */
export function hostCodeGenerator(realm: Realm, fn: unknown): HostCodeGenerator | null {
  if (!realm.isHost) return null;
  const I = realm.intrinsics;
  if (fn === I.eval) return 'eval';
  if (fn === I.Function) return 'normal';
  if (fn === I.GeneratorFunction) return 'generator';
  if (fn === I.AsyncFunction) return 'async';
  if (fn === I.AsyncGeneratorFunction) return 'asyncGenerator';
  return hostErrorConstructor(realm, fn);
}

/** A call (newTarget undefined) or construction of such a host function from interpreted code in the
 * main context: an indirect eval or CreateDynamicFunction of the interpreter, in the running realm, or
 * the host's Error constructor with the interpreted frames as its `stack`. */
export function runHostCodeGenerator(realm: Realm, kind: HostCodeGenerator, args: readonly unknown[], newTarget: Function | undefined): unknown {
  if (kind === 'eval') return performIndirectEval(realm, args[0]);
  if (kind === 'normal' || kind === 'generator' || kind === 'async' || kind === 'asyncGenerator') return CreateDynamicFunction(realm, newTarget, kind, args);
  return constructHostError(realm, kind, args, newTarget);
}
