import { useState } from 'react';
import { Button, Card, Empty, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { FormStatus, FormSummary, RoundSummary } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { FORM_KIND_LABELS, StatusTag, beijingTime } from './monitoring-labels.tsx';
import { RoundSelect } from './RoundSelect.tsx';
import { useRounds } from './use-rounds.ts';

type Queue = 'submitted' | 'returned' | 'approved';

const QUEUE_LABELS: Record<Queue, string> = { submitted: '待审核', returned: '已退回待重报', approved: '已审核通过' };

const columns = (queue: Queue): TableColumnsType<FormSummary> => [
  { title: '报表', dataIndex: 'name', render: (name: string, f) => <Link to={`/data-entry/forms/${f.id}`}>{name}</Link> },
  { title: '类型', dataIndex: 'kind', width: 100, render: (k: FormSummary['kind']) => FORM_KIND_LABELS[k] },
  { title: '状态', dataIndex: 'status', width: 130, render: (s: FormStatus) => <StatusTag status={s} /> },
  queue === 'submitted'
    ? { title: '提交', key: 'when', width: 260, render: (_: unknown, f) => `${beijingTime(f.submittedAt)} ${f.submittedBy ?? ''}` }
    : queue === 'returned'
      ? { title: '退回', key: 'when', width: 260, render: (_: unknown, f) => `${beijingTime(f.returnedAt)} ${f.returnedBy ?? ''}` }
      : { title: '审核通过', key: 'when', width: 260, render: (_: unknown, f) => `${beijingTime(f.approvedAt)} ${f.approvedBy ?? ''}` },
  {
    title: '操作',
    key: 'action',
    width: 100,
    render: (_: unknown, f) => (
      <Link to={`/data-entry/forms/${f.id}`}>
        <Button size="small" type={queue === 'submitted' ? 'primary' : 'default'} className="review-open">
          {queue === 'submitted' ? '审核' : '查看'}
        </Button>
      </Link>
    ),
  },
];

function Queues({ round }: { round: RoundSummary }) {
  const state = useApi((signal) => monitoringApi.forms({ roundId: round.id }, signal), [round.id]);
  const [tab, setTab] = useState<Queue>('submitted');
  return (
    <AsyncView state={state} what="正在加载待审核报表…">
      {(forms) => (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as Queue)}
            items={(['submitted', 'returned', 'approved'] as const).map((q) => {
              const list = forms.filter((f) => f.status === q);
              // County forms first: the city's department forms wait for them.
              list.sort((a, b) => (a.kind === b.kind ? (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') : a.kind === 'region' ? -1 : 1));
              return {
                key: q,
                label: `${QUEUE_LABELS[q]}（${list.length}）`,
                children: (
                  <Table<FormSummary>
                    className={`review-table review-table-${q}`}
                    rowKey="id"
                    size="middle"
                    columns={columns(q)}
                    dataSource={list}
                    pagination={list.length > 50 ? { pageSize: 50 } : false}
                    locale={{ emptyText: <Empty description={q === 'submitted' ? '目前没有待审核的报表' : '没有报表'} /> }}
                  />
                ),
              };
            })}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            审核顺序：区县报表审核通过后，市直部门报表中由区县汇总的指标才能审核通过。退回时可针对整张报表或在表格中逐项标记数据并写明意见。
          </Typography.Paragraph>
        </Card>
      )}
    </AsyncView>
  );
}

/** 审核: the reviewer's queue of submitted forms in its scope, and the returned and approved ones. */
export default function ReviewQueuePage() {
  const { state, current, select } = useRounds();
  return (
    <>
      <PageHeader
        crumbs={[{ title: '数据填报', to: '/data-entry' }, { title: '审核' }]}
        title="数据审核"
        subTitle="审核各部门、区县提交的报表：退回（附意见）或审核通过；通过后数据锁定"
        extra={
          <Space>{state.data && state.data.length > 0 && <RoundSelect rounds={state.data} value={current?.id} onChange={select} />}</Space>
        }
      />
      <AsyncView state={state} what="正在加载填报轮次…">
        {() => (current ? <Queues round={current} /> : <Card><Empty description="尚无填报轮次" /></Card>)}
      </AsyncView>
    </>
  );
}
