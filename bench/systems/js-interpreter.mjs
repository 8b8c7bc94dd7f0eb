// JS-Interpreter (Neil Fraser's ES5 stepping interpreter; optional column). ES5 only: the class
// workload is expected to fail with a syntax error.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @param {(line: string) => void} print */
export async function createRunner(print) {
  const Interpreter = require('js-interpreter');
  /** @type {{ appendCode(code: string): void, run(): boolean } | null} */
  let interpreter = null;
  return {
    /** @param {string} _filename @param {string} source */
    evaluate(_filename, source) {
      if (interpreter === null) {
        interpreter = new Interpreter(source, (interp, globalObject) => {
          interp.setProperty(
            globalObject,
            'print',
            interp.createNativeFunction((...args) => {
              print(args.map((a) => String(interp.pseudoToNative(a))).join(' '));
            }),
          );
        });
      } else {
        interpreter.appendCode(source);
      }
      interpreter.run();
    },
  };
}

export const version = () => `JS-Interpreter ${require('js-interpreter/package.json').version}`;
