import { useEffect, useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { plansApi } from '../../../api/responsibility-plans.endpoints.ts';
import type { CountyGoalView, CountyPlanView, CountyTargetView, TargetOp } from '../../../api/responsibility-plans.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { formatValue } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { errorText, FilingCard, FilingCheckTag, FilingStatusTag } from '../shared/plan-filing.tsx';

const OP_LABELS: Record<TargetOp, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };
const ITEM_COLORS: Record<string, string> = { adopted: 'default', adjusted: 'blue', not_applicable: 'default', added: 'green' };
const COMPARISON_COLORS: Record<string, string> = { same: 'default', stronger: 'success', weaker: 'error', not_comparable: 'warning' };

const termText = (t: { kind: CountyTargetView['kind']; op: TargetOp | null; value: number | null; unit: string | null }) =>
  t.value === null ? '' : `${t.kind === 'approx' ? '≈' : t.op ? OP_LABELS[t.op] : ''}${formatValue(t.value, t.unit)}`;

type TargetFilter = 'all' | 'weaker' | 'changed' | 'not_applicable';

interface TargetRow extends CountyTargetView {
  goalLabel: string;
}

function ItemStatusTag({ status, label }: { status: string; label: string }) {
  return (
    <Tag color={ITEM_COLORS[status]} className="item-status" data-status={status}>
      {label}
    </Tag>
  );
}

function targetColumns(canEdit: boolean, onEdit: (t: TargetRow) => void): TableColumnsType<TargetRow> {
  const cols: TableColumnsType<TargetRow> = [
    { title: '位置', dataIndex: 'goalLabel', width: 110 },
    { title: '指标', dataIndex: 'indicatorName', width: 180, render: (v: string) => <span className="indicator-name">{v}</span> },
    {
      title: '区县目标',
      key: 'county',
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <span className="county-target-text">{t.text}</span>
          {termText(t) && <Typography.Text type="secondary">{termText(t)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '市目标',
      key: 'city',
      render: (_, t) =>
        t.city ? (
          <Space orientation="vertical" size={0}>
            <span>{t.city.text}</span>
            {termText(t.city) && <Typography.Text type="secondary">{termText(t.city)}</Typography.Text>}
          </Space>
        ) : (
          <Typography.Text type="secondary">（区县新增）</Typography.Text>
        ),
    },
    {
      title: '与市目标对照',
      key: 'comparison',
      width: 220,
      render: (_, t) =>
        t.comparison ? (
          <Space orientation="vertical" size={0}>
            <Tag color={COMPARISON_COLORS[t.comparison.result]} className="comparison" data-result={t.comparison.result}>
              {t.comparison.label}
            </Tag>
            {t.comparison.result !== 'same' && (
              <Typography.Text type={t.weaker ? 'danger' : 'secondary'} className="comparison-reason">
                {t.comparison.reason}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: '状态', key: 'status', width: 100, render: (_, t) => <ItemStatusTag status={t.status} label={t.statusLabel} /> },
    { title: '理由', dataIndex: 'reason', width: 160, render: (v: string | null) => <span className="target-reason">{v ?? ''}</span> },
  ];
  if (canEdit) {
    cols.push({
      title: '操作',
      key: 'action',
      width: 80,
      fixed: 'right',
      render: (_, t) => (
        <Button size="small" className="edit-target" onClick={() => onEdit(t)}>
          调整
        </Button>
      ),
    });
  }
  return cols;
}

interface TargetFormValues {
  status: 'adjusted' | 'adopted' | 'not_applicable';
  op: TargetOp | null;
  value: number | null;
  text: string;
  reason: string;
}

function TargetModal({ target, onCancel, onSave }: { target: TargetRow | null; onCancel: () => void; onSave: (t: TargetRow, v: TargetFormValues) => Promise<void> }) {
  const [form] = Form.useForm<TargetFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (target) {
      form.setFieldsValue({ status: target.status === 'not_applicable' ? 'not_applicable' : 'adjusted', op: target.op, value: target.value, text: target.text, reason: target.reason ?? '' });
    }
  }, [target, form]);
  const status = Form.useWatch('status', form);
  return (
    <Modal
      title={target ? `调整量化目标：${target.indicatorName}` : ''}
      open={target !== null}
      okText="保存"
      width={640}
      confirmLoading={busy}
      className="target-modal"
      onCancel={onCancel}
      forceRender
      onOk={async () => {
        if (!target) return;
        const values = await form.validateFields().catch(() => null);
        if (values === null) return; // the form shows what is missing
        setBusy(true);
        setError(null);
        try {
          await onSave(target, values);
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="modal-error" style={{ marginBottom: 12 }} />}
      {target?.city && (
        <Typography.Paragraph type="secondary">
          市目标：{target.city.text}
          {termText(target.city) ? `（${termText(target.city)}）` : ''}
        </Typography.Paragraph>
      )}
      <Form<TargetFormValues> form={form} layout="vertical">
        <Form.Item name="status" label="处理">
          <Radio.Group
            options={[
              { value: 'adjusted', label: '调整' },
              ...(target?.city ? [{ value: 'adopted', label: '恢复为市目标' }] : []),
              { value: 'not_applicable', label: '不适用' },
            ]}
          />
        </Form.Item>
        {status === 'adjusted' && (
          <Space wrap>
            <Form.Item name="op" label="比较方式">
              <Select style={{ width: 120 }} allowClear aria-label="比较方式" options={Object.entries(OP_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="value" label={`目标值${target?.unit ? `（${target.unit}）` : ''}`}>
              <InputNumber style={{ width: 160 }} aria-label="目标值" />
            </Form.Item>
          </Space>
        )}
        {status === 'adjusted' && (
          <Form.Item name="text" label="目标表述" rules={[{ required: true, message: '请填写目标表述' }]}>
            <Input.TextArea rows={2} aria-label="目标表述" />
          </Form.Item>
        )}
        {status !== 'adopted' && (
          <Form.Item name="reason" label="理由" rules={status === 'not_applicable' ? [{ required: true, message: '标为不适用须说明理由' }] : []}>
            <Input.TextArea rows={2} aria-label="理由" placeholder="调整或不适用的理由（如：本区基础较弱）" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface GoalFormValues {
  status: 'adjusted' | 'not_applicable';
  text: string;
  unitsText: string;
  reason: string;
}

function GoalModal({ goal, onCancel, onSave }: { goal: CountyGoalView | null; onCancel: () => void; onSave: (g: CountyGoalView, v: GoalFormValues) => Promise<void> }) {
  const [form] = Form.useForm<GoalFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (goal) form.setFieldsValue({ status: goal.status === 'not_applicable' ? 'not_applicable' : 'adjusted', text: goal.text, unitsText: goal.unitsText, reason: goal.reason ?? '' });
  }, [goal, form]);
  const status = Form.useWatch('status', form);
  return (
    <Modal
      title={goal ? `调整目标 ${goal.domainOrd}.${goal.ord}` : ''}
      open={goal !== null}
      okText="保存"
      width={640}
      confirmLoading={busy}
      className="goal-modal"
      forceRender
      onCancel={onCancel}
      onOk={async () => {
        if (!goal) return;
        const values = await form.validateFields().catch(() => null);
        if (values === null) return; // the form shows what is missing
        setBusy(true);
        setError(null);
        try {
          await onSave(goal, values);
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="modal-error" style={{ marginBottom: 12 }} />}
      {goal?.city && <Typography.Paragraph type="secondary">市目标：{goal.city.text}</Typography.Paragraph>}
      <Form<GoalFormValues> form={form} layout="vertical">
        <Form.Item name="status" label="处理">
          <Radio.Group
            options={[
              { value: 'adjusted', label: goal?.status === 'not_applicable' ? '恢复适用' : '修改内容' },
              ...(goal?.status === 'added' ? [] : [{ value: 'not_applicable', label: '不适用' }]),
            ]}
          />
        </Form.Item>
        {status !== 'not_applicable' && (
          <Form.Item name="text" label="目标内容" rules={[{ required: true, message: '请填写目标内容' }]}>
            <Input.TextArea rows={3} aria-label="目标内容" />
          </Form.Item>
        )}
        <Form.Item name="unitsText" label="责任单位">
          <Input aria-label="责任单位" placeholder="如：区卫生健康局牵头，区教育局等" />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={status === 'not_applicable' ? [{ required: true, message: '标为不适用须说明理由' }] : []}>
          <Input.TextArea rows={2} aria-label="理由" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddGoalModal({ plan, open, onCancel, onSave }: { plan: CountyPlanView; open: boolean; onCancel: () => void; onSave: (v: { domainOrd: number; text: string; unitsText: string; reason: string }) => Promise<void> }) {
  const [form] = Form.useForm<{ domainOrd: number; text: string; unitsText: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title="新增区县目标"
      open={open}
      okText="新增"
      confirmLoading={busy}
      className="add-goal-modal"
      destroyOnHidden
      onCancel={onCancel}
      afterClose={() => setError(null)}
      onOk={async () => {
        const values = await form.validateFields().catch(() => null);
        if (values === null) return; // the form shows what is missing
        setBusy(true);
        setError(null);
        try {
          await onSave(values);
          form.resetFields();
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="modal-error" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="domainOrd" label="领域" rules={[{ required: true, message: '请选择领域' }]}>
          <Select aria-label="领域" options={plan.domains.map((d) => ({ value: d.ord, label: `${d.ord}. ${d.title}` }))} />
        </Form.Item>
        <Form.Item name="text" label="目标内容" rules={[{ required: true, message: '请填写目标内容' }]}>
          <Input.TextArea rows={3} aria-label="目标内容" />
        </Form.Item>
        <Form.Item name="unitsText" label="责任单位">
          <Input aria-label="责任单位" />
        </Form.Item>
        <Form.Item name="reason" label="理由">
          <Input.TextArea rows={2} aria-label="理由" placeholder="新增目标的理由（如：本区特色工作）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Title, promulgation date and document number: editable while a draft (or returned). */
function BasicsCard({ plan, onSave }: { plan: CountyPlanView; onSave: (v: { title: string; promulgatedAt: string | null; documentNo: string | null }) => Promise<void> }) {
  const [promulgatedAt, setPromulgatedAt] = useState<string | null>(plan.promulgatedAt);
  const [documentNo, setDocumentNo] = useState(plan.documentNo ?? '');
  const [title, setTitle] = useState(plan.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setPromulgatedAt(plan.promulgatedAt);
    setDocumentNo(plan.documentNo ?? '');
    setTitle(plan.title);
  }, [plan.promulgatedAt, plan.documentNo, plan.title]);
  const dirty = promulgatedAt !== plan.promulgatedAt || documentNo !== (plan.documentNo ?? '') || title !== plan.title;
  const s = plan.summary;
  return (
    <Card title="基本信息" className="basics-card" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon title={error} className="basics-error" style={{ marginBottom: 12 }} />}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        items={[
          { key: 'title', label: '规划名称', children: plan.can.edit ? <Input value={title} onChange={(e) => setTitle(e.target.value)} aria-label="规划名称" /> : plan.title },
          { key: 'origin', label: '来源', children: plan.origin === 'derived' ? '依据市级规划派生' : `由文本导入${plan.sourceFile ? `（${plan.sourceFile}）` : ''}` },
          {
            key: 'promulgated',
            label: '颁布日期',
            children: plan.can.edit ? (
              <DatePicker
                aria-label="颁布日期"
                className="promulgated-at-input"
                value={promulgatedAt ? dayjs(promulgatedAt) : null}
                onChange={(d) => setPromulgatedAt(d ? d.format('YYYY-MM-DD') : null)}
              />
            ) : (
              <span className="promulgated-at">{plan.promulgatedAt ?? '未登记'}</span>
            ),
          },
          { key: 'documentNo', label: '文号', children: plan.can.edit ? <Input value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} aria-label="文号" /> : (plan.documentNo ?? '—') },
          {
            key: 'goals',
            label: '主要目标',
            children: `共${s.goals}项：沿用${s.goalsByStatus.adopted}、调整${s.goalsByStatus.adjusted}、不适用${s.goalsByStatus.not_applicable}、新增${s.goalsByStatus.added}`,
          },
          {
            key: 'targets',
            label: '量化目标',
            children: (
              <>
                共{s.targets}项：沿用{s.targetsByStatus.adopted}、调整{s.targetsByStatus.adjusted}、不适用{s.targetsByStatus.not_applicable}、新增{s.targetsByStatus.added}；
                <Typography.Text type={s.weaker > 0 ? 'danger' : undefined} className="summary-weaker">
                  低于市目标{s.weaker}项
                </Typography.Text>
                ，高于市目标{s.stronger}项
                {s.missingCityTargets > 0 && `，未列出的市目标${s.missingCityTargets}项`}
              </>
            ),
          },
        ]}
      />
      {plan.can.edit && (
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          disabled={!dirty}
          loading={busy}
          className="save-basics"
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onSave({ title: title.trim(), promulgatedAt, documentNo: documentNo.trim() || null });
              void message.success('已保存');
            } catch (err) {
              setError(errorText(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          保存基本信息
        </Button>
      )}
    </Card>
  );
}

function CountyPlanBody({ initial }: { initial: CountyPlanView }) {
  const navigate = useNavigate();
  const [plan, setPlan] = useState(initial);
  useEffect(() => setPlan(initial), [initial]);
  const [filter, setFilter] = useState<TargetFilter>(initial.summary.weaker > 0 ? 'weaker' : 'all');
  const [domain, setDomain] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<TargetRow | null>(null);
  const [editingGoal, setEditingGoal] = useState<CountyGoalView | null>(null);
  const [adding, setAdding] = useState(false);

  const targets = useMemo<TargetRow[]>(
    () =>
      plan.domains.flatMap((d) => [
        ...d.goals.flatMap((g) => g.targets.map((t) => ({ ...t, goalLabel: `目标${d.ord}.${g.ord}` }))),
        ...d.measureTargets.map((t) => ({ ...t, goalLabel: `领域${d.ord} 策略措施` })),
      ]),
    [plan],
  );
  const shown = targets.filter(
    (t) =>
      (domain === null || t.domainOrd === domain) &&
      (query === '' || t.indicatorName.includes(query) || t.text.includes(query)) &&
      (filter === 'all' || (filter === 'weaker' && t.weaker) || (filter === 'changed' && (t.status === 'adjusted' || t.status === 'added')) || (filter === 'not_applicable' && t.status === 'not_applicable')),
  );
  const goals = plan.domains.flatMap((d) => d.goals).filter((g) => domain === null || g.domainOrd === domain);
  const domainOptions = [{ value: 0, label: '全部领域' }, ...plan.domains.map((d) => ({ value: d.ord, label: `${d.ord}. ${d.title}` }))];

  const goalColumns: TableColumnsType<CountyGoalView> = [
    { title: '编号', key: 'no', width: 70, render: (_, g) => `${g.domainOrd}.${g.ord}` },
    { title: '区县目标', dataIndex: 'text', render: (v: string) => <span className="goal-text">{v}</span> },
    { title: '市目标', key: 'city', render: (_, g) => (g.city ? (g.city.text === g.text ? <Typography.Text type="secondary">同左</Typography.Text> : g.city.text) : <Typography.Text type="secondary">（区县新增）</Typography.Text>) },
    { title: '责任单位', dataIndex: 'unitsText', width: 160 },
    { title: '状态', key: 'status', width: 100, render: (_, g) => <ItemStatusTag status={g.status} label={g.statusLabel} /> },
    { title: '理由', dataIndex: 'reason', width: 160, render: (v: string | null) => <span className="goal-reason">{v ?? ''}</span> },
    ...(plan.can.edit
      ? [
          {
            title: '操作',
            key: 'action',
            width: 80,
            render: (_: unknown, g: CountyGoalView) => (
              <Button size="small" className="edit-goal" onClick={() => setEditingGoal(g)}>
                调整
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: '目标责任' }, { title: '区县规划', to: '/responsibility/county-plans' }, { title: plan.region.name }]}
        title={plan.title}
        subTitle={
          <Space>
            <span>
              {plan.region.name} · {plan.kindLabel} · {plan.period.start}—{plan.period.end}年
            </span>
            <FilingStatusTag status={plan.status} label={plan.statusLabel} />
            <FilingCheckTag filing={plan.filing} />
          </Space>
        }
        extra={
          plan.can.edit && plan.status === 'draft' && plan.filedAt === null ? (
            <Button
              danger
              className="delete-plan"
              onClick={() =>
                Modal.confirm({
                  title: '删除该区县规划草稿？',
                  content: '删除后可重新依据市级规划建立或由文本导入。',
                  okText: '删除',
                  okButtonProps: { danger: true },
                  onOk: async () => {
                    try {
                      await plansApi.deleteCountyPlan(plan.id);
                      void message.success('已删除');
                      navigate('/responsibility/county-plans');
                    } catch (err) {
                      void message.error(errorText(err));
                    }
                  },
                })
              }
            >
              删除草稿
            </Button>
          ) : undefined
        }
      />
      {!plan.can.edit && plan.status !== 'filed' && plan.status !== 'reviewed' && (
        <Alert type="info" showIcon className="readonly-note" title="只读：只有本区县妇儿工委（填报员）或市妇儿工委办公室可以修改该规划" style={{ marginBottom: 16 }} />
      )}
      {plan.summary.weaker > 0 && (
        <Alert type="error" showIcon className="weaker-alert" title={`有${plan.summary.weaker}项量化目标低于市目标`} description="已在下表中标红，请说明理由或调整。" style={{ marginBottom: 16 }} />
      )}
      <BasicsCard plan={plan} onSave={async (v) => setPlan(await plansApi.updateCountyPlan(plan.id, v))} />
      <FilingCard
        record={plan}
        fileHint="报送前须登记颁布日期；规划应在颁布后1个月内报送市妇儿工委办公室。报送后不能再修改，需退回后才能修改。"
        extra={[
          { key: 'deadline', label: '报送期限', children: plan.filing.deadline ?? '颁布后1个月内' },
          {
            key: 'check',
            label: '是否按期',
            children: (
              <Space wrap>
                <FilingCheckTag filing={plan.filing} />
                <Typography.Text type="secondary" className="filing-explanation">
                  {plan.filing.explanation}
                </Typography.Text>
              </Space>
            ),
          },
        ]}
        onFile={async (filedAt) => setPlan(await plansApi.fileCountyPlan(plan.id, filedAt))}
        onReview={async (decision, note) => setPlan(await plansApi.reviewCountyPlan(plan.id, decision, note))}
      />
      <Card style={{ marginTop: 16 }} className="targets-card">
        <Tabs
          items={[
            {
              key: 'targets',
              label: `量化目标对照（${targets.length}）`,
              children: (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Select style={{ width: 260 }} value={domain ?? 0} options={domainOptions} onChange={(v) => setDomain(v === 0 ? null : v)} aria-label="领域" />
                    <Input.Search
                      allowClear
                      style={{ width: 220 }}
                      placeholder="搜索指标或目标表述"
                      aria-label="搜索指标"
                      className="target-search"
                      onSearch={(v) => setQuery(v.trim())}
                      onChange={(e) => e.target.value === '' && setQuery('')}
                    />
                    <Segmented
                      className="target-filter"
                      value={filter}
                      onChange={(v) => setFilter(v as TargetFilter)}
                      options={[
                        { value: 'all', label: '全部' },
                        { value: 'weaker', label: `低于市目标（${plan.summary.weaker}）` },
                        { value: 'changed', label: '调整和新增' },
                        { value: 'not_applicable', label: '不适用' },
                      ]}
                    />
                  </Space>
                  <Table<TargetRow>
                    className="target-table"
                    size="small"
                    rowKey="id"
                    columns={targetColumns(plan.can.edit, setEditing)}
                    dataSource={shown}
                    pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
                    scroll={{ x: 1200 }}
                    locale={{ emptyText: <Empty description={filter === 'weaker' ? '没有低于市目标的量化目标' : '没有符合条件的量化目标'} /> }}
                    rowClassName={(t) => `target-row${t.weaker ? ' row-overdue target-weaker' : ''}`}
                    onRow={(t) => ({ 'data-indicator': t.indicatorName, 'data-weaker': String(t.weaker) }) as HTMLAttributes<HTMLElement>}
                  />
                </>
              ),
            },
            {
              key: 'goals',
              label: `主要目标（${plan.summary.goals}）`,
              children: (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Select style={{ width: 260 }} value={domain ?? 0} options={domainOptions} onChange={(v) => setDomain(v === 0 ? null : v)} aria-label="领域" />
                    {plan.can.edit && (
                      <Button icon={<PlusOutlined />} className="add-goal" onClick={() => setAdding(true)}>
                        新增目标
                      </Button>
                    )}
                  </Space>
                  {plan.missingCityGoals.length > 0 && (
                    <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`区县规划未列出市级规划的${plan.missingCityGoals.length}项目标`} description={plan.missingCityGoals.map((g) => `${g.domain}.${g.goal} ${g.text}`).join('；')} />
                  )}
                  <Table<CountyGoalView>
                    className="goal-table"
                    size="small"
                    rowKey="id"
                    columns={goalColumns}
                    dataSource={goals}
                    pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
                    scroll={{ x: 1000 }}
                    rowClassName={(g) => `goal-row goal-${g.status}`}
                    onRow={(g) => ({ 'data-status': g.status }) as HTMLAttributes<HTMLElement>}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <TargetModal
        target={editing}
        onCancel={() => setEditing(null)}
        onSave={async (t, v) => {
          const body =
            v.status === 'adopted'
              ? { status: 'adopted' as const }
              : v.status === 'not_applicable'
                ? { status: 'not_applicable' as const, reason: v.reason.trim() }
                : { op: v.op ?? null, value: v.value ?? null, text: v.text.trim(), reason: v.reason.trim() || null };
          setPlan(await plansApi.updateCountyTarget(plan.id, t.id, body));
          setEditing(null);
          void message.success('已保存');
        }}
      />
      <GoalModal
        goal={editingGoal}
        onCancel={() => setEditingGoal(null)}
        onSave={async (g, v) => {
          const body =
            v.status === 'not_applicable'
              ? { status: 'not_applicable' as const, reason: v.reason.trim(), unitsText: v.unitsText ?? '' }
              : // The server derives adopted / adjusted from the text (differs from the city's goal or not).
                { text: v.text.trim(), unitsText: v.unitsText ?? '', reason: v.reason.trim() || null };
          setPlan(await plansApi.updateCountyGoal(plan.id, g.id, body));
          setEditingGoal(null);
          void message.success('已保存');
        }}
      />
      <AddGoalModal
        plan={plan}
        open={adding}
        onCancel={() => setAdding(false)}
        onSave={async (v) => {
          setPlan(await plansApi.addCountyGoal(plan.id, { domainOrd: v.domainOrd, text: v.text, unitsText: v.unitsText, reason: v.reason || null }));
          setAdding(false);
          void message.success('已新增目标');
        }}
      />
    </>
  );
}

/** One county plan: its goals and targets against the city's, promulgation, filing, the office's review. */
export default function CountyPlanPage() {
  const id = Number(useParams().id);
  const state = useApi((signal) => plansApi.countyPlan(id, signal), [id]);
  return (
    <AsyncView state={state} what="正在加载区县规划…" header={<PageHeader crumbs={[{ title: '目标责任' }, { title: '区县规划', to: '/responsibility/county-plans' }, { title: `规划 ${id}` }]} title="区县规划" />}>
      {(plan) => <CountyPlanBody initial={plan} />}
    </AsyncView>
  );
}
