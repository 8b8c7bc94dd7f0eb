// The `vmjs` CLI, run as a child process (`node bin/vmjs.js ...`).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'bin/vmjs.js');

function vmjs(...args) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function node(file) {
  const r = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI', () => {
  let dir;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'vmjs-cli-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });
  const file = (name, text) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  it('--help prints usage and exits 0', () => {
    const r = vmjs('--help');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^Usage: vmjs <command>/);
    expect(r.stdout).to.include('vmjs run <file>');
  });

  it('--version prints the package version', () => {
    const r = vmjs('--version');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
  });

  it('bad usage exits 9 with a message', () => {
    for (const args of [[], ['frobnicate'], ['run'], ['run', 'x.js', '--timeout', 'soon'], ['eval']]) {
      const r = vmjs(...args);
      expect(r.code, args.join(' ')).to.equal(9);
      expect(r.stderr, args.join(' ')).to.match(/^vmjs: /);
    }
  });

  it('run examples/hello.js prints what node prints', () => {
    const ours = vmjs('run', 'examples/hello.js');
    const theirs = node('examples/hello.js');
    expect(ours.stderr).to.equal('');
    expect(ours.code).to.equal(0);
    expect(ours.stdout).to.equal(theirs.stdout);
  });

  it('console methods format like node\'s and go to the right stream', () => {
    const src = [
      'console.log("%s is %d years", "Ada", 36, { extra: [1, "two"] });',
      'console.info(null, undefined, -0, 10n, Symbol("s"));',
      'console.error("to stderr", [1, [2, [3, [4]]]]);',
      'console.warn(new Map([[1, { a: 1 }]]));',
      'console.log([undefined, , 3], "multi\\nline");',
      'console.group("group"); console.log("inside"); console.groupEnd(); console.log("outside");',
      'console.count(); console.count(); console.count("x");',
      'console.assert(1 === 2, "math is %s", "broken");',
      'console.dir({ deep: { deeper: { deepest: { bottom: 1 } } } });',
    ].join('\n');
    const ours = vmjs('run', file('console.js', src));
    const theirs = node(file('console-node.js', src));
    expect(ours.code).to.equal(0);
    expect(ours.stdout).to.equal(theirs.stdout);
    expect(ours.stderr).to.equal(theirs.stderr);
  });

  it('eval prints the completion value as node\'s REPL shows it', () => {
    expect(vmjs('eval', '1 + 1').stdout).to.equal('2\n');
    expect(vmjs('eval', '({ a: [1, "x"], b: { c: null } })').stdout).to.equal("{ a: [ 1, 'x' ], b: { c: null } }\n");
    expect(vmjs('eval', 'undefined').stdout).to.equal('undefined\n');
    expect(vmjs('eval', '"str"').stdout).to.equal("'str'\n");
    expect(vmjs('eval', 'var x = 1').stdout).to.equal('undefined\n');
  });

  it('an uncaught error prints file:line, the line, a caret, then its stack; exit 1', () => {
    const p = file('throws.js', 'let ok = 1;\n  null.f();\n');
    const r = vmjs('run', p);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.equal(`${p}:2\n  null.f();\n       ^\n\nTypeError: Cannot read properties of null (reading 'f')\n    at ${p}:2:8\n`);
  });

  it('prints what node prints for an uncaught error, before node\'s own frames and version line', () => {
    // node's report minus what is node's: its module wrapper frames (host frames, `Object.<anonymous>`
    // for the top level of a CommonJS module, which vmjs runs as a script), the --trace-uncaught hint
    // and the `Node.js v…` line.
    const nodeShape = (text) => text
      .replace(/\n\nNode\.js v[^\n]*\n$/, '\n')
      .replace(/\(Use `node --trace-uncaught \.\.\.` to show where the exception was thrown\)\n/, '')
      .replace(/\n\s+at [^\n]*node:internal[^\n]*?( \{)?(?=\n)/g, (m, brace) => brace ?? '')
      .replace(/at Object\.<anonymous> \(([^)]*)\)/g, 'at $1');
    const programs = {
      'error-in-fn.js': 'function fn() {\n  throw new Error("boom");\n}\nfn();\n',
      'type-error.js': 'function g(o) {\n  return o.x.y;\n}\ng({});\n',
      'primitive.js': 'function h() {\n  throw "prim";\n}\nh();\n',
      'object.js': 'throw { a: 1 };\n',
      'with-code.js': 'var e = new TypeError("x"); e.code = "E1";\nthrow e;\n',
      'subclass.js': 'class MyError extends Error {\n  constructor(m) { super(m); this.name = "MyError"; }\n}\nfunction make() { return new MyError("custom"); }\nthrow make();\n',
      'method.js': 'class A {\n  m() { throw new RangeError("r"); }\n}\nnew A().m();\n',
    };
    for (const [name, text] of Object.entries(programs)) {
      const p = file(name, text);
      const r = vmjs('run', p);
      const n = node(p);
      expect(r.code, name).to.equal(1);
      expect(r.stderr, name).to.equal(nodeShape(n.stderr));
    }
  });

  it('a thrown non-error prints the value', () => {
    const r = vmjs('run', file('throw-value.js', 'throw { a: 1 };\n'));
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/\{ a: 1 \}\n$/);
  });

  it('a syntax error is reported with its location and exit 1', () => {
    const p = file('syntax.js', 'let a = 1;\nlet let = 2;\n');
    const r = vmjs('run', p);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2\nlet let = 2;\n`));
    expect(r.stderr).to.match(/\n\nSyntaxError: .+\n$/);
  });

  it('eval errors name [eval]', () => {
    const r = vmjs('eval', 'undefinedName');
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal('[eval]:1\nundefinedName\n^\n\nReferenceError: undefinedName is not defined\n    at [eval]:1:1\n');
  });

  it('--timeout stops an endless loop with node\'s message; exit 1', () => {
    const t0 = Date.now();
    const r = vmjs('run', file('loop.js', 'while (true) {}\n'), '--timeout', '100');
    expect(Date.now() - t0).to.be.below(10000);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal('Error: Script execution timed out after 100ms\n');
  });

  it('a missing file is an error, exit 1', () => {
    const r = vmjs('run', join(dir, 'nope.js'));
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^vmjs: cannot read /);
  });

  describe('unhandled rejections, reported like node\'s', () => {
    it('an error thrown in an async function: its location and message, exit 1, after the output', () => {
      const p = file('async-throw.js', 'async function f() {\n  await 1;\n  throw new Error("boom");\n}\nf();\nconsole.log("sync done");\n');
      const r = vmjs('run', p);
      expect(r.code).to.equal(1);
      expect(r.stdout).to.equal('sync done\n');
      expect(r.stderr).to.equal(`${p}:3\n  throw new Error("boom");\n  ^\n\nError: boom\n    at f (${p}:3:9)\n`);
      expect(node(p).code).to.equal(1);
    });

    it('a reason that is no error: node\'s ERR_UNHANDLED_REJECTION words with the reason', () => {
      const p = file('reject-value.js', 'Promise.reject({ a: 1 });\n');
      const r = vmjs('run', p);
      expect(r.code).to.equal(1);
      const n = node(p);
      expect(n.code).to.equal(1);
      const words = /UnhandledPromiseRejection: .* The promise rejected with the reason "#<Object>"\./;
      expect(n.stderr).to.match(words);
      expect(r.stderr).to.match(words);
      expect(r.stderr).to.include("code: 'ERR_UNHANDLED_REJECTION'");
    });

    it('a rejection handled by a later job of the same checkpoint is not reported; exit 0', () => {
      const p = file('handled-later.js', [
        'const p = Promise.reject(new Error("late"));',
        'Promise.resolve().then(() => Promise.resolve()).then(() => p.catch((e) => console.log("caught", e.message)));',
        '(async () => { try { await Promise.reject(2); } catch (e) { console.log("awaited", e); } })();',
      ].join('\n'));
      const r = vmjs('run', p);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).to.deep.equal(node(p));
      expect(r.code).to.equal(0);
    });

    it('eval reports them too', () => {
      const r = vmjs('eval', 'Promise.reject("no"); 1');
      expect(r.code).to.equal(1);
      expect(r.stdout).to.equal('1\n');
      expect(r.stderr).to.include('The promise rejected with the reason "no".');
    });
  });
});

describe('CLI: modules', () => {
  let dir;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'vmjs-cli-mjs-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });
  const file = (name, text) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  it('runs a .mjs module graph from disk: relative imports, JSON, import.meta.url, import(), and prints what node prints', () => {
    file('math.mjs', 'export function add(a, b) { return a + b; }\nexport let calls = 0;\n');
    file('data.json', '{ "name": "vmjs", "list": [1, 2] }');
    const main = file('main.mjs', [
      "import { add } from './math.mjs';",
      "import data from './data.json' with { type: 'json' };",
      "console.log(add(1, 2), data.name, data.list.length, import.meta.url.endsWith('/main.mjs'));",
      "const again = await import('./math.mjs');",
      'console.log(again.add === add);',
    ].join('\n'));
    const ours = vmjs('run', main);
    expect(ours.stderr).to.equal('');
    expect(ours.code).to.equal(0);
    expect(ours.stdout).to.equal(node(main).stdout);
    expect(ours.stdout).to.equal('3 vmjs 2 true\ntrue\n');
  });

  it('--module runs another extension as a module; --timeout applies', () => {
    const r = vmjs('run', file('loop.js', 'export let x = 1;\nwhile (x) {}'), '--module', '--timeout', '50');
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('Script execution timed out after 50ms');
  });

  it('a missing file or a bare specifier is an error naming the importer', () => {
    const missing = vmjs('run', file('bad.mjs', "import './nope.mjs';"));
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include(`Cannot find module '${join(dir, 'nope.mjs')}' imported from ${join(dir, 'bad.mjs')}`);
    const bare = vmjs('run', file('bare.mjs', "import x from 'lodash';"));
    expect(bare.code).to.equal(1);
    expect(bare.stderr).to.include(`Cannot resolve 'lodash' imported from ${join(dir, 'bare.mjs')}`);
  });

  it('reports an uncaught error and a syntax error with file, line and source line', () => {
    const thrown = vmjs('run', file('throws.mjs', 'import "./math.mjs";\nthrow new TypeError("boom");'));
    expect(thrown.code).to.equal(1);
    expect(thrown.stderr).to.equal(`${join(dir, 'throws.mjs')}:2\nthrow new TypeError("boom");\n^\n\nTypeError: boom\n    at ${join(dir, 'throws.mjs')}:2:7\n`);
    const syntax = vmjs('run', file('syntax.mjs', 'export let = 1;'));
    expect(syntax.code).to.equal(1);
    expect(syntax.stderr).to.match(/syntax\.mjs:1\nexport let = 1;\n +\^\n\nSyntaxError: /);
  });
});
