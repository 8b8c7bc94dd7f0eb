// node native: V8 itself, through vm.runInThisContext (the child process is fresh, so its global is ours).
import vm from 'node:vm';

/** @param {(line: string) => void} print */
export async function createRunner(print) {
  Object.defineProperty(globalThis, 'print', {
    value: (...args) => print(args.map(String).join(' ')),
    writable: true,
    configurable: true,
  });
  return {
    /** @param {string} filename @param {string} source */
    evaluate(filename, source) {
      vm.runInThisContext(source, { filename });
    },
    /** Runs the promise jobs the scripts left: they are host microtasks, done before the next task. */
    settle: () => new Promise((resolve) => { setImmediate(resolve); }),
  };
}

export const version = () => `node ${process.version}`;
