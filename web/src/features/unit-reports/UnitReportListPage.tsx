import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Form, Input, Modal, Select, Space, Statistic, Table, Tag, Tooltip, Typography, message } from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { deadlinesApi } from '../../api/deadlines.endpoints.ts';
import { DeadlineHistory, ExtensionTags } from '../deadlines/DeadlineHistory.tsx';
import { DeadlineModal } from '../deadlines/DeadlineModal.tsx';
import { Link } from 'react-router-dom';
import { unitReportsApi } from '../../api/unit-reports.endpoints.ts';
import type { RoundOverview, UnitReportKind, UnitReportView } from '../../api/unit-reports.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useUser } from '../auth/auth-context.tsx';
import { hasRole } from '../auth/roles.ts';
import { LatenessTag, StatusTag, UNIT_REPORT_KIND_LABELS, chineseDay } from './unit-report-labels.tsx';

const KIND_OPTIONS = Object.entries(UNIT_REPORT_KIND_LABELS).map(([value, label]) => ({ value: value as UnitReportKind, label }));

function reportColumns(showUnit: boolean) {
  return [
    ...(showUnit
      ? [
          {
            title: '报送单位',
            key: 'unit',
            render: (_: unknown, r: UnitReportView) => (
              <Space>
                <Link to={`/reports/unit-reports/${r.id}`} className="unit-report-link" data-unit={r.unitName}>
                  {r.unitName}
                </Link>
                <Tag>{r.unitKind === 'department' ? '部门' : '区县'}</Tag>
              </Space>
            ),
          },
        ]
      : [
          {
            title: '报告',
            key: 'title',
            render: (_: unknown, r: UnitReportView) => (
              <Link to={`/reports/unit-reports/${r.id}`} className="unit-report-link" data-unit={r.unitName}>
                {r.title}
              </Link>
            ),
          },
        ]),
    { title: '状态', key: 'status', render: (_: unknown, r: UnitReportView) => <StatusTag status={r.status} label={r.statusLabel} /> },
    { title: '版本', dataIndex: 'version', key: 'version', render: (v: number) => `第${v}版` },
    { title: '进展评估', key: 'assessed', render: (_: unknown, r: UnitReportView) => `${r.assessedCount}/${r.itemCount}` },
    {
      title: '截止日期',
      key: 'due',
      render: (_: unknown, r: UnitReportView) => (
        <Space size={4}>
          <span className="unit-report-due">{r.dueDate}</span>
          {r.extension && (
            <Tooltip title={r.extension.reason ? `延期理由：${r.extension.reason}` : undefined}>
              <Tag color="blue" className="unit-report-extended">
                已延期
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '报送时间', key: 'submitted', render: (_: unknown, r: UnitReportView) => chineseDay(r.submittedAt) },
    { title: '期限', key: 'lateness', render: (_: unknown, r: UnitReportView) => <LatenessTag lateness={r.lateness} label={r.latenessLabel} /> },
  ];
}

function OpenRoundModal({ open, onClose, onOpened, year, kind }: { open: boolean; onClose: () => void; onOpened: (o: RoundOverview) => void; year: number; kind: UnitReportKind }) {
  const [form] = Form.useForm<{ year: number; kind: UnitReportKind; dueDate: string; note?: string; includeCounties: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      onOpened(await unitReportsApi.openRound({ year: Number(v.year), kind: v.kind, dueDate: v.dueDate, ...(v.note ? { note: v.note } : {}), includeCounties: v.includeCounties }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="发起报告轮次" open={open} onCancel={onClose} onOk={submit} okText="发起" cancelText="取消" confirmLoading={busy} destroyOnHidden okButtonProps={{ className: 'open-round-ok' }}>
      <Alert type="info" showIcon className="section-gap-bottom" title="将为每个承担规划目标任务的部门和每个区县妇儿工委生成一份报告（按其牵头或参与的目标预填），并布置截止任务。" />
      {error && <Alert type="error" showIcon className="section-gap-bottom" title={error} />}
      <Form form={form} layout="vertical" initialValues={{ year, kind, includeCounties: true }}>
        <Form.Item name="year" label="报告年度" rules={[{ required: true, message: '请填写年度' }]}>
          <Input type="number" aria-label="报告年度" />
        </Form.Item>
        <Form.Item name="kind" label="报告类型" rules={[{ required: true }]}>
          <Select options={KIND_OPTIONS} aria-label="报告类型" />
        </Form.Item>
        <Form.Item name="dueDate" label="截止日期" rules={[{ required: true, message: '请填写截止日期' }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式：YYYY-MM-DD' }]}>
          <Input placeholder="YYYY-MM-DD" aria-label="截止日期" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="includeCounties" valuePropName="checked">
          <Checkbox>包括各区县妇儿工委</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RoundTable({ roundId, onDeadlineChanged }: { roundId: number; onDeadlineChanged: () => void }) {
  const [filter, setFilter] = useState<'all' | 'overdue' | 'pending' | 'submitted'>('all');
  const [changing, setChanging] = useState(false);
  const [toast, holder] = message.useMessage();
  const state = useApi((signal) => unitReportsApi.round(roundId, signal), [roundId]);
  return (
    <AsyncView state={state} what="正在加载报送情况…">
      {(o) => {
        const rows = o.units.filter((u) => filter === 'all' || (filter === 'overdue' ? u.lateness === 'overdue' : filter === 'submitted' ? u.submittedAt !== null : u.status === 'submitted' || u.status === 'resubmitted'));
        return (
          <>
            <Card size="small" className="section-gap-bottom round-summary">
              <Space size={40} wrap>
                <Statistic title="报送单位" value={o.counts.total} />
                <Statistic title="已报送" value={o.counts.submitted} />
                <Statistic title="逾期未报送" value={o.counts.overdue} styles={o.counts.overdue > 0 ? { content: { color: '#cf1322' } } : undefined} />
                <Statistic title="逾期报送" value={o.counts.late} />
                <Statistic title="已退回" value={o.counts.returned} />
                <Statistic title="已发布" value={o.counts.published} />
                <span>
                  截止日期：<b className="round-due-date">{o.round.dueDate}</b>
                  {o.deadlineChanges.some((c) => c.unitName === null) && <Typography.Text type="secondary">（原定 {o.deadlineChanges.find((c) => c.unitName === null)?.before}，已调整）</Typography.Text>}
                </span>
                {o.canChangeDeadline && (
                  <Button icon={<CalendarOutlined />} onClick={() => setChanging(true)} className="deadline-change">
                    调整截止日期
                  </Button>
                )}
              </Space>
              {(o.extensions.length > 0 || o.deadlineChanges.length > 0) && (
                <div className="section-gap">
                  <ExtensionTags extensions={o.extensions} />
                  <DeadlineHistory changes={o.deadlineChanges} />
                </div>
              )}
            </Card>
            {holder}
            <DeadlineModal
              open={changing}
              roundDueDate={o.round.dueDate}
              units={o.units.map((u) => ({ key: `${u.unitKind}:${u.unitCode}`, name: u.unitName, dueDate: u.dueDate, departmentId: u.departmentId, regionCode: u.unitKind === 'county' ? u.regionCode : null }))}
              onClose={() => setChanging(false)}
              onSubmit={async (body) => {
                const after = await deadlinesApi.unitReportRound(o.round.id, body);
                setChanging(false);
                const change = after.deadlineChanges.at(-1);
                void toast.success(change?.unitName ? `已为${change.unitName}延期至${change.after}` : `截止日期已调整为${after.round.dueDate}`);
                state.reload();
                onDeadlineChanged();
              }}
            />
            <Space className="section-gap-bottom">
              <Select
                value={filter}
                onChange={setFilter}
                style={{ width: 160 }}
                aria-label="筛选"
                options={[
                  { value: 'all', label: '全部单位' },
                  { value: 'pending', label: '待审核' },
                  { value: 'submitted', label: '已报送' },
                  { value: 'overdue', label: '逾期未报送' },
                ]}
              />
            </Space>
            <Table<UnitReportView> rowKey="id" size="small" className="unit-report-table" dataSource={rows} columns={reportColumns(true)} pagination={false} locale={{ emptyText: '没有符合条件的单位' }} />
          </>
        );
      }}
    </AsyncView>
  );
}

/** The office's view: pick a round (year × kind), open one, see who has submitted. */
function OfficeOverview({ isOffice }: { isOffice: boolean }) {
  const thisYear = new Date().getFullYear();
  const rounds = useApi((signal) => unitReportsApi.rounds(signal), []);
  const [picked, setPicked] = useState<{ year: number; kind: UnitReportKind } | null>(null);
  const [opening, setOpening] = useState(false);
  const latest = rounds.data?.[0];
  const year = picked?.year ?? latest?.year ?? thisYear - 1;
  const kind = picked?.kind ?? latest?.kind ?? 'annual';
  const round = rounds.data?.find((r) => r.year === year && r.kind === kind);
  const years = [...new Set([...(rounds.data ?? []).map((r) => r.year), ...Array.from({ length: thisYear - 2020 }, (_, i) => thisYear - i)])].sort((a, b) => b - a);
  const openButton = isOffice && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} className="open-round">
      发起报告轮次
    </Button>
  );
  return (
    <>
      <Card size="small" className="section-gap-bottom">
        <Space wrap>
          <Select value={year} onChange={(y: number) => setPicked({ year: y, kind })} aria-label="年度" style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
          <Select value={kind} onChange={(k: UnitReportKind) => setPicked({ year, kind: k })} aria-label="报告类型" style={{ width: 220 }} options={KIND_OPTIONS} />
          {round && openButton}
        </Space>
      </Card>
      <AsyncView state={rounds} what="正在加载报告轮次…">
        {() =>
          round ? (
            <RoundTable roundId={round.id} onDeadlineChanged={rounds.reload} />
          ) : (
            <Card>
              <Empty description={`${year}年度的“${UNIT_REPORT_KIND_LABELS[kind]}”尚未发起`}>{openButton}</Empty>
            </Card>
          )
        }
      </AsyncView>
      <OpenRoundModal
        open={opening}
        year={year}
        kind={kind}
        onClose={() => setOpening(false)}
        onOpened={(o) => {
          setOpening(false);
          message.success(`已发起：共生成${o.counts.total}份报告`);
          setPicked({ year: o.round.year, kind: o.round.kind });
          rounds.reload();
        }}
      />
    </>
  );
}

function OwnReports() {
  const state = useApi((signal) => unitReportsApi.list({}, signal), []);
  return (
    <AsyncView state={state} what="正在加载本单位的报告…">
      {(rows) =>
        rows.length === 0 ? (
          <Empty description="本单位目前没有需要报送的报告" />
        ) : (
          <Table<UnitReportView> rowKey="id" size="small" className="unit-report-table" dataSource={rows} columns={[{ title: '年度', dataIndex: 'year', key: 'year' }, ...reportColumns(false)]} pagination={false} />
        )
      }
    </AsyncView>
  );
}

/** /reports/unit-reports — the office's overview of a round (who has submitted, late, overdue); a unit's own reports. */
export default function UnitReportListPage() {
  const user = useUser();
  const isOffice = hasRole(user, 'admin');
  const readsAll = isOffice || hasRole(user, 'stats', 'viewer') || (user.departmentId == null && user.regionCode === '370300');
  return (
    <>
      <PageHeader
        crumbs={[{ title: '报告' }, { title: '部门和区县年度报告' }]}
        title="部门和区县报告"
        subTitle="责任单位和区县妇儿工委每年报告规划落实情况和下一年工作安排；中期、终期评估时报送自评报告"
      />
      {readsAll ? <OfficeOverview isOffice={isOffice} /> : <OwnReports />}
    </>
  );
}
