// Expressions (§13) compiled to closures: the dispatcher. Each family lives in its
// own file (literals, functions, member, calls, operators, assignment, yield); this
// one only routes a node to its compiler and keeps the few nodes too small to
// deserve a file. Written once in generator form; the synchronous form is derived
// (scripts/derive-sync.mjs). Every closure is `function*` and evaluates
// sub-expressions with `yield*`.
import type { Expression, Identifier, Node } from 'acorn';
import { IS_GEN, delegateExpression, type Expr } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import { compileRead } from '../compile/references.js';
import { UNINIT } from '../compile/scope.js';
import { compileClass } from './classes.js';
import { compileLiteral, compileTemplate, compileArray, compileObject } from './literals.js';
import { compileFunctionExpression } from './functions.js';
import { compileChain, compileMember } from './member.js';
import { compileCall, compileNew, compileTaggedTemplate } from './calls.js';
import { compileUnary, compileBinary, compileLogical, compileConditional } from './operators.js';
import { compileAssignment, compileUpdate } from './assignment.js';
import { compileYield } from './yield.js';
import { compileAwait } from './await.js';
import { EvaluateImportCall } from '../runtime/dynamic-import.js';

export function compileExpression(node: Expression, c: CompileContext): Expr {
  if (IS_GEN && !c.forceGen && !c.suspends!.has(node)) return delegateExpression(node, c);
  switch (node.type) {
    case 'Literal': return compileLiteral(node, c);
    case 'Identifier': return compileIdentifier(node, c);
    case 'ThisExpression': return compileThis(c);
    case 'TemplateLiteral': return compileTemplate(node, c);
    case 'TaggedTemplateExpression': return compileTaggedTemplate(node, c);
    case 'ArrayExpression': return compileArray(node, c);
    case 'ObjectExpression': return compileObject(node, c);
    case 'FunctionExpression': case 'ArrowFunctionExpression': return compileFunctionExpression(node, c, undefined);
    case 'ClassExpression': return compileClass(node, c, undefined);
    case 'MemberExpression': return compileMember(node, c, false);
    case 'ChainExpression': return compileChain(node, c);
    case 'CallExpression': return compileCall(node, c, false);
    case 'NewExpression': return compileNew(node, c);
    case 'UpdateExpression': return compileUpdate(node, c);
    case 'UnaryExpression': return compileUnary(node, c);
    case 'BinaryExpression': return compileBinary(node, c);
    case 'LogicalExpression': return compileLogical(node, c);
    case 'ConditionalExpression': return compileConditional(node, c);
    case 'AssignmentExpression': return compileAssignment(node, c);
    case 'SequenceExpression': {
      const list = node.expressions.map((e) => compileExpression(e, c));
      const n = list.length;
      return function* (f) {
        for (let i = 0; i < n - 1; i++) yield* list[i](f);
        return yield* list[n - 1](f);
      };
    }
    case 'ParenthesizedExpression': return compileExpression(node.expression, c);
    case 'MetaProperty': {
      if (node.meta.name === 'new') return function* (f) { return f.thisFrame.newTarget; };
      // §13.3.12.1 import.meta: only module code parses it; the module's host makes the object once.
      return function* (f) {
        const host = f.source?.host;
        if (host === undefined || host.importMeta === undefined) return f.realm.throwSyntaxError('Cannot use \'import.meta\' outside a module');
        return host.importMeta(f.realm);
      };
    }
    case 'YieldExpression': return compileYield(node, c);
    case 'AwaitExpression': return compileAwait(node, c);
    case 'ImportExpression': {
      // §13.3.10.1 EvaluateImportCall: both operands are evaluated before anything is checked.
      const spec = compileExpression(node.source, c);
      const options = node.options ? compileExpression(node.options, c) : null;
      const phase = (node as { phase?: string }).phase === 'defer' ? 'defer' : 'evaluation'; // import.defer() (import-defer)
      return function* (f) {
        const specifier = yield* spec(f);
        const opts = options === null ? undefined : yield* options(f);
        return EvaluateImportCall(f, specifier, opts, phase);
      };
    }
  }
  throw new SyntaxError(`vmjs: unsupported expression ${(node as Node).type}`);
}

// §13.1.3 IdentifierReference: resolved at compile time (compile/references.ts)
function compileIdentifier(node: Identifier, c: CompileContext): Expr {
  const read = compileRead(node.name, c);
  if (!IS_GEN) return read as unknown as Expr; // the synchronous form needs no wrapper
  return function* (f) { return read(f); };
}

// §13.2.1.1 this: GetThisEnvironment, with the derived-constructor TDZ
function compileThis(_c: CompileContext): Expr {
  return function* (f) {
    const t = f.thisFrame.thisValue;
    if (t === UNINIT) f.realm.throwReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
    return t;
  };
}
