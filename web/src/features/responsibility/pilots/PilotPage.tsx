import { useCallback, useEffect, useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Empty, Form, Input, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { pilotApi } from '../../../api/supervision.endpoints.ts';
import type { MilestoneView, PilotStatus, PilotView } from '../../../api/supervision.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { beijingTime } from '../../monitoring/monitoring-labels.tsx';
import { FormModal, isoOf, type DateValue } from '../shared/FormModal.tsx';
import { goalKey } from '../shared/goal-options.ts';
import { UnitNames } from '../shared/UnitNames.tsx';
import { PILOT_STATUS_OPTIONS, PilotGoals, PilotProgress, PilotStatusTag } from './pilot-labels.tsx';

const LIST = { title: '试点', to: '/responsibility/pilots' };
const ROOT = { title: '责任落实', to: '/responsibility' };

function PilotDetail({ pilot, onChange }: { pilot: PilotView; onChange: (p: PilotView) => void }) {
  const [toast, holder] = message.useMessage();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const p = pilot;
  const act = async (work: Promise<PilotView>, text: string) => {
    try {
      onChange(await work);
      void toast.success(text);
    } catch (err) {
      void toast.error(err instanceof Error ? err.message : String(err));
    }
  };
  const columns: TableColumnsType<MilestoneView> = [
    { title: '序号', dataIndex: 'ord', width: 60 },
    { title: '节点', dataIndex: 'title', render: (t: string, m) => <span className="milestone-title">{t}{m.note ? <Typography.Text type="secondary">（{m.note}）</Typography.Text> : null}</span> },
    {
      title: '节点日期',
      dataIndex: 'dueDate',
      width: 150,
      render: (d: string, m) => (
        <span>
          {d} {m.overdue && <Tag color="red">逾期</Tag>}
        </span>
      ),
    },
    {
      title: '完成情况',
      key: 'done',
      width: 140,
      render: (_: unknown, m) => (m.doneAt ? <Tag color="success" className="milestone-done">{m.doneAt} 完成</Tag> : <Tag className="milestone-open">未完成</Tag>),
    },
    ...(p.can.manage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_: unknown, m: MilestoneView) =>
              m.doneAt ? (
                <Button size="small" icon={<UndoOutlined />} onClick={() => act(pilotApi.setMilestoneDone(m.id, false), '已改为未完成')}>
                  撤销完成
                </Button>
              ) : (
                <Button size="small" icon={<CheckCircleOutlined />} className="complete-milestone" onClick={() => act(pilotApi.setMilestoneDone(m.id, true), `“${m.title}”已完成`)}>
                  标记完成
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      {holder}
      <PageHeader
        crumbs={[ROOT, LIST, { title: p.title }]}
        title={
          <Space>
            {p.title}
            <PilotStatusTag status={p.status} label={p.statusLabel} />
          </Space>
        }
        documentTitle={`试点：${p.title}`}
        subTitle={`${p.period.start} 至 ${p.period.end}`}
        extra={
          p.can.manage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} className="edit-pilot">
              更新状态与成效
            </Button>
          )
        }
      />
      <Space orientation="vertical" style={{ width: '100%' }} size={16} className="section-gap">
        <Card title="试点信息" size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'goals', label: '围绕的主要目标', span: 2, children: <PilotGoals goals={p.goals} full /> },
              { key: 'units', label: '试点单位', span: 2, children: <UnitNames units={p.units} /> },
              { key: 'period', label: '期限', children: `${p.period.start} 至 ${p.period.end}` },
              { key: 'status', label: '状态', children: <PilotStatusTag status={p.status} label={p.statusLabel} /> },
              { key: 'desc', label: '试点内容', span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }}>{p.description || '—'}</div> },
              { key: 'by', label: '登记', children: `${p.createdBy} · ${beijingTime(p.createdAt)}` },
              {
                key: 'others',
                label: '按目标查看试点',
                children: (
                  <Space wrap>
                    {p.goals.map((g) => (
                      <Link key={goalKey(g)} to={`/responsibility/pilots?goal=${goalKey(g)}`}>
                        {`${g.plan === 'women' ? '妇女' : '儿童'}规划 领域${g.domain} 目标${g.goal}`}
                      </Link>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card
          title={
            <Space>
              试点节点
              <PilotProgress progress={p.progress} />
            </Space>
          }
          size="small"
          className="milestones-card"
          extra={
            p.can.manage && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} className="add-milestone">
                新增节点
              </Button>
            )
          }
        >
          <Table<MilestoneView>
            className="milestones-table"
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={p.milestones}
            locale={{ emptyText: <Empty description="尚未设定试点节点" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          />
        </Card>
        <Card title="试点成效" size="small" className="results-card">
          {p.results ? <div style={{ whiteSpace: 'pre-wrap' }} className="pilot-results">{p.results}</div> : <Empty description="尚未填写试点成效" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        </Card>
      </Space>

      <FormModal<{ title: string; dueDate: DateValue | null; note?: string }>
        open={adding}
        title="新增试点节点"
        okText="保存"
        onCancel={() => setAdding(false)}
        onSubmit={async (v) => {
          onChange(await pilotApi.addMilestone(p.id, { title: v.title.trim(), dueDate: isoOf(v.dueDate) ?? '', note: v.note?.trim() || null }));
          setAdding(false);
          void toast.success('已新增节点');
        }}
      >
        <Form.Item name="title" label="节点名称" rules={[{ required: true, whitespace: true, message: '请填写节点名称' }]}>
          <Input aria-label="节点名称" />
        </Form.Item>
        <Form.Item name="dueDate" label="节点日期" rules={[{ required: true, message: '请选择节点日期' }]}>
          <DatePicker aria-label="节点日期" placeholder="节点日期" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input aria-label="节点说明" />
        </Form.Item>
      </FormModal>

      <FormModal<{ status: PilotStatus; results?: string }>
        open={editing}
        title="更新试点状态与成效"
        okText="保存"
        width={640}
        className="edit-pilot-modal"
        initialValues={{ status: p.status, results: p.results }}
        onCancel={() => setEditing(false)}
        onSubmit={async (v) => {
          onChange(await pilotApi.update(p.id, { status: v.status, results: v.results?.trim() ?? '' }));
          setEditing(false);
          void toast.success('试点已更新');
        }}
      >
        <Form.Item name="status" label="状态">
          <Select options={PILOT_STATUS_OPTIONS} aria-label="试点状态" />
        </Form.Item>
        <Form.Item name="results" label="试点成效">
          <Input.TextArea rows={5} aria-label="试点成效" placeholder="覆盖范围、取得的成效、可推广的经验" />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** A pilot project: goals (linked), units, period, milestones with progress, results. */
export default function PilotPage() {
  const { id = '' } = useParams();
  const initial = useApi((signal) => pilotApi.get(Number(id), signal), [id]);
  const [latest, setLatest] = useState<PilotView | undefined>(undefined);
  useEffect(() => setLatest(undefined), [id]);
  const onChange = useCallback((p: PilotView) => setLatest(p), []);
  return (
    <AsyncView state={{ ...initial, data: latest ?? initial.data }} what="正在加载试点…" header={<PageHeader crumbs={[ROOT, LIST, { title: `试点${id}` }]} title="试点" />}>
      {(p) => <PilotDetail pilot={p} onChange={onChange} />}
    </AsyncView>
  );
}
