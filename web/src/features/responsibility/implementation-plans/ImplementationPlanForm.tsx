import { useEffect, useState } from 'react';
import { Alert, Checkbox, Empty, Form, Input, InputNumber, Modal, Select, Space, Spin, Typography } from 'antd';
import { api } from '../../../api/endpoints.ts';
import type { DepartmentDetail } from '../../../api/types.ts';
import type { GoalRef, ImplementationPlanInput } from '../../../api/responsibility-plans.endpoints.ts';
import { errorText } from '../shared/plan-filing.tsx';

export interface ImplementationPlanFormValues {
  departmentId?: number;
  title: string;
  periodStart: number;
  periodEnd: number;
  documentNo?: string;
  content?: string;
  goals: string[];
}

const refKey = (g: GoalRef) => `${g.plan}/${g.domain}/${g.goal}`;
const refOf = (key: string): GoalRef => {
  const [plan, domain, goal] = key.split('/');
  return { plan: plan as GoalRef['plan'], domain: Number(domain), goal: Number(goal) };
};

export function toInput(values: ImplementationPlanFormValues): ImplementationPlanInput {
  return {
    department: values.departmentId ?? null,
    title: values.title.trim(),
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    documentNo: values.documentNo?.trim() || null,
    content: values.content ?? '',
    goals: values.goals.map(refOf),
  };
}

export const goalKeys = (goals: readonly GoalRef[]): string[] => goals.map(refKey);

/** The goals a department leads or shares (a plan may cover only those): checkboxes, lead goals first. */
function DepartmentGoals({ departmentId, value, onChange }: { departmentId: number | null; value?: string[]; onChange?: (v: string[]) => void }) {
  const [detail, setDetail] = useState<DepartmentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setError(null);
    if (departmentId === null) return;
    const controller = new AbortController();
    api.department(departmentId, controller.signal).then(setDetail, (err: unknown) => !controller.signal.aborted && setError(errorText(err)));
    return () => controller.abort();
  }, [departmentId]);
  if (departmentId === null) return <Typography.Text type="secondary">请先选择单位</Typography.Text>;
  if (error) return <Alert type="error" showIcon title={error} />;
  if (detail === null) return <Spin size="small" />;
  const options = [
    ...detail.lead.map((g) => ({ g, role: '牵头' })),
    ...detail.responsible.map((g) => ({ g, role: '参与' })),
  ];
  if (options.length === 0) return <Empty description="规划未列该单位为任何目标的牵头或责任单位" />;
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} className="goal-checkboxes" style={{ maxHeight: 260, overflowY: 'auto', display: 'block' }}>
      <Space orientation="vertical">
        {options.map(({ g, role }) => {
          const key = refKey({ plan: g.plan.kind, domain: g.domain.ord, goal: g.ord });
          return (
            <Checkbox key={key} value={key} data-goal={key}>
              [{role}] {g.plan.kind === 'women' ? '妇女' : '儿童'}规划 领域{g.domain.ord} 目标{g.ord}：{g.text.length > 50 ? `${g.text.slice(0, 50)}…` : g.text}
            </Checkbox>
          );
        })}
      </Space>
    </Checkbox.Group>
  );
}

/** Create or edit an implementation plan. `departments` given: the office picks the department. */
export function ImplementationPlanModal({
  open,
  title,
  okText,
  departmentId,
  departments,
  initialValues,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  okText: string;
  departmentId: number | null;
  departments?: { id: number; name: string }[];
  initialValues?: Partial<ImplementationPlanFormValues>;
  onCancel: () => void;
  onSubmit: (values: ImplementationPlanFormValues) => Promise<void>;
}) {
  const [form] = Form.useForm<ImplementationPlanFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const picked = Form.useWatch('departmentId', form);
  const dept = departments ? (picked ?? null) : departmentId;
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      width={760}
      confirmLoading={busy}
      className="implementation-plan-modal"
      destroyOnHidden
      afterClose={() => setError(null)}
      onCancel={onCancel}
      onOk={async () => {
        const values = await form.validateFields().catch(() => null);
        if (values === null) return; // the form shows what is missing
        setBusy(true);
        setError(null);
        try {
          await onSubmit(values);
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="modal-error" style={{ marginBottom: 12 }} />}
      <Form<ImplementationPlanFormValues> form={form} layout="vertical" preserve={false} initialValues={{ periodStart: 2021, periodEnd: 2025, goals: [], ...initialValues }}>
        {departments && (
          <Form.Item name="departmentId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch optionFilterProp="label" aria-label="单位" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label="方案名称" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }]}>
          <Input aria-label="方案名称" placeholder="如：市卫生健康委贯彻落实淄博市“十四五”妇女发展规划实施方案" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="periodStart" label="开始年份" rules={[{ required: true, message: '请填写开始年份' }]}>
            <InputNumber min={2000} max={2100} aria-label="开始年份" />
          </Form.Item>
          <Form.Item name="periodEnd" label="结束年份" rules={[{ required: true, message: '请填写结束年份' }]}>
            <InputNumber min={2000} max={2100} aria-label="结束年份" />
          </Form.Item>
          <Form.Item name="documentNo" label="文号">
            <Input aria-label="文号" style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="goals" label="对应的主要目标（本单位牵头或参与的目标）" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项目标' }]}>
          <DepartmentGoals departmentId={dept} />
        </Form.Item>
        <Form.Item name="content" label="方案内容">
          <Input.TextArea rows={6} aria-label="方案内容" placeholder="工作目标、主要措施、责任分工、进度安排……" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
