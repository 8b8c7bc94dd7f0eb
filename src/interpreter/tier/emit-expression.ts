// Expressions as host JavaScript expressions (the compiled tier). Each emitted form
// keeps the closure tier's order of evaluation, its f.pos stores and its helpers
// (tier-runtime.ts); inline fast paths only where the operand types are checked
// inline. What is not emitted here is delegated: the closure tier compiles the
// subtree and the generated code calls that closure with the frame.
import { ELEMENT_BYTES, OBJECT_BYTES, PROPERTY_BYTES } from '../../realm/allocation.js';
import type { Property, AssignmentExpression, CallExpression, Expression, MemberExpression, NewExpression, UpdateExpression, Identifier } from 'acorn';
import { compileExpression as closureExpression } from '../evaluate-sync/expressions.js';
import { compileNamed, isAnonymousFunctionDefinition } from '../evaluate-sync/functions.js';
import { callPosition, calleeDescription } from '../evaluate-sync/calls.js';
import { inferNameFromAssignment } from '../compile/inferred-names.js';
import { newCallSite } from './tier-runtime.js';
import { nativeExpression, unparenthesized, Unsupported } from './eligibility.js';
import type { Emitter } from './emit-context.js';

export function emitExpression(e: Emitter, n: Expression): string {
  if (!nativeExpression(n, e.t.lazyArguments)) return delegate(e, n);
  switch (n.type) {
    case 'Literal':
      if (n.value === null) return 'null';
      if (typeof n.value === 'boolean') return n.value ? 'true' : 'false';
      return e.konst(n.value);
    case 'Identifier': return e.read(n.name, n.start);
    case 'ThisExpression': return emitThis(e);
    case 'ParenthesizedExpression': return emitExpression(e, n.expression);
    case 'SequenceExpression': return `(${n.expressions.map((x) => emitExpression(e, x)).join(', ')})`;
    case 'ConditionalExpression': return `(${emitExpression(e, n.test)} ? ${emitExpression(e, n.consequent)} : ${emitExpression(e, n.alternate)})`;
    case 'LogicalExpression': {
      const t = e.tmp();
      const l = emitExpression(e, n.left), r = emitExpression(e, n.right);
      if (n.operator === '&&') return `((${t} = ${l}) ? ${r} : ${t})`;
      if (n.operator === '||') return `((${t} = ${l}) ? ${t} : ${r})`;
      return `((${t} = ${l}) !== null && ${t} !== undefined ? ${t} : ${r})`;
    }
    case 'MetaProperty': return 'f.thisFrame.newTarget';
    case 'UnaryExpression': {
      if (n.operator === 'typeof' && n.argument.type === 'Identifier' && e.isGlobal(n.argument.name)) {
        return `(typeof ${e.read(n.argument.name, n.argument.start, true)})`;
      }
      const a = emitExpression(e, n.argument);
      switch (n.operator) {
        case '!': return `(!${a})`;
        case '-': return `(-${a})`;
        case '+': return `(+${a})`;
        case '~': return `(~${a})`;
        case 'typeof': return `(typeof ${a})`;
        case 'void': return `(void ${a})`;
      }
      throw new Unsupported(`unary ${n.operator}`);
    }
    case 'BinaryExpression': return binary(e, n.operator, emitExpression(e, n.left as Expression), emitExpression(e, n.right));
    case 'MemberExpression': return memberRead(e, n);
    case 'CallExpression': return call(e, n);
    case 'NewExpression': return construct(e, n);
    case 'AssignmentExpression': return assignment(e, n);
    case 'UpdateExpression': return update(e, n);
    case 'ArrayExpression': {
      // literals.ts compileArray (the simple form): counted, made, filled in order, given the realm's prototype.
      const a = e.tmp();
      const items = n.elements.map((x) => emitExpression(e, x as Expression)).join(', ');
      return `(A.allocated += ${OBJECT_BYTES + ELEMENT_BYTES * n.elements.length}, ${a} = [${items}], rt.realmArray(f, ${a}))`;
    }
    case 'ObjectExpression': {
      // literals.ts compileObject: data properties with static keys, defined in order.
      const o = e.tmp();
      let code = `A.allocated += ${OBJECT_BYTES + PROPERTY_BYTES * n.properties.length}, ${o} = rt.newObject(f)`;
      for (const p of n.properties) {
        const prop = p as Property;
        const key = prop.key.type === 'Identifier' ? prop.key.name : (prop.key as { value: string }).value;
        const k = e.konst(key);
        const v = e.tmp();
        code += `, ${v} = ${emitExpression(e, prop.value as Expression)}, ${k} in ${o} ? rt.createDataProperty(f, ${o}, ${k}, ${v}) : (${o}[${k}] = ${v})`;
      }
      return `(${code}, ${o})`;
    }
  }
  throw new Unsupported(n.type);
}

/** Whether the host value in `o` is an object: its properties are read and written with the host's own
 * `o[k]`; a primitive (and a function, which GetV would read the same way) takes the runtime's path.
 * Adding `|| typeof o === 'function'` here cost every property-heavy loop: props +23%, typed-arrays
 * +14% (bench ms, medians of 5-7 alternated runs), V8 no longer folding the test into one check. */
function isObject(o: string): string {
  return `(typeof ${o} === 'object' && ${o} !== null)`;
}

/** The closure tier's closure for `n`, called with the frame. */
function delegate(e: Emitter, n: Expression): string {
  return `${e.made(n, () => closureExpression(n, e.c))}(f)`;
}

function emitThis(e: Emitter): string {
  if (!e.t.isArrow) { e.usesThis = true; return 'th'; }
  const t = e.tmp();
  return `((${t} = f.thisFrame.thisValue) === U ? rt.thisTDZ(f) : ${t})`;
}

const HOST_OPERATORS = new Set(['-', '*', '/', '%', '**', '==', '!=', '===', '!==', '<', '>', '<=', '>=', '<<', '>>', '>>>', '&', '|', '^', 'instanceof']);

/** `a op b` on two emitted operands (evaluated in order). The host operator is the spec's for guest
 * values (operators.ts); `+` charges a string result, `in` has V8's message. */
export function binary(e: Emitter, op: string, a: string, b: string): string {
  if (op === '+') {
    const x = e.tmp(), y = e.tmp();
    return `(${x} = ${a}, ${y} = ${b}, typeof ${x} === 'number' && typeof ${y} === 'number' ? ${x} + ${y} : rt.add(${x}, ${y}))`;
  }
  if (op === 'in') return `rt.inOperator(f, ${a}, ${b})`;
  if (!HOST_OPERATORS.has(op)) throw new Unsupported(`operator ${op}`);
  return `(${a} ${op} ${b})`;
}

/** `o.x` / `o[k]` outside a chain (member.ts memberRead). */
function memberRead(e: Emitter, n: MemberExpression): string {
  const o = e.tmp();
  const obj = emitExpression(e, n.object as Expression);
  if (!n.computed) {
    const k = e.konst((n.property as Identifier).name);
    return `(${o} = ${obj}, ${isObject(o)} ? ${o}[${k}] : rt.getOnPrimitiveAt(f, ${o}, ${k}, ${n.property.start}))`;
  }
  const key = e.tmp();
  return `(${o} = ${obj}, ${key} = ${emitExpression(e, n.property as Expression)}, ${isObject(o)} ? ${o}[${key}] : rt.getOnPrimitive(f.realm, ${o}, ${key}))`;
}

/** A call (calls.ts compileCall): callee and this value, the arguments, f.pos, then, when the callee
 * is the site's cached guest function and its body has a direct entry (compile-to-host.ts), that entry
 * with the arguments as they are; else the runtime's call with an argument list (invoke, or any other
 * callee). */
function call(e: Emitter, n: CallExpression): string {
  const callee = unparenthesized(n.callee as Expression);
  const fn = e.tmp();
  let calleeCode: string;
  let thisValue = 'undefined';
  if (callee.type === 'MemberExpression') {
    const o = e.tmp();
    thisValue = o;
    const obj = emitExpression(e, callee.object as Expression);
    if (!callee.computed) {
      const k = e.konst((callee.property as Identifier).name);
      calleeCode = `${o} = ${obj}, ${fn} = ${isObject(o)} ? ${o}[${k}] : rt.getOnPrimitiveAt(f, ${o}, ${k}, ${callee.property.start})`;
    } else {
      const key = e.tmp();
      calleeCode = `${o} = ${obj}, ${key} = ${emitExpression(e, callee.property as Expression)}, ${fn} = ${isObject(o)} ? ${o}[${key}] : rt.getOnPrimitive(f.realm, ${o}, ${key})`;
    }
  } else {
    calleeCode = `${fn} = ${emitExpression(e, callee)}`;
  }
  const { argCode, temps } = emitArguments(e, n.arguments as Expression[]);
  const site = e.made(n, newCallSite);
  const what = e.konst(calleeDescription(e.c, n.callee as Expression));
  const pos = callPosition(n, e.c);
  const list = temps.join(', ');
  const passed = temps.map((t) => `, ${t}`).join('');
  const direct = `${site}.entry(${site}.state, f, ${thisValue}, undefined${passed})`;
  const slow = temps.length <= 3 ? `rt.call${temps.length}(f, ${site}, ${fn}, ${thisValue}${passed}, ${what})` : `rt.call(f, ${site}, ${fn}, ${thisValue}, [${list}], ${what})`;
  const invoke = `rt.invoke(${site}.state, ${thisValue}, [${list}], undefined)`;
  return `(${calleeCode}, ${argCode}f.pos = ${pos}, ${cached(site, fn)} ? ${direct} : ${fn} === ${site}.fn && ${site}.state !== null ? ${invoke} : ${slow})`;
}

/** A call's or construction's arguments, each evaluated into a temporary in order: the text that does
 * it (to splice before the call, ending in `, `) and the temporaries. */
function emitArguments(e: Emitter, args: readonly Expression[]): { argCode: string; temps: string[] } {
  let argCode = '';
  const temps: string[] = [];
  for (const a of args) {
    const t = e.tmp();
    argCode += `${t} = ${emitExpression(e, a)}, `;
    temps.push(t);
  }
  return { argCode, temps };
}

/** `new C(...)` (calls.ts compileNew): as a call, with the site's constructor's direct entry given
 * new.target. */
function construct(e: Emitter, n: NewExpression): string {
  const fn = e.tmp();
  const calleeCode = emitExpression(e, n.callee as Expression);
  const { argCode, temps } = emitArguments(e, n.arguments as Expression[]);
  const site = e.made(n, newCallSite);
  const what = e.konst(calleeDescription(e.c, n.callee as Expression));
  const passed = temps.map((t) => `, ${t}`).join('');
  const direct = `${site}.entry(${site}.state, f, undefined, ${fn}${passed})`;
  const slow = temps.length <= 3 ? `rt.construct${temps.length}(f, ${site}, ${fn}${passed}, ${what})` : `rt.construct(f, ${site}, ${fn}, [${temps.join(', ')}], ${what})`;
  const invoke = `rt.invoke(${site}.state, undefined, [${temps.join(', ')}], ${fn})`;
  return `(${fn} = ${calleeCode}, ${argCode}f.pos = ${n.start}, ${cached(site, fn)} ? ${direct} : ${fn} === ${site}.fn && ${site}.state !== null ? ${invoke} : ${slow})`;
}

/** Whether the site's cached guest function is the callee and has a direct entry, looked up again while
 * it has none (its body compiles at its seventh call, after the site cached it). A cached callee without
 * one (it reads `arguments`, or has a loop) goes straight to invoke, as before direct entries. */
function cached(site: string, fn: string): string {
  return `${fn} === ${site}.fn && (${site}.entry !== null || ${site}.state !== null && (${site}.entry = ${site}.state.template.directEntry) !== null)`;
}

/** The value of an assignment's right-hand side: an anonymous function definition assigned to a name
 * takes the name (NamedEvaluation, delegated with it). */
export function namedValue(e: Emitter, value: Expression, name: string | null): string {
  if (name !== null && isAnonymousFunctionDefinition(value)) return `${e.made(value, () => compileNamed(value, e.c, name))}(f)`;
  return emitExpression(e, value);
}

/** PutValue on an object property reference (assignment.ts memberTarget put). */
function putReference(e: Emitter, o: string, k: string, v: string): string {
  if (e.strict) return `rt.putStrict(f.realm, ${o}, ${k}, ${v})`;
  return `(${isObject(o)} ? (${o}[${k}] = ${v}) : rt.putSloppy(f.realm, ${o}, ${k}, ${v}))`;
}

function getReference(o: string, k: string): string {
  return `(${isObject(o)} ? ${o}[${k}] : rt.getOnPrimitive(f.realm, ${o}, ${k}))`;
}

/** A member Reference's base and key, evaluated once (assignment.ts memberTarget prepare). */
function prepareMember(e: Emitter, m: MemberExpression): { code: string; o: string; k: string } {
  const o = e.tmp();
  const obj = emitExpression(e, m.object as Expression);
  if (!m.computed) return { code: `${o} = ${obj}`, o, k: e.konst((m.property as Identifier).name) };
  const k = e.tmp();
  return { code: `${o} = ${obj}, ${k} = ${emitExpression(e, m.property as Expression)}, ${k} = rt.referenceKey(f, ${o}, ${k})`, o, k };
}

function assignment(e: Emitter, n: AssignmentExpression): string {
  const op = n.operator;
  const left = n.left;
  if (left.type === 'Identifier') {
    const name = left.name;
    if (op === '=') {
      const v = namedValue(e, n.right, name);
      const local = e.plainLocal(name, left.start);
      if (local !== null) return `(${local} = ${v})`;
      const t = e.tmp();
      return `(${t} = ${v}, ${e.write(name, t, left.start, false)}, ${t})`;
    }
    const cur = e.tmp(), val = e.tmp(), r = e.tmp();
    const read = e.read(name, left.start);
    const value = emitExpression(e, n.right);
    return `(${cur} = ${read}, ${val} = ${value}, ${r} = ${binary(e, op.slice(0, -1), cur, val)}, ${e.write(name, r, left.start, false)}, ${r})`;
  }
  if (left.type !== 'MemberExpression') throw new Unsupported('assignment target');
  if (op === '=') {
    inferNameFromAssignment(left, n.right);
    const o = e.tmp(), v = e.tmp();
    const obj = emitExpression(e, left.object as Expression);
    if (!left.computed) {
      const k = e.konst((left.property as Identifier).name);
      const value = emitExpression(e, n.right);
      return `(${o} = ${obj}, ${v} = ${value}, ${putReference(e, o, k, v)}, ${v})`;
    }
    const k = e.tmp();
    const key = emitExpression(e, left.property as Expression);
    const value = emitExpression(e, n.right);
    if (e.strict) return `(${o} = ${obj}, ${k} = ${key}, ${v} = ${value}, rt.putComputed(f, ${o}, ${k}, ${v}, true))`;
    return `(${o} = ${obj}, ${k} = ${key}, ${v} = ${value}, typeof ${o} === 'object' && ${o} !== null && typeof ${k} === 'number' && A.allocLimit === Infinity ? (${o}[${k}] = ${v}) : rt.putComputed(f, ${o}, ${k}, ${v}, false))`;
  }
  const ref = prepareMember(e, left);
  const cur = e.tmp(), val = e.tmp(), r = e.tmp();
  const value = emitExpression(e, n.right);
  return `(${ref.code}, ${cur} = ${getReference(ref.o, ref.k)}, ${val} = ${value}, ${r} = ${binary(e, op.slice(0, -1), cur, val)}, ${putReference(e, ref.o, ref.k, r)}, ${r})`;
}

function update(e: Emitter, n: UpdateExpression): string {
  const op = n.operator;
  // Spliced into the generated text: only the two operators there are, whatever a tree says.
  if (op !== '++' && op !== '--') throw new Unsupported(`update ${String(op)}`);
  const arg = n.argument;
  if (arg.type === 'Identifier') {
    const local = e.plainLocal(arg.name, arg.start);
    if (local !== null) return n.prefix ? `(${op}${local})` : `(${local}${op})`;
    const v = e.tmp();
    const read = e.read(arg.name, arg.start);
    if (n.prefix) return `(${v} = ${read}, ${op}${v}, ${e.write(arg.name, v, arg.start, false)}, ${v})`;
    const old = e.tmp();
    return `(${v} = ${read}, ${old} = ${v}${op}, ${e.write(arg.name, v, arg.start, false)}, ${old})`;
  }
  if (arg.type !== 'MemberExpression') throw new Unsupported('update target');
  const ref = prepareMember(e, arg);
  const v = e.tmp(), old = e.tmp();
  return `(${ref.code}, ${v} = ${getReference(ref.o, ref.k)}, ${old} = ${v}${op}, ${putReference(e, ref.o, ref.k, v)}, ${n.prefix ? v : old})`;
}
