import { startDemoServer } from '../../../scripts/demo-server.ts';
import { buildWebIfStale } from '../../../scripts/web-build.ts';

/** Builds the web application when stale, starts a demo platform on a free port; stops it afterwards. */
export default async function globalSetup() {
  await buildWebIfStale();
  const server = await startDemoServer();
  process.env.XINYONG_E2E_URL = server.url;
  return () => server.stop();
}
