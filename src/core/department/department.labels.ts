import type { DepartmentCategory } from './department.types.ts';

export const DEPARTMENT_CATEGORY_LABELS: Record<DepartmentCategory, string> = {
  office: '妇儿工委办公室',
  party: '党委工作部门',
  government: '政府部门',
  judicial: '司法机关',
  'mass-organisation': '群团组织',
  media: '新闻媒体',
  other: '其他',
};
