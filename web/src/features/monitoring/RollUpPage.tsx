import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { CityRollUp, RollUpCellView, RollUpIndicatorView } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { formatValue } from '../../shared/format.ts';
import { aggregationLabel, labelOf } from '../../shared/labels.ts';
import { beijingTime } from './monitoring-labels.tsx';

const num = (x: number | null) => (x === null ? '—' : x.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

function names(codes: string[], rollup: CityRollUp): string {
  const byCode = new Map(rollup.children.map((c) => [c.code, c.name] as const));
  return codes.map((c) => byCode.get(c) ?? c).join('、');
}

function cellColumns(indicator: RollUpIndicatorView, rollup: CityRollUp): TableColumnsType<RollUpCellView> {
  return [
    { title: '分组', dataIndex: 'label', width: 110 },
    {
      title: '汇总值（由区县计算）',
      key: 'rolled',
      width: 200,
      render: (_: unknown, c) =>
        c.rolled === null ? (
          <Typography.Text type="secondary">{c.reason ?? '无法汇总'}</Typography.Text>
        ) : (
          <Space>
            <b className="rolled-value">{formatValue(Number(c.rolled.toFixed(2)), indicator.unit)}</b>
            {!c.complete && <Tooltip title={c.reason}><Tag color="orange">临时</Tag></Tooltip>}
          </Space>
        ),
    },
    {
      title: '分子 / 分母合计',
      key: 'nd',
      width: 180,
      render: (_: unknown, c) => (c.numerator !== null ? `${num(c.numerator)} / ${num(c.denominator)}` : '—'),
    },
    {
      title: '市级直报',
      key: 'direct',
      width: 150,
      render: (_: unknown, c) => (c.direct === null ? '—' : formatValue(c.direct, indicator.unit)),
    },
    {
      title: '对照',
      key: 'mismatch',
      render: (_: unknown, c) =>
        c.mismatch ? (
          <Tag color="red" className="mismatch-tag">
            {c.message ?? '不一致'}
          </Tag>
        ) : c.comparable ? (
          <Tag color="green">一致</Tag>
        ) : (
          <Typography.Text type="secondary">{c.missing.length > 0 ? `缺：${names(c.missing, rollup)}` : '—'}</Typography.Text>
        ),
    },
  ];
}

function RollUpTable({ rollup }: { rollup: CityRollUp }) {
  const [q, setQ] = useState('');
  const [onlyMismatch, setOnlyMismatch] = useState(false);
  const shown = rollup.indicators.filter(
    (i) => (!q.trim() || i.indicatorName.includes(q.trim()) || i.indicatorCode.toLowerCase().includes(q.trim().toLowerCase())) && (!onlyMismatch || i.mismatch),
  );
  const total = (i: RollUpIndicatorView) => i.cells.find((c) => c.cellKey === '_T');
  const columns: TableColumnsType<RollUpIndicatorView> = [
    { title: '代码', dataIndex: 'indicatorCode', width: 80 },
    { title: '指标', dataIndex: 'indicatorName' },
    { title: '单位', dataIndex: 'unit', width: 90 },
    { title: '汇总方式', dataIndex: 'aggregation', width: 120, render: (a: string) => labelOf(aggregationLabel, a) },
    {
      title: '市级合计',
      key: 'total',
      width: 160,
      render: (_: unknown, i) => {
        const t = total(i);
        if (!i.aggregatable) return <Typography.Text type="secondary">市级直报</Typography.Text>;
        if (!t || t.rolled === null) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space>
            <b className="rolled-total">{formatValue(Number(t.rolled.toFixed(2)), i.unit)}</b>
            {!t.complete && <Tag color="orange">临时</Tag>}
          </Space>
        );
      },
    },
    {
      title: '区县报送',
      key: 'coverage',
      width: 150,
      render: (_: unknown, i) =>
        i.aggregatable ? (
          <Tooltip title={i.coverage.missing.length ? `未审核通过：${names(i.coverage.missing, rollup)}` : '全部区县已审核通过'}>
            <span>
              {i.coverage.contributed.length}/{i.coverage.expected.length}
            </span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: '对照', key: 'mm', width: 90, render: (_: unknown, i) => (i.mismatch ? <Tag color="red">不一致</Tag> : null) },
  ];
  return (
    <Card
      title={
        <Flex gap={12} align="center" wrap>
          <Input.Search aria-label="查找指标" placeholder="指标名称或代码" allowClear style={{ width: 220 }} value={q} onChange={(e) => setQ(e.target.value)} />
          <Space size={6}>
            <Switch size="small" checked={onlyMismatch} onChange={setOnlyMismatch} />
            只看与直报不一致的
          </Space>
        </Flex>
      }
      extra={<Typography.Text type="secondary">计算时间 {beijingTime(rollup.computedAt)}（实时由已审核数据计算）</Typography.Text>}
    >
      <Table<RollUpIndicatorView>
        className="rollup-table"
        rowKey="indicatorCode"
        size="small"
        columns={columns}
        dataSource={shown}
        pagination={false}
        rowClassName={(i) => `rollup-row${i.mismatch ? ' row-mismatch' : ''}`}
        expandable={{
          expandedRowRender: (i) => (
            <Table<RollUpCellView>
              className="rollup-cells"
              rowKey="cellKey"
              size="small"
              pagination={false}
              columns={cellColumns(i, rollup)}
              dataSource={i.cells}
            />
          ),
        }}
      />
    </Card>
  );
}

/** 市级汇总: the city's figures computed live from approved county values, beside its direct figures. */
export default function RollUpPage() {
  const rounds = useApi((signal) => monitoringApi.rounds(signal), []);
  const [params, setParams] = useSearchParams();
  const years = useMemo(() => [...new Set((rounds.data ?? []).map((r) => r.year))].sort((a, b) => b - a), [rounds.data]);
  const year = Number(params.get('year')) || years[0] || new Date().getFullYear() - 1;
  const partial = params.get('partial') === '1';
  const indicator = params.get('indicator') ?? undefined;
  const state = useApi((signal) => monitoringApi.rollup({ year, partial, indicator }, signal), [year, partial, indicator]);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        crumbs={[{ title: '数据填报', to: '/data-entry' }, { title: '市级汇总' }]}
        title={`${year}年度市级汇总`}
        subTitle="按指标的汇总规则由各区县已审核通过的数据实时计算：数量相加，比率为分子合计÷分母合计（不平均各区县比率）；与市级直报数对照"
        extra={
          <Space>
            <Select<number>
              aria-label="选择年度"
              style={{ width: 120 }}
              value={year}
              onChange={(y) => set('year', String(y))}
              options={(years.length ? years : [year]).map((y) => ({ value: y, label: `${y}年度` }))}
            />
            <Space size={6}>
              <Switch checked={partial} onChange={(on) => set('partial', on ? '1' : null)} aria-label="显示临时汇总" />
              显示临时汇总（部分区县未通过）
            </Space>
          </Space>
        }
      />
      <AsyncView state={state} what="正在汇总…">
        {(rollup) => (rollup.indicators.length === 0 ? <Card><Empty /></Card> : <RollUpTable rollup={rollup} />)}
      </AsyncView>
    </>
  );
}
