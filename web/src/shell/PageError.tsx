import { Button } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from '../api/client.ts';
import { usePageTitle } from './page-title.ts';

/**
 * A page that failed to load or render, inside the shell. After a new release an open tab may ask for
 * a page file that no longer exists: reloading fetches the new one. (Plain markup: this is in the
 * first load, and antd's Result brings its illustrations.)
 */
export function PageError() {
  usePageTitle('出错了');
  const error = useRouteError();
  const message =
    error instanceof ApiError
      ? error.message
      : isRouteErrorResponse(error)
        ? `${error.status} ${error.statusText}`
        : '页面加载失败，可能是网络中断或网站刚刚更新。';
  return (
    <section className="page-error" role="alert">
      <h1>出错了</h1>
      <p>{message}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        重新加载
      </Button>
    </section>
  );
}
