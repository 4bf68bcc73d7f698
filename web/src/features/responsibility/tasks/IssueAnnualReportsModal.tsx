import { useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, InputNumber, Modal, message } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { responsibilityApi } from '../../../api/responsibility.endpoints.ts';
import type { IssueResult } from '../../../api/responsibility.endpoints.ts';

interface Values {
  year: number;
  dueDate: Dayjs;
  includeCounties: boolean;
}

/**
 * 布置年度报告: one task per responsible unit (and per county committee) to report the year's implementation and
 * next year's plans; units that already have the year's task are left as they are.
 */
export function IssueAnnualReportsModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IssueResult | null>(null);
  const [toast, holder] = message.useMessage();
  const lastYear = dayjs().year() - 1;
  const submit = async () => {
    if (result !== null) {
      setResult(null);
      onClose();
      return;
    }
    const v = await form.validateFields();
    setBusy(true);
    try {
      setResult(await responsibilityApi.issueAnnualReports({ year: v.year, dueDate: v.dueDate.format('YYYY-MM-DD'), includeCounties: v.includeCounties }));
      onIssued();
    } catch (err) {
      void toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {holder}
      <Modal
        open={open}
        title="布置年度报告任务"
        okText={result === null ? '布置' : '完成'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => {
          setResult(null);
          onClose();
        }}
        className="issue-annual-modal"
        forceRender
      >
        <Form form={form} name="issue-annual" layout="vertical" initialValues={{ year: lastYear, dueDate: dayjs(`${lastYear + 1}-01-31`), includeCounties: true }}>
          <Form.Item name="year" label="报告年度" rules={[{ required: true, message: '请填写报告年度' }]}>
            <InputNumber min={2021} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dueDate" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="includeCounties" valuePropName="checked">
            <Checkbox>同时布置给各区县妇儿工委</Checkbox>
          </Form.Item>
        </Form>
        {result && (
          <Alert
            className="issue-result"
            type="success"
            showIcon
            title={`新布置${result.created}项，已有${result.unchanged}项未重复布置`}
          />
        )}
      </Modal>
    </>
  );
}
