// The interpreter's entry points for whole scripts: prepare once (parse + compile
// to closures), run many times in any realm (BRIEF decision 8).
import type { Statement } from 'acorn';
import type { ScriptProgram } from './compile/estree.js';
import type { Realm } from '../realm/realm.js';
import { parseScript, ParseError } from '../parser/parse.js';
import { ScopeInfo, boundNames, scanVarScope, lexicalDeclarations } from './compile/scope.js';
import type { CompileContext, SourceRecord } from './compile/compile-context.js';
import { compileStatementList, compileFunctionDeclarationInstance } from './evaluate-sync/statements.js';
import * as gen from './evaluate/statements.js';
import { driven, generatorForm } from './compile/generator-form.js';
import { Env } from './runtime/environment.js';
import { Frame } from './runtime/frame.js';
import { agent, Termination } from '../realm/agent.js';
import { runBudget } from '../realm/retained-memory.js';
import { globalDeclarationChecks, createGlobalVar, createGlobalFunction, createGlobalLexical } from './runtime/global-environment.js';
import { toRealmError } from '../realm/host-errors.js';
import { recordErrorLocation } from './runtime/error-location.js';
import { enterFrame } from './runtime/call-stack.js';
import { debugScriptBody, debugEverywhere } from './runtime/debug-hooks.js';

export interface ScriptSourceOptions {
  filename: string;
  lineOffset: number;
  columnOffset: number;
  /** Compile for the stepping debugger (runtime/debug-hooks.ts). */
  debug?: boolean;
}

export interface RunOptions {
  /** Milliseconds; the run ends with a Termination (thrown) once exceeded. */
  timeout?: number;
  /** Bytes the run may allocate (default: the realm's memoryLimit); past it the run ends with a
   * Termination. */
  memoryLimit?: number;
}

/** A parsed and prepared Script; reusable across runs and realms. */
export interface PreparedScript {
  readonly source: string;
  readonly options: ScriptSourceOptions;
  /** @internal The checked parse the code was compiled from (function bodies compile from it on
   * first call, so it is retained anyway); cachedData encodes it. */
  readonly program: ScriptProgram;
  /** @internal */
  readonly code: ScriptCode;
}

/** Compiled script or eval code with what GlobalDeclarationInstantiation needs (§16.1.7). */
export interface ScriptCode {
  readonly strict: boolean;
  readonly scope: ScopeInfo;
  readonly varNames: string[];
  readonly functions: Array<{ name: string; make: (f: Frame) => Function }>;
  readonly lexicals: Array<{ name: string; mutable: boolean }>;
  readonly body: (f: Frame) => number;
  readonly sourceRecord: SourceRecord;
}

const syntaxErrorLocations = new WeakMap<object, { filename: string; line: number; column: number }>();
/** Where the SyntaxError thrown by prepareScript points (1-based line, 0-based column). */
export function syntaxErrorLocation(e: unknown): { filename: string; line: number; column: number } | undefined {
  return typeof e === 'object' && e !== null ? syntaxErrorLocations.get(e) : undefined;
}

/** The host SyntaxError for a parse failure, its location recorded (see syntaxErrorLocation). */
export function syntaxErrorFrom(e: ParseError, filename: string): SyntaxError {
  const err = new SyntaxError(e.failure.message);
  syntaxErrorLocations.set(err, { filename, line: e.failure.line, column: e.failure.column });
  return err;
}

/** Gives `to` (a SyntaxError re-made in another realm) the location recorded for `from`. */
export function copySyntaxErrorLocation(from: unknown, to: unknown): void {
  const loc = syntaxErrorLocation(from);
  if (loc !== undefined && typeof to === 'object' && to !== null) syntaxErrorLocations.set(to, loc);
}

export function isStrictBody(body: readonly Statement[]): boolean {
  for (const s of body) {
    if (s.type !== 'ExpressionStatement' || typeof s.directive !== 'string') return false;
    if (s.directive === 'use strict') return true;
  }
  return false;
}

/** Parses and prepares `source` as a Script, or prepares `parsed`, its checked parse read from
 * cachedData. Throws the host's SyntaxError on a parse or early error. */
export function prepareScript(source: string, options: ScriptSourceOptions, parsed?: ScriptProgram): PreparedScript {
  let program: ScriptProgram;
  try {
    program = parsed ?? parseScript(source, options, options.debug === true); // the debugger's spans read `loc`
  } catch (e) {
    throw e instanceof ParseError ? syntaxErrorFrom(e, options.filename) : e;
  }
  const sourceRecord: SourceRecord = {
    text: source, filename: options.filename, lineOffset: options.lineOffset, columnOffset: options.columnOffset,
    ...(options.debug === true || debugEverywhere.on ? { debug: true } : {}),
  };
  const code = compileScriptBody(program.body, sourceRecord, isStrictBody(program.body));
  return { source, options, program, code };
}

export function compileScriptBody(body: Statement[], sourceRecord: SourceRecord, strict: boolean): ScriptCode {
  const scope = new ScopeInfo('script', null, false);
  const scan = scanVarScope(body, strict, true);
  const c: CompileContext = {
    scope, strict, fn: null, completion: true, suspends: null, forceGen: false, labels: [], source: sourceRecord,
    privates: null, evalCode: false, varScope: null, annexB: scan.annexB,
  };
  const lexicals: Array<{ name: string; mutable: boolean }> = [];
  for (const d of lexicalDeclarations(body)) {
    if (d.type === 'FunctionDeclaration') continue;
    const names = d.type === 'VariableDeclaration' ? d.declarations.flatMap((x) => boundNames(x.id)) : [d.id.name];
    for (const name of names) lexicals.push({ name, mutable: !(d.type === 'VariableDeclaration' && d.kind === 'const') });
  }
  const seen = new Set<string>();
  const functions: Array<{ name: string; make: (f: Frame) => Function }> = [];
  for (let i = scan.functions.length - 1; i >= 0; i--) {
    const fn = scan.functions[i];
    if (seen.has(fn.id.name)) continue;
    seen.add(fn.id.name);
    functions.unshift({ name: fn.id.name, make: compileFunctionDeclarationInstance(fn, c) });
  }
  const varNames = [...scan.vars, ...[...scan.annexB].map((fn) => fn.id.name)];
  const body2 = generatorForm.everywhere
    ? driven(gen.compileStatementList(body, { ...c, suspends: new Set(), forceGen: true }))
    : compileStatementList(body, c);
  return { strict, scope, varNames, functions, lexicals, body: sourceRecord.debug === true ? debugScriptBody(body2) : body2, sourceRecord };
}

/** GlobalDeclarationInstantiation (§16.1.7). */
export function globalDeclarationInstantiation(code: ScriptCode, realm: Realm, f: Frame, deletable: boolean): void {
  globalDeclarationChecks(realm, code.varNames, code.lexicals.map((l) => l.name), code.functions.map((x) => x.name));
  for (const fn of code.functions) createGlobalFunction(realm, fn.name, fn.make(f), deletable);
  for (const name of code.varNames) createGlobalVar(realm, name, deletable);
  for (const l of code.lexicals) createGlobalLexical(realm, l.name, l.mutable);
}

/** A frame for global code of `realm`. */
export function globalFrame(realm: Realm, scope: ScopeInfo, strict: boolean, source: SourceRecord | null): Frame {
  const env = new Env(null, [], scope);
  const f = new Frame(realm, env, null, realm.globalThisValue, null, undefined, [], strict);
  f.source = source;
  return f;
}

/** ScriptEvaluation (§16.1.6): runs a prepared script in `realm`; returns its completion value.
 * Guest exceptions propagate as thrown values; a timeout throws a `Termination` (src/realm/agent.ts). */
export function runScript(script: PreparedScript, realm: Realm, options: RunOptions = {}): unknown {
  return runGuest(realm, options.timeout, () => {
    const code = script.code;
    const f = globalFrame(realm, code.scope, code.strict, code.sourceRecord);
    const depth = enterFrame(f);
    try {
      globalDeclarationInstantiation(code, realm, f, false);
      code.body(f);
    } catch (e) {
      if (!(e instanceof Termination)) recordErrorLocation(e, f);
      throw e;
    } finally {
      agent.depth = depth;
    }
    return f.completion;
  }, options.memoryLimit);
}

/** Runs guest code under a budget (a timeout, and an allocation budget: the realm's unless the
 * caller gives a tighter one): termination wins over whatever else happened, and host errors that
 * escape are turned into the realm's. */
export function runGuest<T>(realm: Realm, timeout: number | undefined, body: () => T, memoryLimit?: number): T {
  // The context's limit less what it retains (src/realm/retained-memory.ts), or the run's own if tighter.
  const [budget, retained] = runBudget(realm, memoryLimit);
  agent.enterRun(timeout, budget, retained);
  const depth = agent.depth;
  let result: T;
  try {
    result = body();
  } catch (e) {
    agent.depth = depth;
    const t = agent.exitRun();
    if (t !== null) throw t;
    if (e instanceof Termination) throw e;
    throw toRealmError(realm, e);
  }
  const t = agent.exitRun();
  if (t !== null) throw t;
  return result;
}
