import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { GoalSummary, MeasureSummary } from '../../api/types.ts';
import { ordLabel } from '../../shared/format.ts';
import { TargetChips } from '../../shared/TargetChips.tsx';
import { GoalUnitsLine } from '../../shared/UnitTags.tsx';

/** A main goal as the plan writes it, with its units and target chips. */
export function GoalItem({ goal }: { goal: GoalSummary }) {
  return (
    <div className="plan-item goal-item" data-goal-id={goal.id} data-ord={goal.ord}>
      <div className="plan-item-head">
        <span className="plan-item-ord">{ordLabel(goal.ord)}</span>
        <div className="plan-item-body">
          <Typography.Paragraph className="plan-item-text">{goal.text}</Typography.Paragraph>
          <GoalUnitsLine leadUnits={goal.leadUnits} responsibleUnits={goal.responsibleUnits} unitGroups={goal.unitGroups} />
          <TargetChips targets={goal.targets} />
        </div>
        <Link to={`/goals/${goal.id}`} className="item-detail-link">
          目标详情 ›
        </Link>
      </div>
    </div>
  );
}

/** Splits the leading sentence (the title) from the rest of the measure text. */
function measureRest(measure: MeasureSummary): string {
  const text = measure.text.trim();
  if (measure.title && text.startsWith(measure.title)) return text.slice(measure.title.length).replace(/^[。．.\s]+/, '');
  return text;
}

/** A strategy measure: bold title, collapsible text, target chips. */
export function MeasureItem({ measure }: { measure: MeasureSummary }) {
  const rest = measureRest(measure);
  return (
    <div className="plan-item measure-item" data-measure-id={measure.id} data-ord={measure.ord}>
      <div className="plan-item-head">
        <span className="plan-item-ord">{ordLabel(measure.ord)}</span>
        <div className="plan-item-body">
          <Typography.Text strong className="measure-title">
            {measure.title}
          </Typography.Text>
          {rest && (
            <Typography.Paragraph
              className="plan-item-text"
              ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (expanded) => (expanded ? '收起' : '展开全文') }}
            >
              {rest}
            </Typography.Paragraph>
          )}
          <TargetChips targets={measure.targets} />
        </div>
        <Link to={`/measures/${measure.id}`} className="item-detail-link">
          措施详情 ›
        </Link>
      </div>
    </div>
  );
}
