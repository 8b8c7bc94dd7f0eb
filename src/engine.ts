// The composition root: the one place that knows both layers. It hands the realm layer the
// evaluator's entry points (src/realm/evaluator-hooks.ts), so src/realm never imports
// src/interpreter. Every entry module (src/vm, src/internal.ts) imports this first.
import { installEvaluatorHooks } from './realm/evaluator-hooks.js';
import { CreateDynamicFunction } from './interpreter/runtime/dynamic.js';
import { performIndirectEval } from './interpreter/runtime/eval-code.js';
import { functionStateOf, sourceTextOf } from './interpreter/runtime/function-object.js';
import { GeneratorResume, GeneratorResumeAbrupt } from './interpreter/runtime/generator-object.js';
import { isArgumentsObject } from './interpreter/runtime/arguments-object.js';
import { AsyncGeneratorRequest } from './interpreter/runtime/async-generator-object.js';

installEvaluatorHooks({
  CreateDynamicFunction,
  PerformIndirectEval: performIndirectEval,
  functionSourceText: sourceTextOf,
  GeneratorResume,
  GeneratorResumeAbrupt,
  AsyncGeneratorRequest,
  functionRealm: (F) => functionStateOf(F)?.realm,
  isArgumentsObject,
});
