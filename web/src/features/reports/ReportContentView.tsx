import type { ReactNode } from 'react';
import { Alert } from 'antd';
import type { AnnualReport } from '../../api/reports.types.ts';
import { AnnualReportView } from './AnnualReportView.tsx';
import { CompendiumView, isCompendiumContent } from './CompendiumView.tsx';
import { EvaluationReportView, isEvaluationReport } from './EvaluationReportView.tsx';

export function isAnnualReport(content: unknown): content is AnnualReport {
  const c = content as Partial<AnnualReport> | null;
  return typeof c === 'object' && c !== null && c.kind === 'annual' && Array.isArray(c.chapters);
}

/** A stored report's content as a web page, whatever its kind; an unknown shape falls back to the sections and the file. */
export function ReportContentView({ content, sections }: { content: unknown; sections: ReactNode }) {
  if (isAnnualReport(content)) return <AnnualReportView report={content} sections={sections} />;
  if (isEvaluationReport(content)) return <EvaluationReportView report={content} sections={sections} />;
  return (
    <>
      {isCompendiumContent(content) ? (
        <CompendiumView content={content} />
      ) : (
        <Alert type="info" showIcon title="该报告的内容暂不能在网页上显示，请下载文件查看。" />
      )}
      {sections}
    </>
  );
}
