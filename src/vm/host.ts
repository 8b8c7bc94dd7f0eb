// What vmjs asks of the host it runs in. Everything else in vmjs is plain ECMAScript; the few
// node:vm options tied to Node's process (SIGINT, the main context's module loader) check here.

/** True in Node.js, and in Deno and Bun through their Node compatibility; false in a browser. */
export function hasNodeProcess(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: unknown }; on?: unknown } }).process;
  return typeof p === 'object' && p !== null && typeof p.versions?.node === 'string' && typeof p.on === 'function';
}
