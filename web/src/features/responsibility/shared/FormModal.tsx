import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Form, Modal } from 'antd';

interface FormModalProps<T> {
  open: boolean;
  title: string;
  okText: string;
  className?: string;
  width?: number;
  danger?: boolean;
  initialValues?: Partial<T>;
  onCancel: () => void;
  /** Throws with the server's (Chinese) message on failure: shown in the modal, which stays open. */
  onSubmit: (values: T) => Promise<void>;
  children: ReactNode;
}

/** A modal with a vertical form; the server's message appears above the fields when the action is refused. */
export function FormModal<T extends object>({ open, title, okText, className, width, danger, initialValues, onCancel, onSubmit, children }: FormModalProps<T>) {
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      width={width}
      className={className}
      confirmLoading={busy}
      okButtonProps={{ danger }}
      destroyOnHidden
      afterClose={() => setError(null)}
      onCancel={onCancel}
      onOk={() => form.submit()}
    >
      {error && <Alert type="error" showIcon title={error} className="form-modal-error" style={{ marginBottom: 12 }} />}
      <Form<T>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            await onSubmit(values);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}

/** A DatePicker's value, without importing dayjs. */
export interface DateValue {
  format(template: string): string;
}

export const isoOf = (d: DateValue | null | undefined): string | undefined => (d ? d.format('YYYY-MM-DD') : undefined);
