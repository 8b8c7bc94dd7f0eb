// Frontmatter and metadata parsing (INTERPRETING.md "Metadata").
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFrontmatter, parseFrontmatter, parseMetadata, MetadataError } from '../../dist/esm/test262/main.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '..', '..', 'shared', 'test262');

describe('test262 runner: frontmatter', () => {
  it('reads scalars, flow lists, block lists, block scalars and the negative mapping', () => {
    const src = `// Copyright
/*---
esid: sec-addition-operator-plus
description: >
  folded text
  on two lines
info: |
  line one
    indented
  line three
flags: [onlyStrict, 'async']  # a comment
features:
  - BigInt
  - "Symbol.iterator"
includes: []
negative:
  phase: parse
  type: SyntaxError
author: "Someone \\"quoted\\""
---*/
code();`;
    const fm = parseFrontmatter(extractFrontmatter(src));
    expect(fm).to.deep.equal({
      esid: 'sec-addition-operator-plus',
      description: 'folded text on two lines\n',
      info: 'line one\n  indented\nline three\n',
      flags: ['onlyStrict', 'async'],
      features: ['BigInt', 'Symbol.iterator'],
      includes: [],
      negative: { phase: 'parse', type: 'SyntaxError' },
      author: 'Someone "quoted"',
    });
  });

  it('returns null without frontmatter and rejects an unclosed one', () => {
    expect(extractFrontmatter('var x;')).to.equal(null);
    expect(() => extractFrontmatter('/*--- flags: [raw]')).to.throw(/never closed/);
  });

  it('builds TestMetadata with flags, includes, features and negative', () => {
    const meta = parseMetadata('/*---\nflags: [module, async]\nincludes: [a.js, b.js]\nfeatures: [x]\nnegative:\n  phase: runtime\n  type: TypeError\n---*/');
    expect([...meta.flags]).to.deep.equal(['module', 'async']);
    expect(meta.includes).to.deep.equal(['a.js', 'b.js']);
    expect(meta.features).to.deep.equal(['x']);
    expect(meta.negative).to.deep.equal({ phase: 'runtime', type: 'TypeError' });
    const plain = parseMetadata('/*---\ndescription: d\n---*/');
    expect(plain.flags.size).to.equal(0);
    expect(plain.includes).to.deep.equal([]);
    expect(plain.negative).to.equal(null);
  });

  it('rejects malformed metadata with a MetadataError', () => {
    expect(() => parseMetadata('no frontmatter')).to.throw(MetadataError, /no \/\*---/);
    expect(() => parseMetadata('/*---\nflags: [bogus]\n---*/')).to.throw(MetadataError, /unknown flag "bogus"/);
    expect(() => parseMetadata('/*---\nflags: [onlyStrict, noStrict]\n---*/')).to.throw(MetadataError, /together/);
    expect(() => parseMetadata('/*---\nnegative:\n  phase: later\n  type: TypeError\n---*/')).to.throw(MetadataError, /phase/);
    expect(() => parseMetadata('/*---\nnegative:\n  phase: parse\n---*/')).to.throw(MetadataError, /type is missing/);
  });

  it('agrees with js-yaml on a deterministic slice of the real corpus', function () {
    let yaml;
    try {
      yaml = createRequire(import.meta.url)('js-yaml');
    } catch {
      this.skip(); // js-yaml is only a transitive devDependency; without it there is no reference to compare with
    }
    if (!existsSync(join(corpus, 'test'))) this.skip();
    const files = [];
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.js') && !p.includes('_FIXTURE')) files.push(p);
      }
    };
    walk(join(corpus, 'test'));
    let compared = 0;
    for (let i = 0; i < files.length; i += 7) {
      const text = extractFrontmatter(readFileSync(files[i], 'utf8'));
      const ours = parseFrontmatter(text);
      const theirs = yaml.load(text);
      for (const key of ['flags', 'includes', 'features', 'negative', 'description']) {
        const a = ours[key];
        let b = theirs[key];
        if (b === null) b = '';
        if (typeof b === 'string' && typeof a === 'string') expect(a.trim(), `${files[i]} ${key}`).to.equal(b.trim());
        else expect(a, `${files[i]} ${key}`).to.deep.equal(b);
      }
      compared++;
    }
    expect(compared).to.be.greaterThan(5000);
  });
});
