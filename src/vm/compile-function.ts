// vm.compileFunction: node's argument checks, then a clear "not implemented" error
// (it needs the interpreter to compile a function body with parameters and
// contextExtensions scopes, which it does not offer yet).
import { isContext } from './context.js';
import { validateImportModuleDynamically } from './constants.js';
import { ERR_INVALID_ARG_TYPE, ERR_VMJS_NOT_IMPLEMENTED } from './errors.js';
import { validateArray, validateBoolean, validateBuffer, validateInt32, validateObject, validateString, validateStringArray } from './validators.js';

export interface CompileFunctionOptions {
  filename?: string;
  lineOffset?: number;
  columnOffset?: number;
  cachedData?: ArrayBufferView;
  produceCachedData?: boolean;
  parsingContext?: object;
  contextExtensions?: object[];
  importModuleDynamically?: unknown;
}

export function compileFunction(code: unknown, params?: unknown, options: unknown = {}): Function {
  validateString(code, 'code');
  validateObject(options, 'options');
  if (params !== undefined) validateStringArray(params, 'params');
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
  throw ERR_VMJS_NOT_IMPLEMENTED('vm.compileFunction()');
}
