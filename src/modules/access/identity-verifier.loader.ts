import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../platform/errors.ts';
import { demoVerifier, type IdentityVerifier, isIdentityVerifier } from './identity-verification.ts';

const configInvalid = (zh: string, en: string, details?: Record<string, unknown>) =>
  new AppError('CONFIG_INVALID', 500, zh, en, details);

/**
 * The verifier named by the configuration (`Config.identityVerifier`, already checked by loadConfig):
 * undefined for 'none' (self-registration off), the demo verifier for 'demo', or a deployment's
 * adapter for 'module:PATH' (a path relative to the working directory, or absolute), loaded once.
 */
export async function loadIdentityVerifier(
  setting: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<IdentityVerifier | undefined> {
  if (setting === 'none') return undefined;
  if (setting === 'demo') return demoVerifier;
  if (!setting.startsWith('module:')) {
    throw configInvalid(`未知的实名核验设置：${setting}`, `Unknown identity verifier setting: ${setting}`);
  }
  const file = path.resolve(setting.slice('module:'.length));
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw configInvalid(
      `无法加载实名核验适配器 ${file}：${(error as Error).message}`,
      `Cannot load the identity verifier adapter ${file}: ${(error as Error).message}`,
      { file },
    );
  }
  if (typeof loaded.default !== 'function') {
    throw configInvalid(
      `实名核验适配器 ${file} 应默认导出一个函数 ({ env }) => IdentityVerifier`,
      `The identity verifier adapter ${file} must export as default a function ({ env }) => IdentityVerifier`,
      { file },
    );
  }
  const verifier: unknown = await loaded.default({ env });
  if (!isIdentityVerifier(verifier)) {
    throw configInvalid(
      `实名核验适配器 ${file} 返回的对象应有 id、label 和 verify()`,
      `The identity verifier adapter ${file} must return an object with id, label and verify()`,
      { file },
    );
  }
  return verifier;
}
