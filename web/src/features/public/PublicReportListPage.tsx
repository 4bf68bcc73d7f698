import { useMemo, useState } from 'react';
import { Button, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { reportsApi } from '../../api/reports.endpoints.ts';
import type { PublishedReportView, ReportKind } from '../../api/reports.types.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { DemoDataTag, REPORT_KIND_LABELS, chineseDate, planScopeLabel } from '../reports/report-labels.tsx';
import { groupSeries } from '../reports/report-series.ts';
import { useRegionNames } from '../reports/use-region-names.ts';

/** /public/reports — the published monitoring and evaluation reports, for everyone, without login. */
export default function PublicReportListPage() {
  const state = useApi((signal) => reportsApi.publicList(signal), []);
  const regionName = useRegionNames();
  const [kind, setKind] = useState<ReportKind | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const years = useMemo(() => [...new Set((state.data ?? []).map((r) => r.year))].sort((a, b) => b - a), [state.data]);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '信息公开' }, { title: '监测评估报告' }]}
        title="妇女儿童发展规划监测评估报告"
        subTitle="淄博市“十四五”妇女、儿童发展规划的年度统计监测报告、统计资料和评估报告，经监测评估协调组审核后公开发布"
        extra={
          <Link to="/public/unit-reports">
            <Button icon={<TeamOutlined />}>部门和区县年度报告</Button>
          </Link>
        }
      />
      <Card size="small" className="section-gap-bottom public-report-filters">
        <Space wrap>
          <Select allowClear placeholder="报告类型" style={{ width: 180 }} aria-label="按类型筛选" value={kind} onChange={(k?: ReportKind) => setKind(k)} options={Object.entries(REPORT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          <Select allowClear placeholder="年度" style={{ width: 110 }} aria-label="按年度筛选" value={year} onChange={(y?: number) => setYear(y)} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
        </Space>
      </Card>
      <AsyncView state={state} what="正在加载已发布的报告…">
        {(published) => {
          const rows = groupSeries<PublishedReportView>(published.filter((r) => (kind === undefined || r.kind === kind) && (year === undefined || r.year === year)));
          if (published.length === 0) return <Empty description="目前还没有公开发布的报告" />;
          return (
            <List
              className="public-report-list"
              itemLayout="vertical"
              dataSource={rows}
              locale={{ emptyText: '没有符合筛选条件的报告' }}
              renderItem={(r) => (
                <List.Item
                  key={r.id}
                  className="public-report-item"
                  data-report={r.id}
                  extra={
                    <a href={reportsApi.publicFileUrl(r.id)} download className="public-download">
                      <Button icon={<DownloadOutlined />}>{r.fileName.endsWith('.xlsx') ? '下载Excel' : '下载Word'}</Button>
                    </a>
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={`/public/reports/${r.id}`} className="public-report-link">
                          {r.title}
                        </Link>
                        <Tag color="blue">{r.kindLabel}</Tag>
                        {r.version > 1 && <Tag color="orange">{`第${r.version}版（更正）`}</Tag>}
                        <DemoDataTag demo={r.demo} />
                      </Space>
                    }
                    description={
                      <Space wrap size={[20, 4]}>
                        <span>发布日期：{chineseDate(r.publishedAt)}</span>
                        <span>规划：{planScopeLabel(r.plan)}</span>
                        <span>地区：{regionName(r.regionCode)}</span>
                        <span>年度：{r.year}年</span>
                      </Space>
                    }
                  />
                  {r.correctionNote && <Typography.Paragraph type="secondary" className="public-correction">更正说明：{r.correctionNote}</Typography.Paragraph>}
                  {r.earlier && (
                    <Typography.Text type="secondary" className="public-earlier">
                      历史版本：
                      {r.earlier.map((e) => (
                        <Link key={e.id} to={`/public/reports/${e.id}`} style={{ marginRight: 12 }}>
                          {`第${e.version}版（${chineseDate(e.publishedAt)}发布）`}
                        </Link>
                      ))}
                    </Typography.Text>
                  )}
                </List.Item>
              )}
            />
          );
        }}
      </AsyncView>
    </>
  );
}
