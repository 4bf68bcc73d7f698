import { PlanParseError } from './plan.types.ts';

/** A non-blank line of the source, trimmed, with its 1-based line number. */
export interface SourceLine {
  no: number;
  text: string;
}

// Controls other than tab, line feed, form feed and carriage return do not occur in a text file.
const CONTROL = /[\u0001-\u0008\u000b\u000e-\u001f\u007f]/;
const REPLACEMENT = '\ufffd';

/**
 * Splits a plan text into non-blank trimmed lines, after rejecting text that is empty or not text at all
 * (NUL bytes, undecodable bytes, control characters).
 */
export function toSourceLines(text: string, file?: string): SourceLine[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body.trim() === '') throw new PlanParseError('文件为空：应为规划全文（纯文本）', null, file);

  const rawLines = body.split(/\r\n|\r|\n/);
  checkBinary(rawLines, file);

  const lines: SourceLine[] = [];
  rawLines.forEach((raw, i) => {
    // \s covers the ideographic space U+3000 as well.
    const trimmed = raw.replace(/^\s+|\s+$/g, '');
    if (trimmed !== '') lines.push({ no: i + 1, text: trimmed });
  });
  return lines;
}

function checkBinary(rawLines: string[], file?: string): void {
  let replacements = 0;
  let controls = 0;
  let total = 0;
  let firstBad: number | null = null;
  rawLines.forEach((raw, i) => {
    const no = i + 1;
    if (raw.includes('\u0000')) {
      throw new PlanParseError('文件含有二进制内容（NUL 字符），不是纯文本的规划', no, file);
    }
    total += raw.length;
    for (const ch of raw) {
      if (ch === REPLACEMENT) replacements++;
      else if (CONTROL.test(ch)) controls++;
      else continue;
      firstBad ??= no;
    }
  });
  // A stray character may come from copy and paste; many mean the file is not UTF-8 text.
  const bad = replacements + controls;
  if (bad >= 3 && bad / Math.max(total, 1) > 0.001) {
    const what =
      replacements >= controls
        ? `${replacements}个无法解码的字符（文件应为 UTF-8 编码的纯文本）`
        : `${controls}个控制字符（不是纯文本）`;
    throw new PlanParseError(`文件含有${what}`, firstBad, file);
  }
}
