/**
 * Who is acting, as the server knows it after login. Every access decision is made on this, on the server.
 */
export type Role =
  | 'admin' // 管理员: the committee office (妇儿工委办公室)
  | 'stats' // 统计局: statistics bureau; runs rounds, reviews, imports
  | 'reporter' // 填报员: a department's or a county's reporter
  | 'reviewer' // 审核员: reviews and approves forms of its scope
  | 'viewer'; // 只读: evaluators, leaders

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  stats: '统计局',
  reporter: '填报员',
  reviewer: '审核员',
  viewer: '只读',
};

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  /** The department the user belongs to (a city department reporter), or null. */
  departmentId: number | null;
  /** The region the user belongs to: '370300' for city-level staff, a county code for a county's staff. */
  regionCode: string | null;
}

/** The city whose platform this is; users of other regions are counties (or zones) under it. */
export const CITY_REGION_CODE = '370300';
