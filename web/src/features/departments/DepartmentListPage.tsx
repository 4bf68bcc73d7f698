import { useMemo } from 'react';
import { Card, Flex, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { DepartmentSummary } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';

const columns: TableColumnsType<DepartmentSummary> = [
  {
    title: '单位名称',
    dataIndex: 'name',
    render: (name: string, d) => <Link to={`/departments/${d.id}`}>{name}</Link>,
    sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
  },
  {
    title: '别名',
    dataIndex: 'aliases',
    render: (aliases: string[]) =>
      aliases.length ? (
        <Flex wrap gap={4}>
          {aliases.map((a) => (
            <Tag key={a}>{a}</Tag>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
  {
    title: '牵头目标',
    dataIndex: 'leadGoalCount',
    width: 110,
    align: 'right',
    sorter: (a, b) => a.leadGoalCount - b.leadGoalCount,
  },
  {
    title: '参与目标',
    dataIndex: 'responsibleGoalCount',
    width: 110,
    align: 'right',
    sorter: (a, b) => a.responsibleGoalCount - b.responsibleGoalCount,
  },
  {
    title: '报送指标',
    dataIndex: 'indicatorCount',
    width: 110,
    align: 'right',
    sorter: (a, b) => a.indicatorCount - b.indicatorCount,
  },
];

function DepartmentTable({ departments }: { departments: DepartmentSummary[] }) {
  const [params, setParams] = useSearchParams();
  const filter = params.get('q') ?? '';
  const shown = useMemo(() => {
    const q = filter.trim();
    if (!q) return departments;
    return departments.filter((d) => d.name.includes(q) || d.aliases.some((a) => a.includes(q)));
  }, [departments, filter]);
  return (
    <Card
      title={
        <Input.Search
          aria-label="筛选单位"
          placeholder="按单位名称或别名筛选，如：卫生"
          allowClear
          style={{ maxWidth: 360 }}
          value={filter}
          onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })}
        />
      }
      extra={
        <Typography.Text type="secondary">
          共 {departments.length} 个单位{filter.trim() ? `，筛选出 ${shown.length} 个` : ''}
        </Typography.Text>
      }
    >
      <Table<DepartmentSummary>
        className="department-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '没有符合条件的单位' }}
      />
    </Card>
  );
}

export default function DepartmentListPage() {
  const state = useApi((signal) => api.departments(signal), []);
  return (
    <>
      <PageHeader
        crumbs={[{ title: '责任单位' }]}
        title="责任单位"
        subTitle="市妇儿工委成员单位、特邀单位：牵头和参与的主要目标、报送的监测指标"
      />
      <AsyncView state={state} what="正在加载单位…">
        {(departments) => <DepartmentTable departments={departments} />}
      </AsyncView>
    </>
  );
}
