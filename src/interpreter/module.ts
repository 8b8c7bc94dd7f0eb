// The interpreter's entry points for module code (§16.2.1.6 Source Text Module Records): parse and
// prepare once (ParseModule: the import/export entries, the module scope's slot layout, the body's
// closures), then, per Module Record, make the module environment, instantiate its functions
// (InitializeEnvironment's part the interpreter owns) and run the body (ExecuteModule), synchronously
// or, with top-level await, as an async body driven like an async function's. Linking and the
// evaluation order are src/module's (Cyclic Module Records).
import type { FunctionDeclaration, ImportAttribute, Literal, Identifier, ModuleDeclaration, Node, Statement } from 'acorn';
import type { ModuleProgram } from './compile/estree.js';
import type { CompileContext, SourceRecord } from './compile/compile-context.js';
import type { Realm } from '../realm/realm.js';
import { parseModule, ParseError } from '../parser/parse.js';
import { syntaxErrorFrom, type ScriptSourceOptions } from './script.js';
import { DISPOSE_CAPABILITY, ScopeInfo, UNINIT, boundNames, scanVarScope, lexicalDeclarations, lexicalBindingKind, markSuspendPoints, hasUsingDeclaration } from './compile/scope.js';
import { compileModuleItemList as syncItems, DEFAULT_BINDING } from './evaluate-sync/module-items.js';
import { compileModuleItemList as genItems } from './evaluate/module-items.js';
import { functionTemplate } from './evaluate-sync/functions.js';
import { driven, generatorForm } from './compile/generator-form.js';
import { makeFunction } from './runtime/function-object.js';
import { Env, copySlots } from './runtime/environment.js';
import { Frame } from './runtime/frame.js';
import { AsyncFunctionStart } from './runtime/async-function.js';
import { PerformPromiseThen } from '../realm/abstract-ops/promise-operations.js';
import { agent, Termination } from '../realm/agent.js';
import { recordErrorLocation } from './runtime/error-location.js';
import { enterFrame } from './runtime/call-stack.js';

/** A ModuleRequest Record (§16.2.1.3): a specifier with its import attributes (sorted by key). */
export interface ModuleRequest {
  readonly specifier: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  /** import-defer: 'defer' when every import of the request is `import defer`; then evaluating the
   * importer evaluates only the request's asynchronous dependencies. */
  phase: 'evaluation' | 'defer';
}

/** An ImportEntry Record (§16.2.1.6, Table 55); `importName` null is namespace-object. */
export interface ImportEntry {
  readonly request: number;
  readonly importName: string | null;
  readonly localName: string;
  /** `import defer * as ns`: the binding is the deferred namespace. */
  readonly deferred: boolean;
}

/** An ExportEntry Record (§16.2.1.6, Table 56); in an indirect export `importName` null is all. */
export interface ExportEntry {
  readonly exportName: string | null;
  readonly request: number | null;
  readonly importName: string | null;
  readonly localName: string | null;
}

/** A parsed and prepared module: what ParseModule records, plus the compiled body. */
export interface PreparedModule {
  readonly source: string;
  readonly options: ScriptSourceOptions;
  /** @internal The checked parse the body was compiled from; cachedData encodes it. */
  readonly program: ModuleProgram;
  readonly requests: readonly ModuleRequest[];
  /** The requests in source order, as InnerModuleEvaluation visits them: an import-defer request
   * where it is deferred, and again where it is imported eagerly (unique by request and phase). */
  readonly evaluationOrder: ReadonlyArray<{ readonly request: number; readonly deferred: boolean }>;
  readonly importEntries: readonly ImportEntry[];
  readonly localExportEntries: readonly ExportEntry[];
  readonly indirectExportEntries: readonly ExportEntry[];
  readonly starExportEntries: readonly ExportEntry[];
  readonly hasTopLevelAwait: boolean;
  /** @internal */
  readonly code: ModuleCode;
}

interface ModuleCode {
  readonly scope: ScopeInfo;
  readonly functions: ReadonlyArray<{ slot: number; make: (f: Frame) => Function }>;
  readonly importSlots: readonly number[];
  readonly syncBody: ((f: Frame) => number) | null;
  readonly asyncBody: ((f: Frame) => Generator<unknown, number, unknown>) | null;
  readonly sourceRecord: SourceRecord;
}

function nameOf(n: Identifier | Literal): string {
  return n.type === 'Identifier' ? n.name : String(n.value);
}

function attributesOf(list: readonly ImportAttribute[] | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = (list ?? []).map((a) => [nameOf(a.key), String(a.value.value)]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** ParseModule (§16.2.1.6.1) and the preparation of the body, or of `parsed`, the source's checked
 * parse read from cachedData. Throws the host's SyntaxError. */
export function prepareModule(source: string, options: ScriptSourceOptions, parsed?: ModuleProgram): PreparedModule {
  let program: ModuleProgram;
  try {
    program = parsed ?? parseModule(source, options);
  } catch (e) {
    throw e instanceof ParseError ? syntaxErrorFrom(e, options.filename) : e;
  }
  const body = program.body as Array<Statement | ModuleDeclaration>;
  const requests: ModuleRequest[] = [];
  const requestIndex = (specifier: Literal, attrs: readonly ImportAttribute[] | undefined, deferred = false): number => {
    const spec = String(specifier.value);
    const attributes = attributesOf(attrs);
    const key = JSON.stringify([spec, attributes]);
    const i = requests.findIndex((r) => JSON.stringify([r.specifier, r.attributes]) === key);
    let index = i;
    if (i >= 0) {
      if (!deferred) requests[i].phase = 'evaluation';
    } else {
      requests.push({ specifier: spec, attributes, phase: deferred ? 'defer' : 'evaluation' });
      index = requests.length - 1;
    }
    if (!evaluationOrder.some((e) => e.request === index && e.deferred === deferred)) evaluationOrder.push({ request: index, deferred });
    return index;
  };
  const evaluationOrder: Array<{ request: number; deferred: boolean }> = [];
  const importEntries: ImportEntry[] = [];
  const localCandidates: ExportEntry[] = [];
  const indirectExportEntries: ExportEntry[] = [];
  const starExportEntries: ExportEntry[] = [];
  // The statements whose declarations the module scope holds (an export's declaration, unwrapped).
  const declarations: Statement[] = [];
  let anonymousDefault: Node | null = null;
  for (const item of body) {
    switch (item.type) {
      case 'ImportDeclaration': {
        const deferred = (item as { phase?: string }).phase === 'defer';
        const request = requestIndex(item.source, item.attributes, deferred);
        for (const s of item.specifiers) {
          const importName = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? null : nameOf(s.imported);
          importEntries.push({ request, importName, localName: s.local.name, deferred });
        }
        break;
      }
      case 'ExportNamedDeclaration': {
        if (item.declaration) {
          const d = item.declaration;
          declarations.push(d);
          const names = d.type === 'VariableDeclaration' ? d.declarations.flatMap((x) => boundNames(x.id)) : [d.id!.name];
          for (const n of names) localCandidates.push({ exportName: n, request: null, importName: null, localName: n });
        } else if (item.source) {
          const request = requestIndex(item.source, item.attributes);
          for (const s of item.specifiers) indirectExportEntries.push({ exportName: nameOf(s.exported), request, importName: nameOf(s.local), localName: null });
        } else {
          for (const s of item.specifiers) localCandidates.push({ exportName: nameOf(s.exported), request: null, importName: null, localName: nameOf(s.local) });
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const d = item.declaration;
        let local = DEFAULT_BINDING;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          local = d.id.name;
          declarations.push(d as Statement);
        } else {
          anonymousDefault = d;
        }
        localCandidates.push({ exportName: 'default', request: null, importName: null, localName: local });
        break;
      }
      case 'ExportAllDeclaration': {
        const request = requestIndex(item.source, item.attributes);
        if (item.exported) indirectExportEntries.push({ exportName: nameOf(item.exported), request, importName: null, localName: null });
        else starExportEntries.push({ exportName: null, request, importName: null, localName: null });
        break;
      }
      default: declarations.push(item);
    }
  }
  // ParseModule step 10: an export of an imported name re-exports the import; of an imported
  // namespace, it re-exports that module's namespace (importName all), as `export * as` does.
  const localExportEntries: ExportEntry[] = [];
  for (const e of localCandidates) {
    const ie = importEntries.find((x) => x.localName === e.localName);
    if (ie === undefined || ie.deferred) localExportEntries.push(e);
    else indirectExportEntries.push({ exportName: e.exportName, request: ie.request, importName: ie.importName, localName: null });
  }

  // The module environment's layout (§16.2.1.6.4 InitializeEnvironment).
  const scope = new ScopeInfo('module', null, true);
  const importSlots: number[] = [];
  for (const ie of importEntries) importSlots.push(scope.declare(ie.localName, 'import', undefined).slot);
  const scan = scanVarScope(declarations, true, true);
  for (const name of scan.vars) scope.declare(name, 'var', undefined);
  for (const fn of scan.functions) scope.declare(fn.id.name, 'var', undefined);
  for (const d of lexicalDeclarations(declarations)) {
    if (d.type === 'FunctionDeclaration') continue;
    const kind = d.type === 'ClassDeclaration' ? 'class' : lexicalBindingKind(d.kind);
    for (const n of d.type === 'VariableDeclaration' ? d.declarations.flatMap((x) => boundNames(x.id)) : [d.id.name]) scope.declare(n, kind, UNINIT);
  }
  // A module body with `using` declarations disposes them when it ends (§16.2.1.6.5 ExecuteModule).
  if (hasUsingDeclaration(body as Statement[])) scope.declare(DISPOSE_CAPABILITY, 'disposeCapability', undefined);
  const anonymousFunction = anonymousDefault !== null && anonymousDefault.type === 'FunctionDeclaration' ? anonymousDefault as FunctionDeclaration : null;
  if (anonymousDefault !== null) scope.declare(DEFAULT_BINDING, anonymousFunction !== null ? 'var' : anonymousDefault.type === 'ClassDeclaration' ? 'class' : 'const', anonymousFunction !== null ? undefined : UNINIT);

  const sourceRecord: SourceRecord = { text: source, filename: options.filename, lineOffset: options.lineOffset, columnOffset: options.columnOffset };
  const marks = new Set<Node>();
  const hasTopLevelAwait = markSuspendPoints({ type: 'BlockStatement', body, start: 0, end: 0 } as never, marks);
  const c: CompileContext = {
    scope, strict: true, fn: null, completion: false, suspends: hasTopLevelAwait ? marks : null, forceGen: false, labels: [], source: sourceRecord,
    privates: null, evalCode: false, varScope: scope, annexB: new Set(),
  };
  const functions: Array<{ slot: number; make: (f: Frame) => Function }> = [];
  for (const fn of scan.functions) {
    const t = functionTemplate(fn, c, fn.id.name);
    functions.push({ slot: scope.bindings.get(fn.id.name)!.slot, make: (f) => makeFunction(t, f, f.env, undefined) });
  }
  if (anonymousFunction !== null) {
    const t = functionTemplate(anonymousFunction, c, 'default');
    functions.push({ slot: scope.bindings.get(DEFAULT_BINDING)!.slot, make: (f) => makeFunction(t, f, f.env, undefined) });
  }
  // With the generator form everywhere (compile/generator-form.ts), every node of the body runs in it.
  const everywhere = generatorForm.everywhere;
  const cg: CompileContext = everywhere ? { ...c, suspends: hasTopLevelAwait ? marks : new Set(), forceGen: true } : c;
  const code: ModuleCode = {
    scope, functions, importSlots, sourceRecord,
    syncBody: hasTopLevelAwait ? null : everywhere ? driven(genItems(body, cg)) : syncItems(body, c),
    asyncBody: hasTopLevelAwait ? genItems(body, cg) : null,
  };
  return {
    source, options, program, requests, evaluationOrder, importEntries, localExportEntries, indirectExportEntries, starExportEntries, hasTopLevelAwait, code,
  };
}

/** The running module's context: its environment, strict, `this` undefined (§16.2.1.6.4 steps 8–13). */
export interface ModuleInstance {
  readonly env: Env;
  readonly frame: Frame;
}

/** A module environment (§9.1.2.6 NewModuleEnvironment) for one Module Record of `prepared`, with its
 * lexical bindings uninitialized; the frame its code runs in. */
export function createModuleInstance(prepared: PreparedModule, realm: Realm): ModuleInstance {
  const code = prepared.code;
  const env = new Env(null, copySlots(code.scope.init), code.scope);
  const frame = new Frame(realm, env, env, undefined, null, undefined, [], true);
  frame.source = code.sourceRecord;
  return { env, frame };
}

/** The slot of a module-scope binding (a local export's name), or -1. */
export function moduleBindingSlot(prepared: PreparedModule, name: string): number {
  return prepared.code.scope.bindings.get(name)?.slot ?? -1;
}

/** The slot of the i-th import entry's binding, where CreateImportBinding puts its cell. */
export function importBindingSlot(prepared: PreparedModule, i: number): number {
  return prepared.code.importSlots[i];
}

/** InitializeEnvironment step 24 (§16.2.1.6.4): the hoisted function declarations. */
export function instantiateModuleFunctions(prepared: PreparedModule, instance: ModuleInstance): void {
  const f = instance.frame;
  for (const fn of prepared.code.functions) instance.env.slots[fn.slot] = fn.make(f);
}

/** ExecuteModule without a capability (§16.2.1.6.5 step 9): runs the body; guest exceptions throw. */
export function executeModuleSync(prepared: PreparedModule, instance: ModuleInstance): void {
  const f = instance.frame;
  const depth = enterFrame(f);
  try {
    prepared.code.syncBody!(f);
  } catch (e) {
    if (!(e instanceof Termination)) recordErrorLocation(e, f);
    throw e;
  } finally {
    agent.depth = depth;
  }
}

/** ExecuteModule with a capability (§16.2.1.6.5 step 10, AsyncBlockStart): runs the body until its
 * first await; `onFulfilled` / `onRejected` are called from promise jobs when it completes. */
export function executeModuleAsync(prepared: PreparedModule, instance: ModuleInstance, onFulfilled: () => void, onRejected: (e: unknown) => void): void {
  const f = instance.frame;
  const realm = f.realm;
  const promise = AsyncFunctionStart(realm, f, () => {}, prepared.code.asyncBody!);
  PerformPromiseThen(realm, promise, (): undefined => { onFulfilled(); return undefined; }, (e: unknown): undefined => { onRejected(e); return undefined; });
}
