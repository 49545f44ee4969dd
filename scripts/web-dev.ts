/**
 * `npm run dev`: the web application with hot reload (Vite's dev server), its `/api` requests proxied
 * to a platform already running on http://localhost:3000 (`npm run demo` in another terminal;
 * XINYONG_DEV_API points elsewhere). Prints where to open it.
 */
import path from 'node:path';
import { createServer } from 'vite';

const api = process.env.XINYONG_DEV_API ?? 'http://localhost:3000';
const server = await createServer({ configFile: path.resolve(import.meta.dirname, '../web/vite.config.ts') });
await server.listen();
console.log('信用淮安 网页开发服务器 / web dev server (hot reload):');
server.printUrls();
console.log(
  `  /api → ${api}（先在另一个终端运行 npm run demo / run npm run demo in another terminal first）`,
);
try {
  await fetch(`${api}/api/health`);
} catch {
  console.warn(
    `⚠ ${api} 没有响应：平台尚未启动 / nothing answers at ${api}: start the platform (npm run demo)`,
  );
}
