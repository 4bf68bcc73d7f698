import { Card, Descriptions, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { MeasureDetail } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { domainLabel, ordLabel } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { TargetTable } from '../../shared/TargetTable.tsx';
import { UnplacedAlert } from '../../shared/UnplacedAlert.tsx';
import { planCrumbs } from './plan-crumbs.ts';

function MeasureView({ measure }: { measure: MeasureDetail }) {
  const planPath = `/plans/${encodeURIComponent(measure.plan.code)}`;
  return (
    <>
      <PageHeader
        crumbs={[...planCrumbs(measure.plan, measure.domain), { title: `策略措施${ordLabel(measure.ord)}` }]}
        title={measure.title || `策略措施${ordLabel(measure.ord)}`}
        documentTitle={`${measure.domain.title} 策略措施${ordLabel(measure.ord)}`}
        subTitle={`${measure.plan.title} · ${domainLabel(measure.domain)} · 策略措施${ordLabel(measure.ord)}`}
      />
      <div className="section-gap">
        <Card title="措施原文">
          <Typography.Paragraph className="measure-full-text" style={{ fontSize: 16, lineHeight: 1.9, marginBottom: 0 }}>
            {measure.text}
          </Typography.Paragraph>
        </Card>
        <Card>
          <Descriptions
            bordered
            column={3}
            size="middle"
            items={[
              { key: 'plan', label: '所属规划', children: <Link to={planPath}>{measure.plan.title}</Link> },
              {
                key: 'domain',
                label: '发展领域',
                children: <Link to={`${planPath}?domain=${measure.domain.ord}`}>{domainLabel(measure.domain)}</Link>,
              },
              { key: 'ord', label: '措施编号', children: ordLabel(measure.ord) },
            ]}
          />
        </Card>
        <UnplacedAlert unplaced={measure.unplaced} />
        <Card title={`量化目标（${measure.targets.length}）`} className="targets-card">
          <TargetTable targets={measure.targets} />
        </Card>
      </div>
    </>
  );
}

export default function MeasurePage() {
  const { id = '' } = useParams();
  const state = useApi((signal) => api.measure(id, signal), [id]);
  return (
    <AsyncView
      state={state}
      what="正在加载措施…"
      header={<PageHeader crumbs={[{ title: '规划浏览', to: '/plans' }, { title: '策略措施' }]} title="策略措施" />}
    >
      {(measure) => <MeasureView measure={measure} />}
    </AsyncView>
  );
}
