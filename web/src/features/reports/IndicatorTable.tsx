import type { HTMLAttributes } from 'react';
import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReportIndicatorRow } from '../../api/reports.types.ts';
import { formatValue } from '../../shared/format.ts';
import { EvaluationStatusTag } from '../evaluation/evaluation-labels.tsx';

const num = (v: number | null, unit: string) => (v === null ? '—' : formatValue(Number(v.toFixed(2)), unit));

/** The report's table of indicators: value of the year (or the latest earlier one), last year, target, status. */
export function IndicatorTable({ rows, year, caption }: { rows: readonly ReportIndicatorRow[]; year: number; caption?: string }) {
  const columns: TableColumnsType<ReportIndicatorRow> = [
    { title: '指标', dataIndex: 'indicatorName', render: (name: string, r) => <span title={r.indicatorCode}>{name}</span> },
    {
      title: `${year}年`,
      key: 'value',
      align: 'right',
      className: 'report-value',
      render: (_, r) => (
        <>
          {num(r.value, r.unit)}
          {r.value !== null && r.valueYear !== null && r.valueYear !== year && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              （{r.valueYear}年）
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '上年', key: 'previous', align: 'right', className: 'report-previous', render: (_, r) => num(r.previous, r.unit) },
    { title: '规划目标', dataIndex: 'targetText', className: 'report-target' },
    { title: '实现情况', key: 'status', width: 120, render: (_, r) => <EvaluationStatusTag status={r.status} notAssessed={r.category === 'not_assessed'} /> },
    { title: '牵头单位', dataIndex: 'departmentName', responsive: ['lg'], render: (d: string | null) => d ?? '—' },
  ];
  return (
    <Table<ReportIndicatorRow>
      className="report-indicator-table"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={[...rows]}
      rowKey={(r) => `${r.indicatorCode}|${r.targetText}`}
      onRow={(r) => ({ 'data-indicator': r.indicatorCode, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
      title={caption ? () => <b>{caption}</b> : undefined}
      locale={{ emptyText: '本领域暂无纳入监测评估的量化目标' }}
    />
  );
}
