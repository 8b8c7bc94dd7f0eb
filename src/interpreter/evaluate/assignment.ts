// Assignment (§13.15) and update expressions (§13.4.2-§13.4.5) and their targets.
// Together because both evaluate a target reference once and then read and/or
// write it; plain `=` to an identifier or a property gets its own closures, the
// commonest writes in any program. Generator form; the synchronous form is derived.
import type { AssignmentExpression, Expression, Pattern, UpdateExpression } from 'acorn';
import { IS_GEN, type Ev, type Expr } from './mode.js';
import { namedAssign } from '../compile/named-access.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { compileRead, compileWrite, resolvesDynamically, lookupDynamic, dynamicReadAt, dynamicWriteAt, type Writer } from '../compile/references.js';
import type { DynamicHit } from '../runtime/environment.js';
import { failedReadMessage, getOnPrimitive, putSloppy, putStrict, sloppyPut, putComputedMember } from '../runtime/property-access.js';
import { ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { describeValue } from '../../realm/describe.js';
import { superBase } from '../runtime/super.js';
import { privateGet, privateSet } from '../runtime/private-names.js';
import { compileAssignmentPattern } from './patterns.js';
import { compileExpression } from './expressions.js';
import { compileNamed, isAnonymousFunctionDefinition } from './functions.js';
import { inferNameFromAssignment } from '../compile/inferred-names.js';
import { analyseMember, superThis, type MemberSite } from './member.js';
import { binaryOp } from './operators.js';
import { agent } from '../../realm/agent.js';
import { chargeLengthStore } from '../../realm/allocation.js';

const ReflectSet = Reflect.set;

/** A compiled assignment target: `prepare` evaluates the base and key once; get/put use them. */
interface TargetRef {
  prepare: (f: Frame) => Ev<unknown[]>;
  get: (f: Frame, ref: unknown[]) => unknown;
  put: (f: Frame, ref: unknown[], v: unknown) => void;
}

const NO_REF: unknown[] = [];

/** An assignment or update target: the parser allows an identifier, a member expression, and (sloppy
 * Annex B) a call; patterns are compiled by patterns.ts. */
/** `invalid`: V8's words for the ReferenceError of a call target (the update operators name themselves). */
function compileTargetRef(node: Pattern | Expression, c: CompileContext, invalid = 'Invalid left-hand side in assignment'): TargetRef {
  switch (node.type) {
    case 'ParenthesizedExpression': return compileTargetRef(node.expression, c, invalid);
    case 'Identifier': {
      const name = node.name;
      if (resolvesDynamically(name, c)) {
        // The binding is resolved before the right-hand side runs, which may delete it (§13.15.2).
        const strict = c.strict;
        return {
          prepare: function* (f) { return [lookupDynamic(f.env, name)]; },
          get: (f, r) => dynamicReadAt(f, r[0] as DynamicHit, name),
          put: (f, r, v) => dynamicWriteAt(f, r[0] as DynamicHit, name, v, strict),
        };
      }
      const read = compileRead(name, c);
      const write = compileWrite(name, c);
      return { prepare: function* () { return NO_REF; }, get: (f) => read(f), put: (f, _r, v) => write(f, v) };
    }
    case 'MemberExpression': return memberTarget(analyseMember(node, c, false), c);
    case 'CallExpression': {
      if (c.strict) break;
      // Annex B: `f() = x` is a ReferenceError at run time, after the call.
      const call = compileExpression(node, c);
      return {
        prepare: function* (f) { yield* call(f); return f.realm.throwReferenceError(invalid); },
        get: () => undefined, put: () => undefined,
      };
    }
  }
  throw new SyntaxError('Invalid left-hand side in assignment');
}

/** A member as a Reference (§6.2.5): `prepare` evaluates the base and key, get/put are GetValue and
 * PutValue on them. Never in an optional chain (assigning to one is an early error). */
function memberTarget(site: MemberSite, c: CompileContext): TargetRef {
  switch (site.kind) {
    case 'super': {
      const key = site.key;
      return {
        prepare: function* (f) {
          const thisValue = superThis(f);
          const k = typeof key === 'string' ? key : ToPropertyKey(f.realm, yield* key(f));
          return [superBase(f), k, thisValue];
        },
        get: (_f, r) => Reflect.get(r[0] as object, r[1] as PropertyKey, r[2]),
        put: (f, r, v) => { if (!ReflectSet(r[0] as object, r[1] as PropertyKey, v, r[2]) && f.strict) f.realm.throwTypeError(`Cannot assign to read only property '${describeValue(r[1])}' of object`); },
      };
    }
    case 'private': {
      const { obj, ref } = site;
      return {
        prepare: function* (f) { return [yield* obj(f)]; },
        get: (f, r) => privateGet(f, ref, r[0]),
        put: (f, r, v) => privateSet(f, ref, r[0], v),
      };
    }
    case 'named': {
      const { obj, name } = site;
      const put = c.strict ? putStrict : putSloppy;
      return {
        prepare: function* (f) { return [yield* obj(f), name]; },
        get: (f, r) => { const o = r[0]; return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[name] : getOnPrimitive(f.realm, o, name); },
        put: (f, r, v) => put(f.realm, r[0], name, v),
      };
    }
    case 'computed': {
      const { obj, key } = site;
      const put = c.strict ? putStrict : putSloppy;
      return {
        prepare: function* (f) {
          const o = yield* obj(f);
          const k = yield* key(f);
          if (o === null || o === undefined) f.realm.throwTypeError(failedReadMessage(o, k));
          return [o, ToPropertyKey(f.realm, k)];
        },
        get: (f, r) => { const o = r[0]; return typeof o === 'object' && o !== null ? (o as Record<PropertyKey, unknown>)[r[1] as PropertyKey] : getOnPrimitive(f.realm, o, r[1]); },
        put: (f, r, v) => put(f.realm, r[0], r[1], v),
      };
    }
  }
}

// §13.15.2 Runtime Semantics: Evaluation
export function compileAssignment(node: AssignmentExpression, c: CompileContext): Expr {
  const op = node.operator;
  const left = node.left;
  if (op === '=' && (left.type === 'ObjectPattern' || left.type === 'ArrayPattern')) {
    const assign = compileAssignmentPattern(left, c);
    const value = compileExpression(node.right, c);
    return function* (f) { const v = yield* value(f); yield* assign(f, v); return v; };
  }
  const value = left.type === 'Identifier' && isAnonymousFunctionDefinition(node.right) ? compileNamed(node.right, c, left.name) : compileExpression(node.right, c);
  if (op === '=') {
    if (left.type === 'Identifier' && !resolvesDynamically(left.name, c)) {
      const write: Writer = compileWrite(left.name, c);
      return function* (f) { const v = yield* value(f); write(f, v); return v; };
    }
    if (left.type === 'MemberExpression') {
      inferNameFromAssignment(left, node.right);
      return memberAssign(analyseMember(left, c, false), value, c);
    }
    const ref = compileTargetRef(left, c);
    return function* (f) { const r = yield* ref.prepare(f); const v = yield* value(f); ref.put(f, r, v); return v; };
  }
  const ref = compileTargetRef(left, c);
  if (op === '&&=' || op === '||=' || op === '??=') {
    return function* (f) {
      const r = yield* ref.prepare(f);
      const cur = ref.get(f, r);
      if (op === '&&=' ? !cur : op === '||=' ? cur : cur !== null && cur !== undefined) return cur;
      const v = yield* value(f);
      ref.put(f, r, v);
      return v;
    };
  }
  const fn = binaryOp(op.slice(0, -1));
  return function* (f) {
    const r = yield* ref.prepare(f);
    const cur = ref.get(f, r);
    const v = fn(cur, yield* value(f));
    ref.put(f, r, v);
    return v;
  };
}

/** `o.x = v` and `o[k] = v`, without a Reference record; super and private members go through
 * memberTarget. */
function memberAssign(site: MemberSite, value: Expr, c: CompileContext): Expr {
  switch (site.kind) {
    case 'named': {
      const { obj, name } = site;
      if (name === 'length') return lengthAssign(obj, value, c.strict);
      const perName = IS_GEN ? null : namedAssign(name, obj as never, value as never, c.strict);
      if (perName !== null) return perName as unknown as Expr;
      if (c.strict) {
        return function* (f) {
          const o = yield* obj(f);
          const v = yield* value(f);
          putStrict(f.realm, o, name, v);
          return v;
        };
      }
      return function* (f) {
        const o = yield* obj(f);
        const v = yield* value(f);
        if (typeof o === 'object' && o !== null) sloppyPut(o, name, v);
        else putSloppy(f.realm, o, name, v);
        return v;
      };
    }
    case 'computed': {
      const { obj, key } = site;
      const strict = c.strict;
      return function* (f) {
        // The right-hand side runs before the base is checked and the key converted (PutValue, §6.2.5.6).
        const o = yield* obj(f);
        const k = yield* key(f);
        return putComputedMember(f, o, k, yield* value(f), strict);
      };
    }
  }
  const ref = memberTarget(site, c);
  return function* (f) { const r = yield* ref.prepare(f); const v = yield* value(f); ref.put(f, r, v); return v; };
}

/** `o.length = v`: a longer array length makes the host allocate the elements (V8 grows the store up
 * to 32M elements), so while a budget is set it is counted first (src/realm/allocation.ts). */
function lengthAssign(obj: Expr, value: Expr, strict: boolean): Expr {
  return function* (f) {
    const o = yield* obj(f);
    const v = yield* value(f);
    if (typeof o === 'object' && o !== null) {
      if (agent.allocLimit !== Infinity) chargeLengthStore(o, v);
      if (strict) putStrict(f.realm, o, 'length', v); else sloppyPut(o, 'length', v);
    } else if (strict) putStrict(f.realm, o, 'length', v); else putSloppy(f.realm, o, 'length', v);
    return v;
  };
}

// §13.4.2-§13.4.5 Postfix and Prefix Increment/Decrement
export function compileUpdate(node: UpdateExpression, c: CompileContext): Expr {
  const inc = node.operator === '++';
  const prefix = node.prefix === true;
  const arg = node.argument;
  if (arg.type === 'Identifier') {
    const read = compileRead(arg.name, c);
    const write = compileWrite(arg.name, c);
    if (inc && prefix) return function* (f) { let v = read(f) as number; ++v; write(f, v); return v; };
    if (inc) return function* (f) { let v = read(f) as number; const old = v++; write(f, v); return old; };
    if (prefix) return function* (f) { let v = read(f) as number; --v; write(f, v); return v; };
    return function* (f) { let v = read(f) as number; const old = v--; write(f, v); return old; };
  }
  const ref = compileTargetRef(arg, c, `Invalid left-hand side expression in ${prefix ? 'prefix' : 'postfix'} operation`);
  return function* (f) {
    const r = yield* ref.prepare(f);
    let v = ref.get(f, r) as number;
    const old = inc ? v++ : v--;
    ref.put(f, r, v);
    return prefix ? v : old;
  };
}
