// ClassDefinitionEvaluation (§15.7.14) in generator form (heritage and computed
// keys may contain yield); the synchronous form is derived.
import { markGuestObject } from '../../realm/membrane.js';
import type { Class, Expression, Literal, MethodDefinition, PropertyDefinition } from 'acorn';
import type { SynthesizedFunction } from '../compile/estree.js';
import { type Ev } from './mode.js';
import { childContext, PrivateScope, type CompileContext } from '../compile/compile-context.js';
import type { Frame } from '../runtime/frame.js';
import { ScopeInfo, UNINIT } from '../compile/scope.js';
import { newEnv } from '../runtime/environment.js';
import { FunctionTemplate } from '../compile/function-template.js';
import { makeFunction, functionStateOf, type ClassElementRecord } from '../runtime/function-object.js';
import { PrivateEnv, PrivateName, type PrivateKind } from '../runtime/private-names.js';
import { isConstructor } from '../runtime/function-object.js';
import { ToPropertyKey } from '../../realm/abstract-ops/type-conversion.js';
import { compileExpression } from './expressions.js';
import { functionTemplate } from './functions.js';
import { describeValue } from '../../realm/describe.js';

const { create, defineProperty, setPrototypeOf, getOwnPropertyDescriptor } = Object;

type ClassEval = (f: Frame, name: PropertyKey | undefined) => Ev<Function>;

export function compileClass(node: Class, c: CompileContext, name: PropertyKey | undefined, dynamic = false): (f: Frame) => Ev<unknown> {
  const run = classEvaluator(node, c);
  if (dynamic) return run as unknown as (f: Frame) => Ev<unknown>;
  const className = node.id ? node.id.name : name;
  return function* (f) { return yield* run(f, className); };
}

interface ElementPlan {
  isStatic: boolean;
  kind: 'method' | 'get' | 'set' | 'field' | 'block';
  key: string | ((f: Frame) => Ev<PropertyKey>) | { private: number };
  template: FunctionTemplate | null;
}

function classEvaluator(node: Class, c0: CompileContext): ClassEval {
  const c: CompileContext = { ...c0, strict: true } as CompileContext;
  const body = node.body.body;
  const classScope = new ScopeInfo('class', c.scope, false);
  const bindingName: string | null = node.id ? node.id.name : null;
  if (bindingName !== null) classScope.declare(bindingName, 'const', UNINIT);
  const cc = childContext(c, classScope);

  // Private names declared by this class body.
  const privScope = new PrivateScope(c.privates, 0);
  const privKinds: PrivateKind[] = [];
  const privNames: string[] = [];
  for (const el of body) {
    if (el.type !== 'StaticBlock' && el.key.type === 'PrivateIdentifier') {
      const n: string = el.key.name;
      if (privScope.names.has(n)) continue; // a getter/setter pair shares one name
      privScope.names.set(n, privNames.length);
      privNames.push(n);
      privKinds.push(el.type === 'PropertyDefinition' ? 'field' : el.kind === 'get' || el.kind === 'set' ? 'accessor' : 'method');
    }
  }
  const inner: CompileContext = { ...cc, privates: privScope };

  const heritage = node.superClass ? compileExpression(node.superClass, cc) : null;
  const ctorNode = body.find((el): el is MethodDefinition => el.type === 'MethodDefinition' && el.kind === 'constructor');
  const ctorFn = ctorNode ? ctorNode.value : synthesized({ type: 'BlockStatement', body: [], start: node.start, end: node.end }, node.start, node.end);
  const ctorTemplate = new FunctionTemplate(ctorFn, 'classConstructor', undefined, classScope, true, c.source, privScope);
  ctorTemplate.isDerived = node.superClass !== null && node.superClass !== undefined;
  ctorTemplate.isDefaultConstructor = ctorNode === undefined;
  ctorTemplate.textRange = [node.start, node.end];

  const plans: ElementPlan[] = [];
  for (const el of body) {
    if (el === ctorNode) continue;
    if (el.type === 'StaticBlock') {
      const fnNode = synthesized({ type: 'BlockStatement', body: el.body, start: el.start, end: el.end }, el.start, el.end);
      plans.push({ isStatic: true, kind: 'block', key: '', template: new FunctionTemplate(fnNode, 'classField', '', classScope, true, c.source, privScope) });
      continue;
    }
    const key: ElementPlan['key'] = el.key.type === 'PrivateIdentifier'
      ? { private: privScope.names.get(el.key.name)! }
      : staticOrComputedKey(el, inner);
    if (el.type === 'PropertyDefinition') {
      let template: FunctionTemplate | null = null;
      if (el.value) {
        const fnNode = synthesized(el.value, el.value.start, el.value.end, fieldName(el));
        template = new FunctionTemplate(fnNode, 'classField', '', classScope, true, c.source, privScope);
      }
      plans.push({ isStatic: !!el.static, kind: 'field', key, template });
      continue;
    }
    const mk = el.kind === 'get' ? 'get' : el.kind === 'set' ? 'set' : 'method';
    const t = functionTemplate(el.value, { ...inner }, typeof key === 'string' ? key : undefined, mk);
    // The source text is the MethodDefinition: the element without its `static`.
    t.textRange = [el.static ? afterStaticKeyword(c.source.text, el.start) : el.start, el.value.end];
    plans.push({ isStatic: !!el.static, kind: mk, key, template: t });
  }

  return function* (f, className) {
    const realm = f.realm;
    const outer = f.env;
    const outerPrivate = f.privateEnv;
    const env = classScope.materialized ? newEnv(outer, classScope) : outer;
    f.env = env;
    let protoParent: object | null = realm.intrinsics.ObjectPrototype;
    let constructorParent: object = realm.intrinsics.FunctionPrototype;
    try {
      if (heritage !== null) {
        const superclass = yield* heritage(f);
        if (superclass === null) {
          protoParent = null;
        } else {
          if (!isConstructor(superclass)) realm.throwTypeError(`Class extends value ${describeValue(superclass)} is not a constructor or null`);
          const pp = (superclass as { prototype: unknown }).prototype;
          if (pp !== null && typeof pp !== 'object' && typeof pp !== 'function') realm.throwTypeError(`Class extends value does not have valid prototype property ${String(pp)}`);
          protoParent = pp as object | null;
          constructorParent = superclass as object;
        }
      }
      const names = privNames.map((n, i) => new PrivateName(`#${n}`, privKinds[i]));
      f.privateEnv = new PrivateEnv(names, outerPrivate);
      const proto = create(protoParent);
      if (protoParent === null) markGuestObject(proto);
      const F = makeFunction(ctorTemplate, f, env, className ?? '', proto);
      const state = functionStateOf(F)!;
      setPrototypeOf(F, constructorParent);
      defineProperty(F, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
      defineProperty(proto, 'constructor', { value: F, writable: true, enumerable: false, configurable: true });

      const instanceFields: ClassElementRecord[] = [];
      const staticElements: Array<ClassElementRecord | Function> = [];
      let instanceBrand: WeakSet<object> | null = null;
      let staticBrand: WeakSet<object> | null = null;
      for (let i = 0; i < plans.length; i++) {
        const p = plans[i];
        const home = p.isStatic ? F : proto;
        if (p.kind === 'block') {
          staticElements.push(makeFunction(p.template!, f, env, '', F));
          continue;
        }
        let key: PropertyKey | PrivateName;
        if (typeof p.key === 'string') key = p.key;
        else if (typeof p.key === 'function') key = yield* p.key(f);
        else key = names[p.key.private];
        if (p.kind === 'field') {
          const init = p.template === null ? undefined : makeFunction(p.template, f, env, '', home);
          (p.isStatic ? staticElements : instanceFields).push({ key, initializer: init });
          continue;
        }
        const fnName = key instanceof PrivateName ? key.description : key;
        const fn = makeFunction(p.template!, f, env, fnName, home, p.kind === 'method' ? undefined : p.kind);
        if (key instanceof PrivateName) {
          if (p.isStatic) { staticBrand ??= new WeakSet(); key.brand = staticBrand; } else { instanceBrand ??= new WeakSet(); key.brand = instanceBrand; }
          if (p.kind === 'method') key.method = fn;
          else if (p.kind === 'get') key.getter = fn;
          else key.setter = fn;
          continue;
        }
        if (p.kind === 'method') defineProperty(home, key, { value: fn, writable: true, enumerable: false, configurable: true });
        else {
          const existing = getOwnPropertyDescriptor(home, key);
          const desc: PropertyDescriptor = { enumerable: false, configurable: true };
          if (p.kind === 'get') { desc.get = fn as () => unknown; if (existing && existing.set) desc.set = existing.set; }
          else { desc.set = fn as (v: unknown) => void; if (existing && existing.get) desc.get = existing.get; }
          defineProperty(home, key, desc);
        }
      }
      if (bindingName !== null) env.slots[classScope.bindings.get(bindingName)!.slot] = F;
      state.fields = instanceFields.length > 0 || instanceBrand !== null ? instanceFields : null;
      state.brand = instanceBrand;
      if (staticBrand !== null) staticBrand.add(F);
      for (let i = 0; i < staticElements.length; i++) {
        const el = staticElements[i];
        if (typeof el === 'function') { Reflect.apply(el, F, []); continue; }
        const v = el.initializer === undefined ? undefined : Reflect.apply(el.initializer, F, []);
        if (el.key instanceof PrivateName) el.key.addField(realm, F, v);
        else defineProperty(F, el.key, { value: v, writable: true, enumerable: true, configurable: true });
      }
      return F;
    } finally {
      f.env = outer;
      f.privateEnv = outerPrivate;
    }
  };
}

function fieldName(el: PropertyDefinition): string | undefined {
  if (el.computed) return undefined;
  if (el.key.type === 'PrivateIdentifier') return `#${el.key.name}`;
  if (el.key.type === 'Identifier') return el.key.name;
  return String((el.key as Literal).value); // a non-computed key is an identifier, private name or literal
}

/** A function node the class compiler makes for a default constructor, a static block or a field
 * initializer: never parsed, compiled like a method body. */
function synthesized(body: SynthesizedFunction['body'], start: number, end: number, vmjsFieldName?: string): SynthesizedFunction {
  return { type: 'FunctionExpression', params: [], body, start, end, vmjsFieldName };
}

function staticOrComputedKey(el: MethodDefinition | PropertyDefinition, c: CompileContext): string | ((f: Frame) => Ev<PropertyKey>) {
  if (!el.computed) {
    const k = el.key as Literal | { type: 'Identifier'; name: string }; // not computed: an identifier or a literal (private names are handled by the caller)
    if (k.type === 'Identifier') return k.name;
    return k.bigint !== undefined ? String(BigInt(k.bigint)) : String(k.value);
  }
  const e = compileExpression(el.key as Expression, c);
  return function* (f) { return ToPropertyKey(f.realm, yield* e(f)); };
}


/** The position after `static` at `start` and the white space and comments that follow it. */
function afterStaticKeyword(text: string, start: number): number {
  let i = start + 'static'.length;
  for (;;) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) + 2;
    else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && !/[\n\r\u2028\u2029]/.test(text[i])) i++;
    } else if (ch !== undefined && /\s/.test(ch)) i++;
    else return i;
  }
}
