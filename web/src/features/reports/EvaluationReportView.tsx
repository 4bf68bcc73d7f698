import type { HTMLAttributes } from 'react';
import type { ReactNode } from 'react';
import { Alert, Table, Tag, Typography } from 'antd';
import type { AchievementRate, DirectionGoalRow, EvaluationReport, EvaluationTargetRow } from '../../../../src/core/reports/evaluation-report.types.ts';
import { formatValue } from '../../shared/format.ts';
import { EvaluationStatusTag } from '../evaluation/evaluation-labels.tsx';
import { TallyFigures } from './AnnualReportView.tsx';

export function isEvaluationReport(content: unknown): content is EvaluationReport {
  const c = content as Partial<EvaluationReport> | null;
  return typeof c === 'object' && c !== null && (c.kind === 'midterm' || c.kind === 'final') && Array.isArray(c.chapters);
}

const num = (v: number | null, unit: string) => (v === null ? '—' : formatValue(Number(v.toFixed(2)), unit));

function RateTable({ rates, first }: { rates: readonly AchievementRate[]; first: string }) {
  return (
    <Table<AchievementRate>
      size="small"
      bordered
      pagination={false}
      rowKey="key"
      dataSource={[...rates]}
      columns={[
        { title: first, dataIndex: 'label' },
        { title: '目标数', key: 'total', align: 'right', render: (_, r) => r.tally.total },
        { title: '可评估', dataIndex: 'assessed', align: 'right' },
        { title: '已达标', key: 'achieved', align: 'right', render: (_, r) => r.tally.achieved },
        { title: '达标率', dataIndex: 'achievedRateText', align: 'right' },
        { title: '预计达标率', dataIndex: 'expectedRateText', align: 'right' },
      ]}
    />
  );
}

function TargetTable({ rows }: { rows: readonly EvaluationTargetRow[] }) {
  return (
    <Table<EvaluationTargetRow>
      className="report-indicator-table"
      size="small"
      bordered
      pagination={false}
      rowKey={(r) => `${r.indicatorCode}|${r.sourceLabel}|${r.targetText}`}
      dataSource={[...rows]}
      onRow={(r) => ({ 'data-indicator': r.indicatorCode }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '指标', dataIndex: 'indicatorName' },
        { title: '出处', dataIndex: 'sourceLabel', width: 100 },
        { title: '基期值', key: 'baseline', align: 'right', render: (_, r) => `${num(r.baseline, r.unit)}${r.baseline === null ? '' : `（${r.baselineYear}年）`}` },
        { title: '现值', key: 'value', align: 'right', render: (_, r) => `${num(r.value, r.unit)}${r.valueYear === null ? '' : `（${r.valueYear}年）`}` },
        { title: '规划目标', dataIndex: 'targetText' },
        { title: '实现情况', key: 'status', width: 110, render: (_, r) => <EvaluationStatusTag status={r.status} notAssessed={r.category === 'not_assessed'} /> },
        { title: '评估依据', dataIndex: 'reason', responsive: ['xl'] },
      ]}
      locale={{ emptyText: '本领域暂无量化目标' }}
    />
  );
}

function DirectionGoalTable({ rows }: { rows: readonly DirectionGoalRow[] }) {
  return (
    <Table<DirectionGoalRow>
      size="small"
      bordered
      pagination={false}
      rowKey="goalOrd"
      dataSource={[...rows]}
      columns={[
        { title: '目标', key: 'goal', render: (_, r) => `${r.goalOrd}. ${r.goalText}` },
        { title: '牵头单位', key: 'lead', width: 160, render: (_, r) => r.leadUnits.join('、') },
        { title: '指标趋势', dataIndex: 'trendText' },
        { title: '单位自评', dataIndex: 'assessmentText' },
      ]}
    />
  );
}

/** The mid-term or final evaluation report as a web page: overview, rates, one chapter per domain, appendix. */
export function EvaluationReportView({ report, sections }: { report: EvaluationReport; sections?: ReactNode }) {
  return (
    <article className="evaluation-report" data-year={report.year}>
      {report.demo && <Alert className="report-demo-alert" type="warning" showIcon title={<span><b>{report.dataLabel ?? '示例数据'}</b>：本报告由演示数据生成，不代表真实评估结果。</span>} />}
      <Typography.Paragraph type="secondary">{report.issuer}</Typography.Paragraph>
      <section id="overview">
        <Typography.Title level={3}>一、总体情况</Typography.Title>
        {report.overview.paragraphs.map((p, i) => (
          <Typography.Paragraph key={i} className="report-paragraph">{p}</Typography.Paragraph>
        ))}
        <TallyFigures tally={report.overview.rate.tally} />
        <Typography.Title level={4}>各领域目标实现情况</Typography.Title>
        <RateTable rates={report.domainRates} first="领域" />
        {report.departmentRates.length > 0 && (
          <>
            <Typography.Title level={4}>各牵头单位目标实现情况</Typography.Title>
            <RateTable rates={report.departmentRates} first="牵头单位" />
          </>
        )}
      </section>
      <section id="domains">
        <Typography.Title level={3}>二、分领域评估情况</Typography.Title>
        {report.chapters.map((c) => (
          <section key={`${c.planKind}-${c.domainOrd}`} className="report-chapter" data-plan={c.planKind} data-domain={c.domainOrd}>
            <Typography.Title level={4} className="report-chapter-heading">{c.heading}</Typography.Title>
            {c.paragraphs.map((p, i) => (
              <Typography.Paragraph key={i} className="report-paragraph">{p}</Typography.Paragraph>
            ))}
            <TargetTable rows={c.rows} />
            {c.directionGoals.length > 0 && (
              <>
                <Typography.Title level={5}>无量化目标的主要目标进展</Typography.Title>
                <DirectionGoalTable rows={c.directionGoals} />
              </>
            )}
          </section>
        ))}
      </section>
      {sections && (
        <section className="report-sections" id="sections">
          <Typography.Title level={3}>三、存在的问题、对策建议和展望</Typography.Title>
          {sections}
        </section>
      )}
      {report.appendix.length > 0 && (
        <section id="appendix">
          <Typography.Title level={3}>附件：各单位自评报告</Typography.Title>
          {report.appendix.map((a) => (
            <div key={a.reportId} className="report-appendix-entry">
              <Typography.Text strong>{a.title}</Typography.Text> <Tag>{a.unitKind === 'county' ? '区县' : '部门'}</Tag>
              <Typography.Paragraph type="secondary">{a.overview}</Typography.Paragraph>
            </div>
          ))}
        </section>
      )}
    </article>
  );
}
