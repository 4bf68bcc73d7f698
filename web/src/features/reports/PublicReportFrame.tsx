import type { ReactNode } from 'react';
import { Card, Flex, Space, Typography } from 'antd';
import { PageHeader } from '../../shared/PageHeader.tsx';
import './reports.css';
import type { Crumb } from '../../shared/PageHeader.tsx';

export interface PublicFact {
  label: string;
  value: ReactNode;
}

/**
 * The frame of a published document on the public pages (no login): breadcrumbs under 信息公开, the title,
 * a line of facts a citizen looks for first (publisher, date, plan, region, version), downloads, then the body.
 * Used by the monitoring reports; the department and county reports may use it too.
 */
export function PublicReportFrame(props: { crumbs: Crumb[]; title: string; tags?: ReactNode; facts: PublicFact[]; downloads?: ReactNode; notice?: ReactNode; children: ReactNode }) {
  return (
    <div className="public-report">
      <PageHeader crumbs={[{ title: '信息公开' }, ...props.crumbs]} title={props.title} documentTitle={props.title} />
      <Card size="small" className="public-report-head">
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Space wrap size={[24, 4]} className="public-report-facts">
            {props.tags}
            {props.facts.map((f) => (
              <span key={f.label} className="public-fact" data-fact={f.label}>
                <Typography.Text type="secondary">{f.label}：</Typography.Text>
                {f.value}
              </span>
            ))}
          </Space>
          {props.downloads}
        </Flex>
      </Card>
      {props.notice}
      <Card className="public-report-body" style={{ marginTop: 16 }}>
        {props.children}
      </Card>
    </div>
  );
}
