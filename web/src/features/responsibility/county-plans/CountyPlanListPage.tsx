import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Input, Modal, Segmented, Space, Table, Tag, Typography, Upload, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { ImportOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { plansApi } from '../../../api/responsibility-plans.endpoints.ts';
import type { CountyPlanOverviewRow, PlanKind } from '../../../api/responsibility-plans.endpoints.ts';
import { useApi } from '../../../api/use-api.ts';
import { AsyncView } from '../../../shared/AsyncView.tsx';
import { PageHeader } from '../../../shared/PageHeader.tsx';
import { useUser } from '../../auth/auth-context.tsx';
import { countyOf, errorText, FilingCheckTag, FilingStatusTag } from '../shared/plan-filing.tsx';

type KindFilter = 'all' | PlanKind;

const KIND_OPTIONS = [
  { value: 'all', label: '全部' },
  { value: 'women', label: '妇女发展规划' },
  { value: 'children', label: '儿童发展规划' },
];

function overviewColumns(): TableColumnsType<CountyPlanOverviewRow> {
  return [
    {
      title: '区县',
      key: 'region',
      width: 110,
      render: (_, r) => (
        <span className="region-name">
          {r.region.name}
          {r.region.functional && <Typography.Text type="secondary">（功能区）</Typography.Text>}
        </span>
      ),
    },
    {
      title: '规划',
      key: 'plan',
      render: (_, r) => (r.plan ? <Link to={`/responsibility/county-plans/${r.plan.id}`} className="plan-link">{r.plan.title}</Link> : <Typography.Text type="secondary">{r.kindLabel}</Typography.Text>),
    },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_, r) => (r.plan ? <FilingStatusTag status={r.plan.status} label={r.plan.statusLabel} /> : <Tag color="error" className="plan-missing">未建立</Tag>),
    },
    { title: '颁布日期', key: 'promulgatedAt', width: 110, render: (_, r) => <span className="promulgated-at">{r.plan?.promulgatedAt ?? '—'}</span> },
    { title: '报送期限', key: 'deadline', width: 110, render: (_, r) => r.plan?.filing.deadline ?? '—' },
    { title: '报送日期', key: 'filedAt', width: 110, render: (_, r) => <span className="filed-at">{r.plan?.filedAt ?? '—'}</span> },
    {
      title: '颁布后1个月内报送',
      key: 'filing',
      width: 190,
      render: (_, r) => (r.plan ? <FilingCheckTag filing={r.plan.filing} /> : <Tag color="error">尚未建立规划</Tag>),
    },
    {
      title: '低于市目标',
      key: 'weaker',
      width: 100,
      align: 'right',
      render: (_, r) =>
        r.plan === null ? (
          '—'
        ) : (
          <span className="weaker-count" data-count={r.plan.summary.weaker}>
            {r.plan.summary.weaker > 0 ? <Typography.Text type="danger" strong>{r.plan.summary.weaker}项</Typography.Text> : '0'}
          </span>
        ),
    },
  ];
}

/** A county's own plans: derive from the city plan, or import from the plan's text. */
function OwnCountyCard({ regionCode, regionName, rows, onImport }: { regionCode: string; regionName: string; rows: CountyPlanOverviewRow[]; onImport: () => void }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState<PlanKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const own = rows.filter((r) => r.region.code === regionCode);

  const derive = async (kind: PlanKind) => {
    setBusy(kind);
    setError(null);
    try {
      const plan = await plansApi.deriveCountyPlan({ regionCode, planKind: kind });
      void message.success(`已依据市级规划建立${plan.title}`);
      navigate(`/responsibility/county-plans/${plan.id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={`${regionName}的规划`}
      className="own-county-card"
      style={{ marginBottom: 16 }}
      extra={
        <Button icon={<ImportOutlined />} className="import-plan" onClick={onImport}>
          由规划文本导入
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="own-county-error" style={{ marginBottom: 12 }} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {own.map((r) => (
          <Space key={r.planKind} wrap className="own-plan" data-kind={r.planKind}>
            <Typography.Text strong>{r.kindLabel}：</Typography.Text>
            {r.plan ? (
              <>
                <Link to={`/responsibility/county-plans/${r.plan.id}`} className="own-plan-link">
                  {r.plan.title}
                </Link>
                <FilingStatusTag status={r.plan.status} label={r.plan.statusLabel} />
                <FilingCheckTag filing={r.plan.filing} />
              </>
            ) : (
              <>
                <Typography.Text type="secondary">尚未建立</Typography.Text>
                <Button type="primary" size="small" icon={<PlusOutlined />} loading={busy === r.planKind} className="derive-plan" data-kind={r.planKind} onClick={() => derive(r.planKind)}>
                  依据市级规划建立
                </Button>
              </>
            )}
          </Space>
        ))}
      </Space>
    </Card>
  );
}

function ImportModal({ open, regionCode, onClose, onImported }: { open: boolean; regionCode: string; onClose: () => void; onImported: () => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [promulgatedAt, setPromulgatedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const out = await plansApi.importCountyPlan({ regionCode, text, fileName, promulgatedAt });
      setResult(
        out.plans
          .map((p, i) => {
            const m = out.matching[i];
            return `${p.title}：目标${p.summary.goals}项，量化目标${p.summary.targets}项（沿用${m?.targets.adopted ?? 0}、调整${m?.targets.adjusted ?? 0}、新增${m?.targets.added ?? 0}），未列出的市目标${p.summary.missingCityTargets}项，低于市目标${p.summary.weaker}项`;
          })
          .join('\n'),
      );
      onImported();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="由规划文本导入区县规划"
      open={open}
      width={760}
      okText={result === null ? '导入' : '完成'}
      okButtonProps={{ disabled: text.trim() === '' }}
      confirmLoading={busy}
      className="import-modal"
      onCancel={onClose}
      onOk={result === null ? submit : onClose}
      afterClose={() => (setText(''), setFileName(null), setError(null), setResult(null))}
    >
      <Typography.Paragraph type="secondary">
        规划文本格式同市级规划（“一、…”“（一）…”“1. …”，目标后注明牵头单位、责任单位）。导入后逐项与市级规划对照；已报送的规划不能用导入覆盖。
      </Typography.Paragraph>
      {error && (
        <Alert type="error" showIcon title="导入失败" description={<pre className="import-error" style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'inherit' }}>{error}</pre>} style={{ marginBottom: 12 }} />
      )}
      {result && <Alert type="success" showIcon title="已导入" description={<pre className="import-result" style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'inherit' }}>{result}</pre>} style={{ marginBottom: 12 }} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Upload
            accept=".txt,text/plain"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((t) => {
                setText(t);
                setFileName(file.name);
                setResult(null);
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>选择文本文件（UTF-8）</Button>
          </Upload>
          {fileName && <Typography.Text className="import-file-name">{fileName}</Typography.Text>}
          <DatePicker placeholder="颁布日期（可不填）" aria-label="颁布日期" onChange={(d) => setPromulgatedAt(d ? d.format('YYYY-MM-DD') : null)} />
        </Space>
        <Input.TextArea rows={12} aria-label="规划文本" placeholder="或在此粘贴规划全文" value={text} onChange={(e) => (setText(e.target.value), setResult(null))} />
      </Space>
    </Modal>
  );
}

/** 区县规划 overview: one row per county (and functional zone) and plan, for the office; a county's own plans on top. */
export default function CountyPlanListPage() {
  const user = useUser();
  const [kind, setKind] = useState<KindFilter>('all');
  const state = useApi((signal) => plansApi.countyOverview(undefined, signal), []);
  const county = countyOf(user);
  // Outside AsyncView: the overview reloads behind the modal without closing it.
  const [importOpen, setImportOpen] = useState(false);
  return (
    <>
      <PageHeader crumbs={[{ title: '目标责任' }, { title: '区县规划' }]} title="区县规划报送情况" subTitle="各区县规划颁布后1个月内报送市妇儿工委办公室；区县目标逐项与市目标对照" />
      <AsyncView state={state} what="正在加载区县规划…">
        {(rows) => {
          const shown = rows.filter((r) => kind === 'all' || r.planKind === kind);
          const flagged = shown.filter((r) => r.flagged || r.plan === null).length;
          return (
            <>
              {county !== null && <OwnCountyCard regionCode={county} regionName={user.regionName ?? county} rows={rows} onImport={() => setImportOpen(true)} />}
              <Card
                title="各区县报送情况"
                extra={<Segmented options={KIND_OPTIONS} value={kind} onChange={(v) => setKind(v as KindFilter)} className="kind-filter" />}
              >
                {rows.length === 0 ? (
                  <Empty description="尚无区县区划数据" />
                ) : (
                  <>
                    <Typography.Paragraph type="secondary" className="overview-summary">
                      共{shown.length}项：已报送{shown.filter((r) => r.plan?.filedAt).length}项，需关注{flagged}项（逾期、未建立或有目标低于市目标）。
                    </Typography.Paragraph>
                    <Table<CountyPlanOverviewRow>
                      className="county-overview"
                      size="middle"
                      rowKey={(r) => `${r.region.code}-${r.planKind}`}
                      columns={overviewColumns()}
                      dataSource={shown}
                      pagination={false}
                      scroll={{ x: 1000 }}
                      rowClassName={(r) => `county-row${r.flagged ? ' row-overdue' : ''}`}
                      onRow={(r) => ({ 'data-region': r.region.code, 'data-kind': r.planKind, 'data-flagged': String(r.flagged) }) as HTMLAttributes<HTMLElement>}
                    />
                  </>
                )}
              </Card>
            </>
          );
        }}
      </AsyncView>
      {county !== null && <ImportModal open={importOpen} regionCode={county} onClose={() => setImportOpen(false)} onImported={state.reload} />}
    </>
  );
}
