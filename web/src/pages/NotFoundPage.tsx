import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../shell/page-title.ts';

/** Any path the route table does not know. */
export default function NotFoundPage() {
  usePageTitle('页面不存在');
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">页面不存在</h1>}
      subTitle="您访问的页面不存在或已移动，请检查地址，或回到首页查询。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          回到首页
        </Button>
      }
    />
  );
}
