import { useState } from 'react';
import { Button, Form, Input, Modal, Space, message } from 'antd';
import { responsibilityApi } from '../../../api/responsibility.endpoints.ts';
import type { TaskView } from '../../../api/responsibility.endpoints.ts';

type Action = 'complete' | 'cancel' | 'reopen';

const TITLES: Record<Action, string> = { complete: '办结任务', cancel: '取消任务', reopen: '重新打开任务' };
const FIELD: Record<Action, { label: string; required: boolean; placeholder: string }> = {
  complete: { label: '办结说明', required: false, placeholder: '完成情况、文号或材料（选填）' },
  cancel: { label: '取消理由', required: true, placeholder: '为何不再需要完成该任务' },
  reopen: { label: '理由', required: false, placeholder: '为何重新打开（选填）' },
};

/**
 * The buttons a task offers the user (办结 for its owner and the office, 取消/重新打开 for the office), each
 * asking for its note in a dialog; `onChanged` gets the task as the server returns it.
 */
export function TaskActions({ task, onChanged, size = 'small' }: { task: TaskView; onChanged: (task: TaskView) => void; size?: 'small' | 'middle' }) {
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const [toast, holder] = message.useMessage();

  const open = (a: Action) => {
    form.resetFields();
    setAction(a);
  };
  const submit = async () => {
    if (action === null) return;
    const { note } = await form.validateFields();
    setBusy(true);
    try {
      const text = (note ?? '').trim();
      const changed =
        action === 'complete'
          ? await responsibilityApi.completeTask(task.id, text || undefined)
          : action === 'cancel'
            ? await responsibilityApi.cancelTask(task.id, text)
            : await responsibilityApi.reopenTask(task.id, text || undefined);
      void toast.success(`任务“${task.title}”已${action === 'complete' ? '办结' : action === 'cancel' ? '取消' : '重新打开'}`);
      setAction(null);
      onChanged(changed);
    } catch (err) {
      void toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const field = action === null ? null : FIELD[action];
  return (
    <>
      {holder}
      <Space size={4}>
        {task.status === 'open' && task.can.complete && (
          <Button size={size} type="link" className="complete-task" onClick={() => open('complete')}>
            办结
          </Button>
        )}
        {task.status === 'open' && task.can.manage && (
          <Button size={size} type="link" danger className="cancel-task" onClick={() => open('cancel')}>
            取消
          </Button>
        )}
        {task.status !== 'open' && task.can.manage && (
          <Button size={size} type="link" className="reopen-task" onClick={() => open('reopen')}>
            重新打开
          </Button>
        )}
      </Space>
      <Modal
        open={action !== null}
        title={action === null ? '' : `${TITLES[action]}：${task.title}`}
        okText="确定"
        cancelText="返回"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
        className="task-action-modal"
      >
        {field && (
          <Form form={form} name={`task-${task.id}-${action}`} layout="vertical" preserve={false}>
            <Form.Item name="note" label={field.label} rules={field.required ? [{ required: true, whitespace: true, message: `请填写${field.label}` }] : []}>
              <Input.TextArea rows={3} maxLength={1000} placeholder={field.placeholder} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
