import { useState } from 'react';
import { Alert, Button, DatePicker, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { pilotApi } from '../../../api/supervision.endpoints.ts';
import type { PilotStatus, PilotView } from '../../../api/supervision.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useUser } from '../../auth/auth-context.tsx';
import { hasRole } from '../../auth/roles.ts';
import { FormModal, isoOf, type DateValue } from '../shared/FormModal.tsx';
import { GoalCascader } from '../shared/GoalCascader.tsx';
import { goalFromPath, goalKey } from '../shared/goal-options.ts';
import { UnitNames } from '../shared/UnitNames.tsx';
import { UnitSelect } from '../shared/UnitSelect.tsx';
import { unitFromValue } from '../shared/unit-options.ts';
import { PILOT_STATUS_OPTIONS, PilotGoals, PilotProgress, PilotStatusTag } from './pilot-labels.tsx';

interface PilotFields {
  title: string;
  description?: string;
  periodStart: DateValue | null;
  periodEnd: DateValue | null;
  status: PilotStatus;
  goals: (string | number)[][];
  units: string[];
  milestones?: { title: string; dueDate: DateValue | null }[];
}

function PilotFormItems() {
  return (
    <>
      <Form.Item name="title" label="试点名称" rules={[{ required: true, whitespace: true, message: '请填写试点名称' }]}>
        <Input aria-label="试点名称" placeholder="如：家庭教育指导服务试点" />
      </Form.Item>
      <Form.Item name="goals" label="围绕的主要目标" rules={[{ required: true, type: 'array', min: 1, message: '请选择试点围绕的目标' }]}>
        <GoalCascader multiple ariaLabel="围绕的主要目标" />
      </Form.Item>
      <Form.Item name="units" label="试点单位" rules={[{ required: true, type: 'array', min: 1, message: '请选择试点单位' }]}>
        <UnitSelect multiple ariaLabel="试点单位" />
      </Form.Item>
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name="periodStart" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker aria-label="开始日期" placeholder="开始日期" />
        </Form.Item>
        <Form.Item name="periodEnd" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker aria-label="结束日期" placeholder="结束日期" />
        </Form.Item>
        <Form.Item name="status" label="状态" style={{ width: 140 }}>
          <Select options={PILOT_STATUS_OPTIONS} aria-label="试点状态" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="description" label="试点内容">
        <Input.TextArea rows={3} aria-label="试点内容" />
      </Form.Item>
      <Typography.Text strong>试点节点</Typography.Text>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" className="milestone-input">
                <Form.Item name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写节点名称' }]}>
                  <Input placeholder={`节点${i + 1}名称`} aria-label={`节点${i + 1}名称`} style={{ width: 320 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'dueDate']} rules={[{ required: true, message: '请选择节点日期' }]}>
                  <DatePicker placeholder="节点日期" aria-label={`节点${i + 1}日期`} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} aria-label={`删除节点${i + 1}`} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })} className="add-milestone-input">
              添加节点
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}

/** Pilot projects (试点) around the plans' goals: units, period, milestone progress; ?goal=women-1-2 filters by goal. */
export default function PilotListPage() {
  const user = useUser();
  const office = hasRole(user, 'admin');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as PilotStatus | null) ?? undefined;
  const goal = params.get('goal');
  const [creating, setCreating] = useState(false);
  const state = useApi((signal) => pilotApi.list({ status }, signal), [status]);

  const columns: TableColumnsType<PilotView> = [
    {
      title: '试点名称',
      dataIndex: 'title',
      render: (t: string, p) => (
        <Link to={`/responsibility/pilots/${p.id}`} className="pilot-link">
          {t}
        </Link>
      ),
    },
    { title: '围绕目标', key: 'goals', width: 210, render: (_: unknown, p) => <PilotGoals goals={p.goals} /> },
    { title: '试点单位', key: 'units', render: (_: unknown, p) => <UnitNames units={p.units} max={4} /> },
    { title: '期限', key: 'period', width: 200, render: (_: unknown, p) => `${p.period.start} 至 ${p.period.end}` },
    { title: '状态', key: 'status', width: 90, render: (_: unknown, p) => <PilotStatusTag status={p.status} label={p.statusLabel} /> },
    { title: '节点进度', key: 'progress', width: 160, render: (_: unknown, p) => <PilotProgress progress={p.progress} /> },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: '责任落实', to: '/responsibility' }, { title: '试点' }]}
        title="试点"
        subTitle="围绕重点难点目标开展的试点项目：试点单位、期限、节点进度和成效"
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} className="create-pilot">
              登记试点
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <span>状态</span>
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 160 }}
          value={status}
          options={PILOT_STATUS_OPTIONS}
          aria-label="试点状态筛选"
          onChange={(v: PilotStatus | undefined) =>
            setParams((p) => {
              const next = new URLSearchParams(p);
              if (v) next.set('status', v);
              else next.delete('status');
              return next;
            })
          }
        />
      </Space>
      <AsyncView state={state} what="正在加载试点项目…">
        {(list) => {
          const shown = goal ? list.filter((p) => p.goals.some((g) => goalKey(g) === goal)) : list;
          const goalInfo = goal ? list.flatMap((p) => p.goals).find((g) => goalKey(g) === goal) : undefined;
          return (
            <>
              {goal && (
                <Alert
                  type="info"
                  showIcon
                  className="pilot-goal-filter"
                  style={{ marginBottom: 12 }}
                  title={goalInfo ? <span>围绕目标的试点：<PilotGoals goals={[goalInfo]} full /></span> : '没有围绕该目标的试点'}
                  action={
                    <Button size="small" onClick={() => setParams((p) => { const next = new URLSearchParams(p); next.delete('goal'); return next; })}>
                      查看全部
                    </Button>
                  }
                />
              )}
              <Table<PilotView>
                className="pilot-table"
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={shown}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty description={list.length === 0 ? (office ? '尚无试点项目，点击右上角“登记试点”录入' : '尚无试点项目') : '没有符合条件的试点项目'} /> }}
              />
            </>
          );
        }}
      </AsyncView>
      <FormModal<PilotFields>
        open={creating}
        title="登记试点"
        okText="保存"
        width={760}
        className="pilot-modal"
        initialValues={{ status: 'planned', goals: [], units: [], milestones: [] }}
        onCancel={() => setCreating(false)}
        onSubmit={async (v) => {
          const created = await pilotApi.create({
            title: v.title.trim(),
            description: v.description?.trim() ?? '',
            periodStart: isoOf(v.periodStart) ?? '',
            periodEnd: isoOf(v.periodEnd) ?? '',
            status: v.status,
            goals: (v.goals ?? []).flatMap((path) => {
              const g = goalFromPath(path);
              return g ? [g] : [];
            }),
            units: (v.units ?? []).map(unitFromValue),
            milestones: (v.milestones ?? []).map((m) => ({ title: m.title.trim(), dueDate: isoOf(m.dueDate) ?? '' })),
          });
          setCreating(false);
          navigate(`/responsibility/pilots/${created.id}`);
        }}
      >
        <PilotFormItems />
      </FormModal>
    </>
  );
}
