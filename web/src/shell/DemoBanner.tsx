import { Alert } from 'antd';
import { useHealth } from '../api/session.ts';

/** A demonstration says so on every page (issue 14 §1), as /api/health tells it. */
export function DemoBanner() {
  const { data: health } = useHealth();
  if (!health?.demo) return null;
  // The notice is "演示环境：… / Demo environment: …"; the portal speaks Chinese, under its own title.
  const notice = health.notice?.split(' / ')[0]?.replace(/^演示环境[：:]\s*/, '');
  return (
    <Alert className="demo-banner" type="warning" banner showIcon title="演示环境" description={notice} />
  );
}
