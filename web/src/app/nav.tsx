import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FormOutlined,
  SearchOutlined,
  TableOutlined,
} from '@ant-design/icons';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Modules of later issues: listed so users see what is coming, but not clickable. */
  planned?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/plans', label: '规划浏览', icon: <BookOutlined /> },
  { path: '/indicators', label: '指标目录', icon: <TableOutlined /> },
  { path: '/departments', label: '责任单位', icon: <ApartmentOutlined /> },
  { path: '/regions', label: '行政区划', icon: <EnvironmentOutlined /> },
  { path: '/search', label: '搜索', icon: <SearchOutlined /> },
  { path: '/data-entry', label: '数据填报', icon: <FormOutlined />, planned: true },
  { path: '/evaluation', label: '评估预警', icon: <AlertOutlined />, planned: true },
  { path: '/reports', label: '监测报告', icon: <FileTextOutlined />, planned: true },
  { path: '/responsibility', label: '责任落实', icon: <AuditOutlined />, planned: true },
];

/** The menu entry a path belongs to: goal and measure pages sit under 规划浏览. */
export function navKeyFor(pathname: string): string {
  const first = `/${pathname.split('/')[1] ?? ''}`;
  if (first === '/goals' || first === '/measures') return '/plans';
  return NAV_ITEMS.some((n) => n.path === first) ? first : '/plans';
}
