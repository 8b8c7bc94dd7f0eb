// Builtins alone (issue 12, target 4: "builtins called from guest code no slower than 2x the host's own").
//
//   node bench/builtins.mjs                                # node and vmjs, 5 repetitions per row
//   node bench/builtins.mjs --systems vmjs,sval,quickjs    # peers too (node is always measured)
//   node bench/builtins.mjs --only json,sort --reps 7
//   VMJS_BASE=/path/to/checkout node bench/builtins.mjs --systems vmjs,vmjs-base   # before/after in one run
//
// Each row is one builtin family member called by guest code on a large input, with as few guest steps
// as possible around it, so that the builtin's own time dominates. The row's source defines `__prep()`
// (untimed: makes fresh inputs, e.g. an unsorted copy) and `__run()` (timed: the call, or a handful of
// calls, returning a checksum compared with node's). The inputs are made by the guest in its own
// context (so they carry the context's prototypes, as a program's data would). Node runs the same
// source natively (vm.Script#runInThisContext); vmjs in a fresh context per row (a compiled
// `__run()` Script run in it each repetition). Rows marked "callback" necessarily include calling the
// guest callback once per element (or per comparison): that is an interpreted call in vmjs and a JIT'd
// one in node, so those rows measure the call path as much as the builtin.
//
// One process, all systems interleaved per repetition (one untimed warm-up first); each cell is the
// median of the repetitions' wall times; ratio = system median / node median for the same row.
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const reps = Number(opt('reps', '5'));
const only = opt('only', '').split(',').filter(Boolean);
const systemNames = ['node', ...opt('systems', 'vmjs').split(',').filter((s) => s && s !== 'node')];

// A deterministic generator, the same in every system.
const RNG = 'var __seed = 7; function __rand(n) { __seed = (__seed * 1103515245 + 12345) % 2147483648; return __seed % n; }\n';
const WORDS = 'var __words = ["alpha","beta","gamma","delta","fox","lazy","dog","quick","brown","jumps","over","the"];\n';
/** Guest source building a text of about `n` characters of words separated by single spaces. */
const TEXT = (n) => `${RNG}${WORDS}var __parts = []; var __len = 0; while (__len < ${n}) { var __w = __words[__rand(12)]; __parts.push(__w); __len += __w.length + 1; } var text = __parts.join(' ');\n`;
/** Guest source building `records`: an array of small records, and `jsonText`, about `n` characters. */
const RECORDS = (n) => `${RNG}var records = []; var __size = 0; for (var __i = 0; __size < ${n}; __i++) { var __r = { id: __i, name: 'item' + __i, tags: ['a', 'b', 'c' + (__i % 7)], pos: { x: __i * 1.5, y: -__i, ok: __i % 2 === 0 }, note: null, text: 'lorem ipsum dolor ' + __rand(1000) }; records.push(__r); __size += 130; } var jsonText = JSON.stringify(records);\n`;
const NUMBERS = (n) => `${RNG}var numbers = []; for (var __i = 0; __i < ${n}; __i++) numbers.push(__rand(1000000));\n`;

/** @typedef {{ name: string, family: string, note?: string, source: string }} Row */
/** @type {Row[]} */
const ROWS = [
  // JSON
  { name: 'JSON.parse 5 MB', family: 'json', source: `${RECORDS(5e6)}function __prep() {} function __run() { var v = JSON.parse(jsonText); return v.length + v[v.length - 1].id; }` },
  { name: 'JSON.stringify 5 MB', family: 'json', source: `${RECORDS(5e6)}function __prep() {} function __run() { return JSON.stringify(records).length; }` },
  { name: 'JSON.stringify 5 MB, indent 2', family: 'json', source: `${RECORDS(5e6)}function __prep() {} function __run() { return JSON.stringify(records, null, 2).length; }` },
  { name: 'JSON.parse 1 MB, reviver', family: 'json', note: 'callback', source: `${RECORDS(1e6)}function __prep() {} function __run() { var n = 0; JSON.parse(jsonText, function (k, v) { n++; return v; }); return n; }` },
  // sort
  { name: 'sort() 200k numbers', family: 'sort', source: `${NUMBERS(2e5)}var a; function __prep() { a = numbers.slice(); } function __run() { a.sort(); return a[0] + a[100000] + a[199999]; }` },
  { name: 'sort() 200k strings', family: 'sort', source: `${NUMBERS(2e5)}var strings = numbers.map(String); var a; function __prep() { a = strings.slice(); } function __run() { a.sort(); return a[0] + a[100000] + a[199999]; }` },
  { name: 'sort(cmp) 50k numbers', family: 'sort', note: 'callback', source: `${NUMBERS(5e4)}var a; function __prep() { a = numbers.slice(); } function __run() { a.sort(function (x, y) { return x - y; }); return a[0] + a[25000] + a[49999]; }` },
  // string methods, on a 1 MB text (or a 100k-word list)
  { name: 'split(" ") 1 MB', family: 'string', source: `${TEXT(1e6)}function __prep() {} function __run() { return text.split(' ').length; }` },
  { name: 'join(" ") 170k words', family: 'string', source: `${TEXT(1e6)}var words = text.split(' '); function __prep() {} function __run() { return words.join(' ').length; }` },
  { name: 'indexOf (absent) 1 MB x100', family: 'string', source: `${TEXT(1e6)}function __prep() {} function __run() { var r = 0; for (var i = 0; i < 100; i++) r += text.indexOf('zebra' + i); return r; }` },
  { name: 'replace(str, str) 1 MB x10', family: 'string', source: `${TEXT(1e6)}text += ' needle'; function __prep() {} function __run() { var r = 0; for (var i = 0; i < 10; i++) r += text.replace('needle', 'pin' + i).length; return r; }` },
  { name: 'replaceAll(str, str) 1 MB', family: 'string', source: `${TEXT(1e6)}function __prep() {} function __run() { return text.replaceAll('fox', 'wolf').length; }` },
  { name: 'slice 1 MB x10k', family: 'string', note: 'per-call overhead (O(1) in V8), guest loop included', source: `${TEXT(1e6)}function __prep() {} function __run() { var r = 0; for (var i = 0; i < 10000; i++) r += text.slice(i, i + 500000).length; return r; }` },
  { name: 'toUpperCase 1 MB x20', family: 'string', source: `${TEXT(1e6)}function __prep() {} function __run() { var r = 0; for (var i = 0; i < 20; i++) r += (text + i).toUpperCase().length; return r; }` },
  { name: 'trim 1 MB x1k', family: 'string', note: 'per-call overhead (a cheap call), guest loop included', source: `${TEXT(1e6)}var padded = '   ' + text + '   '; function __prep() {} function __run() { var r = 0; for (var i = 0; i < 1000; i++) r += padded.trim().length; return r; }` },
  { name: 'padStart 1M x1k', family: 'string', note: 'per-call overhead (a rope in V8), guest loop included', source: `function __prep() {} function __run() { var r = 0; for (var i = 0; i < 1000; i++) r += 'x'.padStart(1000000, 'ab' + i).length; return r; }` },
  { name: 'repeat 1M x1k', family: 'string', note: 'per-call overhead (a rope in V8), guest loop included', source: `function __prep() {} function __run() { var r = 0; for (var i = 0; i < 1000; i++) r += 'abc'.repeat(1000000 + i).length; return r; }` },
  // array methods, on 1M numbers (300k for callback rows)
  { name: 'map 300k', family: 'array', note: 'callback', source: `${NUMBERS(3e5)}function __prep() {} function __run() { var b = numbers.map(function (x) { return x * 2; }); return b.length + b[1000]; }` },
  { name: 'filter 300k', family: 'array', note: 'callback', source: `${NUMBERS(3e5)}function __prep() {} function __run() { return numbers.filter(function (x) { return x % 2 === 0; }).length; }` },
  { name: 'reduce 300k', family: 'array', note: 'callback', source: `${NUMBERS(3e5)}function __prep() {} function __run() { return numbers.reduce(function (s, x) { return s + x; }, 0); }` },
  { name: 'forEach 300k', family: 'array', note: 'callback', source: `${NUMBERS(3e5)}function __prep() {} function __run() { var t = 0; numbers.forEach(function (x) { t += x; }); return t; }` },
  { name: 'indexOf (absent) 1M', family: 'array', source: `${NUMBERS(1e6)}function __prep() {} function __run() { return numbers.indexOf(-1) + numbers.indexOf(-2); }` },
  { name: 'includes (absent) 1M', family: 'array', source: `${NUMBERS(1e6)}function __prep() {} function __run() { return (numbers.includes(-1) ? 1 : 0) + (numbers.includes(-2) ? 1 : 0); }` },
  { name: 'slice 1M', family: 'array', source: `${NUMBERS(1e6)}function __prep() {} function __run() { var b = numbers.slice(); return b.length + b[5]; }` },
  { name: 'concat 1M + 1M', family: 'array', source: `${NUMBERS(1e6)}function __prep() {} function __run() { var b = numbers.concat(numbers); return b.length + b[1000005]; }` },
  { name: 'join(",") 1M', family: 'array', source: `${NUMBERS(1e6)}function __prep() {} function __run() { return numbers.join(',').length; }` },
  { name: 'push 1M (apply, 10k per call)', family: 'array', source: `${NUMBERS(1e4)}function __prep() {} function __run() { var b = []; for (var i = 0; i < 100; i++) b.push.apply(b, numbers); return b.length; }` },
];

/** A system: `load(source)` evaluates a row's source in a fresh context; `call(name)` calls a global function of it. */
const SYSTEMS = {
  async node() {
    return {
      load(source) {
        // Natively: the row's functions are compiled by V8 in this process's own context, under a scope of their own.
        const fns = vm.runInThisContext(`(function () { ${source}\n return { __prep: __prep, __run: __run }; })()`);
        return { prep: () => fns.__prep(), run: () => fns.__run() };
      },
    };
  },
  async vmjs() { return vmjsSystem(new URL('../dist/esm/index.js', import.meta.url).href); },
  async 'vmjs-base'() {
    const dir = process.env.VMJS_BASE;
    if (!dir) throw new Error('vmjs-base needs VMJS_BASE=<a vmjs checkout with dist/ built>');
    return vmjsSystem(pathToFileURL(join(resolve(dir), 'dist', 'esm', 'index.js')).href);
  },
  async sval() {
    const { default: Sval } = await import('sval');
    return {
      load(source) {
        const interpreter = new Sval({ ecmaVer: 'latest', sourceType: 'script', sandBox: true });
        interpreter.run(`${source}\nexports.__prep = __prep; exports.__run = __run;`);
        const { __prep, __run } = interpreter.exports;
        return { prep: () => __prep(), run: () => __run() };
      },
    };
  },
  async quickjs() {
    const { newQuickJSWASMModule, RELEASE_SYNC } = await import('quickjs-emscripten');
    const QuickJS = await newQuickJSWASMModule(RELEASE_SYNC);
    let last;
    return {
      load(source) {
        if (last) last();
        const runtime = QuickJS.newRuntime();
        runtime.setMemoryLimit(-1);
        runtime.setMaxStackSize(0);
        const context = runtime.newContext();
        last = () => { context.dispose(); runtime.dispose(); };
        const evaluate = (code) => {
          const r = context.evalCode(code);
          if (r.error) { const e = context.dump(r.error); r.error.dispose(); throw new Error(String(e && e.message || e)); }
          const v = context.dump(r.value);
          r.value.dispose();
          return v;
        };
        evaluate(source);
        return { prep: () => evaluate('__prep()'), run: () => evaluate('__run()') };
      },
    };
  },
};

async function vmjsSystem(url) {
  const vmjs = await import(url);
  const prepScript = new vmjs.Script('__prep()');
  const runScript = new vmjs.Script('__run()');
  return {
    load(source) {
      const context = vmjs.createContext({});
      vmjs.runInContext(source, context);
      return { prep: () => prepScript.runInContext(context), run: () => runScript.runInContext(context) };
    },
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

const systems = {};
for (const name of systemNames) {
  if (!SYSTEMS[name]) throw new Error(`unknown system ${name} (known: ${Object.keys(SYSTEMS).join(', ')})`);
  systems[name] = await SYSTEMS[name]();
}

const rows = ROWS.filter((r) => only.length === 0 || only.some((o) => r.family === o || r.name.startsWith(o)));
const header = `| builtin | ${systemNames.map((s) => (s === 'node' ? 'node native' : s)).join(' | ')} | note |`;
console.log(`node ${process.version}, ${reps} repetitions per cell (median wall time of the timed call), ${new Date().toISOString()}\n`);
console.log(header);
console.log(`| --- | ${systemNames.map(() => '---').join(' | ')} | --- |`);
/** @type {Record<string, number[]>} ratios per system, for the geometric means */
const ratios = {};
for (const row of rows) {
  const loaded = {};
  const times = {};
  const failed = {};
  let expected;
  for (const name of systemNames) {
    times[name] = [];
    try {
      loaded[name] = systems[name].load(row.source);
      loaded[name].prep();
      const got = loaded[name].run(); // warm-up, and the checksum
      if (name === 'node') expected = got;
      else if (got !== expected) failed[name] = `wrong (${got} vs ${expected})`;
    } catch (e) {
      failed[name] = `error: ${e && e.message}`;
    }
  }
  for (let i = 0; i < reps; i++) {
    for (const name of systemNames) {
      if (failed[name]) continue;
      loaded[name].prep();
      const t0 = performance.now();
      loaded[name].run();
      times[name].push(performance.now() - t0);
    }
  }
  const base = median(times.node);
  const cells = systemNames.map((name) => {
    if (failed[name]) return failed[name];
    const med = median(times[name]);
    if (name === 'node') return `${fmt(med)} ms`;
    (ratios[name] ??= []).push(med / base);
    return `${fmt(med)} ms (${(med / base).toFixed(2)}×)`;
  });
  console.log(`| ${row.name} | ${cells.join(' | ')} | ${row.note ?? ''} |`);
  if (args.includes('--raw')) {
    for (const name of systemNames) console.log(`    ${name}: ${times[name].map(fmt).join(' ')}`);
  }
}
console.log('');
for (const [name, rs] of Object.entries(ratios)) {
  const g = Math.exp(rs.reduce((s, r) => s + Math.log(r), 0) / rs.length);
  console.log(`${name}: geometric mean ${g.toFixed(2)}× node over ${rs.length} rows; over 2×: ${rs.filter((r) => r > 2).length}`);
}
