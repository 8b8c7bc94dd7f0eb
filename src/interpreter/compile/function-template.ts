// A FunctionTemplate is what a function's source compiles to, once per Script:
// its kind, strictness, scope layout and body closures. Function objects made
// from it at run time (function-object.ts) share it. Bodies compile lazily, on
// the first call.
import type { ArrayPattern, BlockStatement, FunctionDeclaration, Node, Pattern, Statement } from 'acorn';
import type { FunctionNode } from './estree.js';
import { DISPOSE_CAPABILITY, ScopeInfo, UNINIT, boundNames, scanVarScope, scanUses, lexicalDeclarations, lexicalBindingKind, markSuspendPoints, hasUsingDeclaration, type FunctionUses } from './scope.js';
import { sourceMayHoldDirectEval, type CompileContext, type PrivateScope, type SourceRecord } from './compile-context.js';
import type { Frame, Signal } from '../runtime/frame.js';
import type { FunctionState } from '../runtime/function-object.js';
import * as gen from '../evaluate/statements.js';
import * as sync from '../evaluate-sync/statements.js';
import { compileParameterList } from '../evaluate-sync/patterns.js';
import { createArgumentsObjectFor } from '../runtime/arguments-object.js';
import { superCall } from '../runtime/super.js';
import { NORMAL } from '../runtime/frame.js';
import { driven, generatorForm } from './generator-form.js';
import { Env, copySlots } from '../runtime/environment.js';
import { debugGenBody, debugSyncBody } from '../runtime/debug-hooks.js';
import { tieredRun } from '../tier/hot-body.js';
import { argumentsResolutions, aliasResolutions } from './scope.js';
import { lazyArgumentsFor, findArgumentsAlias, type ArgumentsAlias, type LazyArguments } from './lazy-arguments.js';
import { MalformedTree, decodeFunctionContents, undecodedFunction } from '../../parser/tree-codec.js';
import type { Realm } from '../../realm/realm.js';

export type FunctionKind =
  | 'normal' | 'arrow' | 'method' | 'getter' | 'setter' | 'classConstructor'
  | 'generator' | 'async' | 'asyncArrow' | 'asyncGenerator' | 'classField';

export interface CompiledBody {
  readonly scope: ScopeInfo;
  /** Binds arguments to parameters, creates `arguments`, hoists functions (§10.2.11). */
  readonly instantiate: (f: Frame) => void;
  /** The body: synchronous, or a generator function for suspending kinds. */
  readonly run: ((f: Frame) => Signal) | ((f: Frame) => Generator<unknown, Signal, unknown>);
}

/** [[Call]] and [[Construct]] of a function whose body the compiled tier took (tier/compile-to-host.ts),
 * entered by invoke and directly by that tier's call and `new` sites: the function's state, the
 * caller's frame, `this`, new.target (undefined for a call), then the arguments as host parameters. */
export type DirectEntry = (s: FunctionState, caller: Frame | null, thisArg: unknown, newTarget: unknown, ...args: unknown[]) => unknown;

/** The direct entry of a function that reads its argument list (`arguments` without the object,
 * lazy-arguments.ts): as DirectEntry, with the arguments as the list invoke was given. */
export type ListEntry = (s: FunctionState, caller: Frame | null, thisArg: unknown, newTarget: unknown, args: ArrayLike<unknown>) => unknown;

export class FunctionTemplate {
  compiled: CompiledBody | null = null;
  /** The direct entry, once the compiled tier has made one (null until then, and for good for the
   * bodies it does not take or gives none): invoke hands the function's calls to it. */
  directEntry: DirectEntry | null = null;
  /** The direct entry of a body that reads its argument list (entered by invoke only: call sites pass
   * their arguments as a list to invoke anyway). */
  listEntry: ListEntry | null = null;
  /** While and after the body compiles: its `arguments` read without making the object
   * (lazy-arguments.ts), or null. */
  lazyArguments: LazyArguments | null = null;
  #uses: FunctionUses | null = null;
  readonly length: number;
  readonly strict: boolean;
  /** For a named function expression: the scope holding its own name (§15.2.5). */
  readonly calleeScope: ScopeInfo | null;
  /** Class constructors: whether the class has an `extends` clause. */
  isDerived = false;
  /** Class constructors without a `constructor` method (§15.7.14 step 14). */
  isDefaultConstructor = false;
  /** Source range for Function.prototype.toString when it is not the node's (classes). */
  textRange: [number, number] | null = null;
  /** Dynamic functions (Function constructor): their whole synthesized source text. */
  textOverride: string | null = null;
  // Fields, not getters over `kind`: invoke reads them on every call (a getter was ~2% of box2d).
  readonly isGenerator: boolean;
  readonly isAsync: boolean;
  readonly isArrow: boolean;

  constructor(
    readonly node: FunctionNode,
    readonly kind: FunctionKind,
    /** The static name (BindingIdentifier or property name), or undefined if set at run time. */
    readonly name: string | undefined,
    readonly parentScope: ScopeInfo,
    parentStrict: boolean,
    readonly source: SourceRecord,
    readonly privates: PrivateScope | null,
    readonly annexBNames: Set<string> | null = null,
  ) {
    this.isGenerator = kind === 'generator' || kind === 'asyncGenerator';
    this.isAsync = kind === 'async' || kind === 'asyncArrow' || kind === 'asyncGenerator';
    this.isArrow = kind === 'arrow' || kind === 'asyncArrow';
    // A function read from cachedData whose contents are not decoded yet: its stored facts, so that
    // making the template decodes nothing (its body decodes when it compiles).
    const undecoded = undecodedFunction(node);
    this.strict = parentStrict || kind === 'classConstructor' || (undecoded !== undefined ? undecoded.useStrict : hasUseStrict(node));
    this.length = undecoded !== undefined ? undecoded.expectedArgumentCount : expectedArgumentCount(node.params ?? []);
    if (node.type === 'FunctionExpression' && node.id && kind !== 'method' && kind !== 'getter' && kind !== 'setter') {
      this.calleeScope = new ScopeInfo('block', parentScope, true);
      this.calleeScope.declare(node.id.name, 'callee', undefined);
    } else {
      this.calleeScope = null;
    }
  }

  /** What the body uses (`arguments`, direct eval, …): read when the body compiles, so scanned then,
   * not when the template is made (a Script's functions that never run are never walked; box2d's
   * `new Script` spent ~19 ms scanning its one top-level function's 80,000 nodes). */
  get uses(): FunctionUses {
    return this.#uses ??= scanUses(this.node, sourceMayHoldDirectEval(this.source));
  }

  get sourceText(): string {
    if (this.textOverride !== null) return this.textOverride;
    const [start, end] = this.textRange ?? [this.node.start, this.node.end];
    return this.source.text.slice(start, end);
  }
}

function hasUseStrict(node: FunctionNode): boolean {
  const body = node.body;
  if (!body || body.type !== 'BlockStatement') return false;
  for (const s of body.body) {
    if (s.type !== 'ExpressionStatement' || typeof s.directive !== 'string') return false;
    if (s.directive === 'use strict') return true;
  }
  return false;
}

/** ExpectedArgumentCount (§15.1.5). */
function expectedArgumentCount(params: Pattern[]): number {
  let n = 0;
  for (const p of params) {
    if (p.type === 'AssignmentPattern' || p.type === 'RestElement') break;
    n++;
  }
  return n;
}

/** Compiles a function body on first use. `realm`: the function's, when a guest call compiles it:
 * a body from cachedData that does not decode (which the data's checksum leaves to a codec bug) is
 * then that realm's SyntaxError, thrown by the call; without a realm, the MalformedTree itself. */
export function compileFunction(t: FunctionTemplate, realm?: Realm): CompiledBody {
  if (t.compiled !== null) return t.compiled;
  if (t.isDefaultConstructor) return compileDefaultConstructor(t);
  try {
    // Decoded once, here: every later read of the node's params and body is a data property's.
    decodeFunctionContents(t.node);
    return compileDecoded(t);
  } catch (e) {
    if (realm === undefined || !(e instanceof MalformedTree)) throw e;
    throw realm.newError('SyntaxError', `vmjs: the cachedData of this function (offset ${t.node.start} of its source) does not decode: ${e.message}`);
  }
}

/** compileFunction once the node's params and body are decoded. */
function compileDecoded(t: FunctionTemplate): CompiledBody {
  const u = t.uses;
  const mayDefer = u.arguments && !u.argumentsInArrow && !u.directEval && t.source.debug !== true;
  if (mayDefer) {
    const before = argumentsResolutions.count;
    const outerAlias = aliasResolutions.name;
    const aliasBefore = aliasResolutions.count;
    let body: CompiledBody;
    try { body = compileBody(t, true); } finally { aliasResolutions.name = outerAlias; }
    // Every reference was one of the forms that read the argument list: keep it.
    if (argumentsResolutions.count === before && aliasResolutions.count === aliasBefore) return (t.compiled = body);
    t.lazyArguments = null;
  }
  return (t.compiled = compileBody(t, false));
}

/** The body's closures; `deferArguments`: `arguments` is made only when needed (lazy-arguments.ts). */
function compileBody(t: FunctionTemplate, deferArguments: boolean): CompiledBody {
  const node = t.node;
  const parent = t.calleeScope ?? t.parentScope;
  const scope = new ScopeInfo('function', parent, true);
  const strict = t.strict;
  if (t.uses.directEval && !strict) scope.dynamic = true;

  const params: Pattern[] = node.params ?? [];
  const simple = params.every((p) => p.type === 'Identifier');
  const paramNames = boundNames({ type: 'ArrayPattern', elements: params } as ArrayPattern); // a wrapper to collect all the names: start/end unread
  for (const name of paramNames) scope.declare(name, simple ? 'var' : 'param', simple ? undefined : UNINIT);

  const body = node.body;
  const expressionBody = body.type === 'BlockStatement' ? null : body;
  const isExpressionBody = expressionBody !== null;
  const bodyStatements: Statement[] = body.type === 'BlockStatement' ? body.body : [];
  const scan = scanVarScope(bodyStatements, strict, true);
  const lexDecls = lexicalDeclarations(bodyStatements);
  const lexNames = new Set<string>();
  for (const d of lexDecls) for (const n of d.type === 'VariableDeclaration' ? d.declarations.flatMap((x) => boundNames(x.id)) : [d.id.name]) lexNames.add(n);

  let argumentsSlot = -1;
  const needsArguments = !t.isArrow && t.kind !== 'classField' && (t.uses.arguments || t.uses.directEval)
    && !paramNames.includes('arguments')
    // A body function or lexical named `arguments` hides the object only without parameter
    // expressions; with them the body has its own environment (§10.2.11 steps 17–18).
    && !(simple && (scan.functions.some((fn) => fn.id.name === 'arguments') || lexNames.has('arguments')));
  let lazy: LazyArguments | null = null;
  let alias: ArgumentsAlias | null = null;
  if (needsArguments) {
    const binding = scope.declare('arguments', 'arguments', undefined);
    argumentsSlot = binding.slot;
    if (deferArguments && simple) {
      const excluded = new Set<string>(paramNames);
      for (const fn of scan.functions) excluded.add(fn.id.name);
      for (const fn of scan.annexB) excluded.add(fn.id.name);
      for (const n of lexNames) excluded.add(n);
      alias = findArgumentsAlias(bodyStatements, excluded);
    }
  }

  // With parameter expressions, the body's declarations get an environment of their own, so that
  // closures made in the parameter list do not see them (§10.2.11 step 28); a body var named like a
  // parameter (or `arguments`) starts with that binding's value.
  const bodyScope = simple ? scope : new ScopeInfo('function', scope, true);
  if (bodyScope !== scope && scope.dynamic) bodyScope.dynamic = true;
  const copied: Array<[number, number]> = [];
  for (const name of scan.vars) {
    const own = bodyScope.bindings.has(name);
    const b = bodyScope.declare(name, 'var', undefined);
    const p = bodyScope !== scope && !own ? scope.bindings.get(name) : undefined;
    if (p !== undefined) copied.push([b.slot, p.slot]);
  }
  for (const fn of scan.functions) bodyScope.declare(fn.id.name, 'var', undefined);
  if (needsArguments && deferArguments) {
    const aliasBinding = alias === null ? null : bodyScope.bindings.get(alias.name) ?? null;
    if (aliasBinding === null) alias = null;
    lazy = lazyArgumentsFor(scope.bindings.get('arguments')!, !strict && simple ? paramNames.map((n) => scope.bindings.get(n)!.slot) : null, alias, aliasBinding);
    // Its other resolutions are counted from here (compileDecoded restores the name).
    aliasResolutions.name = alias === null ? null : alias.name;
  }
  t.lazyArguments = lazy;
  // `var a = arguments;` read only through the lazy forms: the statement has nothing to do.
  const compiledStatements = alias === null ? bodyStatements
    : bodyStatements.map((st, i) => (i === alias!.index ? ({ type: 'EmptyStatement', start: st.start, end: st.end } as Statement) : st));
  // B.3.2.1 Changes to FunctionDeclarationInstantiation (sec-web-compat-functiondeclarationinstantiation):
  // a block function named like a parameter stays block-scoped, and so does one named `arguments`
  // when the function has an arguments object (step 22.f appends "arguments" to parameterNames).
  const argumentsObjectNeeded = !t.isArrow && t.kind !== 'classField' && !paramNames.includes('arguments')
    && !(simple && (scan.functions.some((fn) => fn.id.name === 'arguments') || lexNames.has('arguments')));
  const annexB = new Set<FunctionDeclaration>();
  for (const fn of scan.annexB) {
    if (paramNames.includes(fn.id.name) || (argumentsObjectNeeded && fn.id.name === 'arguments')) continue;
    annexB.add(fn);
    bodyScope.declare(fn.id.name, 'var', undefined);
  }
  for (const d of lexDecls) {
    if (d.type === 'FunctionDeclaration') continue;
    const kind = d.type === 'ClassDeclaration' ? 'class' : lexicalBindingKind(d.kind);
    for (const n of d.type === 'VariableDeclaration' ? d.declarations.flatMap((x) => boundNames(x.id)) : [d.id.name]) bodyScope.declare(n, kind, UNINIT);
  }
  // A body with `using` declarations keeps its DisposeCapability in a hidden slot (evaluate/disposal.ts).
  if (hasUsingDeclaration(bodyStatements)) bodyScope.declare(DISPOSE_CAPABILITY, 'disposeCapability', undefined);

  const canSuspend = t.isGenerator || t.isAsync;
  const everywhere = generatorForm.everywhere;
  const suspends = canSuspend || everywhere ? new Set<Node>() : null;
  if (canSuspend) markSuspendPoints(node.body, suspends!, t.kind === 'asyncGenerator');
  const c: CompileContext = {
    scope: bodyScope, strict, fn: t, completion: false, suspends, forceGen: everywhere, labels: [], source: t.source,
    privates: t.privates, evalCode: false, varScope: bodyScope, annexB,
  };

  // Parameters never contain yield/await (early errors), so they always run synchronously.
  let bindParams: ((f: Frame) => void) | null = null;
  if (!simple) {
    const init = compileParameterList(params, { ...c, scope, varScope: scope });
    bindParams = (f) => init(f, f.args);
  }
  const paramSlots = simple ? paramNames.map((n) => scope.bindings.get(n)!.slot) : null;
  const hoisted = scan.functions.map((fn) => ({ slot: bodyScope.bindings.get(fn.id.name)!.slot, init: sync.compileFunctionDeclarationInstance(fn, c) }));
  const mapped = !strict && simple && argumentsSlot >= 0;
  const separateBody = bodyScope !== scope;
  const markParams = !strict && t.uses.directEval;

  const instantiate = (f: Frame) => {
    let slots = f.env.slots;
    const args = f.args;
    if (paramSlots !== null) {
      const n = paramSlots.length;
      for (let i = 0; i < n; i++) slots[paramSlots[i]] = i < args.length ? args[i] : undefined;
    }
    if (argumentsSlot >= 0 && lazy === null) slots[argumentsSlot] = createArgumentsObjectFor(f, mapped ? paramSlots! : null, slots);
    if (bindParams !== null) {
      // Only a sloppy direct eval reads the flag (eval-code.ts); setting it makes the frame's FrameExtra.
      if (markParams) { f.inParameters = true; bindParams(f); f.inParameters = false; } else bindParams(f);
    }
    if (separateBody) {
      const env = new Env(f.env, copySlots(bodyScope.init), bodyScope);
      for (let i = 0; i < copied.length; i++) env.slots[copied[i][0]] = slots[copied[i][1]];
      f.env = env;
      f.varEnv = env;
      slots = env.slots;
    }
    for (let i = 0; i < hoisted.length; i++) slots[hoisted[i].slot] = hoisted[i].init(f);
  };

  let run: CompiledBody['run'];
  if (suspends !== null) {
    const body = expressionBody !== null
      ? (node.vmjsFieldName !== undefined ? gen.compileNamedExpressionBody(expressionBody, c, node.vmjsFieldName) : gen.compileExpressionBody(expressionBody, c))
      : gen.compileFunctionStatements(compiledStatements, c);
    run = canSuspend ? body : driven(body);
  } else {
    run = expressionBody !== null
      ? (node.vmjsFieldName !== undefined ? sync.compileNamedExpressionBody(expressionBody, c, node.vmjsFieldName) : sync.compileExpressionBody(expressionBody, c))
      : sync.compileFunctionStatements(compiledStatements, c);
    // The compiled tier (src/interpreter/tier): a hot eligible body runs as generated host code.
    run = tieredRun(t, c, run as (f: Frame) => Signal);
  }
  // Class field initializers are part of the construction that runs them: no frame of their own.
  if (t.source.debug === true && t.kind !== 'classField') {
    run = canSuspend ? debugGenBody(run as (f: Frame) => Generator<unknown, Signal, unknown>, node) : debugSyncBody(run as (f: Frame) => Signal, node);
  }
  return { scope, instantiate, run };
}


/** The default constructor (§15.7.14 step 14): a derived one passes its arguments to the parent
 * constructor without iterating them. */
function compileDefaultConstructor(t: FunctionTemplate): CompiledBody {
  const scope = new ScopeInfo('function', t.parentScope, true);
  const run = t.isDerived
    ? (f: Frame) => { superCall(f, Array.prototype.slice.call(f.args)); return NORMAL; }
    : () => NORMAL;
  t.compiled = { scope, instantiate: () => {}, run };
  return t.compiled;
}
