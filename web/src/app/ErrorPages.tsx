import { Component } from 'react';
import type { ReactNode } from 'react';
import { Button, theme } from 'antd';
import { CloseCircleFilled } from '@ant-design/icons';

/**
 * Shown when a page fails to render or its code cannot be loaded (e.g. after a new deployment). Built from what the
 * frame has loaded already (antd's Result would add its illustrations to every first load, and a chunk that has to
 * be fetched could fail the same way the page did); it looks like a Result with status "error".
 */
export function RouteErrorPage({ error }: { error: unknown }) {
  const { token } = theme.useToken();
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="route-error" role="alert" style={{ padding: '48px 32px', textAlign: 'center' }}>
      <CloseCircleFilled style={{ fontSize: 72, color: token.colorError, marginBottom: token.paddingLG }} />
      <div style={{ color: token.colorTextHeading, fontSize: token.fontSizeHeading3, lineHeight: 1.35, marginBlock: 8 }}>
        页面出错了
      </div>
      <div style={{ color: token.colorTextDescription, fontSize: token.fontSize, marginBottom: token.paddingLG }}>
        请刷新页面重试。错误信息：{detail}
      </div>
      <Button type="primary" onClick={() => window.location.reload()}>
        刷新页面
      </Button>
    </div>
  );
}

interface BoundaryProps {
  /** The current path: going to another page clears the error. */
  pathname: string;
  children: ReactNode;
}

interface BoundaryState {
  error: unknown;
  /** The path the error happened on; null while there is no error. */
  failedAt: string | null;
}

/**
 * Catches what a route throws while rendering (errors, failed chunk loads) and shows RouteErrorPage in its place
 * (React reports the error on the console). The declarative router has no errorElement: this is its stand-in.
 */
export class RouteErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, failedAt: null };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error, failedAt: '' };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    if (state.failedAt === '') return { failedAt: props.pathname };
    if (state.failedAt !== null && state.failedAt !== props.pathname) return { error: null, failedAt: null };
    return null;
  }

  override render() {
    return this.state.failedAt === null ? this.props.children : <RouteErrorPage error={this.state.error} />;
  }
}
