// Parsing with acorn (ESTree, with locations). Early errors acorn does not report
// are checked in the interpreter's preparation.
import { Parser, type Options, type Node } from 'acorn';

export type { Node };

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

const baseOptions: Options = {
  ecmaVersion: 'latest',
  locations: true,
  ranges: false,
  allowHashBang: true,
  allowReturnOutsideFunction: false,
  allowAwaitOutsideFunction: false,
  allowImportExportEverywhere: false,
};

/** Parses a Script (§16.1). Throws ParseError. */
export function parseScript(source: string, info: SourceInfo): Node {
  return parseWith(source, { ...baseOptions, sourceType: 'script' }, info);
}

/** Parses source for eval / the Function constructor: `kind` selects the goal. */
export function parseWith(source: string, options: Options, info: SourceInfo): Node {
  try {
    return Parser.parse(source, options);
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number; column: number } };
    if (err && typeof err.message === 'string' && err.loc) {
      const line = err.loc.line + info.lineOffset;
      const column = err.loc.column + (err.loc.line === 1 ? info.columnOffset : 0);
      throw new ParseError({ message: acornMessage(err.message), line, column });
    }
    throw e;
  }
}

/** Acorn appends " (line:col)"; V8 does not. */
function acornMessage(m: string): string {
  return m.replace(/ \(\d+:\d+\)$/, '');
}

/** What the code around a direct eval allows inside it (§19.2.1.1 PerformEval steps 5–8). */
export interface EvalAllowances {
  newTarget: boolean;
  superProperty: boolean;
  superCall: boolean;
}

type ParserCtor = typeof Parser;
let evalParser: ParserCtor | null = null;

function getEvalParser(): ParserCtor {
  if (evalParser !== null) return evalParser;
  evalParser = Parser.extend((Base) => {
    const B = Base as unknown as new (...a: any[]) => any;
    return class EvalParser extends B {
      get allowNewDotTarget(): boolean { return (this as any).options.vmjsEval?.newTarget || super.allowNewDotTarget; }
      get allowSuper(): boolean { return (this as any).options.vmjsEval?.superProperty || super.allowSuper; }
      get allowDirectSuper(): boolean { return (this as any).options.vmjsEval?.superCall || super.allowDirectSuper; }
    } as unknown as typeof Parser;
  });
  return evalParser;
}

/** Parses direct or indirect eval code as a Script with the caller's allowances. */
export function parseEvalCode(source: string, allow: EvalAllowances | null, info: SourceInfo): Node {
  const options = { ...baseOptions, sourceType: 'script', vmjsEval: allow } as Options;
  try {
    return getEvalParser().parse(source, options);
  } catch (e) {
    const err = e as { message?: string; loc?: { line: number; column: number } };
    if (err && typeof err.message === 'string' && err.loc) {
      throw new ParseError({ message: acornMessage(err.message), line: err.loc.line + info.lineOffset, column: err.loc.column });
    }
    throw e;
  }
}
