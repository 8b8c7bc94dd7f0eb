// Run-time support for expressions that need more than a few lines: super,
// private names, template objects, regexp literals, direct eval, spreads.
import type { Realm } from '../../realm/realm.js';
import type { Frame } from './frame.js';
import type { CompileContext } from '../compile/compile-context.js';
import { UNINIT } from '../compile/scope.js';
import { initializeInstanceElements, functionStateOf } from './function-object.js';
import { privateNameAt } from './private-names.js';
import { IsConstructor } from '../../realm/abstract-ops.js';
import { createRegExpLiteral } from '../../realm/builtins/regexp.js';
import { ToObject } from '../../realm/abstract-ops/type-conversion.js';
import { performDirectEval } from './eval-code.js';

const { getPrototypeOf, freeze, defineProperty, setPrototypeOf, getOwnPropertyDescriptor } = Object;
const ReflectConstruct = Reflect.construct;
const ownKeys = Reflect.ownKeys;

/** IsConstructor (§7.2.4). */
export function isConstructor(v: unknown): boolean {
  if (typeof v !== 'function') return false;
  const s = functionStateOf(v);
  if (s !== undefined) return s.template.kind === 'normal' || s.template.kind === 'classConstructor';
  return IsConstructor(v);
}

/** GetSuperBase (§9.1.1.3.5) of the running method. */
export function superBase(f: Frame): object {
  const home = f.thisFrame.fn?.homeObject;
  if (home === undefined) f.realm.throwSyntaxError("'super' keyword unexpected here");
  const base = getPrototypeOf(home);
  if (base === null) f.realm.throwTypeError('Cannot read properties of null (reading super property)');
  return base;
}

/** SuperCall (§13.3.7.1). */
export function superCall(f: Frame, args: unknown[]): unknown {
  const tf = f.thisFrame;
  const s = tf.fn!;
  const parent = getPrototypeOf(s.fnObject);
  if (!isConstructor(parent)) f.realm.throwTypeError(`Super constructor ${String(parent)} of anonymous class is not a constructor`);
  const result = ReflectConstruct(parent as Function, args, tf.newTarget as Function);
  if (tf.thisValue !== UNINIT) f.realm.throwReferenceError('Super constructor may only be called once');
  tf.thisValue = result;
  if (s.fields !== null) initializeInstanceElements(f.realm, result, s);
  return result;
}

/** GetTemplateObject (§13.2.8.4): one frozen template object per site and realm. */
export function templateObject(realm: Realm, site: object, cooked: ReadonlyArray<string | undefined>, raw: readonly string[]): unknown[] {
  const cached = realm.templateMap.get(site);
  if (cached !== undefined) return cached;
  const rawObj = raw.slice();
  const obj: unknown[] = cooked.slice();
  if (!realm.isHost) {
    setPrototypeOf(rawObj, realm.intrinsics.ArrayPrototype);
    setPrototypeOf(obj, realm.intrinsics.ArrayPrototype);
  }
  freeze(rawObj);
  defineProperty(obj, 'raw', { value: rawObj, writable: false, enumerable: false, configurable: false });
  freeze(obj);
  realm.templateMap.set(site, obj);
  return obj;
}

export function createRegExp(realm: Realm, pattern: string, flags: string): unknown {
  if (realm.isHost) return new RegExp(pattern, flags);
  return createRegExpLiteral(realm, pattern, flags);
}

export interface PrivateRef { readonly depth: number; readonly index: number; readonly name: string }

/** Resolves `#name` against the enclosing class bodies at compile time. */
export function resolvePrivate(c: CompileContext, name: string): PrivateRef {
  let depth = 0;
  for (let p = c.privates; p !== null; p = p.parent) {
    const index = p.names.get(name);
    if (index !== undefined) return { depth, index, name };
    depth++;
  }
  throw new SyntaxError(`Private field '#${name}' must be declared in an enclosing class`);
}

export function privateGet(f: Frame, ref: PrivateRef, o: unknown): unknown {
  return privateNameAt(f.privateEnv, ref.depth, ref.index).get(f.realm, o);
}

export function privateSet(f: Frame, ref: PrivateRef, o: unknown, v: unknown): void {
  privateNameAt(f.privateEnv, ref.depth, ref.index).set(f.realm, o, v);
}

export function privateIn(f: Frame, ref: PrivateRef, o: unknown): boolean {
  if ((typeof o !== 'object' || o === null) && typeof o !== 'function') {
    f.realm.throwTypeError(`Cannot use 'in' operator to search for '#${ref.name}' in ${String(o)}`);
  }
  return privateNameAt(f.privateEnv, ref.depth, ref.index).has(o);
}


export function directEval(f: Frame, args: unknown[], strictCaller: boolean): unknown {
  if (args.length === 0) return undefined;
  const x = args[0];
  if (typeof x !== 'string') return x;
  return performDirectEval(f, x, strictCaller);
}
