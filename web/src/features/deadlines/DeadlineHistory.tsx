import { Tag, Timeline, Tooltip, Typography } from 'antd';
import type { DeadlineChangeView, DeadlineExtensionView } from '../../api/deadlines.endpoints.ts';

const day = (stamp: string) => stamp.slice(0, 10);

/** The units given a later deadline, as tags (the reason on hover). */
export function ExtensionTags({ extensions }: { extensions: DeadlineExtensionView[] }) {
  if (extensions.length === 0) return null;
  return (
    <span className="deadline-extensions">
      延期单位：
      {extensions.map((e) => (
        <Tooltip key={e.unitKey} title={e.reason || undefined}>
          <Tag color="blue" className="deadline-extension" data-unit={e.unitName}>
            {e.unitName} 至{e.dueDate}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}

/** Every change of the round's deadline, oldest first: who, when, from and to, why. */
export function DeadlineHistory({ changes }: { changes: DeadlineChangeView[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="deadline-history">
      <Typography.Text strong>截止日期调整记录</Typography.Text>
      <Timeline
        className="section-gap"
        items={changes.map((c, i) => ({
          key: i,
          content: (
            <span className="deadline-change-entry">
              {day(c.at)} {c.userName}：{c.unitName === null ? '全部单位' : c.unitName}截止日期由 {c.before} 调整为 <b>{c.after}</b>
              {c.reason ? `（理由：${c.reason}）` : ''}
            </span>
          ),
        }))}
      />
    </div>
  );
}
