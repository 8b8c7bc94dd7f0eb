// cachedData: script.createCachedData(), produceCachedData and cachedData on Script, compileFunction
// and SourceTextModule, side by side with node:vm where node defines the behaviour; the codec proven
// on a corpus (every Octane program and 2,000 test262 language files: the decoded tree, its lazily
// decoded function sections all forced, is acorn's, same keys in the same order and same values) and
// fuzzed (truncated, flipped and random bytes are rejected or decode to the identical tree; nothing
// throws to the user); functions' contents decode on their first call, not before.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from '../../dist/esm/index.js';
import {
  encodeTree, decodeTree, MalformedTree, encodeCachedData, decodeCachedData, CachedDataKind, parseScript, parseModule,
  parseFunctionBody, VMJS_VERSION, undecodedFunction, decodeFunctionContents, preparedScriptOf,
} from '../../dist/esm/internal.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const octaneDir = resolve(root, '..', 'shared', 'bench', 'octane');
const test262Dir = resolve(root, '..', 'shared', 'test262', 'test', 'language');
const info = { filename: 'x.js', lineOffset: 0, columnOffset: 0 };

/** The first difference between two trees, as a path and a reason, or null: same keys in the same
 * order, primitives by SameValue, regular expressions by source and flags. */
function treeDifference(a, b, path = '$') {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? null : `${path}: ${String(a)} !== ${String(b)}`;
  }
  if (a instanceof RegExp || b instanceof RegExp) {
    return a instanceof RegExp && b instanceof RegExp && a.source === b.source && a.flags === b.flags ? null : `${path}: regexp`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.join() !== kb.join()) return `${path}: keys [${ka}] vs [${kb}]`;
  for (const k of ka) {
    const d = treeDifference(a[k], b[k], `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

/** Reads every key of every object under `tree`: decodes every lazy section. */
function forceAll(tree) {
  if (typeof tree !== 'object' || tree === null) return;
  for (const k of Object.keys(tree)) forceAll(tree[k]);
}

function bytesEqual(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Every file under `dir` ending in .js, sorted, fixtures excluded. */
function jsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (name.endsWith('.js') && !name.includes('_FIXTURE')) out.push(p);
  }
  return out;
}

/** What the data stores for each function of acorn's tree (use strict, ExpectedArgumentCount, a direct
 * eval in its params or body), by type and range, in one pass. */
function expectedFacts(tree) {
  const facts = new Map();
  const walk = (x) => { // whether x holds a call `eval(…)`
    if (typeof x !== 'object' || x === null) return false;
    let any = x.type === 'CallExpression' && x.callee.type === 'Identifier' && x.callee.name === 'eval';
    let inside = false;
    for (const k of Object.keys(x)) {
      if (walk(x[k])) {
        any = true;
        if (k === 'params' || k === 'body') inside = true;
      }
    }
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(x.type)) {
      let expectedArgumentCount = x.params.findIndex((p) => p.type === 'AssignmentPattern' || p.type === 'RestElement');
      if (expectedArgumentCount < 0) expectedArgumentCount = x.params.length;
      let useStrict = false;
      if (x.body.type === 'BlockStatement') {
        for (const st of x.body.body) {
          if (st.type !== 'ExpressionStatement' || typeof st.directive !== 'string') break;
          if (st.directive === 'use strict') { useStrict = true; break; }
        }
      }
      facts.set(`${x.type} ${x.start} ${x.end}`, { useStrict, expectedArgumentCount, containsDirectEval: inside });
    }
    return any;
  };
  walk(tree);
  return facts;
}

/** Checks the facts of every undecoded function under `back` against acorn's (from `tree`), then
 * reads its keys, which decodes it, and goes on into its contents: every lazy section is checked and
 * decoded. Returns the number of functions checked. */
function checkFacts(back, tree) {
  const expected = expectedFacts(tree);
  let checked = 0;
  const walk = (x) => {
    if (typeof x !== 'object' || x === null) return;
    const facts = undecodedFunction(x);
    if (facts !== undefined) {
      const e = expected.get(`${x.type} ${x.start} ${x.end}`);
      if (e === undefined || e.useStrict !== facts.useStrict || e.expectedArgumentCount !== facts.expectedArgumentCount || e.containsDirectEval !== facts.containsDirectEval) {
        expect({ ...facts }, `facts of ${x.type} at ${x.start}`).to.deep.include(e);
      }
      checked++;
    }
    for (const k of Object.keys(x)) walk(x[k]);
    if (facts !== undefined) expect(undecodedFunction(x)).to.equal(undefined);
  };
  walk(back);
  return checked;
}

/** Parses, encodes, decodes: the decoded tree must be the parse, its lazy sections all decoded (and
 * their stored facts acorn's); re-encoding it gives the same bytes. */
function roundTrip(source, parse) {
  const tree = parse(source, info);
  const bytes = encodeTree(tree, source);
  const back = decodeTree(bytes, 0, bytes.length, source);
  const functions = checkFacts(back, tree);
  const difference = treeDifference(back, tree);
  return { difference, bytes, functions, same: difference === null && bytesEqual(encodeTree(back, source), bytes) };
}

describe('cachedData', () => {
  describe('the codec on a corpus: the decoded tree is acorn\'s', function () {
    this.timeout(300000);

    it('every Octane program', () => {
      const files = readdirSync(octaneDir).filter((f) => f.endsWith('.js'));
      expect(files.length).to.be.greaterThan(15);
      let sourceBytes = 0, dataBytes = 0, functions = 0;
      for (const f of files) {
        const source = readFileSync(join(octaneDir, f), 'utf8');
        const r = roundTrip(source, parseScript);
        expect(r.difference, f).to.equal(null);
        expect(r.same, f).to.equal(true);
        functions += r.functions;
        sourceBytes += source.length;
        dataBytes += r.bytes.length;
      }
      // The design's estimate is 1–2 bytes per source byte.
      expect(dataBytes / sourceBytes).to.be.lessThan(2.5);
      expect(functions).to.equal(5479); // every function of every program is a lazy section, its facts checked
    });

    it('2,000 test262 language files (scripts and modules)', () => {
      const all = jsFiles(test262Dir);
      const step = Math.max(1, Math.floor(all.length / 2500));
      let compared = 0, negative = 0;
      for (let i = 0; i < all.length && compared < 2000; i += step) {
        const source = readFileSync(all[i], 'utf8');
        const isModule = /flags:\s*\[[^\]]*\bmodule\b/.test(source);
        let r;
        try {
          r = roundTrip(source, isModule ? parseModule : parseScript);
        } catch (e) {
          if (e.name === 'ParseError' || e.constructor?.name === 'ParseError') { negative++; continue; }
          throw e;
        }
        expect(r.difference, all[i]).to.equal(null);
        expect(r.same, all[i]).to.equal(true);
        compared++;
      }
      expect(compared).to.equal(2000);
      expect(negative).to.be.greaterThan(0); // parse-negative tests: acorn rejects them, nothing to encode
    });

    it('values acorn makes: regular expressions, bigints, escapes, templates, numbers, hashbang, CRLF and U+2028 lines', () => {
      const sources = [
        '#!/usr/bin/env node\nvar r = /a(b)c/giu, s = /[/]\\//y, big = 123456789012345678901234567890n, h = 0x1fn;',
        'var \\u0061b = "\\x41\\u{1F600}\\n", c = \'q"\', t = `a${1}\\u0041${`n${2}`}\r\nz`, u = String.raw`\\unicode`;',
        'x = [1, , 3, ...y]; y = 0.5 + 1e21 + 0x10 + 0o7 + 0b1 + 1_000 + .25 + 2**31 + 4294967296 + 9007199254740993;',
        'a\r\nb\rc\u2028d\u2029e; /* \r\n */ f',
        'class A { #p = 1; static { this.q = 2 } get [k]() { return this.#p } static async *m() {} }',
        'label: for (const [a, {b = 1, ...c}] of d) { if (a?.b?.[c]) continue label; else break label }',
        'async function f() { for await (const x of y) {} await import("m", { with: { type: "json" } }) }',
        '"use strict"; ({ __proto__: null, "__proto__"() {}, get: 1, set, async: 2 });',
      ];
      for (const source of sources) {
        const r = roundTrip(source, parseScript);
        expect(r.difference, source).to.equal(null);
        expect(r.same, source).to.equal(true);
        // With acorn's `loc` (the debugger parses with locations): rebuilt from the offsets and lines.
        const withLoc = roundTrip(source, (text, i) => parseScript(text, i, true));
        expect(withLoc.difference, source).to.equal(null);
        expect(withLoc.same, source).to.equal(true);
      }
      const box2d = readFileSync(join(octaneDir, 'box2d.js'), 'utf8');
      const located = roundTrip(box2d, (text, i) => parseScript(text, i, true));
      expect(located.difference).to.equal(null);
      const mod = 'import a, { b as c } from "m"; import defer * as ns from "n"; export * as d from "o"; export default class {}; await 1;';
      const r = roundTrip(mod, parseModule);
      expect(r.difference).to.equal(null);
      const body = roundTrip('return new.target ?? arguments', parseFunctionBody);
      expect(body.difference).to.equal(null);
    });

    it('a decoded regular expression literal gets a new RegExp, as acorn does', () => {
      const source = 'x = /ab+c/g';
      const tree = parseScript(source, info);
      const bytes = encodeTree(tree, source);
      const a = decodeTree(bytes, 0, bytes.length, source).body[0].expression.right.value;
      const b = decodeTree(bytes, 0, bytes.length, source).body[0].expression.right.value;
      expect(a).to.be.instanceOf(RegExp);
      expect(a).to.not.equal(b);
      expect(String(a)).to.equal('/ab+c/g');
    });
  });

  describe('Script', () => {
    const code = 'var n = 0; function add(k) { n += k; return n } add(20); add(22)';

    it('produceCachedData: cachedData (a Buffer) and cachedDataProduced, in node\'s key order', () => {
      const s = new vm.Script(code, { produceCachedData: true });
      const n = new nodeVm.Script(code, { produceCachedData: true });
      expect(Object.keys(s)).to.deep.equal(Object.keys(n));
      expect(s.cachedDataProduced).to.equal(true);
      expect(Buffer.isBuffer(s.cachedData)).to.equal(true);
      expect(s.runInNewContext()).to.equal(42);
    });

    it('cachedData from createCachedData() is used: cachedDataRejected false, same results', () => {
      const data = new vm.Script(code).createCachedData();
      expect(Buffer.isBuffer(data)).to.equal(true);
      const s = new vm.Script(code, { cachedData: data, filename: 'other.js', lineOffset: 3 });
      const n = new nodeVm.Script(code, { cachedData: new nodeVm.Script(code).createCachedData() });
      expect(Object.keys(s)).to.deep.equal(Object.keys(n));
      expect(s.cachedDataRejected).to.equal(false);
      expect(s.runInNewContext()).to.equal(42);
      expect(s.runInContext(vm.createContext({}))).to.equal(42);
      // The tree read from the data encodes to the same data.
      expect(bytesEqual(s.createCachedData(), data)).to.equal(true);
    });

    it('any ArrayBufferView holding the bytes is accepted (Uint8Array, DataView, an offset view)', () => {
      const data = new vm.Script(code).createCachedData();
      const big = new Uint8Array(data.length + 10);
      big.set(data, 5);
      for (const view of [new Uint8Array(data), new DataView(big.buffer, 5, data.length), big.subarray(5, 5 + data.length)]) {
        expect(new vm.Script(code, { cachedData: view }).cachedDataRejected).to.equal(false);
      }
      const words = new Uint16Array(Math.ceil(data.length / 2));
      new Uint8Array(words.buffer).set(data);
      // A view with trailing bytes is not the data: rejected unless the length is exact.
      expect(new vm.Script(code, { cachedData: words }).cachedDataRejected).to.equal(data.length % 2 === 1);
    });

    it('data for another source, kind or version, or corrupt, is rejected and the script still works', () => {
      const data = new vm.Script(code).createCachedData();
      const other = code.replace('22', '23');
      const s = new vm.Script(other, { cachedData: data });
      expect(s.cachedDataRejected).to.equal(true);
      expect(s.runInNewContext()).to.equal(43);
      // Same length, one character changed: the hash, not only the length, decides.
      expect(other.length).to.equal(code.length);
      // A compileFunction body's or a module's data is another kind.
      const fn = vm.compileFunction(code, [], { produceCachedData: true });
      expect(new vm.Script(code, { cachedData: fn.cachedData }).cachedDataRejected).to.equal(true);
      // Another vmjs version (the producer string in the header).
      const bumped = Buffer.from(data);
      const at = bumped.indexOf(`vmjs ${VMJS_VERSION}`);
      expect(at).to.be.greaterThan(0);
      bumped[at + 5] ^= 1;
      expect(new vm.Script(code, { cachedData: bumped }).cachedDataRejected).to.equal(true);
      // Another format version.
      const format = Buffer.from(data);
      format[4] ^= 1;
      expect(new vm.Script(code, { cachedData: format }).cachedDataRejected).to.equal(true);
      for (const junk of [new Uint8Array(0), new Uint8Array(3), Buffer.from('VMJS'), new Float64Array(100)]) {
        const j = new vm.Script(code, { cachedData: junk });
        expect(j.cachedDataRejected).to.equal(true);
        expect(j.runInNewContext()).to.equal(42);
      }
    });

    it('node\'s argument checks for cachedData and produceCachedData', () => {
      const outcome = (v, options) => {
        try { new v.Script('1', options); return 'ok'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; }
      };
      const cases = [
        { cachedData: 'x' }, { cachedData: 1 }, { cachedData: {} }, { cachedData: new ArrayBuffer(4) }, { cachedData: null },
        { cachedData: [1, 2] }, { produceCachedData: 'x' }, { produceCachedData: 1 }, { produceCachedData: null },
        { cachedData: undefined }, { produceCachedData: undefined }, { produceCachedData: false },
      ];
      for (const options of cases) expect(outcome(vm, options), JSON.stringify(options)).to.equal(outcome(nodeVm, options));
    });

    it('createCachedData on something that is not a Script: TypeError "Illegal invocation", as node', () => {
      for (const v of [vm, nodeVm]) {
        expect(() => v.Script.prototype.createCachedData.call({})).to.throw(TypeError, 'Illegal invocation');
      }
    });

    it('a SyntaxError is thrown whatever the data', () => {
      const data = new vm.Script('1').createCachedData();
      expect(() => new vm.Script('(', { cachedData: data })).to.throw(SyntaxError);
    });

    it('the retained tree is not changed by running: data made after runs equals data made before', () => {
      const s = new vm.Script(code + '; class C { x = 1; static y = 2; constructor() {} }; new C().x', { produceCachedData: true });
      s.runInNewContext();
      s.runInNewContext();
      expect(bytesEqual(s.createCachedData(), s.cachedData)).to.equal(true);
    });
  });

  describe('functions decode lazily: at their first call, from the data as it was checked', () => {
    const code = `var x = 'global x';
function outer(a, b = 2) { function inner() { return a + b } function unused() { return 0 } return inner() }
var arrow = (p) => p * 2;
var later = function () { return 'later' };
outer.length * 10 + arrow.length`;
    const data = new vm.Script(code).createCachedData();

    it('a function\'s params and body are decoded when it is first called, not when its template is made', () => {
      const mine = Buffer.from(data);
      const s = new vm.Script(code, { cachedData: mine });
      expect(s.cachedDataRejected).to.equal(false);
      const program = preparedScriptOf(s).program;
      const outer = program.body[1];
      const arrow = program.body[2].declarations[0].init;
      const later = program.body[3].declarations[0].init;
      expect([outer.type, arrow.type, later.type]).to.deep.equal(['FunctionDeclaration', 'ArrowFunctionExpression', 'FunctionExpression']);
      for (const fn of [outer, arrow, later]) expect(undecodedFunction(fn)).to.not.equal(undefined);
      // Running the script makes the three functions and reads their lengths (stored in the data).
      const context = vm.createContext({});
      expect(s.runInContext(context)).to.equal(11);
      for (const fn of [outer, arrow, later]) expect(undecodedFunction(fn)).to.not.equal(undefined);
      // The embedder's buffer changed after the Script was made: the Script decodes from its own copy.
      mine.fill(0);
      expect(vm.runInContext('outer(1)', context)).to.equal(3);
      expect(undecodedFunction(outer)).to.equal(undefined);
      const [inner, unused] = outer.body.body;
      expect(undecodedFunction(inner)).to.equal(undefined); // called by outer
      expect(undecodedFunction(unused)).to.not.equal(undefined); // made by outer, never called
      expect(undecodedFunction(arrow)).to.not.equal(undefined);
      expect(undecodedFunction(later)).to.not.equal(undefined);
      // createCachedData gives the data back without decoding anything.
      expect(bytesEqual(s.createCachedData(), data)).to.equal(true);
      expect(undecodedFunction(later)).to.not.equal(undefined);
      // Another context runs the same prepared code: nothing is decoded twice, nothing goes wrong.
      expect(vm.runInContext('later() + arrow(21)', context)).to.equal('later42');
      expect(s.runInNewContext() + vm.runInNewContext('1')).to.equal(12);
      // Every key of a decoded function is a data property in acorn's order.
      expect(Object.keys(later)).to.deep.equal(Object.keys(parseScript(code, info).body[3].declarations[0].init));
      expect(Object.getOwnPropertyDescriptor(later, 'body')).to.have.property('writable', true);
    });

    it('until then, stored facts stand in for the contents: strictness, length, a direct eval in a nested function', () => {
      const source = `var y = 'global y';
function sloppy() { return this === undefined }
function strict() { 'use strict'; return this === undefined }
function lengths(a, b, c = 1, d) {}
function viaEval(y) { function inner() { return eval('y') } return inner() }
function argumentsViaEval(a) { return (function () { return (() => eval('arguments.length'))() })(1, 2, 3) }
function viaArrowEval() { var z = 'z'; return (() => eval('z'))() }
function evalInside() { function never() { return eval('1') } return 'compiled' }
[sloppy(), strict(), lengths.length, viaEval('param y'), argumentsViaEval(), viaArrowEval(), lengths.name, evalInside()]`;
      const fresh = new vm.Script(source).runInNewContext();
      const node = nodeVm.runInNewContext(source);
      expect(fresh).to.deep.equal(node);
      const s = new vm.Script(source, { cachedData: new vm.Script(source).createCachedData() });
      expect(s.cachedDataRejected).to.equal(false);
      const program = preparedScriptOf(s).program;
      expect(undecodedFunction(program.body[2])).to.deep.include({ useStrict: true, expectedArgumentCount: 0, containsDirectEval: false });
      expect(undecodedFunction(program.body[3])).to.deep.include({ useStrict: false, expectedArgumentCount: 2 });
      expect(undecodedFunction(program.body[4])).to.deep.include({ containsDirectEval: true });
      expect(s.runInNewContext()).to.deep.equal(node);
      // Compiling evalInside looked for a direct eval in `never` (which makes evalInside's scope
      // dynamic, as from source) in the stored fact: `never` is still undecoded.
      const never = program.body[7].body.body[0];
      expect(never.id.name).to.equal('never');
      expect(undecodedFunction(never)).to.deep.include({ containsDirectEval: true });
    });

    it('stack traces: inferred names and positions are the same as from source', () => {
      const source = 'var o = {}; o.foo = function () { return new Error("x").stack }; function outer() { return o.foo() } outer()';
      const fresh = new vm.Script(source, { filename: 'a.js' }).runInNewContext();
      expect(fresh).to.match(/at o\.foo \(a\.js:1:42\)\n {4}at outer \(a\.js:1:94\)/);
      const s = new vm.Script(source, { filename: 'a.js', cachedData: new vm.Script(source).createCachedData() });
      expect(s.cachedDataRejected).to.equal(false);
      expect(s.runInNewContext()).to.equal(fresh);
    });

    it('compileFunction and SourceTextModule data: nested functions decode when called', async () => {
      const body = 'function twice(v) { return v * 2 } function never() { return 0 } return twice(a)';
      const f = vm.compileFunction(body, ['a'], { produceCachedData: true });
      const g = vm.compileFunction(body, ['a'], { cachedData: f.cachedData });
      expect(g.cachedDataRejected).to.equal(false);
      expect(g(21)).to.equal(42);
      const source = 'export function f(n) { return n > 0 ? f(n - 1) + 1 : 0 } export const g = () => f(3);';
      const data = new vm.SourceTextModule(source).createCachedData();
      const m = new vm.SourceTextModule(source, { cachedData: data });
      await m.link(() => {});
      await m.evaluate();
      expect(m.namespace.g()).to.equal(3);
    });

    it('a body that does not decode at its first call (a codec bug: the checksum covers it) is the realm\'s SyntaxError, every call', () => {
      const source = 'function f(a) { return a + 1 } var ok = 1;';
      const good = Buffer.from(new vm.Script(source).createCachedData());
      // The header: magic, u16 format, the producer (u8 length + ASCII), u8 kind, then five u32 ending
      // with the payload's length and FNV-1a checksum (src/parser/cached-data.ts).
      const headerLength = 4 + 2 + 1 + good[6] + 1 + 4 * 5;
      expect(good.readUInt32LE(headerLength - 8)).to.equal(good.length - headerLength);
      // The section of f: flags 0, ExpectedArgumentCount 1, its u32 length, then the params array
      // (tag 5, one element, an object: tag 4).
      let at = -1;
      for (let i = headerLength; i < good.length - 9 && at < 0; i++) {
        if (good[i] === 0 && good[i + 1] === 1 && good[i + 3] === 0 && good[i + 4] === 0 && good[i + 5] === 0
          && good[i + 6] === 5 && good[i + 7] === 1 && good[i + 8] === 4) at = i + 6;
      }
      expect(at).to.be.greaterThan(headerLength);
      const bad = Buffer.from(good);
      bad[at] = 0xff; // no such tag
      let h = 0x811c9dc5;
      for (let i = headerLength; i < bad.length; i++) h = Math.imul(h ^ bad[i], 0x01000193);
      bad.writeUInt32LE(h >>> 0, headerLength - 4);
      const s = new vm.Script(source, { cachedData: bad });
      expect(s.cachedDataRejected).to.equal(false); // the top level decodes; f's contents are not read
      const context = vm.createContext({});
      s.runInContext(context);
      const caught = vm.runInContext('var errors = []; for (var i = 0; i < 2; i++) { try { f(1) } catch (e) { errors.push(e) } } errors', context);
      expect(caught).to.have.length(2);
      for (const e of caught) {
        expect(e).to.be.instanceOf(vm.runInContext('SyntaxError', context));
        expect(e).to.not.be.instanceOf(SyntaxError);
        expect(e.message).to.match(/^vmjs: the cachedData of this function \(offset 0 of its source\) does not decode: malformed cachedData/);
      }
      expect(vm.runInContext('ok', context)).to.equal(1);
      // Read from the host, the contents throw MalformedTree.
      expect(() => decodeFunctionContents(preparedScriptOf(s).program.body[0])).to.throw(MalformedTree);
    });
  });

  describe('Octane programs run from cachedData give the same results', function () {
    this.timeout(300000);
    const driver = readFileSync(join(root, 'bench', 'octane-driver.js'), 'utf8');
    // Every Octane program bench/ runs.
    for (const name of ['richards', 'deltablue', 'crypto', 'raytrace', 'navier-stokes', 'splay', 'earley-boyer', 'box2d', 'regexp']) {
      it(name, () => {
        const files = [join(octaneDir, 'base.js'), join(octaneDir, `${name}.js`)].map((f) => readFileSync(f, 'utf8'));
        const run = (scripts) => {
          const out = [];
          const context = vm.createContext({ print: (s) => out.push(String(s)), WORK: 0.001 });
          for (const s of scripts) s.runInContext(context);
          new vm.Script(driver).runInContext(context);
          return out.join('\n');
        };
        const fresh = files.map((f) => new vm.Script(f, { produceCachedData: true }));
        const cached = files.map((f, i) => new vm.Script(f, { cachedData: fresh[i].cachedData }));
        for (const s of cached) expect(s.cachedDataRejected).to.equal(false);
        const expected = run(fresh);
        expect(expected).to.match(/x\d/);
        expect(run(cached)).to.equal(expected);
        // Running did not change what the scripts encode.
        for (let i = 0; i < files.length; i++) expect(bytesEqual(cached[i].createCachedData(), fresh[i].cachedData)).to.equal(true);
      });
    }
  });

  describe('vm.compileFunction', () => {
    it('produceCachedData and cachedData: node\'s properties in node\'s order', () => {
      for (const v of [vm, nodeVm]) {
        const f = v.compileFunction('return a + b', ['a', 'b'], { produceCachedData: true });
        expect(Object.keys(f)).to.deep.equal(['cachedDataProduced', 'cachedData']);
        expect(f.cachedDataProduced).to.equal(true);
        expect(Buffer.isBuffer(f.cachedData)).to.equal(true);
        const g = v.compileFunction('return a + b', ['a', 'b'], { cachedData: f.cachedData });
        expect(Object.keys(g)).to.deep.equal(['cachedDataRejected']);
        expect(g.cachedDataRejected).to.equal(false);
        expect(g(40, 2)).to.equal(42);
      }
      const both = vm.compileFunction('return 1', [], { produceCachedData: true, cachedData: new Uint8Array(1) });
      expect(Object.keys(both)).to.deep.equal(['cachedDataProduced', 'cachedData', 'cachedDataRejected']);
      expect(both.cachedDataRejected).to.equal(true);
    });

    it('data for another body, or a Script\'s data, is rejected; the function still works', () => {
      const f = vm.compileFunction('return a * 2', ['a'], { produceCachedData: true });
      const g = vm.compileFunction('return a * 3', ['a'], { cachedData: f.cachedData });
      expect(g.cachedDataRejected).to.equal(true);
      expect(g(2)).to.equal(6);
      const sd = new vm.Script('a * 2').createCachedData();
      expect(vm.compileFunction('a * 2', ['a'], { cachedData: sd }).cachedDataRejected).to.equal(true);
    });

    it('parameters are not part of the data: another parameter list uses it, with its own checks', () => {
      const f = vm.compileFunction('let b = 1; return a + b', ['a'], { produceCachedData: true });
      const g = vm.compileFunction('let b = 1; return a + b', ['a', 'c'], { cachedData: f.cachedData });
      expect(g.cachedDataRejected).to.equal(false);
      expect(g(1)).to.equal(2);
      // A parameter that clashes with the body's lexical declaration: node's SyntaxError, data or not.
      expect(() => vm.compileFunction('let b = 1; return a + b', ['b'], { cachedData: f.cachedData }))
        .to.throw(SyntaxError, "Identifier 'b' has already been declared");
    });

    it('in a parsing context, with contextExtensions', () => {
      const body = 'return typeof Array + x';
      const f = vm.compileFunction(body, [], { produceCachedData: true });
      const context = vm.createContext({});
      const g = vm.compileFunction(body, [], { cachedData: f.cachedData, parsingContext: context, contextExtensions: [{ x: 1 }] });
      expect(g.cachedDataRejected).to.equal(false);
      expect(g()).to.equal('function1');
    });

    it('node\'s argument checks', () => {
      const outcome = (v, options) => {
        try { v.compileFunction('return 1', [], options); return 'ok'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; }
      };
      for (const options of [{ cachedData: 'x' }, { cachedData: new ArrayBuffer(2) }, { cachedData: null }, { produceCachedData: 1 }]) {
        expect(outcome(vm, options)).to.equal(outcome(nodeVm, options));
      }
    });
  });

  describe('SourceTextModule', () => {
    const source = 'import { a } from "dep"; export const b = a + 1; export default function f() { return b }';
    const link = async (m) => {
      await m.link(() => {
        const dep = new vm.SourceTextModule('export const a = 41;', { context: m.context });
        return dep;
      });
    };

    it('createCachedData() before evaluation; the data is used', async () => {
      const m = new vm.SourceTextModule(source);
      const data = m.createCachedData();
      expect(Buffer.isBuffer(data)).to.equal(true);
      await link(m);
      expect(bytesEqual(m.createCachedData(), data)).to.equal(true);
      const m2 = new vm.SourceTextModule(source, { cachedData: data });
      expect(Object.keys(m2)).to.deep.equal([]);
      expect(m2.dependencySpecifiers).to.deep.equal(['dep']);
      await link(m2);
      await m2.evaluate();
      expect(m2.namespace.b).to.equal(42);
      expect(m2.namespace.default()).to.equal(42);
    });

    it('rejected data throws ERR_VM_MODULE_CACHED_DATA_REJECTED, as node', () => {
      const data = new vm.SourceTextModule(source).createCachedData();
      for (const cachedData of [new Uint8Array(8), data]) {
        const err = (() => { try { new vm.SourceTextModule(source.replace('+ 1', '+ 2'), { cachedData }); } catch (e) { return e; } })();
        expect(err).to.be.instanceOf(Error);
        expect(err.code).to.equal('ERR_VM_MODULE_CACHED_DATA_REJECTED');
        expect(err.message).to.equal('cachedData buffer was rejected');
      }
      // A Script's data is another kind.
      expect(() => new vm.SourceTextModule('1', { cachedData: new vm.Script('1').createCachedData() })).to.throw(Error, 'cachedData buffer was rejected');
      // A SyntaxError comes first.
      expect(() => new vm.SourceTextModule('export (', { cachedData: data })).to.throw(SyntaxError);
    });

    it('ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA once evaluated or errored, as node', async () => {
      const m = new vm.SourceTextModule('export const x = 1;');
      await m.link(() => {});
      await m.evaluate();
      expect(() => m.createCachedData()).to.throw(Error, 'Cached data cannot be created for a module which has been evaluated')
        .with.property('code', 'ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA');
      const e = new vm.SourceTextModule('throw 1');
      await e.link(() => {});
      await e.evaluate().catch(() => {});
      expect(() => e.createCachedData()).to.throw(Error).with.property('code', 'ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA');
    });
  });

  describe('fuzzing the data', function () {
    this.timeout(120000);
    const programs = [
      'var x = [1, "two", /3/g, 4n, `5${6}`]; function f(a, ...b) { return a ?? b } f(x)',
      'class A extends B { #p; static { } m() { return super.m?.() } } for (const k in o) label: { break label }',
    ];

    /** A Script from `code` and `data` must not throw; it is rejected, or its tree is the one the data came from. */
    function check(code, data, original) {
      const s = new vm.Script(code, { cachedData: data });
      if (!s.cachedDataRejected) expect(bytesEqual(s.createCachedData(), original)).to.equal(true);
      return s.cachedDataRejected;
    }

    it('every truncation is rejected', () => {
      for (const code of programs) {
        const data = new vm.Script(code).createCachedData();
        for (let n = 0; n < data.length; n++) expect(check(code, data.subarray(0, n), data)).to.equal(true);
      }
    });

    it('every single flipped byte (each bit pattern tried at each position) is rejected', () => {
      for (const code of programs) {
        const data = new vm.Script(code).createCachedData();
        for (let i = 0; i < data.length; i++) {
          for (const mask of [1, 0x80, 0xff]) {
            const bad = Buffer.from(data);
            bad[i] ^= mask;
            expect(check(code, bad, data), `byte ${i} ^ ${mask}`).to.equal(true);
          }
        }
      }
    });

    it('random bytes, and random bytes behind a valid header, are rejected', () => {
      let seed = 12345;
      const random = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9 | 0) >>> 0) / 2 ** 32;
      const code = programs[0];
      const data = new vm.Script(code).createCachedData();
      for (let k = 0; k < 300; k++) {
        const junk = new Uint8Array(Math.floor(random() * 600));
        for (let i = 0; i < junk.length; i++) junk[i] = random() * 256;
        expect(check(code, junk, data)).to.equal(true);
        const headed = Buffer.from(data);
        for (let i = 60; i < headed.length; i++) if (random() < 0.05) headed[i] = random() * 256;
        if (!bytesEqual(headed, data)) expect(check(code, headed, data)).to.equal(true);
      }
    });

    it('the decoder itself, past the checksum: mutated payloads decode or fail with MalformedTree, never hang', () => {
      let seed = 777;
      const random = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9 | 0) >>> 0) / 2 ** 32;
      for (const code of programs) {
        const payload = encodeTree(parseScript(code, info), code);
        let decoded = 0, malformed = 0;
        for (let k = 0; k < 3000; k++) {
          const bad = Uint8Array.from(payload);
          const flips = 1 + Math.floor(random() * 4);
          for (let j = 0; j < flips; j++) bad[Math.floor(random() * bad.length)] = random() * 256;
          const cut = random() < 0.2 ? Math.floor(random() * bad.length) : bad.length;
          try {
            forceAll(decodeTree(bad, 0, cut, code)); // the lazy sections too
            decoded++;
          } catch (e) {
            if (!(e instanceof MalformedTree)) throw e;
            malformed++;
          }
        }
        expect(malformed).to.be.greaterThan(0);
        expect(decoded + malformed).to.equal(3000);
      }
    });

    it('decodeCachedData never throws, for any kind', () => {
      const code = programs[1];
      const data = encodeCachedData(CachedDataKind.Script, code, parseScript(code, info));
      expect(decodeCachedData(CachedDataKind.Script, code, data)).to.be.an('object');
      expect(decodeCachedData(CachedDataKind.Module, code, data)).to.equal(null);
      expect(decodeCachedData(CachedDataKind.FunctionBody, code, data)).to.equal(null);
      expect(decodeCachedData(CachedDataKind.Script, code + ' ', data)).to.equal(null);
      const detached = new Uint8Array(data.length);
      detached.set(data);
      structuredClone(detached.buffer, { transfer: [detached.buffer] });
      expect(decodeCachedData(CachedDataKind.Script, code, detached)).to.equal(null);
    });
  });

  it('the version in the data is package.json\'s', () => {
    expect(VMJS_VERSION).to.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});
