import { readFileSync } from 'node:fs';

/** The platform's version, from package.json (read once). */
export const PLATFORM_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
