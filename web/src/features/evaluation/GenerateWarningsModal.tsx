import { useState } from 'react';
import { Alert, Checkbox, Descriptions, InputNumber, Modal, Space, Typography } from 'antd';
import { ApiRequestError } from '../../api/client.ts';
import { evaluationApi } from '../../api/evaluation.endpoints.ts';
import type { GenerateWarningsResult } from '../../api/types.ts';

/** 生成预警 (管理员, 统计局): after the year's data are approved; regenerating updates, never duplicates. */
export function GenerateWarningsModal({ open, defaultYear, onClose, onDone }: { open: boolean; defaultYear: number; onClose: () => void; onDone: () => void }) {
  const [year, setYear] = useState<number | null>(defaultYear);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; canForce: boolean } | null>(null);
  const [result, setResult] = useState<GenerateWarningsResult | null>(null);
  const close = () => {
    setResult(null);
    setError(null);
    setForce(false);
    onClose();
  };
  return (
    <Modal
      title="生成年度预警清单"
      open={open}
      okText={result ? '完成' : '生成'}
      confirmLoading={busy}
      onCancel={close}
      onOk={async () => {
        if (result) {
          close();
          return;
        }
        if (!year) return;
        setBusy(true);
        setError(null);
        try {
          const r = await evaluationApi.generate(year, force);
          setResult(r);
          onDone();
        } catch (err) {
          setError({ message: err instanceof Error ? err.message : String(err), canForce: err instanceof ApiRequestError && err.status === 409 && /未审核通过/.test(err.message) });
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      {result ? (
        <div className="generate-result">
          <Alert type="success" showIcon className="section-gap-bottom" title={`${result.year}年预警已生成：共${result.total}条（红色${result.red}条，黄色${result.yellow}条）`} />
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              { key: 'c', label: '新增', children: result.created },
              { key: 'u', label: '更新', children: result.updated },
              { key: 'n', label: '未变', children: result.unchanged },
              { key: 'r', label: '重新下发', children: result.reissued },
              { key: 'w', label: '撤销', children: result.withdrawn },
              { key: 'f', label: '不再触发（整改继续）', children: result.unflagged },
            ]}
          />
          {result.unapprovedForms > 0 && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`生成时仍有${result.unapprovedForms}张报表未审核通过（强制生成）`} />
          )}
        </div>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            按评估结果找出预计达标困难（达标有风险、预计难以达标）和波动较大的指标，分红、黄两级，分派给指标的牵头单位（区县的预警同时分派给该区县）。重复生成只更新，不重复。
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error.message} />}
          <Space>
            <span>数据年度</span>
            <InputNumber aria-label="预警年度" min={2015} max={2100} value={year} onChange={setYear} />
          </Space>
          {error?.canForce && (
            <Checkbox checked={force} onChange={(e) => setForce(e.target.checked)}>
              仍有报表未审核通过，强制生成
            </Checkbox>
          )}
        </Space>
      )}
    </Modal>
  );
}
