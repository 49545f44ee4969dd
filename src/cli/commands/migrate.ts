import { migrateToLatest } from '../../migrations/index.ts';
import { loadConfig, redactUrl } from '../../platform/config.ts';
import { openStore } from '../../platform/db/database.ts';

export async function migrateCommand(): Promise<number> {
  const config = loadConfig();
  const store = openStore(config.databaseUrl);
  try {
    const { applied } = await migrateToLatest(store);
    console.log(
      applied.length === 0
        ? `数据库已是最新 / database is up to date (${redactUrl(config.databaseUrl)})`
        : `已执行迁移 / applied: ${applied.join(', ')}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
