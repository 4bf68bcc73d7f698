import { Button, DatePicker, Form, Input, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { NewFinding, NewSupervision } from '../../../api/supervision.endpoints.ts';
import { GoalCascader } from '../shared/GoalCascader.tsx';
import { UnitSelect } from '../shared/UnitSelect.tsx';
import { goalFromPath } from '../shared/goal-options.ts';
import { isoOf, type DateValue } from '../shared/FormModal.tsx';
import { ownerFromValue, unitFromValue } from '../shared/unit-options.ts';

export interface FindingFields {
  text: string;
  unit?: string | null;
  goal?: (string | number)[] | null;
}

export interface SupervisionFields {
  title: string;
  visitDate: DateValue | null;
  inspectors?: string;
  summary?: string;
  units: string[];
  findings?: FindingFields[];
}

export const findingOf = (f: FindingFields): NewFinding => ({ text: f.text.trim(), unit: ownerFromValue(f.unit), goal: goalFromPath(f.goal) });

export const supervisionOf = (v: SupervisionFields): NewSupervision => ({
  title: v.title.trim(),
  visitDate: isoOf(v.visitDate) ?? '',
  inspectors: v.inspectors?.trim() ?? '',
  summary: v.summary?.trim() ?? '',
  units: (v.units ?? []).map(unitFromValue),
  findings: (v.findings ?? []).filter((f) => f.text?.trim()).map(findingOf),
});

/** The fields of one finding: what was found, the unit it concerns, the goal it bears on. */
export function FindingFieldsItems({ prefix = [], label = '' }: { prefix?: (string | number)[]; label?: string }) {
  return (
    <>
      <Form.Item name={[...prefix, 'text']} label={`${label}问题描述`} rules={[{ required: true, whitespace: true, message: '请填写发现的问题' }]}>
        <Input.TextArea rows={2} aria-label={`${label}问题描述`} placeholder="如：中小学心理健康教师配备不足" />
      </Form.Item>
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name={[...prefix, 'unit']} label={`${label}涉及单位`} style={{ flex: 1 }}>
          <UnitSelect ariaLabel={`${label}涉及单位`} placeholder="问题所涉单位（整改任务默认由其负责）" />
        </Form.Item>
        <Form.Item name={[...prefix, 'goal']} label={`${label}相关目标（可不选）`} style={{ flex: 1 }}>
          <GoalCascader ariaLabel={`${label}相关目标`} />
        </Form.Item>
      </Space.Compact>
    </>
  );
}

/** The fields of a supervision visit, with any number of findings. */
export function SupervisionFormItems() {
  return (
    <>
      <Form.Item name="title" label="督查名称" rules={[{ required: true, whitespace: true, message: '请填写督查名称' }]}>
        <Input aria-label="督查名称" placeholder="如：2024年“两个规划”实施情况督查" />
      </Form.Item>
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name="visitDate" label="督查日期" rules={[{ required: true, message: '请选择督查日期' }]}>
          <DatePicker aria-label="督查日期" placeholder="督查日期" />
        </Form.Item>
        <Form.Item name="inspectors" label="督查组成员" style={{ flex: 1 }}>
          <Input aria-label="督查组成员" placeholder="如：市妇儿工委办公室、市政府督查室" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="units" label="被督查单位" rules={[{ required: true, type: 'array', min: 1, message: '请选择被督查单位' }]}>
        <UnitSelect multiple ariaLabel="被督查单位" />
      </Form.Item>
      <Form.Item name="summary" label="督查情况">
        <Input.TextArea rows={3} aria-label="督查情况" />
      </Form.Item>
      <Form.List name="findings">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <div key={field.key} className="finding-input" style={{ border: '1px dashed #d9d9d9', padding: '8px 12px', marginBottom: 8, borderRadius: 6 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <strong>发现的问题 {i + 1}</strong>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={`删除问题${i + 1}`} />
                </Space>
                <FindingFieldsItems prefix={[field.name]} label={`问题${i + 1}`} />
              </div>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ text: '' })} className="add-finding-input">
              添加发现的问题
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
