// Operators (§13.4-§13.14): unary, delete, typeof, binary, logical and conditional.
// Grouped because they share binaryOp (compound assignment uses it too); the common
// binary operators are written out per closure so each operator site stays
// monomorphic. Generator form; the synchronous form is derived.
import type { BinaryExpression, ConditionalExpression, Expression, LogicalExpression, UnaryExpression } from 'acorn';
import { IS_GEN, type Expr } from './mode.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { compileRead, compileDelete } from '../compile/references.js';
import { specializeBinary } from '../compile/binary-specialized.js';
import { chargeConcat } from '../../realm/allocation.js';
import { ToObject, ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { describeValue } from '../../realm/describe.js';
import { privateIn, resolvePrivate } from '../runtime/private-names.js';
import { compileExpression } from './expressions.js';
import { SHORT, analyseMember, superThis, type MemberSite } from './member.js';

// §13.14 Conditional Operator
export function compileConditional(node: ConditionalExpression, c: CompileContext): Expr {
  const test = compileExpression(node.test, c), a = compileExpression(node.consequent, c), b = compileExpression(node.alternate, c);
  return function* (f) { return (yield* test(f)) ? yield* a(f) : yield* b(f); };
}

// §13.5 Unary Operators
export function compileUnary(node: UnaryExpression, c: CompileContext): Expr {
  const op = node.operator;
  const arg = node.argument;
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

// §13.5.1.2 The delete Operator
function compileDeleteExpr(arg: Expression, c: CompileContext): Expr {
  switch (arg.type) {
    case 'ParenthesizedExpression': return compileDeleteExpr(arg.expression, c);
    case 'Identifier': {
      const del = compileDelete(arg.name, c);
      return function* (f) { return del(f); };
    }
    case 'ChainExpression':
      // `delete a?.b`: true when the chain short-circuits (§13.5.1.2 via §13.3.9).
      if (arg.expression.type === 'MemberExpression') return memberDelete(analyseMember(arg.expression, c, true), c);
      break;
    case 'MemberExpression': return memberDelete(analyseMember(arg, c, false), c);
  }
  const e = compileExpression(arg, c);
  return function* (f) { yield* e(f); return true; };
}

function memberDelete(site: MemberSite, c: CompileContext): Expr {
  switch (site.kind) {
    case 'super': {
      // A super reference cannot be deleted: a ReferenceError, after this and the key are evaluated.
      const key = site.key;
      return function* (f) {
        superThis(f);
        if (typeof key !== 'string') yield* key(f);
        return f.realm.throwReferenceError('Unsupported reference to \'super\'');
      };
    }
    case 'private': throw new SyntaxError('Private fields can not be deleted');
  }
  const { obj, optional } = site;
  const key = site.kind === 'computed' ? site.key : null;
  const name = site.kind === 'named' ? site.name : '';
  const strict = c.strict;
  if (site.inChain) {
    return function* (f) {
      const o = yield* obj(f);
      if (o === SHORT || (optional && (o === null || o === undefined))) return true;
      const k = key === null ? name : yield* key(f);
      return deleteProperty(f, o, k, strict);
    };
  }
  return function* (f) {
    const o = yield* obj(f);
    const k = key === null ? name : yield* key(f);
    return deleteProperty(f, o, k, strict);
  };
}

function deleteProperty(f: Frame, o: unknown, k: unknown, strict: boolean): boolean {
  const obj = ToObject(f.realm, o);
  const key = ToPropertyKey(f.realm, k);
  const ok = Reflect.deleteProperty(obj, key);
  if (!ok && strict) f.realm.throwTypeError(`Cannot delete property '${describeValue(key)}' of ${obj === f.realm.globalThisValue && f.realm.sandbox !== null ? '[object global]' : describeValue(obj)}`);
  return ok;
}

/** The operator applied to guest values: the host operator is the spec's, for any operand types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type HostOperator = (a: any, b: any) => unknown;

/** The operator as a function, for the rarer binary operators and compound assignment. */
export function binaryOp(op: string): (a: unknown, b: unknown) => unknown {
  return hostOperator(op);
}

function hostOperator(op: string): HostOperator {
  switch (op) {
    case '+': return (a, b) => { const v = a + b; if (typeof v === 'string') chargeConcat(v, a, b); return v; };
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

// §13.6-§13.12 binary operators; §13.10.1 `#x in o`
export function compileBinary(node: BinaryExpression, c: CompileContext): Expr {
  const op = node.operator;
  const left = node.left;
  if (left.type === 'PrivateIdentifier') {
    const ref = resolvePrivate(c, left.name);
    const right = compileExpression(node.right, c);
    return function* (f) { return privateIn(f, ref, yield* right(f)); };
  }
  const l = compileExpression(left, c), r = compileExpression(node.right, c);
  if (!IS_GEN) {
    const fast = specializeBinary(op, left, node.right, l as unknown as (f: Frame) => unknown, c);
    if (fast !== null) return fast as unknown as Expr;
  }
  // The common operators are written out so each closure's operator site stays monomorphic.
  switch (op) {
    case '+': return function* (f) {
      const a = yield* l(f);
      const b = yield* r(f);
      const v = (a as any) + (b as any);
      // A string result counts against the allocation budget (src/realm/allocation.ts).
      if (typeof v === 'string') chargeConcat(v, a, b);
      return v;
    };
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

// §13.13 Binary Logical Operators
export function compileLogical(node: LogicalExpression, c: CompileContext): Expr {
  const l = compileExpression(node.left, c), r = compileExpression(node.right, c);
  switch (node.operator) {
    case '&&': return function* (f) { const a = yield* l(f); return a ? yield* r(f) : a; };
    case '||': return function* (f) { const a = yield* l(f); return a ? a : yield* r(f); };
    default: return function* (f) { const a = yield* l(f); return a !== null && a !== undefined ? a : yield* r(f); };
  }
}
