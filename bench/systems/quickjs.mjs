// QuickJS compiled to WebAssembly (quickjs-emscripten, release sync variant). Memory and stack limits are
// lifted so the workloads measure speed, not the wasm defaults.
import { newQuickJSWASMModule, RELEASE_SYNC } from 'quickjs-emscripten';
import { createRequire } from 'node:module';

/** @param {(line: string) => void} print */
export async function createRunner(print) {
  const QuickJS = await newQuickJSWASMModule(RELEASE_SYNC);
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(-1);
  runtime.setMaxStackSize(0);
  const vm = runtime.newContext();
  const printHandle = vm.newFunction('print', (...args) => {
    print(args.map((a) => String(vm.dump(a))).join(' '));
  });
  vm.setProp(vm.global, 'print', printHandle);
  printHandle.dispose();
  return {
    /** @param {string} filename @param {string} source */
    evaluate(filename, source) {
      const result = vm.evalCode(source, filename);
      if (result.error) {
        const error = vm.dump(result.error);
        result.error.dispose();
        const message = error && typeof error === 'object' ? `${error.name}: ${error.message}` : String(error);
        throw new Error(message);
      }
      result.value.dispose();
    },
    /** Runs the pending promise jobs (QuickJS runs none on its own). */
    settle() {
      while (runtime.hasPendingJob()) {
        const r = runtime.executePendingJobs();
        if (r.error) { const e = vm.dump(r.error); r.error.dispose(); throw new Error(String(e && e.message || e)); }
      }
    },
  };
}

export const version = () =>
  `QuickJS-wasm (quickjs-emscripten ${createRequire(import.meta.url)('quickjs-emscripten/package.json').version}, release sync)`;
