import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { APP_TITLE } from '../../app/app-title.ts';
import { DemoBanner } from '../meta/DemoBanner.tsx';
import { useAuth } from './auth-context.tsx';
import { landingPath, safeNext } from './landing.ts';

interface Values {
  username: string;
  password: string;
}

/** 登录: username and password; back to the page that asked for it, else the user's work. */
export default function LoginPage() {
  const { login, status, user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `登录 - ${APP_TITLE}`;
  }, []);
  useEffect(() => {
    if (status === 'authenticated' && user) navigate(next ?? landingPath(user), { replace: true });
  }, [status, user, next, navigate]);

  const submit = async ({ username, password }: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <DemoBanner />
      <div className="login-box">
        <div className="login-brand">
          <span className="app-emblem" aria-hidden>
            妇儿
          </span>
          <Typography.Title level={3} className="login-title">
            {APP_TITLE}
          </Typography.Title>
        </div>
        <Card className="login-card" title="用户登录">
          {next && <Alert type="info" showIcon title="该页面需要登录后才能访问" className="section-gap-bottom" />}
          {error && <Alert type="error" showIcon title={error} className="section-gap-bottom login-error" />}
          <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" aria-label="用户名" autoFocus />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" aria-label="密码" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} className="login-submit">
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-note">
            账号由管理员分配；忘记密码请联系市妇儿工委办公室或统计局重置。规划文本和指标目录无需登录即可
            <Link to="/plans">浏览</Link>。
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
