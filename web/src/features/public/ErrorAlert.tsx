import { Alert, Button } from 'antd';
import { ApiError } from '../../api/client.ts';

/** A call that failed, as the platform explains it (its Chinese message), with a retry where useful. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof ApiError ? error.message : '页面数据加载失败，请稍后重试';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

/** Whether a failed call is the platform saying "no such thing" (404), not a fault. */
export const isNotFound = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 404;
