// A test realm: a fresh context of the engine with test262's host-defined bindings, `print` and
// `$262` (INTERPRETING.md "Host-Defined Functions").
//
// $262 and print are written as guest code (PRELUDE) run inside the realm, so they are the realm's
// own functions with the realm's prototypes, and the errors they throw are the realm's errors. They
// reach the runner only through a host `hooks` object captured in a closure, never through a global.
import type { DynamicImporter, Engine, VmScript } from './engine.js';
import { monotonicNow, type AgentHost } from './agents.js';

/** $262 capabilities this runner cannot provide; printed with every run's summary. */
export const MISSING_CAPABILITIES: readonly string[] = [
  '$262.IsHTMLDDA (a [[IsHTMLDDA]] object cannot be made in JavaScript; tests need the IsHTMLDDA feature, listed as unsupported)',
  '$262.AbstractModuleSource (source phase imports are not supported)',
];

// Sloppy on purpose: the top-level `this` is the realm's global object.
const PRELUDE = `(function (g) {
  return function install(host) {
    'use strict';
    var defineProperty = g.Object.defineProperty;
    var StringCtor = g.String, SyntaxErrorCtor = g.SyntaxError, TypeErrorCtor = g.TypeError;
    var $262 = {
      global: g,
      createRealm: function createRealm() { return host.createRealm(); },
      evalScript: function evalScript(sourceText) {
        var value = host.evalScript(StringCtor(sourceText));
        var message = host.takeSyntaxError();
        if (message !== null) throw new SyntaxErrorCtor(message);
        return value;
      },
      gc: function gc() {
        if (!host.gc()) throw new TypeErrorCtor('$262.gc: the host exposes no garbage collector');
      },
      agent: {
        start: function start(source) { host.agentStart(StringCtor(source)); },
        broadcast: function broadcast(buffer, value) { host.agentBroadcast(buffer, value); },
        getReport: function getReport() { return host.agentGetReport(); },
        sleep: function sleep(ms) { host.agentSleep(+ms); },
        monotonicNow: function monotonicNow() { return host.monotonicNow(); }
      }
    };
    if (typeof g.ArrayBuffer === 'function') {
      $262.detachArrayBuffer = function detachArrayBuffer(buffer) {
        var message = host.detachArrayBuffer(buffer);
        if (message !== null) throw new TypeErrorCtor(message);
        return null;
      };
    }
    defineProperty(g, '$262', { value: $262, writable: true, enumerable: false, configurable: true });
    defineProperty(g, 'print', {
      value: function print(message) { host.print(StringCtor(message)); },
      writable: true, enumerable: false, configurable: true
    });
    return $262;
  };
})(this)`;

/** What the guest prelude may ask of the runner. Only primitives and guest values cross. */
interface Hooks {
  createRealm(): unknown;
  evalScript(source: string): unknown;
  takeSyntaxError(): string | null;
  gc(): boolean;
  detachArrayBuffer(buffer: unknown): string | null;
  print(message: string): void;
  agentStart(source: string): void;
  agentBroadcast(buffer: unknown, value: unknown): void;
  agentGetReport(): string | null;
  agentSleep(ms: number): void;
  monotonicNow(): number;
}

export interface TestRealm {
  context: object;
  /** The realm's $262 object (a guest object). */
  $262: unknown;
}

const preludes = new WeakMap<Engine, VmScript>();

export interface TestRealmOptions {
  /** Receives what guest code passes to `print` in the realm and in every realm it creates through
   * $262.createRealm. */
  onPrint: (message: string) => void;
  /** The context's own importModuleDynamically: the loader of code that belongs to no Script or Module,
   * and of the ShadowRealms made in the realm. */
  importer?: DynamicImporter;
  /** The scenario's concurrent agents ($262.agent). */
  agents: AgentHost;
}

/** Creates a test realm: a context that may block (the runner's tests run in worker threads), with
 * $262 and print. */
export function createTestRealm(engine: Engine, options: TestRealmOptions): TestRealm {
  const { onPrint, importer, agents } = options;
  let prelude = preludes.get(engine);
  if (prelude === undefined) {
    prelude = new engine.vm.Script(PRELUDE, { filename: 'test262-runner/prelude.js' });
    preludes.set(engine, prelude);
  }
  const context = engine.vm.createContext(undefined, importer === undefined ? { canBlock: true } : { importModuleDynamically: importer, canBlock: true });
  const install = prelude.runInContext(context);
  if (typeof install !== 'function') throw new Error('test262 prelude did not evaluate to a function');
  let syntaxError: string | null = null;
  const hooks: Hooks = {
    createRealm: () => createTestRealm(engine, options).$262,
    evalScript: (source) => {
      let script: VmScript;
      try {
        script = new engine.vm.Script(source, { filename: 'evalScript' });
      } catch (e) {
        // ParseScript errors become the realm's SyntaxError (thrown by the prelude); the vm layer
        // reports them as a host SyntaxError, as node:vm does.
        if (errorName(e) !== 'SyntaxError') throw e;
        syntaxError = errorMessage(e);
        return undefined;
      }
      return script.runInContext(context);
    },
    takeSyntaxError: () => {
      const m = syntaxError;
      syntaxError = null;
      return m;
    },
    gc: () => {
      if (engine.gc === null) return false;
      engine.gc();
      return true;
    },
    detachArrayBuffer: (buffer) => detach(buffer),
    print: onPrint,
    agentStart: (source) => agents.start(source),
    agentBroadcast: (buffer, value) => agents.broadcast(buffer, value),
    agentGetReport: () => agents.getReport(),
    agentSleep: (ms) => agents.sleep(ms),
    monotonicNow,
  };
  const $262 = Reflect.apply(install, undefined, [hooks]);
  return { context, $262 };
}

const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

/** DetachArrayBuffer (§25.1.3.5) through the host: transferring a buffer detaches it. Guest
 * ArrayBuffers are host ArrayBuffers with the realm's prototype, so the host's brand check holds. */
function detach(buffer: unknown): string | null {
  try {
    Reflect.apply(arrayBufferByteLength, buffer, []);
  } catch {
    return 'detachArrayBuffer: not an ArrayBuffer';
  }
  try {
    structuredClone(buffer, { transfer: [buffer as ArrayBuffer] });
    return null;
  } catch (e) {
    // Detaching a detached buffer is allowed by the spec; the host refuses to transfer it again.
    if (isDetached(buffer as ArrayBuffer)) return null;
    return `detachArrayBuffer: ${errorMessage(e)}`;
  }
}

function isDetached(buffer: ArrayBuffer): boolean {
  if (Reflect.apply(arrayBufferByteLength, buffer, []) !== 0) return false;
  // A live zero-length buffer can still be transferred; only a detached one cannot.
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

function errorName(e: unknown): string {
  try {
    const c = (e as { constructor?: { name?: unknown } } | null)?.constructor;
    return typeof c?.name === 'string' ? c.name : '';
  } catch {
    return '';
  }
}

function errorMessage(e: unknown): string {
  try {
    const m = (e as { message?: unknown } | null)?.message;
    return typeof m === 'string' ? m : String(e);
  } catch {
    return '(unprintable error)';
  }
}
