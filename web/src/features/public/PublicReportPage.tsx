import { Alert, Button, Space, Typography } from 'antd';
import { DownloadOutlined, TableOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { reportsApi } from '../../api/reports.endpoints.ts';
import type { ReportDetail } from '../../api/reports.types.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { PublicReportFrame } from '../reports/PublicReportFrame.tsx';
import { ReportContentView, isAnnualReport } from '../reports/ReportContentView.tsx';
import { ReportSectionsView } from '../reports/ReportSections.tsx';
import { ReportVersionList } from '../reports/ReportVersionList.tsx';
import { DemoDataTag, chineseDate, planScopeLabel } from '../reports/report-labels.tsx';
import { annualReportCsv, saveText } from '../reports/report-csv.ts';
import { useRegionNames } from '../reports/use-region-names.ts';

const CRUMBS = [{ title: '监测评估报告', to: '/public/reports' }];

function PublishedReport({ report: r }: { report: ReportDetail }) {
  const regionName = useRegionNames();
  const newest = r.versions[0];
  const corrected = newest && newest.id !== r.id ? newest : null;
  const content = r.content;
  const issuer = (content as { issuer?: unknown } | null)?.issuer;
  return (
    <PublicReportFrame
      crumbs={[...CRUMBS, { title: r.title }]}
      title={r.title}
      tags={
        <>
          <DemoDataTag demo={r.demo} />
          <span className="report-version" data-version={r.version}>{`第${r.version}版`}</span>
        </>
      }
      facts={[
        ...(typeof issuer === 'string' ? [{ label: '发布机构', value: issuer }] : []),
        { label: '发布日期', value: chineseDate(r.publishedAt) },
        { label: '规划', value: planScopeLabel(r.plan) },
        { label: '地区', value: regionName(r.regionCode) },
        { label: '年度', value: `${r.year}年` },
      ]}
      downloads={
        <Space wrap>
          <a href={reportsApi.publicFileUrl(r.id)} download className="public-download">
            <Button type="primary" icon={<DownloadOutlined />}>
              {r.fileName.endsWith('.xlsx') ? '下载Excel（.xlsx）' : '下载Word（.docx）'}
            </Button>
          </a>
          {isAnnualReport(content) && (
            <Button icon={<TableOutlined />} className="download-csv" onClick={() => saveText(annualReportCsv(content), `${r.title}（数据表）.csv`)}>
              下载数据表（CSV）
            </Button>
          )}
        </Space>
      }
      notice={
        <>
          {corrected && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              showIcon
              className="public-superseded"
              title={
                <span>
                  本版本已被更正：第{corrected.version}版于{chineseDate(corrected.publishedAt)}发布，<Link to={`/public/reports/${corrected.id}`}>查看最新版本</Link>
                </span>
              }
            />
          )}
          {r.correctionNote && <Alert style={{ marginTop: 16 }} type="info" showIcon className="report-correction-note" title={`第${r.version}版更正说明：${r.correctionNote}`} />}
        </>
      }
    >
      <ReportContentView content={content} sections={<ReportSectionsView kind={r.kind} sections={r.sections} content={content} />} />
      <Typography.Title level={4} style={{ marginTop: 32 }}>
        版本记录
      </Typography.Title>
      <ReportVersionList versions={r.versions} currentId={r.id} linkTo={(v) => `/public/reports/${v.id}`} />
    </PublicReportFrame>
  );
}

/** /public/reports/:id — a published report with its data tables, downloads and version history, without login. */
export default function PublicReportPage() {
  const { id } = useParams();
  const reportId = Number(id);
  const state = useApi((signal) => reportsApi.publicGet(reportId, signal), [reportId]);
  return (
    <AsyncView state={state} what="正在加载报告…" header={<PageHeader crumbs={[{ title: '信息公开' }, ...CRUMBS, { title: '报告' }]} title="已发布报告" />}>
      {(report) => <PublishedReport report={report} />}
    </AsyncView>
  );
}
