// What the compiler carries while it turns one function body (or script, or
// eval code) into closures.
import type { Node } from 'acorn';
import { ScopeInfo } from './scope.js';
import type { FunctionTemplate } from './function-template.js';
import type { ScriptOrModuleHost } from '../runtime/host-defined.js';

export interface SourceRecord {
  readonly text: string;
  readonly filename: string;
  readonly lineOffset: number;
  readonly columnOffset: number;
  /** The Script or Module Record's [[HostDefined]] (import() and import.meta), set once by the layer
   * that made the record; eval code inherits its caller's. */
  host?: ScriptOrModuleHost;
  /** Compiled for the stepping debugger (src/interpreter/runtime/debug-hooks.ts): a preparation-time
   * choice; code prepared without it has no hooks at all. Functions compiled from this source inherit it. */
  readonly debug?: boolean;
  /** Eval code and Function-constructor code: where it was made (V8's eval origin in stack traces). */
  evalFrom?: EvalFrom;
}

/** The caller of eval or of a Function constructor: its function's name ('' at top level), its source
 * and the position of the call. */
export interface EvalFrom {
  readonly name: string;
  readonly source: SourceRecord | null;
  readonly pos: number;
}

/** Private names visible in a class body (§9.2 PrivateEnvironment Records), resolved at compile time
 * to an index into the class's run-time private-name array. */
export class PrivateScope {
  readonly names = new Map<string, number>();
  constructor(readonly parent: PrivateScope | null, readonly depth: number) {}
}

export interface CompileContext {
  scope: ScopeInfo;
  readonly strict: boolean;
  /** The function being compiled; null for script and eval code. */
  readonly fn: FunctionTemplate | null;
  /** Track completion values (script and eval code only). */
  readonly completion: boolean;
  /** Generator form: nodes that contain a suspension point. Null in the synchronous form. */
  readonly suspends: Set<Node> | null;
  /** Generator form for every node (the stepping debugger), not only for suspending ones. */
  readonly forceGen: boolean;
  /** Labels that apply to the next iteration statement. */
  labels: string[];
  readonly source: SourceRecord;
  privates: PrivateScope | null;
  /** Whether direct eval code is being compiled (its var declarations are dynamic). */
  readonly evalCode: boolean;
  /** The var scope of the code being compiled; null when it is the global environment. */
  readonly varScope: ScopeInfo | null;
  /** Block-level functions that also assign a var binding when evaluated (Annex B.3.3). */
  readonly annexB: Set<Node>;
}

export function childContext(c: CompileContext, scope: ScopeInfo): CompileContext {
  return { ...c, scope, labels: [] };
}

export function sourceText(c: CompileContext, node: Node): string {
  return c.source.text.slice(node.start, node.end);
}

/** Whether a source's text could hold a direct eval at all: that takes the identifier `eval`, spelled out
 * or with a `\u` escape, somewhere in the text every node of the source was parsed from. Scanned once
 * per source; a source without one lets function preparation skip looking for eval in nested functions. */
const evalInText = new WeakMap<SourceRecord, boolean>();
/** `eval` not inside a longer ASCII identifier (`s_evalCP`); a non-ASCII neighbour only errs towards yes. */
const EVAL_WORD = /(?<![\w$])eval(?![\w$])/;
export function sourceMayHoldDirectEval(source: SourceRecord): boolean {
  let r = evalInText.get(source);
  if (r === undefined) {
    r = EVAL_WORD.test(source.text) || source.text.includes('\\u');
    evalInText.set(source, r);
  }
  return r;
}
