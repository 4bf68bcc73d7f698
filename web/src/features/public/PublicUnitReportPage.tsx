import { Button, Card, List, Space, Tag } from 'antd';
import { FileWordOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { unitReportsApi } from '../../api/unit-reports.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ReportFacts, UnitReportContent } from '../unit-reports/UnitReportContent.tsx';
import { chineseDay, fileSize } from '../unit-reports/unit-report-labels.tsx';

/** /public/unit-reports/:id — a published department or county report, without login. */
export default function PublicUnitReportPage() {
  const id = Number(useParams().id);
  const state = useApi((signal) => unitReportsApi.publicGet(id, signal), [id]);
  const crumbs = [{ title: '信息公开' }, { title: '部门和区县报告', to: '/public/unit-reports' }];
  return (
    <AsyncView state={state} what="正在加载报告…" header={<PageHeader crumbs={[...crumbs, { title: '报告' }]} title="部门和区县报告" />}>
      {(r) => {
        const newest = r.versions[0];
        return (
          <>
            <PageHeader
              crumbs={[...crumbs, { title: r.unitName }]}
              title={r.title}
              extra={
                <Button icon={<FileWordOutlined />} className="download-docx" href={unitReportsApi.publicDocxUrl(r.id)} download>
                  下载Word
                </Button>
              }
              subTitle={
                <Space wrap>
                  <Tag color="success">已发布</Tag>
                  {r.version > 1 && <Tag color="orange">{`第${r.version}版（更正）`}</Tag>}
                  {newest && newest.id !== r.id && (
                    <Link to={`/public/unit-reports/${newest.id}`}>
                      <Tag color="warning">{`本版本已被第${newest.version}版更正，查看最新版本`}</Tag>
                    </Link>
                  )}
                </Space>
              }
            />
            <ReportFacts report={r} />
            <UnitReportContent report={r} />
            {r.attachments.length > 0 && (
              <Card size="small" title="附件" className="section-gap-bottom">
                <List
                  dataSource={r.attachments}
                  renderItem={(a) => (
                    <List.Item key={a.id}>
                      <Space>
                        <PaperClipOutlined />
                        <a href={unitReportsApi.publicAttachmentUrl(r.id, a.id)} download>
                          {a.fileName}
                        </a>
                        <span>{fileSize(a.size)}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            {r.versions.length > 1 && (
              <Card size="small" title="已发布的版本" className="section-gap-bottom">
                <List
                  dataSource={r.versions}
                  renderItem={(v) => (
                    <List.Item key={v.id}>
                      <Space>
                        {v.id === r.id ? <span>{`第${v.version}版（当前）`}</span> : <Link to={`/public/unit-reports/${v.id}`}>{`第${v.version}版`}</Link>}
                        <span>{`发布于${chineseDay(v.publishedAt)}`}</span>
                        {v.correctionNote && <span>{`更正说明：${v.correctionNote}`}</span>}
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </>
        );
      }}
    </AsyncView>
  );
}
