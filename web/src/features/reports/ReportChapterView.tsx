import { useMemo } from 'react';
import { Typography } from 'antd';
import { chapterTrendChart } from '../../../../src/core/reports/chart-options.ts';
import type { ReportChapter } from '../../api/reports.types.ts';
import { IndicatorTable } from './IndicatorTable.tsx';
import { ReportChart } from './ReportChart.tsx';

/** One domain of the report: its heading, the sentences of the text, the indicator table and its trend chart. */
export function ReportChapterView({ chapter, year, anchor }: { chapter: ReportChapter; year: number; anchor?: string }) {
  const trend = useMemo(() => chapterTrendChart(chapter), [chapter]);
  return (
    <section className="report-chapter" id={anchor} data-plan={chapter.planKind} data-domain={chapter.domainOrd}>
      <Typography.Title level={4} className="report-chapter-heading">
        {chapter.heading}
      </Typography.Title>
      {chapter.paragraphs.map((p, i) => (
        <Typography.Paragraph key={i} className="report-paragraph">
          {p}
        </Typography.Paragraph>
      ))}
      <IndicatorTable rows={chapter.rows} year={year} caption={`${chapter.title}领域监测指标`} />
      {trend && <ReportChart option={trend} label={`${chapter.title}领域主要指标变化`} height={340} />}
    </section>
  );
}
