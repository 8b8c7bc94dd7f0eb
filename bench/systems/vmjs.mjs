// vmjs: this repository's build (dist/esm), one fresh context per measurement with `print` passed in.
// Imported dynamically and checked, so a build that does not export the API yet reports a clear error
// instead of failing at module link time.

/** A runner over the build at `distUrl` (bench/systems/vmjs-base.mjs runs another checkout's).
 * @param {string} distUrl @param {(line: string) => void} print */
export async function runnerFor(distUrl, print) {
  const vmjs = await import(distUrl);
  const { createContext, runInContext } = vmjs;
  if (typeof createContext !== 'function' || typeof runInContext !== 'function') {
    throw new Error(`${distUrl} does not export createContext/runInContext (yet)`);
  }
  const context = createContext({
    print: (...args) => print(args.map(String).join(' ')),
  });
  return {
    /** @param {string} filename @param {string} source */
    evaluate(filename, source) {
      runInContext(source, context, { filename });
    },
    /** Runs the promise jobs the scripts left: they are host microtasks, done before the next task. */
    settle: () => new Promise((resolve) => { setImmediate(resolve); }),
  };
}

/** @param {(line: string) => void} print */
export function createRunner(print) {
  return runnerFor(new URL('../../dist/esm/index.js', import.meta.url).href, print);
}

export const version = () => 'vmjs (this checkout)';
