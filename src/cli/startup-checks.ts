/**
 * What `serve` says before it opens its port (issue 14 §0, §5): pure rules over facts the command
 * gathers, so each is tested without starting a server.
 */
import path from 'node:path';

/** Why `serve` will not start on a database without reference data, and what to run instead. */
export function noReferenceDataMessage(missing: readonly string[], database: string): string {
  return [
    `数据库中没有参考数据（缺少：${missing.join('、')}），平台不会空着启动 / ${database}`,
    `The database holds no reference data (missing: ${missing.join(', ')}); the platform will not serve empty.`,
    '',
    '  正式部署 / a deployment:     xinyong init   然后 / then   xinyong user create --role admin …',
    '  演示 / a demonstration:      xinyong demo',
    '',
    '见 README「部署 / Deploying」/ see README, "部署 / Deploying".',
  ].join('\n');
}

export type StartupFacts = {
  /** the SQLite file, or undefined on PostgreSQL */
  sqliteFile: string | undefined;
  /** its permission bits, when it exists */
  sqliteFileMode: number | undefined;
  /** where the sealing keys came from: 'environment' or the key file's path */
  keySource: string;
  /** a demonstration environment: the key file may sit in ./data */
  demoEnvironment: boolean;
  /** the database holds the demo accounts, whose password the README publishes */
  demoAccounts: boolean;
  /** active administrator accounts */
  admins: number;
  /** seed catalog items and measures this release would publish or correct (`xinyong init` does) */
  pendingSeed?: { catalogItems: readonly string[]; measures: readonly string[] };
};

/** Warnings printed on start; none for a deployment set up as the README says. */
export function startupWarnings(facts: StartupFacts): string[] {
  const warnings: string[] = [];
  const sqlite =
    facts.sqliteFile !== undefined && facts.sqliteFile !== ':memory:' ? facts.sqliteFile : undefined;
  if (
    !facts.demoEnvironment &&
    sqlite !== undefined &&
    facts.keySource !== 'environment' &&
    path.dirname(path.resolve(facts.keySource)) === path.dirname(path.resolve(sqlite))
  ) {
    warnings.push(
      `密钥文件与数据库在同一目录（${facts.keySource}）：拷走或备份该目录就连同密钥一起带走。请设置 XINYONG_DATA_KEY 和 ` +
        'XINYONG_INDEX_KEY，或用 XINYONG_KEY_FILE 把密钥文件放到数据目录之外。\n' +
        `  The key file sits beside the database (${facts.keySource}): whoever copies or backs up that directory ` +
        'takes the keys with it. Set XINYONG_DATA_KEY and XINYONG_INDEX_KEY, or put the key file outside the data ' +
        'directory with XINYONG_KEY_FILE (README, "Deploying").',
    );
  }
  if (sqlite !== undefined && facts.sqliteFileMode !== undefined && (facts.sqliteFileMode & 0o077) !== 0) {
    const mode = (facts.sqliteFileMode & 0o777).toString(8).padStart(3, '0');
    warnings.push(
      `数据库文件可被其他用户读取（权限 ${mode}）：chmod 600 ${sqlite}\n` +
        `  The database file is readable by other users (mode ${mode}): chmod 600 ${sqlite}`,
    );
  }
  if (facts.demoAccounts && !facts.demoEnvironment) {
    warnings.push(
      '数据库中有演示账号，其密码在 README 中公开：这是演示数据，不是正式部署（正式部署见 README「部署」）。\n' +
        '  The database holds the demo accounts, whose password the README publishes: demo data, not a ' +
        'deployment (README, "Deploying").',
    );
  } else if (facts.admins === 0 && !facts.demoAccounts) {
    warnings.push(
      '还没有管理员账号：xinyong user create --login admin --role admin --name 平台管理员 --department <信用中心代码>\n' +
        '  No administrator yet: xinyong user create --login admin --role admin --name … --department <credit center code>',
    );
  }
  const pending = facts.pendingSeed;
  if (pending && pending.catalogItems.length + pending.measures.length > 0) {
    const items = pending.catalogItems.join('、');
    const measures = pending.measures.join('、');
    warnings.push(
      `本版本的参考数据有更新尚未载入（目录项 ${pending.catalogItems.length} 个${items ? `：${items}` : ''}；` +
        `措施 ${pending.measures.length} 项${measures ? `：${measures}` : ''}）。请运行 xinyong init 载入更正；` +
        '本市修改过的目录项和措施不受影响。\n' +
        `  This release corrects reference data not yet loaded (${pending.catalogItems.length} catalog items` +
        `${items ? `: ${pending.catalogItems.join(', ')}` : ''}; ${pending.measures.length} measures` +
        `${measures ? `: ${pending.measures.join(', ')}` : ''}). Run xinyong init to load them; items and ` +
        'measures the city edited are left as they are.',
    );
  }
  return warnings;
}
