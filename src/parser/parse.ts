// Parsing with acorn (ESTree with start/end offsets). Early errors acorn does not report
// are checked in the interpreter's preparation.
import { Parser, type Options, type Program } from 'acorn';
import type { ModuleProgram, ScriptProgram } from '../interpreter/compile/estree.js';

export interface SourceInfo {
  filename: string;
  lineOffset: number;
  columnOffset: number;
}

/** A syntax error found while parsing, before anything runs. */
export interface ParseFailure {
  message: string;
  line: number;   // 1-based, lineOffset applied
  column: number; // 0-based, columnOffset applied on the first line
}

export class ParseError extends Error {
  constructor(readonly failure: ParseFailure) { super(failure.message); }
}

/** ES2026. Acorn 8.19 at 2026 (its ecmaVersion 17) adds exactly one thing over 2025: `using` and
 * `await using` declarations (explicit resource management), with their early errors (not at the top
 * level of a Script or eval code, not directly in a case clause or a single-statement position, no
 * binding patterns, an initializer except in for-of heads, `await using` only where `await` is).
 * ARCHITECTURE.md records the decision. */
export const ECMA_VERSION = 2026;

/** Without `locations` unless asked: only the stepping debugger reads a node's `loc` (error positions
 * are offsets, turned into lines from the source when shown), and the three objects per node it costs
 * were a fifth of acorn's time and most of a cachedData decode's garbage collection (box2d, pdfjs: see
 * ARCHITECTURE.md). */
const baseOptions: Options = {
  ecmaVersion: ECMA_VERSION,
  locations: false,
  ranges: false,
  allowHashBang: true,
  allowReturnOutsideFunction: false,
  allowAwaitOutsideFunction: false,
  allowImportExportEverywhere: false,
};

/** The members of acorn's Parser that the import-defer syntax uses: internals acorn.d.ts omits. */
interface DeferInternals {
  type: { label: string };
  value: unknown;
  start: number;
  end: number;
  input: string;
  containsEsc: boolean;
  next(): void;
  unexpected(pos?: number): never;
  raise(pos: number, message: string): never;
  isContextual(name: string): boolean;
  parseImport(node: Record<string, unknown>): unknown;
  parseImportSpecifiers(): unknown[];
  parseExprImport(forNew?: boolean): unknown;
  parseImportMeta(node: Record<string, unknown>): unknown;
  parseDynamicImport(node: Record<string, unknown>): unknown;
  parseIdent(liberal?: boolean): { name: string; start: number };
}

/** Whitespace and comments, then `*`: the token after `defer` that makes it the phase keyword. */
const deferredStar = /^(?:\s|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*\*/;

/** Deferred module evaluation (the import-defer proposal, stage 3; acorn does not parse it yet):
 * `import defer * as ns from "m"` gives the ImportDeclaration `phase: 'defer'`, and
 * `import.defer(specifier[, options])` an ImportExpression with `phase: 'defer'`. */
const ImportDeferParser: typeof Parser = Parser.extend((Base) => {
  const B = Base as unknown as new (...a: any[]) => DeferInternals; // a mixin base needs `any[]`
  return class extends B {
    vmjsDeferPhase = false;
    vmjsForNew = false;
    override parseImport(node: Record<string, unknown>): unknown {
      this.vmjsDeferPhase = false;
      const result = super.parseImport(node);
      if (this.vmjsDeferPhase) node.phase = 'defer';
      this.vmjsDeferPhase = false;
      return result;
    }
    override parseImportSpecifiers(): unknown[] {
      if (this.type.label === 'name' && this.value === 'defer' && !this.containsEsc && deferredStar.test(this.input.slice(this.end))) {
        this.next();
        this.vmjsDeferPhase = true;
      }
      return super.parseImportSpecifiers();
    }
    override parseExprImport(forNew?: boolean): unknown {
      this.vmjsForNew = forNew === true;
      return super.parseExprImport(forNew);
    }
    override parseImportMeta(node: Record<string, unknown>): unknown {
      const forNew = this.vmjsForNew;
      this.vmjsForNew = false;
      // After `import`, at the dot: `import.defer(` is a deferred dynamic import.
      if (/^\s*defer\b/.test(this.input.slice(this.end))) {
        this.next(); // the dot
        const property = this.parseIdent(true);
        if (forNew) this.raise(property.start, "Cannot use new with import.defer");
        if (this.type.label !== '(') this.unexpected();
        delete node.meta;
        node.phase = 'defer';
        return this.parseDynamicImport(node);
      }
      return super.parseImportMeta(node);
    }
  } as unknown as typeof Parser;
});

/** The members of acorn's Parser that the call-assignment-target rule overrides: internals acorn.d.ts omits. */
interface AssignTargetInternals {
  strict: boolean;
  type: { isAssign?: boolean };
  value: unknown;
  toAssignable(node: { type: string }, isBinding: boolean, refDestructuringErrors?: unknown): unknown;
  checkLValSimple(expr: { type: string }, bindingType?: number, checkClashes?: unknown): void;
}

/** acorn's BIND_NONE: the target of an assignment, update or for-in/of head, not a binding. */
const BIND_NONE = 0;

/** Runtime Errors for Function Call Assignment Targets (Annex B, sec-runtime-errors-for-function-call-assignment-targets):
 * in sloppy code a call is an assignment target of AssignmentTargetType ~web-compat~ (`f() = 1`, `f() += 1`,
 * `f()++`, `--f()`, `for (f() in o)`), which parses and throws a ReferenceError after the call at run time
 * (evaluate/assignment.ts). A logical assignment (`f() &&= 1`) and a target inside a destructuring pattern
 * (`[f()] = a`) need a ~simple~ target and stay early errors, as does any call target in strict code. */
const CallTargetParser: typeof Parser = ImportDeferParser.extend((Base) => {
  const B = Base as unknown as new (...a: any[]) => AssignTargetInternals; // a mixin base needs `any[]`
  return class extends B {
    vmjsInPattern = false;
    override toAssignable(node: { type: string }, isBinding: boolean, refDestructuringErrors?: unknown): unknown {
      if (node?.type === 'CallExpression' && !isBinding && !this.strict && !this.vmjsInPattern) return node;
      if (node?.type !== 'ObjectExpression' && node?.type !== 'ArrayExpression') return super.toAssignable(node, isBinding, refDestructuringErrors);
      const saved = this.vmjsInPattern;
      this.vmjsInPattern = true;
      try {
        return super.toAssignable(node, isBinding, refDestructuringErrors);
      } finally {
        this.vmjsInPattern = saved;
      }
    }
    override checkLValSimple(expr: { type: string }, bindingType: number = BIND_NONE, checkClashes?: unknown): void {
      if (expr.type === 'CallExpression' && bindingType === BIND_NONE && !this.strict && !isLogicalAssignment(this)) return;
      super.checkLValSimple(expr, bindingType, checkClashes);
    }
  } as unknown as typeof Parser;
});

/** Whether the parser stands at `&&=`, `||=` or `??=` (checked before the operator is consumed). */
function isLogicalAssignment(p: AssignTargetInternals): boolean {
  return p.type.isAssign === true && (p.value === '&&=' || p.value === '||=' || p.value === '??=');
}

/** Parses a Script (§16.1); `locations` gives nodes acorn's `loc` (the debugger's spans). Throws ParseError. */
export function parseScript(source: string, info: SourceInfo, locations = false): ScriptProgram {
  return parseWith(source, { ...baseOptions, sourceType: 'script', locations }, info) as ScriptProgram; // sourceType 'script'
}

/** Parses a Module (§16.2): strict code, import/export declarations, top-level await. Throws ParseError. */
export function parseModule(source: string, info: SourceInfo): ModuleProgram {
  return parseWith(source, { ...baseOptions, sourceType: 'module', allowHashBang: true }, info) as ModuleProgram; // sourceType 'module'
}

/** Parses source for eval / the Function constructor: `kind` selects the goal. */
export function parseWith(source: string, options: Options, info: SourceInfo): Program {
  return parseReporting(() => CallTargetParser.parse(source, options), source, info, true);
}

/** Runs an acorn parse; an acorn SyntaxError becomes a ParseError with V8's words, placed in the
 * source's lines (`offsetColumns`: the first line is shifted by the columnOffset too). */
function parseReporting<T>(parse: () => T, source: string, info: SourceInfo, offsetColumns: boolean): T {
  try {
    return parse();
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number; column: number } };
    if (err && typeof err.message === 'string' && err.loc) {
      const line = err.loc.line + info.lineOffset;
      const column = err.loc.column + (offsetColumns && err.loc.line === 1 ? info.columnOffset : 0);
      throw new ParseError({ message: v8Message(err.message, source, (e as { pos?: number }).pos), line, column });
    }
    throw e;
  }
}

const RENAMED: Record<string, string> = {
  "'with' in strict mode": 'Strict mode code may not include a with statement',
  'Unterminated string constant': 'Invalid or unexpected token',
  'Unterminated template': 'Unterminated template literal',
  'Unterminated regular expression': 'Invalid regular expression: missing /',
  'Unterminated comment': 'Invalid or unexpected token',
  "'super' keyword outside a method": "'super' keyword unexpected here",
  'super() call outside constructor of a subclass': "'super' keyword unexpected here",
};

/** Acorn's messages in V8's words where they differ (node:vm users compare them). */
function v8Message(m: string, source: string, pos: number | undefined): string {
  const plain = m.replace(/ \(\d+:\d+\)$/, '');
  if (RENAMED[plain] !== undefined) return RENAMED[plain];
  if (plain === 'Assigning to rvalue' && pos !== undefined) return invalidTargetMessage(source, pos);
  if (plain !== 'Unexpected token' || pos === undefined) return plain;
  const rest = source.slice(pos);
  if (/^\s*$/.test(rest)) return 'Unexpected end of input';
  const tok = /^(?:[A-Za-z_$][\w$]*|\d[\w.]*|"|'|`|=>|\.\.\.|[!=]==?|[<>]=?|&&|\|\||\?\?|\*\*|\S)/.exec(rest)![0];
  // `-x ** y`: acorn stops at `**`; V8 explains (an operand, not an operator, comes before it).
  if (tok === '**' && /[\w$)\]'"`]\s*$/.test(source.slice(0, pos))) {
    return 'Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence';
  }
  if (/^\d/.test(tok)) return 'Unexpected number';
  if (tok === '"' || tok === "'") return 'Unexpected string';
  if (tok === '`') return 'Unexpected template string';
  if (/^[A-Za-z_$]/.test(tok)) return KEYWORDS.has(tok) ? `Unexpected token '${tok}'` : `Unexpected identifier '${tok}'`;
  return `Unexpected token '${tok}'`;
}

/** V8's words for an invalid assignment target at `pos`, by what surrounds it (acorn says "Assigning to
 * rvalue" for all of them): an update's operand (prefix or postfix), a for-in/of head, or an assignment. */
function invalidTargetMessage(source: string, pos: number): string {
  const head = source.slice(0, pos);
  const before = head.replace(/[\s(]*$/, '');
  if (/(?:\+\+|--)$/.test(before)) return 'Invalid left-hand side expression in prefix operation';
  if (/\bfor\s*\(\s*(?:await\s*)?[\s(]*$/.test(head)) return 'Invalid left-hand side in for-loop';
  // The first update or assignment operator after the target, outside brackets, says which it was;
  // parentheses opened just before the target close around it first.
  let open = (head.slice(before.length).match(/\(/g) ?? []).length;
  let depth = 0;
  for (let i = pos; i < source.length; i++) {
    const ch = source[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth > 0) depth--;
      else if (ch === ')' && open > 0) open--;
      else break;
    } else if (depth === 0) {
      const two = source.slice(i, i + 2);
      if (two === '++' || two === '--') return 'Invalid left-hand side expression in postfix operation';
      if (ch === '=' && source[i + 1] !== '=' && source[i + 1] !== '>' && source[i - 1] !== '=' && source[i - 1] !== '!') break;
      if (ch === ';' || ch === '\n') break;
    }
  }
  return 'Invalid left-hand side in assignment';
}

const KEYWORDS = new Set(('break case catch class const continue debugger default delete do else export extends false finally for function if ' +
  'import in instanceof new null return super switch this throw true try typeof var void while with yield let static enum await').split(' '));

/** What the code around a direct eval allows inside it (§19.2.1.1 PerformEval steps 5–8). */
export interface EvalAllowances {
  newTarget: boolean;
  superProperty: boolean;
  superCall: boolean;
  /** Private names (without '#') of the classes around the eval: `this.#x` may name them. */
  privateNames?: readonly string[];
  /** A direct eval from strict code is strict code (§11.2.2): parse it with strict early errors. */
  strict?: boolean;
  /** The text is a FunctionBody (vm.compileFunction), where `using` declarations may appear at the top. */
  functionBody?: boolean;
}

type ParserCtor = typeof Parser;

/** The members of acorn's Parser that the eval parser uses or overrides: internals acorn.d.ts omits. */
interface ParserInternals {
  strict: boolean;
  privateNameStack: Array<{ declared: Record<string, string> }>;
  enterClassBody(): void;
  exitClassBody(): void;
  parseTopLevel(node: unknown): unknown;
  scopeStack: unknown[];
  get allowUsing(): boolean;
  get allowNewDotTarget(): boolean;
  get allowSuper(): boolean;
  get allowDirectSuper(): boolean;
}

let evalParser: ParserCtor | null = null;

function getEvalParser(): ParserCtor {
  if (evalParser !== null) return evalParser;
  evalParser = CallTargetParser.extend((Base) => {
    const B = Base as unknown as new (...a: any[]) => ParserInternals; // a mixin base needs `any[]`
    return class EvalParser extends B {
      // acorn copies only the options it knows into this.options: keep ours from the raw argument.
      vmjsEval: EvalAllowances | null;
      constructor(options: { vmjsEval?: EvalAllowances | null }, input: string, startPos?: number) {
        super(options, input, startPos);
        this.vmjsEval = options.vmjsEval ?? null;
        if (this.vmjsEval?.strict) this.strict = true;
        // The enclosing classes' private names, as if the eval code were inside their bodies.
        if (this.vmjsEval?.privateNames?.length) this.enterClassBody();
        for (const n of this.vmjsEval?.privateNames ?? []) this.privateNameStack[0].declared[n] = 'true';
      }
      override parseTopLevel(node: unknown): unknown {
        const program = super.parseTopLevel(node);
        if (this.vmjsEval?.privateNames?.length) this.exitClassBody(); // undeclared names raise here
        return program;
      }
      override get allowNewDotTarget(): boolean { return this.vmjsEval?.newTarget || super.allowNewDotTarget; }
      override get allowSuper(): boolean { return this.vmjsEval?.superProperty || super.allowSuper; }
      override get allowDirectSuper(): boolean { return this.vmjsEval?.superCall || super.allowDirectSuper; }
      // acorn forbids `using` at the top of a Script; a FunctionBody's top (not a case clause) allows it.
      override get allowUsing(): boolean { return super.allowUsing || (this.vmjsEval?.functionBody === true && this.scopeStack.length === 1); }
    } as unknown as typeof Parser;
  });
  return evalParser;
}

/** Parses the body of a function vm.compileFunction makes: V8 parses it as a FunctionBody on its own
 * (not wrapped in text), so positions are the body's, `return` and `new.target` are allowed, `super` is
 * not, and a hashbang may open it. Parameter names are not part of the text (the caller checks them). */
export function parseFunctionBody(source: string, info: SourceInfo): ScriptProgram {
  const allow: EvalAllowances = { newTarget: true, superProperty: false, superCall: false, functionBody: true };
  const options = { ...baseOptions, sourceType: 'script', allowReturnOutsideFunction: true, vmjsEval: allow } as Options;
  return parseReporting(() => getEvalParser().parse(source, options) as ScriptProgram, source, info, true); // sourceType 'script'
}

/** Parses direct or indirect eval code as a Script with the caller's allowances. */
export function parseEvalCode(source: string, allow: EvalAllowances | null, info: SourceInfo): ScriptProgram {
  const options = { ...baseOptions, sourceType: 'script', vmjsEval: allow } as Options;
  return parseReporting(() => getEvalParser().parse(source, options) as ScriptProgram, source, info, false); // sourceType 'script'
}
