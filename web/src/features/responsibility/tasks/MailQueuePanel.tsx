import { useState } from 'react';
import { Alert, Button, Segmented, Space, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { mailQueueApi } from '../../../api/mail-queue.endpoints.ts';
import type { MailQueueItem } from '../../../api/mail-queue.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';

type StatusFilter = 'all' | MailQueueItem['status'];

const STATUS: Record<MailQueueItem['status'], { label: string; color: string }> = {
  pending: { label: '待发送', color: 'default' },
  sent: { label: '已发送', color: 'success' },
  failed: { label: '发送失败', color: 'error' },
};

const stamp = (iso: string | null) => (iso === null ? '—' : dayjs(iso).format('YYYY-MM-DD HH:mm'));

/**
 * 邮件提醒 (office only): how reminder e-mail goes out (FUER_SMTP_URL), the outbox counts, the newest messages
 * with their attempts and last error, and a button that builds today's reminders and sends pending and failed mail.
 */
export function MailQueuePanel({ onSent }: { onSent?: () => void }) {
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [toast, holder] = message.useMessage();
  const state = useApi((signal) => mailQueueApi.queue(filter === 'all' ? undefined : filter, signal), [filter, version]);

  const send = async () => {
    setBusy(true);
    try {
      const run = await mailQueueApi.sendReminders();
      if (run.transport === 'none') toast.warning(`已生成提醒邮件${run.built}封，未配置邮件服务，留存在待发送队列`);
      else if (run.failed > 0) toast.error(`已发送${run.sent}封，失败${run.failed}封（失败的将在下次发送时重试）`);
      else toast.success(`发送成功${run.sent}封（今日新生成${run.built}封）${run.busy > 0 ? `，另有${run.busy}封正由另一次发送处理` : ''}`);
      setVersion((v) => v + 1);
      onSent?.();
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mail-queue">
      {holder}
      <AsyncView state={state} what="正在加载邮件提醒队列…">
        {(queue) => (
          <>
            {queue.transport.configured ? (
              <Alert
                className="mail-transport"
                type="info"
                showIcon
                title={`提醒邮件经 ${queue.transport.server} 发送，发件人：${queue.transport.from}`}
                description="发送失败的邮件保留在队列中，下次发送时自动重试。"
              />
            ) : (
              <Alert className="mail-transport" type="warning" showIcon title="未启用邮件发送" description={queue.transport.notice} />
            )}
            <Space wrap style={{ margin: '12px 0' }}>
              <Segmented<StatusFilter>
                className="mail-filter"
                value={filter}
                onChange={setFilter}
                options={[
                  { value: 'all', label: `全部（${queue.counts.pending + queue.counts.sent + queue.counts.failed}）` },
                  { value: 'pending', label: `待发送（${queue.counts.pending}）` },
                  { value: 'sent', label: `已发送（${queue.counts.sent}）` },
                  { value: 'failed', label: `发送失败（${queue.counts.failed}）` },
                ]}
              />
              <Button className="send-reminders" type="primary" loading={busy} onClick={() => void send()}>
                生成今日提醒并发送
              </Button>
            </Space>
            <Table<MailQueueItem>
              className="mail-queue-table"
              size="small"
              rowKey="id"
              dataSource={queue.items}
              pagination={queue.items.length > 10 ? { pageSize: 10 } : false}
              locale={{ emptyText: filter === 'all' ? '队列中还没有提醒邮件' : '没有该状态的邮件' }}
              columns={[
                { title: '提醒日期', dataIndex: 'remindOn', width: 110 },
                { title: '收件人', dataIndex: 'recipient', width: 200 },
                { title: '任务', dataIndex: 'taskTitle' },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 100,
                  render: (s: MailQueueItem['status'], m) =>
                    m.claimedAt !== null && s !== 'sent' ? (
                      <Tag className="mail-status" color="processing" title={`自 ${stamp(m.claimedAt)} 起`}>
                        发送中
                      </Tag>
                    ) : (
                      <Tag className="mail-status" color={STATUS[s].color}>
                        {STATUS[s].label}
                      </Tag>
                    ),
                },
                { title: '尝试', dataIndex: 'attempts', width: 70, render: (n: number) => `${n}次` },
                { title: '最后尝试', dataIndex: 'lastAttemptAt', width: 150, render: stamp },
                {
                  title: '错误或说明',
                  dataIndex: 'detail',
                  render: (d: string | null, m) =>
                    d === null ? (m.status === 'sent' ? `发送于 ${stamp(m.sentAt)}` : '—') : <Typography.Text type={m.status === 'failed' ? 'danger' : 'secondary'}>{d}</Typography.Text>,
                },
              ]}
            />
          </>
        )}
      </AsyncView>
    </div>
  );
}
