import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Space, Timeline, Typography, message } from 'antd';
import { CheckOutlined, CloudUploadOutlined, DownloadOutlined, EditOutlined, RollbackOutlined, SendOutlined, SyncOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { reportsApi } from '../../api/reports.endpoints.ts';
import type { ReportCommentView, ReportDetail } from '../../api/reports.types.ts';
import { useApi } from '../../api/use-api.ts';
import { AsyncView } from '../../shared/AsyncView.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { hasRole } from '../auth/roles.ts';
import { beijingTime } from '../monitoring/monitoring-labels.tsx';
import { ReportContentView } from './ReportContentView.tsx';
import { ReportSectionsEditor, ReportSectionsView } from './ReportSections.tsx';
import { ReportVersionList } from './ReportVersionList.tsx';
import { DemoDataTag, ReportStatusTag, planScopeLabel } from './report-labels.tsx';
import { useRegionNames } from './use-region-names.ts';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A text asked for in a modal (a review comment, the reason to send back, a correction note). */
function TextModal(props: { open: boolean; title: string; label: string; okText: string; hint?: string; danger?: boolean; onCancel: () => void; onConfirm: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) {
      setText('');
      setError(null);
    }
  }, [props.open]);
  return (
    <Modal
      title={props.title}
      open={props.open}
      okText={props.okText}
      okButtonProps={{ disabled: !text.trim(), danger: props.danger, className: 'text-modal-ok' }}
      confirmLoading={busy}
      onCancel={props.onCancel}
      destroyOnHidden
      onOk={async () => {
        setBusy(true);
        setError(null);
        try {
          await props.onConfirm(text.trim());
        } catch (err) {
          setError(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom text-modal-error" />}
      {props.hint && <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>}
      <Form layout="vertical">
        <Form.Item label={props.label} required>
          <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-label={props.label} className="text-modal-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const STAGE_LABELS: Record<string, string> = { under_review: '审核意见', returned: '退回理由' };

function CommentList({ comments }: { comments: ReportCommentView[] }) {
  if (comments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无审核意见" />;
  return (
    <Timeline
      className="report-comments"
      items={comments.map((c) => ({
        color: c.stage === 'returned' ? 'red' : 'blue',
        content: (
          <div className="report-comment" data-stage={c.stage}>
            <Typography.Text strong>{STAGE_LABELS[c.stage] ?? c.stage}</Typography.Text>
            <Typography.Text type="secondary">{`　${c.authorName}　${beijingTime(c.createdAt)}`}</Typography.Text>
            <div className="report-comment-text">{c.text}</div>
          </div>
        ),
      }))}
    />
  );
}

type Dialog = 'comment' | 'return' | 'correction' | null;

function ReportView({ report, onChange }: { report: ReportDetail; onChange: (r: ReportDetail) => void }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [toast, toastHolder] = message.useMessage();
  const [modal, modalHolder] = Modal.useModal();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const regionName = useRegionNames();
  const r = report;
  const isOffice = hasRole(user, 'admin');
  const canEdit = hasRole(user, 'admin', 'stats');
  const canComment = hasRole(user, 'admin', 'stats', 'reviewer', 'viewer');
  const editable = r.status === 'draft' && canEdit;
  const newest = r.versions[0];
  const newer = newest && newest.id !== r.id ? newest : null;

  const act = async (what: string, work: () => Promise<ReportDetail>, done: string) => {
    setBusy(what);
    try {
      onChange(await work());
      void toast.success(done);
    } catch (err) {
      void toast.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const download = async () => {
    try {
      await reportsApi.downloadFile(r);
    } catch (err) {
      void toast.error(errorText(err));
    }
  };

  const isDocx = r.fileName.endsWith('.docx');
  const downloads = (
    <Space wrap className="report-downloads">
      <Button icon={<DownloadOutlined />} onClick={download} className="download-report-file">
        {isDocx ? '下载Word（.docx）' : '下载Excel（.xlsx）'}
      </Button>
      {r.kind === 'annual' && (
        <Button
          icon={<DownloadOutlined />}
          className="download-compendium"
          title="按当前审核通过的数据生成本年度统计资料（各领域指标分地区、分年度）"
          onClick={() => reportsApi.downloadCompendium(r.year, r.plan).catch((err: unknown) => void toast.error(errorText(err)))}
        >
          统计资料（.xlsx）
        </Button>
      )}
    </Space>
  );

  const actions: ReactNode[] = [];
  if (r.status === 'draft' && canEdit) {
    actions.push(
      <Button key="regen" icon={<SyncOutlined />} loading={busy === 'regen'} className="regenerate-report" onClick={() => act('regen', () => reportsApi.regenerate(r.id), '已按当前审核通过的数据重新生成')}>
        按最新数据重新生成
      </Button>,
      <Button key="submit" type="primary" icon={<SendOutlined />} loading={busy === 'submit'} className="submit-report" onClick={() => act('submit', () => reportsApi.submit(r.id), '已提交协调组审核')}>
        提交审核
      </Button>,
    );
  }
  if (r.status === 'under_review') {
    if (canComment) {
      actions.push(
        <Button key="comment" icon={<EditOutlined />} className="comment-report" onClick={() => setDialog('comment')}>
          提出审核意见
        </Button>,
      );
    }
    if (isOffice) {
      actions.push(
        <Button key="return" danger icon={<RollbackOutlined />} className="return-report" onClick={() => setDialog('return')}>
          退回修改
        </Button>,
        <Button
          key="approve"
          type="primary"
          icon={<CheckOutlined />}
          loading={busy === 'approve'}
          className="approve-report"
          onClick={() =>
            void modal.confirm({
              title: '审定报告',
              content: '审定后报告不再修改，可以发布。确认审定？',
              okText: '审定',
              cancelText: '取消',
              onOk: () => act('approve', () => reportsApi.approve(r.id), '报告已审定'),
            })
          }
        >
          审定
        </Button>,
      );
    }
  }
  if (r.status === 'approved' && isOffice) {
    actions.push(
      <Button
        key="publish"
        type="primary"
        icon={<CloudUploadOutlined />}
        loading={busy === 'publish'}
        className="publish-report"
        onClick={() =>
          void modal.confirm({
            title: '发布报告',
            content: '发布后报告向社会公开，且不可再修改；如需更正，只能发布附更正说明的新版本。确认发布？',
            okText: '确认发布',
            cancelText: '取消',
            onOk: () => act('publish', () => reportsApi.publish(r.id), '报告已发布'),
          })
        }
      >
        发布
      </Button>,
    );
  }
  if (r.status === 'published' && canEdit && newer === null) {
    actions.push(
      <Button key="correct" icon={<EditOutlined />} className="correct-report" onClick={() => setDialog('correction')}>
        发布更正版本
      </Button>,
    );
  }

  const statusHint: Record<ReportDetail['status'], string> = {
    draft: canEdit ? '草稿：可编辑文字部分、按最新数据重新生成，完成后提交协调组审核。' : '草稿：由妇儿工委办公室或统计局编辑。',
    under_review: '审核中：协调组成员提出审核意见；妇儿工委办公室审定或退回修改。',
    approved: '已审定：等待妇儿工委办公室发布。',
    published: '已发布：本版本已向社会公开，不可修改；更正以新版本发布。',
  };

  const sectionsNode = editable ? (
    <ReportSectionsEditor kind={r.kind} sections={r.sections} content={r.content} onSave={(sections) => act('sections', () => reportsApi.saveSections(r.id, sections), '文字部分已保存')} />
  ) : (
    <ReportSectionsView kind={r.kind} sections={r.sections} content={r.content} />
  );

  return (
    <>
      {toastHolder}
      {modalHolder}
      <PageHeader
        crumbs={[{ title: '统计监测报告', to: '/reports' }, { title: r.title }]}
        title={
          <Space wrap>
            <span className="report-title">{r.title}</span>
            <ReportStatusTag status={r.status} />
            <span className="report-version" data-version={r.version}>{`第${r.version}版`}</span>
            <DemoDataTag demo={r.demo} />
          </Space>
        }
        documentTitle={r.title}
        extra={downloads}
      />
      <div className="section-gap">
        {newer && (
          <Alert
            type="info"
            showIcon
            title={
              <span>
                本报告已有第{newer.version}版（{newer.statusLabel}）：<Link to={`/reports/${newer.id}`}>查看最新版本</Link>
              </span>
            }
          />
        )}
        {r.correctionNote && <Alert type="warning" showIcon className="report-correction-note" title={`第${r.version}版更正说明：${r.correctionNote}`} />}
        <Card size="small" className="report-meta">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'kind', label: '报告类型', children: r.kindLabel },
              { key: 'year', label: '年度', children: `${r.year}年` },
              { key: 'plan', label: '规划', children: planScopeLabel(r.plan) },
              { key: 'region', label: '地区', children: regionName(r.regionCode) },
              { key: 'created', label: '生成', children: `${r.createdByName}　${beijingTime(r.createdAt)}` },
              ...(r.submittedAt ? [{ key: 'submitted', label: '提交审核', children: beijingTime(r.submittedAt) }] : []),
              ...(r.approvedAt ? [{ key: 'approved', label: '审定', children: `${r.approvedByName ?? ''}　${beijingTime(r.approvedAt)}` }] : []),
              ...(r.publishedAt ? [{ key: 'published', label: '发布', children: `${r.publishedByName ?? ''}　${beijingTime(r.publishedAt)}` }] : []),
            ]}
          />
          <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 8 }}>
            <Typography.Text type="secondary" className="report-status-hint">
              {statusHint[r.status]}
            </Typography.Text>
            {actions.length > 0 && (
              <Space wrap className="report-actions">
                {actions}
              </Space>
            )}
          </Flex>
        </Card>
        {(r.status !== 'draft' || r.comments.length > 0) && (
          <Card size="small" title="审核意见" className="report-review">
            <CommentList comments={r.comments} />
          </Card>
        )}
        <Card className="report-body">
          <ReportContentView content={r.content} sections={sectionsNode} />
        </Card>
        <Card size="small" title="版本记录" className="report-versions-card">
          <ReportVersionList versions={r.versions} currentId={r.id} linkTo={(v) => `/reports/${v.id}`} />
        </Card>
      </div>
      <TextModal
        open={dialog === 'comment'}
        title="提出审核意见"
        label="审核意见"
        okText="提交意见"
        onCancel={() => setDialog(null)}
        onConfirm={async (text) => {
          onChange(await reportsApi.comment(r.id, text));
          setDialog(null);
          void toast.success('审核意见已提交');
        }}
      />
      <TextModal
        open={dialog === 'return'}
        title="退回修改"
        label="退回理由"
        okText="退回"
        danger
        hint="报告退回为草稿，由编制单位修改后重新提交。"
        onCancel={() => setDialog(null)}
        onConfirm={async (text) => {
          onChange(await reportsApi.sendBack(r.id, text));
          setDialog(null);
          void toast.success('报告已退回修改');
        }}
      />
      <TextModal
        open={dialog === 'correction'}
        title="发布更正版本"
        label="更正说明"
        okText="生成更正版本"
        hint={`已发布的第${r.version}版保持不变；按当前审核通过的数据生成第${r.version + 1}版草稿，经审核、审定后发布。更正说明随新版本公开。`}
        onCancel={() => setDialog(null)}
        onConfirm={async (text) => {
          const created = await reportsApi.create({ kind: r.kind, year: r.year, plan: r.plan as 'women' | 'children' | 'all', region: r.regionCode, correctionNote: text });
          setDialog(null);
          void toast.success(`已生成第${created.version}版草稿`);
          navigate(`/reports/${created.id}`);
        }}
      />
    </>
  );
}

/** /reports/:id — a stored report as a web page, its review and publication, its versions. */
export default function ReportPage() {
  const { id } = useParams();
  const reportId = Number(id);
  const state = useApi((signal) => reportsApi.get(reportId, signal), [reportId]);
  const [changed, setChanged] = useState<ReportDetail | null>(null);
  useEffect(() => setChanged(null), [reportId]);
  const current = changed && changed.id === reportId ? changed : state.data;
  return (
    <AsyncView
      state={{ ...state, data: current }}
      what="正在加载报告…"
      header={<PageHeader crumbs={[{ title: '统计监测报告', to: '/reports' }, { title: '报告详情' }]} title="报告详情" />}
    >
      {(report) => <ReportView report={report} onChange={setChanged} />}
    </AsyncView>
  );
}
