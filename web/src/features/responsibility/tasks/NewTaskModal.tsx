import { useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../api/endpoints.ts';
import { responsibilityApi } from '../../../api/responsibility.endpoints.ts';
import type { TaskKind, TaskView } from '../../../api/responsibility.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { kindOptions } from '../shared/task-labels.ts';

interface Values {
  title: string;
  kind: TaskKind;
  owner: string;
  dueDate: Dayjs;
  year?: number | null;
  description?: string;
  reminderDays?: number[];
}

const REMINDER_OPTIONS = [30, 14, 7, 3, 1, 0].map((d) => ({ value: d, label: d === 0 ? '当天' : `提前${d}天` }));

/** 布置任务: the office assigns a task to a department or a county (the statistics bureau: data-round tasks only). */
export function NewTaskModal({ open, statsOnly, onClose, onCreated }: { open: boolean; statsOnly: boolean; onClose: () => void; onCreated: (task: TaskView) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [toast, holder] = message.useMessage();
  const departments = useApi((signal) => (open ? api.departments(signal) : Promise.resolve([])), [open]);
  const counties = useApi((signal) => (open ? api.regions({ parent: '370300' }, signal) : Promise.resolve([])), [open]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const task = await responsibilityApi.createTask({
        title: v.title.trim(),
        kind: v.kind,
        description: v.description?.trim() || undefined,
        owner: v.owner.startsWith('d:') ? { departmentId: Number(v.owner.slice(2)) } : { regionCode: v.owner.slice(2) },
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        reminderDays: v.reminderDays,
        year: v.year ?? null,
      });
      void toast.success(`已布置任务“${task.title}”，${task.dueDate}截止`);
      form.resetFields();
      onCreated(task);
    } catch (err) {
      void toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {holder}
      <Modal open={open} title="布置任务" okText="布置" cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} className="new-task-modal" forceRender>
        <Form form={form} name="new-task" layout="vertical" initialValues={{ kind: statsOnly ? 'data_round' : 'other', reminderDays: [7, 1, 0] }}>
          <Form.Item name="title" label="任务名称" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }, { max: 200, message: '任务名称不能超过200个字符' }]}>
            <Input placeholder="如：报送2025年度规划落实情况" />
          </Form.Item>
          <Form.Item name="kind" label="任务类别" rules={[{ required: true, message: '请选择任务类别' }]}>
            <Select options={statsOnly ? kindOptions.filter((o) => o.value === 'data_round') : kindOptions} />
          </Form.Item>
          <Form.Item name="owner" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="部门或区县"
              options={[
                { label: '部门', options: (departments.data ?? []).map((d) => ({ value: `d:${d.id}`, label: d.name })) },
                { label: '区县', options: (counties.data ?? []).map((r) => ({ value: `r:${r.code}`, label: r.name })) },
              ]}
            />
          </Form.Item>
          <Form.Item name="dueDate" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reminderDays" label="提醒">
            <Select mode="multiple" options={REMINDER_OPTIONS} placeholder="不提醒" />
          </Form.Item>
          <Form.Item name="year" label="所属年度（选填）">
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label="任务说明（选填）">
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
