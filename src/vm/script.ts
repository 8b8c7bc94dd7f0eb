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
import { ERR_VMJS_NOT_IMPLEMENTED } from './errors.js';
import { decorateErrorStack } from './display-errors.js';
import { VmImportHost } from './dynamic-import.js';

export interface ScriptOptions {
  /** Shown in stack traces and error locations (default 'evalmachine.<anonymous>'). */
  filename?: string;
  lineOffset?: number;
  columnOffset?: number;
  /** Accepted and validated; vmjs has no code cache yet, so it is never used: `cachedDataRejected` is true. */
  cachedData?: ArrayBufferView;
  /** Accepted and validated; vmjs has no code cache yet, so `cachedDataProduced` is false. */
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
  /** The URL of the script's source map comment, or undefined. */
  sourceMapURL: string | undefined;
  declare cachedDataRejected?: boolean;
  declare cachedDataProduced?: boolean;

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

    try {
      this.#prepared = prepareScript(source, { filename, lineOffset, columnOffset });
    } catch (e) {
      decorateErrorStack(e, source, lineOffset, columnOffset);
      throw parsingContext === undefined ? e : intoParsingRealm(e, validateContext(parsingContext).realm);
    }
    // import() in the script's code calls `importModuleDynamically` with this script as the referrer.
    this.#prepared.code.sourceRecord.host = new VmImportHost(this, importModuleDynamically);
    this.sourceMapURL = findSourceMapURL(source);
    if (cachedData !== undefined) this.cachedDataRejected = true;
    if (produceCachedData) this.cachedDataProduced = false;
  }

  /** Runs the script in the main context (the host realm). */
  runInThisContext(options?: RunningScriptOptions): unknown {
    const { timeout, displayErrors, memoryLimit } = getRunArgs(options);
    return execute(this.#prepared, hostRealm(), timeout, displayErrors, memoryLimit);
  }

  /** Runs the script in a context made by vm.createContext. */
  runInContext(contextifiedObject: Context, options?: RunningScriptOptions): unknown {
    const { realm, runTimeout } = validateContext(contextifiedObject);
    const { timeout, displayErrors, memoryLimit } = getRunArgs(options);
    return execute(this.#prepared, realm, tighterTimeout(timeout, runTimeout), displayErrors, memoryLimit);
  }

  /** Contextifies `contextObject` (a new `{}` by default) and runs the script in it. */
  runInNewContext(contextObject?: object, options?: RunningScriptInNewContextOptions): unknown {
    const context = createContext(contextObject, getContextOptions(options));
    return this.runInContext(context, options);
  }

  /** node returns V8's code cache for the script; vmjs has no serialised form yet. */
  createCachedData(): never {
    throw ERR_VMJS_NOT_IMPLEMENTED('script.createCachedData()');
  }
}

/** A run's timeout narrowed by its context's own (createSandbox's). */
export function tighterTimeout(timeout: number | undefined, contextTimeout: number | undefined): number | undefined {
  if (contextTimeout === undefined) return timeout;
  return timeout === undefined || timeout > contextTimeout ? contextTimeout : timeout;
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
