// The "Share" link: the program in the URL's hash as base64url of its UTF-8 bytes (RFC 4648 §5, no
// padding), so a teacher can hand out an exercise as a link and opening it restores the program.

const PREFIX = 'code=';

export function encodeProgram(source: string): string {
  const bytes = new TextEncoder().encode(source);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The program a base64url string encodes; null when it is not valid base64url or not UTF-8. */
export function decodeProgram(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return null;
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (encoded.length % 4)) % 4);
  try {
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The hash that carries `source` (`#code=…`). */
export function shareHash(source: string): string {
  return `#${PREFIX}${encodeProgram(source)}`;
}

/** The program in a location hash, or null when the hash carries none (or a damaged one). */
export function programFromHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part.startsWith(PREFIX)) return decodeProgram(part.slice(PREFIX.length));
  }
  return null;
}
