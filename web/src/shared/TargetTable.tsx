import type { ReactNode } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { StoredTarget } from '../api/types.ts';
import { targetOpSymbol, targetValueText } from './format.ts';
import { directionLabel, labelOf, targetKindColor, targetKindLabel } from './labels.ts';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** Targets with their original phrase, kind, operator, value, years and indicator link. */
export function TargetTable<T extends StoredTarget>({
  targets,
  extraColumns = [],
  caption,
}: {
  targets: T[];
  extraColumns?: TableColumnsType<T>;
  caption?: ReactNode;
}) {
  const columns: TableColumnsType<T> = [
    ...extraColumns,
    {
      title: '原文表述',
      dataIndex: 'text',
      render: (text: string) => <span className="target-text">{text}</span>,
    },
    { title: '指标', dataIndex: 'indicator', width: 180 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (kind: string) => <Tag color={labelOf(targetKindColor, kind)}>{labelOf(targetKindLabel, kind)}</Tag>,
    },
    {
      title: '条件',
      key: 'op',
      width: 80,
      align: 'center',
      render: (_: unknown, t) => {
        const op = targetOpSymbol(t);
        // Direction matters where the number is a change, not a level.
        const showsDirection = t.kind === 'relative_change' || t.kind === 'annual_change' || t.kind === 'trend';
        const dir = showsDirection && t.direction ? labelOf(directionLabel, t.direction) : '';
        if (!op && !dir) return dash;
        return <span className="target-op">{[dir, op].filter(Boolean).join(' ')}</span>;
      },
    },
    {
      title: '目标值',
      key: 'value',
      width: 120,
      render: (_: unknown, t) => {
        const text = targetValueText(t);
        return text ? <Typography.Text strong>{text}</Typography.Text> : dash;
      },
    },
    { title: '基年', dataIndex: 'baseYear', width: 80, render: (y: number | null) => y ?? dash },
    { title: '目标年份', dataIndex: 'targetYear', width: 90 },
    {
      title: '指标代码',
      dataIndex: 'indicatorCode',
      width: 100,
      render: (code: string | null) =>
        code ? <Link to={`/indicators/${encodeURIComponent(code)}`}>{code}</Link> : <Tag>未编码</Tag>,
    },
  ];
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      bordered
      columns={columns}
      dataSource={targets}
      pagination={false}
      title={caption ? () => caption : undefined}
      locale={{ emptyText: '本条没有可量化的目标' }}
      scroll={{ x: 900 }}
    />
  );
}
