import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Space, Table, Tag, Timeline, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, MinusCircleOutlined, PlusOutlined, RiseOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation.endpoints.ts';
import type { NewStep } from '../../api/evaluation.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { StepView, WarningDetail } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { beijingTime } from '../monitoring/monitoring-labels.tsx';
import { valueText } from './evaluation-format.ts';
import { EvaluationStatusTag, WarningLevelTag, WarningStatusTag } from './evaluation-labels.tsx';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function CountermeasureForm({ onSubmit }: { onSubmit: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <div className="countermeasure-form">
      <Input.TextArea
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="分析原因，提出对策建议（如：加强高危孕产妇专案管理，完善危重孕产妇救治网络……）"
        aria-label="对策建议"
      />
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        disabled={!text.trim()}
        loading={busy}
        className="submit-countermeasure"
        onClick={async () => {
          setBusy(true);
          try {
            await onSubmit(text.trim());
            setText('');
          } finally {
            setBusy(false);
          }
        }}
      >
        提交对策建议
      </Button>
    </div>
  );
}

interface StepFormValues {
  steps: { description: string; dueDate: { format(f: string): string } | null; owner: string }[];
}

function StepsForm({ onSubmit }: { onSubmit: (steps: NewStep[]) => Promise<void> }) {
  const [form] = Form.useForm<StepFormValues>();
  const [busy, setBusy] = useState(false);
  return (
    <Form<StepFormValues>
      form={form}
      className="steps-form"
      initialValues={{ steps: [{ description: '', dueDate: null, owner: '' }] }}
      onFinish={async (values) => {
        setBusy(true);
        try {
          await onSubmit(values.steps.map((s) => ({ description: s.description.trim(), dueDate: s.dueDate ? s.dueDate.format('YYYY-MM-DD') : '', owner: s.owner.trim() })));
          form.resetFields();
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form.List name="steps">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap className="step-input" data-index={i}>
                <Form.Item name={[field.name, 'description']} rules={[{ required: true, message: '请填写整改措施' }]}>
                  <Input placeholder={`第${i + 1}项整改措施`} style={{ width: 380 }} aria-label={`第${i + 1}项整改措施`} />
                </Form.Item>
                <Form.Item name={[field.name, 'dueDate']} rules={[{ required: true, message: '请选择完成时限' }]}>
                  <DatePicker placeholder="完成时限" aria-label={`第${i + 1}项完成时限`} />
                </Form.Item>
                <Form.Item name={[field.name, 'owner']} rules={[{ required: true, message: '请填写责任人' }]}>
                  <Input placeholder="责任科室/责任人" style={{ width: 180 }} aria-label={`第${i + 1}项责任人`} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} aria-label="删除此项" />}
              </Space>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ description: '', dueDate: null, owner: '' })}>
                再加一项
              </Button>
              <Button type="primary" htmlType="submit" loading={busy} className="submit-steps">
                提交整改措施
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}

function CompleteStepModal({ step, onCancel, onConfirm }: { step: StepView | null; onCancel: () => void; onConfirm: (note: string, evidence: string | null) => Promise<void> }) {
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setNote('');
    setEvidence('');
    setError(null);
  }, [step]);
  return (
    <Modal
      title={step ? `第${step.ord}项整改措施完成` : ''}
      open={step !== null}
      okText="确认完成"
      okButtonProps={{ disabled: !note.trim() }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await onConfirm(note.trim(), evidence.trim() || null);
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom" />}
      <Typography.Paragraph>{step?.description}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="完成情况" required>
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-label="完成情况" />
        </Form.Item>
        <Form.Item label="佐证材料（文号、链接等，可不填）">
          <Input value={evidence} onChange={(e) => setEvidence(e.target.value)} aria-label="佐证材料" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TextModal(props: { open: boolean; title: string; label: string; okText: string; required: boolean; danger?: boolean; onCancel: () => void; onConfirm: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title={props.title}
      open={props.open}
      okText={props.okText}
      okButtonProps={{ disabled: props.required && !text.trim(), danger: props.danger }}
      confirmLoading={busy}
      onCancel={props.onCancel}
      destroyOnHidden
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await props.onConfirm(text.trim());
          setText('');
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom" />}
      <Form layout="vertical">
        <Form.Item label={props.label} required={props.required}>
          <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-label={props.label} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WarningView({ warning, onChange }: { warning: WarningDetail; onChange: (w: WarningDetail) => void }) {
  const [toast, holder] = message.useMessage();
  const [completing, setCompleting] = useState<StepView | null>(null);
  const [closing, setClosing] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const w = warning;
  const act = async (work: () => Promise<WarningDetail>, done: string) => {
    try {
      onChange(await work());
      void toast.success(done);
    } catch (err) {
      void toast.error(errorText(err));
      throw err;
    }
  };
  const pending = w.steps.filter((s) => s.status !== 'done').length;
  const stepColumns: TableColumnsType<StepView> = [
    { title: '序号', dataIndex: 'ord', width: 60 },
    { title: '整改措施', dataIndex: 'description' },
    { title: '完成时限', dataIndex: 'dueDate', width: 110, render: (d: string, s) => <span style={{ color: s.overdue ? '#cf1322' : undefined }}>{d}{s.overdue ? '（逾期）' : ''}</span> },
    { title: '责任人', dataIndex: 'owner', width: 140 },
    {
      title: '完成情况',
      key: 'status',
      width: 260,
      render: (_: unknown, s) =>
        s.status === 'done' ? (
          <Space orientation="vertical" size={0}>
            <Tag color="success">已完成</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {beijingTime(s.doneAt)} {s.doneBy}：{s.doneNote}
              {s.evidence ? `（佐证：${s.evidence}）` : ''}
            </Typography.Text>
          </Space>
        ) : w.permissions.completeStep ? (
          <Button size="small" icon={<CheckCircleOutlined />} onClick={() => setCompleting(s)} className="complete-step">
            标记完成
          </Button>
        ) : (
          <Tag>未完成</Tag>
        ),
    },
  ];
  return (
    <>
      {holder}
      <PageHeader
        crumbs={[{ title: '评估预警', to: '/evaluation' }, { title: '预警与整改', to: '/evaluation/warnings' }, { title: `${w.indicatorName}（${w.regionName}）` }]}
        title={
          <Space wrap>
            <span>
              {w.year}年 {w.indicatorName}
            </span>
            <WarningLevelTag level={w.level} label={w.levelLabel} />
            <WarningStatusTag status={w.status} label={w.statusLabel} />
          </Space>
        }
        documentTitle={`预警：${w.indicatorName}（${w.regionName}）`}
        subTitle={`${w.regionName} · ${w.kindLabel} · 责任单位：${w.department?.name ?? '—'}`}
        extra={
          <Space>
            {w.permissions.escalate && (
              <Button icon={<RiseOutlined />} danger onClick={() => setEscalating(true)} className="escalate-warning">
                升级
              </Button>
            )}
            {w.permissions.close && (
              <Button type="primary" onClick={() => setClosing(true)} disabled={pending > 0 || w.steps.length === 0 || w.countermeasures.length === 0} className="close-warning">
                销号
              </Button>
            )}
          </Space>
        }
      />
      <div className="section-gap">
        {w.permissions.close && (pending > 0 || w.steps.length === 0 || w.countermeasures.length === 0) && (
          <Alert
            type="info"
            showIcon
            title={
              w.countermeasures.length === 0
                ? '等待责任单位提交对策建议和整改措施，全部整改措施完成后方可销号'
                : w.steps.length === 0
                  ? '等待责任单位制定整改措施'
                  : `尚有${pending}项整改措施未完成，完成后方可销号`
            }
          />
        )}
        <Card title="预警信息" size="small">
          <div className="warning-reason">{w.reason}</div>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            style={{ marginTop: 12 }}
            items={[
              { key: 'target', label: '规划目标', children: w.targetText },
              { key: 'status', label: '评估状态', children: <EvaluationStatusTag status={w.evaluationStatus} /> },
              { key: 'latest', label: '最新值', children: w.latestValue === null ? '—' : `${valueText(w.latestValue, w.unit)}（${w.latestYear}年）` },
              { key: 'targetValue', label: '目标值', children: valueText(w.targetValue, w.unit) },
              { key: 'projected', label: '推算值', children: valueText(w.projected, w.unit) },
              { key: 'generated', label: '生成时间', children: beijingTime(w.generatedAt) },
              ...(w.recurrenceText ? [{ key: 'recur', label: '连续预警', children: w.previous ? <Link to={`/evaluation/warnings/${w.previous.id}`}>{w.recurrenceText}</Link> : w.recurrenceText }] : []),
              ...(w.escalations > 0 ? [{ key: 'esc', label: `已升级${w.escalations}次`, children: w.escalationReason ?? '' }] : []),
              ...(w.closedAt ? [{ key: 'closed', label: '销号', children: `${beijingTime(w.closedAt)}${w.closeNote ? `：${w.closeNote}` : ''}` }] : []),
              {
                key: 'indicator',
                label: '指标评估',
                children: <Link to={`/evaluation/indicators/${encodeURIComponent(w.indicatorCode)}?year=${w.year}${w.regionLevel === 'county' ? `&region=${w.regionCode}` : ''}`}>查看评估依据和图表</Link>,
              },
            ]}
          />
        </Card>
        <Card title={`对策建议（${w.countermeasures.length}）`} size="small" className="countermeasures-card">
          {w.countermeasures.length > 0 ? (
            <List
              size="small"
              dataSource={w.countermeasures}
              renderItem={(c) => (
                <List.Item className="countermeasure">
                  <div>
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.text}</Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.author} · {beijingTime(c.createdAt)}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            !w.permissions.answer && <Empty description="责任单位尚未提交对策建议" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
          {w.permissions.answer && (
            <CountermeasureForm onSubmit={(text) => act(() => evaluationApi.addCountermeasure(w.id, text), '对策建议已提交')} />
          )}
        </Card>
        <Card title={`整改措施（${w.steps.length - pending}/${w.steps.length} 项完成）`} size="small" className="steps-card">
          {w.steps.length > 0 && (
            <Table<StepView> className="steps-table" rowKey="id" size="small" pagination={false} columns={stepColumns} dataSource={w.steps} style={{ marginBottom: w.permissions.answer ? 16 : 0 }} />
          )}
          {w.steps.length === 0 && !w.permissions.answer && <Empty description="尚未制定整改措施" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {w.permissions.answer && <StepsForm onSubmit={(steps) => act(() => evaluationApi.addSteps(w.id, steps), `已添加${steps.length}项整改措施`)} />}
        </Card>
        <Card title="处理记录" size="small" className="history-card">
          <Timeline
            items={[...w.history].reverse().map((h) => ({
              key: h.id,
              content: (
                <div className="warning-event" data-action={h.action}>
                  <Typography.Text strong>{h.actionLabel}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {beijingTime(h.at)} · {h.user}
                    </Typography.Text>
                  </div>
                  {h.reason && <div className="audit-reason">{h.reason}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </div>
      <CompleteStepModal
        step={completing}
        onCancel={() => setCompleting(null)}
        onConfirm={async (note, evidence) => {
          if (!completing) return;
          await act(() => evaluationApi.completeStep(w.id, completing.id, note, evidence), `第${completing.ord}项整改措施已完成`);
          setCompleting(null);
        }}
      />
      <TextModal
        open={closing}
        title="销号"
        label="销号说明（可不填）"
        okText="销号"
        required={false}
        onCancel={() => setClosing(false)}
        onConfirm={async (note) => {
          await act(() => evaluationApi.close(w.id, note || undefined), '预警已销号');
          setClosing(false);
        }}
      />
      <TextModal
        open={escalating}
        title="升级预警"
        label="升级原因"
        okText="升级"
        required
        danger
        onCancel={() => setEscalating(false)}
        onConfirm={async (reason) => {
          await act(() => evaluationApi.escalate(w.id, reason), '预警已升级');
          setEscalating(false);
        }}
      />
    </>
  );
}

/** A warning: the reason, the department's countermeasures and rectification steps, closure or escalation. */
export default function WarningPage() {
  const { id = '' } = useParams();
  const initial = useApi((signal) => evaluationApi.warning(Number(id), signal), [id]);
  const [latest, setLatest] = useState<WarningDetail | undefined>(undefined);
  useEffect(() => setLatest(initial.data), [initial.data]);
  const onChange = useCallback((w: WarningDetail) => setLatest(w), []);
  return (
    <AsyncView
      state={{ ...initial, data: latest ?? initial.data }}
      what="正在加载预警…"
      header={<PageHeader crumbs={[{ title: '评估预警', to: '/evaluation' }, { title: '预警与整改', to: '/evaluation/warnings' }, { title: `预警${id}` }]} title="预警" />}
    >
      {(w) => <WarningView warning={w} onChange={onChange} />}
    </AsyncView>
  );
}
