// Statements as host JavaScript statements (the compiled tier). Completion signals
// become host control flow: `return` stores f.retVal and returns RETURN, break and
// continue are host jumps to host labels (guest labels are never written out).
// Loop back-edges count a step exactly where the closure tier does
// (statements.ts), so a timeout fires within the same budget. A scope that holds an
// opaque region gets its Env as in the closure tier, and f.env follows it.
import type { SwitchStatement, Expression, ForStatement, Statement, VariableDeclaration, LabeledStatement } from 'acorn';
import { compileStatement as closureStatement, blockScope, containsClosure } from '../evaluate-sync/statements.js';
import { ScopeInfo, UNINIT, boundNames, lexicalBindingKind } from '../compile/scope.js';
import { nativeStatement, Unsupported } from './eligibility.js';
import { emitExpression, namedValue } from './emit-expression.js';
import type { Emitter, JumpTarget } from './emit-context.js';

const STEP = 'if (--A.steps <= 0) A.tick();';

export function emitStatements(e: Emitter, list: readonly Statement[], top: boolean): string {
  let out = '';
  for (const s of list) {
    if (s.type === 'FunctionDeclaration') {
      if (top) continue; // instantiated with the function (function-template.ts)
      throw new Unsupported('block-level function declaration');
    }
    // `var a = arguments;` whose `a` is read only through the lazy forms (lazy-arguments.ts): nothing to do.
    const la = e.t.lazyArguments;
    if (top && la !== null && la.alias !== null && s.type === 'VariableDeclaration' && s.end === la.aliasAfter) continue;
    out += emitStatement(e, s, []) + '\n';
  }
  return out;
}

export function emitStatement(e: Emitter, s: Statement, labels: readonly string[]): string {
  if (!nativeStatement(s)) {
    const t = e.tmp();
    const run = e.made(s, () => closureStatement(s, { ...e.c, labels: [] }));
    return `if ((${t} = ${run}(f)) !== 0) { ${e.returnSignal(t)} }`;
  }
  switch (s.type) {
    case 'ExpressionStatement': return `f.pos = ${s.start}; ${emitExpression(e, s.expression)};`;
    case 'VariableDeclaration': return declaration(e, s);
    case 'ReturnStatement':
      if (s.argument === null || s.argument === undefined) return e.returnValue('undefined');
      return `f.pos = ${s.start}; ${e.returnValue(emitExpression(e, s.argument))}`;
    case 'IfStatement': {
      const test = emitExpression(e, s.test);
      const a = sub(e, s.consequent);
      return s.alternate ? `if (${test}) {\n${a}\n} else {\n${sub(e, s.alternate)}\n}` : `if (${test}) {\n${a}\n}`;
    }
    case 'BlockStatement': return block(e, s.body, s);
    case 'EmptyStatement': case 'DebuggerStatement': return ';';
    case 'ThrowStatement': {
      const t = e.tmp();
      return `f.pos = ${s.start}; ${t} = ${emitExpression(e, s.argument)}; f.pos = ${s.start}; rt.throwValue(f, ${t});`;
    }
    case 'BreakStatement': case 'ContinueStatement': return jump(e, s.type === 'BreakStatement', s.label ? s.label.name : null);
    case 'LabeledStatement': return labeled(e, s, labels);
    case 'WhileStatement': return loop(e, labels, (L) => `${L}: while (${emitExpression(e, s.test)}) {\n${STEP}\n${sub(e, s.body)}\n}`);
    case 'DoWhileStatement': return loop(e, labels, (L) => {
      const body = sub(e, s.body);
      return `${L}: do {\n${STEP}\n${body}\n} while (${emitExpression(e, s.test)});`;
    });
    case 'ForStatement': return forStatement(e, s, labels);
    case 'SwitchStatement': return switchStatement(e, s, labels);
  }
  throw new Unsupported(s.type);
}

/** A statement in a sub-statement position (no sloppy function declaration there: eligibility). */
function sub(e: Emitter, s: Statement): string {
  if (s.type === 'FunctionDeclaration') throw new Unsupported('function declaration as a sub-statement');
  return emitStatement(e, s, []);
}

function declaration(e: Emitter, s: VariableDeclaration): string {
  let out = `f.pos = ${s.start};`;
  const init = s.kind !== 'var';
  for (const d of s.declarations) {
    if (d.id.type !== 'Identifier') throw new Unsupported('pattern declaration');
    const name = d.id.name;
    if (d.init === null || d.init === undefined) {
      if (init) out += ` ${e.write(name, 'undefined', d.id.start, true)};`;
      continue;
    }
    out += ` ${e.write(name, namedValue(e, d.init, name), d.id.start, init)};`;
  }
  return out;
}

/** A block: its lexical bindings in host locals, or in an Env when an opaque region is inside. */
function block(e: Emitter, body: readonly Statement[], node: Statement): string {
  const scope = e.scopeOf(node, () => blockScope(body, e.c));
  if (scope === null) return emitStatements(e, body, false);
  const outer = e.c;
  const outerEnv = e.currentEnv;
  if (!e.analysis.holders.has(node)) {
    const decls = e.pushScope(scope, null, body, () => 'U');
    const inner = emitStatements(e, body, false);
    e.popScope(outer);
    return `{\n${decls}\n${inner}\n}`;
  }
  const env = e.envVar();
  const decls = e.pushScope(scope, env, body, () => 'U');
  const inner = emitStatements(e, body, false);
  e.popScope(outer);
  return `{\nconst ${env} = rt.newEnv(${outerEnv}, ${e.konst(scope)}); f.env = ${env}; ${decls}\n${inner}\nf.env = ${outerEnv};\n}`;
}

function jump(e: Emitter, isBreak: boolean, label: string | null): string {
  const here = e.currentEnv;
  for (let i = e.jumps.length - 1; i >= 0; i--) {
    const j = e.jumps[i];
    const hit = label === null ? j.isLoop || (isBreak && j.isSwitch === true) : j.guestLabels.includes(label);
    if (!hit) continue;
    if (!isBreak && !j.isLoop) throw new Unsupported('continue to a non-loop label');
    const env = isBreak ? j.breakEnv : j.continueEnv;
    const restore = env === here ? '' : `f.env = ${env}; `;
    return `{ ${restore}${isBreak ? 'break' : 'continue'} ${j.hostLabel}; }`;
  }
  throw new Unsupported('jump target outside the function');
}

function labeled(e: Emitter, s: LabeledStatement, outer: readonly string[]): string {
  const labels = [...outer, s.label.name];
  const body = s.body;
  if (/^(While|DoWhile|For)Statement$/.test(body.type) || body.type === 'LabeledStatement') return emitStatement(e, body, labels);
  const L = e.label();
  const env = e.currentEnv;
  e.jumps.push({ hostLabel: L, guestLabels: labels, isLoop: false, breakEnv: env, continueEnv: env });
  const inner = sub(e, body);
  e.jumps.pop();
  return `${L}: {\n${inner}\n}`;
}

/** A while or do-while loop: its host label and break/continue target around `make`. */
function loop(e: Emitter, labels: readonly string[], make: (L: string) => string): string {
  const L = e.label();
  const env = e.currentEnv;
  e.jumps.push({ hostLabel: L, guestLabels: labels, isLoop: true, breakEnv: env, continueEnv: env });
  const code = make(L);
  e.jumps.pop();
  return code;
}

/** A for statement (statements.ts compileFor): a lexical declaration gets its scope, with an Env
 * when an opaque region is inside, copied per iteration when a closure may capture it. */
function forStatement(e: Emitter, s: ForStatement, labels: readonly string[]): string {
  const init = s.init ?? null;
  const lexical = init !== null && init.type === 'VariableDeclaration' && init.kind !== 'var';
  const outer = e.c;
  const outerEnv = e.currentEnv;
  let head = '';
  let scope: ScopeInfo | null = null;
  let env: string | null = null;
  if (lexical) {
    const decl = init as VariableDeclaration;
    scope = e.scopeOf(s, () => {
      const made = new ScopeInfo('block', e.c.scope, true);
      for (const d of decl.declarations) for (const name of boundNames(d.id)) made.declare(name, lexicalBindingKind(decl.kind as 'let' | 'const'), UNINIT);
      return made;
    })!;
    if (e.analysis.holders.has(s)) {
      env = e.envVar();
      head = `let ${env} = rt.newEnv(${outerEnv}, ${e.konst(scope)}); f.env = ${env}; `;
    }
    head += e.pushScope(scope, env, [decl], () => 'U');
  }
  const perIteration = env !== null && (init as VariableDeclaration).kind === 'let' && containsClosure(s);
  const copy = perIteration ? `${env} = f.env = rt.copyEnv(${outerEnv}, ${env}, ${e.konst(scope)})` : '';
  if (init !== null) head += init.type === 'VariableDeclaration' ? declaration(e, init) : `${emitExpression(e, init as Expression)};`;
  if (perIteration) head += ` ${copy};`;
  const test = s.test ? emitExpression(e, s.test) : '';
  const updateParts: string[] = [];
  if (perIteration) updateParts.push(copy);
  if (s.update) updateParts.push(emitExpression(e, s.update));
  const L = e.label();
  const target: JumpTarget = { hostLabel: L, guestLabels: labels, isLoop: true, breakEnv: outerEnv, continueEnv: env ?? outerEnv };
  e.jumps.push(target);
  const body = sub(e, s.body);
  e.jumps.pop();
  if (lexical) e.popScope(outer);
  const restore = env !== null ? `\nf.env = ${outerEnv};` : '';
  return `{\n${head}\n${L}: for (; ${test}; ${updateParts.join(', ')}) {\n${STEP}\n${body}\n}${restore}\n}`;
}

/** A switch (statements.ts compileSwitch): the discriminant, then the case scope (an Env when an opaque
 * region is inside), the tests in order up to the first strictly equal one, then a host switch on the
 * index of the case to start at, falling through as the guest's does. */
function switchStatement(e: Emitter, s: SwitchStatement, labels: readonly string[]): string {
  const d = e.tmp(), start = e.tmp();
  let out = `${d} = ${emitExpression(e, s.discriminant)};`;
  const all = s.cases.flatMap((k) => k.consequent);
  const scope = e.scopeOf(s, () => blockScope(all, e.c));
  const outer = e.c;
  const outerEnv = e.currentEnv;
  let env: string | null = null;
  if (scope !== null) {
    if (e.analysis.holders.has(s)) {
      env = e.envVar();
      out += ` const ${env} = rt.newEnv(${outerEnv}, ${e.konst(scope)}); f.env = ${env};`;
    }
    out += ' ' + e.pushScope(scope, env, all, () => 'U', true);
  }
  const defaultIndex = s.cases.findIndex((k) => k.test === null || k.test === undefined);
  let choose = String(defaultIndex);
  const tests: Array<[number, string]> = [];
  for (let i = 0; i < s.cases.length; i++) {
    const test = s.cases[i].test;
    if (test !== null && test !== undefined) tests.push([i, emitExpression(e, test)]);
  }
  for (let j = tests.length - 1; j >= 0; j--) choose = `(${tests[j][1]}) === ${d} ? ${tests[j][0]} : ${choose}`;
  const L = e.label();
  e.jumps.push({ hostLabel: L, guestLabels: labels, isLoop: false, isSwitch: true, breakEnv: outerEnv, continueEnv: outerEnv });
  let body = '';
  for (let i = 0; i < s.cases.length; i++) body += `case ${i}:\n${emitStatements(e, s.cases[i].consequent, false)}`;
  e.jumps.pop();
  if (scope !== null) e.popScope(outer);
  out += ` ${start} = ${choose};\n${L}: switch (${start}) {\n${body}}`;
  if (env !== null) out += `\nf.env = ${outerEnv};`;
  return `{\n${out}\n}`;
}
