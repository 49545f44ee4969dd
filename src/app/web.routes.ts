/**
 * The web application (issue 17): the single-page app built into `web/dist` (`npm run web:build`),
 * served by the platform's own process.
 *
 * - `/assets/*`: Vite's content-hashed files, cached for a year as immutable (a new build has new names),
 *   sent as the build's brotli or gzip copy where the browser accepts one;
 * - `/` and any other GET that is neither an API path nor a file at the build's root: `index.html`
 *   (200), so a deep link such as `/lists?page=2` opens the app on that page; the browser revalidates
 *   it every time (`no-cache`), so a new build reaches everyone at once;
 * - the HTML carries a Content-Security-Policy that allows no inline script (the build emits none:
 *   `scripts/web-build.test.ts`). Styles may be inline because antd's CSS-in-JS injects `<style>` tags.
 *
 * Without a build, `/` is the plain landing page saying how to make one, and other paths keep the JSON
 * 404. Unknown `/api/...` paths always answer the JSON 404, never the app.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { HttpApp } from '../platform/http/server.ts';
import type { AppContext } from './context.ts';
import { landingPage } from './landing-page.ts';

export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd 6 styles components with CSS-in-JS: it injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const IMMUTABLE = 'public, max-age=31536000, immutable';

const ACCESS = { kind: 'public', reason: 'the public web application (issue 17)' } as const;
const ROUTE = { schema: { hide: true }, config: { access: ACCESS } };

/** The files at the build's root other than index.html (favicon, robots.txt), served as themselves. */
function rootFiles(dist: string): Set<string> {
  return new Set(
    readdirSync(dist).filter(
      (name) => name !== 'index.html' && !name.startsWith('.') && statSync(path.join(dist, name)).isFile(),
    ),
  );
}

/** `api`, `api/…` (the wildcard's decoded value): the API's own paths, never the app. */
const isApiPath = (name: string) => name === 'api' || name.startsWith('api/');

export function webRoutes(
  ctx: Pick<AppContext, 'config' | 'identityVerifier' | 'version' | 'store' | 'policy'>,
) {
  const dist = ctx.config.webDist;
  let files: Set<string> | undefined;
  try {
    files = statSync(path.join(dist, 'index.html')).isFile() ? rootFiles(dist) : undefined;
  } catch {
    files = undefined; // not built
  }
  const assets = path.join(dist, 'assets') + path.sep;

  return (app: HttpApp) => {
    if (files) {
      app.register(fastifyStatic, {
        root: dist,
        serve: false, // the routes below, each with its access declared (decision 0006)
        index: false,
        dotfiles: 'ignore',
        // the build's .br and .gz copies (scripts/web-build.ts) to browsers that accept them
        preCompressed: true,
        setHeaders: (reply: FastifyReply, filePath: string) => {
          reply.header('cache-control', filePath.startsWith(assets) ? IMMUTABLE : 'no-cache');
          if (filePath.endsWith('.html'))
            reply.header('content-security-policy', WEB_CONTENT_SECURITY_POLICY);
        },
      });
    }

    app.get('/', ROUTE, async (_request, reply) =>
      files ? reply.sendFile('index.html') : reply.type('text/html; charset=utf-8').send(landingPage(ctx)),
    );

    app.get('/assets/*', ROUTE, async (request, reply) => {
      if (!files) return reply.callNotFound();
      return reply.sendFile(`assets/${(request.params as { '*': string })['*']}`);
    });

    app.get('/*', ROUTE, async (request, reply) => {
      const name = (request.params as { '*': string })['*'];
      if (!files || isApiPath(name)) return reply.callNotFound();
      return reply.sendFile(files.has(name) ? name : 'index.html');
    });
  };
}
