import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Space, Table, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, FileDoneOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { supervisionApi } from '../../../api/supervision.endpoints.ts';
import type { FindingView, SupervisionView } from '../../../api/supervision.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { beijingTime } from '../../monitoring/monitoring-labels.tsx';
import { FollowUpStateTag, FollowUpTaskCell } from '../shared/FollowUpTags.tsx';
import { FormModal, isoOf, type DateValue } from '../shared/FormModal.tsx';
import { goalRefText } from '../shared/goal-options.ts';
import { UnitNames } from '../shared/UnitNames.tsx';
import { UnitSelect } from '../shared/UnitSelect.tsx';
import { ownerFromValue } from '../shared/unit-options.ts';
import { FindingFieldsItems, findingOf } from './SupervisionForm.tsx';
import type { FindingFields } from './SupervisionForm.tsx';

const LIST = { title: '督导检查', to: '/responsibility/supervision' };
const ROOT = { title: '责任落实', to: '/responsibility' };

interface AssignFields {
  dueDate: DateValue | null;
  owner?: string | null;
  title?: string;
}

type Action = { kind: 'assign' | 'report' | 'close'; finding: FindingView } | { kind: 'add' } | null;

function FindingActions({ f, onAction }: { f: FindingView; onAction: (a: Action) => void }) {
  return (
    <Space orientation="vertical" size={4}>
      {f.can.assign && (
        <Button size="small" type="primary" icon={<SendOutlined />} className="assign-finding" onClick={() => onAction({ kind: 'assign', finding: f })}>
          布置整改
        </Button>
      )}
      {/* The office closes with a note instead of reporting on the unit's behalf. */}
      {f.can.report && !f.can.close && (
        <Button size="small" icon={<FileDoneOutlined />} className="report-finding" onClick={() => onAction({ kind: 'report', finding: f })}>
          报告整改
        </Button>
      )}
      {f.can.close && (
        <Button size="small" type={f.state === 'reported' ? 'primary' : 'default'} icon={<CheckCircleOutlined />} className="close-finding" onClick={() => onAction({ kind: 'close', finding: f })}>
          销号
        </Button>
      )}
    </Space>
  );
}

function VisitView({ visit, onChange }: { visit: SupervisionView; onChange: (v: SupervisionView) => void }) {
  const [toast, holder] = message.useMessage();
  const [action, setAction] = useState<Action>(null);
  const v = visit;
  const done = async (work: Promise<SupervisionView>, text: string) => {
    onChange(await work);
    setAction(null);
    void toast.success(text);
  };
  const finding = action !== null && action.kind !== 'add' ? action.finding : null;

  const columns: TableColumnsType<FindingView> = [
    { title: '序号', dataIndex: 'ord', width: 60 },
    {
      title: '发现的问题',
      key: 'text',
      render: (_: unknown, f) => (
        <Space orientation="vertical" size={2}>
          <span className="finding-text">{f.text}</span>
          {f.unit && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              涉及单位：{f.unit.name}
            </Typography.Text>
          )}
          {f.goal && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              相关目标：
              {f.goal.goalId !== null ? <Link to={`/goals/${f.goal.goalId}`}>{goalRefText(f.goal)}</Link> : goalRefText(f.goal)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '整改任务', key: 'task', width: 230, render: (_: unknown, f) => <FollowUpTaskCell task={f.task} empty="尚未布置整改" /> },
    {
      title: '整改情况',
      key: 'reports',
      width: 260,
      render: (_: unknown, f) =>
        f.reports.length === 0 ? (
          <Typography.Text type="secondary">{f.task ? '责任单位尚未报告' : '—'}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={4} className="finding-reports">
            {f.reports.map((r, i) => (
              <div key={i} className="finding-report">
                <div style={{ whiteSpace: 'pre-wrap' }}>{r.note}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.by} · {beijingTime(r.at)}
                </Typography.Text>
              </div>
            ))}
          </Space>
        ),
    },
    { title: '状态', key: 'state', width: 130, render: (_: unknown, f) => <FollowUpStateTag state={f.state} label={f.stateLabel} /> },
    { title: '操作', key: 'actions', width: 110, render: (_: unknown, f) => <FindingActions f={f} onAction={setAction} /> },
  ];

  const waiting = v.findings.filter((f) => f.can.close && f.state === 'reported').length;
  const mine = v.findings.filter((f) => f.can.report && !v.can.manage).length;
  return (
    <>
      {holder}
      <PageHeader
        crumbs={[ROOT, LIST, { title: v.title }]}
        title={v.title}
        subTitle={`${v.visitDate} · 发现问题${v.findings.length}项，未办结${v.openFindings}项`}
        extra={
          v.can.manage && (
            <Button icon={<PlusOutlined />} onClick={() => setAction({ kind: 'add' })} className="add-finding">
              新增问题
            </Button>
          )
        }
      />
      <Space orientation="vertical" style={{ width: '100%' }} size={16} className="section-gap">
        {waiting > 0 && <Alert type="info" showIcon title={`${waiting}项问题的责任单位已报告整改情况，请核实后销号`} />}
        {mine > 0 && <Alert type="info" showIcon title={`本单位有${mine}项整改任务：整改完成后请“报告整改”，由妇儿工委办公室核实销号`} />}
        <Card title="督查信息" size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'date', label: '督查日期', children: v.visitDate },
              { key: 'team', label: '督查组', children: v.inspectors || '—' },
              { key: 'units', label: '被督查单位', span: 2, children: <UnitNames units={v.units} /> },
              { key: 'summary', label: '督查情况', span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }}>{v.summary || '—'}</div> },
              { key: 'by', label: '登记', children: `${v.createdBy} · ${beijingTime(v.createdAt)}` },
            ]}
          />
        </Card>
        <Card title={`发现的问题（${v.findings.length}项，未办结${v.openFindings}项）`} size="small" className="findings-card">
          <Table<FindingView>
            className="findings-table"
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={v.findings}
            rowClassName={(f) => `finding-row finding-${f.id}`}
            onRow={(f) => ({ 'data-state': f.state, 'data-finding-id': f.id }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty description="本次督查未登记发现的问题" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          />
        </Card>
      </Space>

      <FormModal<FindingFields>
        open={action?.kind === 'add'}
        title="新增发现的问题"
        okText="保存"
        width={720}
        className="add-finding-modal"
        onCancel={() => setAction(null)}
        onSubmit={(values) => done(supervisionApi.addFinding(v.id, findingOf(values)), '已登记发现的问题')}
      >
        <FindingFieldsItems />
      </FormModal>

      <FormModal<AssignFields>
        key={`assign-${finding?.id ?? 0}`}
        open={action?.kind === 'assign'}
        title="布置整改任务"
        okText="布置"
        className="assign-modal"
        onCancel={() => setAction(null)}
        onSubmit={(values) =>
          done(
            supervisionApi.assign(finding!.id, { dueDate: isoOf(values.dueDate) ?? '', owner: ownerFromValue(values.owner), title: values.title?.trim() || undefined }),
            '已布置整改任务',
          )
        }
      >
        <Typography.Paragraph>{finding?.text}</Typography.Paragraph>
        <Form.Item name="dueDate" label="整改期限（截止日期）" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker aria-label="截止日期" placeholder="截止日期" />
        </Form.Item>
        <Form.Item
          name="owner"
          label="责任单位"
          extra={finding?.unit ? `不选则由问题所涉单位“${finding.unit.name}”负责` : '该问题未指明涉及单位，须选择责任单位'}
          rules={finding?.unit ? [] : [{ required: true, message: '请选择责任单位' }]}
        >
          <UnitSelect ariaLabel="责任单位" />
        </Form.Item>
        <Form.Item name="title" label="任务名称（可不填）">
          <Input aria-label="任务名称" placeholder="默认为“督查整改：问题描述”" />
        </Form.Item>
      </FormModal>

      <FormModal<{ note: string }>
        key={`report-${finding?.id ?? 0}`}
        open={action?.kind === 'report'}
        title="报告整改情况"
        okText="提交"
        className="report-modal"
        onCancel={() => setAction(null)}
        onSubmit={(values) => done(supervisionApi.report(finding!.id, values.note.trim()), '整改情况已报告，等待办公室核实销号')}
      >
        <Typography.Paragraph>{finding?.text}</Typography.Paragraph>
        <Form.Item name="note" label="整改情况" rules={[{ required: true, whitespace: true, message: '请填写整改情况' }]}>
          <Input.TextArea rows={4} aria-label="整改情况" placeholder="整改措施、完成情况、佐证材料（文号等）" />
        </Form.Item>
      </FormModal>

      <FormModal<{ note?: string }>
        key={`close-${finding?.id ?? 0}`}
        open={action?.kind === 'close'}
        title="销号"
        okText="销号"
        className="close-modal"
        onCancel={() => setAction(null)}
        onSubmit={(values) => done(supervisionApi.close(finding!.id, values.note?.trim() || undefined), '问题已销号')}
      >
        <Typography.Paragraph>{finding?.text}</Typography.Paragraph>
        {finding && finding.reports.length === 0 && <Alert type="warning" showIcon title="责任单位尚未报告整改情况" style={{ marginBottom: 12 }} />}
        <Form.Item name="note" label="销号说明（可不填）">
          <Input.TextArea rows={3} aria-label="销号说明" placeholder="如：经实地核实，已整改到位" />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** A supervision visit: its findings, each finding's rectification task, reports and closure (销号). */
export default function SupervisionPage() {
  const { id = '' } = useParams();
  const initial = useApi((signal) => supervisionApi.get(Number(id), signal), [id]);
  const [latest, setLatest] = useState<SupervisionView | undefined>(undefined);
  useEffect(() => setLatest(undefined), [id]);
  const onChange = useCallback((v: SupervisionView) => setLatest(v), []);
  return (
    <AsyncView state={{ ...initial, data: latest ?? initial.data }} what="正在加载督查记录…" header={<PageHeader crumbs={[ROOT, LIST, { title: `督查${id}` }]} title="督查记录" />}>
      {(v) => <VisitView visit={v} onChange={onChange} />}
    </AsyncView>
  );
}
