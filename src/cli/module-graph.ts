// `vmjs run file.mjs`: a module graph from disk in one fresh context. Relative and absolute
// specifiers resolve against the importing file; `.json` files are JSON modules (a SyntheticModule
// with the parsed value as default export); import() loads, links and evaluates the same way; every
// file is one module record. A bare specifier or a missing file is an error naming the importer.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Module, Script, SourceTextModule, SyntheticModule } from '../vm/index.js';

/** node's ERR_MODULE_NOT_FOUND, thrown by the loader to the embedder (or to import()'s promise). */
function moduleNotFound(message: string): Error {
  const e = new Error(message) as Error & { code: string };
  e.code = 'ERR_MODULE_NOT_FOUND';
  return e;
}

export class ModuleGraph {
  readonly #modules = new Map<string, Module>();
  readonly #linking = new Map<Module, Promise<void>>();
  /** Each file's source text, for error reports. */
  readonly sources = new Map<string, string>();

  constructor(private readonly context: Record<PropertyKey, unknown>) {}

  /** The module record of a file (made once). */
  load(path: string, importer: string | null): Module {
    const cached = this.#modules.get(path);
    if (cached !== undefined) return cached;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw moduleNotFound(importer === null ? `Cannot find module '${path}'` : `Cannot find module '${path}' imported from ${importer}`);
    }
    this.sources.set(path, text);
    let module: Module;
    if (path.endsWith('.json')) {
      const value = new Script(`(${text}\n)`, { filename: path }).runInContext(this.context);
      module = new SyntheticModule(['default'], function () { this.setExport('default', value); }, { context: this.context, identifier: path });
    } else {
      module = new SourceTextModule(text, {
        context: this.context,
        identifier: path,
        initializeImportMeta: (meta) => {
          const m = meta as Record<string, unknown>;
          m.url = pathToFileURL(path).href;
          m.filename = path;
          m.dirname = dirname(path);
        },
        importModuleDynamically: async (specifier) => this.importDynamically(specifier, path),
      });
    }
    this.#modules.set(path, module);
    return module;
  }

  /** The file a specifier names, relative to the importing file. */
  resolve(specifier: string, importer: string): string {
    if (specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier)) return resolve(dirname(importer), specifier);
    if (specifier.startsWith('file://')) return fileURLToPath(specifier);
    throw moduleNotFound(`Cannot resolve '${specifier}' imported from ${importer}: vmjs run resolves only relative and absolute file specifiers`);
  }

  readonly linker = (specifier: string, referencingModule: Module): Module => {
    const importer = referencingModule.identifier;
    return this.load(this.resolve(specifier, importer), importer);
  };

  /** Links once, even when import() races a link in progress. */
  link(module: Module): Promise<void> {
    let p = this.#linking.get(module);
    if (p === undefined) {
      p = module.status === 'unlinked' ? module.link(this.linker) : Promise.resolve();
      this.#linking.set(module, p);
    }
    return p;
  }

  async importDynamically(specifier: string, importer: string): Promise<Module> {
    const module = this.load(this.resolve(specifier, importer), importer);
    await this.link(module);
    if (module.status === 'linked') await module.evaluate();
    return module;
  }
}
