import { useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Empty, Form, InputNumber, Modal, Select, Space, Table, Tooltip, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, GlobalOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { ApiRequestError } from '../../api/client.ts';
import { reportsApi } from '../../api/reports.endpoints.ts';
import type { CreatableReportKind, ReportKind, ReportStatus, ReportVersionView } from '../../api/reports.types.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { hasRole } from '../auth/roles.ts';
import { beijingTime } from '../monitoring/monitoring-labels.tsx';
import { DemoDataTag, PLAN_SCOPE_LABELS, REPORT_KIND_LABELS, REPORT_STATUS_LABELS, ReportStatusTag, planScopeLabel } from './report-labels.tsx';
import { groupSeries } from './report-series.ts';
import type { SeriesRow } from './report-series.ts';
import { CITY_REGION, useRegionNames, useReportRegions } from './use-region-names.ts';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The kinds an operator creates here; the evaluation reports in their years (2023 mid-term, 2025 final). */
const CREATABLE: { value: CreatableReportKind; label: string }[] = [
  { value: 'annual', label: REPORT_KIND_LABELS.annual },
  { value: 'compendium', label: REPORT_KIND_LABELS.compendium },
  { value: 'midterm', label: REPORT_KIND_LABELS.midterm },
  { value: 'final', label: REPORT_KIND_LABELS.final },
];

interface CreateValues {
  kind: CreatableReportKind;
  year: number;
  plan: 'women' | 'children' | 'all';
  region: string;
}

const defaultYear = () => Math.min(2025, Math.max(2021, new Date().getFullYear() - 1));

function CreateReportModal({ open, onCancel, onCreated }: { open: boolean; onCancel: () => void; onCreated: (id: number) => void }) {
  const [form] = Form.useForm<CreateValues>();
  const counties = useReportRegions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; existingId: number | null } | null>(null);
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      title="生成报告"
      open={open}
      okText="生成草稿"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ className: 'create-report-ok' }}
      onOk={() => form.submit()}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          className="section-gap-bottom create-report-error"
          title={error.text}
          action={error.existingId !== null ? <Link to={`/reports/${error.existingId}`}>打开该报告</Link> : undefined}
        />
      )}
      <Typography.Paragraph type="secondary">报告依据审核通过的监测数据和评估结果生成草稿；草稿可编辑文字部分，经协调组审核、妇儿工委办公室审定后发布。</Typography.Paragraph>
      <Form<CreateValues>
        form={form}
        layout="vertical"
        className="create-report-form"
        initialValues={{ kind: 'annual', year: defaultYear(), plan: 'all', region: CITY_REGION.code }}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            const created = await reportsApi.create({
              kind: values.kind,
              year: values.year,
              plan: values.plan,
              ...(values.kind === 'compendium' ? {} : { region: values.region }),
            });
            onCreated(created.id);
          } catch (err) {
            const details = err instanceof ApiRequestError ? (err.details as { id?: unknown } | undefined) : undefined;
            setError({ text: errorText(err), existingId: typeof details?.id === 'number' ? details.id : null });
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="kind" label="报告类型" rules={[{ required: true }]}>
          <Select options={CREATABLE} aria-label="报告类型" className="create-kind" />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2015} max={2035} precision={0} aria-label="年度" className="create-year" />
        </Form.Item>
        <Form.Item name="plan" label="规划" rules={[{ required: true }]}>
          <Select options={Object.entries(PLAN_SCOPE_LABELS).map(([value, label]) => ({ value, label }))} aria-label="规划" className="create-plan" />
        </Form.Item>
        {kind !== 'compendium' && (
          <Form.Item name="region" label="地区" rules={[{ required: true }]}>
            <Select
              aria-label="地区"
              className="create-region"
              options={[{ value: CITY_REGION.code, label: `${CITY_REGION.name}（全市）` }, ...counties.map((c) => ({ value: c.code, label: c.name }))]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface Filters {
  kind?: ReportKind;
  status?: ReportStatus;
  year?: number;
  plan?: string;
}

/** /reports — the reports and their versions, filters, creating a report, downloads. */
export default function ReportListPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [toast, toastHolder] = message.useMessage();
  const state = useApi((signal) => reportsApi.list({}, signal), []);
  const regionName = useRegionNames();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const canCreate = hasRole(user, 'admin', 'stats');

  const years = useMemo(() => [...new Set((state.data ?? []).map((r) => r.year))].sort((a, b) => b - a), [state.data]);

  const download = async (r: ReportVersionView) => {
    try {
      await reportsApi.downloadFile(r);
    } catch (err) {
      void toast.error(errorText(err));
    }
  };

  const columns: TableColumnsType<SeriesRow> = [
    {
      title: '报告',
      key: 'title',
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={`/reports/${r.id}`} className="report-link">
            {r.title}
          </Link>
          <DemoDataTag demo={r.demo} />
        </Space>
      ),
    },
    { title: '类型', key: 'kind', width: 150, render: (_, r) => r.kindLabel },
    { title: '年度', dataIndex: 'year', width: 70 },
    { title: '规划', key: 'plan', width: 150, render: (_, r) => planScopeLabel(r.plan) },
    { title: '地区', key: 'region', width: 90, render: (_, r) => regionName(r.regionCode) },
    {
      title: '版本',
      key: 'version',
      width: 80,
      render: (_, r) => (r.correctionNote ? <Tooltip title={`更正说明：${r.correctionNote}`}>{`第${r.version}版`}</Tooltip> : `第${r.version}版`),
    },
    { title: '状态', key: 'status', width: 90, render: (_, r) => <ReportStatusTag status={r.status} /> },
    { title: '生成', key: 'created', width: 190, render: (_, r) => `${r.createdByName} ${beijingTime(r.createdAt)}` },
    { title: '发布时间', key: 'published', width: 150, render: (_, r) => (r.publishedAt ? beijingTime(r.publishedAt) : '—') },
    {
      title: '下载',
      key: 'download',
      width: 90,
      render: (_, r) => (
        <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => download(r)} className="list-download">
          {r.fileName.endsWith('.xlsx') ? 'Excel' : 'Word'}
        </Button>
      ),
    },
  ];

  return (
    <>
      {toastHolder}
      <PageHeader
        crumbs={[{ title: '统计监测报告' }]}
        title="统计监测报告"
        subTitle="年度统计监测报告、统计资料、中期和终期评估报告：生成、审核、审定、发布"
        extra={
          <Space wrap>
            <Link to="/reports/unit-reports">
              <Button icon={<TeamOutlined />}>部门和区县年度报告</Button>
            </Link>
            <Link to="/public/reports">
              <Button icon={<GlobalOutlined />}>公开发布页</Button>
            </Link>
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} className="create-report">
                生成报告
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" className="section-gap-bottom report-filters">
        <Space wrap>
          <Select allowClear placeholder="报告类型" style={{ width: 180 }} aria-label="按类型筛选" value={filters.kind} onChange={(kind?: ReportKind) => setFilters((f) => ({ ...f, kind }))} options={Object.entries(REPORT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          <Select allowClear placeholder="状态" style={{ width: 120 }} aria-label="按状态筛选" value={filters.status} onChange={(status?: ReportStatus) => setFilters((f) => ({ ...f, status }))} options={Object.entries(REPORT_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
          <Select allowClear placeholder="年度" style={{ width: 110 }} aria-label="按年度筛选" value={filters.year} onChange={(year?: number) => setFilters((f) => ({ ...f, year }))} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
          <Select allowClear placeholder="规划" style={{ width: 180 }} aria-label="按规划筛选" value={filters.plan} onChange={(plan?: string) => setFilters((f) => ({ ...f, plan }))} options={Object.entries(PLAN_SCOPE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Space>
      </Card>
      <AsyncView state={state} what="正在加载报告…">
        {(reports) => {
          const shown = reports.filter(
            (r) =>
              (filters.kind === undefined || r.kind === filters.kind) &&
              (filters.status === undefined || r.status === filters.status) &&
              (filters.year === undefined || r.year === filters.year) &&
              (filters.plan === undefined || r.plan === filters.plan),
          );
          if (reports.length === 0) {
            return (
              <Empty description={canCreate ? '还没有生成报告：点击“生成报告”，按年度、规划和地区生成年度统计监测报告。' : '还没有生成报告。报告由妇儿工委办公室或统计局生成。'} />
            );
          }
          return (
            <Table<SeriesRow>
              className="report-table"
              size="middle"
              rowKey="id"
              columns={columns}
              dataSource={groupSeries(shown)}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              expandable={{ childrenColumnName: 'earlier' }}
              onRow={(r) => ({ 'data-report': r.id, 'data-series': r.seriesKey }) as HTMLAttributes<HTMLElement>}
              locale={{ emptyText: '没有符合筛选条件的报告' }}
            />
          );
        }}
      </AsyncView>
      <CreateReportModal
        open={creating}
        onCancel={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/reports/${id}`);
        }}
      />
    </>
  );
}
