// vm.Script: compiled once (parsed and prepared by the interpreter), run many
// times in any context (BRIEF decision 8).
import type { Realm } from '../realm/realm.js';
import { prepareScript, type PreparedScript } from '../interpreter/script.js';
import { createContext, validateContext, type Context } from './context.js';
import { validateImportModuleDynamically } from './constants.js';
import { execute } from './execute.js';
import { hostRealm } from './host-realm.js';
import { getContextOptions, getRunArgs, type RunningScriptInNewContextOptions, type RunningScriptOptions } from './run-options.js';
import { validateBoolean, validateBuffer, validateInt32, validateObject, validateString } from './validators.js';
import { CachedDataKind } from '../parser/cached-data.js';
import type { ScriptProgram } from '../interpreter/compile/estree.js';
import { cachedTree, hostCachedData } from './cached-data.js';
import { decorateErrorStack } from './display-errors.js';
import { VmImportHost } from './dynamic-import.js';

export interface ScriptOptions {
  /** Shown in stack traces and error locations (default 'evalmachine.<anonymous>'). */
  filename?: string;
  lineOffset?: number;
  columnOffset?: number;
  /** Data from `createCachedData()` (or `produceCachedData`) for this source: when it matches, the
   * script is prepared from it without parsing; `cachedDataRejected` says whether it was used. */
  cachedData?: ArrayBufferView;
  /** Sets `cachedData` (a Buffer, or a Uint8Array without one) and `cachedDataProduced: true`. */
  produceCachedData?: boolean;
  /** Called by import() in the script's code: (specifier, script, attributes) → a Module or a namespace. */
  importModuleDynamically?: unknown;
}

/** Internal option: the context whose realm owns the script's SyntaxError (node's kParsingContext). */
export const kParsingContext: unique symbol = Symbol('script parsing context');

interface InternalScriptOptions extends ScriptOptions {
  [kParsingContext]?: Context;
}

// V8 records the last `//# sourceMappingURL=` (or `//@`) comment. vmjs reads it from the source text
// line by line, which can also match such text inside a multi-line string or template literal.
const sourceMappingComment = /\/\/[#@][ \t]sourceMappingURL=([^\s'"]*)[ \t]*$/gm;

function findSourceMapURL(source: string): string | undefined {
  let url: string | undefined;
  for (const m of source.matchAll(sourceMappingComment)) url = m[1];
  return url;
}

let preparedOf: (script: Script) => PreparedScript;

/** The prepared program a Script holds (vm.debug re-prepares its source for the debugger). */
export function preparedScriptOf(script: Script): PreparedScript {
  return preparedOf(script);
}

export class Script {
  readonly #prepared: PreparedScript;
  static {
    preparedOf = (script) => script.#prepared;
  }
  // Own properties in node's order: cachedDataRejected, cachedData, cachedDataProduced, sourceMapURL.
  declare cachedDataRejected?: boolean;
  declare cachedData?: Uint8Array;
  declare cachedDataProduced?: boolean;
  /** The URL of the script's source map comment, or undefined. */
  declare sourceMapURL: string | undefined;

  constructor(code: unknown, options: ScriptOptions | string = {}) {
    const source = `${code}`;
    let opts: InternalScriptOptions;
    if (typeof options === 'string') opts = { filename: options };
    else { validateObject(options, 'options'); opts = options; }

    const {
      filename = 'evalmachine.<anonymous>',
      lineOffset = 0,
      columnOffset = 0,
      cachedData,
      produceCachedData = false,
      importModuleDynamically,
      [kParsingContext]: parsingContext,
    } = opts;
    validateString(filename, 'options.filename');
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
    validateBoolean(produceCachedData, 'options.produceCachedData');
    validateImportModuleDynamically(importModuleDynamically);

    const sourceOptions = { filename, lineOffset, columnOffset };
    let prepared: PreparedScript | undefined;
    const cached = cachedData === undefined ? undefined : cachedTree<ScriptProgram>(CachedDataKind.Script, source, cachedData);
    if (cached !== undefined) {
      // Data that passed every check but does not prepare (it cannot come from createCachedData) is
      // rejected like any other mismatch.
      try { prepared = prepareScript(source, sourceOptions, cached); } catch { prepared = undefined; }
    }
    try {
      prepared ??= prepareScript(source, sourceOptions);
    } catch (e) {
      decorateErrorStack(e, source, lineOffset, columnOffset);
      throw parsingContext === undefined ? e : intoParsingRealm(e, validateContext(parsingContext).realm);
    }
    this.#prepared = prepared;
    // import() in the script's code calls `importModuleDynamically` with this script as the referrer.
    this.#prepared.code.sourceRecord.host = new VmImportHost(this, importModuleDynamically);
    if (cachedData !== undefined) this.cachedDataRejected = cached === undefined || prepared.program !== cached;
    if (produceCachedData) {
      this.cachedData = hostCachedData(CachedDataKind.Script, source, prepared.program);
      this.cachedDataProduced = true;
    }
    this.sourceMapURL = findSourceMapURL(source);
  }

  /** Runs the script in the main context (the host realm). */
  runInThisContext(options?: RunningScriptOptions): unknown {
    const { timeout, displayErrors } = getRunArgs(options);
    return execute(this.#prepared, hostRealm(), timeout, displayErrors);
  }

  /** Runs the script in a context made by vm.createContext. */
  runInContext(contextifiedObject: Context, options?: RunningScriptOptions): unknown {
    const { realm } = validateContext(contextifiedObject);
    const { timeout, displayErrors } = getRunArgs(options);
    return execute(this.#prepared, realm, timeout, displayErrors);
  }

  /** Contextifies `contextObject` (a new `{}` by default) and runs the script in it. */
  runInNewContext(contextObject?: object, options?: RunningScriptInNewContextOptions): unknown {
    const context = createContext(contextObject, getContextOptions(options));
    return this.runInContext(context, options);
  }

  /** The script's cachedData: its checked parse, tied to its source and to this vmjs (a Buffer where
   * the host has one, a Uint8Array otherwise). `new Script(source, { cachedData })` then skips parsing. */
  createCachedData(): Uint8Array {
    if (!(typeof this === 'object' && this !== null && #prepared in this)) throw new TypeError('Illegal invocation');
    return hostCachedData(CachedDataKind.Script, this.#prepared.source, this.#prepared.program);
  }
}

/** A host SyntaxError from preparing the script, re-made in the parsing context's realm as node does
 * when vm.runInContext / vm.runInNewContext compile for a context. */
export function intoParsingRealm(e: unknown, realm: Realm): unknown {
  if (realm.isHost || !(e instanceof SyntaxError)) return e;
  const converted = realm.newError('SyntaxError', e.message);
  for (const key of Reflect.ownKeys(e)) {
    if (key === 'message') continue;
    const d = Object.getOwnPropertyDescriptor(e, key)!;
    Object.defineProperty(converted, key, d);
  }
  return converted;
}
