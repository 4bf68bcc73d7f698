import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import type { RoundSummary } from '../../api/types.ts';

interface Values {
  year: number;
  dueDate: string;
  title?: string;
}

/** 开启填报轮次 (统计局, 管理员): one form per reporting department and per county is created. */
export function OpenRoundModal({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (r: RoundSummary) => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastYear = new Date().getFullYear() - 1;
  return (
    <Modal
      title="开启填报轮次"
      open={open}
      okText="开启"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year: lastYear, dueDate: `${lastYear + 1}-03-31` }}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            const round = await monitoringApi.openRound({ year: values.year, dueDate: values.dueDate, title: values.title?.trim() || undefined });
            onOpened(round);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="year" label="数据年度" rules={[{ required: true, message: '请填写数据年度' }]}>
          <InputNumber min={2015} max={2100} style={{ width: '100%' }} aria-label="数据年度" />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label="截止日期"
          rules={[
            { required: true, message: '请填写截止日期' },
            { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为 YYYY-MM-DD，如 2025-03-31' },
          ]}
        >
          <Input placeholder="2025-03-31" aria-label="截止日期" />
        </Form.Item>
        <Form.Item name="title" label="名称（可不填）">
          <Input placeholder="默认：某年度妇女儿童发展规划监测数据填报" aria-label="轮次名称" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
