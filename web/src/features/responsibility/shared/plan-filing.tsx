import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Input, Modal, Space, Tag, Timeline, Typography, message } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { FilingCheck } from '../../../../../src/core/responsibility/filing-rule.ts';
import type { AccountUser } from '../../../api/types.ts';
import type { FilingStatus, ReviewDecision } from '../../../api/responsibility-plans.endpoints.ts';

/** Filing and review of county plans and implementation plans, shared by both screens. */

const STATUS_COLORS: Record<FilingStatus, string> = { draft: 'default', filed: 'processing', reviewed: 'success', returned: 'warning' };

export function FilingStatusTag({ status, label }: { status: FilingStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} className="filing-status" data-status={status}>
      {label}
    </Tag>
  );
}

/** Whether the county plan was filed within one month of promulgation: late and overdue ones in red, with days. */
export function FilingCheckTag({ filing }: { filing: FilingCheck & { stateLabel: string } }) {
  const color = filing.state === 'on_time' ? 'success' : filing.flagged ? 'error' : filing.state === 'pending' ? 'processing' : 'default';
  const text =
    filing.state === 'late' ? `逾期报送（逾期${filing.daysLate}天）` : filing.state === 'overdue' ? `逾期未报送（已逾期${filing.daysLate}天）` : filing.stateLabel;
  return (
    <Tag color={color} className="filing-check" data-state={filing.state} data-days-late={filing.daysLate} title={filing.explanation}>
      {text}
    </Tag>
  );
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A user of a county committee (region = a county, no department). */
export const countyOf = (user: AccountUser): string | null =>
  user.departmentId === null && user.regionCode !== null && user.regionCode !== '' && user.regionCode !== '370300' ? user.regionCode : null;

export const beijing = (iso: string | null): string =>
  iso === null ? '—' : new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

interface FilingRecord {
  status: FilingStatus;
  statusLabel: string;
  filedAt: string | null;
  filedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  events: { at: string; user: string; action: string; note: string | null }[];
  can: { file: boolean; review: boolean };
}

const ACTION_LABELS: Record<string, string> = {
  derive: '依据市级规划派生',
  import: '由文本导入',
  create: '编制',
  update: '修改',
  goal: '调整目标',
  goal_add: '新增目标',
  target: '调整量化目标',
  target_add: '新增量化目标',
  file: '报送',
  reviewed: '审阅通过',
  returned: '退回',
};

const actionLabel = (action: string) => ACTION_LABELS[action.slice(action.indexOf('.') + 1)] ?? action;

/**
 * The filing card: status, who filed and when, the office's review; buttons to file (with the date of a paper
 * filing) and to review or return (with a reason). `extra` shows kind-specific facts (the one-month check).
 */
export function FilingCard({
  record,
  extra,
  fileHint,
  onFile,
  onReview,
}: {
  record: FilingRecord;
  extra?: DescriptionsProps['items'];
  fileHint?: string;
  onFile: (filedAt: string | null) => Promise<void>;
  onReview: (decision: ReviewDecision, note: string | null) => Promise<void>;
}) {
  const [fileOpen, setFileOpen] = useState(false);
  const [filedAt, setFiledAt] = useState<string | null>(null);
  const [review, setReview] = useState<ReviewDecision | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<void>, done: string, close: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      close();
      void message.success(done);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="报送与审阅"
      className="filing-card"
      extra={
        <Space>
          {record.can.file && (
            <Button type="primary" className="file-plan" onClick={() => (setError(null), setFiledAt(null), setFileOpen(true))}>
              {record.status === 'returned' ? '重新报送' : '报送'}
            </Button>
          )}
          {record.can.review && (
            <>
              <Button className="review-plan" onClick={() => (setError(null), setNote(''), setReview('reviewed'))}>
                审阅通过
              </Button>
              <Button danger className="return-plan" onClick={() => (setError(null), setNote(''), setReview('returned'))}>
                退回
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        items={[
          { key: 'status', label: '状态', children: <FilingStatusTag status={record.status} label={record.statusLabel} /> },
          {
            key: 'filed',
            label: '报送日期',
            children: (
              <>
                <span className="filed-at">{record.filedAt ?? '未报送'}</span>
                {record.filedBy && <Typography.Text type="secondary">（{record.filedBy}）</Typography.Text>}
              </>
            ),
          },
          ...(extra ?? []),
          { key: 'reviewed', label: '审阅', children: record.reviewedAt ? `${beijing(record.reviewedAt)} ${record.reviewedBy ?? ''}` : '—' },
          { key: 'note', label: '审阅意见', children: <span className="review-note">{record.reviewNote ?? '—'}</span> },
        ]}
      />
      {record.events.length > 0 && (
        <Timeline
          className="filing-events"
          style={{ marginTop: 16 }}
          items={[...record.events].reverse().map((e) => ({
            content: (
              <span>
                {beijing(e.at)} {e.user} {actionLabel(e.action)}
                {e.note ? `：${e.note}` : ''}
              </span>
            ),
          }))}
        />
      )}
      <Modal
        title="报送"
        open={fileOpen}
        okText="确认报送"
        confirmLoading={busy}
        className="file-modal"
        onCancel={() => setFileOpen(false)}
        onOk={() => run(() => onFile(filedAt), '已报送', () => setFileOpen(false))}
      >
        {error && <Alert type="error" showIcon title={error} className="modal-error" style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>{fileHint ?? '报送后不能再修改，需退回后才能修改。'}</Typography.Paragraph>
        <Space orientation="vertical">
          <span>报送日期（默认今天；纸质报送可登记实际报送日期）：</span>
          <DatePicker
            aria-label="报送日期"
            className="filed-at-input"
            onChange={(d) => setFiledAt(d ? d.format('YYYY-MM-DD') : null)}
          />
        </Space>
      </Modal>
      <Modal
        title={review === 'returned' ? '退回' : '审阅通过'}
        open={review !== null}
        okText={review === 'returned' ? '确认退回' : '确认审阅'}
        okButtonProps={{ danger: review === 'returned' }}
        confirmLoading={busy}
        className="review-modal"
        onCancel={() => setReview(null)}
        onOk={() => review && run(() => onReview(review, note.trim() || null), review === 'returned' ? '已退回' : '已审阅', () => setReview(null))}
      >
        {error && <Alert type="error" showIcon title={error} className="modal-error" style={{ marginBottom: 12 }} />}
        <Input.TextArea
          rows={4}
          aria-label="审阅意见"
          placeholder={review === 'returned' ? '退回须说明理由' : '审阅意见（可不填）'}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
