import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Segmented, Select, Space, Table, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { FormKind, FormStatus, FormSummary, RoundSummary } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useUser } from '../auth/auth-context.tsx';
import { hasRole, isOperator } from '../auth/roles.ts';
import { FORM_KIND_LABELS, STATUS_LABELS, StatusTag, beijingTime } from './monitoring-labels.tsx';
import { OpenRoundModal } from './OpenRoundModal.tsx';
import { RoundSelect } from './RoundSelect.tsx';
import { useRounds } from './use-rounds.ts';

const columns = (canFill: boolean): TableColumnsType<FormSummary> => [
  {
    title: '报表',
    dataIndex: 'name',
    render: (name: string, f) => (
      <Link to={`/data-entry/forms/${f.id}`} className="form-link">
        {name}
      </Link>
    ),
    sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
  },
  { title: '类型', dataIndex: 'kind', width: 100, render: (k: FormKind) => FORM_KIND_LABELS[k] },
  { title: '状态', dataIndex: 'status', width: 130, render: (s: FormStatus) => <StatusTag status={s} /> },
  {
    title: '最近处理',
    key: 'last',
    width: 260,
    render: (_: unknown, f) => {
      const steps = [
        f.approvedAt && { at: f.approvedAt, text: `${f.approvedBy ?? ''} 审核通过` },
        f.returnedAt && { at: f.returnedAt, text: `${f.returnedBy ?? ''} 退回` },
        f.submittedAt && { at: f.submittedAt, text: `${f.submittedBy ?? ''} 提交` },
      ].filter((s): s is { at: string; text: string } => Boolean(s));
      const last = steps.sort((a, b) => b.at.localeCompare(a.at))[0];
      return last ? (
        <Typography.Text type="secondary">
          {beijingTime(last.at)} {last.text}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      );
    },
  },
  {
    title: '操作',
    key: 'action',
    width: 110,
    render: (_: unknown, f) => {
      const editable = canFill && (f.status === 'draft' || f.status === 'returned');
      return (
        <Link to={`/data-entry/forms/${f.id}`}>
          <Button size="small" type={editable ? 'primary' : 'default'}>
            {editable ? '填报' : '查看'}
          </Button>
        </Link>
      );
    },
  },
];

function FormsOfRound({ round, mine }: { round: RoundSummary; mine: boolean }) {
  const user = useUser();
  const state = useApi((signal) => monitoringApi.forms({ roundId: round.id }, signal), [round.id]);
  const [status, setStatus] = useState<FormStatus | 'all'>('all');
  const [kind, setKind] = useState<FormKind | 'all'>('all');
  const [q, setQ] = useState('');
  const cols = useMemo(() => columns(hasRole(user, 'reporter') || isOperator(user)), [user]);
  return (
    <AsyncView state={state} what="正在加载报表…">
      {(forms) => {
        const count = (s: FormStatus) => forms.filter((f) => f.status === s).length;
        const shown = forms.filter(
          (f) => (status === 'all' || f.status === status) && (kind === 'all' || f.kind === kind) && (!q.trim() || f.name.includes(q.trim())),
        );
        return (
          <Card
            className="form-list-card"
            title={
              <Flex wrap gap={8} align="center">
                <Segmented<FormStatus | 'all'>
                  value={status}
                  onChange={setStatus}
                  options={[
                    { value: 'all', label: `全部 ${forms.length}` },
                    ...(['draft', 'returned', 'submitted', 'approved'] as const).map((s) => ({ value: s, label: `${STATUS_LABELS[s]} ${count(s)}` })),
                  ]}
                />
                {!mine && (
                  <>
                    <Select<FormKind | 'all'>
                      aria-label="按类型筛选"
                      style={{ width: 130 }}
                      value={kind}
                      onChange={setKind}
                      options={[
                        { value: 'all', label: '全部类型' },
                        { value: 'department', label: '市直部门' },
                        { value: 'region', label: '区县' },
                      ]}
                    />
                    <Input.Search aria-label="按名称筛选" placeholder="部门或区县名称" allowClear style={{ width: 200 }} value={q} onChange={(e) => setQ(e.target.value)} />
                  </>
                )}
              </Flex>
            }
          >
            <Table<FormSummary>
              className="form-table"
              rowKey="id"
              size="middle"
              columns={cols}
              dataSource={shown}
              pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: mine ? '本轮次没有您需要填报的报表' : '没有符合条件的报表' }}
            />
          </Card>
        );
      }}
    </AsyncView>
  );
}

/** 填报报表: a reporter's own forms, everybody else's view of all forms they may read, by round. */
export default function FormListPage() {
  const user = useUser();
  const { state, current, select } = useRounds();
  const [opening, setOpening] = useState(false);
  const operator = isOperator(user);
  const mine = hasRole(user, 'reporter') && !operator;
  const [toast, holder] = message.useMessage();

  const roundActions = operator && current && (
    <Space>
      {current.status === 'open' ? (
        <Button
          onClick={() =>
            monitoringApi.closeRound(current.id).then(
              () => {
                void toast.success(`${current.year}年度填报已结束`);
                state.reload();
              },
              (err: Error) => void toast.error(err.message),
            )
          }
        >
          结束本轮填报
        </Button>
      ) : (
        <Button
          onClick={() =>
            monitoringApi.reopenRound(current.id).then(
              () => {
                void toast.success(`${current.year}年度填报已重新开启`);
                state.reload();
              },
              (err: Error) => void toast.error(err.message),
            )
          }
        >
          重新开启
        </Button>
      )}
    </Space>
  );

  return (
    <>
      {holder}
      <PageHeader
        crumbs={[{ title: '数据填报' }]}
        title={mine ? '我的报表' : '全部报表'}
        subTitle={
          mine
            ? `${user.departmentName ?? user.regionName ?? ''}需要填报的年度监测报表；草稿随时保存，提交后由审核员审核`
            : '各市直部门和区县的年度监测报表及其状态'
        }
        extra={
          <Space wrap>
            {state.data && state.data.length > 0 && <RoundSelect rounds={state.data} value={current?.id} onChange={select} />}
            {roundActions}
            {operator && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
                开启填报轮次
              </Button>
            )}
          </Space>
        }
      />
      <AsyncView state={state} what="正在加载填报轮次…">
        {(rounds) =>
          rounds.length === 0 || !current ? (
            <Card>
              <Empty description={operator ? '还没有填报轮次：点击“开启填报轮次”开始本年度的数据收集' : '统计局尚未开启填报轮次'} />
            </Card>
          ) : (
            <>
              <Typography.Paragraph type="secondary" className="round-line">
                {current.title}：截止日期 {current.dueDate}
                {current.status === 'closed' && <Tag className="round-closed-tag">已结束</Tag>}
              </Typography.Paragraph>
              <FormsOfRound round={current} mine={mine} />
            </>
          )
        }
      </AsyncView>
      <OpenRoundModal
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(round) => {
          setOpening(false);
          void toast.success(`已开启${round.year}年度填报：${round.forms.department}个部门报表、${round.forms.region}个区县报表`);
          state.reload();
          select(round.id);
        }}
      />
    </>
  );
}
