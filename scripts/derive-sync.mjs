// Derives the synchronous evaluator from the one hand-written evaluator.
//
// src/interpreter/evaluate/ is written once, in generator form: every node
// closure is `function*` and evaluates its children with `yield*`. Generator
// bodies (and later the stepping debugger) run that form, so they can suspend.
// Code that cannot suspend runs the copy this script writes to
// src/interpreter/evaluate-sync/: the same text with `function*` -> `function`,
// `yield* ` removed, and mode.sync.ts standing in for mode.ts. Regions between
// `// @gen-only` and `// @end-gen-only` exist only in the generator form.
// See ARCHITECTURE.md, "One evaluator, two forms".
//
// The rewrite works on tokens (TypeScript's scanner), not on raw text: only a
// code `function` followed by `*`, and a code `yield` followed by `*`, are
// rewritten. String literals, template literal text (code inside `${}` is code),
// regular expression literals and comments are copied verbatim.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src/interpreter/evaluate');
const to = join(root, 'src/interpreter/evaluate-sync');

const K = ts.SyntaxKind;
const TRIVIA = new Set([K.WhitespaceTrivia, K.NewLineTrivia, K.SingleLineCommentTrivia, K.MultiLineCommentTrivia, K.ShebangTrivia, K.ConflictMarkerTrivia]);

// After these tokens a `/` is division; after any other token (punctuators, most keywords) it starts a
// regular expression literal. The usual cheap heuristic: `)` and `}` are taken to end an expression.
const ENDS_EXPRESSION = new Set([
  K.Identifier, K.PrivateIdentifier, K.NumericLiteral, K.BigIntLiteral, K.StringLiteral,
  K.NoSubstitutionTemplateLiteral, K.TemplateTail, K.RegularExpressionLiteral,
  K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken, K.PlusPlusToken, K.MinusMinusToken,
  K.ThisKeyword, K.SuperKeyword, K.TrueKeyword, K.FalseKeyword, K.NullKeyword,
]);
function slashIsDivision(prev) {
  if (prev === undefined) return false;
  if (ENDS_EXPRESSION.has(prev)) return true;
  // Reserved words (return, typeof, in, ...) and yield/await precede an operand; contextual
  // keywords (of, type, get, ...) are mostly identifiers here.
  if (prev >= K.FirstReservedWord && prev <= K.LastReservedWord) return false;
  if (prev === K.YieldKeyword || prev === K.AwaitKeyword) return false;
  return prev >= K.FirstKeyword && prev <= K.LastKeyword;
}

/** Every token of `text`, trivia included, as { kind, start, end }. Template literals are followed
 * through `${}` (a `}` that closes a substitution is rescanned as template text) and `/` is rescanned
 * as a regular expression literal where an operand is expected. */
export function tokenize(text) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ false, ts.LanguageVariant.Standard, text);
  const tokens = [];
  const braces = []; // '{' for a brace, '${' for an open template substitution
  let prev; // kind of the previous non-trivia token
  for (;;) {
    let kind = scanner.scan();
    if (kind === K.EndOfFileToken) break;
    if (kind === K.OpenBraceToken) braces.push('{');
    else if (kind === K.TemplateHead) braces.push('${');
    else if (kind === K.CloseBraceToken) {
      if (braces.pop() === '${') {
        kind = scanner.reScanTemplateToken(/* isTaggedTemplate */ false);
        if (kind === K.TemplateMiddle) braces.push('${');
      }
    } else if ((kind === K.SlashToken || kind === K.SlashEqualsToken) && !slashIsDivision(prev)) {
      kind = scanner.reScanSlashToken();
    }
    tokens.push({ kind, start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    if (!TRIVIA.has(kind)) prev = kind;
  }
  return tokens;
}

const lineAt = (text, pos) => text.slice(0, pos).split('\n').length;

export function deriveSync(text, file) {
  const tokens = tokenize(text);
  const cuts = []; // [start, end) ranges of text to delete, in order

  // 1. // @gen-only ... // @end-gen-only regions: from the start marker through the line break after
  // the end marker (what precedes the start marker on its line stays).
  let regionStart = -1;
  const inRegion = new Array(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (regionStart >= 0) inRegion[i] = true;
    if (t.kind !== K.SingleLineCommentTrivia) continue;
    const comment = text.slice(t.start, t.end).trim();
    if (comment === '// @gen-only') {
      if (regionStart >= 0) throw new Error(`${file}:${lineAt(text, t.start)}: nested // @gen-only`);
      regionStart = t.start;
      inRegion[i] = true;
    } else if (comment === '// @end-gen-only') {
      if (regionStart < 0) throw new Error(`${file}:${lineAt(text, t.start)}: // @end-gen-only without // @gen-only`);
      let end = t.end;
      if (text.startsWith('\r\n', end)) end += 2;
      else if (text[end] === '\n') end += 1;
      cuts.push([regionStart, end]);
      regionStart = -1;
    }
  }
  if (regionStart >= 0) throw new Error(`${file}:${lineAt(text, regionStart)}: // @gen-only without // @end-gen-only`);

  // 2. Code tokens outside those regions.
  const code = [];
  for (let i = 0; i < tokens.length; i++) if (!inRegion[i] && !TRIVIA.has(tokens[i].kind)) code.push(tokens[i]);
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    const prev = code[i - 1], next = code[i + 1];
    const isMember = prev !== undefined && (prev.kind === K.DotToken || prev.kind === K.QuestionDotToken);
    if (t.kind === K.FunctionKeyword && !isMember && next?.kind === K.AsteriskToken) {
      cuts.push([next.start, next.end]); // function* -> function
      i++;
    } else if (t.kind === K.YieldKeyword && !isMember) {
      if (next?.kind !== K.AsteriskToken) {
        throw new Error(`${file}:${lineAt(text, t.start)}: a bare \`yield\` outside a // @gen-only region cannot be derived`);
      }
      // yield* x -> x: delete up to the operand, so no line break is left where `return` would end.
      cuts.push([t.start, code[i + 2] ? code[i + 2].start : next.end]);
      i++;
    }
  }

  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [start, end] of cuts) {
    if (start > pos) out += text.slice(pos, start);
    pos = Math.max(pos, end);
  }
  out += text.slice(pos);
  return `// GENERATED by scripts/derive-sync.mjs from src/interpreter/evaluate/${file}. Do not edit.\n${out}`;
}

export function run() {
  if (existsSync(to)) rmSync(to, { recursive: true });
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) {
    if (!file.endsWith('.ts') || file === 'mode.ts') continue;
    const text = readFileSync(join(from, file), 'utf8');
    if (file === 'mode.sync.ts') {
      writeFileSync(join(to, 'mode.ts'), `// GENERATED from src/interpreter/evaluate/mode.sync.ts. Do not edit.\n${text}`);
      continue;
    }
    writeFileSync(join(to, file), deriveSync(text, file));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) run();
