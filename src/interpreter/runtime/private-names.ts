// Private names (§6.2.12) and PrivateEnvironment Records (§9.2). A private
// field's storage is a WeakMap from object to value; private methods and
// accessors are shared, guarded by the class's brand set.
import type { Realm } from '../../realm/realm.js';
import type { CompileContext } from '../compile/compile-context.js';
import type { Frame } from './frame.js';

export type PrivateKind = 'field' | 'method' | 'accessor';

export class PrivateName {
  readonly fields = new WeakMap<object, unknown>();
  method: Function | undefined = undefined;
  getter: Function | undefined = undefined;
  setter: Function | undefined = undefined;
  /** For methods/accessors: the objects that carry the class's brand. */
  brand: WeakSet<object> | undefined = undefined;
  constructor(readonly description: string, readonly kind: PrivateKind) {}

  has(o: unknown): boolean {
    if (typeof o !== 'object' && typeof o !== 'function' || o === null) return false;
    return this.kind === 'field' ? this.fields.has(o) : this.brand!.has(o);
  }

  get(realm: Realm, o: unknown): unknown {
    if (this.kind === 'field') {
      if ((typeof o === 'object' && o !== null) || typeof o === 'function') {
        const v = this.fields.get(o);
        if (v !== undefined || this.fields.has(o)) return v;
      }
      return realm.throwTypeError(`Cannot read private member ${this.description} from an object whose class did not declare it`);
    }
    if (!this.has(o)) realm.throwTypeError(`Cannot read private member ${this.description} from an object whose class did not declare it`);
    if (this.kind === 'method') return this.method;
    if (this.getter === undefined) realm.throwTypeError(`'${this.description}' was defined without a getter`);
    return Reflect.apply(this.getter, o, []);
  }

  set(realm: Realm, o: unknown, v: unknown): void {
    if (this.kind === 'field') {
      if (((typeof o === 'object' && o !== null) || typeof o === 'function') && this.fields.has(o)) { this.fields.set(o, v); return; }
      realm.throwTypeError(`Cannot write private member ${this.description} to an object whose class did not declare it`);
    }
    if (!this.has(o)) realm.throwTypeError(`Cannot write private member ${this.description} to an object whose class did not declare it`);
    if (this.kind === 'method') realm.throwTypeError(`Private method '${this.description}' is not writable`);
    if (this.setter === undefined) realm.throwTypeError(`'${this.description}' was defined without a setter`);
    Reflect.apply(this.setter, o, [v]);
  }

  /** PrivateFieldAdd (§7.3.31). */
  addField(realm: Realm, o: object, v: unknown): void {
    if (this.fields.has(o)) realm.throwTypeError(`Cannot initialize ${this.description} twice on the same object`);
    this.fields.set(o, v);
  }
}

export class PrivateEnv {
  constructor(readonly names: PrivateName[], readonly parent: PrivateEnv | null) {}
}

/** The private name at `depth` (enclosing classes out) and `index`. */
export function privateNameAt(env: PrivateEnv | null, depth: number, index: number): PrivateName {
  let e = env!;
  for (let i = 0; i < depth; i++) e = e.parent!;
  return e.names[index];
}

/** A `#name` reference resolved at preparation: how many class bodies out, and which name there. */
export interface PrivateRef { readonly depth: number; readonly index: number; readonly name: string }

/** Resolves `#name` against the enclosing class bodies; called once per site, at preparation. */
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
