import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, Input, List, Modal, Select, Space, Table, Tag, Timeline, Typography, Upload, message } from 'antd';
import { DeleteOutlined, FileWordOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { unitReportsApi } from '../../api/unit-reports.endpoints.ts';
import { fileToBase64 } from './file-base64.ts';
import type { UnitProgress, UnitReportDetail, UnitReportSaveBody, UnitReportView } from '../../api/unit-reports.endpoints.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ReportFacts, UnitReportContent } from './UnitReportContent.tsx';
import { LatenessTag, StatusTag, UNIT_PROGRESS_LABELS, chineseDay, fileSize } from './unit-report-labels.tsx';

const PROGRESS_OPTIONS = Object.entries(UNIT_PROGRESS_LABELS).map(([value, label]) => ({ value: value as UnitProgress, label }));
const MAX_FILE = 10 * 1024 * 1024;

interface ItemDraft {
  progress: UnitProgress | null;
  done: string;
  problems: string;
  nextPlan: string;
}
interface Draft {
  overview: string;
  problems: string;
  nextPlan: string;
  items: Record<number, ItemDraft>;
}

const draftOf = (r: UnitReportDetail): Draft => ({
  overview: r.overview,
  problems: r.problems,
  nextPlan: r.nextPlan,
  items: Object.fromEntries(r.items.map((i) => [i.id, { progress: i.progress, done: i.done, problems: i.problems, nextPlan: i.nextPlan }])),
});

/** Unsaved edits survive a reload: kept in the browser per report and per saved state (updatedAt) they started from. */
const storageKey = (id: number) => `fuer.unit-report.${id}`;
function loadLocal(r: UnitReportDetail): Draft | null {
  try {
    const raw = localStorage.getItem(storageKey(r.id));
    if (!raw) return null;
    const stored = JSON.parse(raw) as { base: string; draft: Draft };
    return stored.base === r.updatedAt ? stored.draft : null;
  } catch {
    return null;
  }
}

function changesOf(saved: UnitReportDetail, draft: Draft): UnitReportSaveBody {
  const body: UnitReportSaveBody = {};
  if (draft.overview !== saved.overview) body.overview = draft.overview;
  if (draft.problems !== saved.problems) body.problems = draft.problems;
  if (draft.nextPlan !== saved.nextPlan) body.nextPlan = draft.nextPlan;
  const items = saved.items.flatMap((i) => {
    const d = draft.items[i.id];
    if (!d || (d.progress === i.progress && d.done === i.done && d.problems === i.problems && d.nextPlan === i.nextPlan)) return [];
    return [{ id: i.id, progress: d.progress, done: d.done, problems: d.problems, nextPlan: d.nextPlan }];
  });
  if (items.length > 0) body.items = items;
  return body;
}

function ReportForm({ report, onSaved }: { report: UnitReportDetail; onSaved: (r: UnitReportDetail) => void }) {
  const restored = useMemo(() => loadLocal(report), [report]);
  const [draft, setDraft] = useState<Draft>(() => restored ?? draftOf(report));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = Object.keys(changesOf(report, draft)).length > 0;

  useEffect(() => {
    if (dirty) localStorage.setItem(storageKey(report.id), JSON.stringify({ base: report.updatedAt, draft }));
    else localStorage.removeItem(storageKey(report.id));
  }, [draft, dirty, report.id, report.updatedAt]);

  const setItem = (id: number, patch: Partial<ItemDraft>) => setDraft((d) => ({ ...d, items: { ...d.items, [id]: { ...(d.items[id] as ItemDraft), ...patch } } }));

  const save = async (): Promise<UnitReportDetail | null> => {
    setError(null);
    const body = changesOf(report, draft);
    if (Object.keys(body).length === 0) return report;
    try {
      const saved = await unitReportsApi.save(report.id, body);
      localStorage.removeItem(storageKey(report.id));
      return saved;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return null;
    }
  };
  const onSave = async () => {
    setBusy(true);
    const saved = await save();
    setBusy(false);
    if (saved) {
      message.success('草稿已保存');
      onSaved(saved);
    }
  };
  const onSubmit = async () => {
    setBusy(true);
    const saved = await save();
    if (saved) {
      try {
        const submitted = await unitReportsApi.submit(report.id);
        message.success(submitted.status === 'resubmitted' ? '已重新提交' : '已提交');
        onSaved(submitted);
      } catch (err) {
        // The texts are saved; the error stays on screen (no remount).
        setError(err instanceof Error ? err.message : String(err));
      }
    }
    setBusy(false);
  };

  return (
    <>
      {restored && <Alert type="info" showIcon closable className="section-gap-bottom" title="已恢复上次未保存的修改" />}
      {error && <Alert type="error" showIcon className="section-gap-bottom unit-report-error" title={error} />}
      <Card size="small" title="总体情况" className="section-gap-bottom">
        <Input.TextArea aria-label="总体情况" rows={4} value={draft.overview} onChange={(e) => setDraft({ ...draft, overview: e.target.value })} placeholder="本年度规划落实的总体情况、主要成效" />
      </Card>
      <Card size="small" title={`目标任务落实情况（${report.items.length}项）`} className="section-gap-bottom">
        {report.items.length === 0 && <Empty description="没有目标条目" />}
        {report.items.map((item) => {
          const d = draft.items[item.id] as ItemDraft;
          const label = `${item.planLabel}规划领域${item.domain}目标${item.goal}`;
          return (
            <Card key={item.id} size="small" type="inner" className="section-gap-bottom unit-report-item" data-goal={`${item.plan}/${item.domain}/${item.goal}`}
              title={
                <Space wrap>
                  <span>{`${item.planLabel}规划 领域${item.domain} 目标${item.goal}`}</span>
                  <Tag>{item.roleLabel}</Tag>
                </Space>
              }
              extra={<Select aria-label={`进展评估-${label}`} placeholder="进展评估" allowClear style={{ width: 140 }} value={d.progress ?? undefined} onChange={(v?: UnitProgress) => setItem(item.id, { progress: v ?? null })} options={PROGRESS_OPTIONS} />}
            >
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }}>
                {item.goalText}
              </Typography.Paragraph>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.TextArea aria-label={`工作开展情况-${label}`} rows={2} placeholder="工作开展情况" value={d.done} onChange={(e) => setItem(item.id, { done: e.target.value })} />
                <Input.TextArea aria-label={`存在问题-${label}`} rows={1} placeholder="存在问题" value={d.problems} onChange={(e) => setItem(item.id, { problems: e.target.value })} />
                <Input.TextArea aria-label={`下一步安排-${label}`} rows={1} placeholder="下一年工作安排" value={d.nextPlan} onChange={(e) => setItem(item.id, { nextPlan: e.target.value })} />
              </Space>
            </Card>
          );
        })}
      </Card>
      <Card size="small" title="存在的问题" className="section-gap-bottom">
        <Input.TextArea aria-label="存在的问题" rows={3} value={draft.problems} onChange={(e) => setDraft({ ...draft, problems: e.target.value })} />
      </Card>
      <Card size="small" title={report.kind === 'annual' ? `${report.year + 1}年工作安排` : '下一步工作安排'} className="section-gap-bottom">
        <Input.TextArea aria-label="下一年工作安排" rows={3} value={draft.nextPlan} onChange={(e) => setDraft({ ...draft, nextPlan: e.target.value })} />
      </Card>
      <Space className="section-gap-bottom">
        <Button onClick={onSave} loading={busy} disabled={!dirty} className="save-draft">
          保存草稿
        </Button>
        <Button type="primary" onClick={onSubmit} loading={busy} className="submit-report">
          {report.status === 'returned' ? '修改后重新提交' : '提交'}
        </Button>
        {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
      </Space>
    </>
  );
}

function Attachments({ report, onChanged }: { report: UnitReportDetail; onChanged: () => void }) {
  const editable = report.can.edit;
  return (
    <Card size="small" title="附件" className="section-gap-bottom unit-report-attachments">
      <List
        dataSource={report.attachments}
        locale={{ emptyText: '没有附件' }}
        renderItem={(a) => (
          <List.Item
            key={a.id}
            actions={
              editable
                ? [
                    <Button key="del" size="small" danger icon={<DeleteOutlined />} onClick={() => unitReportsApi.detach(report.id, a.id).then(onChanged, (e: Error) => message.error(e.message))}>
                      删除
                    </Button>,
                  ]
                : []
            }
          >
            <Space>
              <PaperClipOutlined />
              <a onClick={() => unitReportsApi.download(report.id, a).catch((e: Error) => message.error(e.message))}>{a.fileName}</a>
              <Typography.Text type="secondary">{`${fileSize(a.size)}，${a.uploadedByName}上传于${chineseDay(a.uploadedAt)}`}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {editable && (
        <Upload
          showUploadList={false}
          beforeUpload={async (file) => {
            if (file.size > MAX_FILE) {
              message.error(`附件“${file.name}”过大：单个附件不超过10 MB`);
              return false;
            }
            try {
              await unitReportsApi.attach(report.id, { fileName: file.name, mime: file.type || 'application/octet-stream', data: await fileToBase64(file) });
              message.success(`已上传“${file.name}”`);
              onChanged();
            } catch (err) {
              message.error(err instanceof Error ? err.message : String(err));
            }
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>上传附件（单个不超过10 MB）</Button>
        </Upload>
      )}
    </Card>
  );
}

function TextModal({ title, label, open, onClose, onOk }: { title: string; label: string; open: boolean; onClose: () => void; onOk: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ className: 'text-modal-ok' }}
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await onOk(text);
          setText('');
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon className="section-gap-bottom" title={error} />}
      <Input.TextArea className="text-modal-input" aria-label={label} rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={label} />
    </Modal>
  );
}

function ReviewActions({ report, onChanged }: { report: UnitReportDetail; onChanged: (r: UnitReportDetail) => void }) {
  const [modal, modalHolder] = Modal.useModal();
  const [dialog, setDialog] = useState<null | 'return' | 'comment' | 'correct'>(null);
  const run = (work: () => Promise<UnitReportDetail>, done: string) =>
    work().then(
      (r) => {
        message.success(done);
        onChanged(r);
      },
      (e: Error) => message.error(e.message),
    );
  const { can } = report;
  if (!can.return && !can.approve && !can.publish && !can.comment && !can.correct) return null;
  return (
    <Card size="small" className="section-gap-bottom review-actions">
      {modalHolder}
      <Space wrap>
        {can.comment && <Button onClick={() => setDialog('comment')}>提出审核意见</Button>}
        {can.return && (
          <Button danger onClick={() => setDialog('return')} className="return-report">
            退回修改
          </Button>
        )}
        {can.approve && (
          <Button type="primary" onClick={() => run(() => unitReportsApi.approve(report.id), '已审定')} className="approve-report">
            审定
          </Button>
        )}
        {can.publish && (
          <Button
            type="primary"
            className="publish-report"
            onClick={() =>
              modal.confirm({
                title: '发布报告',
                content: '发布后报告向社会公开，且不可再修改（更正须创建新版本）。确定发布？',
                okText: '发布',
                cancelText: '取消',
                onOk: () => run(() => unitReportsApi.publish(report.id), '已发布'),
              })
            }
          >
            发布
          </Button>
        )}
        {can.correct && <Button onClick={() => setDialog('correct')} className="correct-report">更正（创建新版本）</Button>}
      </Space>
      <TextModal title="退回修改" label="退回意见" open={dialog === 'return'} onClose={() => setDialog(null)} onOk={async (t) => { const r = await unitReportsApi.sendBack(report.id, t); setDialog(null); message.success('已退回'); onChanged(r); }} />
      <TextModal title="审核意见" label="审核意见" open={dialog === 'comment'} onClose={() => setDialog(null)} onOk={async (t) => { const r = await unitReportsApi.comment(report.id, t); setDialog(null); onChanged(r); }} />
      <TextModal title="更正已发布的报告" label="更正原因" open={dialog === 'correct'} onClose={() => setDialog(null)} onOk={async (t) => { const r = await unitReportsApi.correct(report.id, t); setDialog(null); message.success(`已创建第${r.version}版`); window.location.assign(`/reports/unit-reports/${r.id}`); }} />
    </Card>
  );
}

function Comments({ report }: { report: UnitReportDetail }) {
  if (report.comments.length === 0) return null;
  return (
    <Card size="small" title="审核意见" className="section-gap-bottom unit-report-comments">
      <List
        dataSource={[...report.comments].reverse()}
        renderItem={(c) => (
          <List.Item key={c.id} className="unit-report-comment" data-stage={c.stage}>
            <div>
              <Space>
                <Typography.Text strong>{c.authorName}</Typography.Text>
                {c.stage === 'returned' && <Tag color="error">退回</Tag>}
                <Typography.Text type="secondary">{new Date(c.createdAt).toLocaleString('zh-CN')}</Typography.Text>
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.text}</Typography.Paragraph>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Versions({ report }: { report: UnitReportDetail }) {
  if (report.versions.length < 2) return null;
  return (
    <Card size="small" title="版本" className="section-gap-bottom">
      <Table<UnitReportView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={report.versions}
        columns={[
          { title: '版本', key: 'v', render: (_, v) => (v.id === report.id ? `第${v.version}版（当前）` : <Link to={`/reports/unit-reports/${v.id}`}>{`第${v.version}版`}</Link>) },
          { title: '状态', key: 's', render: (_, v) => <StatusTag status={v.status} label={v.statusLabel} /> },
          { title: '发布日期', key: 'p', render: (_, v) => chineseDay(v.publishedAt) },
          { title: '更正说明', key: 'n', render: (_, v) => v.correctionNote ?? '—' },
        ]}
      />
    </Card>
  );
}

/** /reports/unit-reports/:id — a unit's report: the form per goal (draft, submit), the office's review, versions. */
export default function UnitReportPage() {
  const id = Number(useParams().id);
  const state = useApi((signal) => unitReportsApi.get(id, signal), [id]);
  const [current, setCurrent] = useState<UnitReportDetail | null>(null);
  useEffect(() => setCurrent(null), [id]);
  const report = current && current.id === id ? current : state.data;
  const header = <PageHeader crumbs={[{ title: '报告' }, { title: '部门和区县年度报告', to: '/reports/unit-reports' }, { title: '报告' }]} title="部门和区县报告" />;
  return (
    <AsyncView state={{ ...state, data: report }} what="正在加载报告…" header={header}>
      {(r) => (
        <>
          <PageHeader
            crumbs={[{ title: '报告' }, { title: '部门和区县年度报告', to: '/reports/unit-reports' }, { title: r.unitName }]}
            title={r.title}
            documentTitle={r.title}
            extra={
              <Button icon={<FileWordOutlined />} className="download-docx" onClick={() => unitReportsApi.downloadDocx(r).catch((e: Error) => message.error(e.message))}>
                下载Word
              </Button>
            }
            subTitle={
              <Space wrap>
                <StatusTag status={r.status} label={r.statusLabel} />
                <LatenessTag lateness={r.lateness} label={r.latenessLabel} />
                <span>{`截止${r.dueDate}`}</span>
                {r.version > 1 && <Tag color="orange">{`第${r.version}版（更正）`}</Tag>}
              </Space>
            }
          />
          <ReportFacts report={r} />
          {r.status === 'returned' && r.can.edit && <Alert type="warning" showIcon className="section-gap-bottom" title="报告已被退回，请按审核意见修改后重新提交" />}
          <Comments report={r} />
          <ReviewActions report={r} onChanged={setCurrent} />
          {r.can.edit ? <ReportForm key={`${r.id}:${r.updatedAt}`} report={r} onSaved={setCurrent} /> : <UnitReportContent report={r} />}
          <Attachments report={r} onChanged={() => unitReportsApi.get(id).then(setCurrent)} />
          <Versions report={r} />
          <Collapse
            className="section-gap-bottom"
            items={[
              {
                key: 'history',
                label: `修改记录（${r.history.length}）`,
                children: (
                  <Timeline
                    items={r.history.map((h) => ({
                      content: (
                        <span>
                          {`${new Date(h.at).toLocaleString('zh-CN')} ${h.userName} ${h.actionLabel}`}
                          {h.reason ? `：${h.reason}` : ''}
                        </span>
                      ),
                    }))}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </AsyncView>
  );
}
