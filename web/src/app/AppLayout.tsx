import { Suspense, lazy, useEffect, useState } from 'react';
import { Flex, Layout, Menu, Spin, Tag } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { UserMenu } from '../features/auth/UserMenu.tsx';
import { useMeta } from '../features/meta/meta-context.tsx';
import { APP_TITLE } from './app-title.ts';
import { RouteErrorBoundary } from './ErrorPages.tsx';
import { NAV_ITEMS, navKeyFor, navParentOf } from './nav.tsx';
import type { NavItem } from './nav.tsx';

type MenuItem = NonNullable<MenuProps['items']>[number];

// The search box brings antd Input (and with it rc-form): it follows the frame instead of delaying it.
const HeaderSearch = lazy(() => import('./HeaderSearch.tsx').then((m) => ({ default: m.HeaderSearch })));
// Only demo databases show the banner: its antd Alert is not part of every first load.
const DemoBanner = lazy(() => import('../features/meta/DemoBanner.tsx').then((m) => ({ default: m.DemoBanner })));

function menuItem(item: NavItem, child = false): MenuItem {
  if (item.children) {
    return {
      key: `group:${item.path}`,
      icon: item.icon,
      label: item.label,
      children: item.children.map((c) => menuItem(c, true)),
    };
  }
  return {
    key: item.path,
    icon: child ? undefined : item.icon,
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
  };
}

const menuItems: MenuProps['items'] = NAV_ITEMS.map((item) => menuItem(item));

/** The frame of every screen: title bar with search, left navigation, breadcrumbs and content. */
export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const demo = useMeta()?.demo === true;
  const [collapsed, setCollapsed] = useState(false);
  const selected = navKeyFor(location.pathname);
  const parent = navParentOf(selected);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (parent ? [`group:${parent}`] : []));
  useEffect(() => {
    if (parent) setOpenKeys((keys) => (keys.includes(`group:${parent}`) ? keys : [...keys, `group:${parent}`]));
  }, [parent]);
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Flex align="center" justify="space-between" gap={24} style={{ height: '100%' }}>
          <Link to="/" className="app-brand">
            <span className="app-emblem" aria-hidden>
              妇儿
            </span>
            <span className="app-title">{APP_TITLE}</span>
          </Link>
          <Flex align="center" gap={16} className="app-header-tools">
            <Suspense fallback={<div className="header-search header-search-placeholder" aria-hidden />}>
              <HeaderSearch />
            </Suspense>
            <UserMenu />
          </Flex>
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
            selectedKeys={[selected]}
            openKeys={collapsed ? undefined : openKeys}
            onOpenChange={setOpenKeys}
            items={menuItems}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="app-content">
          {demo && (
            <Suspense fallback={null}>
              <DemoBanner />
            </Suspense>
          )}
          <RouteErrorBoundary pathname={location.pathname}>
            <Suspense
              fallback={
                <div className="page-loading">
                  <Spin />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </RouteErrorBoundary>
          <footer className="app-footer">淄博市妇女儿童工作委员会办公室 · 监测评估平台</footer>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
