// Entry points the realm's builtins use to reach the interpreter: the Function
// constructor family (§20.2.1.1.1 CreateDynamicFunction), indirect eval
// (§19.2.1.1 PerformEval), and source text for Function.prototype.toString.
import type { Realm } from '../realm/realm.js';

export type DynamicFunctionKind = 'normal' | 'generator' | 'async' | 'asyncGenerator';

/** CreateDynamicFunction (§20.2.1.1.1). `args` are the constructor's arguments (params…, body). */
export function CreateDynamicFunction(realm: Realm, newTarget: Function | undefined, kind: DynamicFunctionKind, args: readonly unknown[]): Function { throw new Error("vmjs internal: CreateDynamicFunction is not wired yet"); }

/** PerformEval (§19.2.1.1) for an indirect eval in `realm`. */
export function PerformIndirectEval(realm: Realm, x: unknown): unknown { throw new Error("vmjs internal: PerformIndirectEval is not wired yet"); }

/** The source text of a guest function (§20.2.3.5), or undefined for anything else. */
export function functionSourceText(fn: Function): string | undefined { throw new Error("vmjs internal: functionSourceText is not wired yet"); }
