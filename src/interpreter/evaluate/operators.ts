// Operators (§13.4-§13.14): unary, delete, typeof, binary, logical and conditional.
// Grouped because they share binaryOp (compound assignment uses it too); the common
// binary operators are written out per closure so each operator site stays
// monomorphic. Generator form; the synchronous form is derived.
import type { Node } from 'acorn';
import { IS_GEN, type Expr } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { compileRead, compileDelete } from '../compile/references.js';
import { specializeBinary } from '../compile/binary-specialized.js';
import { ToObject, ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { describeValue } from '../../realm/describe.js';
import { privateIn, resolvePrivate } from '../runtime/expression-support.js';
import { compileExpression } from './expressions.js';
import { SHORT, compileChainPart, isChainPart, memberKey, superThis } from './member.js';

type N = Node & Record<string, any>;

// §13.14 Conditional Operator
export function compileConditional(node: N, c: CompileContext): Expr {
  const test = compileExpression(node.test, c), a = compileExpression(node.consequent, c), b = compileExpression(node.alternate, c);
  return function* (f) { return (yield* test(f)) ? yield* a(f) : yield* b(f); };
}

export function compileUnary(node: N, c: CompileContext): Expr {
  const op: string = node.operator;
  const arg: N = node.argument;
  if (op === 'typeof') {
    if (arg.type === 'Identifier') {
      const read = compileRead(arg.name, c, true);
      return function* (f) { return typeof read(f); };
    }
    const e = compileExpression(arg, c);
    return function* (f) { return typeof (yield* e(f)); };
  }
  if (op === 'delete') return compileDeleteExpr(arg, c);
  const e = compileExpression(arg, c);
  switch (op) {
    case '!': return function* (f) { return !(yield* e(f)); };
    case '-': return function* (f) { return -((yield* e(f)) as number); };
    case '+': return function* (f) { return +((yield* e(f)) as number); };
    case '~': return function* (f) { return ~((yield* e(f)) as number); };
    case 'void': return function* (f) { yield* e(f); return undefined; };
  }
  throw new SyntaxError(`vmjs: unsupported unary operator ${op}`);
}

function compileDeleteExpr(arg: N, c: CompileContext): Expr {
  if (arg.type === 'ParenthesizedExpression') return compileDeleteExpr(arg.expression, c);
  if (arg.type === 'Identifier') {
    const del = compileDelete(arg.name, c);
    return function* (f) { return del(f); };
  }
  if (arg.type === 'ChainExpression') {
    const m = arg.expression;
    if (m.type !== 'MemberExpression') { const e = compileExpression(arg, c); return function* (f) { yield* e(f); return true; }; }
    const obj = isChainPart(m.object) ? compileChainPart(m.object, c) : compileExpression(m.object, c);
    const key = m.computed ? compileExpression(m.property, c) : null;
    const name = m.computed ? '' : m.property.name;
    const strict = c.strict;
    return function* (f) {
      const o = yield* obj(f);
      if (o === SHORT || (m.optional && (o === null || o === undefined))) return true;
      const k = key === null ? name : yield* key(f);
      return deleteProperty(f, o, k, strict);
    };
  }
  if (arg.type === 'MemberExpression') {
    if (arg.object.type === 'Super') {
      const key = memberKey(arg, c);
      return function* (f) {
        superThis(f);
        if (typeof key !== 'string') yield* key(f);
        return f.realm.throwReferenceError('Unsupported reference to \'super\'');
      };
    }
    const obj = compileExpression(arg.object, c);
    const key = arg.computed ? compileExpression(arg.property, c) : null;
    const name = arg.computed ? '' : arg.property.name;
    const strict = c.strict;
    return function* (f) {
      const o = yield* obj(f);
      const k = key === null ? name : yield* key(f);
      return deleteProperty(f, o, k, strict);
    };
  }
  const e = compileExpression(arg, c);
  return function* (f) { yield* e(f); return true; };
}

function deleteProperty(f: Frame, o: unknown, k: unknown, strict: boolean): boolean {
  const obj = ToObject(f.realm, o);
  const key = ToPropertyKey(f.realm, k);
  const ok = Reflect.deleteProperty(obj, key);
  if (!ok && strict) f.realm.throwTypeError(`Cannot delete property '${describeValue(key)}' of ${obj === f.realm.globalThisValue && f.realm.sandbox !== null ? '[object global]' : describeValue(obj)}`);
  return ok;
}


export function binaryOp(op: string): (a: any, b: any) => unknown {
  switch (op) {
    case '+': return (a, b) => a + b;
    case '-': return (a, b) => a - b;
    case '*': return (a, b) => a * b;
    case '/': return (a, b) => a / b;
    case '%': return (a, b) => a % b;
    case '**': return (a, b) => a ** b;
    case '==': return (a, b) => a == b;
    case '!=': return (a, b) => a != b;
    case '===': return (a, b) => a === b;
    case '!==': return (a, b) => a !== b;
    case '<': return (a, b) => a < b;
    case '>': return (a, b) => a > b;
    case '<=': return (a, b) => a <= b;
    case '>=': return (a, b) => a >= b;
    case '<<': return (a, b) => a << b;
    case '>>': return (a, b) => a >> b;
    case '>>>': return (a, b) => a >>> b;
    case '&': return (a, b) => a & b;
    case '|': return (a, b) => a | b;
    case '^': return (a, b) => a ^ b;
    case 'instanceof': return (a, b) => a instanceof b;
    case 'in': return (a, b) => a in b;
  }
  throw new SyntaxError(`vmjs: unsupported operator ${op}`);
}

export function compileBinary(node: N, c: CompileContext): Expr {
  const op: string = node.operator;
  if (node.left.type === 'PrivateIdentifier') {
    const ref = resolvePrivate(c, node.left.name);
    const right = compileExpression(node.right, c);
    return function* (f) { return privateIn(f, ref, yield* right(f)); };
  }
  const l = compileExpression(node.left, c), r = compileExpression(node.right, c);
  if (!IS_GEN) {
    const fast = specializeBinary(op, node.left, node.right, l as unknown as (f: Frame) => unknown, c);
    if (fast !== null) return fast as unknown as Expr;
  }
  // The common operators are written out so each closure's operator site stays monomorphic.
  switch (op) {
    case '+': return function* (f) { const a = yield* l(f); return (a as any) + (yield* r(f) as any); };
    case '-': return function* (f) { const a = yield* l(f); return (a as any) - (yield* r(f) as any); };
    case '*': return function* (f) { const a = yield* l(f); return (a as any) * (yield* r(f) as any); };
    case '/': return function* (f) { const a = yield* l(f); return (a as any) / (yield* r(f) as any); };
    case '<': return function* (f) { const a = yield* l(f); return (a as any) < (yield* r(f) as any); };
    case '>': return function* (f) { const a = yield* l(f); return (a as any) > (yield* r(f) as any); };
    case '<=': return function* (f) { const a = yield* l(f); return (a as any) <= (yield* r(f) as any); };
    case '>=': return function* (f) { const a = yield* l(f); return (a as any) >= (yield* r(f) as any); };
    case '===': return function* (f) { const a = yield* l(f); return a === (yield* r(f)); };
    case '!==': return function* (f) { const a = yield* l(f); return a !== (yield* r(f)); };
    case '==': return function* (f) { const a = yield* l(f); return a == (yield* r(f)); };
    case '!=': return function* (f) { const a = yield* l(f); return a != (yield* r(f)); };
    case '&': return function* (f) { const a = yield* l(f); return (a as any) & (yield* r(f) as any); };
    case '|': return function* (f) { const a = yield* l(f); return (a as any) | (yield* r(f) as any); };
    case '%': return function* (f) { const a = yield* l(f); return (a as any) % (yield* r(f) as any); };
    case 'in': {
      return function* (f) {
        const a = yield* l(f);
        const b = yield* r(f);
        if ((typeof b !== 'object' || b === null) && typeof b !== 'function') {
          f.realm.throwTypeError(`Cannot use 'in' operator to search for '${typeof a === 'symbol' ? a.toString() : String(a)}' in ${typeof b === 'string' ? b : String(b)}`);
        }
        return (a as PropertyKey) in (b as object);
      };
    }
  }
  const fn = binaryOp(op);
  return function* (f) { const a = yield* l(f); return fn(a, yield* r(f)); };
}

export function compileLogical(node: N, c: CompileContext): Expr {
  const l = compileExpression(node.left, c), r = compileExpression(node.right, c);
  switch (node.operator) {
    case '&&': return function* (f) { const a = yield* l(f); return a ? yield* r(f) : a; };
    case '||': return function* (f) { const a = yield* l(f); return a ? a : yield* r(f); };
    default: return function* (f) { const a = yield* l(f); return a !== null && a !== undefined ? a : yield* r(f); };
  }
}
