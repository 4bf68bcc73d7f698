import { useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Input, Popconfirm, Segmented, Space, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { reminderContactsApi } from '../../../api/reminder-contacts.endpoints.ts';
import type { ContactlessUnit, ReminderContactView, ReminderUnitKind } from '../../../api/reminder-contacts.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import type { ApiState } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { ReminderContactModal, unitValue } from './ReminderContactModal.tsx';

type KindFilter = 'all' | ReminderUnitKind;

const KINDS: Record<ReminderUnitKind, { label: string; color: string; order: number }> = {
  office: { label: '本办', color: 'magenta', order: 0 },
  department: { label: '部门', color: 'blue', order: 1 },
  county: { label: '区县', color: 'green', order: 2 },
};

const byUnit = (a: ReminderContactView, b: ReminderContactView) =>
  KINDS[a.unitKind].order - KINDS[b.unitKind].order || a.owner.localeCompare(b.owner, 'zh-CN') || a.id - b.id;

/**
 * 提醒联系人 (office only): who receives each unit's reminder e-mails, by unit; the office adds and removes them.
 * Above, the units with open tasks that no contact serves: their reminders and overdue notices reach nobody.
 */
export function ReminderContactsPanel() {
  const [version, setVersion] = useState(0);
  const [filter, setFilter] = useState<KindFilter>('all');
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState<{ unit: string | undefined } | null>(null);
  const [toast, holder] = message.useMessage();
  const contacts = useApi((signal) => reminderContactsApi.list(signal), [version]);
  const missing = useApi((signal) => reminderContactsApi.missing(signal), [version]);
  const refresh = () => setVersion((v) => v + 1);

  const remove = async (c: ReminderContactView) => {
    try {
      await reminderContactsApi.remove(c.id);
      void toast.success(`已删除${c.owner}的提醒联系人${c.name}（${c.email}）`);
      refresh();
    } catch (err) {
      void toast.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="reminder-contacts">
      {holder}
      <MissingUnits state={missing} onAdd={(u) => setAdding({ unit: unitValue(u) })} />
      <AsyncView state={contacts} what="正在加载提醒联系人…">
        {(list) => (
          <ContactTable
            contacts={list}
            filter={filter}
            onFilter={setFilter}
            search={search}
            onSearch={setSearch}
            onAdd={() => setAdding({ unit: undefined })}
            onRemove={remove}
          />
        )}
      </AsyncView>
      <ReminderContactModal
        open={adding !== null}
        unit={adding?.unit}
        extraUnits={missing.data ?? []}
        onClose={() => setAdding(null)}
        onAdded={() => {
          setAdding(null);
          refresh();
        }}
      />
    </div>
  );
}

function MissingUnits({ state, onAdd }: { state: ApiState<ContactlessUnit[]>; onAdd: (unit: ContactlessUnit) => void }) {
  if (state.error) return <Alert type="error" showIcon title="无联系人单位加载失败" description={state.error.message} />;
  const units = state.data;
  if (units === undefined) return null;
  if (units.length === 0) {
    return <Alert className="contactless-none" type="success" showIcon title="有未完成任务的单位均已登记提醒联系人" />;
  }
  return (
    <Alert
      className="contactless-units"
      type="warning"
      showIcon
      title={`以下单位尚无提醒联系人，逾期提醒邮件将无法送达（${units.length}个单位）`}
      description={
        <Space wrap size={[8, 8]} style={{ marginTop: 4 }}>
          {units.map((u) => (
            <Tag
              key={unitValue(u)}
              className="contactless-unit"
              data-unit={u.label}
              color={u.overdueTasks > 0 ? 'error' : 'warning'}
              title={`未完成任务${u.openTasks}项，最早${u.nextDue}截止`}
              style={{ cursor: 'pointer', marginInlineEnd: 0 }}
              onClick={() => onAdd(u)}
            >
              {u.label}（未完成{u.openTasks}项{u.overdueTasks > 0 ? `，逾期${u.overdueTasks}项` : ''}）＋登记
            </Tag>
          ))}
        </Space>
      }
    />
  );
}

function ContactTable({
  contacts,
  filter,
  onFilter,
  search,
  onSearch,
  onAdd,
  onRemove,
}: {
  contacts: ReminderContactView[];
  filter: KindFilter;
  onFilter: (f: KindFilter) => void;
  search: string;
  onSearch: (s: string) => void;
  onAdd: () => void;
  onRemove: (c: ReminderContactView) => Promise<void>;
}) {
  const count = (kind: ReminderUnitKind) => contacts.filter((c) => c.unitKind === kind).length;
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return contacts
      .filter((c) => filter === 'all' || c.unitKind === filter)
      .filter((c) => q === '' || c.owner.toLowerCase().includes(q) || c.name.toLowerCase().includes(q) || c.email.toLowerCase().includes(q))
      .sort(byUnit);
  }, [contacts, filter, search]);
  return (
    <>
      <Space wrap style={{ margin: '12px 0' }}>
        <Segmented<KindFilter>
          className="contact-filter"
          value={filter}
          onChange={onFilter}
          options={[
            { value: 'all', label: `全部（${contacts.length}）` },
            { value: 'office', label: `本办（${count('office')}）` },
            { value: 'department', label: `部门（${count('department')}）` },
            { value: 'county', label: `区县（${count('county')}）` },
          ]}
        />
        <Input.Search className="contact-search" allowClear placeholder="按单位、姓名或邮箱查找" style={{ width: 240 }} value={search} onChange={(e) => onSearch(e.target.value)} />
        <Button type="primary" className="add-contact" onClick={onAdd}>
          新增联系人
        </Button>
      </Space>
      <Table<ReminderContactView>
        className="reminder-contact-table"
        size="small"
        rowKey="id"
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20 } : false}
        onRow={(c) => ({ 'data-contact-id': c.id, 'data-unit': c.owner }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: contacts.length === 0 ? '尚未登记提醒联系人：点“新增联系人”，或点上方无联系人的单位登记' : '没有符合条件的联系人' }}
        columns={[
          {
            title: '单位',
            dataIndex: 'owner',
            render: (owner: string, c) => (
              <Space size={4}>
                <Tag color={KINDS[c.unitKind].color}>{KINDS[c.unitKind].label}</Tag>
                <span className="contact-unit">{owner}</span>
              </Space>
            ),
          },
          { title: '联系人', dataIndex: 'name', width: 140, render: (name: string) => <span className="contact-name">{name}</span> },
          { title: '邮箱', dataIndex: 'email', render: (email: string) => <Typography.Text className="contact-email" copyable>{email}</Typography.Text> },
          {
            title: '登记',
            dataIndex: 'createdAt',
            width: 200,
            render: (at: string, c) => (
              <Typography.Text type="secondary">
                {dayjs(at).format('YYYY-MM-DD')}
                {c.addedBy ? ` ${c.addedBy}` : ''}
              </Typography.Text>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_: unknown, c) => (
              <Popconfirm
                title="删除提醒联系人"
                description={`删除后，${c.owner}的任务提醒不再发给${c.name}（${c.email}）。确定删除？`}
                okText="删除"
                okButtonProps={{ danger: true, className: 'confirm-remove-contact' }}
                cancelText="取消"
                onConfirm={() => onRemove(c)}
              >
                <Button size="small" type="link" danger className="remove-contact">
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        部门的联系人接收该部门全部任务（含各区县的该部门任务）的提醒；区县的联系人接收该区县的任务提醒；“市妇儿工委办公室”的联系人接收本办审核等事项的提醒。同一单位可登记多人，每人各收一封。
      </Typography.Paragraph>
    </>
  );
}
