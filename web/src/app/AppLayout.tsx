import { Suspense, useState } from 'react';
import { Flex, Layout, Menu, Spin, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { APP_TITLE } from './app-title.ts';
import { HeaderSearch } from './HeaderSearch.tsx';
import { NAV_ITEMS, navKeyFor } from './nav.tsx';

const menuItems: MenuProps['items'] = NAV_ITEMS.map((item) => ({
  key: item.path,
  icon: item.icon,
  disabled: item.planned,
  label: item.planned ? (
    <span title="该模块正在建设中">{item.label}</span>
  ) : (
    <Link to={item.path}>{item.label}</Link>
  ),
  extra: item.planned ? (
    <Tag className="nav-planned-tag" variant="filled">
      建设中
    </Tag>
  ) : undefined,
}));

/** The frame of every screen: title bar with search, left navigation, breadcrumbs and content. */
export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Flex align="center" justify="space-between" gap={24} style={{ height: '100%' }}>
          <Link to="/" className="app-brand">
            <span className="app-emblem" aria-hidden>
              妇儿
            </span>
            <Typography.Text className="app-title">{APP_TITLE}</Typography.Text>
          </Link>
          <HeaderSearch />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          className="app-sider"
          width={208}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
        >
          <Menu
            mode="inline"
            selectedKeys={[navKeyFor(location.pathname)]}
            items={menuItems}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <Suspense
            fallback={
              <div className="page-loading">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
          <footer className="app-footer">淄博市妇女儿童工作委员会办公室 · 监测评估平台</footer>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
