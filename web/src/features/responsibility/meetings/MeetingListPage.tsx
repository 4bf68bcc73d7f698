import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, DatePicker, Descriptions, Drawer, Empty, Form, Input, Select, Space, Spin, Table, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, MinusCircleOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { MEETING_KIND_LABELS, MEETING_KINDS } from '../../../../../src/core/responsibility/responsibility.types.ts';
import { meetingApi } from '../../../api/supervision.endpoints.ts';
import type { DecisionView, MeetingKind, MeetingView, NewDecision } from '../../../api/supervision.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useUser } from '../../auth/auth-context.tsx';
import { hasRole } from '../../auth/roles.ts';
import { beijingTime } from '../../monitoring/monitoring-labels.tsx';
import { FollowUpStateTag, FollowUpTaskCell } from '../shared/FollowUpTags.tsx';
import { FormModal, isoOf, type DateValue } from '../shared/FormModal.tsx';
import { UnitNames } from '../shared/UnitNames.tsx';
import { UnitSelect } from '../shared/UnitSelect.tsx';
import { ownerFromValue, unitFromValue } from '../shared/unit-options.ts';

const KIND_OPTIONS = MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }));
const KIND_COLORS: Record<MeetingKind, string> = { plenary: 'red', liaison: 'blue', work_conference: 'purple', other: 'default' };

interface DecisionFields {
  text: string;
  owner?: string | null;
  dueDate?: DateValue | null;
}

interface MeetingFields {
  kind: MeetingKind;
  title?: string;
  heldOn: DateValue | null;
  location?: string;
  attendees?: string[];
  minutes?: string;
  decisions?: DecisionFields[];
}

const decisionOf = (d: DecisionFields): NewDecision => ({ text: d.text.trim(), owner: ownerFromValue(d.owner), dueDate: isoOf(d.dueDate) ?? null });

function DecisionFieldsItems({ prefix = [], label = '' }: { prefix?: (string | number)[]; label?: string }) {
  return (
    <>
      <Form.Item name={[...prefix, 'text']} label={`${label}议定事项`} rules={[{ required: true, whitespace: true, message: '请填写议定事项' }]}>
        <Input.TextArea rows={2} aria-label={`${label}议定事项`} placeholder="如：各成员单位于4月底前报送年度工作要点" />
      </Form.Item>
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name={[...prefix, 'owner']} label={`${label}责任单位`} style={{ flex: 1 }}>
          <UnitSelect ariaLabel={`${label}责任单位`} />
        </Form.Item>
        <Form.Item name={[...prefix, 'dueDate']} label={`${label}完成时限`}>
          <DatePicker aria-label={`${label}完成时限`} placeholder="完成时限" />
        </Form.Item>
      </Space.Compact>
    </>
  );
}

function MeetingFormItems() {
  return (
    <>
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name="kind" label="会议类别" rules={[{ required: true, message: '请选择会议类别' }]} style={{ width: 220 }}>
          <Select options={KIND_OPTIONS} aria-label="会议类别" />
        </Form.Item>
        <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
          <DatePicker aria-label="会议日期" placeholder="会议日期" />
        </Form.Item>
        <Form.Item name="location" label="地点" style={{ flex: 1 }}>
          <Input aria-label="地点" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="title" label="会议名称（可不填）" extra="不填则为“年份＋会议类别”，如“2024年妇儿工委全体会议”">
        <Input aria-label="会议名称" />
      </Form.Item>
      <Form.Item name="attendees" label="参会单位">
        <UnitSelect multiple ariaLabel="参会单位" />
      </Form.Item>
      <Form.Item name="minutes" label="会议纪要">
        <Input.TextArea rows={4} aria-label="会议纪要" />
      </Form.Item>
      <Form.List name="decisions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <div key={field.key} className="decision-input" style={{ border: '1px dashed #d9d9d9', padding: '8px 12px', marginBottom: 8, borderRadius: 6 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <strong>议定事项 {i + 1}</strong>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={`删除事项${i + 1}`} />
                </Space>
                <DecisionFieldsItems prefix={[field.name]} label={`事项${i + 1}`} />
              </div>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ text: '' })} className="add-decision-input">
              添加议定事项
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

type Action = { kind: 'assign' | 'complete'; decision: DecisionView } | { kind: 'add' } | null;

/** A meeting in a drawer: attendees, minutes, decisions and the tasks they became. */
function MeetingDetail({ meeting, onChange }: { meeting: MeetingView; onChange: (m: MeetingView) => void }) {
  const [toast, holder] = message.useMessage();
  const [action, setAction] = useState<Action>(null);
  const m = meeting;
  const decision = action !== null && action.kind !== 'add' ? action.decision : null;
  const finish = (next: MeetingView, text: string) => {
    onChange(next);
    setAction(null);
    void toast.success(text);
  };
  const columns: TableColumnsType<DecisionView> = [
    { title: '序号', dataIndex: 'ord', width: 56 },
    { title: '议定事项', dataIndex: 'text', render: (t: string) => <span className="decision-text">{t}</span> },
    {
      title: '责任单位与时限',
      key: 'owner',
      width: 150,
      render: (_: unknown, d) => (
        <Space orientation="vertical" size={0}>
          <span>{d.owner?.name ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.dueDate ? `${d.dueDate}前` : '未定时限'}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '任务', key: 'task', width: 220, render: (_: unknown, d) => <FollowUpTaskCell task={d.task} /> },
    { title: '状态', key: 'state', width: 100, render: (_: unknown, d) => <FollowUpStateTag state={d.state} label={d.stateLabel} /> },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_: unknown, d) => (
        <Space orientation="vertical" size={4}>
          {m.can.manage && (d.task === null || d.task.status === 'cancelled') && (
            <Button size="small" type="primary" icon={<SendOutlined />} className="assign-decision" onClick={() => setAction({ kind: 'assign', decision: d })}>
              转为任务
            </Button>
          )}
          {d.task?.can.complete && (
            <Button size="small" icon={<CheckCircleOutlined />} className="complete-decision" onClick={() => setAction({ kind: 'complete', decision: d })}>
              办结
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <div className="meeting-detail" data-meeting-id={m.id}>
      {holder}
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'kind', label: '会议类别', children: <Tag color={KIND_COLORS[m.kind]}>{m.kindLabel}</Tag> },
          { key: 'date', label: '会议日期', children: m.heldOn },
          { key: 'location', label: '地点', children: m.location || '—' },
          { key: 'by', label: '登记', children: `${m.createdBy} · ${beijingTime(m.createdAt)}` },
          { key: 'attendees', label: `参会单位（${m.attendees.length}）`, span: 2, children: <UnitNames units={m.attendees} /> },
          { key: 'minutes', label: '会议纪要', span: 2, children: <div className="meeting-minutes" style={{ whiteSpace: 'pre-wrap' }}>{m.minutes || '—'}</div> },
        ]}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '16px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          议定事项（{m.decisions.length}项，未办结{m.openDecisions}项）
        </Typography.Title>
        {m.can.manage && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAction({ kind: 'add' })} className="add-decision">
            新增议定事项
          </Button>
        )}
      </Space>
      <Table<DecisionView>
        className="decisions-table"
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={m.decisions}
        onRow={(d) => ({ 'data-state': d.state, 'data-decision-id': d.id }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty description="本次会议未登记议定事项" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      />

      <FormModal<DecisionFields>
        open={action?.kind === 'add'}
        title="新增议定事项"
        okText="保存"
        width={640}
        onCancel={() => setAction(null)}
        onSubmit={async (values) => finish(await meetingApi.addDecision(m.id, decisionOf(values)), '已登记议定事项')}
      >
        <DecisionFieldsItems />
      </FormModal>

      <FormModal<{ owner?: string | null; dueDate?: DateValue | null }>
        key={`assign-${decision?.id ?? 0}`}
        open={action?.kind === 'assign'}
        title="议定事项转为任务"
        okText="布置任务"
        className="assign-decision-modal"
        onCancel={() => setAction(null)}
        onSubmit={async (values) =>
          finish(await meetingApi.assign(decision!.id, { owner: ownerFromValue(values.owner), dueDate: isoOf(values.dueDate) }), '已转为任务')
        }
      >
        <Typography.Paragraph>{decision?.text}</Typography.Paragraph>
        <Form.Item
          name="owner"
          label="责任单位"
          extra={decision?.owner ? `不选则由事项的责任单位“${decision.owner.name}”负责` : '该事项未定责任单位，须选择'}
          rules={decision?.owner ? [] : [{ required: true, message: '请选择责任单位' }]}
        >
          <UnitSelect ariaLabel="任务责任单位" />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label="截止日期"
          extra={decision?.dueDate ? `不选则按事项的完成时限 ${decision.dueDate}` : '该事项未定完成时限，须选择'}
          rules={decision?.dueDate ? [] : [{ required: true, message: '请选择截止日期' }]}
        >
          <DatePicker aria-label="任务截止日期" placeholder="截止日期" />
        </Form.Item>
      </FormModal>

      <FormModal<{ note?: string }>
        key={`complete-${decision?.id ?? 0}`}
        open={action?.kind === 'complete'}
        title="办结议定事项任务"
        okText="办结"
        className="complete-decision-modal"
        onCancel={() => setAction(null)}
        onSubmit={async (values) => {
          await meetingApi.completeTask(decision!.task!.id, values.note?.trim() || undefined);
          finish(await meetingApi.get(m.id), '任务已办结');
        }}
      >
        <Typography.Paragraph>{decision?.text}</Typography.Paragraph>
        <Form.Item name="note" label="办结说明（可不填）">
          <Input.TextArea rows={3} aria-label="办结说明" />
        </Form.Item>
      </FormModal>
    </div>
  );
}

function MeetingDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const state = useApi((signal) => (id === null ? Promise.resolve(undefined) : meetingApi.get(id, signal)), [id]);
  const [latest, setLatest] = useState<MeetingView | undefined>(undefined);
  useEffect(() => setLatest(undefined), [id]);
  const meeting = latest ?? state.data;
  const onChange = useCallback(
    (m: MeetingView) => {
      setLatest(m);
      onChanged();
    },
    [onChanged],
  );
  return (
    <Drawer open={id !== null} onClose={onClose} size={980} title={meeting ? `${meeting.heldOn} ${meeting.title}` : '会议详情'} className="meeting-drawer" destroyOnHidden>
      {state.error ? (
        <Alert type="error" showIcon title="加载失败" description={state.error.message} />
      ) : meeting === undefined ? (
        <Spin />
      ) : (
        <MeetingDetail meeting={meeting} onChange={onChange} />
      )}
    </Drawer>
  );
}

/** Meetings (妇儿工委全体会议, 联络员会议 …): date, attendees, minutes; decisions become tasks. */
export default function MeetingListPage() {
  const user = useUser();
  const office = hasRole(user, 'admin');
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as MeetingKind | null) ?? undefined;
  const openId = Number(params.get('meeting')) || null;
  const [creating, setCreating] = useState(false);
  const state = useApi((signal) => meetingApi.list({ kind }, signal), [kind]);
  const { reload } = state;
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: key !== 'meeting' },
    );

  const columns: TableColumnsType<MeetingView> = [
    { title: '会议日期', dataIndex: 'heldOn', width: 110 },
    { title: '类别', key: 'kind', width: 150, render: (_: unknown, m) => <Tag color={KIND_COLORS[m.kind]}>{m.kindLabel}</Tag> },
    {
      title: '会议名称',
      dataIndex: 'title',
      render: (t: string, m) => (
        <Button type="link" style={{ padding: 0 }} className="meeting-link" onClick={() => setParam('meeting', String(m.id))}>
          {t}
        </Button>
      ),
    },
    { title: '参会单位', key: 'attendees', render: (_: unknown, m) => <UnitNames units={m.attendees} max={5} /> },
    {
      title: '议定事项',
      key: 'decisions',
      width: 150,
      render: (_: unknown, m) =>
        m.decisions.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : m.openDecisions === 0 ? (
          <Tag color="success">{m.decisions.length}项，全部办结</Tag>
        ) : (
          <Badge status="processing" text={`${m.decisions.length}项，未办结${m.openDecisions}项`} />
        ),
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: '责任落实', to: '/responsibility' }, { title: '会议' }]}
        title="会议"
        subTitle="妇儿工委全体会议、联络员会议等议事协调会议：纪要和议定事项，议定事项转为任务并跟踪办结"
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} className="create-meeting">
              登记会议
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <span>会议类别</span>
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 200 }}
          value={kind}
          options={KIND_OPTIONS}
          onChange={(v: MeetingKind | undefined) => setParam('kind', v ?? null)}
          aria-label="会议类别筛选"
        />
      </Space>
      <AsyncView state={state} what="正在加载会议记录…">
        {(list) => (
          <Table<MeetingView>
            className="meeting-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={office ? '尚无会议记录，点击右上角“登记会议”录入' : '尚无会议记录'} /> }}
          />
        )}
      </AsyncView>
      <MeetingDrawer id={openId} onClose={() => setParam('meeting', null)} onChanged={reload} />
      <FormModal<MeetingFields>
        open={creating}
        title="登记会议"
        okText="保存"
        width={760}
        className="meeting-modal"
        initialValues={{ kind: 'plenary', attendees: [], decisions: [] }}
        onCancel={() => setCreating(false)}
        onSubmit={async (v) => {
          const created = await meetingApi.create({
            kind: v.kind,
            title: v.title?.trim() || undefined,
            heldOn: isoOf(v.heldOn) ?? '',
            location: v.location?.trim() ?? '',
            minutes: v.minutes?.trim() ?? '',
            attendees: (v.attendees ?? []).map(unitFromValue),
            decisions: (v.decisions ?? []).filter((d) => d.text?.trim()).map(decisionOf),
          });
          setCreating(false);
          reload();
          setParam('meeting', String(created.id));
        }}
      >
        <MeetingFormItems />
      </FormModal>
    </>
  );
}
