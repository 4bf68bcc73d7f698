import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { UnitRef } from '../api/types.ts';

/** Department tags linking to the department page. Lead units stand out; groups are grey and link nowhere. */
export function DepartmentTags({ units, lead = false }: { units: UnitRef[]; lead?: boolean }) {
  if (units.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {units.map((u) => (
        <Link key={u.id} to={`/departments/${u.id}`}>
          <Tag color={lead ? 'red' : 'blue'} className={lead ? 'unit-tag unit-tag-lead' : 'unit-tag'}>
            {u.name}
          </Tag>
        </Link>
      ))}
    </Flex>
  );
}

export function GroupTags({ groups }: { groups: string[] }) {
  if (groups.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {groups.map((g) => (
        <Tag key={g} className="unit-group-tag" title="单位组（不是单个部门）">
          {g}
        </Tag>
      ))}
    </Flex>
  );
}

/** 牵头单位 / 责任单位 / 单位组 under a goal; each label stays with its tags when the line wraps. */
export function GoalUnitsLine(props: { leadUnits: UnitRef[]; responsibleUnits: UnitRef[]; unitGroups: string[] }) {
  return (
    <Flex wrap gap={8} align="flex-start" className="goal-units">
      <span className="unit-section">
        <Typography.Text type="secondary">牵头单位：</Typography.Text>
        <DepartmentTags units={props.leadUnits} lead />
      </span>
      {props.responsibleUnits.length > 0 && (
        <span className="unit-section">
          <Typography.Text type="secondary">责任单位：</Typography.Text>
          <DepartmentTags units={props.responsibleUnits} />
        </span>
      )}
      {props.unitGroups.length > 0 && (
        <span className="unit-section">
          <Typography.Text type="secondary">单位组：</Typography.Text>
          <GroupTags groups={props.unitGroups} />
        </span>
      )}
    </Flex>
  );
}
