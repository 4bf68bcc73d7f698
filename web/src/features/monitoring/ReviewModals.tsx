import { useState } from 'react';
import { Alert, Checkbox, Form, Input, List, Modal, Typography } from 'antd';

export interface PendingReturn {
  key: string;
  indicatorCode: string;
  indicatorName: string;
  cellKey: string;
  label: string;
  comment: string;
}

/** 退回报表: the comment on the whole form and the comments on single values marked in the grid. */
export function ReturnModal({
  open,
  pending,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  pending: PendingReturn[];
  onCancel: () => void;
  onConfirm: (comment: string) => Promise<void>;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title="退回报表"
      open={open}
      okText="退回"
      okButtonProps={{ danger: true, disabled: pending.length === 0 && !comment.trim() }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await onConfirm(comment.trim());
          setComment('');
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom" />}
      <Typography.Paragraph type="secondary">退回后报表回到填报人手中，修改后重新提交。</Typography.Paragraph>
      {pending.length > 0 && (
        <List
          className="return-list"
          size="small"
          bordered
          header={`针对具体数据的意见（${pending.length}项）`}
          dataSource={pending}
          renderItem={(p) => (
            <List.Item>
              <div>
                <b>
                  {p.indicatorName}（{p.label}）
                </b>
                ：{p.comment}
              </div>
            </List.Item>
          )}
        />
      )}
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item label="对整张报表的意见" extra={pending.length === 0 ? '未标记具体数据时，请填写对整张报表的意见' : '可不填'}>
          <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} aria-label="对整张报表的意见" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface UnlockChoice {
  key: string;
  indicatorCode: string;
  cellKey: string;
  label: string;
}

/** 解锁: approved values back to their reporter, with the reason (recorded in the audit log). */
export function UnlockModal({
  open,
  choices,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  choices: UnlockChoice[];
  onCancel: () => void;
  onConfirm: (reason: string, selected: UnlockChoice[]) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title="解锁已审核通过的数据"
      open={open}
      okText="解锁"
      okButtonProps={{ danger: true, disabled: !reason.trim() }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await onConfirm(
            reason.trim(),
            choices.filter((c) => selected.includes(c.key)),
          );
          setReason('');
          setSelected([]);
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom" />}
      <Alert
        type="warning"
        showIcon
        className="section-gap-bottom"
        title="解锁后数据退回填报人修改，市级汇总在重新审核通过前不再计入这些数据；解锁原因记入审计日志。"
      />
      <Form layout="vertical">
        <Form.Item label="解锁原因" required>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="解锁原因" />
        </Form.Item>
        {choices.length > 0 && (
          <Form.Item label="只解锁这些数据（不选则解锁整张报表）">
            <Checkbox.Group
              className="unlock-choices"
              value={selected}
              onChange={(v) => setSelected(v as string[])}
              options={choices.map((c) => ({ value: c.key, label: c.label }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
