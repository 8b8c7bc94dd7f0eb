// The membrane (src/realm/membrane.ts): host values that reach guest code never hand it a host
// intrinsic or a host code-generating function. Each escape below works in node:vm (the first
// expectation, so the test shows the path is real) and is closed in vmjs, which still lets the guest
// use what the embedder passed in.
import { expect } from 'chai';
import nodeVm from 'node:vm';
import * as vmjs from '../../dist/esm/index.js';

// What the guest gets when it turns a value into code: 'object' means it reached the host's `process`.
const ESCAPE = (expr) => `(${expr}).constructor('return typeof process')()`;

class HostThing { constructor() { this.v = 41; } method() { return this.v + 1; } }

function sandbox() {
  return {
    log: console.log,
    obj: { nested: { list: [1, 2] } },
    arr: [1, 2, 3],
    inst: new HostThing(),
    promise: Promise.resolve({ resolved: true }),
    fail: () => { throw new TypeError('host says no'); },
    proxy: new Proxy({}, { get: () => console.log }),
    each: (cb) => { [{ item: 1 }].forEach(cb); },
    frozen: Object.freeze({ f: console.log }),
    getter: Object.defineProperty({}, 'g', { get: () => console.log, enumerable: true }),
  };
}

const paths = {
  'a host function (console.log)': ESCAPE('log.constructor'),
  'a host function\'s prototype': ESCAPE('Object.getPrototypeOf(log).constructor'),
  'a host object': ESCAPE('obj.constructor'),
  'an object nested in a host object': ESCAPE('obj.nested.constructor'),
  'a host array and its methods': ESCAPE('arr.map.constructor'),
  'a host class instance': ESCAPE('inst.constructor.constructor'),
  'a host method': ESCAPE('inst.method.constructor'),
  'a host promise': ESCAPE('promise.constructor.constructor'),
  'a thrown host error': `(() => { try { fail(); } catch (e) { return ${ESCAPE('e.constructor.constructor')}; } })()`,
  'a host Proxy\'s trap result': ESCAPE('proxy.anything.constructor'),
  'an argument the host passes to a guest callback': `(() => { let r; each((x) => { r = ${ESCAPE('x.constructor.constructor')}; }); return r; })()`,
  'a frozen host object': ESCAPE('frozen.f.constructor'),
  'a host getter\'s result': ESCAPE('getter.g.constructor'),
  'a property descriptor of the global': ESCAPE("Object.getOwnPropertyDescriptor(globalThis, 'log').value.constructor"),
  'globalThis.name': ESCAPE('globalThis.log.constructor'),
  'Object.values of a host object': ESCAPE('Object.values(getter)[0].constructor'),
};

describe('membrane: host values in a context', () => {
  for (const [path, code] of Object.entries(paths)) {
    it(`closes the escape through ${path}`, () => {
      expect(nodeVm.runInContext(code, nodeVm.createContext(sandbox())), 'node:vm').to.equal('object');
      expect(vmjs.runInContext(code, vmjs.createContext(sandbox())), 'vmjs').to.equal('undefined');
    });
  }

  it('closes it for values a host promise resolves to, awaited or through then', async () => {
    const ctx = vmjs.createContext(sandbox());
    expect(await vmjs.runInContext(`promise.then((v) => ${ESCAPE('v.constructor.constructor')})`, ctx)).to.equal('undefined');
    expect(await vmjs.runInContext(`(async () => { const v = await promise; return ${ESCAPE('v.constructor.constructor')}; })()`, ctx)).to.equal('undefined');
    expect(await vmjs.runInContext('(async () => (await promise).resolved)()', ctx)).to.equal(true);
  });

  it('the guest still uses what it was given; host constructors it reads are its own', () => {
    const code = `[
      arr.map((x) => x * 2).join(), Array.isArray(arr), arr.length, inst.method(), inst instanceof Object,
      obj.nested.list[1], typeof log, Object.getPrototypeOf(arr) === Array.prototype,
      (() => { try { fail(); } catch (e) { return [e instanceof TypeError, e.message, e.name]; } })(),
      JSON.stringify(obj), Object.keys(getter).join(), Object.isFrozen(frozen),
    ]`;
    const expected = ['2,4,6', true, 3, 42, false, 2, 'function', false, [false, 'host says no', 'TypeError'], '{"nested":{"list":[1,2]}}', 'g', true];
    // As in node: host objects keep their host prototypes (seen through the membrane).
    expect(nodeVm.runInContext(code, nodeVm.createContext(sandbox()))).to.deep.equal(expected);
    expect(vmjs.runInContext(code, vmjs.createContext(sandbox()))).to.deep.equal(expected);
    // Where node hands over the host's constructors, vmjs gives the context's own.
    expect(vmjs.runInContext('[log.constructor === Function, arr.constructor === Array, inst.constructor.constructor === Function]', vmjs.createContext(sandbox()))).to.deep.equal([true, true, true]);
  });

  it('host objects go back to the host as themselves; guest objects stay themselves', () => {
    const sb = sandbox();
    const ctx = vmjs.createContext(sb);
    expect(vmjs.runInContext('obj', ctx)).to.equal(sb.obj);
    expect(vmjs.runInContext('obj.nested', ctx)).to.equal(sb.obj.nested);
    expect(vmjs.runInContext('log', ctx)).to.equal(console.log);
    const guest = vmjs.runInContext('globalThis.made = { x: 1 }; var bare = Object.create(null); bare.y = 2; made', ctx);
    expect(sb.made).to.equal(guest);
    expect(vmjs.runInContext('made === globalThis.made && bare === globalThis.bare && [bare][0] === bare', ctx)).to.equal(true);
    // A host function given a guest object gets the object itself.
    let seen;
    sb.take = (o) => { seen = o; };
    vmjs.runInContext('take(made)', ctx);
    expect(seen).to.equal(guest);
    // A host error the guest rethrows reaches the host as itself.
    const thrown = (() => { try { vmjs.runInContext('fail()', ctx); } catch (e) { return e; } })();
    expect(thrown).to.be.instanceOf(TypeError);
    expect(thrown.message).to.equal('host says no');
  });

  it('createContext\'s passThrough hands values over unwrapped, on purpose, to that context only', () => {
    const ctx = vmjs.createContext({ raw: console.log }, { passThrough: [console.log] });
    expect(vmjs.runInContext(ESCAPE('raw.constructor'), ctx)).to.equal('object');
    expect(vmjs.runInContext(ESCAPE('raw.constructor'), vmjs.createContext({ raw: console.log }))).to.equal('undefined');
    expect(() => vmjs.createContext({}, { passThrough: console.log })).to.throw(TypeError).with.property('code', 'ERR_INVALID_ARG_TYPE');
  });

  it('a guest function the host calls gets host arguments through the membrane', () => {
    const ctx = vmjs.createContext({});
    const fn = vmjs.runInContext(`(x) => ${ESCAPE('x.constructor.constructor')}`, ctx);
    expect(fn({})).to.equal('undefined');
    expect(vmjs.runInContext('(function () { return this.constructor === Object; })', ctx).call({})).to.equal(true);
  });
});

describe('membrane: guest code that host code starts without a call', () => {
  it('a generator or async generator the host resumes, and eval the host calls, run as guest code', async () => {
    const ctx = vmjs.createContext({ log: console.log });
    const gen = vmjs.runInContext(`(function* () { const x = yield 1; yield ${ESCAPE('x.constructor.constructor')}; yield ${ESCAPE('globalThis.log.constructor')}; })()`, ctx);
    gen.next();
    expect(gen.next({}).value).to.equal('undefined');
    expect(gen.next().value).to.equal('undefined');
    const agen = vmjs.runInContext(`(async function* () { const x = yield 1; yield ${ESCAPE('x.constructor.constructor')}; })()`, ctx);
    await agen.next();
    expect((await agen.next({})).value).to.equal('undefined');
    const indirectEval = vmjs.runInContext('eval', ctx);
    expect(indirectEval(ESCAPE('globalThis.log.constructor'))).to.equal('undefined');
  });
});

describe('membrane: guest objects stay the guest\'s', () => {
  it('an object given a null prototype through a guest Proxy is not taken for a host object', () => {
    const ctx = vmjs.createContext({});
    const r = vmjs.runInContext(`
      var plain = {};
      var p = new Proxy(new Proxy(plain, {}), { setPrototypeOf: null });
      Object.setPrototypeOf(p, null);
      var child = Object.create(plain);
      [Reflect.setPrototypeOf(p, child), Object.getPrototypeOf(child) === plain, plain === globalThis.plain]`, ctx);
    expect(r).to.deep.equal([false, true, true]);
  });
});
