/**
 * `node scripts/openapi.ts [FILE]`: the platform's OpenAPI document, exactly as `/api/openapi.json`
 * serves it, without starting a server or touching a database: the application is built over a
 * throwaway in-memory SQLite database with the default configuration, asked for the document through
 * `inject`, and closed. Written to FILE, or to standard output (`node scripts/openapi.ts > api.json`);
 * the web build generates its API types from it (issue 17).
 *
 * The default configuration, not the environment's: the document is the same on every machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app/app.ts';
import { createAppContext } from '../src/app/context.ts';
import { loadConfig } from '../src/platform/config.ts';

/** The document as the application serves it. */
export async function openApiDocument(): Promise<unknown> {
  // the key file the context creates goes to a folder of its own, removed afterwards
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-openapi-'));
  try {
    const config = {
      ...loadConfig({ XINYONG_DATA_DIR: dataDir, XINYONG_AUDIT_ANCHOR_FILE: 'none' }),
      databaseUrl: ':memory:',
    };
    const ctx = await createAppContext(config);
    try {
      const app = await createApp(ctx);
      try {
        const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
        if (res.statusCode !== 200)
          throw new Error(`GET /api/openapi.json answered ${res.statusCode}: ${res.body}`);
        return res.json();
      } finally {
        await app.close();
      }
    } finally {
      await ctx.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const text = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
  const file = process.argv[2];
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}
