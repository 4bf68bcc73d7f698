import { useMemo, useState } from 'react';
import { Badge, Button, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { supervisionApi } from '../../../api/supervision.endpoints.ts';
import type { SupervisionView } from '../../../api/supervision.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useUser } from '../../auth/auth-context.tsx';
import { hasRole } from '../../auth/roles.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { UnitNames } from '../shared/UnitNames.tsx';
import { SupervisionFormItems, supervisionOf } from './SupervisionForm.tsx';
import type { SupervisionFields } from './SupervisionForm.tsx';

const CRUMBS = [{ title: '责任落实', to: '/responsibility' }, { title: '督导检查' }];

type Filter = 'all' | 'open' | 'mine';

/** Supervision visits (督查): date, units visited, team, findings still open. */
export default function SupervisionListPage() {
  const user = useUser();
  const navigate = useNavigate();
  const office = hasRole(user, 'admin');
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const state = useApi((signal) => supervisionApi.list({}, signal), []);
  const mineOf = useMemo(
    () => (v: SupervisionView) =>
      v.findings.some((f) => f.task !== null && (user.departmentId !== null ? f.task.owner.departmentId === user.departmentId : f.task.owner.departmentId === null && f.task.owner.regionCode === user.regionCode)),
    [user.departmentId, user.regionCode],
  );
  const ownUnit = user.departmentId !== null || (user.regionCode !== null && user.regionCode !== '370300');

  const columns: TableColumnsType<SupervisionView> = [
    { title: '督查日期', dataIndex: 'visitDate', width: 110, sorter: (a, b) => a.visitDate.localeCompare(b.visitDate), defaultSortOrder: 'descend' },
    {
      title: '督查名称',
      dataIndex: 'title',
      render: (t: string, v) => (
        <Link to={`/responsibility/supervision/${v.id}`} className="supervision-link">
          {t}
        </Link>
      ),
    },
    { title: '被督查单位', key: 'units', render: (_: unknown, v) => <UnitNames units={v.units} max={6} /> },
    { title: '督查组', dataIndex: 'inspectors', width: 200, render: (t: string) => t || <Typography.Text type="secondary">—</Typography.Text> },
    { title: '发现问题', key: 'findings', width: 90, align: 'right', render: (_: unknown, v) => `${v.findings.length}项` },
    {
      title: '整改状态',
      key: 'status',
      width: 150,
      render: (_: unknown, v) =>
        v.findings.length === 0 ? (
          <Tag>未发现问题</Tag>
        ) : v.openFindings === 0 ? (
          <Tag color="success" className="supervision-status" data-open={0}>
            全部办结
          </Tag>
        ) : (
          <Badge status="processing" className="supervision-status" data-open={v.openFindings} text={`${v.openFindings}项未办结`} />
        ),
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={CRUMBS}
        title="督导检查"
        subTitle="督查记录、发现的问题及整改落实：问题转为整改任务，责任单位报告整改情况，办公室核实后销号"
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} className="create-supervision">
              登记督查
            </Button>
          )
        }
      />
      <AsyncView state={state} what="正在加载督查记录…">
        {(list) => {
          const shown = list.filter((v) => (filter === 'open' ? v.openFindings > 0 : filter === 'mine' ? mineOf(v) : true));
          return (
            <Space orientation="vertical" style={{ width: '100%' }} size={12}>
              <Segmented<Filter>
                value={filter}
                onChange={setFilter}
                options={[
                  { value: 'all', label: `全部（${list.length}）` },
                  { value: 'open', label: `有未办结问题（${list.filter((v) => v.openFindings > 0).length}）` },
                  ...(ownUnit ? [{ value: 'mine' as const, label: `涉及本单位整改（${list.filter(mineOf).length}）` }] : []),
                ]}
              />
              <Table<SupervisionView>
                className="supervision-table"
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={shown}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty description={list.length === 0 ? (office ? '尚无督查记录，点击右上角“登记督查”录入' : '尚无督查记录') : '没有符合条件的督查记录'} /> }}
              />
            </Space>
          );
        }}
      </AsyncView>
      <FormModal<SupervisionFields>
        open={creating}
        title="登记督查"
        okText="保存"
        width={760}
        className="supervision-modal"
        initialValues={{ units: [], findings: [] }}
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await supervisionApi.create(supervisionOf(values));
          setCreating(false);
          navigate(`/responsibility/supervision/${created.id}`);
        }}
      >
        <SupervisionFormItems />
      </FormModal>
    </>
  );
}
