// The composition root: the one place that knows both layers. It hands the realm layer the
// evaluator's entry points (src/realm/evaluator-hooks.ts), so src/realm never imports
// src/interpreter. Every entry module (src/vm, src/internal.ts) imports this first.
import { installEvaluatorHooks } from './realm/evaluator-hooks.js';
import { CreateDynamicFunction } from './interpreter/runtime/dynamic.js';
import { performIndirectEval, performShadowRealmEval } from './interpreter/runtime/eval-code.js';
import { realmImportHost } from './interpreter/runtime/host-defined.js';
import { ReflectApply } from './realm/primordials.js';
import { functionStateOf, sourceTextOf } from './interpreter/runtime/function-object.js';
import { GeneratorResume, GeneratorResumeAbrupt, isGeneratorObject } from './interpreter/runtime/generator-object.js';
import { isArgumentsObject } from './interpreter/runtime/arguments-object.js';
import { AsyncGeneratorRequest, isAsyncGeneratorObject } from './interpreter/runtime/async-generator-object.js';
import { enterGuestFromHost } from './realm/membrane.js';
import { setStackCapture } from './realm/stack-trace.js';
import { captureCallSites } from './interpreter/runtime/stack-trace.js';
import { interpreterReferents } from './interpreter/runtime/closure-referents.js';
import { repeatedGuestCall } from './interpreter/runtime/repeated-guest-call.js';
import { setPristineRealmFactory } from './realm/retained-memory.js';
import { createRealm } from './realm/intrinsics.js';

// Builtins that start guest code other than by calling a guest function (invoke brings host
// arguments in itself) enter it through the membrane when host code calls them.
installEvaluatorHooks({
  CreateDynamicFunction,
  PerformIndirectEval: (realm, x) => enterGuestFromHost(realm, x, (v) => performIndirectEval(realm, v)),
  PerformShadowRealmEval: (callerRealm, evalRealm, text) => enterGuestFromHost(callerRealm, text, () => performShadowRealmEval(callerRealm, evalRealm, text)),
  ImportModuleForRealm: (realm, specifier, capability) => {
    const host = realmImportHost(realm);
    if (host === null) {
      ReflectApply(capability.reject, undefined, [realm.newError('TypeError', `Cannot import '${specifier}': no module loader for this realm`)]);
      return;
    }
    host.importDynamically(realm, specifier, [], capability, 'evaluation');
  },
  functionSourceText: sourceTextOf,
  GeneratorResume: (realm, g, value) => enterGuestFromHost(realm, value, (v) => GeneratorResume(realm, g, v), g),
  GeneratorResumeAbrupt: (realm, g, kind, value) => enterGuestFromHost(realm, value, (v) => GeneratorResumeAbrupt(realm, g, kind, v), g),
  AsyncGeneratorRequest: (realm, g, kind, value) => enterGuestFromHost(realm, value, (v) => AsyncGeneratorRequest(realm, g, kind, v), g),
  isInterpretedGenerator: (g, async) => (async ? isAsyncGeneratorObject(g) : isGeneratorObject(g)),
  functionRealm: (F) => functionStateOf(F)?.realm,
  isArgumentsObject,
  interpreterReferents,
  repeatedGuestCall,
});

// The retained-memory walk subtracts what a fresh realm of the same kind measures.
setPristineRealmFactory((contextified) => createRealm(contextified));

// Errors read the guest call stack when they are made (src/realm/stack-trace.ts).
setStackCapture(captureCallSites);
