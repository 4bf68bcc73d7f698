import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FormOutlined,
  GlobalOutlined,
  SearchOutlined,
  TableOutlined,
} from '@ant-design/icons';

export interface NavItem {
  path: string;
  label: string;
  icon?: ReactNode;
  /** Modules of later issues: listed so users see what is coming, but not clickable. */
  planned?: boolean;
  /** Sub-pages shown as a submenu. */
  children?: NavItem[];
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/plans', label: '规划浏览', icon: <BookOutlined /> },
  { path: '/indicators', label: '指标目录', icon: <TableOutlined /> },
  { path: '/departments', label: '责任单位', icon: <ApartmentOutlined /> },
  { path: '/regions', label: '行政区划', icon: <EnvironmentOutlined /> },
  { path: '/search', label: '搜索', icon: <SearchOutlined /> },
  {
    path: '/data-entry',
    label: '数据填报',
    icon: <FormOutlined />,
    children: [
      { path: '/data-entry', label: '填报报表' },
      { path: '/data-entry/review', label: '审核' },
      { path: '/data-entry/progress', label: '进度看板' },
      { path: '/data-entry/rollup', label: '市级汇总' },
    ],
  },
  {
    path: '/evaluation',
    label: '评估预警',
    icon: <AlertOutlined />,
    children: [
      { path: '/evaluation', label: '评估总览' },
      { path: '/evaluation/warnings', label: '预警与整改' },
      { path: '/evaluation/midterm', label: '中期/终期评估' },
    ],
  },
  {
    path: '/reports',
    label: '监测报告',
    icon: <FileTextOutlined />,
    children: [
      { path: '/reports', label: '统计监测报告' },
      { path: '/reports/unit-reports', label: '部门和区县年度报告' },
    ],
  },
  {
    path: '/responsibility',
    label: '责任落实',
    icon: <AuditOutlined />,
    children: [
      { path: '/responsibility', label: '责任清单' },
      { path: '/responsibility/tasks', label: '任务与期限' },
      { path: '/responsibility/county-plans', label: '区县规划' },
      { path: '/responsibility/implementation-plans', label: '实施方案' },
      { path: '/responsibility/supervision', label: '督导检查' },
      { path: '/responsibility/meetings', label: '会议' },
      { path: '/responsibility/pilots', label: '试点' },
    ],
  },
  {
    path: '/public',
    label: '信息公开',
    icon: <GlobalOutlined />,
    children: [
      { path: '/public/reports', label: '监测评估报告' },
      { path: '/public/unit-reports', label: '部门和区县报告' },
    ],
  },
];

/**
 * The menu entry a path belongs to: goal and measure pages sit under 规划浏览; a form page under 填报报表,
 * an indicator's evaluation under 评估总览, a warning under 预警与整改.
 */
export function navKeyFor(pathname: string): string {
  const parts = pathname.split('/');
  const first = `/${parts[1] ?? ''}`;
  if (first === '/goals' || first === '/measures') return '/plans';
  const top = NAV_ITEMS.find((n) => n.path === first);
  if (!top) return '/plans';
  if (!top.children) return top.path;
  const second = parts[2] ? `${first}/${parts[2]}` : first;
  return top.children.some((c) => c.path === second) ? second : first;
}

/** The submenu that holds a menu key (to keep it open), or undefined. */
export function navParentOf(key: string): string | undefined {
  return NAV_ITEMS.find((n) => n.children?.some((c) => c.path === key))?.path;
}
