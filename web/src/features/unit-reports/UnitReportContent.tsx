import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import type { UnitReportDetail } from '../../api/unit-reports.endpoints.ts';
import { chineseDay } from './unit-report-labels.tsx';

const PROGRESS_COLORS: Record<string, string> = { achieved: 'success', mostly_achieved: 'cyan', in_progress: 'processing', lagging: 'error' };

function Text({ value }: { value: string }) {
  if (value.trim() === '') return <Typography.Text type="secondary">（未填写）</Typography.Text>;
  return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{value}</Typography.Paragraph>;
}

/** A report's texts and goal items, read-only: for a submitted report and for the public page. */
export function UnitReportContent({ report }: { report: UnitReportDetail }) {
  return (
    <>
      <Card size="small" title="总体情况" className="section-gap-bottom unit-report-overview">
        <Text value={report.overview} />
      </Card>
      <Card size="small" title="存在的问题" className="section-gap-bottom">
        <Text value={report.problems} />
      </Card>
      <Card size="small" title={report.kind === 'annual' ? `${report.year + 1}年工作安排` : '下一步工作安排'} className="section-gap-bottom">
        <Text value={report.nextPlan} />
      </Card>
      <Card size="small" title={`目标任务落实情况（${report.items.length}项）`} className="section-gap-bottom">
        {report.items.length === 0 ? (
          <Empty description="没有目标条目" />
        ) : (
          <List
            dataSource={report.items}
            renderItem={(item) => (
              <List.Item key={item.id} className="unit-report-item-view">
                <div style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{`${item.planLabel}规划 领域${item.domain} 目标${item.goal}`}</Typography.Text>
                    <Tag>{item.roleLabel}</Tag>
                    {item.progress ? <Tag color={PROGRESS_COLORS[item.progress]}>{item.progressLabel}</Tag> : <Tag>未评估</Tag>}
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 4 }} ellipsis={{ rows: 2, expandable: true }}>
                    {item.goalText}
                  </Typography.Paragraph>
                  <Descriptions size="small" column={1} items={[
                    { key: 'done', label: '工作开展情况', children: <Text value={item.done} /> },
                    { key: 'problems', label: '存在问题', children: <Text value={item.problems} /> },
                    { key: 'next', label: '下一步安排', children: <Text value={item.nextPlan} /> },
                  ]} />
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}

export function ReportFacts({ report }: { report: UnitReportDetail }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 3 }}
      className="section-gap-bottom"
      items={[
        { key: 'unit', label: report.unitKind === 'department' ? '报送单位' : '报送区县', children: report.unitName },
        { key: 'kind', label: '报告类型', children: `${report.year}年度 ${report.kindLabel}` },
        { key: 'version', label: '版本', children: `第${report.version}版` },
        { key: 'due', label: '截止日期', children: report.extension ? `${report.dueDate}（本单位延期，本轮统一截止日期${report.roundDueDate}）` : report.dueDate },
        { key: 'submitted', label: '报送日期', children: chineseDay(report.submittedAt) },
        { key: 'published', label: '发布日期', children: chineseDay(report.publishedAt) },
        ...(report.correctionNote ? [{ key: 'note', label: '更正说明', children: report.correctionNote }] : []),
      ]}
    />
  );
}
