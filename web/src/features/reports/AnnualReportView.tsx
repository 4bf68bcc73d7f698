import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { Alert, Anchor, Col, Empty, Flex, Row, Table, Typography } from 'antd';
import { statusByDomainChart } from '../../../../src/core/reports/chart-options.ts';
import { TALLY_STATUSES } from '../../../../src/core/reports/tally.ts';
import type { AnnualReport, ReportChapter, ReportWarning, StatusTally } from '../../api/reports.types.ts';
import { STATUS_HEX, WarningLevelTag, statusCategoryLabels } from '../evaluation/evaluation-labels.tsx';
import { ReportChapterView } from './ReportChapterView.tsx';
import { ReportChart } from './ReportChart.tsx';
import './reports.css';

/** 达标3 · 预计可达标1 …: the counts of a tally as coloured figures. */
export function TallyFigures({ tally }: { tally: StatusTally }) {
  return (
    <Flex gap={12} wrap className="report-tally">
      <div className="report-tally-item" data-status="total">
        <div className="report-tally-number">{tally.total}</div>
        <div className="report-tally-label">监测目标</div>
      </div>
      {TALLY_STATUSES.filter((s) => tally[s] > 0).map((s) => (
        <div key={s} className="report-tally-item" data-status={s} style={{ borderTopColor: STATUS_HEX[s] }}>
          <div className="report-tally-number" style={{ color: STATUS_HEX[s] }}>
            {tally[s]}
          </div>
          <div className="report-tally-label">{statusCategoryLabels[s]}</div>
        </div>
      ))}
    </Flex>
  );
}

function WarningTable({ warnings, year }: { warnings: readonly ReportWarning[]; year: number }) {
  if (warnings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${year}年未产生监测预警`} />;
  return (
    <Table<ReportWarning>
      className="report-warning-table"
      size="small"
      bordered
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共${n}项预警` }}
      rowKey={(w) => `${w.indicatorCode}|${w.regionName}|${w.kindLabel}`}
      dataSource={[...warnings]}
      columns={[
        { title: '级别', key: 'level', width: 90, render: (_, w) => <WarningLevelTag level={w.level} label={w.levelLabel} /> },
        { title: '指标', dataIndex: 'indicatorName' },
        { title: '地区', dataIndex: 'regionName', width: 100 },
        { title: '预警类型', dataIndex: 'kindLabel', width: 140 },
        { title: '实现情况', dataIndex: 'statusLabel', width: 110 },
        { title: '预警理由', dataIndex: 'reason' },
      ]}
    />
  );
}

/** The chapters grouped by plan, in the report's order. */
function byPlan(chapters: readonly ReportChapter[]): { planKind: string; planTitle: string; chapters: ReportChapter[] }[] {
  const groups: { planKind: string; planTitle: string; chapters: ReportChapter[] }[] = [];
  for (const c of chapters) {
    const last = groups.at(-1);
    if (last && last.planKind === c.planKind) last.chapters.push(c);
    else groups.push({ planKind: c.planKind, planTitle: c.planTitle, chapters: [c] });
  }
  return groups;
}

export const chapterAnchor = (c: Pick<ReportChapter, 'planKind' | 'domainOrd'>) => `chapter-${c.planKind}-${c.domainOrd}`;

/**
 * The annual statistical monitoring report as a web page, in the order of the Word document: overview, one
 * chapter per domain, the year's warnings; `sections` (the office's text: problems, recommendations) follows.
 */
export function AnnualReportView({ report, sections }: { report: AnnualReport; sections?: ReactNode }) {
  const groups = useMemo(() => byPlan(report.chapters), [report]);
  const domainCharts = useMemo(
    () => groups.map((g) => ({ planKind: g.planKind, option: statusByDomainChart(`${g.planTitle}各领域目标实现情况`, g.chapters.map((c) => ({ title: c.title, tally: c.tally }))) })),
    [groups],
  );
  const toc = [
    { key: 'overview', href: '#overview', title: '一、总体情况' },
    {
      key: 'domains',
      href: '#domains',
      title: '二、分领域监测情况',
      children: report.chapters.map((c) => ({ key: chapterAnchor(c), href: `#${chapterAnchor(c)}`, title: c.title })),
    },
    { key: 'warnings', href: '#warnings', title: '三、监测预警' },
    ...(sections ? [{ key: 'sections', href: '#sections', title: '四、问题和建议' }] : []),
  ];
  return (
    <Row gutter={24} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <article className="annual-report" data-year={report.year}>
          {report.demo && (
            <Alert
              className="report-demo-alert"
              type="warning"
              showIcon
              title={<span><b>{report.dataLabel ?? '示例数据'}</b>：本报告由演示数据生成，不代表真实监测结果。</span>}
            />
          )}
          <Typography.Paragraph type="secondary" className="report-issuer">
            {report.issuer}
          </Typography.Paragraph>

          <section className="report-overview" id="overview">
            <Typography.Title level={3}>一、总体情况</Typography.Title>
            {report.overview.paragraphs.map((p, i) => (
              <Typography.Paragraph key={i} className="report-paragraph">
                {p}
              </Typography.Paragraph>
            ))}
            <TallyFigures tally={report.overview.tally} />
            {domainCharts.map((c) => (
              <ReportChart key={c.planKind} option={c.option} label="各领域目标实现情况" height={Math.max(260, 60 + 40 * (groups.find((g) => g.planKind === c.planKind)?.chapters.length ?? 4))} />
            ))}
          </section>

          <section className="report-domains" id="domains">
            <Typography.Title level={3}>二、分领域监测情况</Typography.Title>
            {groups.map((g) => (
              <div key={g.planKind} className="report-plan" data-plan={g.planKind}>
                {groups.length > 1 && <Typography.Title level={3} className="report-plan-title">{`《${g.planTitle}》`}</Typography.Title>}
                {g.chapters.map((c) => (
                  <ReportChapterView key={chapterAnchor(c)} chapter={c} year={report.year} anchor={chapterAnchor(c)} />
                ))}
              </div>
            ))}
          </section>

          <section className="report-warnings" id="warnings">
            <Typography.Title level={3}>三、监测预警</Typography.Title>
            {report.warnings.length > 0 && (
              <Typography.Paragraph className="report-paragraph">
                对预计达标困难、波动较大的监测指标，{report.year}年发出预警如下，请责任单位认真分析原因，提出对策建议并抓好整改落实。
              </Typography.Paragraph>
            )}
            <WarningTable warnings={report.warnings} year={report.year} />
          </section>

          {sections && (
            <section className="report-sections" id="sections">
              <Typography.Title level={3}>四、存在的问题和对策建议</Typography.Title>
              {sections}
            </section>
          )}
        </article>
      </Col>
      <Col flex="200px" className="report-toc-col">
        <Anchor className="report-toc" affix={false} replace targetOffset={80} items={toc} />
      </Col>
    </Row>
  );
}
