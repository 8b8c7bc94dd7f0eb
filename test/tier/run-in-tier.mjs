// The tier tests' runner: a program in a new context with the compiled tier in a given mode.
import { expect } from 'chai';
import vm from '../../dist/esm/index.js';
import { setCompiledTier, tierOptions } from '../../dist/esm/internal.js';

/** A runner of `code` (named `filename`) in a new context with the tier in `mode`; it returns
 * `{ value }` or `{ error }` and puts the tier mode back. */
export function tierRunner(filename) {
  return function run(code, mode, options = {}, contextOptions = undefined) {
    const saved = tierOptions.mode;
    setCompiledTier(mode);
    try {
      const ctx = vm.createContext({}, contextOptions);
      return { value: new vm.Script(code, { filename }).runInContext(ctx, options) };
    } catch (e) {
      return { error: e };
    } finally {
      setCompiledTier(saved);
    }
  };
}

/** `body` (a function body that ends in an error or returns a stack) run once eagerly compiled and hot
 * after warm-up: the same error, message and stack text (or the same value) as in closures. */
export function expectSameStacks(run, body) {
  const once = `(function main() { ${body} })()`;
  const hot = `var main = function main() { ${body} }; for (var warm = 0; warm < 8; warm++) try { main(); } catch (e) {} main()`;
  for (const [code, mode] of [[once, 'eager'], [hot, 'on']]) {
    const closures = run(code, 'off');
    const compiled = run(code, mode);
    if (closures.error !== undefined) {
      expect(compiled.error.constructor.name).to.equal(closures.error.constructor.name);
      expect(compiled.error.message).to.equal(closures.error.message);
      expect(compiled.error.stack).to.equal(closures.error.stack);
      expect(closures.error.stack).to.match(/ at .* at /s);
    } else {
      expect(compiled).to.deep.equal(closures);
      expect(closures.value).to.match(/ at .* at /s);
    }
  }
}
