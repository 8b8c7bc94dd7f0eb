// `vmjs debug` on the programs (besides the factorial, which terminal.test.mjs steps through a
// real pseudo-terminal): each is stepped to a breakpoint, forwards to its next hit and backwards again,
// with the frames and the recorded values checked at each stop. Commands come from a pipe.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

const programs = [
  {
    name: 'a closure counter',
    file: 'counter.js',
    source: 'function makeCounter() {\n  let count = 0;\n  return function increment() {\n    count++;\n    return count;\n  };\n}\nconst c = makeCounter();\nc();\nc();\n',
    commands: ['break 5', 'c', 'bt', 'p count', 'c', 'p count', 'rc', 'p count'],
    expected: ['statement at counter.js:5:5 in increment', '* #0 increment at counter.js:5:5', '#1 (top level) at counter.js:9:1',
      'count = 1', 'count = 2', 'count = 1'],
  },
  {
    name: 'a class with a method',
    file: 'klass.js',
    source: 'class Counter {\n  constructor(start) {\n    this.n = start;\n  }\n  increment() {\n    this.n++;\n    return this.n;\n  }\n}\nconst k = new Counter(5);\nk.increment();\nk.increment();\n',
    commands: ['break 3', 'c', 'bt', 'p start', 'break 7', 'c', 'bt', 'p this.n', 'c', 'p this.n', 'rc', 'p this.n'],
    expected: ['* #0 new Counter at klass.js:3:5', 'start = 5', '* #0 Counter.increment at klass.js:7:5', '#1 (top level) at klass.js:11:1',
      'this.n = 6', 'this.n = 7', 'this.n = 6'],
  },
  {
    name: 'an array sort with a comparator',
    file: 'sort.js',
    source: 'const nums = [3, 1, 2];\nnums.sort(function byValue(a, b) {\n  return a - b;\n});\nconsole.log(nums.join(\',\'));\n',
    commands: ['break 3', 'c', 'bt', 'p a', 'c', 'p a', 'rc', 'p a', 'c', 'c', 'c', 'c'],
    expected: ['* #0 byValue at sort.js:3:3', '#1 (top level) at sort.js:2:1', 'a = 1', 'a = 2', 'a = 1', '[out] 1,2,3'],
  },
  {
    name: 'a generator',
    file: 'gen.js',
    source: 'function* range(n) {\n  for (let i = 0; i < n; i++) {\n    yield i;\n  }\n}\nconst out = [];\nfor (const x of range(3)) {\n  out.push(x);\n}\n',
    commands: ['break 3', 'c', 'bt', 'p i', 'c', 'p i', 'rc', 'p i'],
    expected: ['* #0 range at gen.js:3:5', '#1 (top level) at gen.js:7:1', 'i = 0', 'i = 1', 'i = 0'],
  },
  {
    name: 'an async function',
    file: 'async.js',
    source: 'async function twice(x) {\n  const a = await x;\n  return a * 2;\n}\nasync function main() {\n  const r = await twice(21);\n  console.log(\'r\', r);\n}\nmain();\n',
    commands: ['break 3', 'c', 'bt', 'p a', 'break 7', 'c', 'bt', 'p r', 'rc', 'p a'],
    expected: ['* #0 twice at async.js:3:3', 'a = 21', '* #0 main at async.js:7:3', 'r = 42', 'statement at async.js:3:3 in twice', 'a = 21'],
  },
];

describe('vmjs debug steps the issue\'s programs forwards and back', function () {
  this.timeout(30000);
  for (const p of programs) {
    it(p.name, () => {
      const dir = mkdtempSync(join(tmpdir(), 'vmjs-debug-'));
      try {
        writeFileSync(join(dir, p.file), p.source);
        const r = spawnSync(process.execPath, [join(root, 'bin/vmjs.js'), 'debug', p.file], { cwd: dir, input: `${p.commands.join('\n')}\nq\n`, encoding: 'utf8' });
        expect(r.status, r.stderr).to.equal(0);
        // Each expected line appears, in this order.
        let from = 0;
        for (const line of p.expected) {
          const at = r.stdout.indexOf(line, from);
          expect(at, `"${line}" after offset ${from} in:\n${r.stdout}`).to.be.greaterThan(-1);
          from = at + line.length;
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
