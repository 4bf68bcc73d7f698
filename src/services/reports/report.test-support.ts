/**
 * Test support for the reports (imported by tests only): the evaluation fixture year 2024 (see
 * ../evaluation/evaluation.test-support.ts) with a 2023 value of W1.04 for the change on last year, the year's
 * warnings generated, a reader of the parts of a .docx, and the checks every Word report passes.
 */
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../storage/schema.ts';
import { fixtureValues, insertValues, seedEvaluation, ZIBO } from '../evaluation/evaluation.test-support.ts';
import { generateWarnings } from '../evaluation/warning-generate.service.ts';
import { CLI_SYSTEM_ACTOR } from '../exchange/system-actor.ts';

export async function seedReportYear(db: Kysely<Database>): Promise<void> {
  await seedEvaluation(db);
  await insertValues(db, [...fixtureValues(), { indicator: 'W1.04', region: ZIBO, year: 2023, value: 84.5 }]);
  await generateWarnings(db, CLI_SYSTEM_ACTOR, { year: 2024, force: true, origin: 'cli' });
}

/** The XML parts of a .docx, by path (word/document.xml, word/styles.xml, word/header1.xml …), and its media files. */
export async function readDocx(bytes: Uint8Array): Promise<{ parts: Map<string, string>; media: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  const media: string[] = [];
  for (const [name, file] of Object.entries(zip.files)) {
    if (name.endsWith('.xml')) parts.set(name, await file.async('string'));
    else if (name.startsWith('word/media/')) media.push(name);
  }
  return { parts, media };
}

/** The visible text of a WordprocessingML part, paragraph by paragraph. */
export function docxParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'))
    .filter((t) => t !== '');
}

/** The first part whose path starts with `prefix` (word/header, word/footer …); empty when there is none. */
function partStartingWith(parts: ReadonlyMap<string, string>, prefix: string): string {
  return [...parts.entries()].find(([name]) => name.startsWith(prefix))?.[1] ?? '';
}

/**
 * Expects the frame of every Word report of the platform: the fonts of government documents in the styles, the
 * page number in the footer, and 【示例数据】 in the page header exactly when `demo`.
 */
export function expectReportFrame(parts: ReadonlyMap<string, string>, demo: boolean): void {
  const styles = parts.get('word/styles.xml') ?? '';
  for (const font of ['仿宋_GB2312', '黑体', '方正小标宋简体']) expect(styles).toContain(`w:eastAsia="${font}"`);
  expect(partStartingWith(parts, 'word/footer')).toContain('PAGE');
  const header = partStartingWith(parts, 'word/header');
  if (demo) expect(docxParagraphs(header).join('')).toContain('【示例数据】');
  else expect(header).not.toContain('示例数据');
}
