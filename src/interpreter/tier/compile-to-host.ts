// A function body compiled to one host function (the compiled tier): analysed
// (eligibility.ts), emitted (emit-*.ts) and made with the host's Function
// (host-codegen.ts) as `function (rt, K) { …; return function (f) { … } }`. The
// result replaces the closure tier's `run` of the body: invoke, the Frame, the
// instantiation of parameters and hoisted functions stay as they are.
import type { Expression, Statement } from 'acorn';
import type { FunctionTemplate } from '../compile/function-template.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { ScopeInfo } from '../compile/scope.js';
import type { Frame, Signal } from '../runtime/frame.js';
import { analyseBody } from './eligibility.js';
import { Emitter } from './emit-context.js';
import { emitStatements } from './emit-statement.js';
import { emitExpression } from './emit-expression.js';
import { makeHostFunction } from './host-codegen.js';
import { tierRuntime, type TierRuntime } from './tier-runtime.js';

export type SyncRun = (f: Frame) => Signal;

/** The generated source of `t`'s body and its constants. Throws Unsupported when the tier cannot take it. */
export function emitFunction(t: FunctionTemplate, c: CompileContext, scope: ScopeInfo): { source: string; consts: unknown[] } {
  const body = t.node.body;
  const statements: Statement[] | null = body.type === 'BlockStatement' ? body.body : null;
  const expression: Expression | null = body.type === 'BlockStatement' ? null : body as Expression;
  const analysis = analyseBody(t.node, statements, expression, t.lazyArguments !== null);
  const e = new Emitter(t, c, analysis, scope);
  const args = scope.bindings.get('arguments');
  if (!t.strict && args !== undefined && args.kind === 'arguments') {
    // A mapped arguments object aliases the parameters' slots (§10.4.4.7): they stay there.
    e.setMappedParams(new Set((t.node.params ?? []).map((p) => (p as { name: string }).name)));
  }
  const decls = e.pushScope(scope, 'e0', statements ?? [], (b) => `e0.slots[${b.slot}]`);
  const code = statements !== null ? emitStatements(e, statements, true) : `f.retVal = ${emitExpression(e, expression!)}; return 3;`;
  const consts = e.consts.map((_, i) => `k${i} = K[${i}]`);
  const source = [
    'const A = rt.agent, U = rt.UNINIT;',
    consts.length > 0 ? `const ${consts.join(', ')};` : '',
    'return function (f) {',
    'const e0 = f.env;',
    e.usesThis ? 'const th = f.thisFrame.thisValue;' : '',
    e.locals.length > 0 ? `let ${e.locals.join(', ')};` : '',
    decls,
    code,
    'return 0;',
    '};',
  ].join('\n');
  return { source, consts: e.consts };
}

/** The host function for `t`'s body (its source pushed on `sources` when given: vmjs's tests read it).
 * Throws Unsupported when the tier cannot take it. */
export function compileToHost(t: FunctionTemplate, c: CompileContext, scope: ScopeInfo, sources: string[] | null = null): SyncRun {
  const { source, consts } = emitFunction(t, c, scope);
  if (sources !== null) sources.push(source);
  const factory = makeHostFunction(['rt', 'K'], source) as (rt: TierRuntime, K: unknown[]) => SyncRun;
  return factory(tierRuntime, consts);
}
