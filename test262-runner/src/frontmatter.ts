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
  const raw = yaml.split(/\r\n|\r|\n/);
  // A few files indent the whole document; YAML reads it relative to its first line.
  const first = raw.find((l) => !isBlank(l));
  const base = first === undefined ? 0 : indentOf(first);
  const lines = raw.map((l) => (indentOf(l) >= base ? l.slice(base) : l));
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
  // In a literal block, spaces of a blank line beyond the indentation are content.
  const lines = body.map((l) => (isBlank(l) ? (folded ? '' : l.slice(indent)) : l.slice(indent)));
  let text: string;
  if (folded) {
    // Folding: a single line break between two normal lines becomes a space; n empty lines become
    // n line breaks; breaks around more-indented lines are kept.
    text = '';
    let prev: string | null = null;
    let empties = 0;
    for (const l of lines) {
      if (l === '') { empties++; continue; }
      if (prev === null) text += '\n'.repeat(empties);
      else {
        const keep = /^\s/.test(l) || /^\s/.test(prev);
        text += empties === 0 ? (keep ? '\n' : ' ') : '\n'.repeat(empties + (keep ? 1 : 0));
      }
      text += l;
      prev = l;
      empties = 0;
    }
    text += '\n'.repeat(empties + (prev === null ? 0 : 1));
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
