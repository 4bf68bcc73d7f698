import { useState } from 'react';
import { Button, Card, Flex, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation.endpoints.ts';
import type { WarningStatusFilter } from '../../api/evaluation.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { WarningLevel, WarningSummary } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useUser } from '../auth/auth-context.tsx';
import { isOperator } from '../auth/roles.ts';
import { EvaluationStatusTag, WarningLevelTag, WarningStatusTag } from './evaluation-labels.tsx';
import { GenerateWarningsModal } from './GenerateWarningsModal.tsx';
import { useEvaluationParams } from './use-evaluation-params.ts';

const columns: TableColumnsType<WarningSummary> = [
  { title: '级别', key: 'level', width: 100, render: (_: unknown, w) => <WarningLevelTag level={w.level} label={w.levelLabel} /> },
  { title: '年度', dataIndex: 'year', width: 70 },
  {
    title: '指标',
    key: 'indicator',
    render: (_: unknown, w) => (
      <Space orientation="vertical" size={0}>
        <Link to={`/evaluation/warnings/${w.id}`} className="warning-link">
          {w.indicatorName}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {w.targetText}
        </Typography.Text>
      </Space>
    ),
  },
  { title: '地区', dataIndex: 'regionName', width: 90 },
  { title: '责任单位', key: 'dept', width: 140, render: (_: unknown, w) => w.department?.name ?? '—' },
  {
    title: '预警原因',
    key: 'kind',
    width: 170,
    render: (_: unknown, w) => (
      <Space orientation="vertical" size={2}>
        <span>{w.kindLabel}</span>
        <EvaluationStatusTag status={w.evaluationStatus} />
      </Space>
    ),
  },
  {
    title: '状态',
    key: 'status',
    width: 150,
    render: (_: unknown, w) => (
      <Space orientation="vertical" size={2}>
        <WarningStatusTag status={w.status} label={w.statusLabel} />
        {w.recurrenceText && <Tag color="magenta">{w.recurrenceText}</Tag>}
      </Space>
    ),
  },
  {
    title: '整改进度',
    key: 'steps',
    width: 110,
    render: (_: unknown, w) =>
      w.stepCounts.total === 0 ? (
        <Typography.Text type="secondary">{w.countermeasureCount > 0 ? '已提对策' : '待反馈'}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={0}>
          <span>
            {w.stepCounts.done}/{w.stepCounts.total} 项完成
          </span>
          {w.stepCounts.overdue > 0 && <Tag color="red">逾期{w.stepCounts.overdue}项</Tag>}
        </Space>
      ),
  },
];

/** 预警与整改: the warnings the user may see (a department its own), by year, status and level. */
export default function WarningListPage() {
  const user = useUser();
  const { years, year: defaultYear } = useEvaluationParams();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'open') as WarningStatusFilter | 'all';
  const level = (params.get('level') ?? undefined) as WarningLevel | undefined;
  const year = Number(params.get('wyear')) || undefined;
  const [generating, setGenerating] = useState(false);
  const [q, setQ] = useState('');
  const state = useApi(
    (signal) => evaluationApi.warnings({ status: status === 'all' ? undefined : status, level, year }, signal),
    [status, level, year],
  );
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined) next.delete(k);
    else next.set(k, v);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        crumbs={[{ title: '评估预警', to: '/evaluation' }, { title: '预警与整改' }]}
        title="预警与整改"
        subTitle="对预计达标困难、波动较大的指标分级预警；责任单位提出对策建议和整改措施，妇儿工委办公室跟踪到销号"
        extra={
          isOperator(user) && (
            <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setGenerating(true)} className="generate-warnings">
              生成预警
            </Button>
          )
        }
      />
      <Card
        title={
          <Flex wrap gap={8} align="center">
            <Segmented<string>
              value={status}
              onChange={(v) => set('status', v === 'open' ? undefined : v)}
              options={[
                { value: 'open', label: '在办' },
                { value: 'issued', label: '待反馈' },
                { value: 'responded', label: '整改中' },
                { value: 'escalated', label: '已升级' },
                { value: 'closed', label: '已销号' },
                { value: 'all', label: '全部' },
              ]}
            />
            <Select<string>
              aria-label="预警级别"
              style={{ width: 120 }}
              value={level ?? 'all'}
              onChange={(v) => set('level', v === 'all' ? undefined : v)}
              options={[
                { value: 'all', label: '全部级别' },
                { value: 'red', label: '红色预警' },
                { value: 'yellow', label: '黄色预警' },
              ]}
            />
            <Select<number>
              aria-label="预警年度"
              style={{ width: 120 }}
              value={year ?? 0}
              onChange={(v) => set('wyear', v ? String(v) : undefined)}
              options={[{ value: 0, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y}年` }))]}
            />
            <Input.Search aria-label="查找预警" placeholder="指标、地区或责任单位" allowClear style={{ width: 220 }} value={q} onChange={(e) => setQ(e.target.value)} />
          </Flex>
        }
      >
        <AsyncView state={state} what="正在加载预警…">
          {(all) => {
            const text = q.trim();
            const warnings = text
              ? all.filter((w) => w.indicatorName.includes(text) || w.regionName.includes(text) || (w.department?.name ?? '').includes(text) || w.indicatorCode === text)
              : all;
            return (
            <Table<WarningSummary>
              className="warning-table"
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={warnings}
              rowClassName={(w) => `row-warning-${w.level}`}
              pagination={warnings.length > 30 ? { pageSize: 30 } : false}
              locale={{ emptyText: '没有符合条件的预警' }}
              title={() => <Typography.Text type="secondary">共{warnings.length}条{warnings.length !== all.length ? `（全部${all.length}条）` : ''}</Typography.Text>}
            />
            );
          }}
        </AsyncView>
      </Card>
      <GenerateWarningsModal open={generating} defaultYear={defaultYear} onClose={() => setGenerating(false)} onDone={state.reload} />
    </>
  );
}
