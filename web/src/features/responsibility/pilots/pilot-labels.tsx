import { Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PILOT_STATUS_LABELS, PILOT_STATUSES } from '../../../../../src/core/responsibility/responsibility.types.ts';
import type { PilotStatus, PilotView } from '../../../api/supervision.endpoints.ts';
import { goalRefText } from '../shared/goal-options.ts';

export const PILOT_STATUS_OPTIONS = PILOT_STATUSES.map((s) => ({ value: s, label: PILOT_STATUS_LABELS[s] }));
const COLORS: Record<PilotStatus, string> = { planned: 'default', running: 'processing', completed: 'success', cancelled: 'error' };

export function PilotStatusTag({ status, label }: { status: PilotStatus; label: string }) {
  return (
    <Tag color={COLORS[status]} className="pilot-status" data-status={status}>
      {label}
    </Tag>
  );
}

/** Milestones done of all, with the overdue ones in red. */
export function PilotProgress({ progress }: { progress: PilotView['progress'] }) {
  if (progress.total === 0) return <Typography.Text type="secondary">未设节点</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} className="pilot-progress" data-done={progress.done} data-total={progress.total}>
      <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" format={() => `${progress.done}/${progress.total}`} style={{ width: 140, margin: 0 }} />
      {progress.overdue > 0 && <Typography.Text type="danger" style={{ fontSize: 12 }}>{progress.overdue}个节点逾期</Typography.Text>}
    </Space>
  );
}

/** The goals a pilot serves, each linking to the goal's page. */
export function PilotGoals({ goals, full = false }: { goals: PilotView['goals']; full?: boolean }) {
  return (
    <Space orientation="vertical" size={2} className="pilot-goals">
      {goals.map((g) => {
        const label = full ? `${goalRefText(g)}：${g.text}` : goalRefText(g);
        return (
          <span key={`${g.plan}-${g.domain}-${g.goal}`} title={g.text}>
            {g.goalId !== null ? (
              <Link to={`/goals/${g.goalId}`} className="pilot-goal-link">
                {label}
              </Link>
            ) : (
              label
            )}
          </span>
        );
      })}
    </Space>
  );
}
