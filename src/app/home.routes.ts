import { DEMO_ENVIRONMENT_NOTICE } from '../modules/access/identity-verification.ts';
import type { HttpApp } from '../platform/http/server.ts';
import type { AppContext } from './context.ts';

/**
 * A plain landing page until the zh-CN portal arrives: says what is running and where the API is.
 */
export function homeRoutes(ctx: AppContext) {
  return (app: HttpApp) => {
    app.get(
      '/',
      { schema: { hide: true }, config: { access: { kind: 'public', reason: 'landing page' } } },
      async (_request, reply) => {
        // A demonstration says so before anything else (issue 14 §1).
        const demo = ctx.config.demo
          ? `<p class="demo" role="alert"><strong>⚠ ${DEMO_ENVIRONMENT_NOTICE.zh}</strong><br>${DEMO_ENVIRONMENT_NOTICE.en}</p>\n`
          : '';
        const registration = ctx.identityVerifier
          ? `自助注册：${escapeHtml(ctx.identityVerifier.label)}`
          : '自助注册未开放，请到信用中心窗口办理 / self-registration is off';
        const html = `<!doctype html>
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
<p>The public credit information platform is running. Web portal and console are on the roadmap.</p>
</body></html>`;
        return reply.type('text/html; charset=utf-8').send(html);
      },
    );
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
