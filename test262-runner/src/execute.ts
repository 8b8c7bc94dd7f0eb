// Runs one test file: reads its metadata, decides a skip, and runs each scenario in a fresh realm
// (INTERPRETING.md "Test Execution", "Test Results", "negative", "async").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTimeoutError, type DynamicImporter, type Engine, type VmModule, type VmScript } from './engine.js';
import { HarnessCache } from './harness.js';
import { parseMetadata, MetadataError, type Negative, type Phase, type TestMetadata } from './metadata.js';
import { ModuleLoader } from './modules.js';
import { createTestRealm, type TestRealm } from './realm262.js';
import { AgentHost, type AgentConfig } from './agents.js';
import { combine, failure, type ScenarioResult, type TestResult } from './result.js';
import { harnessFiles, scenariosFor, sourceFor, type Mode } from './scenarios.js';
import { skipDecision, type SkipPolicy } from './skip.js';

export interface ExecOptions {
  engine: Engine;
  test262Dir: string;
  harness: HarnessCache;
  skip: SkipPolicy;
  /** Per scenario, in milliseconds: script runs, module evaluation and the async wait share it. */
  timeout: number;
  /** How $262.agent starts its agents (the same engine and switches as this worker). */
  agentConfig: AgentConfig;
}

const ASYNC_COMPLETE = 'Test262:AsyncTestComplete';
const ASYNC_FAILURE = 'Test262:AsyncTestFailure:';

/** `file` is relative to the test262 directory (`test/...`). Never throws: every problem is a result. */
export async function runTest(opts: ExecOptions, file: string): Promise<TestResult> {
  const started = performance.now();
  const path = join(opts.test262Dir, file);
  let source: string;
  let meta: TestMetadata;
  try {
    source = readFileSync(path, 'utf8');
    meta = parseMetadata(source);
  } catch (e) {
    const why = e instanceof MetadataError ? `metadata: ${e.message}` : `cannot read test: ${describe(e)}`;
    return failure(file, why, performance.now() - started);
  }
  const skip = skipDecision(meta, opts.skip);
  if (skip !== null) return { file, status: 'skip', scenarios: [], message: skip.reason, skipKind: skip.kind, ms: 0 };
  const scenarios: ScenarioResult[] = [];
  for (const mode of scenariosFor(meta)) {
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      outcome = await runScenario(opts, path, source, meta, mode);
    } catch (e) {
      outcome = { pass: false, message: `runner error: ${describe(e)}` };
    }
    scenarios.push({ mode, ...outcome, ms: performance.now() - t0 });
    // The test has failed either way; a second full timeout would only slow the run down.
    if (outcome.timedOut === true) break;
  }
  return combine(file, scenarios, performance.now() - started);
}

interface Outcome { pass: boolean; message?: string; timedOut?: boolean }

const PASS: Outcome = { pass: true };

class Deadline {
  private readonly end: number;
  constructor(readonly timeout: number) { this.end = Date.now() + timeout; }
  /** Milliseconds left for the next run; throws a timeout outcome when none are. */
  remaining(): number {
    const left = this.end - Date.now();
    if (left <= 0) throw new TimedOut(this.timeout);
    return left;
  }
  passed(): boolean { return Date.now() >= this.end; }
}

class TimedOut {
  constructor(readonly timeout: number) {}
}

async function runScenario(opts: ExecOptions, path: string, source: string, meta: TestMetadata, mode: Mode): Promise<Outcome> {
  const deadline = new Deadline(opts.timeout);
  const agents = new AgentHost(opts.agentConfig, opts.timeout);
  try {
    return mode === 'module'
      ? await runModule(opts, path, source, meta, deadline, agents)
      : await runScript(opts, path, sourceFor(mode, source), meta, mode, deadline, agents);
  } catch (e) {
    if (e instanceof TimedOut || isTimeoutError(e)) return { pass: false, message: `timed out after ${opts.timeout} ms`, timedOut: true };
    throw e;
  } finally {
    agents.dispose();
  }
}

/** The test realm's context-level importModuleDynamically (import() in Function and eval code, and a
 * ShadowRealm's importValue): specifiers resolve next to the test file, in the test's loader. */
function contextImporter(loader: () => ModuleLoader | null, path: string): DynamicImporter {
  return (specifier, referrer, attributes, phase) => {
    const l = loader();
    if (l === null) throw new Error('import() before the test realm exists');
    return l.importerFor(path)(specifier, referrer, attributes, phase);
  };
}

async function runScript(opts: ExecOptions, path: string, text: string, meta: TestMetadata, mode: Mode, deadline: Deadline, agents: AgentHost): Promise<Outcome> {
  const { vm } = opts.engine;
  const printed: string[] = [];
  // The test parses before the realm exists: a parse-phase error must come before any evaluation.
  let loader: ModuleLoader | null = null;
  let script: VmScript;
  try {
    const importModuleDynamically = vm.SourceTextModule === undefined ? undefined : (specifier: string, referrer: unknown, attributes?: Record<string, string>, phase?: string) => {
      if (loader === null) throw new Error('import() before the test realm exists');
      return loader.importerFor(path)(specifier, referrer, attributes, phase);
    };
    script = new vm.Script(text, { filename: path, importModuleDynamically });
  } catch (e) {
    return judgeThrow('parse', e, meta.negative);
  }
  if (meta.negative?.phase === 'parse') return expectedButNone(meta.negative);
  const realm = createTestRealm(opts.engine, { onPrint: (m) => printed.push(m), importer: contextImporter(() => loader, path), agents });
  loader = new ModuleLoader(vm, realm.context, jsonParserFor(opts, realm), opts.engine.reevaluateIsSafe, bytesMakerFor(opts, realm));
  const harnessFailure = runHarness(opts, realm, meta, mode, deadline);
  if (harnessFailure !== null) return harnessFailure;
  try {
    script.runInContext(realm.context, { timeout: deadline.remaining() });
  } catch (e) {
    if (isTimeoutError(e)) throw e;
    return judgeThrow('runtime', e, meta.negative);
  }
  if (meta.flags.has('async')) return awaitAsync(printed, meta.negative, deadline);
  if (meta.negative !== null) return expectedButNone(meta.negative);
  return PASS;
}

async function runModule(opts: ExecOptions, path: string, source: string, meta: TestMetadata, deadline: Deadline, agents: AgentHost): Promise<Outcome> {
  const { vm } = opts.engine;
  if (vm.SourceTextModule === undefined) return { pass: false, message: `module code is not supported by the ${opts.engine.name} engine (its vm API has no SourceTextModule)` };
  const printed: string[] = [];
  let contextLoader: ModuleLoader | null = null;
  const realm = createTestRealm(opts.engine, { onPrint: (m) => printed.push(m), importer: contextImporter(() => contextLoader, path), agents });
  const loader = new ModuleLoader(vm, realm.context, jsonParserFor(opts, realm), opts.engine.reevaluateIsSafe, bytesMakerFor(opts, realm));
  contextLoader = loader;
  let record: VmModule;
  try {
    record = loader.sourceTextModule(path, source);
  } catch (e) {
    return judgeThrow('parse', e, meta.negative);
  }
  if (meta.negative?.phase === 'parse') return expectedButNone(meta.negative);
  const harnessFailure = runHarness(opts, realm, meta, 'module', deadline);
  if (harnessFailure !== null) return harnessFailure;
  try {
    await withDeadline(loader.link(record), deadline);
  } catch (e) {
    if (e instanceof TimedOut) throw e;
    return judgeThrow('resolution', e, meta.negative);
  }
  if (meta.negative?.phase === 'resolution') return expectedButNone(meta.negative);
  try {
    await withDeadline(record.evaluate({ timeout: deadline.remaining() }), deadline);
  } catch (e) {
    if (e instanceof TimedOut || isTimeoutError(e)) throw e;
    return judgeThrow('runtime', e, meta.negative);
  }
  if (meta.flags.has('async')) return awaitAsync(printed, meta.negative, deadline);
  if (meta.negative !== null) return expectedButNone(meta.negative);
  return PASS;
}

/** Evaluates the harness files in the realm; a throw there is the test's failure, named as such. */
function runHarness(opts: ExecOptions, realm: TestRealm, meta: TestMetadata, mode: Mode, deadline: Deadline): Outcome | null {
  for (const name of harnessFiles(meta, mode)) {
    const script = opts.harness.get(name);
    try {
      script.runInContext(realm.context, { timeout: deadline.remaining() });
    } catch (e) {
      if (isTimeoutError(e) || e instanceof TimedOut) throw e;
      return { pass: false, message: `harness/${name} threw ${describe(e)}` };
    }
  }
  return null;
}

/** A bytes module's value (import-bytes, CreateBytesModule): made by code of the test realm, so it is
 * that realm's Uint8Array over that realm's immutable ArrayBuffer. */
function bytesMakerFor(opts: ExecOptions, realm: TestRealm): (bytes: Uint8Array) => unknown {
  return (bytes) => new opts.engine.vm.Script(
    `new Uint8Array(new Uint8Array(${JSON.stringify(Array.from(bytes))}).buffer.transferToImmutable())`, { filename: 'bytes-module' },
  ).runInContext(realm.context);
}

function jsonParserFor(opts: ExecOptions, realm: TestRealm): (text: string) => unknown {
  return (text) => new opts.engine.vm.Script(`JSON.parse(${JSON.stringify(text)})`, { filename: 'json-module' }).runInContext(realm.context);
}

/** The test is not complete until print is called with the completion or failure marker. Guest
 * jobs run between host turns, so the runner yields to the event loop while it waits. */
async function awaitAsync(printed: string[], negative: Negative | null, deadline: Deadline): Promise<Outcome> {
  for (;;) {
    for (const m of printed) {
      if (m.startsWith(ASYNC_COMPLETE)) return negative === null ? PASS : expectedButNone(negative);
      if (m.startsWith(ASYNC_FAILURE)) return { pass: false, message: `async failure: ${m.slice(ASYNC_FAILURE.length).trim()}` };
    }
    if (deadline.passed()) {
      const seen = printed.length === 0 ? 'print was never called' : `print got ${JSON.stringify(printed.slice(0, 3))}`;
      return { pass: false, message: `async test did not complete within ${deadline.timeout} ms (${seen})`, timedOut: true };
    }
    await new Promise<void>((r) => setTimeout(r, printed.length === 0 ? 1 : 0));
  }
}

async function withDeadline<T>(p: Promise<T>, deadline: Deadline): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new TimedOut(deadline.timeout)), deadline.remaining()); });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** A thrown value matches a negative expectation when the phase and its constructor's name match. */
export function judgeThrow(phase: Phase, thrown: unknown, negative: Negative | null): Outcome {
  const name = constructorName(thrown);
  if (negative !== null && negative.phase === phase && name === negative.type) return PASS;
  const what = phase === 'parse' ? 'parse error' : phase === 'resolution' ? 'resolution error' : 'uncaught';
  const expected = negative === null ? '' : ` (expected ${negative.type} at ${negative.phase} phase)`;
  return { pass: false, message: `${what} ${describe(thrown)}${expected}` };
}

function expectedButNone(negative: Negative): Outcome {
  const when = negative.phase === 'parse' ? 'parsed' : negative.phase === 'resolution' ? 'linked' : 'ran';
  return { pass: false, message: `expected ${negative.type} at ${negative.phase} phase, but the test ${when} without one` };
}

export function constructorName(v: unknown): string | null {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return null;
  try {
    const ctor = (v as { constructor?: unknown }).constructor;
    if (typeof ctor !== 'function') return null;
    const name: unknown = (ctor as { name?: unknown }).name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/** A short, safe description of a thrown value ("TypeError: x is not a function"). */
export function describe(v: unknown): string {
  try {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null) {
      return typeof v === 'string' ? JSON.stringify(v) : `${typeof v} ${String(v)}`;
    }
    const name = constructorName(v) ?? 'object';
    const message: unknown = (v as { message?: unknown }).message;
    return typeof message === 'string' && message !== '' ? `${name}: ${message}` : name;
  } catch {
    return '(a value that cannot be described)';
  }
}
