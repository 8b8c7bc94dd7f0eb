// vm.compileFunction(code, params, options): node's argument checks, then a function of the parsing
// context's realm (the main context's by default) whose body is parsed and compiled once, inside one
// object environment per `contextExtensions` object (src/interpreter/compiled-function.ts).
import { contextRecord, isContext } from './context.js';
import { VmImportHost } from './dynamic-import.js';
import { validateImportModuleDynamically } from './constants.js';
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE } from './errors.js';
import { validateArray, validateBoolean, validateBuffer, validateInt32, validateObject, validateString, validateStringArray } from './validators.js';
import { hostRealm } from './host-realm.js';
import { intoParsingRealm } from './script.js';
import { decorateErrorStack } from './display-errors.js';
import { prepareFunction, instantiateFunction, type PreparedFunction } from '../interpreter/compiled-function.js';
import type { ScriptProgram } from '../interpreter/compile/estree.js';
import { CachedDataKind } from '../parser/cached-data.js';
import { cachedTree, hostCachedData } from './cached-data.js';

export interface CompileFunctionOptions {
  filename?: string;
  lineOffset?: number;
  columnOffset?: number;
  /** Data from an earlier `produceCachedData` for this body: when it matches, the body is prepared
   * from it without parsing; the function's `cachedDataRejected` says whether it was used. */
  cachedData?: ArrayBufferView;
  /** Gives the function `cachedDataProduced: true` and `cachedData` (a Buffer, or a Uint8Array). */
  produceCachedData?: boolean;
  parsingContext?: object;
  contextExtensions?: object[];
  /** Accepted and validated; vmjs has no dynamic import() yet. */
  importModuleDynamically?: unknown;
}

/** What V8 accepts as a parameter name (String::IsIdentifier): identifier characters only, reserved
 * words included, no escapes. node passes anything else on to V8, which then fails without an
 * exception and node crashes; vmjs throws ERR_INVALID_ARG_VALUE instead. */
const identifierName = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

export function compileFunction(code: unknown, params?: unknown, options: unknown = {}): Function {
  validateString(code, 'code');
  validateObject(options, 'options');
  if (params !== undefined) validateStringArray(params, 'params');
  else params = [];
  const {
    filename = '',
    columnOffset = 0,
    lineOffset = 0,
    cachedData = undefined,
    produceCachedData = false,
    parsingContext = undefined,
    contextExtensions = [],
    importModuleDynamically,
  } = options as CompileFunctionOptions;
  validateString(filename, 'options.filename');
  validateInt32(columnOffset, 'options.columnOffset');
  validateInt32(lineOffset, 'options.lineOffset');
  if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
  validateBoolean(produceCachedData, 'options.produceCachedData');
  if (parsingContext !== undefined) {
    if (typeof parsingContext !== 'object' || parsingContext === null || !isContext(parsingContext)) {
      throw ERR_INVALID_ARG_TYPE('options.parsingContext', 'Context', parsingContext);
    }
  }
  validateArray(contextExtensions, 'options.contextExtensions');
  contextExtensions.forEach((extension, i) => {
    validateObject(extension, `options.contextExtensions[${i}]`, { nullable: true });
  });
  validateImportModuleDynamically(importModuleDynamically);

  // Beyond node's checks, what node leaves to V8 and crashes on: a parameter that is not an
  // identifier, and a null extension (V8 accepts only ordinary objects; vmjs also takes proxies).
  const names = params as string[];
  names.forEach((name, i) => {
    if (!identifierName.test(name)) throw ERR_INVALID_ARG_VALUE(`params[${i}]`, name, 'must be an identifier');
  });
  contextExtensions.forEach((extension, i) => {
    if (extension === null) throw ERR_INVALID_ARG_TYPE(`options.contextExtensions[${i}]`, 'object', extension);
  });

  const realm = parsingContext === undefined ? hostRealm() : contextRecord(parsingContext)!.realm;
  const sourceOptions = { filename, lineOffset, columnOffset };
  const withScopes = contextExtensions.length > 0;
  let prepared: PreparedFunction | undefined;
  const cached = cachedData === undefined ? undefined : cachedTree<ScriptProgram>(CachedDataKind.FunctionBody, code, cachedData);
  if (cached !== undefined) {
    // A tree that does not prepare (a parameter that clashes with a declaration of the body, or data
    // produceCachedData cannot make) is prepared again from the source below, which throws the
    // SyntaxError with its location as without cachedData, or rejects the data.
    try { prepared = prepareFunction(code, names, sourceOptions, withScopes, cached); } catch { prepared = undefined; }
  }
  try {
    prepared ??= prepareFunction(code, names, sourceOptions, withScopes);
  } catch (e) {
    decorateErrorStack(e, code, lineOffset, columnOffset);
    throw intoParsingRealm(e, realm);
  }
  const fn = instantiateFunction(prepared, realm, contextExtensions);
  // import() in the body calls `importModuleDynamically` with the function as the referrer.
  prepared.source.host = new VmImportHost(fn, importModuleDynamically);
  // node sets these as plain properties of the function, only for the options given, in this order.
  const result = fn as { cachedDataProduced?: boolean; cachedData?: Uint8Array; cachedDataRejected?: boolean };
  if (produceCachedData) {
    result.cachedDataProduced = true;
    result.cachedData = hostCachedData(CachedDataKind.FunctionBody, code, prepared.program);
  }
  if (cachedData !== undefined) result.cachedDataRejected = cached === undefined || prepared.program !== cached;
  return fn;
}
