// The options that need Node's process object: accepted where it exists (Node, and Deno and Bun
// through their Node compatibility), a clear ERR_VMJS_NODE_ONLY error in a browser.
export default function ({ describe, it, expect, vm }) {
  const hasProcess = typeof globalThis.process?.on === 'function' && typeof globalThis.process?.versions?.node === 'string';
  const outcome = (fn) => {
    try { return fn(); } catch (e) { return { code: e.code, message: e.message }; }
  };

  describe(hasProcess ? 'Node-only options, in a runtime with Node\'s process' : 'Node-only options, in a runtime without Node\'s process', () => {
    it('breakOnSigint: true', () => {
      const r = outcome(() => vm.runInNewContext('1 + 1', {}, { breakOnSigint: true }));
      if (hasProcess) expect(r).to.equal(2);
      else expect(r).to.deep.equal({ code: 'ERR_VMJS_NODE_ONLY', message: 'options.breakOnSigint needs Node.js (or a runtime with Node\'s process object); this runtime has none' });
    });

    it('breakOnSigint: false works everywhere', () => {
      expect(vm.runInNewContext('1 + 1', {}, { breakOnSigint: false })).to.equal(2);
    });

    it('importModuleDynamically: USE_MAIN_CONTEXT_DEFAULT_LOADER', () => {
      const r = outcome(() => new vm.Script('3', { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }).runInNewContext());
      if (hasProcess) expect(r).to.equal(3);
      else expect(r).to.deep.equal({ code: 'ERR_VMJS_NODE_ONLY', message: 'vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER needs Node.js (or a runtime with Node\'s process object); this runtime has none' });
    });
  });
}
