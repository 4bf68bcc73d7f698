import { Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import type { ValueRef } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { AuditEntry } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { STATUS_LABELS, beijingTime } from './monitoring-labels.tsx';

export type AuditTarget = { kind: 'form'; formId: number; title: string } | { kind: 'value'; ref: ValueRef; title: string };

const ACTION_COLORS: Record<string, string> = {
  'value.insert': 'blue',
  'value.update': 'blue',
  'value.return': 'red',
  'value.unlock': 'orange',
  'form.submit': 'cyan',
  'form.resubmit': 'cyan',
  'form.return': 'red',
  'form.approve': 'green',
  'form.unlock': 'orange',
};

const FIELD_LABELS: Record<string, string> = { value: '数值', numerator: '分子', denominator: '分母', source: '来源', note: '备注', status: '状态' };

const ORIGIN_LABELS: Record<string, string> = { form: '网页填报', excel: 'Excel上传', csv: 'CSV导入', cli: '命令行', api: '接口' };

function show(x: unknown, field: string): string {
  if (x === null || x === undefined || x === '') return '空';
  if (field === 'status' && typeof x === 'string') return (STATUS_LABELS as Record<string, string>)[x] ?? x;
  return String(x);
}

/** before → after of the fields that changed (values), or of the status (forms). */
function changes(entry: AuditEntry): { field: string; before: string; after: string }[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  return Object.keys(FIELD_LABELS)
    .filter((f) => f in after || f in before)
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: FIELD_LABELS[f] ?? f, before: show(before[f], f), after: show(after[f], f) }));
}

function valueKeyLabel(entityKey: string): string {
  // indicator|region|year|cellKey
  const [code, , year, cell] = entityKey.split('|');
  return [code, year ? `${year}年` : '', cell && cell !== '_T' ? cell.replace(/\w+=/g, '') : '合计'].filter(Boolean).join(' ');
}

export function AuditTimeline({ entries, showValue }: { entries: AuditEntry[]; showValue: boolean }) {
  if (entries.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      className="audit-timeline"
      items={entries.map((e) => ({
        key: e.id,
        color: ACTION_COLORS[e.action] ?? 'gray',
        content: (
          <div className="audit-entry" data-action={e.action}>
            <div>
              <Typography.Text strong>{e.actionLabel}</Typography.Text>
              {showValue && e.entity === 'data_value' && <Tag className="audit-value-tag">{valueKeyLabel(e.entityKey)}</Tag>}
            </div>
            <Typography.Text type="secondary" className="audit-who">
              {beijingTime(e.at)} · {e.user.name}
            </Typography.Text>
            {changes(e).length === 0 || !e.action.startsWith('value.') ? (
              <div className="audit-summary">{e.summary}</div>
            ) : (
              e.origin && <Tag className="audit-origin">{ORIGIN_LABELS[e.origin] ?? e.origin}</Tag>
            )}
            {changes(e).length > 0 && (
              <ul className="audit-changes">
                {changes(e).map((c) => (
                  <li key={c.field}>
                    {c.field}：<span className="audit-before">{c.before}</span> → <span className="audit-after">{c.after}</span>
                  </li>
                ))}
              </ul>
            )}
            {e.reason && <div className="audit-reason">原因/意见：{e.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}

function AuditBody({ target }: { target: AuditTarget }) {
  const state = useApi(
    (signal) => (target.kind === 'form' ? monitoringApi.formAudit(target.formId, signal) : monitoringApi.valueAudit(target.ref, signal)),
    [JSON.stringify(target)],
  );
  return (
    <AsyncView state={state} what="正在加载记录…">
      {(entries) => <AuditTimeline entries={[...entries].reverse()} showValue={target.kind === 'form'} />}
    </AsyncView>
  );
}

/** 修改记录: who did what when, before and after, and why — for a form or one value, newest first. */
export function AuditDrawer({ target, onClose }: { target: AuditTarget | null; onClose: () => void }) {
  return (
    <Drawer
      className="audit-drawer"
      title={target?.title ?? '修改记录'}
      open={target !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
    >
      {target && <AuditBody target={target} />}
    </Drawer>
  );
}
