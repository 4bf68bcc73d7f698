import { Card, Descriptions, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { GoalDetail } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { domainLabel, ordLabel } from '../../shared/format.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { TargetTable } from '../../shared/TargetTable.tsx';
import { DepartmentTags, GroupTags } from '../../shared/UnitTags.tsx';
import { UnplacedAlert } from '../../shared/UnplacedAlert.tsx';
import { planCrumbs } from './plan-crumbs.ts';

function GoalView({ goal }: { goal: GoalDetail }) {
  const planPath = `/plans/${encodeURIComponent(goal.plan.code)}`;
  return (
    <>
      <PageHeader
        crumbs={[...planCrumbs(goal.plan, goal.domain), { title: `主要目标${ordLabel(goal.ord)}` }]}
        title={`主要目标${ordLabel(goal.ord)}`}
        documentTitle={`${goal.domain.title} 主要目标${ordLabel(goal.ord)}`}
        subTitle={`${goal.plan.title} · ${domainLabel(goal.domain)}`}
      />
      <div className="section-gap">
        <Card title="目标原文">
          <Typography.Paragraph className="goal-full-text" style={{ fontSize: 16, lineHeight: 1.9, marginBottom: 0 }}>
            {goal.text}
            {goal.unitsText && <Typography.Text type="secondary">{goal.unitsText}</Typography.Text>}
          </Typography.Paragraph>
        </Card>
        <Card title="责任分工">
          <Descriptions
            bordered
            column={1}
            size="middle"
            styles={{ label: { width: 140 } }}
            items={[
              { key: 'plan', label: '所属规划', children: <Link to={planPath}>{goal.plan.title}</Link> },
              {
                key: 'domain',
                label: '发展领域',
                children: <Link to={`${planPath}?domain=${goal.domain.ord}`}>{domainLabel(goal.domain)}</Link>,
              },
              { key: 'ord', label: '目标编号', children: ordLabel(goal.ord) },
              { key: 'lead', label: '牵头单位', children: <DepartmentTags units={goal.leadUnits} lead /> },
              { key: 'responsible', label: '责任单位', children: <DepartmentTags units={goal.responsibleUnits} /> },
              { key: 'groups', label: '单位组', children: <GroupTags groups={goal.unitGroups} /> },
            ]}
          />
        </Card>
        <UnplacedAlert unplaced={goal.unplaced} />
        <Card title={`量化目标（${goal.targets.length}）`} className="targets-card">
          <TargetTable targets={goal.targets} />
        </Card>
      </div>
    </>
  );
}

export default function GoalPage() {
  const { id = '' } = useParams();
  const state = useApi((signal) => api.goal(id, signal), [id]);
  return (
    <AsyncView
      state={state}
      what="正在加载目标…"
      header={<PageHeader crumbs={[{ title: '规划浏览', to: '/plans' }, { title: '主要目标' }]} title="主要目标" />}
    >
      {(goal) => <GoalView goal={goal} />}
    </AsyncView>
  );
}
