import { useMemo, useState } from 'react';
import { Button, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { unitReportsApi } from '../../api/unit-reports.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { UNIT_REPORT_KIND_LABELS, chineseDay } from '../unit-reports/unit-report-labels.tsx';

/** /public/unit-reports — published department and county reports, for everyone, without login. */
export default function PublicUnitReportListPage() {
  const state = useApi((signal) => unitReportsApi.publicList(signal), []);
  const [year, setYear] = useState<number | undefined>();
  const [unitKind, setUnitKind] = useState<'department' | 'county' | undefined>();
  const years = useMemo(() => [...new Set((state.data ?? []).map((r) => r.year))].sort((a, b) => b - a), [state.data]);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '信息公开' }, { title: '部门和区县报告' }]}
        title="部门和区县报告"
        subTitle="市妇儿工委成员单位和各区县妇儿工委报送的规划落实情况和下一年工作安排、中期和终期自评报告，经市妇儿工委办公室审定后公开发布"
        extra={
          <Link to="/public/reports">
            <Button icon={<FileTextOutlined />}>监测评估报告</Button>
          </Link>
        }
      />
      <Card size="small" className="section-gap-bottom">
        <Space wrap>
          <Select allowClear placeholder="年度" style={{ width: 110 }} aria-label="按年度筛选" value={year} onChange={(y?: number) => setYear(y)} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
          <Select
            allowClear
            placeholder="报送单位"
            style={{ width: 140 }}
            aria-label="按单位类型筛选"
            value={unitKind}
            onChange={(k?: 'department' | 'county') => setUnitKind(k)}
            options={[
              { value: 'department', label: '市直部门' },
              { value: 'county', label: '区县' },
            ]}
          />
        </Space>
      </Card>
      <AsyncView state={state} what="正在加载已发布的报告…">
        {(published) => {
          if (published.length === 0) return <Empty description="目前还没有公开发布的部门和区县报告" />;
          const rows = published.filter((r) => (year === undefined || r.year === year) && (unitKind === undefined || r.unitKind === unitKind));
          return (
            <List
              className="public-unit-report-list"
              itemLayout="vertical"
              dataSource={rows}
              locale={{ emptyText: '没有符合筛选条件的报告' }}
              renderItem={(r) => (
                <List.Item key={r.id} className="public-unit-report-item" data-report={r.id}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={`/public/unit-reports/${r.id}`} className="public-unit-report-link">
                          {r.title}
                        </Link>
                        <Tag color="blue">{UNIT_REPORT_KIND_LABELS[r.kind]}</Tag>
                        {r.version > 1 && <Tag color="orange">{`第${r.version}版（更正）`}</Tag>}
                        {r.superseded && <Tag>已被更正版本取代</Tag>}
                      </Space>
                    }
                    description={
                      <Space wrap size={[20, 4]}>
                        <span>报送单位：{r.unitName}</span>
                        <span>年度：{r.year}年</span>
                        <span>发布日期：{chineseDay(r.publishedAt)}</span>
                      </Space>
                    }
                  />
                  {r.correctionNote && <Typography.Paragraph type="secondary">更正说明：{r.correctionNote}</Typography.Paragraph>}
                </List.Item>
              )}
            />
          );
        }}
      </AsyncView>
    </>
  );
}
