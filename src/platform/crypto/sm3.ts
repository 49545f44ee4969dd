import { hash } from 'node:crypto';

/** SM3 (GB/T 32905) of a UTF-8 string, lowercase hex (one-shot: no Hash object per call). */
export function sm3(text: string): string {
  return hash('sm3', text, 'hex');
}

/** SM3 of bytes (a file), lowercase hex. */
export function sm3Bytes(bytes: Uint8Array): string {
  return hash('sm3', bytes, 'hex');
}
