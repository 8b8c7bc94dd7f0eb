// Error.prototype.stack as the accessor of the TC39 error-stacks proposal (test262 feature
// error-stack-accessor), through the public API: the getter answers for any object with [[ErrorData]]
// (of any realm), the setter makes an own data property on any other receiver, errors have no own
// `stack`, and host code (util.inspect, displayErrors, the CLI) still sees the text node:vm shows.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

const run = (code, sandbox = {}) => vmjs.runInNewContext(code, sandbox, { filename: 'acc.js' });

describe('realm-errors: the Error.prototype.stack accessor', () => {
  it('has the proposal\'s descriptor, names and lengths; getter and setter are not constructors', () => {
    expect(run(`
      var d = Object.getOwnPropertyDescriptor(Error.prototype, 'stack');
      var notNew = function (f) { try { new f(); return false; } catch (e) { return e instanceof TypeError; } };
      [d.enumerable, d.configurable, d.get.name, d.get.length, d.set.name, d.set.length,
       Object.getPrototypeOf(d.get) === Function.prototype, notNew(d.get), notNew(d.set)]`))
      .to.deep.equal([false, true, 'get stack', 0, 'set stack', 1, true, true, true]);
  });

  it('the getter: TypeError for a primitive, undefined without [[ErrorData]], the text for every error', () => {
    expect(run(`
      var get = Object.getOwnPropertyDescriptor(Error.prototype, 'stack').get;
      var r = [];
      [undefined, null, 1, 's', Symbol()].forEach(function (v) { try { get.call(v); r.push('no throw'); } catch (e) { r.push(e.constructor.name); } });
      r.push(get.call({}), get.call(Object.create(Error.prototype)), get.call(Error.prototype), get.call(TypeError.prototype),
        get.call(new Proxy(new Error('p'), {})), get.call({ __proto__: new Error('inner') }));
      class Sub extends RangeError {}
      function NotAnError() {}
      r.push(typeof get.call(new Error('e')), typeof get.call(TypeError('t')), typeof get.call(new Sub('s')),
        typeof get.call(new AggregateError([], 'a')), typeof get.call(Reflect.construct(Error, ['f'], NotAnError)),
        Reflect.construct(Error, ['f'], NotAnError).stack);
      r`)).to.deep.equal(['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError',
      undefined, undefined, undefined, undefined, undefined, undefined,
      'string', 'string', 'string', 'string', 'string', undefined]);
  });

  it('the getter reads the slot, not the property: an own `stack` shadows it only for property reads', () => {
    expect(run(`
      function f() { return new Error('m'); }
      var e = f();
      Object.defineProperty(e, 'stack', { value: 'own', writable: true, configurable: true });
      [e.stack, Object.getOwnPropertyDescriptor(Error.prototype, 'stack').get.call(e)]`))
      .to.deep.equal(['own', 'Error: m\n    at f (acc.js:2:29)\n    at acc.js:3:15']);
  });

  it('errors have no own `stack`: not in keys, JSON or Object.assign; delete is a no-op', () => {
    expect(run(`
      var e = new TypeError('x');
      [Object.getOwnPropertyNames(e).join(), Object.keys(e).length, JSON.stringify(e), 'stack' in Object.assign({}, e),
       delete e.stack, typeof e.stack]`)).to.deep.equal(['message', 0, '{}', false, true, 'string']);
  });

  it('the setter: a string only, an own enumerable data property on any receiver but %Error.prototype% itself', () => {
    expect(run(`
      var set = Object.getOwnPropertyDescriptor(Error.prototype, 'stack').set;
      var r = [];
      var e = new Error('x');
      [undefined, null, 1, {}, new String('s')].forEach(function (v) { try { e.stack = v; r.push('no throw'); } catch (q) { r.push(q.constructor.name); } });
      r.push(Object.prototype.hasOwnProperty.call(e, 'stack'));
      e.stack = 'mine';
      r.push(JSON.stringify(Object.getOwnPropertyDescriptor(e, 'stack')));
      var plain = {};
      set.call(plain, 'p');
      r.push(JSON.stringify(Object.getOwnPropertyDescriptor(plain, 'stack')));
      try { Error.prototype.stack = 'no'; } catch (q) { r.push(q.constructor.name); }
      TypeError.prototype.stack = 'proto';
      r.push(Object.getOwnPropertyDescriptor(TypeError.prototype, 'stack').value);
      try { set.call(Object.freeze(new Error('f')), 'no'); } catch (q) { r.push(q.constructor.name); }
      var log = [];
      var p = new Proxy({}, { getOwnPropertyDescriptor: function (t, k) { log.push('gopd ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); },
        defineProperty: function (t, k, d) { log.push('define ' + String(k) + ' ' + JSON.stringify(d)); return Reflect.defineProperty(t, k, d); } });
      set.call(p, 'v');
      r.push(log.join('; '));
      r`)).to.deep.equal(['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError', false,
      '{"value":"mine","writable":true,"enumerable":true,"configurable":true}',
      '{"value":"p","writable":true,"enumerable":true,"configurable":true}',
      'TypeError', 'proto', 'TypeError',
      'gopd stack; define stack {"value":"v","writable":true,"enumerable":true,"configurable":true}']);
  });

  it('an existing own `stack` is assigned through: its attributes stay, an own setter is called', () => {
    expect(run(`
      var set = Object.getOwnPropertyDescriptor(Error.prototype, 'stack').set;
      var e = new Error('x');
      Object.defineProperty(e, 'stack', { value: 'a', writable: true, enumerable: false, configurable: false });
      set.call(e, 'b');
      var seen;
      var o = new Error('y');
      Object.defineProperty(o, 'stack', { get: function () { return seen; }, set: function (v) { seen = v; }, configurable: true });
      o.stack = 'through';
      [JSON.stringify(Object.getOwnPropertyDescriptor(e, 'stack')), seen]`))
      .to.deep.equal(['{"value":"b","writable":true,"enumerable":false,"configurable":false}', 'through']);
  });

  it('works across realms: each realm has its own pair, which answers for the errors of any realm', () => {
    const a = vmjs.createContext({});
    const b = vmjs.createContext({});
    const getA = vmjs.runInContext('Object.getOwnPropertyDescriptor(Error.prototype, "stack").get', a);
    const setA = vmjs.runInContext('Object.getOwnPropertyDescriptor(Error.prototype, "stack").set', a);
    const protoB = vmjs.runInContext('Error.prototype', b);
    const errB = vmjs.runInContext('function fromB() { return new Error("b"); } fromB()', b, { filename: 'b.js' });
    expect(vmjs.runInContext('Object.getOwnPropertyDescriptor(Error.prototype, "stack").get', b)).to.not.equal(getA);
    expect(getA.call(errB)).to.equal('Error: b\n    at fromB (b.js:1:27)\n    at b.js:1:45');
    expect(getA.call(vmjs.runInContext('({})', b))).to.equal(undefined);
    expect(getA.call(protoB)).to.equal(undefined);
    // Realm A's setter on realm B's %Error.prototype%: not A's home, so [[Set]], which runs B's setter: B's TypeError.
    const TypeErrorB = vmjs.runInContext('TypeError', b);
    expect(() => setA.call(protoB, 'x')).to.throw(TypeErrorB);
    setA.call(errB, 'set by A');
    expect(Object.getOwnPropertyDescriptor(errB, 'stack')).to.deep.equal({ value: 'set by A', writable: true, enumerable: true, configurable: true });
  });

  it('a stack is made with the prepareStackTrace of the realm the error was made in', () => {
    const a = vmjs.createContext({});
    const b = vmjs.createContext({});
    vmjs.runInContext('Error.prepareStackTrace = function (e, cs) { return "B:" + e.message + ":" + cs.length + ":" + (cs instanceof Array); }', b);
    const errB = vmjs.runInContext('new Error("m")', b);
    const getA = vmjs.runInContext('Object.getOwnPropertyDescriptor(Error.prototype, "stack").get', a);
    expect(getA.call(errB)).to.equal('B:m:1:true');
  });

  it('host code reads the stack of a guest error as it does with node:vm (util.inspect)', () => {
    // node's own frames (node:vm, mocha) go; node puts the ` {` of extra keys after them.
    const strip = (s) => s.split('\n').filter((l) => !/\(node:|\(file:|at node:|at file:|at process\./.test(l)).join('\n').replace(/ \{$/gm, '');
    for (const code of [
      'function f() { return new Error("boom"); }\nf();',
      'class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; } }\nnew MyErr("q");',
      'var e = new Error("x"); e.extra = 1; e;',
      'var e = new Error("x"); e.stack = "custom"; e;',
      'try { null.x; } catch (e) { e; }',
    ]) {
      const mine = inspect(vmjs.runInNewContext(code, {}, { filename: 'i.js' }));
      const node = inspect(nodeVm.runInNewContext(code, {}, { filename: 'i.js' }));
      expect(strip(mine), code).to.equal(strip(node));
    }
  });

  it('displayErrors decorates the stack without giving the error an own `stack`', () => {
    let caught;
    try {
      vmjs.runInNewContext('function g() {\n  throw new RangeError("r");\n}\ng();', {}, { filename: 'g.js' });
    } catch (e) {
      caught = e;
    }
    expect(Object.getOwnPropertyNames(caught)).to.deep.equal(['message']);
    expect(caught.stack).to.equal('g.js:2\n  throw new RangeError("r");\n  ^\n\nRangeError: r\n    at g (g.js:2:9)\n    at g.js:4:1');
  });

  it('vmjs run prints an uncaught error\'s stack as node does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmjs-stack-'));
    const file = join(dir, 'u.js');
    writeFileSync(file, 'function f() {\n  var e = new TypeError("late");\n  e.message = "changed";\n  throw e;\n}\nf();\n');
    let out = '';
    try {
      execFileSync(process.execPath, [new URL('../../bin/vmjs.js', import.meta.url).pathname, 'run', file], { stdio: 'pipe' });
    } catch (e) {
      out = String(e.stderr);
    }
    expect(out).to.include('TypeError: changed\n    at f (');
    expect(out).to.include(`${file}:4\n  throw e;\n  ^\n`);
  });

  it('the main context keeps the host\'s errors and their own `stack`', () => {
    const e = vmjs.runInThisContext('new Error("main")');
    expect(e).to.be.instanceOf(Error);
    // Made on first read (then a data property, as V8 shows it): see main-context-error-stack.test.mjs.
    expect(e.stack).to.match(/^Error: main\n/);
    expect(Object.getOwnPropertyDescriptor(e, 'stack')).to.include({ writable: true, enumerable: false });
    expect(Object.getOwnPropertyDescriptor(Error.prototype, 'stack')).to.equal(undefined);
  });
});
