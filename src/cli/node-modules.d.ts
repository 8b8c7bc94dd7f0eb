// The few node: module members the CLI uses. The project's tsconfig loads no @types globally
// (`types: []`) so that the portable core cannot lean on node by accident; the CLI, which is
// node-only, declares just what it imports.
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string;
  export function existsSync(path: string): boolean;
}
declare module 'node:fs/promises' {
  export function readFile(path: string): Promise<Uint8Array>;
  export function stat(path: string): Promise<{ isDirectory(): boolean }>;
}
declare module 'node:http' {
  export interface IncomingMessage { method?: string; url?: string }
  export interface ServerResponse {
    writeHead(status: number, headers?: Record<string, string | number>): ServerResponse;
    end(body?: string | Uint8Array): void;
  }
  export interface Server {
    listen(port: number, host: string, listening: () => void): Server;
    once(event: 'error', listener: (error: Error) => void): Server;
    address(): { port: number } | string | null;
    close(closed?: () => void): Server;
    closeAllConnections(): void;
  }
  export function createServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server;
}
declare module 'node:path' {
  export function resolve(...paths: string[]): string;
  export function dirname(path: string): string;
  export function join(...paths: string[]): string;
  export function isAbsolute(path: string): boolean;
  export function extname(path: string): string;
  export const sep: string;
}
declare module 'node:url' {
  export function fileURLToPath(url: string): string;
  export function pathToFileURL(path: string): { href: string };
}
// import.meta.url is standard in every ESM host (ES lib typings omit it).
interface ImportMeta { readonly url: string }
declare module 'node:util' {
  export interface InspectOptions { colors?: boolean; depth?: number | null; showHidden?: boolean }
  export function inspect(value: unknown, options?: InspectOptions): string;
  export function formatWithOptions(options: InspectOptions, ...args: unknown[]): string;
}
declare module 'node:process' {
  interface WriteStream { write(chunk: string): boolean; isTTY?: boolean; hasColors?(): boolean }
  interface ReadStream { isTTY?: boolean }
  const process: {
    stdout: WriteStream; stderr: WriteStream; stdin: ReadStream; hrtime: { bigint(): bigint };
    on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void;
    off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void;
  };
  export default process;
}
declare module 'node:timers/promises' {
  export function setTimeout(ms?: number): Promise<void>;
}
declare module 'node:readline' {
  interface Interface extends AsyncIterable<string> {
    prompt(): void;
    close(): void;
  }
  export function createInterface(options: { input: unknown; output: unknown; prompt?: string; terminal?: boolean }): Interface;
}
