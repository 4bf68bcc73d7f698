import { Select, Tag } from 'antd';
import type { RoundSummary } from '../../api/types.ts';

export function RoundSelect({ rounds, value, onChange }: { rounds: RoundSummary[]; value?: number; onChange: (id: number) => void }) {
  return (
    <Select<number>
      aria-label="选择填报轮次"
      className="round-select"
      style={{ width: 260 }}
      value={value}
      onChange={onChange}
      options={[...rounds]
        .sort((a, b) => b.year - a.year)
        .map((r) => ({
          value: r.id,
          label: (
            <span>
              {r.year}年度 <Tag color={r.status === 'open' ? 'green' : 'default'}>{r.status === 'open' ? '进行中' : '已结束'}</Tag>
              截止 {r.dueDate}
            </span>
          ),
        }))}
    />
  );
}
