// The only reasons a test is not run: a `features:` tag this implementation declares unsupported
// (test262-runner/unsupported-features.json, each with its reason), or a CanBlockIsFalse/True flag
// that does not match this agent's [[CanBlock]] (INTERPRETING.md "flags").
import { readFileSync } from 'node:fs';
import type { TestMetadata } from './metadata.js';

export type UnsupportedFeatures = ReadonlyMap<string, string>;

export interface SkipPolicy {
  unsupported: UnsupportedFeatures;
  /** [[CanBlock]] of the agent running tests (worker threads may block: Atomics.wait works there). */
  canBlock: boolean;
}

export interface SkipDecision {
  /** 'feature' for unsupported features, 'canblock' for a [[CanBlock]] mismatch. */
  kind: 'feature' | 'canblock';
  reason: string;
}

export function loadUnsupportedFeatures(file: string): UnsupportedFeatures {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${file}: expected an object of feature → reason`);
  const out = new Map<string, string>();
  for (const [feature, reason] of Object.entries(data as Record<string, unknown>)) {
    if (feature.startsWith('//')) continue;
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`${file}: feature ${feature} needs a reason (a non-empty string)`);
    out.set(feature, reason);
  }
  return out;
}

export function skipDecision(meta: TestMetadata, policy: SkipPolicy): SkipDecision | null {
  for (const f of meta.features) {
    const reason = policy.unsupported.get(f);
    if (reason !== undefined) return { kind: 'feature', reason: `unsupported feature ${f}: ${reason}` };
  }
  if (meta.flags.has('CanBlockIsFalse') && policy.canBlock) return { kind: 'canblock', reason: 'CanBlockIsFalse: this agent can block' };
  if (meta.flags.has('CanBlockIsTrue') && !policy.canBlock) return { kind: 'canblock', reason: 'CanBlockIsTrue: this agent cannot block' };
  return null;
}
