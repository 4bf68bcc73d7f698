import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useAuth } from './auth-context.tsx';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Same rule as the server (src/services/accounts/password-policy.ts), checked here only to answer sooner. */
export function passwordHint(password: string, username: string): string | null {
  if ([...password].length < 10) return '密码至少需要10个字符';
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return '密码须同时包含字母和数字';
  if (password.toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同';
  return null;
}

/** Change one's own password; `forced` when an administrator set it and the user must choose a new one. */
export function ChangePasswordForm({ forced = false, onDone }: { forced?: boolean; onDone?: () => void }) {
  const { changePassword, user } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(values.oldPassword, values.newPassword);
      setDone(true);
      form.resetFields();
      onDone?.();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const body = (
    <Form<Values> form={form} layout="vertical" onFinish={submit} className="change-password-form" requiredMark={false}>
      {forced && (
        <Alert type="warning" showIcon title="您的密码由管理员设置，请先修改为只有您知道的新密码" className="section-gap-bottom" />
      )}
      {error && <Alert type="error" showIcon title={error} className="section-gap-bottom" />}
      {done && !forced && <Alert type="success" showIcon title="密码已修改，其他设备上的登录已失效" className="section-gap-bottom" />}
      <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" aria-label="原密码" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        extra="至少10个字符，须同时包含字母和数字"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: (_, value: string | undefined) => {
              const problem = value ? passwordHint(value, user?.username ?? '') : null;
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" aria-label="新密码" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" aria-label="确认新密码" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        修改密码
      </Button>
    </Form>
  );
  if (!forced) return body;
  return (
    <Card title={<Typography.Text strong>修改初始密码</Typography.Text>} style={{ maxWidth: 420, margin: '48px auto' }}>
      {body}
    </Card>
  );
}
