import { policyFingerprint } from '../../modules/policy/index.ts';
import { loadPolicyFile } from '../../modules/policy/policy.loader.ts';
import { AppError } from '../../platform/errors.ts';
import { UsageError } from '../usage.ts';

export async function policyCommand(args: string[]): Promise<number> {
  const [sub, file] = args;
  if (sub !== 'check' || !file) throw new UsageError('用法 / usage: xinyong policy check FILE');
  try {
    const policy = await loadPolicyFile(file);
    console.log(
      `✔ ${file}: ${policy.id} ${policy.version} 有效 / valid (sha256 ${policyFingerprint(policy).slice(0, 16)}…)`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`✘ ${file}: ${error.code}\n  ${error.message}\n  ${error.messageEn}`);
    const issues = (error.details?.issues ?? []) as { path: string; message: string; messageEn?: string }[];
    for (const issue of issues)
      console.error(`  - ${issue.path}: ${issue.message}${issue.messageEn ? ` / ${issue.messageEn}` : ''}`);
    return 1;
  }
}
