// Internal modules exposed for vmjs's own tests and tools (test262 runner, bench); not a public API.
import './engine.js';
export { agent, Agent, Termination } from './realm/agent.js';
export { Realm } from './realm/realm.js';
export { prepareScript, runScript } from './interpreter/script.js';
export { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_INVALID_ARG_VALUE, ERR_SCRIPT_EXECUTION_TIMEOUT, determineSpecificType } from './vm/errors.js';
export { inspect as vmInspect } from './vm/inspect.js';
export { contextRecord } from './vm/context.js';
export { createGlobalProxy } from './vm/global-proxy.js';
export { createRealm, createHostRealm, installIntrinsics } from './realm/intrinsics.js';
export * as abstractOps from './realm/abstract-ops.js';
export { toRealmError, hostCall } from './realm/host-errors.js';
export { toFloat16 } from './realm/builtins/math.js';
export { installArray } from './realm/builtins/array.js';
export { createArrayIterator, installArrayIterator } from './realm/builtins/array-iterator.js';
export { installString } from './realm/builtins/string.js';
export { installNumber } from './realm/builtins/number.js';
export { installBigInt } from './realm/builtins/bigint.js';
export { installRegExp, createRegExpLiteral } from './realm/builtins/regexp.js';
