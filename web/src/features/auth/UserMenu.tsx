import { Suspense, lazy, useState } from 'react';
import { Button, Dropdown, Space, Tag } from 'antd';
import { DownOutlined, KeyOutlined, LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from './auth-context.tsx';
import { roleText, scopeText } from './roles.ts';

// The dialog (antd Modal and Form) loads on first use, not with every page.
const ChangePasswordDialog = lazy(() => import('./ChangePasswordDialog.tsx'));

/** Header corner: 登录 for visitors; for users their name, role and unit, 修改密码 and 退出. */
export function UserMenu() {
  const { status, user, logout } = useAuth();
  const location = useLocation();
  const [changing, setChanging] = useState(false);
  const [dialogUsed, setDialogUsed] = useState(false);

  if (status === 'checking') return null;
  if (!user) {
    const next = location.pathname === '/login' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return (
      <Link to={`/login${next}`} className="header-login">
        <Button icon={<LoginOutlined />} ghost>
          登录
        </Button>
      </Link>
    );
  }
  const scope = scopeText(user);
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <span className="user-menu-who">
                  {user.username}
                  {scope ? ` · ${scope}` : ''}
                </span>
              ),
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
            { key: 'logout', icon: <LogoutOutlined />, label: '退出' },
          ],
          onClick: ({ key }) => {
            if (key === 'password') {
              setDialogUsed(true);
              setChanging(true);
            }
            // A protected page then sends to the login page (RequireAuth); a public page stays.
            if (key === 'logout') void logout();
          },
        }}
      >
        <button type="button" className="user-menu" aria-label="用户菜单">
          <Space size={6}>
            <UserOutlined />
            <span className="user-menu-name">{user.displayName}</span>
            <Tag className="user-menu-role" color="gold">
              {roleText(user)}
            </Tag>
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </button>
      </Dropdown>
      {dialogUsed && (
        <Suspense fallback={null}>
          <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
        </Suspense>
      )}
    </>
  );
}
