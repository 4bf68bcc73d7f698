/**
 * Test support for the report PDF tests (imported by tests only): LibreOffice (Debian's libreoffice-writer) turns a
 * .docx into PDF, poppler reads its pages and text and renders the first pages to PNG for screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { requireAll } from '../../../test/requirements.ts';
import { IS_DEMO_KEY, setMetadata } from '../../storage/repositories/metadata.repository.ts';
import type { Database } from '../../storage/schema.ts';
import { seedReportYear } from './report.test-support.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../screenshots');

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir !== '' && existsSync(path.join(dir, cmd))) return path.join(dir, cmd);
  return null;
}

const soffice = which('soffice') ?? which('libreoffice');
const pdftoppm = which('pdftoppm');

/**
 * What is missing for converting `what` (e.g. 评估报告) to PDF, for describe.skipIf; null when all is there.
 * Throws instead when FUER_REQUIRE_ALL=1.
 */
export function missingPdfTools(what: string): string | null {
  const missing = soffice === null ? 'LibreOffice（soffice）' : pdftoppm === null ? 'pdftoppm（poppler-utils）' : null;
  if (missing !== null) {
    if (requireAll()) throw new Error(`FUER_REQUIRE_ALL=1，但${missing}未安装：${what}转 PDF 的测试不能跳过`);
    console.warn(`${missing}未安装：跳过${what}转 PDF 的测试`);
  }
  return missing;
}

export interface ConvertedPdf {
  pdf: string;
  pages: number;
  /** pdftotext -layout */
  text: string;
}

/** Converts `docx` to PDF in `dir` (beside it, same name) with a private LibreOffice profile in `dir`. */
export function convertDocxToPdf(docx: string, dir: string): ConvertedPdf {
  if (soffice === null) throw new Error('LibreOffice（soffice）未安装');
  // A private profile: a first start writes one, and two conversions must not share it.
  execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx], {
    timeout: 180_000,
    stdio: 'pipe',
    env: { ...process.env, HOME: dir },
  });
  const pdf = path.join(dir, `${path.basename(docx, '.docx')}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice 未生成 ${pdf}`);
  const info = execFileSync(which('pdfinfo') ?? 'pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const text = execFileSync(which('pdftotext') ?? 'pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return { pdf, pages, text };
}

/** Renders the first `count` pages of `pdf` to PNG in `dir` (60 dpi); their paths in page order. */
export function renderPdfPages(pdf: string, dir: string, count: number): string[] {
  if (pdftoppm === null) throw new Error('pdftoppm（poppler-utils）未安装');
  execFileSync(pdftoppm, ['-png', '-r', '60', '-f', '1', '-l', String(count), pdf, path.join(dir, 'page')], { timeout: 60_000 });
  return readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Copies page images into screenshots/ (git-ignored) for people to look at; `name(1)` is the first page's file name. */
export function keepScreenshots(pngs: string[], name: (page: number) => string): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  pngs.forEach((png, i) => copyFileSync(png, path.join(SCREENSHOTS, name(i + 1))));
}

/**
 * For a describe block: an SQLite database with the reports' fixture year, marked as a demo database (so the
 * documents say 示例数据), and a scratch folder `prefix…` for the files; both gone after the block.
 */
export function useDemoReportFixture(prefix: string): { db: () => Kysely<Database>; dir: () => string } {
  let handle: TestDatabase | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    dir = mkdtempSync(path.join(tmpdir(), prefix));
    await seedReportYear(handle.db);
    await setMetadata(handle.db, IS_DEMO_KEY, '1');
  });
  afterAll(async () => {
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return { db: () => handle!.db, dir: () => dir! };
}
