// sval: an AST-walking interpreter in JavaScript. Successive run() calls share one sandboxed global scope.
import Sval from 'sval';
import { readFileSync } from 'node:fs';

/** @param {(line: string) => void} print */
export async function createRunner(print) {
  const interpreter = new Sval({ ecmaVer: 'latest', sourceType: 'script', sandBox: true });
  interpreter.import({ print: (...args) => print(args.map(String).join(' ')) });
  return {
    /** @param {string} _filename @param {string} source */
    evaluate(_filename, source) {
      interpreter.run(source);
    },
    /** Runs the promise jobs the scripts left: they are host microtasks, done before the next task. */
    settle: () => new Promise((resolve) => { setImmediate(resolve); }),
  };
}

// sval's package exports do not expose its package.json to require().
export const version = () =>
  `sval ${JSON.parse(readFileSync(new URL('../node_modules/sval/package.json', import.meta.url), 'utf8')).version}`;
