import { createAppContext } from '../../app/context.ts';
import { loadDemoData } from '../../modules/demo/demo.loader.ts';
import { loadDemoLists } from '../../modules/demo/demo-lists.loader.ts';
import { loadDemoPortal } from '../../modules/demo/demo-portal.loader.ts';
import { loadDemoSubjectFile } from '../../modules/demo/demo-subject-file.loader.ts';
import { loadConfig, redactUrl } from '../../platform/config.ts';

export async function demoCommand(): Promise<number> {
  const config = loadConfig();
  const ctx = await createAppContext(config);
  try {
    const loaded = await loadDemoData(ctx);
    const lists = await loadDemoLists(ctx);
    await loadDemoSubjectFile(ctx); // demo.person's own records (issue 17)
    const portal = await loadDemoPortal(ctx);
    const total = await ctx.subjects.count();
    console.log(
      `✔ 演示数据 / demo data (${redactUrl(config.databaseUrl)}): 新增 / added ` +
        `${loaded.regions} regions, ${loaded.departments} departments, ${loaded.persons} persons, ` +
        `${loaded.organizations} organizations, ${loaded.accounts} accounts, ${lists.created} list entries, ` +
        `${portal.created} registrations, licences, penalties and commitments (repair notice: ${portal.repairNotice}); ` +
        `信息主体共 / subjects in total: ${total}`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}
