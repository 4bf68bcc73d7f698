import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { DeadlineChangeBody } from '../../api/deadlines.endpoints.ts';

/** A unit of the round the office may extend alone. */
export interface DeadlineUnit {
  key: string;
  name: string;
  /** Its deadline in force. */
  dueDate: string;
  departmentId: number | null;
  regionCode: string | null;
}

interface Values {
  scope: 'round' | 'unit';
  unitKey?: string;
  dueDate: Dayjs;
  reason: string;
}

/**
 * 调整截止日期: the whole round, or one unit (a department or county that asked for more time). The server refuses
 * a past date, a date before the round's opening and a missing reason; its Chinese message is shown as is.
 */
export function DeadlineModal({
  open,
  roundDueDate,
  units,
  onClose,
  onSubmit,
}: {
  open: boolean;
  roundDueDate: string;
  units: DeadlineUnit[];
  onClose: () => void;
  onSubmit: (body: DeadlineChangeBody) => Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form);
  const unitKey = Form.useWatch('unitKey', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = units.find((u) => u.key === unitKey);
  const submit = async () => {
    // The form shows what is missing; a rejected validation is not an error of the page.
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const unit = v.scope === 'unit' ? units.find((u) => u.key === v.unitKey) : undefined;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
        ...(unit?.departmentId != null ? { departmentId: unit.departmentId } : unit?.regionCode != null ? { regionCode: unit.regionCode } : {}),
      });
      form.resetFields();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="调整截止日期"
      open={open}
      okText="确定调整"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
      className="deadline-modal"
      okButtonProps={{ className: 'deadline-ok' }}
    >
      <Typography.Paragraph type="secondary">
        本轮统一截止日期：<b className="deadline-current">{roundDueDate}</b>。调整后各单位的截止任务、提醒和逾期标记随之改变；延期后，在原截止日期之后、新截止日期之前报送的单位视为按时报送。调整将记入修改记录。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom deadline-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={{ scope: 'round' }} preserve={false}>
        <Form.Item name="scope" label="调整范围">
          <Radio.Group
            options={[
              { value: 'round', label: '全部单位（整轮统一调整）' },
              { value: 'unit', label: '为单个单位延期' },
            ]}
          />
        </Form.Item>
        {scope === 'unit' && (
          <Form.Item name="unitKey" label="延期单位" rules={[{ required: true, message: '请选择延期的部门或区县' }]} extra={chosen ? `该单位当前截止日期：${chosen.dueDate}` : '单位延期的日期应晚于本轮统一截止日期'}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              aria-label="延期单位"
              placeholder="选择部门或区县"
              options={units.map((u) => ({ value: u.key, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="dueDate" label="新的截止日期" rules={[{ required: true, message: '请选择新的截止日期' }]}>
          <DatePicker aria-label="新的截止日期" className="deadline-date" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, whitespace: true, message: '调整截止日期须说明理由' }, { max: 500, message: '理由不超过500字' }]}>
          <Input.TextArea rows={3} aria-label="调整理由" placeholder="如：张店区妇儿工委换届，申请延期两周" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
