import type { ReactNode } from 'react';
import { Alert, Button, Result, Spin, Typography } from 'antd';
import type { ApiState } from '../api/use-api.ts';
import { ApiRequestError } from '../api/client.ts';

interface AsyncViewProps<T> {
  state: ApiState<T>;
  children: (data: T) => ReactNode;
  /** What is being loaded, for the spinner: 正在加载规划… */
  what?: string;
  /** Shown above the spinner or the error, so the page keeps its breadcrumbs while nothing else is known. */
  header?: ReactNode;
}

/** Spinner while loading, the server's Chinese message on failure (404 as a 不存在 page), else the content. */
export function AsyncView<T>({ state, children, what, header }: AsyncViewProps<T>) {
  if (state.error || state.loading || state.data === undefined) {
    return (
      <>
        {header}
        <AsyncFallback state={state} what={what} />
      </>
    );
  }
  return <>{children(state.data)}</>;
}

function AsyncFallback<T>({ state, what }: { state: ApiState<T>; what?: string }) {
  if (state.error) {
    const err = state.error;
    if (err instanceof ApiRequestError && err.status === 404) {
      return <Result status="404" title="未找到" subTitle={err.message} />;
    }
    return (
      <Alert
        type="error"
        showIcon
        title="加载失败"
        description={err.message}
        action={
          <Button size="small" onClick={state.reload}>
            重试
          </Button>
        }
      />
    );
  }
  return (
    <div className="page-loading">
      <Spin />
      <Typography.Text type="secondary">{what ?? '正在加载…'}</Typography.Text>
    </div>
  );
}
