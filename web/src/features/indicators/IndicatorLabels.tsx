import { Flex, Tag, Typography } from 'antd';
import type { Disaggregation, Polarity } from '../../api/types.ts';
import { disaggregationLabel, labelOf, polarityLabel } from '../../shared/labels.ts';

const polarityColor: Record<Polarity, string> = { higher_better: 'green', lower_better: 'volcano', band: 'blue' };

export function PolarityTag({ polarity }: { polarity: Polarity }) {
  return <Tag color={labelOf(polarityColor, polarity)}>{labelOf(polarityLabel, polarity)}</Tag>;
}

export function DisaggregationTags({ values }: { values: Disaggregation[] }) {
  if (values.length === 0) return <Typography.Text type="secondary">不分组</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {values.map((d) => (
        <Tag key={d} color="geekblue">
          {labelOf(disaggregationLabel, d)}
        </Tag>
      ))}
    </Flex>
  );
}
