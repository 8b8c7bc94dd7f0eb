// PerformEval (§19.2.1.1) and EvalDeclarationInstantiation (§19.2.1.3): eval code
// is compiled against the caller's scope chain, which the run-time environments
// carry (Env.info), so names resolve as they would in the caller.
import type { FunctionDeclaration, Statement } from 'acorn';
import type { ScriptProgram } from '../compile/estree.js';
import { currentFrame, enterFrame } from './call-stack.js';
import { evalFromFrame } from './stack-trace.js';
import { HostEnsureCanCompileStrings, type Realm } from '../../realm/realm.js';
import { parseEvalCode, ParseError, type EvalAllowances } from '../../parser/parse.js';
import { agent } from '../../realm/agent.js';
import { PARSE_BYTES_PER_CHAR } from '../../realm/allocation.js';
import { ScopeInfo, UNINIT, boundNames, scanVarScope, lexicalDeclarations, lexicalBindingKind } from '../compile/scope.js';
import { PrivateScope, type CompileContext, type EvalFrom, type SourceRecord } from '../compile/compile-context.js';
import { compileStatementList, compileFunctionDeclarationInstance } from '../evaluate-sync/statements.js';
import * as gen from '../evaluate/statements.js';
import { driven, generatorForm } from '../compile/generator-form.js';
import { Env, newEnv } from './environment.js';
import { Frame } from './frame.js';
import { isStrictBody, globalDeclarationInstantiation, globalFrame } from '../script.js';
import type { PrivateEnv } from './private-names.js';
import { Termination } from '../../realm/agent.js';

function parseOrThrow(realm: Realm, source: string, allow: EvalAllowances | null): ScriptProgram {
  // The tree and its compiled form are allocations the guest sizes with its string.
  agent.charge(source.length * PARSE_BYTES_PER_CHAR);
  try {
    return parseEvalCode(source, allow, { filename: 'eval', lineOffset: 0, columnOffset: 0 });
  } catch (e) {
    if (e instanceof ParseError) realm.throwSyntaxError(e.failure.message);
    throw e;
  }
}

function evalSource(text: string): SourceRecord {
  return { text, filename: 'eval', lineOffset: 0, columnOffset: 0 };
}

/** Rebuilds the compile-time private scopes from the running PrivateEnvironment. */
function privateScopeOf(env: PrivateEnv | null): PrivateScope | null {
  if (env === null) return null;
  const p = new PrivateScope(privateScopeOf(env.parent), 0);
  env.names.forEach((n, i) => p.names.set(n.description.slice(1), i));
  return p;
}

function privateNamesOf(env: PrivateEnv | null): string[] {
  const out: string[] = [];
  for (let e = env; e !== null; e = e.parent) for (const n of e.names) out.push(n.description.slice(1));
  return out;
}

/** Direct eval from frame `f` (§19.2.1.1 with direct = true). */
export function performDirectEval(f: Frame, source: string, strictCaller: boolean, parsed?: ScriptProgram, from: EvalFrom = evalFromFrame(f)): unknown {
  const realm = f.realm;
  const tf = f.thisFrame;
  const inFunction = tf.fn !== null;
  const home = tf.fn?.homeObject;
  const allow: EvalAllowances = {
    newTarget: inFunction && !tf.fn!.template.isArrow,
    superProperty: home !== undefined,
    superCall: inFunction && tf.fn!.template.kind === 'classConstructor' && tf.fn!.template.isDerived,
    privateNames: privateNamesOf(f.privateEnv),
    strict: strictCaller,
  };
  const program = parsed ?? parseOrThrow(realm, source, allow);
  const body: Statement[] = program.body;
  const strict = strictCaller || isStrictBody(body);
  const src = evalSource(source);
  src.evalFrom = from;
  // PerformEval: the eval code's ScriptOrModule is its caller's (§19.2.1.1 step 26), for import().
  if (f.source?.host !== undefined) src.host = f.source.host;

  // Lexical declarations (and, in strict code, vars) live in a new scope under the caller's.
  const scope = new ScopeInfo('eval', f.env.info, true);
  const scan = scanVarScope(body, strict, true);
  const varsHere = strict || f.varEnv === null ? strict : false;
  const globalVars = !strict && f.varEnv === null;
  if (varsHere) {
    for (const name of scan.vars) scope.declare(name, 'var', undefined);
    for (const fn of scan.functions) scope.declare(fn.id.name, 'var', undefined);
  }
  for (const d of lexicalDeclarations(body)) {
    if (d.type === 'FunctionDeclaration') continue;
    const kind = d.type === 'ClassDeclaration' ? 'class' : lexicalBindingKind(d.kind);
    for (const n of d.type === 'VariableDeclaration' ? d.declarations.flatMap((x) => boundNames(x.id)) : [d.id.name]) scope.declare(n, kind, UNINIT);
  }
  if (!strict && f.inParameters) {
    // A sloppy direct eval in a parameter list may not declare a var over a binding of the parameter
    // scope: a parameter, or a non-arrow function's `arguments`.
    const taken = parameterScopeNames(f);
    for (const name of [...scan.vars, ...scan.functions.map((fn) => fn.id.name)]) {
      if (taken.includes(name)) realm.throwSyntaxError(`Identifier '${name}' has already been declared`);
    }
  }
  if (!strict && !globalVars) {
    // EvalDeclarationInstantiation step 3: a var may not hoist over a lexical declaration of the same name.
    const names = [...scan.vars, ...scan.functions.map((fn) => fn.id.name)];
    // The var environment itself is included: our function scopes also hold the body's top-level
    // lexical declarations, which the spec keeps in a separate environment for this check.
    for (let e: Env | null = f.env; e !== null; e = e.parent) {
      if (e.withObject === null) {
        for (const name of names) {
          const b = e.info.bindings.get(name);
          if (b === undefined) continue;
          const lexical = e === f.varEnv
            ? b.kind === 'let' || b.kind === 'const' || b.kind === 'class'
            : b.kind !== 'var' && b.kind !== 'catch' && b.kind !== 'arguments';
          if (lexical) realm.throwSyntaxError(`Identifier '${name}' has already been declared`);
        }
      }
      if (e === f.varEnv) break;
    }
  }
  const annexB = strict ? scan.annexB : annexBEvalFunctions(f, scan.annexB);
  const c: CompileContext = {
    scope, strict, fn: f.fn?.template ?? null, completion: true, suspends: null, forceGen: false, labels: [], source: src,
    privates: privateScopeOf(f.privateEnv), evalCode: true, varScope: varsHere ? scope : null, annexB,
  };
  const fnMakers = scan.functions.map((fn) => ({ name: fn.id.name, make: compileFunctionDeclarationInstance(fn, c) }));
  const run = generatorForm.everywhere
    ? driven(gen.compileStatementList(body, { ...c, suspends: new Set(), forceGen: true }))
    : compileStatementList(body, c);

  const env = newEnv(f.env, scope);
  const ef = new Frame(realm, env, varsHere ? env : f.varEnv, tf.thisValue, f.fn, tf.newTarget, f.args, strict);
  ef.thisFrame = tf;
  ef.privateEnv = f.privateEnv;
  ef.source = src;
  const depth = enterFrame(ef);
  try {
    if (globalVars) {
      const names = [...scan.vars, ...[...annexB].map((fn) => fn.id.name)];
      globalDeclarationInstantiation({ strict, scope, varNames: names, functions: fnMakers, lexicals: [], body: () => 0, sourceRecord: src }, realm, ef, true);
    } else if (varsHere) {
      for (const fm of fnMakers) env.slots[scope.bindings.get(fm.name)!.slot] = fm.make(ef);
    } else {
      const varEnv = f.varEnv!;
      const declare = (name: string, v: unknown, isFn: boolean) => {
        const b = varEnv.info.bindings.get(name);
        if (b) { if (isFn) varEnv.slots[b.slot] = v; return; }
        varEnv.evalVars ??= new Map();
        if (isFn || !varEnv.evalVars.has(name)) varEnv.evalVars.set(name, v);
      };
      for (const fm of fnMakers) declare(fm.name, fm.make(ef), true);
      for (const name of scan.vars) declare(name, undefined, false);
      for (const fn of annexB) declare(fn.id.name, undefined, false);
    }
    run(ef);
  } finally {
    agent.depth = depth;
  }
  return ef.completion;
}

/** B.3.2.3 Changes to EvalDeclarationInstantiation (sec-web-compat-evaldeclarationinstantiation),
 * step ii.2: of the block-level functions of sloppy eval code that could be vars (`candidates`), those
 * whose name no declarative environment between the eval's lexical environment and its variable
 * environment binds (bindingExists is false). Such a name shadowed by a `let`, a catch parameter or
 * a block function of the caller keeps the function block-scoped, with no var binding. */
function annexBEvalFunctions(f: Frame, candidates: Set<FunctionDeclaration>): Set<FunctionDeclaration> {
  if (candidates.size === 0) return candidates;
  const out = new Set<FunctionDeclaration>();
  for (const fn of candidates) if (!bindingExistsBelowVarEnv(f, fn.id.name)) out.add(fn);
  return out;
}

function bindingExistsBelowVarEnv(f: Frame, name: string): boolean {
  const varEnv = f.varEnv;
  for (let e: Env | null = f.env; e !== null && e !== varEnv; e = e.parent) {
    if (e.withObject === null && e.info.bindings.has(name)) return true;
  }
  // vmjs keeps a function body's top-level lexical declarations in its var scope; the spec's
  // separate lexical environment for them lies between the eval's and the variable environment.
  const b = varEnv?.info.bindings.get(name);
  return b !== undefined && (b.kind === 'let' || b.kind === 'const' || b.kind === 'class');
}

function parameterScopeNames(f: Frame): string[] {
  const t = f.fn?.template;
  if (t === undefined) return [];
  const names = t.node.params.flatMap((p) => boundNames(p));
  if (!t.isArrow) names.push('arguments');
  return names;
}

/** Indirect eval (§19.2.1.1 with direct = false): global code of `realm`. */
export function performIndirectEval(realm: Realm, x: unknown): unknown {
  HostEnsureCanCompileStrings(realm);
  if (typeof x !== 'string') return x;
  return evaluateIndirect(realm, x, parseOrThrow(realm, x, null));
}

/** PerformShadowRealmEval (ShadowRealm proposal, sec-performshadowrealmeval) steps 1–20: the checks and
 * the parse throw in the caller's realm; the evaluation is an indirect eval's in `evalRealm` (its
 * lexical environment a new one under the global environment, its variable environment the global one,
 * or the new one in strict code), whose abrupt completion is handed back for the caller to convert. */
export function performShadowRealmEval(callerRealm: Realm, evalRealm: Realm, sourceText: string): { normal: true; value: unknown } | { normal: false; error: unknown } {
  if (!evalRealm.canCompileStrings) throw callerRealm.newError('EvalError', 'Code generation from strings disallowed for this context');
  const program = parseOrThrow(callerRealm, sourceText, null);
  try {
    return { normal: true, value: evaluateIndirect(evalRealm, sourceText, program) };
  } catch (e) {
    if (e instanceof Termination) throw e;
    return { normal: false, error: e };
  }
}

/** An indirect eval's evaluation of `program`: eval code whose caller is the global environment of
 * `realm` (its lexical declarations in a new environment of their own, its vars global unless strict). */
function evaluateIndirect(realm: Realm, x: string, program: ScriptProgram): unknown {
  const strict = isStrictBody(program.body);
  const f0 = globalFrame(realm, new ScopeInfo('script', null, false), strict, evalSource(x));
  // The eval origin is the code calling eval (f0 is not on the stack).
  return performDirectEval(f0, x, strict, program, evalFromFrame(currentFrame()));
}

/** A direct call to %eval% (§13.3.6.1 step 6): only a string argument is evaluated, in the caller's scope. */
export function directEval(f: Frame, args: unknown[], strictCaller: boolean): unknown {
  HostEnsureCanCompileStrings(f.realm);
  if (args.length === 0) return undefined;
  const x = args[0];
  if (typeof x !== 'string') return x;
  return performDirectEval(f, x, strictCaller);
}
