// test262's harness/ files, read and compiled once per worker (a Script runs in any context).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine, VmScript } from './engine.js';

export class HarnessCache {
  private readonly scripts = new Map<string, VmScript>();

  constructor(private readonly engine: Engine, private readonly test262Dir: string) {}

  /** Throws a runner Error naming the file when it is missing or does not compile. */
  get(name: string): VmScript {
    let script = this.scripts.get(name);
    if (script === undefined) {
      const file = join(this.test262Dir, 'harness', name);
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`harness file ${name} not found in ${join(this.test262Dir, 'harness')}`);
      }
      try {
        script = new this.engine.vm.Script(source, { filename: `harness/${name}` });
      } catch (e) {
        throw new Error(`harness file ${name} does not compile: ${String((e as { message?: unknown }).message ?? e)}`);
      }
      this.scripts.set(name, script);
    }
    return script;
  }
}
