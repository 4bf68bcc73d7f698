/**
 * Errors of a file exchange (CSV import, Excel upload): a file is accepted whole or rejected whole, and a
 * rejection lists every problem with where it is, so the clerk fixes them all in one go.
 */

/** Where a problem sits in a file. CSV: row (record number as a spreadsheet shows it, header = 1) and column
 * number; Excel: sheet, row and column letter. `field` is the column's header text. */
export interface ExchangeLocation {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
}

export interface ExchangeIssue {
  location: ExchangeLocation | null;
  /** The reason, in Chinese, without the location. */
  message: string;
}

/** At most this many issues are kept (and listed); the total is still counted. */
export const MAX_LISTED_ISSUES = 1000;

/** “工作表“填报”第12行，第G列（本年数值）：原因” / “第3行，第7列（value）：原因” / “原因”. */
export function formatIssue(issue: ExchangeIssue): string {
  const at = issue.location;
  if (at === null) return issue.message;
  let where = '';
  if (at.sheet !== undefined) where += `工作表“${at.sheet}”`;
  if (at.row !== undefined) where += `第${at.row}行`;
  if (at.column !== undefined) where += `${where ? '，' : ''}第${at.column}列`;
  if (at.field !== undefined) where += at.column !== undefined ? `（${at.field}）` : `${where ? '，' : ''}${at.field}`;
  return where ? `${where}：${issue.message}` : issue.message;
}

export class ExchangeError extends Error {
  /** How many problems were found (issues holds at most MAX_LISTED_ISSUES of them). */
  readonly total: number;

  constructor(
    readonly summary: string,
    readonly issues: ExchangeIssue[],
    total?: number,
  ) {
    const count = total ?? issues.length;
    const listed = issues.map(formatIssue);
    const more = count > issues.length ? [`……另有${count - issues.length}处错误未列出`] : [];
    super([summary, ...listed, ...more].join('\n'));
    this.name = 'ExchangeError';
    this.total = count;
  }

  /** The list as plain lines (for JSON answers and the CLI). */
  lines(): string[] {
    return this.issues.map(formatIssue);
  }
}

/** Collects issues up to MAX_LISTED_ISSUES while counting all of them. */
export class IssueList {
  readonly issues: ExchangeIssue[] = [];
  count = 0;

  add(location: ExchangeLocation | null, message: string): void {
    this.count++;
    if (this.issues.length < MAX_LISTED_ISSUES) this.issues.push({ location, message });
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** Throws an ExchangeError naming the file when anything was collected. */
  throwIfAny(what: string): void {
    if (this.count === 0) return;
    throw new ExchangeError(`${what}未导入：发现${this.count}处错误，请全部改正后重新导入（文件中的数据均未写入）`, this.issues, this.count);
  }
}
