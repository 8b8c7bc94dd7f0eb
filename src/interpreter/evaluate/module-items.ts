// Module items (§16.2.2, §16.2.3): what an import or export declaration does when the module body
// runs. Imports and re-exports do nothing then (their bindings were made by InitializeEnvironment);
// an exported declaration runs as the declaration; `export default` initializes its binding, naming
// an anonymous function or class "default" (§16.2.3.7). Generator form (a body with top-level
// await); the synchronous form is derived.
import type { ModuleDeclaration, Statement } from 'acorn';
import type { Stmt } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import { NORMAL } from '../runtime/frame.js';
import { compileInit } from '../compile/references.js';
import { compileStatement } from './statements.js';
import { withDisposal } from './disposal.js';
import { DISPOSE_CAPABILITY } from '../compile/scope.js';
import { compileExpression } from './expressions.js';
import { compileClass } from './classes.js';
import { compileNamed, isAnonymousFunctionDefinition } from './functions.js';
// @gen-only
import { compileModuleItem as syncModuleItem } from '../evaluate-sync/module-items.js';
// @end-gen-only

export type ModuleItem = Statement | ModuleDeclaration;

/** The name of the binding `export default` of an expression or an anonymous declaration creates. */
export const DEFAULT_BINDING = '*default*';

export function compileModuleItem(node: ModuleItem, c: CompileContext): Stmt {
  // @gen-only
  if (!c.forceGen && !c.suspends!.has(node)) {
    const s = syncModuleItem(node, c);
    return function* (f) { return s(f); };
  }
  // @end-gen-only
  switch (node.type) {
    case 'ImportDeclaration': case 'ExportAllDeclaration':
      return function* () { return NORMAL; };
    case 'ExportNamedDeclaration':
      return node.declaration ? compileStatement(node.declaration, c) : function* () { return NORMAL; };
    case 'ExportDefaultDeclaration': {
      const d = node.declaration;
      const pos = node.start;
      // A function declaration was instantiated with the module environment (hoisted).
      if (d.type === 'FunctionDeclaration') return function* () { return NORMAL; };
      if (d.type === 'ClassDeclaration') {
        const cls = compileClass(d, c, d.id ? undefined : 'default');
        const init = compileInit(d.id ? d.id.name : DEFAULT_BINDING, c);
        return function* (f) { f.pos = pos; init(f, yield* cls(f)); return NORMAL; };
      }
      const e = isAnonymousFunctionDefinition(d) ? compileNamed(d, c, 'default') : compileExpression(d, c);
      const init = compileInit(DEFAULT_BINDING, c);
      return function* (f) { f.pos = pos; init(f, yield* e(f)); return NORMAL; };
    }
  }
  return compileStatement(node, c);
}

/** A module body's item list (§16.2.1.6.5 ExecuteModule runs it). */
export function compileModuleItemList(list: readonly ModuleItem[], c: CompileContext): Stmt {
  const items = list.map((s) => compileModuleItem(s, c));
  const n = items.length;
  const body: Stmt = function* (f) {
    for (let i = 0; i < n; i++) {
      const s = yield* items[i](f);
      if (s !== NORMAL) return s;
    }
    return NORMAL;
  };
  // `using` declarations at the top level: disposed when the body ends (the module scope's slot).
  const binding = c.scope.bindings.get(DISPOSE_CAPABILITY);
  return binding === undefined ? body : withDisposal(body, binding.slot);
}
