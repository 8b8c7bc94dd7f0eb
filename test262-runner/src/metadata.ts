// A test's metadata as INTERPRETING.md defines it, read from its frontmatter.
import { extractFrontmatter, parseFrontmatter, FrontmatterError, type FrontmatterValue } from './frontmatter.js';

export type Phase = 'parse' | 'resolution' | 'runtime';

export interface Negative {
  phase: Phase;
  /** The name of the expected error's constructor. */
  type: string;
}

export type Flag = 'onlyStrict' | 'noStrict' | 'module' | 'raw' | 'async' | 'generated' | 'CanBlockIsFalse' | 'CanBlockIsTrue' | 'non-deterministic';

const KNOWN_FLAGS: ReadonlySet<string> = new Set<Flag>(['onlyStrict', 'noStrict', 'module', 'raw', 'async', 'generated', 'CanBlockIsFalse', 'CanBlockIsTrue', 'non-deterministic']);

export interface TestMetadata {
  includes: string[];
  flags: Set<Flag>;
  features: string[];
  negative: Negative | null;
  description: string;
}

export class MetadataError extends Error {}

export function parseMetadata(source: string): TestMetadata {
  let raw;
  try {
    const yaml = extractFrontmatter(source);
    if (yaml === null) throw new MetadataError('no /*--- ---*/ frontmatter');
    raw = parseFrontmatter(yaml);
  } catch (e) {
    if (e instanceof FrontmatterError) throw new MetadataError(`bad frontmatter: ${e.message}`);
    throw e;
  }
  const flags = new Set<Flag>();
  for (const f of list(raw.flags, 'flags')) {
    if (!KNOWN_FLAGS.has(f)) throw new MetadataError(`unknown flag ${JSON.stringify(f)}`);
    flags.add(f as Flag);
  }
  if (flags.has('onlyStrict') && flags.has('noStrict')) throw new MetadataError('flags onlyStrict and noStrict together');
  return {
    includes: list(raw.includes, 'includes'),
    flags,
    features: list(raw.features, 'features'),
    negative: negative(raw.negative),
    description: typeof raw.description === 'string' ? raw.description.trim() : '',
  };
}

function list(v: FrontmatterValue | undefined, key: string): string[] {
  if (v === undefined || v === '') return [];
  if (Array.isArray(v)) return v;
  throw new MetadataError(`${key} must be a list`);
}

function negative(v: FrontmatterValue | undefined): Negative | null {
  if (v === undefined) return null;
  if (typeof v === 'string' || Array.isArray(v)) throw new MetadataError('negative must be a mapping with phase and type');
  const { phase, type } = v;
  if (phase !== 'parse' && phase !== 'resolution' && phase !== 'runtime') throw new MetadataError(`negative.phase must be parse, resolution or runtime, not ${JSON.stringify(phase)}`);
  if (typeof type !== 'string' || type === '') throw new MetadataError('negative.type is missing');
  return { phase, type };
}
