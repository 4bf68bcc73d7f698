import { memo, useState } from 'react';
import { Button, Input, Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import type { GridCell, GridIndicator, ValidationIssue } from '../../api/types.ts';
import { formatValue } from '../../shared/format.ts';
import { editKey, shownText } from './form-edits.ts';
import type { CellEdit, EditField } from './form-edits.ts';
import { StatusTag } from './monitoring-labels.tsx';

export interface GridActions {
  edit(indicatorCode: string, cell: GridCell, field: EditField, text: string): void;
  showAudit(indicator: GridIndicator, cell: GridCell): void;
  setReturnComment(indicator: GridIndicator, cell: GridCell, comment: string | null): void;
}

export interface GridMode {
  editable: boolean;
  /** The reviewer may return single values with a comment. */
  reviewing: boolean;
}

const FIELD_LABELS: Record<EditField, string> = { value: '数值', numerator: '分子', denominator: '分母', source: '来源', note: '备注' };

/** Rates carry numerator and denominator (the roll-up sums them). */
export const isRate = (indicator: GridIndicator) => indicator.scale !== null || indicator.aggregation === 'ratio';

function lastYearText(indicator: GridIndicator, cell: GridCell): string {
  const last = cell.lastYear;
  if (!last || last.value === null) return '—';
  const value = formatValue(last.value, indicator.unit);
  return last.numerator !== null && last.denominator !== null ? `${value}（${last.numerator}/${last.denominator}）` : value;
}

function ReturnButton({ current, onSave }: { current: string | undefined; onSave: (comment: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(current ?? '');
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setText(current ?? '');
      }}
      trigger="click"
      title="退回此项数据"
      content={
        <div className="return-popover">
          <Input.TextArea
            autoFocus
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="写明需要核实或修改的内容"
            aria-label="退回意见"
          />
          <Space style={{ marginTop: 8 }}>
            <Button
              size="small"
              type="primary"
              disabled={!text.trim()}
              onClick={() => {
                onSave(text.trim());
                setOpen(false);
              }}
            >
              确定
            </Button>
            {current && (
              <Button
                size="small"
                onClick={() => {
                  onSave(null);
                  setOpen(false);
                }}
              >
                撤销
              </Button>
            )}
          </Space>
        </div>
      }
    >
      <Button size="small" danger={Boolean(current)} icon={<RollbackOutlined />} className="return-value-button">
        {current ? '已标记退回' : '退回'}
      </Button>
    </Popover>
  );
}

interface RowProps {
  indicator: GridIndicator;
  cell: GridCell;
  /** First row of the indicator: carries the indicator column (rowSpan). */
  first: boolean;
  rowSpan: number;
  edit: CellEdit | undefined;
  issues: ValidationIssue[] | undefined;
  returnComment: string | undefined;
  mode: GridMode;
  actions: GridActions;
}

const issuesText = (issues: ValidationIssue[] | undefined) => (issues ?? []).map((i) => `${i.field}:${i.code}:${i.message}`).join('\n');

/** Rows re-render only when their own content changes (issues arrive as new arrays on every keystroke). */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.indicator === b.indicator &&
    a.cell === b.cell &&
    a.first === b.first &&
    a.rowSpan === b.rowSpan &&
    a.edit === b.edit &&
    a.returnComment === b.returnComment &&
    a.mode === b.mode &&
    a.actions === b.actions &&
    issuesText(a.issues) === issuesText(b.issues)
  );
}

const GridRow = memo(function GridRow({ indicator, cell, first, rowSpan, edit, issues, returnComment, mode, actions }: RowProps) {
  const rate = isRate(indicator);
  const fieldIssues = (field: EditField) => (issues ?? []).filter((i) => i.field === field && i.code !== 'required_missing');
  const input = (field: EditField, wide = false) => {
    const problems = fieldIssues(field);
    const error = problems.some((p) => p.severity === 'error');
    const dirty = edit?.fields[field] !== undefined;
    return (
      <input
        className={`grid-input${wide ? ' grid-input-wide' : ''}${error ? ' grid-input-error' : problems.length ? ' grid-input-warning' : ''}${dirty ? ' grid-input-dirty' : ''}`}
        data-field={field}
        aria-label={`${indicator.name} ${cell.label} ${FIELD_LABELS[field]}`}
        aria-invalid={error || undefined}
        inputMode={field === 'source' || field === 'note' ? undefined : 'decimal'}
        readOnly={!mode.editable}
        value={shownText(cell, edit, field)}
        onChange={(e) => actions.edit(indicator.code, cell, field, e.target.value)}
      />
    );
  };
  const messages = issues ?? [];
  const required = messages.filter((i) => i.code === 'required_missing');
  const others = messages.filter((i) => i.code !== 'required_missing');
  return (
    <tr
      className={`grid-row${first ? ' grid-row-first' : ''}${others.some((i) => i.severity === 'error') ? ' grid-row-error' : ''}`}
      data-indicator={indicator.code}
      data-cell={cell.cellKey}
    >
      {first && (
        <td rowSpan={rowSpan} className="grid-indicator">
          <div className="grid-indicator-name">
            <Typography.Text type="secondary" className="grid-indicator-code">
              {indicator.code}
            </Typography.Text>{' '}
            <b>{indicator.name}</b>
          </div>
          <Space size={4} wrap>
            <Tag className="grid-unit">单位：{indicator.unit || '无'}</Tag>
            {rate && <Tag color="blue">比率：填分子分母</Tag>}
          </Space>
          {indicator.definition && (
            <Typography.Paragraph type="secondary" className="grid-definition" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
              {indicator.definition}
            </Typography.Paragraph>
          )}
        </td>
      )}
      <td className="grid-cell-label">{cell.label}</td>
      <td className="grid-last-year">{lastYearText(indicator, cell)}</td>
      <td>{input('value')}</td>
      <td>{rate ? input('numerator') : <span className="grid-na">—</span>}</td>
      <td>{rate ? input('denominator') : <span className="grid-na">—</span>}</td>
      <td>{input('source', true)}</td>
      <td>{input('note', true)}</td>
      <td className="grid-messages">
        {others.map((i, n) => (
          <div key={n} className={`grid-issue grid-issue-${i.severity}`} data-code={i.code}>
            {i.message}
          </div>
        ))}
        {required.length > 0 && others.length === 0 && (
          <div className="grid-issue grid-issue-required" data-code="required_missing">
            必填
          </div>
        )}
        {cell.comments.map((c) => (
          <div key={c.id} className="grid-comment">
            退回意见（{c.author}）：{c.text}
          </div>
        ))}
        {returnComment && <div className="grid-return-draft">待退回：{returnComment}</div>}
      </td>
      <td className="grid-row-actions">
        <Space size={4}>
          {cell.status && <StatusTag status={cell.status} className="grid-status" short />}
          {cell.version > 0 && (
            <Tooltip title="这项数据的修改记录">
              <Button size="small" type="text" icon={<HistoryOutlined />} aria-label="修改记录" onClick={() => actions.showAudit(indicator, cell)} />
            </Tooltip>
          )}
          {mode.reviewing && cell.version > 0 && (
            <ReturnButton current={returnComment} onSave={(comment) => actions.setReturnComment(indicator, cell, comment)} />
          )}
        </Space>
      </td>
    </tr>
  );
}, sameRow);

interface GridProps {
  indicators: GridIndicator[];
  edits: Record<string, CellEdit>;
  issues: Map<string, ValidationIssue[]>;
  returnComments: Record<string, string>;
  mode: GridMode;
  actions: GridActions;
}

/** The entry grid: indicators as row groups, one row per disaggregation cell. */
export function FormGridTable({ indicators, edits, issues, returnComments, mode, actions }: GridProps) {
  return (
    <div className="form-grid-wrap">
      <table className="form-grid">
        <colgroup>
          <col style={{ width: 190 }} />
          <col style={{ width: 60 }} />
          <col style={{ width: 84 }} />
          <col style={{ width: 84 }} />
          <col style={{ width: 80 }} />
          <col style={{ width: 84 }} />
          <col style={{ width: 96 }} />
          <col style={{ width: 110 }} />
          <col />
          <col style={{ width: 196 }} />
        </colgroup>
        <thead>
          <tr>
            <th>指标</th>
            <th>分组</th>
            <th>上年值</th>
            <th>数值</th>
            <th>分子</th>
            <th>分母</th>
            <th>数据来源</th>
            <th>备注（说明）</th>
            <th>校验提示与审核意见</th>
            <th>状态 / 操作</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) =>
            indicator.cells.map((cell, i) => {
              const key = editKey(indicator.code, cell.cellKey);
              return (
                <GridRow
                  key={key}
                  indicator={indicator}
                  cell={cell}
                  first={i === 0}
                  rowSpan={indicator.cells.length}
                  edit={edits[key]}
                  issues={issues.get(key)}
                  returnComment={returnComments[key]}
                  mode={mode}
                  actions={actions}
                />
              );
            }),
          )}
        </tbody>
      </table>
      {indicators.length === 0 && <div className="form-grid-empty">没有符合条件的指标</div>}
    </div>
  );
}
