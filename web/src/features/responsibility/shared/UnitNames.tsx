import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { UnitView } from '../../../api/supervision.endpoints.ts';

/** Units of a supervision, meeting or pilot; departments link to their page. */
export function UnitNames({ units, max }: { units: UnitView[]; max?: number }) {
  if (units.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = max === undefined ? units : units.slice(0, max);
  return (
    <Flex wrap gap={4} className="unit-names">
      {shown.map((u, i) =>
        u.departmentId !== null && u.regionCode === null ? (
          <Link key={i} to={`/departments/${u.departmentId}`}>
            <Tag color="blue">{u.name}</Tag>
          </Link>
        ) : (
          <Tag key={i} color={u.regionCode !== null ? 'cyan' : undefined}>
            {u.name}
          </Tag>
        ),
      )}
      {shown.length < units.length && <Tag>等{units.length}个单位</Tag>}
    </Flex>
  );
}
