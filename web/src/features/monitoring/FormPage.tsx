import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, Modal, Segmented, Space, Switch, Table, Typography, message } from 'antd';
import { AuditOutlined, CheckOutlined, RollbackOutlined, SaveOutlined, SendOutlined, UnlockOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { ApiRequestError } from '../../api/client.ts';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import type { ConflictDetails } from '../../api/monitoring.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import type { DataValueIssue, DataValueStatus, FormGrid, GridCell, GridIndicator } from '../../api/types.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { formatValue } from '../../shared/format.ts';
import { useUser } from '../auth/auth-context.tsx';
import { AuditDrawer } from './AuditDrawer.tsx';
import type { AuditTarget } from './AuditDrawer.tsx';
import { clientIssues, issuesByCell } from './client-validate.ts';
import { ExcelActions } from './ExcelActions.tsx';
import { editKey, planSave, rebaseEdits, staleEdits } from './form-edits.ts';
import type { Edits } from './form-edits.ts';
import { FormGridTable } from './FormGridTable.tsx';
import type { GridActions, GridMode } from './FormGridTable.tsx';
import { FORM_KIND_LABELS, StatusTag, beijingTime } from './monitoring-labels.tsx';
import { ReturnModal, UnlockModal } from './ReviewModals.tsx';
import type { PendingReturn, UnlockChoice } from './ReviewModals.tsx';
import { useFormEdits } from './use-form-edits.ts';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function issuesOf(err: unknown): DataValueIssue[] {
  if (!(err instanceof ApiRequestError)) return [];
  const details = err.details as { issues?: DataValueIssue[] } | undefined;
  return Array.isArray(details?.issues) ? details.issues : [];
}

type PlanFilter = 'all' | 'W' | 'C';

function Workspace({ grid, refresh }: { grid: FormGrid; refresh: () => Promise<void> }) {
  const user = useUser();
  const { edits, setEdits, edit, settle, restoredCount, restoredAt } = useFormEdits(grid, user.id);
  const [toast, holder] = message.useMessage();
  const [busy, setBusy] = useState<null | 'save' | 'submit' | 'approve'>(null);
  const [serverIssues, setServerIssues] = useState<{ title: string; issues: DataValueIssue[] } | null>(null);
  const [conflictNotice, setConflictNotice] = useState<string | null>(null);
  const [returnComments, setReturnComments] = useState<Record<string, string>>({});
  const [returning, setReturning] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const [audit, setAudit] = useState<AuditTarget | null>(null);
  const [q, setQ] = useState('');
  const [plan, setPlan] = useState<PlanFilter>('all');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [showRestored, setShowRestored] = useState(restoredCount > 0);

  const { form, permissions } = grid;
  const roundOpen = form.round.status === 'open';
  const editable = permissions.write && (form.status === 'draft' || form.status === 'returned') && (roundOpen || permissions.admin);
  const reviewing = permissions.return && form.status === 'submitted';
  const mode = useMemo<GridMode>(() => ({ editable, reviewing }), [editable, reviewing]);

  const client = useMemo(() => clientIssues(grid, edits), [grid, edits]);
  const byCell = useMemo(() => issuesByCell(grid, edits, client), [grid, edits, client]);
  const stale = useMemo(() => staleEdits(grid, edits), [grid, edits]);
  const dirty = Object.keys(edits).length;

  const shownIssues = useMemo(() => [...byCell.values()].flat(), [byCell]);
  const errors = shownIssues.filter((i) => i.severity === 'error' && i.code !== 'required_missing').length;
  const missing = shownIssues.filter((i) => i.code === 'required_missing').length;
  const warnings = shownIssues.filter((i) => i.severity === 'warning').length;

  const gridRef = useRef(grid);
  gridRef.current = grid;
  const actions = useMemo<GridActions>(
    () => ({
      edit,
      showAudit: (indicator: GridIndicator, cell: GridCell) =>
        setAudit({
          kind: 'value',
          title: `修改记录：${indicator.name}（${cell.label}）`,
          ref: { indicatorCode: indicator.code, regionCode: gridRef.current.form.regionCode, year: gridRef.current.form.round.year, cellKey: cell.cellKey },
        }),
      setReturnComment: (indicator: GridIndicator, cell: GridCell, comment: string | null) =>
        setReturnComments((current) => {
          const next = { ...current };
          const key = editKey(indicator.code, cell.cellKey);
          if (comment) next[key] = comment;
          else delete next[key];
          return next;
        }),
    }),
    [edit],
  );

  const indicators = useMemo(() => {
    const text = q.trim();
    return grid.indicators.filter((i) => {
      if (plan !== 'all' && !i.code.startsWith(plan)) return false;
      if (text && !i.name.includes(text) && !i.code.toLowerCase().includes(text.toLowerCase())) return false;
      if (onlyOpen) {
        return i.cells.some((c) => {
          const key = editKey(i.code, c.cellKey);
          return edits[key] || c.comments.length > 0 || (byCell.get(key) ?? []).length > 0;
        });
      }
      return true;
    });
  }, [grid.indicators, q, plan, onlyOpen, edits, byCell]);

  const save = useCallback(async (): Promise<boolean> => {
    const snapshot: Edits = edits;
    if (Object.keys(snapshot).length === 0) return true;
    const planned = planSave(grid, snapshot);
    if (!planned.ok) {
      void toast.error(`有${planned.problems.length}处不是有效的数字，请按提示修改后再保存`);
      return false;
    }
    if (stale.length > 0) {
      setConflictNotice('部分数据已被他人修改：请先在下方选择保留您的输入或放弃修改');
      return false;
    }
    setBusy('save');
    try {
      const result = await monitoringApi.saveValues(form.id, planned.values);
      settle(snapshot);
      setConflictNotice(null);
      setServerIssues(null);
      setShowRestored(false);
      void toast.success(`草稿已保存：新增${result.inserted}项，修改${result.updated}项`);
      await refresh();
      return true;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 409) {
        const details = err.details as ConflictDetails | undefined;
        setConflictNotice(`${err.message}（${details?.conflicts.length ?? 0}项）。您的输入仍保留在表格中。`);
        await refresh();
      } else {
        const issues = issuesOf(err);
        setServerIssues({ title: errorText(err), issues });
        void toast.error(errorText(err));
      }
      return false;
    } finally {
      setBusy(null);
    }
  }, [edits, grid, stale.length, form.id, settle, refresh, toast]);

  const submit = async () => {
    if (dirty > 0 && !(await save())) return;
    setBusy('submit');
    try {
      await monitoringApi.submit(form.id);
      setServerIssues(null);
      void toast.success('报表已提交，等待审核');
      await refresh();
    } catch (err) {
      const issues = issuesOf(err);
      setServerIssues({ title: errorText(err), issues });
      void toast.error(errorText(err));
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  const approve = () =>
    Modal.confirm({
      title: '审核通过',
      content: `确认${form.name}${form.round.year}年度报表审核通过？通过后数据锁定并计入市级汇总。`,
      okText: '审核通过',
      onOk: async () => {
        setBusy('approve');
        try {
          await monitoringApi.approve(form.id);
          void toast.success('已审核通过，数据已锁定');
          await refresh();
        } catch (err) {
          void toast.error(errorText(err));
        } finally {
          setBusy(null);
        }
      },
    });

  const pendingReturns: PendingReturn[] = useMemo(
    () =>
      Object.entries(returnComments).flatMap(([key, comment]) => {
        const [code, cellKey] = key.split('|') as [string, string];
        const indicator = grid.indicators.find((i) => i.code === code);
        const cell = indicator?.cells.find((c) => c.cellKey === cellKey);
        return indicator && cell ? [{ key, indicatorCode: code, indicatorName: indicator.name, cellKey, label: cell.label, comment }] : [];
      }),
    [returnComments, grid.indicators],
  );

  const unlockChoices: UnlockChoice[] = useMemo(
    () =>
      grid.indicators.flatMap((i) =>
        i.cells
          .filter((c) => c.status === 'approved')
          .map((c) => ({ key: editKey(i.code, c.cellKey), indicatorCode: i.code, cellKey: c.cellKey, label: `${i.name}（${c.label}）` })),
      ),
    [grid.indicators],
  );

  const formComments = grid.comments.filter((c) => !c.resolved && c.indicatorCode === null);
  const conflicts = stale.map((key) => {
    const [code, cellKey] = key.split('|') as [string, string];
    const indicator = grid.indicators.find((i) => i.code === code);
    const cell = indicator?.cells.find((c) => c.cellKey === cellKey);
    return { key, indicator, cell };
  });

  return (
    <>
      {holder}
      <PageHeader
        crumbs={[{ title: '数据填报', to: '/data-entry' }, { title: `${form.name} ${form.round.year}年度` }]}
        title={
          <span className="form-title">
            {form.name} · {form.round.year}年度监测数据 <StatusTag status={form.status} className="form-status" />
          </span>
        }
        documentTitle={`${form.name}${form.round.year}年度报表`}
        subTitle={`${FORM_KIND_LABELS[form.kind]}报表 · 截止日期 ${form.dueDate}${form.dueDate !== form.round.dueDate ? '（本单位延期）' : ''}${roundOpen ? '' : ' · 本轮填报已结束'}`}
        extra={
          <Space wrap>
            <Button icon={<AuditOutlined />} onClick={() => setAudit({ kind: 'form', formId: form.id, title: `修改记录：${form.name}${form.round.year}年度报表` })}>
              报表记录
            </Button>
            <ExcelActions grid={grid} editable={editable} dirty={dirty} onUploaded={refresh} />
            {permissions.unlock && unlockChoices.length > 0 && (
              <Button icon={<UnlockOutlined />} onClick={() => setUnlocking(true)}>
                解锁
              </Button>
            )}
          </Space>
        }
      />
      <div className="section-gap">
        <Descriptions
          size="small"
          bordered
          column={4}
          className="form-facts"
          items={[
            { key: 'submitted', label: '提交', children: form.submittedAt ? `${beijingTime(form.submittedAt)} ${form.submittedBy ?? ''}` : '—' },
            { key: 'returned', label: '退回', children: form.returnedAt ? `${beijingTime(form.returnedAt)} ${form.returnedBy ?? ''}` : '—' },
            { key: 'approved', label: '审核通过', children: form.approvedAt ? `${beijingTime(form.approvedAt)} ${form.approvedBy ?? ''}` : '—' },
            { key: 'count', label: '指标', children: `${grid.indicators.length}个` },
          ]}
        />
        {showRestored && (
          <Alert
            type="info"
            showIcon
            className="restored-alert"
            title={`已恢复您上次未保存的${restoredCount}项修改${restoredAt ? `（${beijingTime(restoredAt)}）` : ''}，请检查后保存`}
            closable={{ onClose: () => setShowRestored(false) }}
            action={
              <Button
                size="small"
                onClick={() => {
                  setEdits({});
                  setShowRestored(false);
                }}
              >
                放弃这些修改
              </Button>
            }
          />
        )}
        {formComments.length > 0 && (
          <Alert
            type="error"
            showIcon
            className="form-comments"
            title="审核员的退回意见"
            description={
              <ul className="plain-list">
                {formComments.map((c) => (
                  <li key={c.id}>
                    {beijingTime(c.at)} {c.author}：{c.text}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {conflicts.length > 0 && (
          <Alert
            type="error"
            showIcon
            className="conflict-alert"
            title={conflictNotice ?? `保存冲突：${conflicts.length}项数据在您修改期间已被他人保存，您的输入仍保留在表格中`}
            description={
              <ul className="plain-list">
                {conflicts.map(({ key, indicator, cell }) => (
                  <li key={key}>
                    {indicator?.name}（{cell?.label}）：对方已保存为{' '}
                    <b>{cell?.value !== null && cell?.value !== undefined && indicator ? formatValue(cell.value, indicator.unit) : '空'}</b>
                    {cell?.updatedBy ? `（${cell.updatedBy}，${beijingTime(cell.updatedAt)}）` : ''}，您填写的是{' '}
                    <b>{edits[key]?.fields.value ?? '（数值未改）'}</b>
                  </li>
                ))}
              </ul>
            }
            action={
              <Space orientation="vertical">
                <Button size="small" type="primary" danger onClick={() => setEdits(rebaseEdits(grid, edits, stale))}>
                  保留我的输入
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    const next = { ...edits };
                    for (const key of stale) delete next[key];
                    setEdits(next);
                    setConflictNotice(null);
                  }}
                >
                  采用对方的数据
                </Button>
              </Space>
            }
          />
        )}
        {serverIssues && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setServerIssues(null) }}
            className="server-issues"
            title={serverIssues.title}
            description={
              serverIssues.issues.length > 0 && (
                <ul className="plain-list server-issue-list">
                  {serverIssues.issues.slice(0, 30).map((i, n) => {
                    const indicator = grid.indicators.find((x) => x.code === i.indicatorCode);
                    const cell = indicator?.cells.find((c) => c.cellKey === i.cellKey);
                    return (
                      <li key={n}>
                        {indicator?.name ?? i.indicatorCode}
                        {cell ? `（${cell.label}）` : ''}：{i.message}
                      </li>
                    );
                  })}
                  {serverIssues.issues.length > 30 && <li>……另有{serverIssues.issues.length - 30}处</li>}
                </ul>
              )
            }
          />
        )}
        <Card
          className="form-grid-card"
          title={
            <Flex wrap gap={12} align="center">
              <Segmented<PlanFilter>
                value={plan}
                onChange={setPlan}
                options={[
                  { value: 'all', label: '全部指标' },
                  { value: 'W', label: '妇女规划' },
                  { value: 'C', label: '儿童规划' },
                ]}
              />
              <Input.Search aria-label="查找指标" placeholder="指标名称或代码" allowClear style={{ width: 200 }} value={q} onChange={(e) => setQ(e.target.value)} />
              <Space size={6}>
                <Switch size="small" checked={onlyOpen} onChange={setOnlyOpen} aria-label="只看待处理" />
                <span>只看待处理</span>
              </Space>
            </Flex>
          }
          extra={
            <Space size={12} className="form-counts">
              <Typography.Text type={errors ? 'danger' : 'secondary'} className="count-errors">
                错误 {errors}
              </Typography.Text>
              <Typography.Text type="secondary" className="count-missing">
                待填 {missing}
              </Typography.Text>
              <Typography.Text type={warnings ? 'warning' : 'secondary'}>提示 {warnings}</Typography.Text>
            </Space>
          }
        >
          <FormGridTable
            indicators={indicators}
            edits={edits}
            issues={byCell}
            returnComments={returnComments}
            mode={mode}
            actions={actions}
          />
        </Card>
        {grid.backfilled.length > 0 && (
          <Card title={`补录的往年数据（${grid.backfilled.length}）`} size="small">
            <Table
              size="small"
              rowKey={(b) => `${b.indicatorCode}|${b.year}|${b.cellKey}`}
              pagination={false}
              dataSource={grid.backfilled}
              columns={[
                { title: '指标', dataIndex: 'indicatorName' },
                { title: '年度', dataIndex: 'year', width: 80 },
                { title: '分组', dataIndex: 'label', width: 100 },
                { title: '数值', dataIndex: 'value', width: 100 },
                { title: '分子/分母', key: 'nd', width: 140, render: (_: unknown, b) => (b.numerator !== null ? `${b.numerator}/${b.denominator ?? ''}` : '—') },
                { title: '状态', dataIndex: 'status', width: 120, render: (s: DataValueStatus) => <StatusTag status={s} /> },
              ]}
            />
          </Card>
        )}
      </div>
      {(editable || reviewing) && (
        <div className="form-actions-bar">
          <Typography.Text className="unsaved-count" type={dirty ? 'warning' : 'secondary'}>
            {editable ? (dirty ? `有${dirty}项修改尚未保存（已暂存在本机浏览器）` : '所有修改已保存') : `已标记退回${pendingReturns.length}项`}
          </Typography.Text>
          <Space>
            {editable && (
              <Button icon={<SaveOutlined />} onClick={() => void save()} loading={busy === 'save'} disabled={dirty === 0} className="save-draft">
                保存草稿
              </Button>
            )}
            {editable && permissions.submit && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => void submit()} loading={busy === 'submit'} className="submit-form">
                {form.status === 'returned' ? '重新提交' : '提交'}
              </Button>
            )}
            {reviewing && (
              <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} className="return-form">
                退回{pendingReturns.length > 0 ? `（${pendingReturns.length}项）` : ''}
              </Button>
            )}
            {reviewing && permissions.approve && (
              <Button type="primary" icon={<CheckOutlined />} onClick={approve} loading={busy === 'approve'} className="approve-form">
                审核通过
              </Button>
            )}
          </Space>
        </div>
      )}
      <ReturnModal
        open={returning}
        pending={pendingReturns}
        onCancel={() => setReturning(false)}
        onConfirm={async (comment) => {
          await monitoringApi.returnForm(form.id, {
            ...(comment ? { comment } : {}),
            values: pendingReturns.map((p) => ({ indicatorCode: p.indicatorCode, cellKey: p.cellKey, comment: p.comment })),
          });
          setReturning(false);
          setReturnComments({});
          void toast.success('报表已退回填报人');
          await refresh();
        }}
      />
      <UnlockModal
        open={unlocking}
        choices={unlockChoices}
        onCancel={() => setUnlocking(false)}
        onConfirm={async (reason, selected) => {
          const result = await monitoringApi.unlock(form.id, {
            reason,
            ...(selected.length > 0 ? { values: selected.map((s) => ({ indicatorCode: s.indicatorCode, cellKey: s.cellKey })) } : {}),
          });
          setUnlocking(false);
          void toast.success(`已解锁${result.values}项数据，报表已退回填报人`);
          await refresh();
        }}
      />
      <AuditDrawer target={audit} onClose={() => setAudit(null)} />
    </>
  );
}

/** 报表填报 / 审核: the entry grid of one form, with review actions for reviewers. */
export default function FormPage() {
  const { id = '' } = useParams();
  const formId = Number(id);
  const initial = useApi((signal) => monitoringApi.form(formId, signal), [formId]);
  const [latest, setLatest] = useState<FormGrid | undefined>(undefined);
  useEffect(() => setLatest(initial.data), [initial.data]);
  const refresh = useCallback(async () => {
    setLatest(await monitoringApi.form(formId));
  }, [formId]);
  const state = { ...initial, data: latest ?? initial.data };
  return (
    <AsyncView
      state={state}
      what="正在加载报表…"
      header={<PageHeader crumbs={[{ title: '数据填报', to: '/data-entry' }, { title: `报表${id}` }]} title="报表" />}
    >
      {(grid) => <Workspace key={grid.form.id} grid={grid} refresh={refresh} />}
    </AsyncView>
  );
}
