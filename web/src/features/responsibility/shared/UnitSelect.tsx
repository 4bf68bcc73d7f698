import { Select } from 'antd';
import { useUnitOptions } from './unit-options.ts';

interface UnitSelectProps {
  value?: string[] | string | null;
  onChange?: (value: never) => void;
  /** Several units, and names typed in for units that are neither departments nor counties. */
  multiple?: boolean;
  placeholder?: string;
  ariaLabel?: string;
  allowClear?: boolean;
}

/**
 * Picks departments and counties (成员单位、区县); with `multiple`, also units typed in by name (某某小学).
 * Values are d:<department id>, r:<region code> or the typed name (see unit-options.ts).
 */
export function UnitSelect({ value, onChange, multiple = false, placeholder, ariaLabel, allowClear = true }: UnitSelectProps) {
  const { departments, counties, loading } = useUnitOptions();
  return (
    <Select
      mode={multiple ? 'tags' : undefined}
      value={value ?? undefined}
      onChange={onChange as (v: unknown) => void}
      loading={loading}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? (multiple ? '选择成员单位、区县，或输入单位名称后回车' : '选择责任单位（部门或区县）')}
      aria-label={ariaLabel}
      style={{ width: '100%' }}
      options={[
        { label: '成员单位', options: departments },
        { label: '区县', options: counties },
      ]}
    />
  );
}
