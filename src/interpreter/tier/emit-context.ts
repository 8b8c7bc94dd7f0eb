// The compiled tier's emitter state for one function body: the constants array K
// (every guest string, number and name, and every closure-tier closure the code
// delegates to, is an element of K, named k0, k1… in the generated text: no guest
// text is ever written into it), host temporaries (t0…), host locals for
// bindings kept out of Env slots (v0…), the run-time Env of each materialized
// scope (e0…), and how a name resolves from the current point.
import type { Node, Statement } from 'acorn';
import type { CompileContext } from '../compile/compile-context.js';
import { childContext } from '../compile/compile-context.js';
import { resolve, lexicalDeclarations, boundNames, type Binding, type ScopeInfo } from '../compile/scope.js';
import { compileRead, compileWrite } from '../compile/references.js';
import type { FunctionTemplate } from '../compile/function-template.js';
import { Unsupported, type BodyAnalysis } from './eligibility.js';

/** How one binding of a scope of this function lives at run time. */
interface VarRec {
  readonly binding: Binding;
  /** The host local holding it, or null when it stays in its Env slot. */
  readonly host: string | null;
  /** Source offset after which a read is past its declaration (no TDZ check), or Infinity. */
  readonly declEnd: number;
}

interface ScopeRec {
  readonly info: ScopeInfo;
  /** The host variable holding this scope's Env, or null when the scope has none at run time. */
  readonly env: string | null;
  readonly vars: Map<string, VarRec>;
}

/** A break/continue target: a loop or a labelled statement. */
export interface JumpTarget {
  readonly hostLabel: string;
  readonly guestLabels: readonly string[];
  readonly isLoop: boolean;
  /** A switch: the target of an unlabelled break. */
  readonly isSwitch?: boolean;
  /** The Env variable current where the statement ends (break) and where it iterates (continue). */
  readonly breakEnv: string;
  continueEnv: string;
}

const TDZ_KINDS = new Set(['let', 'const', 'class', 'param']);

export function needsTDZ(b: Binding): boolean {
  return TDZ_KINDS.has(b.kind);
}

/** Which host function a pass emits: the body `run(f)` that invoke calls with a frame it made, the
 * direct entry (compile-to-host.ts) that makes its own frame and returns the guest value, or the body
 * function of a body with a loop, which both its entry and its `run` call and which returns the body's
 * completion value (the entry's try/catch and [[Construct]] result stay in the entry). */
export type EmitForm = 'run' | 'entry' | 'body';

export class Emitter {
  readonly consts: unknown[] = [];
  readonly #constIndex = new Map<unknown, string>();
  /** Constants made for a node or a site (delegated closures, readers, call sites): made once and
   * shared by both forms' passes. */
  readonly #made = new Map<unknown, string>();
  locals: string[] = [];
  form: EmitForm = 'run';
  /** The host expression of the closure's environment (the function Env's parent). */
  outerBase = 'e0.parent';
  #temps = 0;
  #hostVars = 0;
  #envs = 1; // e0 is the function's own Env
  #labels = 0;
  readonly scopes: ScopeRec[] = [];
  readonly jumps: JumpTarget[] = [];
  /** Whether `this` of a non-arrow function was read (the body then reads it once at entry). */
  usesThis = false;

  constructor(
    readonly t: FunctionTemplate,
    public c: CompileContext,
    readonly analysis: BodyAnalysis,
    readonly fnScope: ScopeInfo,
  ) {}

  get strict(): boolean { return this.c.strict; }

  /** A constant's name in the generated code (the value itself stays in K). */
  konst(v: unknown): string {
    const dedupe = typeof v === 'string' || (typeof v === 'number' && !Object.is(v, -0));
    if (dedupe) {
      const hit = this.#constIndex.get(v);
      if (hit !== undefined) return hit;
    }
    const name = `k${this.consts.length}`;
    this.consts.push(v);
    if (dedupe) this.#constIndex.set(v, name);
    return name;
  }

  /** The constant for `key` (a node, or a site's string key), made by `make` on first use. */
  made(key: unknown, make: () => unknown): string {
    const hit = this.#made.get(key);
    if (hit !== undefined) return hit;
    const name = this.konst(make());
    this.#made.set(key, name);
    return name;
  }

  readonly #blockScopes = new Map<Node, ScopeInfo | null>();

  /** The scope of a block, loop or switch, made once: both passes (and the closures delegated from
   * either) see the same ScopeInfo. */
  scopeOf(node: Node, make: () => ScopeInfo | null): ScopeInfo | null {
    if (this.#blockScopes.has(node)) return this.#blockScopes.get(node)!;
    const scope = make();
    this.#blockScopes.set(node, scope);
    return scope;
  }

  /** Starts emitting one form of the body: fresh temporaries, host variables, Envs and labels; the
   * constants are kept. */
  startPass(form: EmitForm, outerBase: string): void {
    this.form = form;
    this.outerBase = outerBase;
    this.locals = [];
    this.#temps = 0;
    this.#hostVars = 0;
    this.#envs = 1;
    this.#labels = 0;
    this.usesThis = false;
  }

  /** A guest `return` of the host expression `value`. */
  returnValue(value: string): string {
    if (this.form === 'run') return `f.retVal = ${value}; return 3;`;
    if (this.form === 'body') return `return ${value};`;
    const t = this.tmp();
    return `${t} = ${value}; A.depth--; return ${this.result(t)};`;
  }

  /** Leaving the body with the signal `sig` (a delegated statement's, not NORMAL: only RETURN gets
   * out of one) or, with null, normally at its end. */
  returnSignal(sig: string | null): string {
    if (this.form === 'run') return `return ${sig ?? '0'};`;
    if (this.form === 'body') return sig === null ? 'return undefined;' : `return ${sig} === 3 ? f.retVal : undefined;`;
    if (sig === null) return `A.depth--; return ${this.result('undefined')};`;
    const t = this.tmp();
    return `${t} = ${sig} === 3 ? f.retVal : undefined; A.depth--; return ${this.result(t)};`;
  }

  /** What the direct entry answers for the body's completion value `v` (a temporary or `undefined`):
   * a function that may be constructed answers `th`, the object it made, unless `v` is an object
   * (§10.2.2 [[Construct]] steps 10-12; `nt` is new.target, undefined for a call). */
  result(v: string): string {
    if (this.t.kind !== 'normal' && this.t.kind !== 'classConstructor') return v;
    if (v === 'undefined') return 'nt === undefined ? undefined : th';
    return `nt === undefined || (typeof ${v} === 'object' && ${v} !== null) || typeof ${v} === 'function' ? ${v} : th`;
  }

  tmp(): string {
    const name = `t${this.#temps++}`;
    this.locals.push(name);
    return name;
  }

  hostVar(): string { return `v${this.#hostVars++}`; }
  envVar(): string { return `e${this.#envs++}`; }
  label(): string { return `L${this.#labels++}`; }

  /** The Env variable of the innermost scope that has one. */
  get currentEnv(): string {
    for (let i = this.scopes.length - 1; i >= 0; i--) { const e = this.scopes[i].env; if (e !== null) return e; }
    throw new Error('vmjs internal error: the compiled tier lost its function environment');
  }

  /** Enters a scope; returns the host declarations of its bindings kept in host locals (with
   * `initial(binding)` as their initial value expression). */
  pushScope(info: ScopeInfo, env: string | null, decls: readonly Statement[], initial: (b: Binding) => string, alwaysCheck = false): string {
    // In a switch, a case may jump past a declaration: every read of its lexical bindings is checked.
    const ends = alwaysCheck ? new Map<string, number>() : declarationEnds(decls);
    const vars = new Map<string, VarRec>();
    const out: string[] = [];
    for (const [name, b] of info.bindings) {
      const inEnv = env !== null && this.keepsSlot(name);
      const host = inEnv ? null : this.hostVar();
      vars.set(name, { binding: b, host, declEnd: ends.get(name) ?? Infinity });
      if (host !== null) out.push(`let ${host} = ${initial(b)};`);
    }
    this.scopes.push({ info, env, vars });
    if (info !== this.c.scope) this.c = childContext(this.c, info);
    return out.join(' ');
  }

  popScope(outer: CompileContext): void {
    this.scopes.pop();
    this.c = outer;
  }

  #mappedParams: Set<string> | null = null;

  /** The parameters a mapped arguments object aliases (sloppy functions that use `arguments`). */
  setMappedParams(names: Set<string>): void { this.#mappedParams = names; }

  /** Whether a binding of a scope with an Env stays in its slot: an opaque region names it, or the
   * arguments object aliases it. */
  keepsSlot(name: string): boolean {
    return this.analysis.opaqueNames.has(name) || (this.#mappedParams !== null && this.#mappedParams.has(name));
  }

  /** A read of `name` at source offset `pos`. */
  read(name: string, pos: number, forTypeof = false): string {
    // A lazily made arguments object is read only through the closure tier's forms (eligibility.ts).
    if (this.t.lazyArguments !== null && (name === 'arguments' || name === this.t.lazyArguments.alias)) throw new Unsupported('arguments outside its lazy forms');
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i];
      const v = s.vars.get(name);
      if (v === undefined) continue;
      const where = v.host ?? `${s.env}.slots[${v.binding.slot}]`;
      const checked = needsTDZ(v.binding) && !(v.host !== null && pos >= v.declEnd);
      if (!checked) return where;
      const t = this.tmp();
      return `((${t} = ${where}) === U ? rt.tdz(f, ${this.konst(name)}) : ${t})`;
    }
    const r = resolve(this.fnScope, name);
    if (r.kind === 'local') {
      const b = r.binding;
      if (b.kind === 'import') throw new Unsupported('import binding');
      const where = `${this.outerEnv(r.hops)}.slots[${b.slot}]`;
      if (!needsTDZ(b)) return where;
      const t = this.tmp();
      return `((${t} = ${where}) === U ? rt.tdz(f, ${this.konst(name)}) : ${t})`;
    }
    if (r.kind === 'dynamic') throw new Unsupported('dynamically resolved name');
    return `${this.made(`read ${pos} ${name} ${forTypeof}`, () => compileRead(name, this.functionContext(), forTypeof))}(f)`;
  }

  /** An assignment of the value expression `value` (evaluated once, already a temporary or simple
   * expression) to `name`; `init`: a declaration's InitializeBinding (no TDZ or const check). */
  write(name: string, value: string, pos: number, init: boolean): string {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i];
      const v = s.vars.get(name);
      if (v === undefined) continue;
      const where = v.host ?? `${s.env}.slots[${v.binding.slot}]`;
      if (init) return `(${where} = ${value})`;
      return this.#checkedWrite(name, v.binding, where, value, needsTDZ(v.binding) && !(v.host !== null && pos >= v.declEnd));
    }
    const r = resolve(this.fnScope, name);
    if (r.kind === 'local') {
      const b = r.binding;
      if (b.kind === 'import') throw new Unsupported('import binding');
      if (b.kind === 'callee') return this.strict ? `rt.constAssign(f)` : `(${value})`;
      return this.#checkedWrite(name, b, `${this.outerEnv(r.hops)}.slots[${b.slot}]`, value, needsTDZ(b));
    }
    if (r.kind === 'dynamic') throw new Unsupported('dynamically resolved name');
    return `${this.made(`write ${pos} ${name}`, () => compileWrite(name, this.functionContext()))}(f, ${value})`;
  }

  #checkedWrite(name: string, b: Binding, where: string, value: string, tdz: boolean): string {
    const k = tdz ? this.konst(name) : '';
    if (b.kind === 'const') return tdz ? `(${where} === U ? rt.tdz(f, ${k}) : rt.constAssign(f))` : 'rt.constAssign(f)';
    if (!tdz) return `(${where} = ${value})`;
    return `(${where} === U ? rt.tdz(f, ${k}) : (${where} = ${value}))`;
  }

  /** Whether `name` resolves to a host local of this function with no TDZ check at `pos`. */
  plainLocal(name: string, pos: number): string | null {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].vars.get(name);
      if (v === undefined) continue;
      if (v.host === null) return null;
      if (needsTDZ(v.binding) && !(pos >= v.declEnd)) return null;
      if (v.binding.kind === 'const') return null;
      return v.host;
    }
    return null;
  }

  /** Whether `name` resolves globally (for `typeof` of an unresolvable name). */
  isGlobal(name: string): boolean {
    for (const s of this.scopes) if (s.vars.has(name)) return false;
    return resolve(this.fnScope, name).kind === 'global';
  }

  outerEnv(hops: number): string {
    if (hops === 0) return 'e0';
    let s = this.outerBase;
    for (let i = 1; i < hops; i++) s += '.parent';
    return s;
  }

  /** The context of the function's own scope: for global readers and writers, which do not read f.env. */
  functionContext(): CompileContext {
    return this.c.scope === this.fnScope ? this.c : childContext(this.c, this.fnScope);
  }
}

/** Where each lexical declaration of a statement list ends (a read after it needs no TDZ check). */
function declarationEnds(decls: readonly Statement[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of lexicalDeclarations(decls)) {
    if (d.type !== 'VariableDeclaration') continue;
    for (const x of d.declarations) for (const n of boundNames(x.id)) out.set(n, (x as Node).end);
  }
  return out;
}
