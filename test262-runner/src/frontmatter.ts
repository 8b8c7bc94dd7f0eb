// The YAML subset test262 frontmatter uses (INTERPRETING.md "Metadata"): top-level keys whose
// values are plain or quoted scalars, block scalars (| and >), flow lists ([a, b]), block lists
// (- a) and one-level mappings (negative: {phase, type}). A full YAML library is not a
// dependency of vmjs, and the corpus only uses these forms (checked against js-yaml in the tests).

export type FrontmatterValue = string | string[] | { [key: string]: string };
export type Frontmatter = { [key: string]: FrontmatterValue };

export class FrontmatterError extends Error {}

const OPEN = '/*---';
const CLOSE = '---*/';

/** The YAML text between `/*---` and `---*\/`, or null when the file has none. */
export function extractFrontmatter(source: string): string | null {
  const start = source.indexOf(OPEN);
  if (start < 0) return null;
  const end = source.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) throw new FrontmatterError('frontmatter opened with /*--- is never closed with ---*/');
  return source.slice(start + OPEN.length, end);
}

export function parseFrontmatter(yaml: string): Frontmatter {
  const lines = yaml.split(/\r\n|\r|\n/);
  const out: Frontmatter = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line) || indentOf(line) > 0) {
      if (!isBlank(line)) throw new FrontmatterError(`unexpected indented line ${i + 1}: ${line.trim()}`);
      i++;
      continue;
    }
    const m = /^([A-Za-z0-9_$.-]+)\s*:(?:\s+|$)(.*)$/.exec(line);
    if (m === null) throw new FrontmatterError(`cannot parse frontmatter line ${i + 1}: ${line}`);
    const key = m[1];
    const rest = stripComment(m[2]).trim();
    i++;
    // Everything more indented than the key belongs to its value.
    const body: string[] = [];
    while (i < lines.length && (isBlank(lines[i]) || indentOf(lines[i]) > 0)) body.push(lines[i++]);
    out[key] = parseValue(key, rest, body);
  }
  return out;
}

function parseValue(key: string, head: string, body: string[]): FrontmatterValue {
  if (head.startsWith('|') || head.startsWith('>')) return blockScalar(head, body);
  if (head.startsWith('[')) return flowList(key, [head, ...body.map((l) => stripComment(l).trim())].join(' '));
  if (head === '') {
    const content = body.filter((l) => !isBlank(l));
    if (content.length === 0) return '';
    const first = content[0].trim();
    if (first.startsWith('- ') || first === '-') return blockList(key, content);
    if (/^[A-Za-z0-9_$.-]+\s*:/.test(first)) return mapping(key, content);
    return foldPlain(content.map((l) => l.trim()));
  }
  // A plain scalar may continue on more-indented lines (folded with single spaces).
  const more = body.filter((l) => !isBlank(l)).map((l) => l.trim());
  return unquote(foldPlain([head, ...more]));
}

function blockScalar(head: string, body: string[]): string {
  const folded = head.startsWith('>');
  const chomp = head.includes('-') ? 'strip' : head.includes('+') ? 'keep' : 'clip';
  const nonBlank = body.filter((l) => !isBlank(l));
  const indent = nonBlank.length === 0 ? 0 : Math.min(...nonBlank.map(indentOf));
  const lines = body.map((l) => (isBlank(l) ? '' : l.slice(indent)));
  let text: string;
  if (folded) {
    // Folding: single newlines between non-empty, non-more-indented lines become spaces.
    text = '';
    for (let k = 0; k < lines.length; k++) {
      const l = lines[k];
      if (k === 0) { text = l; continue; }
      const prev = lines[k - 1];
      if (l === '' || prev === '' || /^\s/.test(l) || /^\s/.test(prev)) text += '\n' + l;
      else text += ' ' + l;
    }
  } else {
    text = lines.join('\n');
  }
  const trimmed = text.replace(/\n+$/, '');
  if (chomp === 'strip') return trimmed;
  if (chomp === 'keep') return text + '\n';
  return trimmed === '' ? '' : trimmed + '\n';
}

function flowList(key: string, text: string): string[] {
  const t = text.trim();
  if (!t.endsWith(']')) throw new FrontmatterError(`${key}: unterminated flow list ${t}`);
  const inner = t.slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((s) => unquote(s.trim())).filter((s) => s !== '');
}

function blockList(key: string, content: string[]): string[] {
  return content.map((l) => {
    const m = /^\s*-(?:\s+(.*))?$/.exec(stripComment(l));
    if (m === null) throw new FrontmatterError(`${key}: expected a list item, got ${l.trim()}`);
    return unquote((m[1] ?? '').trim());
  });
}

function mapping(key: string, content: string[]): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const l of content) {
    const m = /^\s*([A-Za-z0-9_$.-]+)\s*:\s*(.*)$/.exec(stripComment(l));
    if (m === null) throw new FrontmatterError(`${key}: expected "name: value", got ${l.trim()}`);
    out[m[1]] = unquote(m[2].trim());
  }
  return out;
}

function foldPlain(parts: string[]): string {
  return parts.join(' ');
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return JSON.parse(s) as string;
  return s;
}

/** Drops a `# comment` (YAML needs whitespace before `#`) outside quotes. */
function stripComment(s: string): string {
  let quote = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (quote !== '') { if (c === quote) quote = ''; continue; }
    if ((c === '"' || c === "'") && (k === 0 || /\s|\[|,/.test(s[k - 1]))) { quote = c; continue; }
    if (c === '#' && (k === 0 || /\s/.test(s[k - 1]))) return s.slice(0, k);
  }
  return s;
}

function isBlank(l: string): boolean {
  return /^\s*$/.test(l);
}

function indentOf(l: string): number {
  return /^[ \t]*/.exec(l)![0].length;
}
