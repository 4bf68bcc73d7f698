import { Cascader } from 'antd';
import { useGoalOptions } from './goal-options.ts';

interface GoalCascaderProps {
  value?: (string | number)[] | (string | number)[][] | null;
  onChange?: (value: never) => void;
  multiple?: boolean;
  ariaLabel?: string;
  placeholder?: string;
}

/** Picks goals of the city plans: plan → domain → goal (several with `multiple`); searchable by text. */
export function GoalCascader({ value, onChange, multiple = false, ariaLabel, placeholder }: GoalCascaderProps) {
  const { options, loading } = useGoalOptions();
  const common = {
    options,
    loading,
    showSearch: true,
    allowClear: true,
    placeholder: placeholder ?? '选择规划的主要目标（可输入关键词搜索）',
    'aria-label': ariaLabel,
    style: { width: '100%' },
    onChange: onChange as (v: unknown) => void,
  };
  return multiple ? (
    <Cascader {...common} multiple showCheckedStrategy={Cascader.SHOW_CHILD} maxTagCount="responsive" value={(value ?? undefined) as (string | number)[][] | undefined} />
  ) : (
    <Cascader {...common} value={(value ?? undefined) as (string | number)[] | undefined} />
  );
}
