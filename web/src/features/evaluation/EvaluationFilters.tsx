import { Segmented, Select, Space } from 'antd';
import type { PlanKind } from '../../api/types.ts';
import { CITY } from './use-evaluation-params.ts';

export interface RegionOption {
  code: string;
  name: string;
}

/** Year, region (淄博市 or a county) and plan pickers of the evaluation pages. */
export function EvaluationFilters(props: {
  year: number;
  years: number[];
  onYear: (y: number) => void;
  regions?: RegionOption[];
  region?: string;
  onRegion?: (code: string) => void;
  plan?: PlanKind;
  onPlan?: (plan: PlanKind | undefined) => void;
}) {
  return (
    <Space wrap>
      <Select<number>
        aria-label="评估年度"
        className="year-select"
        style={{ width: 120 }}
        value={props.year}
        onChange={props.onYear}
        options={(props.years.includes(props.year) ? props.years : [props.year, ...props.years]).map((y) => ({ value: y, label: `${y}年` }))}
      />
      {props.regions && props.onRegion && (
        <Select<string>
          aria-label="选择地区"
          className="region-select"
          style={{ width: 150 }}
          value={props.region ?? CITY}
          onChange={props.onRegion}
          showSearch={{ optionFilterProp: 'label' }}
          options={props.regions.map((r) => ({ value: r.code, label: r.name }))}
        />
      )}
      {props.onPlan && (
        <Segmented<string>
          value={props.plan ?? 'all'}
          onChange={(v) => props.onPlan?.(v === 'all' ? undefined : (v as PlanKind))}
          options={[
            { value: 'all', label: '两部规划' },
            { value: 'women', label: '妇女规划' },
            { value: 'children', label: '儿童规划' },
          ]}
        />
      )}
    </Space>
  );
}
