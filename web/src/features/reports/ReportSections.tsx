import { useEffect, useState } from 'react';
import { Button, Flex, Form, Input, Typography } from 'antd';
import type { ReportKind } from '../../api/reports.types.ts';
import { PENDING_SECTION_TEXT, sectionsOf } from './report-sections.ts';

/** The office's text sections as read (paragraph per line); a section not yet written says so. */
export function ReportSectionsView({ kind, sections, content }: { kind: ReportKind; sections: Record<string, string>; content?: unknown }) {
  return (
    <div className="report-sections-view">
      {sectionsOf(kind, sections, content).map((s, i) => {
        const text = sections[s.key]?.trim() ?? '';
        const pending = text === '' || text === PENDING_SECTION_TEXT;
        return (
          <div key={s.key} className="report-section" data-section={s.key}>
            <Typography.Title level={4}>{`（${'一二三四五六七八九'[i] ?? i + 1}）${s.title}`}</Typography.Title>
            {pending ? (
              <Typography.Paragraph type="secondary">（未填写）</Typography.Paragraph>
            ) : (
              text.split(/\n+/).map((p, j) => (
                <Typography.Paragraph key={j} className="report-paragraph">
                  {p}
                </Typography.Paragraph>
              ))
            )}
          </div>
        );
      })}
    </div>
  );
}

/** Editing the office's sections of a draft; saves all of them at once. */
export function ReportSectionsEditor(props: { kind: ReportKind; sections: Record<string, string>; content?: unknown; onSave: (sections: Record<string, string>) => Promise<void> }) {
  const { kind, sections, content, onSave } = props;
  const specs = sectionsOf(kind, sections, content);
  const [draft, setDraft] = useState<Record<string, string>>(sections);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(sections), [sections]);
  const dirty = specs.some((s) => (draft[s.key] ?? '') !== (sections[s.key] ?? ''));
  return (
    <Form layout="vertical" className="report-sections-editor">
      {specs.map((s) => (
        <Form.Item key={s.key} label={s.title} className="report-section" data-section={s.key}>
          <Input.TextArea
            rows={5}
            value={draft[s.key] ?? ''}
            placeholder={s.placeholder}
            aria-label={s.title}
            maxLength={20000}
            onChange={(e) => setDraft((d) => ({ ...d, [s.key]: e.target.value }))}
          />
        </Form.Item>
      ))}
      <Flex gap={8} align="center">
        <Button
          type="primary"
          className="save-sections"
          disabled={!dirty}
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const cleaned = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
              await onSave(cleaned);
            } finally {
              setBusy(false);
            }
          }}
        >
          保存文字部分
        </Button>
        {dirty && <Typography.Text type="warning" className="sections-unsaved">有修改尚未保存</Typography.Text>}
      </Flex>
    </Form>
  );
}
