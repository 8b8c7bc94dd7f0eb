// Module resolution for one test (INTERPRETING.md "Modules"): specifiers name files next to the
// referencing module; each file is one Module Record per test (so cycles and self-imports resolve
// to the same record); `.json` files and `type: 'json'` imports are JSON modules, `type: 'text'`
// imports text modules (import-text: the file's text as the default export), `type: 'bytes'` imports
// bytes modules (import-bytes: a Uint8Array of the file's bytes over an immutable ArrayBuffer).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DynamicImporter, ModuleLinker, VmApi, VmModule } from './engine.js';

export class ModuleLoader {
  private readonly records = new Map<string, VmModule>();

  constructor(
    private readonly vm: VmApi,
    private readonly context: object,
    /** Evaluates JSON text to a value of the test realm (JSON.parse of that realm). */
    private readonly parseJsonInRealm: (text: string) => unknown,
    private readonly reevaluateIsSafe: boolean,
    /** Makes the test realm's Uint8Array of `bytes` over an immutable ArrayBuffer. */
    private readonly bytesInRealm: (bytes: Uint8Array) => unknown,
  ) {}

  /** The test's own module, so that a test importing itself gets this record back. */
  sourceTextModule(path: string, source: string): VmModule {
    const STM = this.vm.SourceTextModule;
    if (STM === undefined) throw new Error('module code is not supported by this engine: vm.SourceTextModule is missing');
    const record = new STM(source, { context: this.context, identifier: path, importModuleDynamically: this.importerFor(path) });
    this.records.set(path, record);
    return record;
  }

  readonly linker: ModuleLinker = async (specifier, referencingModule, extra) =>
    this.load(resolveSpecifier(referencingModule.identifier, specifier), typeOf(extra?.attributes ?? extra?.assert));

  /** For `import()` in code of `referrerPath`: loads, links and evaluates the target. */
  importerFor(referrerPath: string): DynamicImporter {
    return async (specifier, _referrer, attributes, phase) => {
      const record = this.load(resolveSpecifier(referrerPath, specifier), typeOf(attributes));
      await this.ensureLinked(record);
      // import.defer() (import-defer): the engine evaluates only what the deferred module needs eagerly.
      if (phase === 'defer') return record;
      // A module already evaluating (an import() inside a cycle) is returned as it is: evaluating
      // it again would be a reentrant Evaluate, which node:vm turns into a process abort.
      if (record.status === 'linked' || (this.reevaluateIsSafe && record.status !== 'evaluating')) await record.evaluate();
      return record;
    };
  }

  private readonly linking = new Map<VmModule, Promise<void>>();

  /** Links once: an import() racing a link in progress waits for that link. */
  private ensureLinked(record: VmModule): Promise<void> {
    let p = this.linking.get(record);
    if (p === undefined) {
      p = record.status === 'unlinked' ? record.link(this.linker) : Promise.resolve();
      this.linking.set(record, p);
    }
    return p;
  }

  /** Links the test's own module (shares ensureLinked's bookkeeping with import()). */
  link(record: VmModule): Promise<void> {
    return this.ensureLinked(record);
  }

  private load(path: string, type?: string): VmModule {
    const key = type === 'text' || type === 'bytes' ? `${path}\0${type}` : path;
    const cached = this.records.get(key);
    if (cached !== undefined) return cached;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      throw new Error(`cannot resolve module ${path}: no such file`);
    }
    let record: VmModule;
    if (type === 'bytes') {
      const SM = this.vm.SyntheticModule;
      if (SM === undefined) throw new Error('bytes modules are not supported by this engine: vm.SyntheticModule is missing');
      const value = this.bytesInRealm(bytes);
      record = new SM(['default'], function () { this.setExport('default', value); }, { context: this.context, identifier: key });
      this.records.set(key, record);
      return record;
    }
    const text = bytes.toString('utf8');
    if (type === 'text') {
      const SM = this.vm.SyntheticModule;
      if (SM === undefined) throw new Error('text modules are not supported by this engine: vm.SyntheticModule is missing');
      record = new SM(['default'], function () { this.setExport('default', text); }, { context: this.context, identifier: key });
      this.records.set(key, record);
      return record;
    }
    if (path.endsWith('.json') || type === 'json') {
      const SM = this.vm.SyntheticModule;
      if (SM === undefined) throw new Error('JSON modules are not supported by this engine: vm.SyntheticModule is missing');
      const value = this.parseJsonInRealm(text);
      record = new SM(['default'], function () { this.setExport('default', value); }, { context: this.context, identifier: path });
      this.records.set(path, record);
      return record;
    }
    return this.sourceTextModule(path, text);
  }
}

/** The `type` import attribute, if any. */
function typeOf(attributes: Record<string, string> | undefined): string | undefined {
  return attributes?.type;
}

/** All test262 specifiers are `./name` relative to the referencing file. */
export function resolveSpecifier(referrerPath: string, specifier: string): string {
  return resolve(dirname(referrerPath), specifier);
}
