import { DEMO_ENVIRONMENT_NOTICE } from '../modules/access/identity-verification.ts';
import type { AppContext } from './context.ts';

/**
 * The plain page `/` answers when the web application is not built (`web/dist` holds no index.html):
 * what is running, where the API is, and how to build the web application.
 */
export function landingPage(
  ctx: Pick<AppContext, 'config' | 'identityVerifier' | 'version' | 'store' | 'policy'>,
) {
  // A demonstration says so before anything else (issue 14 §1).
  const demo = ctx.config.demo
    ? `<p class="demo" role="alert"><strong>⚠ ${DEMO_ENVIRONMENT_NOTICE.zh}</strong><br>${DEMO_ENVIRONMENT_NOTICE.en}</p>\n`
    : '';
  const registration = ctx.identityVerifier
    ? `自助注册：${escapeHtml(ctx.identityVerifier.label)}`
    : '自助注册未开放，请到信用中心窗口办理 / self-registration is off';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>信用平台 xinyong</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#222}code{background:#f4f4f4;padding:0 .3em}.demo{background:#fff3cd;border:2px solid #d39e00;padding:.75rem 1rem}</style>
</head><body>
${demo}<h1>公共信用信息平台 <small>xinyong ${ctx.version}</small></h1>
<p>平台运行中。数据库：<code>${ctx.store.capabilities.engine}</code>；政策：<code>${ctx.policy.id} ${ctx.policy.version}</code>。</p>
<ul>
<li><a href="/api/docs">接口文档 API reference</a>（<a href="/api/openapi.json">OpenAPI 3</a>）</li>
<li><a href="/api/health">健康检查 health</a></li>
<li><a href="/api/v1/departments">部门 departments</a> · <a href="/api/v1/regions">行政区划 regions</a> · <a href="/api/v1/policy">政策参数 policy</a></li>
</ul>
<p>${registration}</p>
<p>网页应用（信用淮安门户）尚未构建：运行 <code>npm run web:build</code> 后重启（<code>npm run demo</code> 和 <code>npm start</code> 会自动构建）。<br>
The web application is not built: run <code>npm run web:build</code> and restart (<code>npm run demo</code> and <code>npm start</code> build it for you).</p>
</body></html>`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
