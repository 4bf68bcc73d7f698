import { useEffect, useMemo, useState } from 'react';
import { Form, Input, Modal, Select, message } from 'antd';
import { ApiRequestError } from '../../../api/client.ts';
import { api } from '../../../api/endpoints.ts';
import { reminderContactsApi } from '../../../api/reminder-contacts.endpoints.ts';
import type { ContactlessUnit, NewReminderContact, ReminderContactView } from '../../../api/reminder-contacts.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';

/** The committee office: its own reminders (review tasks) go to the contacts of this department. */
export const OFFICE_NAME = '市妇儿工委办公室';
const CITY = '370300';

interface Values {
  unit: string;
  name: string;
  email: string;
}

/**
 * A unit as the picker's value: "office", "d:<department id>", "r:<county code>", or "dr:<department id>:<county
 * code>" (a county's department, offered only for such a unit on the 无联系人 list).
 */
export function unitValue(unit: Pick<ContactlessUnit, 'unitKind' | 'departmentId' | 'regionCode'>): string {
  if (unit.unitKind === 'office') return 'office';
  if (unit.departmentId !== null && unit.regionCode !== null && unit.regionCode !== CITY) return `dr:${unit.departmentId}:${unit.regionCode}`;
  if (unit.departmentId !== null) return `d:${unit.departmentId}`;
  return `r:${unit.regionCode ?? ''}`;
}

function unitInput(value: string): Omit<NewReminderContact, 'name' | 'email'> {
  if (value === 'office') return { department: OFFICE_NAME };
  const [kind, a, b] = value.split(':');
  if (kind === 'd') return { departmentId: Number(a) };
  if (kind === 'dr') return { departmentId: Number(a), regionCode: b ?? null };
  return { regionCode: a ?? null };
}

/**
 * 新增提醒联系人: the office picks a unit (the office itself, a department or a county, searchable), and gives the
 * contact's name and e-mail. `unit` pre-selects a unit (from the 无联系人 list); `extraUnits` are the county
 * departments of that list, which the picker does not otherwise offer.
 */
export function ReminderContactModal({
  open,
  unit,
  extraUnits,
  onClose,
  onAdded,
}: {
  open: boolean;
  unit: string | undefined;
  extraUnits: readonly ContactlessUnit[];
  onClose: () => void;
  onAdded: (contact: ReminderContactView | undefined) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [toast, holder] = message.useMessage();
  const departments = useApi((signal) => (open ? api.departments(signal) : Promise.resolve([])), [open]);
  const counties = useApi((signal) => (open ? api.regions({ parent: CITY }, signal) : Promise.resolve([])), [open]);
  const countyDepartments = useMemo(() => extraUnits.filter((u) => unitValue(u).startsWith('dr:')), [extraUnits]);
  const options = useMemo(
    () => [
      { label: '本办', options: [{ value: 'office', label: OFFICE_NAME }] },
      { label: '部门', options: (departments.data ?? []).filter((d) => d.name !== OFFICE_NAME).map((d) => ({ value: `d:${d.id}`, label: d.name })) },
      { label: '区县', options: (counties.data ?? []).map((r) => ({ value: `r:${r.code}`, label: r.name })) },
      ...(countyDepartments.length > 0 ? [{ label: '区县部门', options: countyDepartments.map((u) => ({ value: unitValue(u), label: u.label })) }] : []),
    ],
    [departments.data, counties.data, countyDepartments],
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (unit !== undefined) form.setFieldsValue({ unit });
  }, [open, unit, form]);

  const submit = async () => {
    // The form shows what is missing or malformed under its fields.
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    setBusy(true);
    try {
      const email = v.email.trim();
      const list = await reminderContactsApi.add({ ...unitInput(v.unit), name: v.name.trim(), email });
      const added = list.filter((c) => c.email === email).at(-1);
      void toast.success(`已登记${added?.owner ?? ''}的提醒联系人${v.name.trim()}（${email}）`);
      onAdded(added);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      // A duplicate (409) or a refused address (400 on the e-mail) shows under the e-mail field as well.
      const onEmail = err instanceof ApiRequestError && (err.status === 409 || (err.status === 400 && /邮箱/.test(text)));
      if (onEmail) form.setFields([{ name: 'email', errors: [text] }]);
      void toast.error(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {holder}
      <Modal
        open={open}
        title="新增提醒联系人"
        okText="登记"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={onClose}
        className="reminder-contact-modal"
        forceRender
      >
        <Form form={form} name="reminder-contact" layout="vertical">
          <Form.Item name="unit" label="单位" rules={[{ required: true, message: '请选择单位' }]} extra="该单位的任务到提醒日或逾期时，提醒邮件发给此联系人；本办的审核任务发给“市妇儿工委办公室”的联系人。">
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="本办、部门或区县（可输入名称搜索）" options={options} loading={departments.loading || counties.loading} />
          </Form.Item>
          <Form.Item name="name" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人姓名' }, { max: 50, message: '联系人姓名不能超过50个字符' }]}>
            <Input placeholder="如：张三" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="email"
            label="邮箱"
            normalize={(v: string | undefined) => v?.trim()}
            rules={[
              { required: true, whitespace: true, message: '请填写邮箱地址' },
              { type: 'email', message: '邮箱地址格式不正确，应如 zhangsan@example.cn' },
              { max: 200, message: '邮箱地址不能超过200个字符' },
            ]}
          >
            <Input placeholder="zhangsan@example.cn" autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
