// Each context is a realm of its own: its built-ins are its own, and nothing leaks between
// contexts or out to the host.
export default function ({ describe, it, expect, vm }) {
  describe('built-ins per realm', () => {
    it('runInNewContext("[]") instanceof Array === false, yet Array.isArray says true', () => {
      const a = vm.runInNewContext('[]');
      expect(a instanceof Array).to.equal(false);
      expect(Array.isArray(a)).to.equal(true);
    });

    it('every kind of value a context makes has that context\'s prototypes', () => {
      const ctx = vm.createContext();
      const values = vm.runInContext('[{}, [], function () {}, /x/, new Date(0), new Map(), new Set(), new Error("e"), Symbol.iterator, (function* () {})()]', ctx);
      const hosts = [Object, Array, Function, RegExp, Date, Map, Set, Error];
      for (let i = 0; i < hosts.length; i++) expect(values[i] instanceof hosts[i], hosts[i].name).to.equal(false);
      expect(values[0] instanceof vm.runInContext('Object', ctx)).to.equal(true);
      expect(values[1] instanceof vm.runInContext('Array', ctx)).to.equal(true);
      expect(values[8]).to.equal(Symbol.iterator); // well-known symbols are shared, as in V8
    });

    it('two new contexts have different intrinsics, and neither is the host\'s', () => {
      const names = ['Object', 'Array', 'Function', 'Error', 'TypeError', 'Promise', 'Math', 'JSON', 'Reflect', 'Map', 'RegExp', 'Symbol', 'BigInt', 'Proxy'];
      const a = vm.createContext();
      const b = vm.createContext();
      for (const name of names) {
        const fromA = vm.runInContext(`typeof ${name} === "undefined" ? undefined : ${name}`, a);
        if (fromA === undefined) continue; // a built-in the interpreter does not provide yet
        expect(fromA, name).to.not.equal(globalThis[name]);
        expect(fromA, name).to.not.equal(vm.runInContext(name, b));
      }
    });

    it('patching a built-in in one context is invisible to the host and to other contexts', () => {
      const a = vm.createContext();
      vm.runInContext('Array.prototype.sum = function () { return this.reduce((x, y) => x + y, 0); }; Object.prototype.polluted = 1; Math.max = () => "patched";', a);
      expect(vm.runInContext('[1, 2, 3].sum()', a)).to.equal(6);
      expect(vm.runInContext('Math.max(1, 2)', a)).to.equal('patched');
      expect([].sum).to.equal(undefined);
      expect({}.polluted).to.equal(undefined);
      expect(Math.max(1, 2)).to.equal(2);
      expect(vm.runInNewContext('typeof [].sum + typeof ({}).polluted + Math.max(1, 2)')).to.equal('undefinedundefined2');
    });

    it('Function constructors and eval create functions of their own realm', () => {
      const ctx = vm.createContext();
      const f = vm.runInContext('new Function("return 1")', ctx);
      expect(f instanceof Function).to.equal(false);
      expect(f instanceof vm.runInContext('Function', ctx)).to.equal(true);
      expect(vm.runInContext('eval("[]") instanceof Array', ctx)).to.equal(true);
      expect(vm.runInContext('(function () {}).constructor === Function', ctx)).to.equal(true);
    });

    it('errors thrown by a context\'s built-ins are that context\'s errors', () => {
      const ctx = vm.createContext();
      let e;
      try { vm.runInContext('[].reduce((a, b) => a)', ctx); } catch (err) { e = err; }
      expect(e.message).to.equal('Reduce of empty array with no initial value');
      expect(e instanceof TypeError).to.equal(false);
      expect(e instanceof vm.runInContext('TypeError', ctx)).to.equal(true);
    });

    it('the host\'s globals are not reachable from a context', () => {
      const hostOnly = ['process', 'require', 'Deno', 'Bun', 'window', 'document', 'fetch', 'setTimeout', 'console'];
      const ctx = vm.createContext();
      for (const name of hostOnly) expect(vm.runInContext(`typeof ${name}`, ctx), name).to.equal('undefined');
      expect(vm.runInContext('Function("return typeof process + typeof setTimeout")()', ctx)).to.equal('undefinedundefined');
      // Unlike node (where it is the host's Object, and its constructor the host's Function): names the
      // context object only inherits from the host's Object.prototype resolve in the realm.
      expect(vm.runInContext('this.constructor === Object', ctx)).to.equal(true);
      expect(vm.runInContext('this.constructor.constructor === Function', ctx)).to.equal(true);
      expect(vm.runInContext('try { this.constructor.constructor("return process")() } catch (e) { e.name }', ctx)).to.equal('ReferenceError');
    });

    it('host objects passed in keep their own prototypes; guest code sees them as they are', () => {
      const hostArray = [1, 2, 3];
      const ctx = vm.createContext({ hostArray });
      expect(vm.runInContext('hostArray instanceof Array', ctx)).to.equal(false);
      expect(vm.runInContext('Array.isArray(hostArray) && hostArray.length', ctx)).to.equal(3);
      expect(vm.runInContext('hostArray.map((x) => x * 2)', ctx)).to.deep.equal([2, 4, 6]);
    });
  });

  describe('the global object of a context', () => {
    it('globalThis, this and the context object agree', () => {
      const ctx = vm.createContext({ given: 1 });
      expect(vm.runInContext('globalThis === this && typeof globalThis', ctx)).to.equal('object');
      expect(vm.runInContext('given + globalThis.given', ctx)).to.equal(2);
      vm.runInContext('var declared = 2; function fn() { return 3; } assigned = 4; globalThis.viaGlobal = 5;', ctx);
      expect([ctx.declared, ctx.fn(), ctx.assigned, ctx.viaGlobal]).to.deep.equal([2, 3, 4, 5]);
    });

    it('let and const at top level stay in the context, not on the context object', () => {
      const ctx = vm.createContext();
      vm.runInContext('let l = 1; const c = 2;', ctx);
      expect(ctx.l).to.equal(undefined);
      expect(vm.runInContext('l + c', ctx)).to.equal(3);
    });

    it('undefined, NaN and Infinity cannot be shadowed by assignment', () => {
      const ctx = vm.createContext();
      expect(vm.runInContext('undefined = 1; NaN = 2; [typeof undefined, NaN !== NaN, Infinity > 0]', ctx)).to.deep.equal(['undefined', true, true]);
    });

    it('a property added on the host side is visible to the next run', () => {
      const ctx = vm.createContext({});
      ctx.later = 'added';
      expect(vm.runInContext('later', ctx)).to.equal('added');
      delete ctx.later;
      expect(vm.runInContext('typeof later', ctx)).to.equal('undefined');
    });
  });
}
