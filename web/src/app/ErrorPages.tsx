import { Button, Result } from 'antd';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，请从左侧菜单选择功能。"
      extra={
        <Link to="/plans">
          <Button type="primary">返回规划浏览</Button>
        </Link>
      }
    />
  );
}

/** Shown when a page fails to render or its code cannot be loaded (e.g. after a new deployment). */
export function RouteErrorPage() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle={`请刷新页面重试。错误信息：${detail}`}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
