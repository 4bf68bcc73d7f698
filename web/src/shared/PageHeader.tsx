import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { APP_TITLE } from '../app/app-title.ts';

export interface Crumb {
  title: string;
  /** Omitted for the current page. */
  to?: string;
}

interface PageHeaderProps {
  crumbs: Crumb[];
  title: ReactNode;
  /** Browser tab title; defaults to `title` when that is a string. */
  documentTitle?: string;
  subTitle?: ReactNode;
  extra?: ReactNode;
}

/** Breadcrumbs, page title and actions at the top of every screen; also sets the browser tab title. */
export function PageHeader({ crumbs, title, documentTitle, subTitle, extra }: PageHeaderProps) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    document.title = tabTitle ? `${tabTitle} - ${APP_TITLE}` : APP_TITLE;
  }, [tabTitle]);
  return (
    <div className="page-header">
      <Breadcrumb
        items={[
          { title: <Link to="/">首页</Link> },
          ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title })),
        ]}
      />
      <Flex justify="space-between" align="center" gap={16} wrap>
        <div>
          <Typography.Title level={3} className="page-title">
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
        {extra}
      </Flex>
    </div>
  );
}
