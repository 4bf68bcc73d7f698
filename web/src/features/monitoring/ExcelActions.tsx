import { useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Table, Typography, message } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiRequestError } from '../../api/client.ts';
import { monitoringApi } from '../../api/monitoring.endpoints.ts';
import type { FileRejection } from '../../api/monitoring.endpoints.ts';
import type { FormGrid } from '../../api/types.ts';

type Rejection = { title: string; details: FileRejection | null };

/** Excel: download the form's template; upload it filled in (whole file or nothing, every error listed). */
export function ExcelActions({ grid, editable, dirty, onUploaded }: { grid: FormGrid; editable: boolean; dirty: number; onUploaded: () => Promise<void> }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<null | 'download' | 'upload'>(null);
  const [rejection, setRejection] = useState<Rejection | null>(null);
  const [toast, holder] = message.useMessage();
  const { form } = grid;

  const upload = async (file: File) => {
    setBusy('upload');
    try {
      const result = await monitoringApi.upload(form.id, file);
      void toast.success(`已导入“${file.name}”：${result.values}项数据（新增${result.inserted}，修改${result.updated}，未变${result.unchanged}）`);
      await onUploaded();
    } catch (err) {
      const details = err instanceof ApiRequestError ? ((err.details as FileRejection | undefined) ?? null) : null;
      setRejection({ title: err instanceof Error ? err.message : String(err), details: details && Array.isArray(details.issues) ? details : null });
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      {holder}
      <Space.Compact>
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'download'}
          className="download-template"
          onClick={async () => {
            setBusy('download');
            try {
              await monitoringApi.downloadTemplate(form.id, `${form.name}${form.round.year}年度监测数据填报模板.xlsx`);
            } catch (err) {
              void toast.error(err instanceof Error ? err.message : String(err));
            } finally {
              setBusy(null);
            }
          }}
        >
          下载Excel模板
        </Button>
        {editable && (
          <Button
            icon={<UploadOutlined />}
            loading={busy === 'upload'}
            className="upload-excel"
            onClick={() => {
              if (dirty > 0) {
                void toast.warning('请先保存或放弃表格中未保存的修改，再上传Excel');
                return;
              }
              input.current?.click();
            }}
          >
            上传Excel
          </Button>
        )}
      </Space.Compact>
      <input
        ref={input}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        style={{ display: 'none' }}
        aria-label="选择Excel文件"
        className="upload-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <Modal
        className="upload-rejection"
        title="Excel文件未导入"
        open={rejection !== null}
        onCancel={() => setRejection(null)}
        footer={<Button onClick={() => setRejection(null)}>知道了</Button>}
        width={760}
      >
        {rejection && (
          <>
            <Alert type="error" showIcon title={rejection.title.split('\n')[0]} className="section-gap-bottom" />
            <Typography.Paragraph type="secondary">整个文件未导入，表格中的数据没有任何改变。请按下列位置逐项修改后重新上传。</Typography.Paragraph>
            {rejection.details && (
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={rejection.details.issues.length > 20 ? { pageSize: 20 } : false}
                dataSource={rejection.details.issues}
                columns={[
                  { title: '工作表', key: 'sheet', width: 90, render: (_: unknown, i) => i.location?.sheet ?? '—' },
                  { title: '行', key: 'row', width: 60, render: (_: unknown, i) => i.location?.row ?? '—' },
                  { title: '列', key: 'col', width: 110, render: (_: unknown, i) => [i.location?.column, i.location?.field].filter(Boolean).join(' ') || '—' },
                  { title: '原因', dataIndex: 'message' },
                ]}
                footer={
                  rejection.details.total > rejection.details.issues.length
                    ? () => `共${rejection.details?.total}处错误，仅列出前${rejection.details?.issues.length}处`
                    : undefined
                }
              />
            )}
          </>
        )}
      </Modal>
    </>
  );
}
